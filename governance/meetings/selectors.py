"""Reads for the C&CPLG meetings' pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from governance.models import Action, Meeting


@dataclass(frozen=True)
class FunctionItems:
    function: object
    items: list


@dataclass(frozen=True)
class MeetingView:
    meeting: object
    by_function: list[FunctionItems]  # only the functions with items, in the functions' order
    agenda_minutes: int
    update_only: int
    carried_actions: list  # open actions from earlier meetings, carried to this agenda
    actions: list  # actions agreed at this meeting
    attendees: list


def meetings_list(today: date | None = None) -> tuple[list, list]:
    """Upcoming meetings (soonest first) and past ones (latest first), with their item counts."""
    now = timezone.now()
    meetings = Meeting.objects.annotate(item_count=Count("items"))
    return list(meetings.filter(starts_at__gte=now).order_by("starts_at")), list(
        meetings.filter(starts_at__lt=now).order_by("-starts_at")[:20]
    )


def meeting_view(meeting) -> MeetingView:
    """A meeting's agenda by the 10 functions, the open actions carried to it from earlier meetings,
    its own actions and attendance (five queries)."""
    items = list(meeting.items.select_related("function").order_by("function__number", "pk"))
    grouped: dict[int, FunctionItems] = {}
    for item in items:
        grouped.setdefault(item.function_id, FunctionItems(item.function, [])).items.append(item)
    carried = list(
        Action.objects.filter(completed_at__isnull=True, meeting__starts_at__lt=meeting.starts_at)
        .select_related("owner", "meeting").order_by("due_date", "pk")
    )
    actions = list(meeting.actions.select_related("owner", "item").order_by("due_date", "pk"))
    attendees = [a.person for a in meeting.attendance.select_related("person").order_by("person__last_name")]
    return MeetingView(
        meeting=meeting, by_function=list(grouped.values()), agenda_minutes=sum(i.minutes for i in items),
        update_only=sum(1 for i in items if i.is_update_only), carried_actions=carried, actions=actions,
        attendees=attendees,
    )


def current_seat_holders():
    return get_user_model().objects.filter(ccplg_seats__isnull=False).distinct().order_by("last_name", "first_name")
