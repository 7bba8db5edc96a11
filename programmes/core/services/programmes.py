"""Programme admins create and change programmes."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from programmes.core.rules import can_manage_cohort

# --- programme admins create programmes -------------------------------------------------------------

PROGRAMME_FIELDS = ("name", "core_area", "summary", "delivery_summary", "time_commitment", "position")


def save_programme(actor, programme, data: Mapping, target_groups=()):
    """Create (``programme.pk`` None) or change a programme. Any Programme admin (or a superuser) may
    create one and becomes its Programme admin (through the role service, kept in the role history);
    only its own admins change it. The slug is made from the title once, when it is created, so links
    to the programme keep working."""

    creating = programme.pk is None
    if not (actor and actor.is_authenticated):
        raise PermissionDenied("Sign in to do this.")
    if creating and not actor.has_perm("programmes.administer"):
        raise PermissionDenied("Only Programme admins can create programmes.")
    if not creating and not can_manage_cohort(actor, programme):
        raise PermissionDenied("Only the programme's admins can change it.")
    name = (data.get("name") or "").strip()
    errors = {}
    if not name:
        errors["name"] = "Enter a title"
    slug = slugify(name)[:50].strip("-") if creating else programme.slug
    if name and not slug:
        errors["name"] = "Enter a title with at least one letter or number"
    with transaction.atomic():
        if name and Programme.objects.filter(name__iexact=name).exclude(pk=programme.pk).exists():
            errors["name"] = f"There is already a programme called “{name}”. Enter a different title"
        elif creating and slug and Programme.objects.filter(slug=slug).exists():
            errors["name"] = (
                f"The web address for this title (/programmes/{slug}/) is taken by another programme. "
                "Enter a different title"
            )
        if errors:
            raise ValidationError(errors)
        for field in PROGRAMME_FIELDS:
            setattr(programme, field, data[field].strip() if isinstance(data[field], str) else data[field])
        programme.name = name
        if creating:
            programme.slug = slug
            programme.created_by = actor
        try:
            with transaction.atomic():
                programme.save()
        except IntegrityError as exc:  # created at the same moment by someone else
            raise ValidationError(
                {"name": "There is already a programme with this title. Enter a different title"}
            ) from exc
        programme.target_groups.set(target_groups)
        if creating:
            assignment = grant_role(None, actor, Role.PROGRAMME_ADMIN, programme=programme)
            assignment.granted_by = actor
            assignment._change_reason = "created the programme"
            assignment.save(update_fields=["granted_by"])
    return programme
