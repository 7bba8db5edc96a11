"""One headline figure for each evaluation app, read through that app's selectors, in a fixed number of
queries whatever the data (surveys 1, stories 1, inclusion 1, network 1, scorecard 6, contribution 1); and the
readings of programmes' own follow-through: behaviour at three months and coaching, and the conference's
feedback as level 1 reaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from evaluation.contribution import selectors as contribution
from evaluation.contribution.models import Stage
from evaluation.inclusion import selectors as inclusion
from evaluation.network import selectors as network
from evaluation.scorecard import selectors as scorecard
from evaluation.scorecard.indicators import GREEN
from evaluation.scorecard.services import recordable_quarters
from evaluation.stories import selectors as stories
from evaluation.surveys import selectors as surveys
from programmes.conference import followup_selectors as conference
from programmes.network import coaching_selectors as coaching
from programmes.shadowing import selectors as shadowing


@dataclass(frozen=True)
class Headline:
    key: str
    title: str
    figure: str
    caption: str
    url_name: str
    permission: str


def _surveys() -> tuple[str, str]:
    waves = surveys.all_waves()
    invited = sum(wave.invited for wave in waves)
    answered = sum(wave.answered for wave in waves)
    if not invited:
        return "None yet", ("No invitations sent yet. Questionnaires are scheduled for cohorts following "
                            "Kirkpatrick's levels.")
    return f"{round(100 * answered / invited)}%", (f"of {invited:,} invitations answered, across {len(waves)} "
                                                   f"wave{'s' if len(waves) != 1 else ''}")


def _stories() -> tuple[str, str]:
    told = sum(collection.story_count for collection in stories.collections_with_counts())
    return f"{told:,}", f"stor{'ies' if told != 1 else 'y'} of system leadership told"


def _inclusion() -> tuple[str, str]:
    count = len(inclusion.latest_benchmarks())
    return f"{count}", (f"workforce benchmark{'s' if count != 1 else ''} to compare the Academy's makeup with, "
                        "by ethnic group, sex, disability and profession")


def _network() -> tuple[str, str]:
    latest = network.computed_snapshots(limit=1)
    if not latest or latest[0].figures.get("density") is None:
        return "None yet", ("No network snapshot computed yet. The network is computed each quarter from real "
                            "participation.")
    snapshot = latest[0]
    people = snapshot.figures.get("people")
    return f"{snapshot.figures['density']:.4f}", (
        f"network density in {snapshot.year} Q{snapshot.quarter}" + (f" across {people:,} people" if people else ""))


def _scorecard() -> tuple[str, str]:
    today = timezone.localdate()
    quarters = recordable_quarters(today, scorecard.SCORECARD_QUARTERS)[::-1]
    rows = scorecard.scorecard(quarters, today)
    on_target = sum(1 for row in rows if row.rag == GREEN)
    return f"{on_target} of {len(rows)}", "success measures on target"


def _contribution() -> tuple[str, str]:
    counts = contribution.stage_counts()
    spread = counts[Stage.ADOPTED] + counts[Stage.SCALED]
    return f"{spread}", (f"innovation{'s' if spread != 1 else ''} adopted or scaled "
                         f"({counts[Stage.SCALED]} scaled), {counts[Stage.IDENTIFIED]} more identified")


APPS = [
    ("scorecard", "Success-measures scorecard", _scorecard, "evaluation_scorecard:index",
     "evaluation_scorecard.view_scorecard"),
    ("surveys", "Questionnaires and Kirkpatrick results", _surveys, "evaluation_surveys:results",
     "evaluation_surveys.read_results"),
    # Evaluators, programme admins (their programmes' stories) and the Executive (in aggregate).
    ("stories", "Stories of system leadership", _stories, "evaluation_stories:collections",
     "evaluation_stories.view_plots"),
    ("inclusion", "Inclusion", _inclusion, "evaluation_inclusion:overview", "evaluation_inclusion.view"),
    ("network", "The Academy's network", _network, "evaluation_network:index", "evaluation_network.view_network"),
    ("contribution", "Contribution log", _contribution, "evaluation_contribution:log",
     "evaluation_contribution.view_log"),
]


def headlines() -> list[Headline]:
    result = []
    for key, title, figure_of, url_name, permission in APPS:
        figure, caption = figure_of()
        result.append(Headline(key, title, figure, caption, url_name, permission))
    return result


@dataclass(frozen=True)
class ProgrammeReadings:
    """What the evaluation reads of two programmes' own follow-through, in aggregate: the shadowing
    three-month follow-up (counts, and the answers shadows let the evaluation use, without names) and
    coaching (counts only: nothing of what is said in coaching is stored)."""

    follow_up: shadowing.FollowUpSummary
    coaching: coaching.Figures


def programme_readings() -> ProgrammeReadings:
    """Five queries whatever the data: the follow-up's counts and quotes (two), coaching's figures (three)."""
    return ProgrammeReadings(follow_up=shadowing.follow_up_summary(), coaching=coaching.figures())


def conference_reaction() -> list[conference.EditionReaction]:
    """Kirkpatrick level 1 at the conference: each held edition's ratings of the day and of its sessions, in
    aggregate and suppressed, read through the conference's public selector (three queries whatever the data)."""
    return conference.reaction_by_edition()
