"""Reads of the managed network, each in a fixed number of queries: memberships, intakes, Big Room
events and their table plans, and the ties the evaluation app's network analysis reads."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from programmes.core.evaluation import EvaluationSubject, Participant
from programmes.core.grouping import repeats
from programmes.network import followup_selectors
from programmes.network.models import (
    LIVE_MEMBERSHIP_STATES,
    Attendance,
    Event,
    Intake,
    Membership,
    MembershipState,
    MentoringPair,
    Rsvp,
    RsvpStatus,
)

MEMBERS_PAGE_SIZE = 50


def intake_is_open(intake: Intake, today=None) -> bool:
    today = today or timezone.localdate()
    return intake.state == Intake.State.OPEN and intake.opens_on <= today <= intake.closes_on


def open_intakes(today=None) -> list[Intake]:
    today = today or timezone.localdate()
    return list(Intake.objects.filter(state=Intake.State.OPEN, opens_on__lte=today, closes_on__gte=today))


def intakes_with_counts() -> list[Intake]:
    return list(
        Intake.objects.annotate(
            applied=Count("memberships", filter=Q(memberships__state=MembershipState.APPLIED)),
            accepted=Count("memberships", filter=Q(memberships__state=MembershipState.ACCEPTED)),
        )
    )


def is_member(person) -> bool:
    """An accepted member of the network (either tier)."""
    return bool(person.is_authenticated
                and Membership.objects.filter(person=person, state=MembershipState.ACCEPTED).exists())


def memberships_of(person) -> list[Membership]:
    """A person's live memberships (at most one a tier), the intake first."""
    if not person.is_authenticated:
        return []
    return sorted(
        Membership.objects.filter(person=person, state__in=LIVE_MEMBERSHIP_STATES)
        .select_related("intake")
        .prefetch_related("interests"),
        key=lambda m: (m.tier != "intake", m.pk),
    )


def members(*, state: str = "", intake: Intake | None = None):
    """Memberships for the admins' list, newest first, with what the list shows (3 queries a page)."""
    rows = Membership.objects.select_related(
        "person", "person__profile__organisation", "person__profile__profession", "intake"
    ).prefetch_related("interests")
    if state:
        rows = rows.filter(state=state)
    if intake is not None:
        rows = rows.filter(intake=intake)
    return rows.order_by("-created_at", "-pk")


def upcoming_events(now=None) -> list[Event]:
    now = now or timezone.now()
    return list(_with_counts(Event.objects.filter(ends_at__gte=now)).order_by("starts_at", "pk"))


def past_events(now=None) -> list[Event]:
    now = now or timezone.now()
    return list(_with_counts(Event.objects.filter(ends_at__lt=now)).order_by("-starts_at", "-pk"))


def _with_counts(events):
    return events.annotate(
        going=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.GOING)),
        waiting=Count("rsvps", filter=Q(rsvps__status=RsvpStatus.WAITING)),
    )


def event_with_counts(pk: int) -> Event:
    return _with_counts(Event.objects.filter(pk=pk)).get()


def rsvp_of(person, event: Event) -> Rsvp | None:
    if not person.is_authenticated:
        return None
    return Rsvp.objects.filter(event=event, person=person).first()


def organisations_that_came(event: Event, now=None) -> int | None:
    """How many different organisations the people who came are from; None before the event ends
    (nothing is counted as having happened before it happened). The people who came are those marked as
    came on the register (walk-ins included) once it is taken, otherwise everyone who had a place."""
    now = now or timezone.now()
    if event.ends_at > now:
        return None
    return (
        get_user_model().objects.filter(
            pk__in=followup_selectors.came_person_ids(event), profile__organisation__isnull=False
        )
        .values("profile__organisation")
        .distinct()
        .count()
    )


def attendees(event: Event) -> list[Rsvp]:
    """Everyone coming or waiting, for the admins' page (1 query)."""
    return list(
        Rsvp.objects.filter(event=event, status__in=[RsvpStatus.GOING, RsvpStatus.WAITING])
        .select_related("person", "person__profile__organisation", "person__profile__profession")
        .order_by("status", "table_number", "waiting_since", "pk")
    )


def seating_people(event: Event) -> list[dict]:
    """What the table plan knows of each person coming: their RSVP id, organisation and profession."""
    return [
        {"id": pk, "organisation": organisation, "profession": profession}
        for pk, organisation, profession in Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).values_list(
            "pk", "person__profile__organisation", "person__profile__profession"
        )
    ]


def table_plan(event: Event) -> list[dict]:
    """The tables of an event's plan, in number order, each with its people (1 query)."""
    rows = (
        Rsvp.objects.filter(event=event, status=RsvpStatus.GOING, table_number__isnull=False)
        .select_related("person", "person__profile__organisation", "person__profile__profession")
        .order_by("table_number", "person__last_name", "person__first_name", "pk")
    )
    tables: dict[int, list[Rsvp]] = {}
    for row in rows:
        tables.setdefault(row.table_number, []).append(row)
    return [{"number": number, "people": people} for number, people in sorted(tables.items())]


def unseated_count(event: Event) -> int:
    return Rsvp.objects.filter(event=event, status=RsvpStatus.GOING, table_number__isnull=True).count()


def mixing_repeats(tables: list[list[dict]], dimensions=("organisation", "profession")) -> int:
    """How many people sit with someone of their organisation or profession (summed over both): 0 is
    perfect mixing."""
    return sum(sum(repeats(table, dimensions).values()) for table in tables)


# --- ties for the evaluation app's network analysis ----------------------------------------------


def _came(rsvps):
    """RSVPs "coming" less those the register marks as did not come (no register: everyone who had a place)."""
    absent = Attendance.objects.filter(event=OuterRef("event_id"), person=OuterRef("person_id"), attended=False)
    return rsvps.filter(status=RsvpStatus.GOING).exclude(Exists(absent))


def event_coattendance_ties(*, now=None) -> list[tuple[int, int, int]]:
    """Pairs of people who came to the same Big Room: (person id, person id, number of events), the
    lower id first. Only events that have ended count. Once an event's register is taken, the people
    marked as came (walk-ins included) are the ones who came; before, everyone with a place (1 query)."""
    now = now or timezone.now()
    by_event: dict[int, set[int]] = {}
    rows = (
        _came(Rsvp.objects.filter(event__ends_at__lt=now))
        .values_list("event_id", "person_id")
        .union(
            Attendance.objects.filter(event__ends_at__lt=now, attended=True, walk_in=True)
            .values_list("event_id", "person_id")
        )
        .order_by("event_id", "person_id")
    )
    for event_id, person_id in rows:
        by_event.setdefault(event_id, set()).add(person_id)
    ties: Counter = Counter()
    for people in by_event.values():
        ties.update(combinations(sorted(people), 2))
    return sorted((a, b, n) for (a, b), n in ties.items())


def table_mate_ties(*, now=None) -> list[tuple[int, int, int]]:
    """Pairs of people who sat at the same table at a Big Room that has ended: (person id, person id,
    number of times), the lower id first. Someone the register marks as did not come has no table-mates
(1 query)."""
    now = now or timezone.now()
    by_table: dict[tuple[int, int], list[int]] = {}
    for event_id, table, person_id in (
        _came(Rsvp.objects.filter(event__ends_at__lt=now, table_number__isnull=False))
        .order_by("event_id", "table_number", "person_id")
        .values_list("event_id", "table_number", "person_id")
    ):
        by_table.setdefault((event_id, table), []).append(person_id)
    ties: Counter = Counter()
    for people in by_table.values():
        ties.update(combinations(sorted(people), 2))
    return sorted((a, b, n) for (a, b), n in ties.items())


MENTORING_PAIR = "mentoring_pair"  # the kind of a tie between a mentor and their mentee


def mentoring_pair_ties(start, end):
    """The evaluation app's tie source for mentoring: a mentor and a mentee whose pair was under way in the
    period (two dates, inclusive), as ``(person id, person id, "mentoring_pair", date)`` with the lower id
    first, dated the day the pair started (1 query). A proposed pair that never started is no tie."""
    rows = (
        MentoringPair.objects.filter(started_at__isnull=False, started_at__date__lte=end)
        .filter(Q(ended_at__isnull=True) | Q(ended_at__date__gte=start))
        .order_by("pk")
        .values_list("mentor_id", "mentee_id", "started_at")
    )
    for mentor_id, mentee_id, started_at in rows:
        a, b = sorted((mentor_id, mentee_id))
        yield a, b, MENTORING_PAIR, timezone.localdate(started_at)
TABLE_MATE = "big_room_table"  # the evaluation's tie kind for two people seated at one Big Room table


def table_mate_ties_between(start, end, *, now=None):
    """For the evaluation's network analysis: ``(person_a, person_b, "big_room_table", date)`` with
    ``person_a < person_b`` for two people seated at the same table of a Big Room held in the period (start
    and end dates, inclusive) that has ended (one query); someone the register marks as did not come sat with
    nobody. Dated the day of the event. Co-attendance alone is not a tie there: a 300-person Big Room would
    add a clique of 44,850 ties that swamps every other kind."""
    now = now or timezone.now()
    by_table: dict[tuple[int, int], list[int]] = {}
    held: dict[int, object] = {}
    rows = (
        _came(Rsvp.objects.filter(
            table_number__isnull=False, event__ends_at__lt=now,
            event__starts_at__date__gte=start, event__starts_at__date__lte=end,
        ))
        .order_by("event_id", "table_number", "person_id")
        .values_list("event_id", "table_number", "person_id", "event__starts_at")
    )
    for event_id, table, person_id, starts_at in rows:
        by_table.setdefault((event_id, table), []).append(person_id)
        held[event_id] = timezone.localdate(starts_at)
    for (event_id, _table), people in by_table.items():
        for a, b in combinations(sorted(set(people)), 2):
            yield a, b, TABLE_MATE, held[event_id]


def next_big_room_of(person, now=None) -> Rsvp | None:
    """The person's next Big Room they are coming to or waiting for (one query), for the home page."""
    now = now or timezone.now()
    return (
        Rsvp.objects.filter(person=person, event__ends_at__gte=now,
                            status__in=[RsvpStatus.GOING, RsvpStatus.WAITING])
        .select_related("event").order_by("event__starts_at", "pk").first()
    )


# --- for the evaluation layer's questionnaires (Kirkpatrick waves) -------------------------------------------


def _event_subject(event: Event) -> EvaluationSubject:
    day, last = timezone.localdate(event.starts_at), timezone.localdate(event.ends_at)
    return EvaluationSubject(pk=event.pk, title=event.title, starts_on=day, ends_on=last, last_day=last)


def evaluation_events(since=None, ids=None) -> list[EvaluationSubject]:
    """Big Room events ending on or after the day ``since``, newest first; or, with ``ids``, those events
    (to name the subjects of existing questionnaires). One query."""
    if ids is not None:
        events = Event.objects.filter(pk__in=list(ids))
    else:
        events = Event.objects.filter(ends_at__date__gte=since)
    return [_event_subject(event) for event in events.order_by("-starts_at", "pk")]


def evaluation_event(pk: int) -> EvaluationSubject | None:
    """One Big Room event's dates, or None (one query)."""
    event = Event.objects.filter(pk=pk).first()
    return _event_subject(event) if event else None


def event_participants(event_id: int, on) -> list[Participant]:
    """Who took part in a Big Room event, with the line manager on their profile: before it ends, everyone
    with a place; from then on, those who came (the register once taken). Three queries at most."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return []
    if on >= timezone.localdate(event.ends_at):
        people = followup_selectors.came_person_ids(event)
    else:
        people = Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).values("person_id")
    rows = (
        get_user_model().objects.filter(pk__in=people).order_by("pk")
        .values_list("pk", "profile__line_manager_name", "profile__line_manager_email")
    )
    return [Participant(user_id, name or "", email or "") for user_id, name, email in rows]
