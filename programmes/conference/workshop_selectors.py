"""Reads for workshop choices: the person's page of the released workshops (places left, their choices and place
on waiting lists), the team's list of workshops with their counts, one workshop's names, and the export. Each
reads in a fixed number of queries whatever the number of workshops or people
(tests/programmes/conference/test_workshops.py holds them to it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from programmes.conference.models import (
    Edition,
    Proposal,
    Registration,
    RegistrationState,
    Room,
    ScheduleVersion,
    SessionKind,
)
from programmes.conference.presenters import workshop_status
from programmes.conference.schedule_selectors import SCHEDULABLE_STATES
from programmes.conference.workshop_models import (
    LIVE_CHOICE_STATES,
    Workshop,
    WorkshopChoice,
    WorkshopChoiceState,
)
from programmes.conference.workshops import at_the_same_time, slot_of


@dataclass
class WorkshopRow:
    """One released workshop with its places, for the person's page and the team's list."""

    proposal: Proposal
    room: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    places_held: int = 0
    seats: int | None = None  # the seats of its room in the released version
    waiting: int = 0
    choice: WorkshopChoice | None = None
    position: int | None = None  # the person's place on the waiting list, 1 first
    started: bool = False
    status: object = field(default=None)

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_held, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def over_room(self) -> bool:
        """More places taken than its room seats (a released version moved it to a smaller room)."""
        return self.seats is not None and self.places_held > self.seats

    @property
    def has_place(self) -> bool:
        return bool(self.choice and self.choice.has_place)

    @property
    def is_waiting(self) -> bool:
        return bool(self.choice and self.choice.is_waiting)

    @property
    def chosen(self) -> bool:
        return self.choice is not None


def _version(edition: Edition) -> ScheduleVersion | None:
    return ScheduleVersion.objects.filter(edition=edition).order_by("-number").first()


def _rows(edition: Edition, version: ScheduleVersion | None, now) -> list[WorkshopRow]:
    """The released workshops in time then room order, with their counts: three queries."""
    if version is None:
        return []
    ids = [int(pk) for pk in version.snapshot]
    proposals = list(Proposal.objects.filter(pk__in=ids, edition=edition, state__in=SCHEDULABLE_STATES,
                                             session_type__kind=SessionKind.WORKSHOP).select_related("speaker"))
    workshops = {
        w.proposal_id: w for w in Workshop.objects.filter(proposal__in=proposals).annotate(
            waiting=Count("choices", filter=Q(choices__state=WorkshopChoiceState.WAITING)))
    }
    room_ids = {version.snapshot[str(p.pk)]["room_id"] for p in proposals}
    seats = dict(Room.objects.filter(pk__in=room_ids).values_list("pk", "capacity"))
    rows = []
    for proposal in proposals:
        entry = version.snapshot[str(proposal.pk)]
        starts, ends = slot_of(entry)
        workshop = workshops.get(proposal.pk)
        rows.append(WorkshopRow(
            proposal=proposal, room=entry["room"], starts_at=starts, ends_at=ends,
            capacity=workshop.capacity if workshop else seats.get(entry["room_id"], 0),
            places_held=workshop.places_held if workshop else 0, waiting=workshop.waiting if workshop else 0,
            seats=seats.get(entry["room_id"]), started=starts <= now,
        ))
    return sorted(rows, key=lambda r: (r.starts_at, r.room, r.proposal.title))


@dataclass
class ChoicesPage:
    edition: Edition
    released: bool
    registration: Registration | None
    rows: list[WorkshopRow]

    @property
    def may_choose(self) -> bool:
        return self.registration is not None and self.registration.is_confirmed

    @property
    def places(self) -> list[WorkshopRow]:
        return [row for row in self.rows if row.has_place]

    @property
    def waiting(self) -> list[WorkshopRow]:
        return [row for row in self.rows if row.is_waiting]


def choices_page(slug: str, user, now=None) -> ChoicesPage:
    """The person's page: a published edition's released workshops and their own choices. Seven queries."""
    now = now or timezone.now()
    edition = Edition.objects.filter(slug=slug, state="published").first()
    if edition is None:
        raise Http404("No such edition")
    version = _version(edition)
    rows = _rows(edition, version, now)
    registration = (Registration.objects.filter(edition=edition, user=user,
                                                state__in=[RegistrationState.CONFIRMED, RegistrationState.WAITING,
                                                           RegistrationState.AWAITING_APPROVAL])
                    .order_by("-created_at").first())
    ahead = (WorkshopChoice.objects.filter(workshop=OuterRef("workshop"), state=WorkshopChoiceState.WAITING)
             .filter(Q(waiting_since__lt=OuterRef("waiting_since"))
                     | Q(waiting_since=OuterRef("waiting_since"), pk__lt=OuterRef("pk")))
             .order_by().values("workshop").annotate(n=Count("pk")).values("n"))
    mine = {
        c.workshop.proposal_id: c
        for c in WorkshopChoice.objects.filter(user=user, workshop__edition=edition, state__in=LIVE_CHOICE_STATES)
        .select_related("workshop").annotate(ahead=Coalesce(Subquery(ahead), 0))
    }
    for row in rows:
        row.choice = mine.get(row.proposal.pk)
        if row.choice is not None and row.choice.is_waiting:
            row.position = row.choice.ahead + 1
        row.status = workshop_status(row)
    return ChoicesPage(edition=edition, released=version is not None, registration=registration, rows=rows)


# --- the conference team --------------------------------------------------------------------------------------


def team_workshops(edition: Edition, now=None) -> list[WorkshopRow]:
    """Every released workshop with places taken, capacity and the waiting list's length. Four queries."""
    return _rows(edition, _version(edition), now or timezone.now())


@dataclass
class WorkshopNames:
    edition: Edition
    row: WorkshopRow
    places: list[WorkshopChoice]
    waiting: list[WorkshopChoice]


def workshop_for_team(edition: Edition, pk: int, now=None) -> WorkshopRow:
    """One released workshop of the edition (404 when it is not one)."""
    found = [row for row in team_workshops(edition, now) if row.proposal.pk == pk]
    if not found:
        raise Http404("No such workshop in the released programme")
    return found[0]


def workshop_names(edition: Edition, pk: int, now=None) -> WorkshopNames:
    """One workshop's people: those with a place (in the order they chose) and the waiting list in order."""
    row = workshop_for_team(edition, pk, now)
    choices = list(WorkshopChoice.objects.filter(workshop__proposal_id=pk, state__in=LIVE_CHOICE_STATES)
                   .select_related("user").order_by("waiting_since", "created_at", "pk"))
    return WorkshopNames(edition=edition, row=row, places=[c for c in choices if c.has_place],
                         waiting=[c for c in choices if c.is_waiting])


@dataclass(frozen=True)
class Clash:
    """A person down for two workshops (a place or the waiting list) that the released version puts at the same
    time. Choosing refuses this, but a later version can move one workshop onto another's time."""

    person: object
    first: str
    second: str


def clashes(edition: Edition) -> list[Clash]:
    """Everyone down for two workshops at the same time in the released version, in name order. Two queries."""
    version = _version(edition)
    if version is None:
        return []
    by_person: dict[int, list[tuple[object, dict]]] = {}
    for choice in (WorkshopChoice.objects.filter(workshop__edition=edition, state__in=LIVE_CHOICE_STATES)
                   .select_related("user", "workshop").order_by("user_id", "pk")):
        entry = version.snapshot.get(str(choice.workshop.proposal_id))
        if entry is not None:
            by_person.setdefault(choice.user_id, []).append((choice.user, entry))
    found = []
    for chosen in by_person.values():
        for index, (person, entry) in enumerate(chosen):
            for _other_person, other in chosen[index + 1:]:
                if at_the_same_time(entry, other):
                    first, second = sorted((entry["title"], other["title"]))
                    found.append(Clash(person=person, first=first, second=second))
    return sorted(found, key=lambda c: (c.person.last_name, c.person.first_name, c.person.pk, c.first))


def export_rows(edition: Edition) -> list[WorkshopChoice]:
    """Everyone with a place or on a waiting list at the edition's workshops, by workshop then order."""
    return list(WorkshopChoice.objects.filter(workshop__edition=edition, state__in=LIVE_CHOICE_STATES)
                .select_related("user", "workshop__proposal")
                .order_by("workshop__proposal__title", "workshop_id", "state", "waiting_since", "created_at", "pk"))
