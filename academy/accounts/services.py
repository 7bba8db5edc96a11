"""Granting and removing roles. Each change is checked, kept in the audit history and logged."""

from __future__ import annotations

import logging

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from academy.accounts.models import Role, RoleAssignment, User

security_log = logging.getLogger("academy.security")


def _sync_group(user: User, role: str) -> None:
    """Keep the role's Django group in step with the person's assignments for that role."""
    group = Group.objects.get(name=Role(role).label)
    if RoleAssignment.objects.filter(user=user, role=role).exists():
        user.groups.add(group)
    else:
        user.groups.remove(group)
    user.__dict__.pop("role_codes", None)
    user.__dict__.pop("administered_programme_slugs", None)


@transaction.atomic
def grant_role(actor: User | None, user: User, role: str, programme=None) -> RoleAssignment:
    """Give ``user`` the ``role`` (scoped to ``programme`` for a Programme admin).

    ``actor`` None means the system itself (demo data, management commands).
    """
    if actor is not None and not actor.has_perm("accounts.manage_roles"):
        raise PermissionDenied("Only a superuser or the governance secretariat can grant roles.")
    if role not in Role.values:
        raise ValidationError({"role": "Choose one of the roles listed."})
    if role == Role.PROGRAMME_ADMIN and programme is None:
        raise ValidationError({"programme": "Choose the programme this Programme admin will run."})
    if role != Role.PROGRAMME_ADMIN and programme is not None:
        raise ValidationError({"programme": "Only a Programme admin is given a programme."})
    if not user.is_active:
        raise ValidationError({"email": "This account is deactivated, so it cannot be given a role."})
    if RoleAssignment.objects.filter(user=user, role=role, programme=programme).exists():
        raise ValidationError({"role": "This person already has this role."})
    try:
        with transaction.atomic():
            assignment = RoleAssignment(user=user, role=role, programme=programme, granted_by=actor)
            assignment._change_reason = "granted"
            assignment.save()
    except IntegrityError as exc:
        raise ValidationError({"role": "This person already has this role."}) from exc
    _sync_group(user, role)
    security_log.info(
        "role granted user=%s role=%s programme=%s by=%s",
        user.pk, role, getattr(programme, "pk", None), getattr(actor, "pk", None),
    )
    return assignment


@transaction.atomic
def revoke_role(actor: User | None, assignment: RoleAssignment) -> None:
    """Remove one role assignment. The audit history keeps who removed it and when."""
    if actor is not None and not actor.has_perm("accounts.manage_roles"):
        raise PermissionDenied("Only a superuser or the governance secretariat can remove roles.")
    if (
        actor is not None
        and assignment.user_id == actor.pk
        and assignment.role == Role.GOVERNANCE
        and not actor.is_superuser
    ):
        raise ValidationError("You cannot remove your own Governance secretariat role. Ask a colleague.")
    user, role, programme_id = assignment.user, assignment.role, assignment.programme_id
    assignment._change_reason = "removed"
    assignment.delete()
    _sync_group(user, role)
    security_log.info(
        "role removed user=%s role=%s programme=%s by=%s", user.pk, role, programme_id, getattr(actor, "pk", None)
    )
