"""The emails that confirm what a leader did or what happened to them, and the panel's notices.

Each is recorded under its own key and sent after the transaction commits (academy.notifications), so a
retry or a double click sends one email and work that is rolled back sends none. Values are passed raw:
the plain-text part is rendered unescaped and the HTML part escapes them once."""

from __future__ import annotations

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role, User
from academy.notifications import services as notifications
from academy.ui.formats import nhs_datetime_range
from programmes.core import ics
from programmes.core.models import Application, Certificate
from programmes.core.presenters import site_url


def _context(application: Application) -> dict:
    return {
        "first_name": application.applicant.first_name,
        "cohort": application.cohort.title,
        "url": site_url(reverse("programmes:application", args=[application.pk])),
    }


def send_place_confirmed(application: Application, *, booked: bool) -> None:
    """Booking confirmed, or offer accepted: the cohort's sessions listed, and attached as an .ics file."""
    user, cohort = application.applicant, application.cohort
    sessions = list(cohort.sessions.order_by("starts_at", "pk"))
    context = {
        **_context(application),
        "booked": booked,
        "sessions": [
            {
                "title": session.title,
                "when": nhs_datetime_range(session.starts_at, session.ends_at),
                "where": ", ".join(part for part in (session.venue, session.online_link) if part),
            }
            for session in sessions
        ],
    }
    if sessions:
        context["attachments"] = [
            {"filename": "academy-cohort.ics", "content": ics.calendar(sessions, name=cohort.title),
             "mimetype": "text/calendar"}
        ]
    notifications.send_after_commit(
        f"place-confirmed:{application.pk}", "place_confirmed", user.email, context, user,
        link=reverse("programmes:application", args=[application.pk]),
    )


def send_line_manager_answer(application: Application, *, approved: bool) -> None:
    """Tell the applicant what their line manager (or sponsor, for a leader without one) answered."""
    user = application.applicant
    context = {
        **_context(application),
        "line_manager_name": application.line_manager_name,
        "confirmer": "sponsor" if application.release_route == "sponsor" else "line manager",
        "catalogue_url": site_url(reverse("programmes:catalogue")),
    }
    template = "line_manager_approved" if approved else "line_manager_declined"
    notifications.send_after_commit(
        f"line-manager-answer:{application.pk}", template, user.email, context, user,
        link=reverse("programmes:application", args=[application.pk]),
    )


def tell_reviewers(application: Application, now=None) -> int:
    """An application is ready for the panel: every panel member (Reviewer role) scores every cohort's
    applications, so each is told, at most once a day for each cohort (its own key), that there are
    applications to score. The applicant is not told about their own application. Returns how many
    emails were newly recorded."""
    cohort = application.cohort
    day = timezone.localdate(now)
    reviewers = (
        User.objects.filter(role_assignments__role=Role.REVIEWER, is_active=True)
        .exclude(pk=application.applicant_id)
        .distinct()
        .order_by("pk")
    )
    url = site_url(reverse("programmes:review_cohort", args=[cohort.pk]))
    told = 0
    for reviewer in reviewers:
        told += notifications.email_user_after_commit(
            f"review-ready:{cohort.pk}:{reviewer.pk}:{day.isoformat()}", "review_ready", reviewer,
            {"cohort": cohort.title, "url": url}, link=url,
        )
    return told


def send_certificate_issued(certificate: Certificate) -> None:
    application = certificate.application
    user = application.applicant
    context = {
        **_context(application),
        "cpd_hours": floatformat(certificate.cpd_hours, -1),
        "code": certificate.code,
        "certificate_url": site_url(reverse("programmes:certificate_pdf", args=[application.pk])),
        "verify_url": site_url(reverse("programmes:certificate_verify", args=[certificate.code])),
    }
    notifications.send_after_commit(
        f"certificate-issued:{certificate.pk}", "certificate_issued", user.email, context, user,
        link=reverse("programmes:application", args=[application.pk]),
    )
