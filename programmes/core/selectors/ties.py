"""Ties between people from shared participation in the cohort engine, for the evaluation's social network
analysis (evaluation.network). Each read takes a period (two dates, inclusive) and returns, in one query,
``(person_id_a, person_id_b, kind, date)`` tuples with ``person_id_a < person_id_b``: the date is when the
tie began (never after the period's end, never before the shared work began).

A person *held a place* on a cohort when their application was accepted (and not since withdrawn or
removed): accepted, suspended or completed. Offers not yet accepted are not participation.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import combinations

from django.utils import timezone

from programmes.core.models import Application, LearningGroupMember
from programmes.core.states import ApplicationState

PLACE_STATES = (ApplicationState.ACCEPTED, ApplicationState.SUSPENDED, ApplicationState.COMPLETED)

COHORT = "cohort"  # the kind of a tie between two people who held a place on the same cohort
# A learning group's tie kind is its LearningGroupKind value: "action_learning_set" or "quad".

Tie = tuple[int, int, str, date]


def _pairs(members: list[int]) -> Iterator[tuple[int, int]]:
    yield from combinations(sorted(set(members)), 2)


def cohort_ties(start: date, end: date) -> Iterator[Tie]:
    """Pairs of people who held a place on the same cohort while it ran in the period (one query). Dated
    the cohort's first day."""
    rows = (
        Application.objects.filter(
            state__in=PLACE_STATES, cohort__starts_on__lte=end, cohort__ends_on__gte=start
        )
        .values_list("cohort_id", "applicant_id", "cohort__starts_on")
        .order_by("cohort_id", "applicant_id")
    )
    members: dict[int, list[int]] = defaultdict(list)
    began: dict[int, date] = {}
    for cohort_id, person_id, starts_on in rows.iterator(chunk_size=5000):
        members[cohort_id].append(person_id)
        began[cohort_id] = starts_on
    for cohort_id, people in members.items():
        for a, b in _pairs(people):
            yield a, b, COHORT, began[cohort_id]


def learning_group_ties(start: date, end: date) -> Iterator[Tie]:
    """Pairs of people in the same action learning set or quad of a cohort running in the period, both
    still holding their place (one query). Dated the later of the cohort's first day and the day the group
    was made; a group made after the period has no tie in it."""
    rows = (
        LearningGroupMember.objects.filter(
            application__state__in=PLACE_STATES,
            group__cohort__starts_on__lte=end,
            group__cohort__ends_on__gte=start,
        )
        .values_list("group_id", "group__kind", "application__applicant_id", "group__cohort__starts_on",
                     "group__created_at")
        .order_by("group_id")
    )
    members: dict[int, list[int]] = defaultdict(list)
    groups: dict[int, tuple[str, date]] = {}
    for group_id, kind, person_id, starts_on, created_at in rows.iterator(chunk_size=5000):
        members[group_id].append(person_id)
        groups[group_id] = (kind, max(starts_on, timezone.localdate(created_at)))
    for group_id, people in members.items():
        kind, began = groups[group_id]
        if began > end:
            continue
        for a, b in _pairs(people):
            yield a, b, kind, began
