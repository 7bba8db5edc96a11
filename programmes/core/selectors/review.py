"""Reads for panel review."""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, prefetch_related_objects

from programmes.core.models import (
    Application,
    ApplicationScore,
    ApplicationState,
    Cohort,
)

# --- panel review ------------------------------------------------------------------------------------

SCORABLE_STATES = [ApplicationState.UNDER_REVIEW, ApplicationState.WAITING_LIST]


def sent_applications():
    """Applications their authors have sent: a draft belongs to its author alone until it is sent, so staff
    pages (admin, panel review) look applications up through this and a draft's number is not found, for
    superusers too."""
    return Application.objects.exclude(state=ApplicationState.DRAFT)


def review_cohorts(user) -> list[Cohort]:
    """Cohorts with applications to score: every programme for panel members and superusers, their own
    programmes for programme admins (one query)."""
    cohorts = Cohort.objects.select_related("programme")
    if not (user.is_superuser or user.has_role("reviewer")):
        cohorts = cohorts.filter(programme__slug__in=user.administered_programme_slugs)
    return list(
        cohorts.annotate(
            to_score=Count("applications", filter=Q(applications__state__in=SCORABLE_STATES), distinct=True),
            scored_by_me=Count(
                "applications__scores",
                filter=Q(applications__state__in=SCORABLE_STATES, applications__scores__reviewer=user),
                distinct=True,
            ),
        )
        .filter(to_score__gt=0)
        .order_by("programme__position", "starts_on", "pk")
    )


def review_applications(user, cohort: Cohort) -> list[Application]:
    """Applications on the cohort to score, with the person's own score as ``my_scores`` (two queries)."""
    return list(
        Application.objects.filter(cohort=cohort, state__in=SCORABLE_STATES)
        .exclude(applicant=user)
        .select_related("applicant__profile__profession", "applicant__profile__organisation", "priority_function")
        .prefetch_related(
            Prefetch("scores", queryset=ApplicationScore.objects.filter(reviewer=user), to_attr="my_scores")
        )
        .order_by("submitted_at", "pk")
    )


def with_scores(applications: list[Application]) -> list[Application]:
    """Attach every panel member's score (``panel_scores``) and their mean (``mean_score``): one query."""
    prefetch_related_objects(
        applications,
        Prefetch("scores", queryset=ApplicationScore.objects.select_related("reviewer"), to_attr="panel_scores"),
    )
    for application in applications:
        scores = [s.score for s in application.panel_scores]
        application.mean_score = round(sum(scores) / len(scores), 1) if scores else None
    return applications
