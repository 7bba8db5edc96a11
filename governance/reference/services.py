"""Writes for the reference data. Each takes the acting person, checks their permission and the
invariants, and saves with history (the acting person is recorded as the history's author)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from academy.accounts.models import User
from governance.audit import check_permission, save_with_history
from governance.models import RoleType
from governance.reference.kinds import ReferenceKind
from governance.roles.services import reprice_roles

log = logging.getLogger(__name__)


@transaction.atomic
def save_reference_item(actor: User | None, kind: ReferenceKind, instance, changes: dict):
    """Create (``instance`` None) or change one item of reference data with ``changes``
    ({field: value}, only the kind's editable fields). Raises ValidationError with field errors."""
    check_permission(actor, "governance.manage_reference", "Only the governance secretariat can change reference data.")
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
            save_with_history(instance, actor, "added" if creating else "changed")
    except IntegrityError as exc:  # a colleague saved the same name a moment before
        raise ValidationError({kind.fields[0]: f"There is already one with this {kind.fields[0]}."}) from exc
    if isinstance(instance, RoleType) and not creating:
        reprice_roles(instance, actor)
    log.info("governance reference %s %s pk=%s by=%s", kind.slug, "added" if creating else "changed",
             instance.pk, getattr(actor, "pk", None))
    return instance
