"""What every governance write shares: the permission check (the predicates are in governance.rules)
and saving with history, the acting person recorded as the history's author."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from academy.accounts.models import User


def check_permission(actor: User | None, perm: str, message: str) -> None:
    """``actor`` None is the system itself (demo data, migrations)."""
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied(message)


def save_with_history(obj, actor: User | None, reason: str) -> None:
    if actor is not None:
        obj._history_user = actor
    obj._change_reason = reason
    obj.save()
