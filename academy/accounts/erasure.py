"""Erasure step for accounts: roles, sign-in and the account row itself (last, it becomes the pseudonym)."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.sessions.models import Session
from django.utils import timezone

from academy.accounts.models import RoleAssignment
from academy.privacy import erasure


def _end_sessions(user) -> None:
    """Delete every live session of the person (the database session backend keeps them)."""
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


def erase(user, pseudonym: str) -> None:
    RoleAssignment.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    LogEntry.objects.filter(object_repr__icontains=user.email).update(object_repr=pseudonym)
    _end_sessions(user)
    user.first_name, user.last_name = erasure.PSEUDONYM_FIRST_NAME, str(user.pk)
    user.email = f"closed-{user.pk}@closed.invalid"
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


erasure.register(
    "accounts",
    models=["accounts.RoleAssignment", "account.EmailAddress", "mfa.Authenticator"],
    erase=erase,
    order=100,
    erased=[
        "Your name, email address, password and two-factor authentication",
        "Your roles (the history of who held which role keeps the pseudonym)",
    ],
    kept=["An account row named by a pseudonym, so records the Academy must keep still add up"],
)
