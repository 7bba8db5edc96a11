"""Writes for progress returns: the secretariat sets who owes a return and when; the owner sends it.
A return's state changes through the workflow mechanism and its one transition log."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy import workflow
from governance.models import ProgressReturn, ReturnSchedule, ReturnState

SCHEDULE_FIELDS = ("programme", "role", "person", "first_due_on", "every_months", "ends_on")
MAX_TEXT = 3000  # a return is short: about a page in all


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months, on the last day of a shorter month (31 January + 1: 28
    or 29 February)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_dates(schedule: ReturnSchedule, until: date) -> list[date]:
    """The schedule's due dates up to ``until`` and the first one after it (the next return owed), all
    within ``ends_on``."""
    dates, step = [], 0
    while True:
        day = add_months(schedule.first_due_on, schedule.every_months * step)
        if schedule.ends_on and day > schedule.ends_on:
            return dates
        dates.append(day)
        if day > until:
            return dates
        step += 1


def _check(actor, perm: str, obj, message: str) -> None:
    if workflow.is_system(actor):
        return
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def _save(obj, actor, reason: str) -> None:
    if not workflow.is_system(actor):
        obj._history_user = actor
    obj._change_reason = reason
    obj.save()


def open_returns(schedule: ReturnSchedule, today: date | None = None) -> int:
    """Make the returns owed up to ``today`` and the next one (each once: catching up on any a missed run
    did not make). Returns whose due date the schedule no longer has, and not yet received, are removed.
    Returns how many were made."""
    today = today or timezone.localdate()
    wanted = set(due_dates(schedule, today))
    existing = set(schedule.returns.values_list("due_on", flat=True))
    schedule.returns.filter(state=ReturnState.DUE).exclude(due_on__in=wanted).delete()
    missing = sorted(wanted - existing)
    ProgressReturn.objects.bulk_create(
        [ProgressReturn(schedule=schedule, due_on=day) for day in missing], ignore_conflicts=True
    )
    return len(missing)


def open_all_returns(today: date | None = None) -> int:
    """:func:`open_returns` for every schedule still running (Celery beat, before chasing)."""
    today = today or timezone.localdate()
    made = 0
    for schedule in ReturnSchedule.objects.exclude(ends_on__lt=today - timedelta(days=1)):
        made += open_returns(schedule, today)
    return made


@transaction.atomic
def save_schedule(actor, schedule: ReturnSchedule | None, data: dict) -> ReturnSchedule:
    """Set who owes a programme's progress returns (a leadership role's holder, or a person) and when."""
    _check(actor, "governance.manage_returns", None, "Only the governance secretariat can set progress returns.")
    errors = {}
    if bool(data.get("role")) == bool(data.get("person")):
        errors["__all__"] = "Choose a leadership role or enter a person's email address, not both."
    if data.get("person") is not None and not data["person"].is_active:
        errors["person"] = "This account is deactivated. Choose someone with an active account."
    if data.get("ends_on") and data.get("first_due_on") and data["ends_on"] < data["first_due_on"]:
        errors["ends_on"] = "The last date must be the same as or after the first return's due date."
    if errors:
        raise ValidationError(errors)
    creating = schedule is None
    if creating:
        schedule = ReturnSchedule(created_by=workflow.user_or_none(actor))
    else:
        schedule = ReturnSchedule.objects.select_for_update().get(pk=schedule.pk)
    for field in SCHEDULE_FIELDS:
        if field in data:
            setattr(schedule, field, data[field])
    schedule.full_clean()
    _save(schedule, actor, "added" if creating else "changed")
    open_returns(schedule)
    return schedule


@transaction.atomic
def submit_return(actor, progress_return: ProgressReturn, progress: str, risks: str, asks: str) -> ProgressReturn:
    """The owner sends their return to the C&CPLG: it is listed on the next meeting's agenda."""
    progress_return = (
        ProgressReturn.objects.select_for_update(of=("self",))
        .select_related("schedule", "schedule__role")
        .get(pk=progress_return.pk)
    )
    if workflow.is_system(actor):
        raise PermissionDenied("A progress return is sent by the person who owes it.")
    _check(actor, "governance.submit_return", progress_return, "Only the person who owes this return can send it.")
    progress, risks, asks = progress.strip(), risks.strip(), asks.strip()
    errors = {}
    if not progress:
        errors["progress"] = "Enter the progress since the last return"
    for field, text in (("progress", progress), ("risks", risks), ("asks", asks)):
        if len(text) > MAX_TEXT:
            errors[field] = f"Keep this to {MAX_TEXT} characters or fewer (it has {len(text)})"
    if errors:
        raise ValidationError(errors)
    progress_return.progress, progress_return.risks, progress_return.asks = progress, risks, asks
    progress_return.submitted_by, progress_return.submitted_at = actor, timezone.now()
    progress_return._history_user = actor
    workflow.move(progress_return, ReturnState.RECEIVED, actor, update_fields=None)
    return progress_return
