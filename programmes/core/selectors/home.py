"""Reads for the home page's panels (programmes/core/home.py), each a fixed number of queries."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Exists, Min, OuterRef, Q
from django.utils import timezone

from programmes.core.models import Application, ApplicationState, Reflection, Session
from programmes.core.selectors.review import SCORABLE_STATES

S = ApplicationState
SOON = timedelta(days=7)  # drafts closing, sessions "this week"
LAPSING = timedelta(days=2)  # offers about to lapse, for the programme's admins
REFLECT_WITHIN = timedelta(days=28)  # a session's reflection is asked for in the four weeks after it


def leader_applications_needing_action(user, now: datetime) -> list[Application]:
    """The person's own offers to answer, and their drafts whose cohort closes within a week (one query)."""
    return list(
        Application.objects.filter(applicant=user)
        .filter(
            Q(state=S.OFFERED)
            | Q(state=S.DRAFT, cohort__applications_close__gt=now, cohort__applications_close__lte=now + SOON)
        )
        .select_related("cohort")
        .order_by("-state", "offer_expires_at", "cohort__applications_close", "pk")  # offers, then drafts
    )


def leader_sessions_this_week(user, now: datetime) -> list[Session]:
    """Sessions in the next seven days of cohorts where the person has a place (one query)."""
    return list(
        Session.objects.filter(
            cohort__applications__applicant=user,
            cohort__applications__state=S.ACCEPTED,
            ends_at__gte=now,
            starts_at__lt=now + SOON,
        )
        .select_related("cohort")
        .order_by("starts_at", "pk")
        .distinct()
    )


def leader_reflections_to_write(user, now: datetime) -> list[Session]:
    """Sessions of the person's cohorts that ended in the last four weeks and that they have not yet
    reflected on (one query)."""
    return list(
        Session.objects.filter(
            cohort__applications__applicant=user,
            cohort__applications__state=S.ACCEPTED,
            ends_at__lte=now,
            ends_at__gt=now - REFLECT_WITHIN,
        )
        .exclude(Exists(Reflection.objects.filter(author=user, session=OuterRef("pk"))))
        .select_related("cohort")
        .order_by("starts_at", "pk")
        .distinct()
    )


def _cohorts_run_by(user, prefix: str) -> dict | None:
    """A filter for the cohorts a person runs (``prefix`` leads to the cohort): a superuser's every
    programme, a Programme admin's own; None for someone who runs none."""
    if user.is_superuser:
        return {}
    slugs = user.administered_programme_slugs
    return {f"{prefix}programme__slug__in": slugs} if slugs else None


def admin_application_figures(user, now: datetime) -> dict | None:
    """For the programmes the person runs: applications under review, and offers lapsing within two days
    with the first deadline (one query). None for someone who runs none."""
    scope = _cohorts_run_by(user, "cohort__")
    if scope is None:
        return None
    lapsing = Q(state=S.OFFERED, offer_expires_at__lte=now + LAPSING)
    return Application.objects.filter(**scope).aggregate(
        to_review=Count("pk", filter=Q(state=S.UNDER_REVIEW)),
        lapsing=Count("pk", filter=lapsing),
        first_lapse=Min("offer_expires_at", filter=lapsing),
    )


def admin_sessions_today(user, now: datetime) -> list[Session]:
    """Today's sessions of the cohorts the person runs, for attendance (one query; none for others)."""
    scope = _cohorts_run_by(user, "cohort__")
    if scope is None:
        return []
    today = timezone.localdate(now)
    return list(
        Session.objects.filter(**scope)
        .filter(starts_at__date=today)
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )


def applications_left_to_score(user) -> int:
    """Applications under review or waiting that a panel member (Reviewer role) has not scored yet, across
    every programme, leaving out their own (one query)."""
    return (
        Application.objects.filter(state__in=SCORABLE_STATES)
        .exclude(applicant=user)
        .exclude(scores__reviewer=user)
        .count()
    )
