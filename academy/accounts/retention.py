"""Retention for accounts: an account whose email address was never confirmed goes after 30 days."""

from __future__ import annotations

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db.models import Exists, OuterRef

from academy.accounts.models import User
from academy.privacy import erasure, retention
from academy.ui.formats import nhs_date

UNVERIFIED_DAYS = 30


def due(now):
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return (
        User.objects.filter(date_joined__lt=now - timedelta(days=UNVERIFIED_DAYS), is_superuser=False)
        .exclude(Exists(verified))
        .exclude(email__endswith="@closed.invalid")
        .filter(role_assignments__isnull=True)
        .order_by("date_joined")
    )


def remove(queryset) -> int:
    removed = 0
    for user in list(queryset):
        try:
            erasure.close_account(user)
        except erasure.ClosureBlocked:
            continue
        removed += 1
    return removed


retention.register(
    "unverified_accounts",
    label="Accounts never confirmed",
    rule=f"Erased {UNVERIFIED_DAYS} days after sign-up if the email address was never confirmed",
    due=due,
    remove=remove,
    describe=lambda user: f"{user.email}, signed up {nhs_date(user.date_joined)}",
)
