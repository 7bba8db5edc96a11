"""Writes of the talent pool: a member saves their entry (what they aspire to, where, when they would be
ready, and their two consents) or withdraws it. Only the member themselves: not the network's admins,
not the secretariat, not a superuser."""

from __future__ import annotations

import logging

from dateutil.relativedelta import relativedelta
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from programmes.network.models import (
    READINESS_MONTHS,
    Aspiration,
    MembershipState,
    Readiness,
    TalentEntry,
)

log = logging.getLogger(__name__)
STATEMENT_MAX = 1000


def _ensure_member(person) -> None:
    if not person.is_authenticated:
        raise PermissionDenied
    if not person.network_memberships.filter(state=MembershipState.ACCEPTED).exists():
        raise ValidationError("Only members of the network can be in the talent pool. Join the network first.")


def save_entry(person, *, aspirations, functions, boroughs, ics_wide: bool, readiness: str, statement: str,
               secretariat_consent: bool, alerts_consent: bool) -> TalentEntry:
    """Create or change ``person``'s entry. Raises ValidationError with field errors; nothing is saved then."""
    _ensure_member(person)
    aspirations = [value for value in Aspiration.values if value in set(aspirations or [])]
    functions, boroughs = list(functions or []), list(boroughs or [])
    statement = (statement or "").strip()
    errors = {}
    if not aspirations:
        errors["aspirations"] = "Choose at least one kind of role you aspire to"
    if not functions:
        errors["functions"] = "Choose at least one priority function"
    if not boroughs and not ics_wide:
        errors["boroughs"] = "Choose at least one borough, or ICS-wide"
    if readiness not in Readiness.values:
        errors["readiness"] = "Say when you would be ready"
    if len(statement) > STATEMENT_MAX:
        errors["statement"] = f"Your statement must be {STATEMENT_MAX:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    ready_by = timezone.localdate() + relativedelta(months=READINESS_MONTHS[Readiness(readiness)])
    with transaction.atomic():
        entry, _ = TalentEntry.objects.select_for_update().update_or_create(
            person=person,
            defaults={
                "aspirations": aspirations, "ics_wide": bool(ics_wide), "readiness": readiness,
                "ready_by": ready_by, "statement": statement, "secretariat_consent": bool(secretariat_consent),
                "alerts_consent": bool(alerts_consent),
            },
        )
        entry.functions.set(functions)
        entry.boroughs.set(boroughs)
    log.info("talent entry of user=%s saved (secretariat=%s alerts=%s)", person.pk, secretariat_consent,
             alerts_consent)
    return entry


def withdraw_entry(person, entry: TalentEntry) -> None:
    """Delete the entry: nobody sees it any more and no more alerts are sent."""
    if entry.person_id != person.pk:
        raise PermissionDenied
    with transaction.atomic():
        entry.functions.clear()
        entry.boroughs.clear()
        entry.delete()
    log.info("talent entry of user=%s withdrawn", person.pk)
