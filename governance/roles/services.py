"""Writes for the paid and protected leadership roles, saved with history, priced from the rate card."""

from __future__ import annotations

import logging
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from academy.accounts.models import User
from academy.directory.models import SpatialLevel
from governance.audit import check_permission, save_with_history
from governance.models import MAX_WTE, MIN_WTE, LeadershipRole, RoleType, SpatialLevelDefinition

log = logging.getLogger(__name__)


ROLE_FIELDS = (
    "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
    "role_type", "pay_basis", "wte", "funding_source", "start_date", "end_date", "holder",
    "sessional_overtime_confirmed", "programme",
)
BODY_FOR_LEVEL = {
    SpatialLevel.COLLABORATIVE: ("collaborative", "Select the provider collaborative the role is in"),
    SpatialLevel.LCP: ("borough", "Select the borough whose Local Care Partnership the role is in"),
    SpatialLevel.ORGANISATION: ("organisation", "Select the organisation the role is in"),
}
PENNY = Decimal("0.01")


def price(wte: Decimal, role_type: RoleType) -> Decimal:
    return (wte * role_type.annual_rate_per_wte).quantize(PENNY, rounding=ROUND_HALF_UP)


def holder_wte_elsewhere(holder: User, start: date, end: date | None, exclude_pk: int | None = None) -> Decimal:
    """The holder's WTE in their other roles that overlap ``start``..``end`` (summed in the database)."""
    overlapping = LeadershipRole.objects.filter(holder=holder).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start_date__lte=end)
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    return overlapping.aggregate(total=Sum("wte"))["total"] or Decimal("0")


@transaction.atomic
def save_role(actor: User | None, role: LeadershipRole | None, data: dict, structures=None) -> LeadershipRole:
    """Create (``role`` None) or change a leadership role. ``data`` holds ROLE_FIELDS; a ``wte`` of None
    takes the spatial level's default. The cost is the WTE times the rate card's rate for the role type.
    A holder's WTE across roles at the same time may not go over 1.0 unless confirmed as sessional
    overtime. Raises ValidationError with field errors; nothing is saved then."""
    check_permission(actor, "governance.manage_roles", "Only the governance secretariat can change leadership roles.")
    unknown = set(data) - set(ROLE_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    data = dict(data)
    level = data.get("spatial_level")
    for body_level, (field, _) in BODY_FOR_LEVEL.items():
        if level != body_level:
            data[field] = None  # a body only belongs to its own level
    errors = {}
    if level in BODY_FOR_LEVEL:
        field, message = BODY_FOR_LEVEL[level]
        if data.get(field) is None:
            errors[field] = message
    if data.get("wte") is None and level:
        definition = SpatialLevelDefinition.objects.filter(level=level).first()
        data["wte"] = definition.default_wte if definition else None
    wte = data.get("wte")
    if wte is None:
        errors["wte"] = "Enter the WTE, from 0.1 to 1.0"
    elif not MIN_WTE <= wte <= MAX_WTE:
        errors["wte"] = "The WTE must be from 0.1 to 1.0. 0.2 WTE is one day a week."
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        errors["end_date"] = "The end date must be the same as or after the start date"
    holder = data.get("holder")
    if holder is not None:
        holder = User.objects.select_for_update().get(pk=holder.pk)  # one WTE check at a time per person
        if not holder.is_active:
            errors["holder"] = "This account is deactivated. Choose someone with an active account."
        elif wte is not None and start and "wte" not in errors:
            elsewhere = holder_wte_elsewhere(holder, start, end, getattr(role, "pk", None))
            if elsewhere + wte > MAX_WTE and not data.get("sessional_overtime_confirmed"):
                errors["wte"] = (
                    f"{holder} already has {elsewhere:.2f} WTE in other roles at the same time, so this role "
                    f"would bring them to {elsewhere + wte:.2f} WTE, over 1.0. Lower the WTE, or confirm "
                    "that the time over 1.0 is sessional overtime."
                )
    if errors:
        raise ValidationError(errors)
    creating = role is None
    role = LeadershipRole() if creating else LeadershipRole.objects.select_for_update().get(pk=role.pk)
    for field, value in data.items():
        setattr(role, field, value)
    role.annual_cost = price(role.wte, role.role_type)
    role.full_clean()
    save_with_history(role, actor, "added" if creating else "changed")
    if structures is not None:
        role.structures.set(structures)
    log.info("leadership role pk=%s %s by=%s", role.pk, "added" if creating else "changed", getattr(actor, "pk", None))
    return role


def reprice_roles(role_type: RoleType, actor: User | None, today: date | None = None) -> int:
    """After a rate changes: re-price the roles of that type that have not ended, with history."""
    today = today or timezone.localdate()
    roles = list(
        LeadershipRole.objects.select_for_update().filter(role_type=role_type)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    )
    changed = []
    for role in roles:
        cost = price(role.wte, role_type)
        if cost != role.annual_cost:
            role.annual_cost = cost
            role._change_reason = "rate card changed"
            changed.append(role)
    if changed:
        bulk_update_with_history(changed, LeadershipRole, ["annual_cost"], default_user=actor,
                                 default_change_reason="rate card changed")
    return len(changed)
