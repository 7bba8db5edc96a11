"""Reads for the C&CPLG meetings' pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from academy.reports.suppression import SuppressedTable, suppress_tables
from governance.models import (
    PULSE_OPEN_FOR,
    Action,
    Attendance,
    Meeting,
    MeetingSettings,
    PulseAnswer,
    PulseAnswered,
    PulseQuestion,
    PulseTally,
    Seat,
)


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


# --- Meetings that stay action, not update: warnings, attendance rates and the pulse ---


def meeting_settings() -> MeetingSettings:
    """The secretariat's limits, or the defaults (12 people, 4 pages, 30%) until they set them (one query)."""
    return MeetingSettings.objects.filter(pk=1).first() or MeetingSettings(pk=1)


@dataclass(frozen=True)
class MeetingWarning:
    text: str
    item: object = None  # the agenda item it is about, if any


def expected_attendees(meeting, view: MeetingView) -> tuple[int, bool]:
    """How many people are at the meeting: those recorded as attending once attendance is recorded, and
    until then the people expected, the holders of the group's seats other than those invited only for
    their items. Returns (count, recorded)."""
    if view.attendees:
        return len(view.attendees), True
    expected = (
        Seat.objects.filter(holder__isnull=False, invited_ad_hoc=False).values("holder_id").distinct().count()
    )
    return expected, False


def meeting_warnings(meeting, view: MeetingView, settings: MeetingSettings) -> list[MeetingWarning]:
    """What makes the meeting less "action, not update" (seed 002's anti-governance), against the limits
    the secretariat set: too many people, papers without a summary or over the page limit, too large a
    share of update-only items (at most one query)."""
    warnings = []
    people, recorded = expected_attendees(meeting, view)
    if people > settings.max_attendees:
        warnings.append(MeetingWarning(
            f"{people} people {'attended' if recorded else 'are expected (the holders of the group’s seats)'}, "
            f"more than the {settings.max_attendees} the secretariat set. Too many people make a meeting "
            "harder to run: could some join only for their items?"
        ))
    items = [item for group in view.by_function for item in group.items]
    for item in items:
        has_paper = bool(item.paper_url or item.paper_pages)
        if has_paper and not item.paper_summary.strip():
            warnings.append(MeetingWarning(f"The paper for “{item.title}” has no summary.", item))
        if item.paper_pages and item.paper_pages > settings.max_paper_pages:
            warnings.append(MeetingWarning(
                f"The paper for “{item.title}” runs to {item.paper_pages} pages, over the limit of "
                f"{settings.max_paper_pages}.", item,
            ))
    if items and view.update_only * 100 > settings.max_update_share * len(items):
        share = round(view.update_only * 100 / len(items))
        warnings.append(MeetingWarning(
            f"{view.update_only} of {len(items)} items ({share}%) are updates only, more than the "
            f"{settings.max_update_share}% the secretariat set. Could some be sent as short notes instead?"
        ))
    return warnings


RATE_WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class AttendanceRate:
    person: object
    seats: list  # the seat titles they hold
    attended: int
    held: int  # meetings held (with attendance recorded) in the last 12 months since their term began

    @property
    def percent(self) -> int | None:
        return round(self.attended * 100 / self.held) if self.held else None


def attendance_rates(now=None, person=None) -> list[AttendanceRate]:
    """Each current seat holder's attendance over the last 12 months (or only ``person``'s): the meetings
    that have happened, whose attendance is recorded, since the person's term began. A meeting that has
    not happened, or whose attendance is not yet recorded, counts for nobody (three queries)."""
    now = now or timezone.now()
    seats = Seat.objects.filter(holder__isnull=False).select_related("holder").order_by(
        "holder__last_name", "holder__first_name", "holder_id", "position"
    )
    if person is not None:
        seats = seats.filter(holder=person)
    holders: dict[int, dict] = {}
    for seat in seats:
        entry = holders.setdefault(seat.holder_id, {"person": seat.holder, "seats": [], "since": seat.term_starts})
        entry["seats"].append(seat.title)
        entry["since"] = min(entry["since"], seat.term_starts)
    if not holders:
        return []
    held = list(
        Meeting.objects.filter(starts_at__gt=now - RATE_WINDOW, starts_at__lte=now)
        .filter(Exists(Attendance.objects.filter(meeting=OuterRef("pk"))))
        .values_list("pk", "starts_at")
    )
    attended = set(
        Attendance.objects.filter(meeting_id__in=[pk for pk, _ in held], person_id__in=list(holders))
        .values_list("meeting_id", "person_id")
    )
    rates = []
    for person_id, entry in holders.items():
        eligible = [pk for pk, starts_at in held if timezone.localtime(starts_at).date() >= entry["since"]]
        rates.append(AttendanceRate(
            person=entry["person"], seats=entry["seats"],
            attended=sum(1 for pk in eligible if (pk, person_id) in attended), held=len(eligible),
        ))
    return rates


def meeting_settings_last_change():
    """The latest change to the settings, with who made it (one query), or None before any."""
    return MeetingSettings.history.select_related("history_user").order_by("-history_date").first()


def has_answered_pulse(meeting, person) -> bool:
    return PulseAnswered.objects.filter(meeting=meeting, person=person).exists()


def open_pulses(person, now=None) -> list:
    """The meetings ``person`` attended whose pulse is open and which they have not answered (one query)."""
    now = now or timezone.now()
    longest = timedelta(minutes=480)
    meetings = (
        Meeting.objects.filter(
            attendance__person=person, starts_at__lte=now, starts_at__gt=now - PULSE_OPEN_FOR - longest,
        )
        .exclude(Exists(PulseAnswered.objects.filter(meeting=OuterRef("pk"), person=person)))
        .order_by("starts_at")
    )
    return [meeting for meeting in meetings if meeting.pulse_is_open(now)]


def meetings_due_a_pulse(now=None) -> list[tuple]:
    """Each meeting whose pulse is open, with its active attendees who have not answered it (two queries).
    Chosen by the meetings' own times, so a run that was missed is made up by the next."""
    now = now or timezone.now()
    longest = timedelta(minutes=480)
    meetings = [
        meeting for meeting in Meeting.objects.filter(starts_at__lte=now, starts_at__gt=now - PULSE_OPEN_FOR - longest)
        if meeting.pulse_is_open(now)
    ]
    attendance = (
        Attendance.objects.filter(meeting__in=meetings, person__is_active=True)
        .exclude(Exists(PulseAnswered.objects.filter(meeting=OuterRef("meeting"), person=OuterRef("person"))))
        .select_related("person").order_by("meeting_id", "person_id")
    )
    people: dict[int, list] = {}
    for row in attendance:
        people.setdefault(row.meeting_id, []).append(row.person)
    return [(meeting, people[meeting.pk]) for meeting in meetings if meeting.pk in people]


PULSE_QUESTION_LABELS = dict(PulseQuestion.choices)


@dataclass(frozen=True)
class PulseResult:
    meeting: object
    questions: list[tuple[str, SuppressedTable]]  # (question, its answers after suppression)

    @property
    def answers_display(self) -> str:
        """How many answered: the questions' shared total, "fewer than 5" when under the threshold."""
        table = self.questions[0][1]
        return table.total_display if table.total is not None else f"fewer than {table.threshold}"

    @property
    def hidden(self) -> bool:
        return self.questions[0][1].total is None


PULSE_RESULTS_SHOWN = 12


def pulse_results(now=None) -> list[PulseResult]:
    """The pulse's answers for each of the latest meetings whose pulse has closed (latest first), through
    the one suppression helper. Only closed pulses are shown, so a meeting's figures never change once
    shown, and no total across meetings is shown anywhere, so nothing can be worked out by subtracting
    one published figure from another (two queries)."""
    now = now or timezone.now()
    meetings = [
        meeting for meeting in Meeting.objects.filter(
            starts_at__lte=now - PULSE_OPEN_FOR,
        ).filter(Exists(Attendance.objects.filter(meeting=OuterRef("pk")))).order_by("-starts_at")[:40]
        if meeting.pulse_closes_at <= now
    ][:PULSE_RESULTS_SHOWN]
    counts = {
        (meeting.pk, question): dict.fromkeys(PulseAnswer.labels, 0)
        for meeting in meetings for question in PULSE_QUESTION_LABELS
    }
    labels = dict(PulseAnswer.choices)
    tallies = PulseTally.objects.filter(meeting__in=meetings).values_list("meeting_id", "question", "answer", "count")
    for meeting_id, question, answer, count in tallies:
        counts[meeting_id, question][labels[answer]] += count
    # Each question is its own table (one column of answers, its total the number who answered): the
    # answers to different questions are not the same groups of people.
    tables = suppress_tables({
        (meeting.pk, question): {"answers": counts[meeting.pk, question]}
        for meeting in meetings for question in PULSE_QUESTION_LABELS
    })
    return [
        PulseResult(meeting, [(label, tables[meeting.pk, question]["answers"])
                              for question, label in PULSE_QUESTION_LABELS.items()])
        for meeting in meetings
    ]
