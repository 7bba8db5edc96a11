"""Reminders for the C&CPLG and the Design Framework self-assessment, started by Celery beat."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from academy.accounts.models import Role
from academy.notifications import services as notifications
from academy.ui.formats import nhs_date
from governance.investment.dashboard import investment_dashboard
from governance.meetings.selectors import meetings_due_a_pulse
from governance.models import Action, FrameworkPoint, Seat
from governance.presenters import investment_summary
from governance.returns import selectors as returns_selectors
from governance.returns import services as returns_services
from governance.talent import services as talent_services

TERM_REMINDER_BEFORE = timedelta(days=60)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_vacancy_alerts(today: str | None = None) -> int:
    """Catch up the talent pool's vacancy alerts for every open vacancy: each member once per vacancy
    (the notification key), so a member who joined the pool or asked for alerts while a vacancy was open
    hears of it within the hour. Returns how many alerts this run queued."""
    day = date.fromisoformat(today) if today else None
    sent = 0
    for vacancy in talent_services.open_vacancies(day):
        with transaction.atomic():
            sent += talent_services.send_vacancy_alerts(vacancy, day)
    return sent


def seats_with_term_ending(today: date | None = None):
    """Held seats whose term ends between today and 60 days from now."""
    today = today or timezone.localdate()
    return Seat.objects.filter(
        holder__isnull=False, term_ends__gte=today, term_ends__lte=today + TERM_REMINDER_BEFORE
    ).select_related("holder", "capability")


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_term_reminders(today: str | None = None) -> int:
    """Tell each holder whose term ends within 60 days, and the governance secretariat, once per term
    (the key names the seat, the holder and the term's end date, so beat firing twice or a retry sends
    nothing more). Returns how many emails this run sent."""
    day = date.fromisoformat(today) if today else None
    secretariat = list(
        get_user_model().objects.filter(is_active=True, role_assignments__role=Role.GOVERNANCE)
        .distinct().only("pk", "email", "first_name")
    )
    path = reverse("governance:ccplg")
    sent = 0
    for seat in seats_with_term_ending(day):
        term = f"{seat.pk}:{seat.holder_id}:{seat.term_ends.isoformat()}"
        context = {
            "seat": seat.title, "holder_name": seat.holder.get_full_name() or seat.holder.email,
            "term_ends": nhs_date(seat.term_ends), "ccplg_path": path,
        }
        recipients = [(seat.holder, "seat_term_ending")] + [(person, "seat_term_ending_secretariat")
                                                           for person in secretariat]
        for person, template in recipients:
            if notifications.notify(
                key=f"seat-term-ending:{term}:{person.pk}",
                template=template,
                to_email=person.email,
                context={**context, "first_name": person.first_name},
                recipient=person,
                link=path,
            ):
                sent += 1
    return sent


ACTION_REMINDER_BEFORE = timedelta(days=7)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_action_reminders(today: str | None = None) -> int:
    """Chase the owner of each open C&CPLG action due within 7 days (or overdue), once per due date: a
    new due date is a new reminder. Returns how many emails this run sent."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    sent = 0
    actions = Action.objects.filter(
        completed_at__isnull=True, due_date__lte=day + ACTION_REMINDER_BEFORE, owner__is_active=True
    ).select_related("owner", "meeting")
    for action in actions:
        if notifications.notify(
            key=f"ccplg-action-due:{action.pk}:{action.due_date.isoformat()}",
            template="ccplg_action_due",
            to_email=action.owner.email,
            context={
                "first_name": action.owner.first_name, "description": action.description,
                "due": nhs_date(action.due_date), "overdue": action.due_date < day,
                "meeting": str(action.meeting),
                "meeting_path": reverse("governance:meeting", args=[action.meeting_id]),
            },
            recipient=action.owner,
            link=reverse("governance:meeting", args=[action.meeting_id]),
        ):
            sent += 1
    return sent


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_investment_summaries(today: str | None = None) -> int:
    """Email each ICS Executive role holder this month's investment summary with a link to the dashboard,
    once per month per person (the key names the month and the person). Returns how many emails went."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    board = investment_dashboard(today=day)
    context = {**investment_summary(board, day), "dashboard_path": reverse("governance:dashboard")}
    executives = (
        get_user_model().objects.filter(is_active=True, role_assignments__role=Role.EXECUTIVE)
        .distinct().only("pk", "email", "first_name")
    )
    sent = 0
    for person in executives:
        if notifications.notify(
            key=f"investment-summary:{day:%Y-%m}:{person.pk}", template="investment_summary",
            to_email=person.email, context={**context, "first_name": person.first_name}, recipient=person,
            link=context["dashboard_path"],
        ):
            sent += 1
    return sent


FRAMEWORK_REVIEW_BEFORE = timedelta(days=14)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_framework_review_reminders(today: str | None = None) -> int:
    """Remind the owner of each NHSEI Design Framework point whose review date is within 14 days, once per
    point, owner and review date (a new review date or a new owner is a new reminder). Returns how many
    emails this run sent."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    points = FrameworkPoint.objects.filter(
        owner__isnull=False, owner__is_active=True, review_date__gte=day,
        review_date__lte=day + FRAMEWORK_REVIEW_BEFORE,
    ).select_related("owner")
    sent = 0
    for point in points:
        if notifications.notify(
            key=f"framework-review:{point.pk}:{point.owner_id}:{point.review_date.isoformat()}",
            template="framework_review_due",
            to_email=point.owner.email,
            context={
                "first_name": point.owner.first_name, "number": point.number, "title": point.title,
                "rag": point.get_rag_display().lower(), "review_date": nhs_date(point.review_date),
                "point_path": reverse("governance:framework_point", args=[point.number]),
            },
            recipient=point.owner,
            link=reverse("governance:framework_point", args=[point.number]),
        ):
            sent += 1
    return sent


# --- Progress returns to the C&CPLG (issue 17) ---


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_return_reminders(today: str | None = None) -> int:
    """Open the progress returns that have fallen due (catching up on any a missed run did not open), then
    remind or chase each return's owner: a week before, the day after and two weeks after the due date.
    Each run sends only the latest reminder a return has reached, once per return, owner and reminder
    (the key), so beat firing twice or a retry sends nothing more. Returns how many emails went."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    returns_services.open_all_returns(day)
    sent = 0
    for progress_return, reminder in returns_selectors.returns_to_chase(day):
        owner = progress_return.schedule.owner
        if notifications.notify(
            key=f"progress-return:{progress_return.pk}:{owner.pk}:{reminder}",
            template="progress_return_due",
            to_email=owner.email,
            context={
                "first_name": owner.first_name, "programme": progress_return.schedule.programme,
                "due": nhs_date(progress_return.due_on), "reminder": reminder,
                "overdue": reminder != returns_selectors.DUE_SOON,
                "return_path": reverse("governance:return_submit", args=[progress_return.pk]),
            },
            recipient=owner,
            link=reverse("governance:return_submit", args=[progress_return.pk]),
        ):
            sent += 1
    return sent


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def send_meeting_pulses(now: str | None = None) -> int:
    """Invite each attendee of every meeting whose pulse is open (the meeting has ended, less than two weeks
    ago) to answer it, once per meeting and person (the key names both): a missed run is made up by the
    next, and people whose attendance is recorded late are invited then. Those who have answered are not
    emailed. Returns how many emails this run sent."""
    moment = datetime.fromisoformat(now) if now else timezone.now()
    sent = 0
    for meeting, people in meetings_due_a_pulse(moment):
        context = {
            "meeting": str(meeting), "meeting_date": nhs_date(timezone.localtime(meeting.starts_at).date()),
            "closes": nhs_date(timezone.localtime(meeting.pulse_closes_at).date()),
            "pulse_path": reverse("governance:meeting_pulse", args=[meeting.pk]),
        }
        for person in people:
            if notifications.notify(
                key=f"meeting-pulse:{meeting.pk}:{person.pk}", template="meeting_pulse", to_email=person.email,
                context={**context, "first_name": person.first_name}, recipient=person,
                link=context["pulse_path"],
            ):
                sent += 1
    return sent
