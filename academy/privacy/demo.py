"""Demo data for privacy: staff having opened the demo leader's data (and a few colleagues'), so "Who opened
my data" and the secretariat's access log show realistic rows; and, for retention, two sign-ups that never
confirmed their email address, one old enough for the next run to erase (the secretariat's dry run shows it)
and one not yet. Idempotent: rows are added once."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile
from academy.privacy.models import AccessLogEntry
from academy.privacy.services import record_access

# (reader's local part, days ago, what they opened, how many other listed leaders were on it)
DEMO_READS = [
    ("programme-admin", 21, "Cohort applications: Systems Leadership Foundations, spring cohort", 19),
    ("reviewer", 18, "Application to score: Systems Leadership Foundations, spring cohort", 0),
    ("programme-admin", 12, "Programme application: Systems Leadership Foundations, spring cohort", 0),
    ("programme-admin", 9, "Cohort roster export: Systems Leadership Foundations, spring cohort", 24),
    ("governance", 6, "Leaders directory: their profile", 0),
    ("superuser", 2, "Challenge Fund bid: Frailty at home, together", 0),
]


def build_access_log(ctx: SeedContext) -> None:
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    if AccessLogEntry.objects.filter(subject=leader).exists():
        ctx.counts["access log rows created"] = 0
        return
    others = list(
        LeaderProfile.objects.filter(listed_in_directory=True)
        .exclude(user=leader)
        .order_by("pk")
        .values_list("user_id", flat=True)[:30]
    )
    readers = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}")}
    now = timezone.now()
    made = 0
    for local, days_ago, what, extra in DEMO_READS:
        made += record_access(readers[local], [leader, *others[:extra]], what, "")
        AccessLogEntry.objects.filter(what=what, at__gte=now - timedelta(minutes=5)).update(
            at=now - timedelta(days=days_ago, hours=days_ago % 7)
        )
    ctx.counts["access log rows created"] = made


DEMO_BUILDERS.append(("access log", build_access_log))

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
