"""Changing ticket type in one step (issue 11: "change or cancel"). The person's live registration is cancelled
and a new one made for the new type in one transaction, so each registration keeps its own workflow history
(a confirmed registration never moves back to "awaiting approval"). Both ticket types' rows are locked, lowest
id first, so two people swapping in opposite directions cannot deadlock; a place given up goes at once to the
old type's waiting list. When the new type is full the person chose beforehand: join its waiting list (giving
up their place) or keep their place."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy import workflow
from academy.ui.formats import nhs_datetime
from programmes.conference.models import (
    LIVE_REGISTRATION_STATES,
    PLACE_HOLDING_STATES,
    Registration,
    RegistrationState,
    TicketType,
)
from programmes.conference.services.registration import (
    _email_registration,
    _fill_from_waiting_list,
    _hold_place,
    _release_place,
)
from programmes.conference.workshops import release_choices

IF_FULL_WAIT, IF_FULL_KEEP = "wait", "keep"
IF_FULL_CHOICES = [
    (IF_FULL_WAIT, "Give up my place and join the waiting list for the new ticket type"),
    (IF_FULL_KEEP, "Keep my place with my current ticket type"),
]


def change_ticket_type(actor, registration: Registration, new_type: TicketType, *, if_full: str = "",
                       now=None) -> Registration:
    """Switch the person's live registration to ``new_type`` (on sale, same edition). Returns the live
    registration afterwards: the new one, or the old one unchanged when the new type is full and they chose to
    keep their place."""
    if not (actor and actor.is_authenticated and actor.pk == registration.user_id):
        raise PermissionDenied("Only the person registered can change their ticket type.")
    if if_full not in ("", IF_FULL_WAIT, IF_FULL_KEEP):
        raise ValidationError({"if_full": "Choose what happens if the ticket type is full"})
    now = now or timezone.now()
    with transaction.atomic():
        # Both types' rows, lowest id first (ORDER BY with FOR UPDATE locks in that order).
        locked = {t.pk: t for t in TicketType.objects.select_for_update().select_related("edition")
                  .filter(pk__in={registration.ticket_type_id, new_type.pk}).order_by("pk")}
        old = (Registration.objects.select_for_update(of=("self",)).select_related("edition", "user")
               .get(pk=registration.pk))
        old_type, new_type = locked[old.ticket_type_id], locked[new_type.pk]
        old.ticket_type = old_type
        if old.state not in LIVE_REGISTRATION_STATES:
            raise ValidationError("This registration has been cancelled: register again instead.")
        if new_type.pk == old_type.pk:
            raise ValidationError({"ticket_type": "Choose a different ticket type from the one you have"})
        if new_type.edition_id != old.edition_id:
            raise ValidationError({"ticket_type": "Choose a ticket type of this edition"})
        if not new_type.on_sale(now):
            raise ValidationError({"ticket_type": f"{new_type.name} tickets are on sale from "
                                   f"{nhs_datetime(new_type.on_sale_from)} to "
                                   f"{nhs_datetime(new_type.on_sale_until)} (London time)"})
        if not new_type.places_left:
            if not if_full:
                raise ValidationError({"if_full": f"{new_type.name} is full: choose whether to join its waiting "
                                       "list or keep your place"})
            if if_full == IF_FULL_KEEP:
                return old
        held = old.state in PLACE_HOLDING_STATES
        workflow.move(old, RegistrationState.CANCELLED, actor, note=f"Changed to {new_type.name}")
        if held:
            _release_place(old_type)
        if new_type.places_left:
            state = RegistrationState.AWAITING_APPROVAL if new_type.needs_approval else RegistrationState.CONFIRMED
            _hold_place(new_type)
        else:
            state = RegistrationState.WAITING
        new = Registration.objects.create(
            edition=old.edition, ticket_type=new_type, user=old.user, state=state, organisation=old.organisation,
            profession=old.profession, dietary_needs=old.dietary_needs, access_needs=old.access_needs,
        )
        workflow.start(new, actor, note=f"Changed from {old_type.name}")
        if held:
            _fill_from_waiting_list(old_type)
        if state != RegistrationState.CONFIRMED:
            release_choices(old.user, old.edition_id, actor, note=f"Changed to {new_type.name}")
        if state == RegistrationState.CONFIRMED:
            _email_registration(new, "conf_registration_confirmed", f"conf-reg-confirmed-{new.pk}")
        elif state == RegistrationState.AWAITING_APPROVAL:
            _email_registration(new, "conf_registration_awaiting", f"conf-reg-awaiting-{new.pk}")
    return new
