"""What a wave of questionnaires is for: a cohort of any programme, a conference edition, a shadowing
placement or a network Big Room event. Each programme says, through its public selectors, the subject's
dates and who took part (with their line manager); this module turns them into one plain ``Subject`` the
scheduling, invitations and results read, so none of them asks which kind it is."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from evaluation.surveys.models import SubjectKind
from programmes.conference import selectors as conference
from programmes.core import selectors as programmes
from programmes.core.evaluation import Participant
from programmes.network import selectors as network
from programmes.shadowing import selectors as shadowing

CONFERENCE = ("conference", "Innovation in SEL System Leadership conference")
SHADOWING = ("shadowing", "Walking in each other's shoes (shadowing)")
NETWORK = ("network", "Managed network for next-generation system leaders")
NOUNS = {
    SubjectKind.COHORT: "cohort", SubjectKind.EDITION: "conference edition",
    SubjectKind.PLACEMENT: "shadowing placement", SubjectKind.EVENT: "Big Room event",
}
PROGRAMMES = {SubjectKind.EDITION: CONFERENCE, SubjectKind.PLACEMENT: SHADOWING, SubjectKind.EVENT: NETWORK}
# A subject can still be scheduled while its six-month wave can open: seven months after its last day.
SCHEDULABLE_FOR = relativedelta(months=7)


@dataclass(frozen=True)
class Subject:
    kind: str
    pk: int
    title: str
    programme_name: str
    programme_slug: str
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    last_day: dt.date | None = None

    @property
    def kind_label(self) -> str:
        return SubjectKind(self.kind).label

    @property
    def kind_noun(self) -> str:
        """The kind in running text: "cohort", "conference edition", "Big Room event"."""
        return NOUNS[self.kind]

    @property
    def key(self) -> str:
        """The value naming this subject in a form's list ("edition:3")."""
        return f"{self.kind}:{self.pk}"

    @property
    def wave_filter(self) -> dict:
        return {f"{self.kind}_id": self.pk}

    @property
    def label(self) -> str:
        return f"{self.programme_name}: {self.title}"

    @property
    def has_dates(self) -> bool:
        return self.starts_on is not None and self.ends_on is not None

    @property
    def results_url(self) -> str:
        return reverse(f"evaluation_surveys:{self.kind}_results", args=[self.pk])

    @property
    def standard_url(self) -> str:
        name = "standard_schedule" if self.kind == SubjectKind.COHORT else f"standard_schedule_{self.kind}"
        return reverse(f"evaluation_surveys:{name}", args=[self.pk])


def of_cohort(cohort, last_day=None) -> Subject:
    return Subject(
        kind=SubjectKind.COHORT, pk=cohort.pk, title=cohort.title, programme_name=cohort.programme.name,
        programme_slug=cohort.programme.slug, starts_on=cohort.starts_on, ends_on=cohort.ends_on,
        last_day=last_day or cohort.ends_on,
    )


def _of(kind: str, found) -> Subject:
    slug, name = PROGRAMMES[kind]
    return Subject(
        kind=kind, pk=found.pk, title=found.title, programme_name=name, programme_slug=slug,
        starts_on=found.starts_on, ends_on=found.ends_on, last_day=found.last_day,
    )


def schedulable(now=None) -> list[Subject]:
    """Everything a wave can be scheduled for: every programme's published cohorts that have not finished
    (one query a programme), then published conference editions, placements with visits and Big Room
    events whose last day was less than seven months ago (one query each)."""
    since = timezone.localdate(now) - SCHEDULABLE_FOR
    found = []
    for programme in programmes.all_programmes():
        found.extend(of_cohort(cohort) for cohort in programmes.programme_cohorts(programme, now))
    found.extend(_of(SubjectKind.EDITION, each) for each in conference.evaluation_editions(since=since))
    found.extend(_of(SubjectKind.PLACEMENT, each) for each in shadowing.evaluation_placements(since=since))
    found.extend(_of(SubjectKind.EVENT, each) for each in network.evaluation_events(since=since))
    return found


def for_scheduling(user, kind: str, pk: int) -> Subject:
    """One subject an evaluator may schedule the standard waves for (404 otherwise), with its dates: a
    published cohort (and the day its last session ends), a published edition, a placement with visits."""
    if kind == SubjectKind.COHORT:
        cohort = programmes.cohort_for_page(user, pk)
        last_end = programmes.last_session_end(cohort)
        return of_cohort(cohort, timezone.localdate(last_end) if last_end else None)
    if kind == SubjectKind.EDITION:
        found = conference.evaluation_edition(pk)
    elif kind == SubjectKind.PLACEMENT:
        found = shadowing.evaluation_placement(pk)
    elif kind == SubjectKind.EVENT:
        found = network.evaluation_event(pk)
    else:
        found = None
    if found is None:
        raise Http404("Nothing to schedule questionnaires for")
    return _of(kind, found)


def attach(waves) -> list:
    """Set ``wave.subject`` on each wave (cohorts come with the wave's ``cohort__programme``; editions,
    placements and events are read in one query a kind, whatever the number of waves). Returns the waves."""
    waves = list(waves)
    wanted = defaultdict(set)
    for wave in waves:
        if wave.cohort_id is None:
            wanted[wave.subject_kind].add(wave.subject_id)
    named = {}
    if wanted[SubjectKind.EDITION]:
        for each in conference.evaluation_editions(ids=wanted[SubjectKind.EDITION]):
            named[(SubjectKind.EDITION, each.pk)] = _of(SubjectKind.EDITION, each)
    if wanted[SubjectKind.PLACEMENT]:
        for each in shadowing.evaluation_placements(ids=wanted[SubjectKind.PLACEMENT]):
            named[(SubjectKind.PLACEMENT, each.pk)] = _of(SubjectKind.PLACEMENT, each)
    if wanted[SubjectKind.EVENT]:
        for each in network.evaluation_events(ids=wanted[SubjectKind.EVENT]):
            named[(SubjectKind.EVENT, each.pk)] = _of(SubjectKind.EVENT, each)
    for wave in waves:
        if wave.cohort_id is not None:
            wave.subject = of_cohort(wave.cohort)
        else:
            wave.subject = named[(wave.subject_kind, wave.subject_id)]
    return waves


def participants(wave, today: dt.date) -> list[Participant]:
    """Who a wave asks: the subject's participants, each with their line manager (a fixed number of
    queries)."""
    if wave.cohort_id is not None:
        return [
            Participant(a.applicant_id, a.line_manager_name or "", a.line_manager_email or "")
            for a in programmes.group_participants(wave.cohort)
        ]
    if wave.edition_id is not None:
        return conference.edition_participants(wave.edition_id, today)
    if wave.event_id is not None:
        return network.event_participants(wave.event_id, today)
    return shadowing.placement_participants(wave.placement_id)
