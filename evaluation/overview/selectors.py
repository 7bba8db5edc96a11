"""One headline figure for each evaluation app, read through that app's selectors, in a fixed number of
queries whatever the data (surveys 1, stories 1, inclusion 1, network 1, scorecard 6, contribution 1)."""

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
    ("stories", "Stories of system leadership", _stories, "evaluation_stories:collections",
     "evaluation_stories.analyse"),
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
