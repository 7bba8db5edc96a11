"""Celery tasks for the cohort engine. Thin: they call services; beat starts them (see schedule.py).
Every email is recorded under a unique key first, so beat firing twice sends one email."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.urls import reverse
from django.utils import timezone

from academy.notifications import services as notifications
from programmes.core import ics, services
from programmes.core.models import Application, ApplicationState, Session

OFFER_REMINDER_BEFORE = timedelta(hours=48)
LINE_MANAGER_REMINDER_AFTER = timedelta(days=3)


@shared_task(acks_late=True)
def lapse_expired_offers() -> int:
    """Lapse offers past their deadline; each freed place is offered to the next person waiting."""
    return services.lapse_expired_offers()


@shared_task(acks_late=True)
def send_offer_expiring_reminders(now=None) -> int:
    """Remind people whose offer lapses within 48 hours, once per offer."""
    now = now or timezone.now()
    sent = 0
    offers = Application.objects.filter(
        state=ApplicationState.OFFERED, offer_expires_at__gt=now, offer_expires_at__lte=now + OFFER_REMINDER_BEFORE
    ).select_related("applicant", "cohort")
    for application in offers.iterator():
        deadline = timezone.localtime(application.offer_expires_at)
        if notifications.notify(
            key=f"offer-expiring:{application.pk}:{application.offer_expires_at.isoformat()}",
            template="offer_expiring",
            to_email=application.applicant.email,
            context={
                "first_name": application.applicant.first_name,
                "cohort": application.cohort.title,
                "deadline": services.format_deadline(deadline),
                "url": services.site_url(reverse("programmes:application", args=[application.pk])),
            },
            recipient=application.applicant,
        ):
            sent += 1
    return sent


@shared_task(acks_late=True)
def send_line_manager_reminders(now=None) -> int:
    """Chase line managers who have not answered within 3 days, once per application."""
    now = now or timezone.now()
    sent = 0
    waiting = Application.objects.filter(
        state=ApplicationState.AWAITING_LINE_MANAGER, submitted_at__lte=now - LINE_MANAGER_REMINDER_AFTER
    ).select_related("applicant", "cohort")
    for application in waiting.iterator():
        if notifications.notify(
            key=f"line-manager-reminder:{application.pk}",
            template="line_manager_reminder",
            to_email=application.line_manager_email,
            context=services.line_manager_email_context(application),
        ):
            sent += 1
    return sent


SESSION_REMINDERS = (("week", timedelta(days=7)), ("tomorrow", timedelta(days=1)))


@shared_task(acks_late=True)
def send_session_reminders(now=None) -> int:
    """Remind participants of a session 7 days before and the day before, with the .ics attached. Each
    (session, person, kind) is sent once, however often beat runs; a run that was missed catches up
    with the nearer reminder only."""
    now = now or timezone.now()
    sent = 0
    sessions = Session.objects.filter(starts_at__gt=now, starts_at__lte=now + timedelta(days=7)).select_related(
        "cohort__programme"
    )
    for session in sessions:
        kind = "tomorrow" if session.starts_at - now <= timedelta(days=1) else "week"
        calendar = ics.calendar([session], name=session.cohort.title)
        places = Application.objects.filter(
            cohort_id=session.cohort_id, state__in=[ApplicationState.ACCEPTED]
        ).select_related("applicant")
        for application in places:
            user = application.applicant
            if notifications.notify(
                key=f"session-{kind}:{session.pk}:{user.pk}",
                template="session_reminder",
                to_email=user.email,
                context={
                    "first_name": user.first_name,
                    "session": session.title,
                    "cohort": session.cohort.title,
                    "when": services.format_deadline(session.starts_at),
                    "tomorrow": kind == "tomorrow",
                    "where": ", ".join(part for part in (session.venue, session.online_link) if part),
                    "url": services.site_url(reverse("programmes:my_academy")),
                    "attachments": [
                        {"filename": "academy-session.ics", "content": calendar, "mimetype": "text/calendar"}
                    ],
                },
                recipient=user,
            ):
                sent += 1
    return sent
