"""Writes for the C&CPLG's seats, saved with history."""

from __future__ import annotations

import logging
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from governance.audit import check_permission, save_with_history
from governance.models import Seat

log = logging.getLogger(__name__)


MAX_TERM = timedelta(days=5 * 366)


@transaction.atomic
def assign_seat(actor: User | None, seat: Seat, holder: User, term_starts: date, term_ends: date,
                today: date | None = None) -> Seat:
    """Give ``seat`` to ``holder`` for a term of office. The seat's earlier holder, if any, is kept in
    its history. A term must end after it starts, not already be over, and last at most five years."""
    check_permission(actor, "governance.manage_ccplg", "Only the governance secretariat can change C&CPLG seats.")
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
        save_with_history(seat, actor, reason)
        log.info("ccplg seat pk=%s %s by=%s", seat.pk, reason, getattr(actor, "pk", None))
    return seat


@transaction.atomic
def vacate_seat(actor: User | None, seat: Seat) -> Seat:
    """Leave ``seat`` vacant (its holder stepped down or their term ended)."""
    check_permission(actor, "governance.manage_ccplg", "Only the governance secretariat can change C&CPLG seats.")
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.holder_id is None:
        raise ValidationError("This seat is already vacant.")
    seat.holder, seat.term_starts, seat.term_ends = None, None, None
    save_with_history(seat, actor, "vacated")
    log.info("ccplg seat pk=%s vacated by=%s", seat.pk, getattr(actor, "pk", None))
    return seat
