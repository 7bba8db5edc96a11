"""Reads for a leader's own My Academy: applications, places, sessions, the calendar feed, certificates."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from academy.workflow.models import Transition
from programmes.core.models import (
    Application,
    ApplicationState,
    CalendarFeed,
    Certificate,
    Cohort,
    Session,
)


def own_applications(user) -> QuerySet[Application]:
    """A person's applications and bookings, newest first (one query)."""
    return (
        Application.objects.filter(applicant=user)
        .select_related("cohort__programme")
        .order_by("-created_at", "-pk")
    )


def own_application(user, pk: int) -> Application:
    """One of the person's own applications with its history (two queries); 404 for anyone else's."""
    application = (
        Application.objects.filter(applicant=user, pk=pk)
        .select_related("cohort__programme", "priority_function", "certificate", "access_needs")
        .prefetch_related(
            Prefetch("transitions", queryset=Transition.objects.select_related("actor").order_by("at", "pk"))
        )
        .first()
    )
    if application is None:
        raise Http404("No such application")
    return application




def own_application_for(user, cohort: Cohort) -> Application | None:
    if not user.is_authenticated:
        return None
    return Application.objects.filter(applicant=user, cohort=cohort).first()


# --- My Academy: sessions and the calendar feed --------------------------------------------------------

ATTENDING_STATES = [ApplicationState.ACCEPTED, ApplicationState.COMPLETED]


def own_sessions(user, *, upcoming_only: bool = True, now=None) -> list[Session]:
    """Sessions of the cohorts where the person has a place (one query)."""
    sessions = Session.objects.filter(
        cohort__applications__applicant=user, cohort__applications__state__in=ATTENDING_STATES
    ).select_related("cohort__programme")
    if upcoming_only:
        sessions = sessions.filter(ends_at__gte=now or timezone.now())
    return list(sessions.order_by("starts_at", "pk").distinct())


def own_session(user, pk: int) -> Session:
    """A session the person has a place at (one query); 404 otherwise."""
    session = (
        Session.objects.filter(
            pk=pk, cohort__applications__applicant=user, cohort__applications__state__in=ATTENDING_STATES
        )
        .select_related("cohort__programme")
        .first()
    )
    if session is None:
        raise Http404("No such session")
    return session


def feed_user(token: str):
    feed = CalendarFeed.objects.filter(token=token).select_related("user").first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar feed")
    return feed.user


def own_feed(user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()




def own_certificate(user, application_pk: int) -> Certificate:
    certificate = (
        Certificate.objects.filter(application_id=application_pk, application__applicant=user)
        .select_related("application__applicant", "application__cohort__programme")
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate")
    return certificate
