"""Every write of the network's alumni: the opt-in directory entry, offers to volunteer, and the admins
marking a volunteer contacted or placed. Alumni are everyone who completed a cohort of an Academy
programme (programmes.core's selectors); each service checks it again."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from academy import workflow
from programmes.network import alumni_selectors as selectors
from programmes.network.models import (
    LIVE_VOLUNTEER_STATES,
    AlumniListing,
    VolunteerOffer,
    VolunteerRole,
    VolunteerState,
)
from programmes.network.rules import ensure_network_admin

NOT_ALUMNUS = "Only people who have completed an Academy programme can do this."


def _ensure_alumnus(person) -> None:
    if not person.is_authenticated:
        raise PermissionDenied
    if not selectors.is_alumnus(person):
        raise PermissionDenied(NOT_ALUMNUS)


def opt_in(person, *, functions, line: str) -> AlumniListing:
    """List the alumnus in the alumni directory, or change what their entry says."""
    _ensure_alumnus(person)
    line = " ".join((line or "").split())
    if len(line) > 200:
        raise ValidationError({"line": "Your short line must be 200 characters or fewer"})
    with transaction.atomic():
        listing, _created = AlumniListing.objects.get_or_create(person=person, defaults={"line": line})
        if listing.line != line:
            listing.line = line
            listing.save(update_fields=["line", "updated_at"])
        listing.functions.set(functions)
    return listing


def opt_out(person) -> None:
    """Take the person out of the directory at once: their entry is deleted, not hidden."""
    if not person.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        deleted, _ = AlumniListing.objects.filter(person=person).delete()
    if not deleted:
        raise ValidationError("You are not in the alumni directory.")


def volunteer(person, *, role: str, functions, availability: str, note: str) -> VolunteerOffer:
    """An alumnus offers to volunteer as a mentor, faculty or a panel member (one live offer a role)."""
    _ensure_alumnus(person)
    if role not in VolunteerRole.values:
        raise ValidationError({"role": "Choose mentor, faculty or panel member"})
    availability = (availability or "").strip()
    if not availability:
        raise ValidationError({"availability": "Say when you are available"})
    with transaction.atomic():
        if VolunteerOffer.objects.filter(person=person, role=role, state__in=LIVE_VOLUNTEER_STATES).exists():
            label = VolunteerRole(role).label.lower()
            raise ValidationError({"role": f"You have already offered to volunteer as {label}."})
        try:
            with transaction.atomic():
                offer = VolunteerOffer.objects.create(
                    person=person, role=role, availability=availability, note=(note or "").strip()
                )
        except IntegrityError as exc:
            raise ValidationError({"role": "You have already offered to volunteer in this way."}) from exc
        offer.functions.set(functions)
        workflow.start(offer, person, note=f"Offered to volunteer as {offer.get_role_display().lower()}")
    return offer


def withdraw_volunteering(person, offer: VolunteerOffer) -> VolunteerOffer:
    if not person.is_authenticated or offer.person_id != person.pk:
        raise PermissionDenied
    with transaction.atomic():
        offer = VolunteerOffer.objects.select_for_update().get(pk=offer.pk)
        workflow.move(offer, VolunteerState.WITHDRAWN, person)
    return offer


def mark_volunteer(actor, offer: VolunteerOffer, to_state: str) -> VolunteerOffer:
    """The network's admins mark a volunteer contacted or placed (through the workflow)."""
    ensure_network_admin(actor)
    if to_state not in (VolunteerState.CONTACTED, VolunteerState.PLACED):
        raise ValidationError("Choose contacted or placed.")
    with transaction.atomic():
        offer = VolunteerOffer.objects.select_for_update().get(pk=offer.pk)
        workflow.move(offer, to_state, actor)
    return offer
