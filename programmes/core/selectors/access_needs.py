"""Reads of leaders' access needs, for the programme admins of the cohort alone.

``programmes.see_access_needs`` is a private permission: superusers, reviewers, faculty, the ICS
Executive and other programmes' admins get nothing here. Access needs are never read by exports or
counts."""

from __future__ import annotations

from programmes.core.models import AccessNeeds, Application, ApplicationState, Cohort

SEE_ACCESS_NEEDS = "programmes.see_access_needs"


def may_see_access_needs(user, cohort: Cohort) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(SEE_ACCESS_NEEDS, cohort))


def cohort_access_needs(user, cohort: Cohort) -> list[AccessNeeds]:
    """The access needs shared on the cohort's sent applications and bookings, by applicant name (one
    query, after the permission check); empty for anyone but the cohort's programme admins."""
    if not may_see_access_needs(user, cohort):
        return []
    return list(
        AccessNeeds.objects.filter(application__cohort=cohort)
        .exclude(application__state=ApplicationState.DRAFT)
        .select_related("application__applicant")
        .order_by("application__applicant__last_name", "application__applicant__first_name", "pk")
    )


def application_access_needs(user, application: Application) -> AccessNeeds | None:
    """One application's access needs, for the cohort's programme admins only (else None)."""
    if not may_see_access_needs(user, application.cohort):
        return None
    return AccessNeeds.objects.filter(application=application).first()
