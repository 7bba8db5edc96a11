"""Demo data for the who's who: about two in three of today's demo post holders publish a contact address, and
about half agree to their name on the public page; the rest publish nothing (the default). Idempotent: a holder
who already has an entry keeps it."""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_DOMAIN, SeedContext
from governance.models import WhosWhoEntry
from governance.whoswho import services


def build_whoswho(ctx: SeedContext) -> None:
    today = timezone.localdate()
    holds_role = Q(leadership_roles__start_date__lte=today) & (
        Q(leadership_roles__end_date__isnull=True) | Q(leadership_roles__end_date__gte=today)
    )
    holds_seat = Q(ccplg_seats__term_starts__lte=today, ccplg_seats__term_ends__gte=today)
    holders = (
        User.objects.filter(holds_role | holds_seat, email__endswith=f"@{DEMO_DOMAIN}", is_active=True)
        .exclude(pk__in=WhosWhoEntry.objects.values("user_id"))
        .distinct()
        .order_by("email")
    )
    made = 0
    for index, user in enumerate(holders):
        local = user.email.split("@", 1)[0]
        # A work address for the role, not the sign-in address; one holder in three publishes none.
        address = "" if index % 3 == 2 else f"{local}.leadership@{DEMO_DOMAIN}"
        services.save_own_entry(None, user, address, public_consent=index % 2 == 0)
        made += 1
    ctx.counts["who's who entries"] = made
