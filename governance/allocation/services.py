"""Writes for the allocation model: add, change and retire an expected role, and add a new care pathway
programme's roles after the annex's pattern. Each is checked, saved with history and logged."""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.models import Borough, PriorityFunction, ProviderCollaborative, SpatialLevel
from governance.allocation import annex
from governance.audit import check_permission, save_with_history
from governance.models import MAX_WTE, MIN_WTE, MODEL_LEVELS, CarePathwayProgramme, ExpectedRole, RoleType

log = logging.getLogger(__name__)

PERMISSION = "governance.manage_allocation"
REFUSED = "Only the governance secretariat can change the allocation model."
EXPECTED_FIELDS = (
    "title",
    "function",
    "spatial_level",
    "collaborative",
    "borough",
    "clinical_network",
    "programme",
    "expected_wte",
    "role_type",
    "notes",
)
BODY_FOR_LEVEL = {
    SpatialLevel.COLLABORATIVE: ("collaborative", "Select the provider collaborative"),
    SpatialLevel.LCP: ("borough", "Select the borough whose Local Care Partnership it is"),
}


def _same_cell(data: dict, exclude_pk: int | None):
    cells = ExpectedRole.objects.filter(
        retired_on__isnull=True,
        function=data.get("function"),
        spatial_level=data.get("spatial_level"),
        collaborative=data.get("collaborative"),
        borough=data.get("borough"),
        clinical_network=data.get("clinical_network"),
        programme=data.get("programme"),
    )
    return cells.exclude(pk=exclude_pk) if exclude_pk else cells


@transaction.atomic
def save_expected_role(actor: User | None, expected: ExpectedRole | None, data: dict) -> ExpectedRole:
    """Add (``expected`` None) or change a cell of the model. ``data`` holds EXPECTED_FIELDS. One cell in
    force per function, level and bodies. Raises ValidationError with field errors; nothing is saved then."""
    check_permission(actor, PERMISSION, REFUSED)
    unknown = set(data) - set(EXPECTED_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    data = {name: data.get(name) for name in EXPECTED_FIELDS} | {"notes": data.get("notes") or ""}
    data["title"] = (data["title"] or "").strip()
    errors = {}
    if not data["title"]:
        errors["title"] = "Enter the title of the role"
    if data["function"] is None:
        errors["function"] = "Select the priority function"
    level = data["spatial_level"]
    if level not in MODEL_LEVELS:
        errors["spatial_level"] = "Select ICS, a provider collaborative or a Local Care Partnership"
    for body_level, (name, message) in BODY_FOR_LEVEL.items():
        if level != body_level:
            data[name] = None
        elif data[name] is None:
            errors[name] = message
    wte = data["expected_wte"]
    if wte is None:
        errors["expected_wte"] = "Enter the expected WTE, from 0.1 to 1.0"
    elif not MIN_WTE <= wte <= MAX_WTE:
        errors["expected_wte"] = "The expected WTE must be from 0.1 to 1.0. 0.2 WTE is one day a week."
    if expected is not None and expected.retired_on is not None:
        errors["title"] = "This expected role has been retired and cannot be changed"
    if not errors and _same_cell(data, getattr(expected, "pk", None)).exists():
        errors["function"] = (
            "The model already expects a role for this function in this place. Change that one instead."
        )
    if errors:
        raise ValidationError(errors)
    creating = expected is None
    expected = ExpectedRole() if creating else ExpectedRole.objects.select_for_update().get(pk=expected.pk)
    for name, value in data.items():
        setattr(expected, name, value)
    expected.full_clean(validate_constraints=False)
    save_with_history(expected, actor, "added" if creating else "changed")
    log.info(
        "expected role pk=%s %s by=%s", expected.pk, "added" if creating else "changed", getattr(actor, "pk", None)
    )
    return expected


@transaction.atomic
def retire_expected_role(actor: User | None, expected: ExpectedRole, today: date | None = None) -> ExpectedRole:
    """Take a cell out of the model from today. It stays, with its history, but no longer counts."""
    check_permission(actor, PERMISSION, REFUSED)
    expected = ExpectedRole.objects.select_for_update().get(pk=expected.pk)
    if expected.retired_on is not None:
        raise ValidationError("This expected role has already been retired.")
    expected.retired_on = today or timezone.localdate()
    save_with_history(expected, actor, "retired")
    log.info("expected role pk=%s retired by=%s", expected.pk, getattr(actor, "pk", None))
    return expected


@transaction.atomic
def add_programme(actor: User | None, name: str, role_type: RoleType | None = None) -> CarePathwayProgramme:
    """A new care pathway programme with the annex's roles for it: a 0.4 WTE clinical lead at ICS level and
    0.2 WTE in each provider collaborative and each Local Care Partnership."""
    check_permission(actor, PERMISSION, REFUSED)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the name of the programme"})
    if CarePathwayProgramme.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a programme with this name"})
    programme = CarePathwayProgramme(name=name)
    programme.full_clean()
    save_with_history(programme, actor, "added")
    function = PriorityFunction.objects.get(number=annex.CARE_PATHWAY_FUNCTION)
    for row in annex.programme_rows(
        function, programme, ProviderCollaborative.objects.order_by("pk"), Borough.objects.order_by("pk")
    ):
        cell = ExpectedRole(role_type=role_type, **row)
        save_with_history(cell, actor, "added with the programme")
    log.info("care pathway programme pk=%s added by=%s", programme.pk, getattr(actor, "pk", None))
    return programme
