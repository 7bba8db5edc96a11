"""Every write of workshop choices (issue 11): a person with a confirmed registration takes a place at a workshop
of the released schedule, or joins its waiting list when it is full, and can leave; leaving, or cancelling the
registration, gives the place to the first on the waiting list, who is emailed. The team sets a workshop's
capacity (never above its room's seats nor below the places taken).

The cohort engine's way with places (programmes.core.services.workflow): one transaction; the parent's row
locked before its children's (here: the person's registration, then the workshop, then its choices), so people
acting at once queue instead of deadlocking; a ``places_held`` count the database keeps within capacity; a
waiting list served oldest first, each person moved once through the one workflow mechanism."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from academy import workflow
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_datetime_range
from programmes.conference.models import (
    Edition,
    Proposal,
    Registration,
    RegistrationState,
    Room,
    ScheduleVersion,
    SessionKind,
)
from programmes.conference.rules import is_conference_admin
from programmes.conference.schedule_selectors import SCHEDULABLE_STATES
from programmes.conference.workshop_models import (
    LIVE_CHOICE_STATES,
    Workshop,
    WorkshopChoice,
    WorkshopChoiceState,
)

PLACE_EMAIL = "conf_workshop_place"


# --- what the released schedule says about a workshop ---------------------------------------------------------


def _latest_snapshot(edition_id: int) -> dict:
    version = ScheduleVersion.objects.filter(edition_id=edition_id).order_by("-number").only("snapshot").first()
    return version.snapshot if version else {}


def slot_of(entry: dict) -> tuple[dt.datetime, dt.datetime]:
    return parse_datetime(entry["starts_at"]), parse_datetime(entry["ends_at"])


def at_the_same_time(entry: dict, other: dict) -> bool:
    """Whether two entries of the released schedule overlap in time."""
    starts, ends = slot_of(entry)
    other_starts, other_ends = slot_of(other)
    return other_starts < ends and starts < other_ends


def _seats(entry: dict) -> int | None:
    """The seats of the room the released schedule puts ``entry`` in (None if the room has gone)."""
    return Room.objects.filter(pk=entry["room_id"]).values_list("capacity", flat=True).first()


def _released_workshop(edition: Edition, proposal: Proposal) -> dict:
    """The released schedule's entry for ``proposal``, a workshop of ``edition`` still in the programme."""
    entry = _latest_snapshot(edition.pk).get(str(proposal.pk))
    if (entry is None or proposal.edition_id != edition.pk or proposal.state not in SCHEDULABLE_STATES
            or proposal.session_type.kind != SessionKind.WORKSHOP):
        raise ValidationError("This is not a workshop in the released programme")
    return entry


def _lock_workshop(edition: Edition, proposal: Proposal, entry: dict) -> Workshop:
    """The workshop's row, locked; made first (with its room's seats as capacity) if nobody needed it before.
    Two first choices at once both insert nothing twice (ON CONFLICT DO NOTHING), then queue on the lock."""
    if not Workshop.objects.filter(proposal=proposal).exists():
        room = _seats(entry) or 1
        Workshop.objects.bulk_create([Workshop(edition=edition, proposal=proposal, capacity=room)],
                                     ignore_conflicts=True)
    return Workshop.objects.select_for_update().get(proposal=proposal)


def _started(entry: dict, now) -> bool:
    return slot_of(entry)[0] <= now


# --- the person ---------------------------------------------------------------------------------------------


def _lock_confirmed_registration(actor, edition: Edition) -> Registration:
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to choose workshops.")
    registration = (Registration.objects.select_for_update(of=("self",))
                    .filter(edition=edition, user=actor, state=RegistrationState.CONFIRMED).first())
    if registration is None:
        raise ValidationError("You need a confirmed registration for this edition to choose workshops")
    return registration


def _clash(actor, edition: Edition, entry: dict, proposal: Proposal) -> str:
    """The title of a workshop the person has chosen (a place or the waiting list) at the same time, or ""."""
    snapshot = _latest_snapshot(edition.pk)
    chosen = (WorkshopChoice.objects.filter(user=actor, workshop__edition=edition, state__in=LIVE_CHOICE_STATES)
              .exclude(workshop__proposal=proposal).select_related("workshop__proposal"))
    for choice in chosen:
        other = snapshot.get(str(choice.workshop.proposal_id))
        if other is not None and at_the_same_time(entry, other):
            return choice.workshop.proposal.title
    return ""


def choose_workshop(actor, edition: Edition, proposal: Proposal, now=None) -> WorkshopChoice:
    """Take a place at a workshop, or join its waiting list when it is full. Refused: without a confirmed
    registration, once the workshop has started, twice, or at the same time as another workshop chosen."""
    now = now or timezone.now()
    with transaction.atomic():
        _lock_confirmed_registration(actor, edition)
        entry = _released_workshop(edition, proposal)
        if _started(entry, now):
            raise ValidationError("This workshop has already started")
        clash = _clash(actor, edition, entry, proposal)
        if clash:
            raise ValidationError(f"You have already chosen “{clash}” at the same time: leave it first")
        workshop = _lock_workshop(edition, proposal, entry)
        if WorkshopChoice.objects.filter(workshop=workshop, user=actor, state__in=LIVE_CHOICE_STATES).exists():
            raise ValidationError("You have already chosen this workshop")
        if workshop.places_left:
            choice = WorkshopChoice(workshop=workshop, user=actor, state=WorkshopChoiceState.PLACE)
            _hold(workshop)
        else:
            choice = WorkshopChoice(workshop=workshop, user=actor, state=WorkshopChoiceState.WAITING,
                                    waiting_since=now)
        try:
            with transaction.atomic():
                choice.save()
        except IntegrityError as exc:
            raise ValidationError("You have already chosen this workshop") from exc
        workflow.start(choice, actor)
    return choice


def leave_workshop(actor, edition: Edition, proposal: Proposal, now=None) -> WorkshopChoice:
    """Give up a place (it goes to the first on the waiting list) or leave the waiting list."""
    now = now or timezone.now()
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to choose workshops.")
    with transaction.atomic():
        # The registration first, as choosing locks it (any state: a cancelled one has no choices left).
        list(Registration.objects.select_for_update(of=("self",)).filter(edition=edition, user=actor))
        entry = _released_workshop(edition, proposal)
        if _started(entry, now):
            raise ValidationError("This workshop has already started")
        workshop = Workshop.objects.select_for_update().filter(proposal=proposal).first()
        choice = workshop and (WorkshopChoice.objects.select_for_update()
                               .filter(workshop=workshop, user=actor, state__in=LIVE_CHOICE_STATES).first())
        if not choice:
            raise ValidationError("You have not chosen this workshop")
        _leave(choice, workshop, actor, entry, now, note="")
    return choice


def _hold(workshop: Workshop) -> None:
    workshop.places_held += 1
    workshop.save(update_fields=["places_held"])


def _leave(choice: WorkshopChoice, workshop: Workshop, actor, entry: dict | None, now, *, note: str) -> None:
    """Move a live choice to "left" (the caller holds the workshop's lock); a place freed goes on."""
    held = choice.has_place
    choice.workshop = workshop
    workflow.move(choice, WorkshopChoiceState.LEFT, actor, note=note)
    if held:
        workshop.places_held -= 1
        seats = _seats(entry) if entry else None
        if seats is not None and workshop.capacity > seats:
            # Over its room since a move to a smaller one: the place freed is not given again.
            workshop.capacity = max(seats, workshop.places_held, 1)
        workshop.save(update_fields=["places_held", "capacity"])
        if entry is not None and not _started(entry, now):
            fill_from_waiting_list(workshop, entry)


def fill_from_waiting_list(workshop: Workshop, entry: dict) -> int:
    """Give free places to the waiting list, oldest first (the caller holds the workshop's lock). Each person
    moves once and is emailed once, after commit."""
    moved = 0
    while workshop.places_left:
        choice = (WorkshopChoice.objects.select_for_update(of=("self",)).select_related("user")
                  .filter(workshop=workshop, state=WorkshopChoiceState.WAITING)
                  .order_by("waiting_since", "pk").first())
        if choice is None:
            break
        choice.workshop = workshop
        workflow.move(choice, WorkshopChoiceState.PLACE, workflow.SYSTEM, note="A place came free")
        _hold(workshop)
        _email_place(choice, entry)
        moved += 1
    return moved


def _email_place(choice: WorkshopChoice, entry: dict) -> None:
    edition = choice.workshop.edition
    path = reverse("conference:workshops", args=[edition.slug])
    starts, ends = slot_of(entry)
    email_user_after_commit(
        f"conf-workshop-place-{choice.pk}", PLACE_EMAIL, choice.user,
        {"workshop": entry["title"], "edition": edition.name, "when": nhs_datetime_range(starts, ends),
         "room": entry["room"], "workshops_path": path},
        link=path,
    )


def release_choices(user, edition_id: int, actor, *, note: str, now=None) -> int:
    """Leave every workshop the person chose at an edition (their registration is no longer confirmed): each
    place goes to the workshop's waiting list. The caller holds the registration's lock; the workshops are
    locked lowest id first. Returns how many choices were left."""
    now = now or timezone.now()
    ids = list(WorkshopChoice.objects.filter(user=user, workshop__edition_id=edition_id,
                                             state__in=LIVE_CHOICE_STATES).values_list("workshop_id", flat=True))
    if not ids:
        return 0
    snapshot = _latest_snapshot(edition_id)
    workshops = list(Workshop.objects.select_for_update().filter(pk__in=ids).select_related("edition")
                     .order_by("pk"))
    left = 0
    for workshop in workshops:
        for choice in WorkshopChoice.objects.select_for_update().filter(workshop=workshop, user=user,
                                                                        state__in=LIVE_CHOICE_STATES):
            _leave(choice, workshop, actor, snapshot.get(str(workshop.proposal_id)), now, note=note)
            left += 1
    return left


# --- the conference team --------------------------------------------------------------------------------------


def _require_admin(actor) -> None:
    """A conference admin, or workflow.SYSTEM (demo data), as services.require_admin (which imports this)."""
    if not workflow.is_system(actor) and not is_conference_admin(actor):
        raise PermissionDenied("Only the conference's programme admins can change its workshops.")


def set_workshop_capacity(actor, edition: Edition, proposal: Proposal, capacity: int | None, now=None) -> Workshop:
    """Change how many people may take part: at least 1, no more than the room seats, never below the places
    already taken. More places go at once to the waiting list."""
    _require_admin(actor)
    now = now or timezone.now()
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": "The capacity must be 1 or more"})
    with transaction.atomic():
        entry = _released_workshop(edition, proposal)
        workshop = _lock_workshop(edition, proposal, entry)
        seats = _seats(entry)
        if seats is not None and capacity > seats:
            raise ValidationError({"capacity": f"The capacity cannot be more than the {seats} seats of "
                                               f"{entry['room']}"})
        if capacity < workshop.places_held:
            raise ValidationError({"capacity": f"The capacity cannot be below the {workshop.places_held} places "
                                               "already taken"})
        workshop.capacity = capacity
        workshop.follows_room = capacity == seats
        workshop.save(update_fields=["capacity", "follows_room"])
        if not _started(entry, now):
            fill_from_waiting_list(workshop, entry)
    return workshop


def follow_rooms(version: ScheduleVersion, now=None) -> None:
    """After a schedule version is released: each workshop's capacity meets the seats of the room the version
    puts it in. One that follows its room takes the new room's seats (more places go at once to the waiting
    list); one the team set keeps its number unless the new room is smaller. Never below the places taken
    (``WorkshopRow.over_room`` shows the team those left over their room). The caller holds the edition's lock;
    the workshops are locked lowest id first."""
    now = now or timezone.now()
    snapshot = version.snapshot
    workshops = list(Workshop.objects.select_for_update().filter(edition_id=version.edition_id)
                     .select_related("edition").order_by("pk"))
    seats = dict(Room.objects.filter(edition_id=version.edition_id).values_list("pk", "capacity"))
    for workshop in workshops:
        entry = snapshot.get(str(workshop.proposal_id))
        if entry is None or entry["room_id"] not in seats:
            continue  # no longer in the programme: its places stay as they were
        room = seats[entry["room_id"]]
        wanted = room if workshop.follows_room else min(workshop.capacity, room)
        capacity = max(wanted, workshop.places_held, 1)
        if capacity != workshop.capacity:
            raised = capacity > workshop.capacity
            workshop.capacity = capacity
            workshop.save(update_fields=["capacity"])
            if raised and not _started(entry, now):
                fill_from_waiting_list(workshop, entry)


def release_for_erasure(user) -> None:
    """Before a person's workshop choices are erased: each place they held goes to the waiting list."""
    editions = set(WorkshopChoice.objects.filter(user=user, state__in=LIVE_CHOICE_STATES)
                   .values_list("workshop__edition_id", flat=True))
    for edition_id in sorted(editions):
        with transaction.atomic():
            list(Registration.objects.select_for_update(of=("self",)).filter(edition_id=edition_id, user=user))
            release_choices(user, edition_id, workflow.SYSTEM, note="Account erased")
