"""Celery tasks for the cohort engine. Thin: they call services; beat starts them (see schedule.py).
Every email is recorded under a unique key first, so beat firing twice sends one email."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from academy.notifications import services as notifications
from academy.ui.formats import nhs_datetime
from programmes.core import ics, presenters, services
from programmes.core.models import (
    Application,
    ApplicationState,
    Attendance,
    AttendanceStatus,
    Reflection,
    Session,
)

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
                "deadline": nhs_datetime(deadline),
                "url": presenters.site_url(reverse("programmes:application", args=[application.pk])),
            },
            recipient=application.applicant,
            link=reverse("programmes:application", args=[application.pk]),
        ):
            sent += 1
    return sent


@shared_task(acks_late=True)
def send_line_manager_reminders(now=None) -> int:
    """Chase line managers who have not answered within 3 days, once per application."""
    now = now or timezone.now()
    sent = 0
    # An address the retention schedule blanked (the link long expired) is not chased.
    waiting = Application.objects.filter(
        state=ApplicationState.AWAITING_LINE_MANAGER, submitted_at__lte=now - LINE_MANAGER_REMINDER_AFTER
    ).exclude(line_manager_email="").select_related("applicant", "cohort")
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
            if _notify_about_session(
                user,
                session,
                key=f"session-{kind}:{session.pk}:{user.pk}",
                template="session_reminder",
                when=nhs_datetime(session.starts_at),
                tomorrow=kind == "tomorrow",
                where=", ".join(part for part in (session.venue, session.online_link) if part),
                url=presenters.site_url(reverse("programmes:my_academy")),
                attachments=[{"filename": "academy-session.ics", "content": calendar, "mimetype": "text/calendar"}],
            ):
                sent += 1
    return sent


def _notify_about_session(user, session: Session, key: str, template: str, **context) -> bool:
    """Email ``user`` once (under ``key``) about ``session``: the template gets their first name, the session's
    and its cohort's titles, and ``context``; the inbox entry links to the ``url`` in it. True if an email
    went out."""
    return notifications.notify(
        key=key,
        template=template,
        to_email=user.email,
        context={"first_name": user.first_name, "session": session.title, "cohort": session.cohort.title, **context},
        recipient=user,
        link=context.get("url", ""),
    )


# --- application drafts: the deadline reminder ------------------------------------------------------

APPLICATION_DEADLINE_REMINDER_BEFORE = timedelta(days=3)


@shared_task(acks_late=True)
def send_application_deadline_reminders(now=None) -> int:
    """Remind the owner of each unsent draft once, within 3 days of its cohort's applications closing.
    Nothing is sent for a draft that has been sent (it is no longer a draft) or once applications close."""
    now = now or timezone.now()
    sent = 0
    drafts = Application.objects.filter(
        state=ApplicationState.DRAFT,
        cohort__published=True,
        cohort__applications_close__gt=now,
        cohort__applications_close__lte=now + APPLICATION_DEADLINE_REMINDER_BEFORE,
    ).select_related("applicant", "cohort")
    for application in drafts.iterator():
        if notifications.notify(
            key=f"application-deadline:{application.pk}",
            template="application_deadline",
            to_email=application.applicant.email,
            context={
                "first_name": application.applicant.first_name,
                "cohort": application.cohort.title,
                "deadline": nhs_datetime(application.cohort.applications_close),
                "url": presenters.site_url(reverse("programmes:apply", args=[application.cohort_id])),
            },
            recipient=application.applicant,
            link=reverse("programmes:apply", args=[application.cohort_id]),
        ):
            sent += 1
    return sent


REFLECTION_PROMPT_WITHIN = timedelta(days=3)


@shared_task(acks_late=True)
def send_reflection_prompts(now=None) -> int:
    """From a session's end until 3 days later, prompt each participant marked present who has not
    written a reflection on it, once per (session, person) however often beat runs."""
    now = now or timezone.now()
    sent = 0
    present = (
        Attendance.objects.filter(
            status=AttendanceStatus.PRESENT,
            application__state__in=[ApplicationState.ACCEPTED, ApplicationState.COMPLETED],
            session__ends_at__lte=now,
            session__ends_at__gt=now - REFLECTION_PROMPT_WITHIN,
        )
        .filter(
            ~Exists(
                Reflection.objects.filter(session=OuterRef("session"), author=OuterRef("application__applicant"))
            )
        )
        .select_related("session__cohort", "application__applicant")
        .order_by("session_id", "pk")
    )
    for attendance in present.iterator():
        session, user = attendance.session, attendance.application.applicant
        if _notify_about_session(
            user,
            session,
            key=f"reflection-prompt:{session.pk}:{user.pk}",
            template="reflection_prompt",
            url=presenters.site_url(reverse("programmes:session_reflection", args=[session.pk])),
        ):
            sent += 1
    return sent
