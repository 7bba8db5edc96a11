"""Reads for progress returns, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from governance.models import Meeting, ProgressReturn, ReturnSchedule, ReturnState

# Chasing by beat: a reminder a week before the due date, one the day after, and one two weeks after.
# Each run sends only the latest reminder a return has reached (so a run after a missed one sends one
# email, not two), once per return, owner and reminder.
DUE_SOON, OVERDUE, STILL_OVERDUE = "due-soon", "overdue", "still-overdue"
REMINDERS = ((-7, DUE_SOON), (1, OVERDUE), (14, STILL_OVERDUE))
STOP_CHASING_AFTER = timedelta(days=90)


@dataclass(frozen=True)
class Overview:
    schedules: list
    overdue: list
    due: list
    received: list


def _returns():
    return ProgressReturn.objects.select_related(
        "schedule", "schedule__role", "schedule__role__holder", "schedule__person", "submitted_by"
    )


def overview(today: date | None = None, received_limit: int = 30) -> Overview:
    """The secretariat's view: every schedule with its owner, the returns overdue and due, and the latest
    received (four queries)."""
    today = today or timezone.localdate()
    schedules = list(
        ReturnSchedule.objects.select_related("role", "role__holder", "person").order_by("programme", "pk")
    )
    due = list(_returns().filter(state=ReturnState.DUE).order_by("due_on", "pk"))
    received = list(_returns().filter(state=ReturnState.RECEIVED).order_by("-submitted_at", "-pk")[:received_limit])
    return Overview(
        schedules=schedules,
        overdue=[r for r in due if r.due_on < today],
        due=[r for r in due if r.due_on >= today],
        received=received,
    )


def _owned_by(user):
    return Q(schedule__role__holder=user) | Q(schedule__person=user)


def my_returns(user) -> tuple[list, list]:
    """The returns ``user`` owes now (soonest first) and those they sent (latest first): two queries."""
    if not user.is_authenticated:
        return [], []
    mine = _returns().filter(_owned_by(user))
    return (
        list(mine.filter(state=ReturnState.DUE).order_by("due_on", "pk")),
        list(mine.filter(state=ReturnState.RECEIVED).order_by("-submitted_at")[:20]),
    )


def owned_return(user, pk: int) -> ProgressReturn:
    """A return ``user`` owes (404 for anyone else, whatever their role)."""
    return get_object_or_404(_returns().filter(_owned_by(user)), pk=pk)


def readable_return(pk: int) -> ProgressReturn:
    return get_object_or_404(_returns(), pk=pk)


def returns_for_meeting(meeting: Meeting) -> list:
    """The returns received since the meeting before ``meeting`` started, up to its start: what its agenda
    lists (two queries)."""
    previous = (
        Meeting.objects.filter(starts_at__lt=meeting.starts_at)
        .order_by("-starts_at")
        .values_list("starts_at", flat=True)
        .first()
    )
    received = _returns().filter(state=ReturnState.RECEIVED, submitted_at__lte=meeting.starts_at)
    if previous is not None:
        received = received.filter(submitted_at__gt=previous)
    return list(received.order_by("schedule__programme", "submitted_at"))


def reminder_due(progress_return: ProgressReturn, today: date) -> str | None:
    """The latest reminder ``progress_return`` has reached on ``today`` (None: nothing to send)."""
    days = (today - progress_return.due_on).days
    if days > STOP_CHASING_AFTER.days:
        return None
    reached = None
    for offset, name in REMINDERS:
        if days >= offset:
            reached = name
    return reached


def returns_to_chase(today: date) -> list[tuple[ProgressReturn, str]]:
    """Returns still due whose owner should be reminded today, with the reminder (one query)."""
    window = (
        _returns()
        .filter(
            state=ReturnState.DUE,
            due_on__lte=today + timedelta(days=-REMINDERS[0][0]),
            due_on__gte=today - STOP_CHASING_AFTER,
        )
        .filter(Q(schedule__role__holder__is_active=True) | Q(schedule__person__is_active=True))
    )
    chase = []
    for progress_return in window.order_by("due_on", "pk"):
        reminder = reminder_due(progress_return, today)
        if reminder:
            chase.append((progress_return, reminder))
    return chase
