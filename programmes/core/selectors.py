"""Reads for the cohort engine, each with a fixed number of queries."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from programmes.core.models import Application, ApplicationTransition


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
        .select_related("cohort__programme", "priority_function")
        .prefetch_related(
            Prefetch("transitions", queryset=ApplicationTransition.objects.select_related("actor").order_by("at", "pk"))
        )
        .first()
    )
    if application is None:
        raise Http404("No such application")
    return application
