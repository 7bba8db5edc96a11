"""Reads of the network's coaching, each with a fixed number of queries.

Who is coached by whom is read only here, and only for the coaching lead (the requests waiting for a
coach or for a coach's answer), the coach (their own coachees) and the coachee (their own requests).
Everyone else, reports included, gets :func:`figures`: counts through the one suppression helper."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from academy.reports.suppression import SuppressedTable, suppress
from programmes.network.models import (
    COACH_PLACE_STATES,
    Coach,
    CoachingRequest,
    CoachingSession,
    CoachingState,
    CoachStatus,
)

PAGE_SIZE = 25
# The lead sees a request only while there is assigning to do: once the coach accepts, the relationship is
# the coach's and the coachee's alone.
LEAD_STATES = (CoachingState.WAITING, CoachingState.OFFERED)


def coach_of(person) -> Coach | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return Coach.objects.filter(person=person).first()


def _with_sessions(queryset):
    return queryset.annotate(session_total=Sum("sessions__count"))


def requests_of(person):
    """The person's own requests, newest first, with their coach and how many sessions were logged."""
    return list(
        _with_sessions(CoachingRequest.objects.filter(requester=person))
        .select_related("coach__person").order_by("-created_at", "-pk")
    )


def coachees_of(coach: Coach):
    """The requests offered to the coach or under way with them, then the ended ones."""
    return list(
        _with_sessions(CoachingRequest.objects.filter(coach=coach))
        .select_related("requester").order_by("-created_at", "-pk")
    )


def visible_request(user, pk: int) -> CoachingRequest | None:
    """The request if ``user`` is its requester or its coach, else None (the view answers 404, superusers
    included)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        CoachingRequest.objects.filter(pk=pk)
        .filter(Q(requester=user) | Q(coach__person=user))
        .select_related("requester", "coach__person")
        .first()
    )


def sessions_of(request: CoachingRequest):
    return list(CoachingSession.objects.filter(request=request).order_by("-held_on", "-pk"))


def lead_requests(state: str = ""):
    """The requests the coaching lead has to act on: waiting for a coach, or offered and waiting for the
    coach's answer (paginate the queryset: two queries a page, whatever the number of rows)."""
    states = [state] if state in LEAD_STATES else list(LEAD_STATES)
    return (
        CoachingRequest.objects.filter(state__in=states)
        .select_related("requester__profile__organisation", "coach__person")
        .order_by("state", "created_at", "pk")
    )


def lead_request(pk: int) -> CoachingRequest | None:
    return (
        CoachingRequest.objects.filter(pk=pk, state__in=LEAD_STATES)
        .select_related("requester__profile__organisation", "coach__person")
        .first()
    )


def pool():
    """Every coach with how many places they have taken (offered or under way)."""
    return (
        Coach.objects.select_related("person")
        .annotate(taken=Count("requests", filter=Q(requests__state__in=COACH_PLACE_STATES)))
        .order_by("person__last_name", "person__first_name", "pk")
    )


@dataclass(frozen=True)
class Figures:
    requests: SuppressedTable
    sessions: SuppressedTable
    sessions_total: int | None  # None when the number of people it covers is suppressed
    coaches_active: int
    coaches_paused: int


def figures() -> Figures:
    """Anonymised counts for reports (three queries): requests by where they stand and by whom they are
    for, sessions logged, and the size of the pool. Every count of people goes through the suppression
    helper; nothing names anyone."""
    by_state = dict(CoachingRequest.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    sessions = CoachingSession.objects.aggregate(
        n=Sum("count"), people=Count("request__requester", distinct=True)
    )
    pool_counts = dict(Coach.objects.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    people = suppress({"Leaders and teams with sessions logged": sessions["people"] or 0})
    return Figures(
        requests=suppress({label: by_state.get(value, 0) for value, label in CoachingState.choices}),
        sessions=people,
        sessions_total=None if people.any_suppressed else (sessions["n"] or 0),
        coaches_active=pool_counts.get(CoachStatus.ACTIVE, 0),
        coaches_paused=pool_counts.get(CoachStatus.PAUSED, 0),
    )
