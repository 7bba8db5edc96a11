"""Demo data for retention: two sign-ups that never confirmed their email address, one old enough for the next
run to erase (the secretariat's dry run shows it) and one not yet."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext

UNCONFIRMED = [("Morwenna", "Tregarthen", 41), ("Idris", "Pennant", 9)]


def build_unconfirmed_sign_ups(ctx: SeedContext) -> None:
    made = 0
    for first, last, days_ago in UNCONFIRMED:
        email = f"{first}.{last}.unconfirmed@{DEMO_DOMAIN}".lower()
        if User.objects.filter(email=email).exists():
            continue
        user = User(email=email, first_name=first, last_name=last, password=ctx.password_hash)
        user.save()
        User.objects.filter(pk=user.pk).update(date_joined=timezone.now() - timedelta(days=days_ago))
        made += 1
    ctx.counts["unconfirmed sign-ups created"] = made


DEMO_BUILDERS.append(("unconfirmed sign-ups (retention)", build_unconfirmed_sign_ups))
