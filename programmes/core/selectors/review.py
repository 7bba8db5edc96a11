"""Reads for panel review."""

from __future__ import annotations

from django.core.paginator import Page
from django.db.models import Count, Q

from programmes.core.models import (
    Application,
    ApplicationState,
    Cohort,
)
from programmes.core.selectors.application_lists import ROSTER_PAGE_SIZE, ordered_page

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


def review_state_filters() -> list[tuple[str, str]]:
    """The states the panel's list can be filtered by: the states an application can be scored in."""
    return [(value, label) for value, label in ApplicationState.choices if value in SCORABLE_STATES]


def review_applications_page(
    user, cohort: Cohort, page_number, *, order: str = "earliest", state: str = "", per_page: int = ROSTER_PAGE_SIZE
) -> Page:
    """One page of the applications on the cohort the person may score (never their own), sorted and
    filtered as the programme admin's cohort page is (:func:`application_lists.ordered_page`), with every
    panel score's mean and the person's own score as ``my_score`` (three queries). The panel's scores and
    their mean are shown, and count for the order, only once the person has scored the application
    themselves (``scores_hidden`` otherwise), so each score is their own view."""
    applications = (
        Application.objects.filter(cohort=cohort, state__in=SCORABLE_STATES)
        .exclude(applicant=user)
        .select_related("applicant__profile__profession", "applicant__profile__organisation", "priority_function")
    )
    page = ordered_page(applications, page_number, order=order, state=state, states=review_state_filters(),
                        per_page=per_page, scores_after_own_by=user)
    for application in page.object_list:
        application.my_score = next((s for s in application.panel_scores if s.reviewer_id == user.pk), None)
        application.scores_hidden = application.my_score is None
        if application.scores_hidden:
            application.mean_score = None
            application.panel_scores = []
    return page
