"""Registration: ticket types, registering, approval, cancelling, and the waiting list that fills a freed
place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date, nhs_datetime
from programmes.conference.calendar import edition_attachment
from programmes.conference.models import (
    LIVE_REGISTRATION_STATES,
    PLACE_HOLDING_STATES,
    REGISTRATION_WORKFLOW,
    Edition,
    Registration,
    RegistrationState,
    TicketType,
)
from programmes.conference.services.common import require_admin
from programmes.conference.workshops import release_choices


def save_ticket_type(actor, edition: Edition, ticket_type: TicketType | None = None, *, name: str, capacity: int,
                     needs_approval: bool, on_sale_from, on_sale_until) -> TicketType:
    """Add or change a ticket type. A capacity below the places already taken is refused."""
    require_admin(actor)
    name = name.strip()
    if capacity is None or capacity < 1:
        raise ValidationError({"capacity": "The capacity must be 1 or more"})
    if on_sale_until <= on_sale_from:
        raise ValidationError({"on_sale_until": "The end of sales must be after their start"})
    with transaction.atomic():
        if ticket_type is None:
            ticket_type = TicketType(edition=edition)
        else:
            ticket_type = TicketType.objects.select_for_update().get(pk=ticket_type.pk)
            if capacity < ticket_type.places_held:
                raise ValidationError({"capacity": f"The capacity cannot be below the {ticket_type.places_held} "
                                                   "places already taken"})
        if TicketType.objects.filter(edition=edition, name__iexact=name).exclude(pk=ticket_type.pk).exists():
            raise ValidationError({"name": "This edition already has a ticket type with this name"})
        ticket_type.name, ticket_type.capacity, ticket_type.needs_approval = name, capacity, needs_approval
        ticket_type.on_sale_from, ticket_type.on_sale_until = on_sale_from, on_sale_until
        ticket_type.save()
        # More places may let people in from the waiting list.
        _fill_from_waiting_list(ticket_type)
    return ticket_type


def registration_path(registration: Registration) -> str:
    return reverse("conference:registration", args=[registration.pk])


def _registration_context(registration: Registration) -> dict:
    edition = registration.edition
    return {
        "edition": edition.name, "ticket_type": registration.ticket_type.name,
        "dates": nhs_date(edition.starts_on) if edition.starts_on == edition.ends_on
        else f"{nhs_date(edition.starts_on)} to {nhs_date(edition.ends_on)}",
        "venue": edition.venue_name, "registration_path": registration_path(registration),
    }


def _email_registration(registration: Registration, template: str, key: str) -> None:
    """One email per key, ever, sent after the transaction commits. An email that confirms the place carries
    the edition's day(s) as an .ics file."""
    context = _registration_context(registration)
    if registration.state == RegistrationState.CONFIRMED:
        context["attachments"] = [edition_attachment(registration.edition, registration)]
    email_user_after_commit(key, template, registration.user, context, link=registration_path(registration))


def _lock_ticket_type(pk: int) -> TicketType:
    return TicketType.objects.select_for_update().select_related("edition").get(pk=pk)


def _hold_place(ticket_type: TicketType) -> None:
    ticket_type.places_held += 1
    ticket_type.save(update_fields=["places_held"])


def _release_place(ticket_type: TicketType) -> None:
    ticket_type.places_held -= 1
    ticket_type.save(update_fields=["places_held"])


def register(actor: User, edition: Edition, *, ticket_type: TicketType, organisation: str, profession: str,
             dietary_needs: str = "", access_needs: str = "", now=None) -> Registration:
    """A signed-in person registers. Confirmed at once, or awaiting approval when the ticket type needs it, or
    on the waiting list when the type is full. One live registration per person per edition. The ticket
    type's row is locked, so its places are never exceeded however many register at once."""
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to register.")
    now = now or timezone.now()
    if not edition.is_published or edition.ends_on < timezone.localdate(now):
        raise ValidationError("Registration for this edition is closed")
    if not organisation.strip():
        raise ValidationError({"organisation": "Enter your organisation"})
    if not profession.strip():
        raise ValidationError({"profession": "Enter your profession"})
    with transaction.atomic():
        ticket_type = _lock_ticket_type(ticket_type.pk)
        if ticket_type.edition_id != edition.pk:
            raise ValidationError({"ticket_type": "Choose a ticket type of this edition"})
        if not ticket_type.on_sale(now):
            raise ValidationError({"ticket_type": f"{ticket_type.name} tickets are on sale from "
                                   f"{nhs_datetime(ticket_type.on_sale_from)} to "
                                   f"{nhs_datetime(ticket_type.on_sale_until)} (London time)"})
        if Registration.objects.filter(edition=edition, user=actor, state__in=LIVE_REGISTRATION_STATES).exists():
            raise ValidationError("You are already registered for this edition")
        if ticket_type.places_left:
            state = RegistrationState.AWAITING_APPROVAL if ticket_type.needs_approval else RegistrationState.CONFIRMED
            _hold_place(ticket_type)
        else:
            state = RegistrationState.WAITING
        registration = Registration(
            edition=edition, ticket_type=ticket_type, user=actor, state=state, organisation=organisation.strip(),
            profession=profession.strip(), dietary_needs=dietary_needs.strip(), access_needs=access_needs.strip(),
        )
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as exc:
            raise ValidationError("You are already registered for this edition") from exc
        workflow.start(registration, actor)
        if state == RegistrationState.CONFIRMED:
            _email_registration(registration, "conf_registration_confirmed", f"conf-reg-confirmed-{registration.pk}")
        elif state == RegistrationState.AWAITING_APPROVAL:
            _email_registration(registration, "conf_registration_awaiting", f"conf-reg-awaiting-{registration.pk}")
    return registration


def _lock_registration(registration: Registration) -> tuple[TicketType, Registration]:
    """The ticket type's row first, then the registration's (always this order, so no deadlock)."""
    ticket_type = _lock_ticket_type(registration.ticket_type_id)
    registration = (Registration.objects.select_for_update(of=("self",)).select_related("edition", "user")
                    .get(pk=registration.pk))
    registration.ticket_type = ticket_type
    return ticket_type, registration


def _refuse_unless(registration: Registration, *states: str, to: str) -> None:
    if registration.state not in states:
        raise workflow.NotAllowed(REGISTRATION_WORKFLOW.refusal(registration.state, to))


@transaction.atomic
def approve_registration(actor, registration: Registration) -> Registration:
    require_admin(actor)
    _ticket_type, registration = _lock_registration(registration)
    _refuse_unless(registration, RegistrationState.AWAITING_APPROVAL, to=RegistrationState.CONFIRMED)
    registration.decided_at, registration.decided_by = timezone.now(), workflow.user_or_none(actor)
    workflow.move(registration, RegistrationState.CONFIRMED, actor, update_fields=["decided_at", "decided_by"])
    _email_registration(registration, "conf_registration_approved", f"conf-reg-approved-{registration.pk}")
    return registration


@transaction.atomic
def decline_registration(actor, registration: Registration, reason: str = "") -> Registration:
    """The team declines a registration awaiting approval; its place goes to the waiting list."""
    require_admin(actor)
    ticket_type, registration = _lock_registration(registration)
    _refuse_unless(registration, RegistrationState.AWAITING_APPROVAL, to=RegistrationState.DECLINED)
    registration.decided_at, registration.decided_by = timezone.now(), workflow.user_or_none(actor)
    workflow.move(registration, RegistrationState.DECLINED, actor, note=reason.strip(),
                  update_fields=["decided_at", "decided_by"])
    _release_place(ticket_type)
    _email_registration(registration, "conf_registration_declined", f"conf-reg-declined-{registration.pk}")
    _fill_from_waiting_list(ticket_type)
    return registration


@transaction.atomic
def cancel_registration(actor: User, registration: Registration) -> Registration:
    """The attendee cancels. A place they held goes to the next person on the waiting list."""
    ticket_type, registration = _lock_registration(registration)
    if not (actor and actor.is_authenticated and actor.pk == registration.user_id):
        raise PermissionDenied("Only the person registered can cancel their registration.")
    held = registration.state in PLACE_HOLDING_STATES
    workflow.move(registration, RegistrationState.CANCELLED, actor)
    if held:
        _release_place(ticket_type)
        _fill_from_waiting_list(ticket_type)
    release_choices(registration.user, registration.edition_id, actor, note="Registration cancelled")
    return registration


def _fill_from_waiting_list(ticket_type: TicketType) -> int:
    """Give free places to the waiting list, oldest first (the caller holds the ticket type's lock). Each
    person moves once (the workflow refuses a second move) and is emailed once, after commit."""
    moved = 0
    while ticket_type.places_left:
        registration = (Registration.objects.select_for_update(of=("self",)).select_related("edition", "user")
                        .filter(ticket_type=ticket_type, state=RegistrationState.WAITING).order_by("created_at", "pk")
                        .first())
        if registration is None:
            break
        registration.ticket_type = ticket_type
        to = RegistrationState.AWAITING_APPROVAL if ticket_type.needs_approval else RegistrationState.CONFIRMED
        workflow.move(registration, to, workflow.SYSTEM, note="A place came free")
        _hold_place(ticket_type)
        _email_registration(registration, "conf_registration_place", f"conf-reg-place-{registration.pk}")
        moved += 1
    return moved


def release_for_erasure(user) -> None:
    """Before a person's registrations are erased: each place they held is released and goes to the waiting
    list (the erasure then deletes the rows)."""
    for registration in Registration.objects.filter(user=user, state__in=PLACE_HOLDING_STATES):
        ticket_type, registration = _lock_registration(registration)
        if registration.state in PLACE_HOLDING_STATES:
            workflow.move(registration, RegistrationState.CANCELLED, workflow.SYSTEM, note="Account erased")
            _release_place(ticket_type)
            _fill_from_waiting_list(ticket_type)
            release_choices(user, registration.edition_id, workflow.SYSTEM, note="Account erased")
