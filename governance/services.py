"""Writes for governance. Each takes the acting person, checks their permission and the invariants,
and saves with history (the acting person is recorded as the history's author)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from academy.accounts.models import User
from governance.kinds import ReferenceKind
from governance.models import Seat

log = logging.getLogger(__name__)

MAX_TERM = timedelta(days=5 * 366)


def _check(actor: User | None, perm: str, message: str) -> None:
    """``actor`` None is the system itself (demo data, migrations)."""
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied(message)


def _save_with_history(obj, actor: User | None, reason: str) -> None:
    if actor is not None:
        obj._history_user = actor
    obj._change_reason = reason
    obj.save()


@transaction.atomic
def save_reference_item(actor: User | None, kind: ReferenceKind, instance, changes: dict):
    """Create (``instance`` None) or change one item of reference data with ``changes``
    ({field: value}, only the kind's editable fields). Raises ValidationError with field errors."""
    _check(actor, "governance.manage_reference", "Only the governance secretariat can change reference data.")
    unknown = set(changes) - set(kind.fields)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    creating = instance is None
    if creating:
        if not kind.can_add:
            raise ValidationError(f"New {kind.plural.lower()} cannot be added: the list is fixed.")
        instance = kind.model()
        if hasattr(instance, "position"):
            last = kind.model.objects.order_by("-position").values_list("position", flat=True).first()
            instance.position = (last or 0) + 1
    else:
        instance = kind.model.objects.select_for_update().get(pk=instance.pk)
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.full_clean()
    try:
        with transaction.atomic():
            _save_with_history(instance, actor, "added" if creating else "changed")
    except IntegrityError as exc:  # a colleague saved the same name a moment before
        raise ValidationError({kind.fields[0]: f"There is already one with this {kind.fields[0]}."}) from exc
    log.info("governance reference %s %s pk=%s by=%s", kind.slug, "added" if creating else "changed",
             instance.pk, getattr(actor, "pk", None))
    return instance


# --- The C&CPLG's seats ---------------------------------------------------------------------------


@transaction.atomic
def assign_seat(actor: User | None, seat: Seat, holder: User, term_starts: date, term_ends: date,
                today: date | None = None) -> Seat:
    """Give ``seat`` to ``holder`` for a term of office. The seat's earlier holder, if any, is kept in
    its history. A term must end after it starts, not already be over, and last at most five years."""
    _check(actor, "governance.manage_ccplg", "Only the governance secretariat can change C&CPLG seats.")
    today = today or timezone.localdate()
    errors = {}
    if not holder.is_active:
        errors["holder_email"] = "This account is deactivated. Choose someone with an active account."
    if term_ends <= term_starts:
        errors["term_ends"] = "The term must end after the date it starts."
    elif term_ends < today:
        errors["term_ends"] = "This term has already ended. Enter an end date today or later."
    elif term_ends - term_starts > MAX_TERM:
        errors["term_ends"] = "A term of office can be at most 5 years. Check the end date."
    if errors:
        raise ValidationError(errors)
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    changed = (seat.holder_id, seat.term_starts, seat.term_ends) != (holder.pk, term_starts, term_ends)
    if changed:
        reason = "term changed" if seat.holder_id == holder.pk else "holder appointed"
        seat.holder, seat.term_starts, seat.term_ends = holder, term_starts, term_ends
        _save_with_history(seat, actor, reason)
        log.info("ccplg seat pk=%s %s by=%s", seat.pk, reason, getattr(actor, "pk", None))
    return seat


@transaction.atomic
def vacate_seat(actor: User | None, seat: Seat) -> Seat:
    """Leave ``seat`` vacant (its holder stepped down or their term ended)."""
    _check(actor, "governance.manage_ccplg", "Only the governance secretariat can change C&CPLG seats.")
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.holder_id is None:
        raise ValidationError("This seat is already vacant.")
    seat.holder, seat.term_starts, seat.term_ends = None, None, None
    _save_with_history(seat, actor, "vacated")
    log.info("ccplg seat pk=%s vacated by=%s", seat.pk, getattr(actor, "pk", None))
    return seat
