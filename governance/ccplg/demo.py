"""Demo data for the C&CPLG: holders for most of its seats, a few terms ending soon, a few seats vacant.
Idempotent: a held seat is left as it is."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from academy.directory.demo import DEMO_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile
from governance.ccplg import services
from governance.models import Seat

VACANT_SEATS = {
    "Expert by experience: Optometry",
    "Expert by experience: Dentistry",
    "Research and evidence lead",
    "Clinical network and programme leads (invited for their items)",
}
ENDING_SOON = {"People Board lead": 30, "Expert by experience: VCSE": 45}


def build_ccplg(ctx: SeedContext) -> None:
    today = timezone.localdate()
    seats = list(Seat.objects.filter(holder__isnull=True).exclude(title__in=VACANT_SEATS).order_by("position"))
    if not seats:
        ctx.counts["C&CPLG seats filled"] = 0
        return
    taken = set(Seat.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    leaders = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
        .exclude(user_id__in=taken).exclude(user__email__startswith="leader@")
        .select_related("user").order_by("user__email")[: len(seats) * 3: 3]
    )
    filled = 0
    for seat, profile in zip(seats, leaders, strict=False):
        days_left = ENDING_SOON.get(seat.title, 365 * 2 - seat.position * 7)
        ends = today + timedelta(days=days_left)
        starts = ends - timedelta(days=365 * 3)
        services.assign_seat(None, seat, profile.user, starts, ends, today=today)
        filled += 1
    ctx.counts["C&CPLG seats filled"] = filled
