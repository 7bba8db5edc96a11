"""Writes for C&CPLG meetings, agendas, attendance and actions, saved with history."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from academy.accounts.models import User
from academy.ui.formats import nhs_datetime
from governance.audit import check_permission, save_with_history
from governance.models import (
    Action,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingSettings,
    PulseAnswer,
    PulseAnswered,
    PulseQuestion,
    PulseTally,
    Purpose,
)


def _check_meetings(actor):
    check_permission(actor, "governance.manage_meetings", "Only the governance secretariat can change C&CPLG meetings.")


def _ensure_started(meeting: Meeting, what: str, field: str | None = None) -> None:
    """Nothing is minuted before it happened: ``what`` ("Attendance") can be recorded once the meeting
    has started."""
    if not meeting.has_started():
        message = f"{what} can be recorded once the meeting has started, from {nhs_datetime(meeting.starts_at)}."
        raise ValidationError({field: message} if field else message)


@transaction.atomic
def create_meeting(actor: User | None, starts_at, location: str, minutes: int = 120,
                   title: str = "C&CP Leadership Group") -> Meeting:
    _check_meetings(actor)
    if Meeting.objects.filter(starts_at=starts_at).exists():
        raise ValidationError({"starts_on": "There is already a meeting at this date and time."})
    meeting = Meeting(title=title, starts_at=starts_at, location=location, minutes=minutes)
    meeting.full_clean()
    try:
        with transaction.atomic():
            save_with_history(meeting, actor, "added")
    except IntegrityError as exc:
        raise ValidationError({"starts_on": "There is already a meeting at this date and time."}) from exc
    return meeting


ITEM_FIELDS = ("function", "title", "purpose", "ask", "lead", "minutes", "paper_url", "paper_summary", "paper_pages",
               "outcome")


@transaction.atomic
def save_agenda_item(actor: User | None, meeting: Meeting, item: AgendaItem | None, data: dict) -> AgendaItem:
    """Add or change an agenda item. Every item but an update states the decision or action sought, and
    the agenda may not run longer than the meeting (never enough time is what the group avoids). Its
    decision (``outcome``) is recorded once the meeting has started."""
    _check_meetings(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors = {}
    outcome = (data.get("outcome") or "").strip()
    if outcome and outcome != getattr(item, "outcome", "") and not meeting.has_started():
        errors["outcome"] = (
            f"A decision can be recorded once the meeting has started, from {nhs_datetime(meeting.starts_at)}."
        )
    if data.get("purpose") != Purpose.UPDATE and not (data.get("ask") or "").strip():
        errors["ask"] = "Enter the decision or action the group is asked for. If there is none, choose 'Update only'."
    others = meeting.items.exclude(pk=getattr(item, "pk", None)).aggregate(total=Sum("minutes"))["total"] or 0
    if data.get("minutes") and others + data["minutes"] > meeting.minutes:
        errors["minutes"] = (
            f"The agenda would run to {others + data['minutes']} minutes, longer than the meeting's "
            f"{meeting.minutes}. Shorten this item or move one to the next meeting."
        )
    if errors:
        raise ValidationError(errors)
    creating = item is None
    item = AgendaItem(meeting=meeting) if creating else AgendaItem.objects.select_for_update().get(pk=item.pk)
    for field in ITEM_FIELDS:
        if field in data:
            setattr(item, field, data[field] if data[field] is not None or field == "paper_pages" else "")
    item.full_clean()
    save_with_history(item, actor, "added" if creating else "changed")
    return item


@transaction.atomic
def record_attendance(actor: User | None, meeting: Meeting, people) -> int:
    """Set who attended ``meeting``, once it has started. Returns how many did."""
    _check_meetings(actor)
    _ensure_started(meeting, "Attendance")
    wanted = {person.pk for person in people}
    current = set(meeting.attendance.values_list("person_id", flat=True))
    for attendance in meeting.attendance.filter(person_id__in=current - wanted):
        attendance._history_user = actor
        attendance.delete()
    for person_id in wanted - current:
        save_with_history(Attendance(meeting=meeting, person_id=person_id), actor, "attended")
    return len(wanted)


@transaction.atomic
def add_action(actor: User | None, meeting: Meeting, description: str, owner: User, due_date: date,
               item: AgendaItem | None = None) -> Action:
    """An action the meeting agreed: recorded once the meeting has started."""
    _check_meetings(actor)
    _ensure_started(meeting, "Actions")
    errors = {}
    if not owner.is_active:
        errors["owner_email"] = "This account is deactivated. Choose someone with an active account."
    if due_date < timezone.localtime(meeting.starts_at).date():
        errors["due_date"] = "The action cannot be due before the meeting that agreed it. Enter a later date."
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = "Choose an item from this meeting's agenda."
    if errors:
        raise ValidationError(errors)
    action = Action(meeting=meeting, item=item, description=description, owner=owner, due_date=due_date)
    action.full_clean()
    save_with_history(action, actor, "added")
    return action


@transaction.atomic
def complete_action(actor: User | None, action: Action, note: str = "") -> Action:
    """Mark an action done. Its owner may do this as well as the secretariat."""
    if actor is not None and actor.pk != action.owner_id:
        _check_meetings(actor)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.completed_at is not None:
        raise ValidationError("This action is already done.")
    action.completed_at, action.completion_note = timezone.now(), note
    save_with_history(action, actor, "completed")
    return action


SETTINGS_FIELDS = ("max_attendees", "max_paper_pages", "max_update_share")


@transaction.atomic
def save_meeting_settings(actor: User | None, data: dict) -> MeetingSettings:
    """Change the limits the meetings' warnings use (the one settings row), kept with history."""
    _check_meetings(actor)
    settings, _ = MeetingSettings.objects.select_for_update().get_or_create(pk=1)
    for field in SETTINGS_FIELDS:
        if field in data:
            setattr(settings, field, data[field])
    settings.full_clean()
    save_with_history(settings, actor, "changed")
    return settings


PULSE_QUESTIONS = tuple(PulseQuestion.values)


@transaction.atomic
def answer_pulse(actor: User, meeting: Meeting, answers: dict, now=None) -> None:
    """Count an attendee's anonymous answers to a meeting's pulse, once.

    Two things are written and nothing links them: that ``actor`` answered (PulseAnswered, which makes a
    second answer fail on its unique constraint) and one more in the tally of each answer given (PulseTally,
    which counts and names nobody). Answers are never kept one by one, so no order or key can line them
    up with who answered. No history and no audit entry, since either would tie the answers to the person.
    The meeting is locked first, so answers to one meeting are counted one at a time."""
    if not actor.has_perm("governance.answer_meeting_pulse", meeting):
        raise PermissionDenied("Only the people who attended a meeting answer its pulse.")
    now = now or timezone.now()
    if not meeting.has_ended(now):
        raise ValidationError(f"The pulse opens when the meeting ends, at {nhs_datetime(meeting.ends_at)}.")
    if not meeting.pulse_is_open(now):
        raise ValidationError("The pulse for this meeting has closed.")
    errors = {
        question: "Select an answer" for question in PULSE_QUESTIONS if answers.get(question) not in PulseAnswer.values
    }
    if errors:
        raise ValidationError(errors)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    try:
        with transaction.atomic():
            PulseAnswered.objects.create(meeting=meeting, person=actor)
    except IntegrityError as exc:
        raise ValidationError("You have already answered the pulse for this meeting.") from exc
    if not PulseTally.objects.filter(meeting=meeting).exists():
        PulseTally.objects.bulk_create([
            PulseTally(meeting=meeting, question=question, answer=answer)
            for question in PULSE_QUESTIONS for answer in PulseAnswer.values
        ])
    for question in PULSE_QUESTIONS:
        PulseTally.objects.filter(meeting=meeting, question=question, answer=answers[question]).update(
            count=F("count") + 1
        )
