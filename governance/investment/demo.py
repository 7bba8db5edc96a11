"""Demo data for the Academy's spend by programme."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from academy.directory.demo import SeedContext
from governance.investment import services
from governance.investment.quarters import quarter_of
from governance.models import ProgrammeSpend
from programmes.core.selectors import all_programmes

DEMO_SPEND = [
    ("curriculum", "Facilitators, venues and materials for the core programme", 21500),
    ("network", "Network coordinator and events for next-generation leaders", 8200),
    ("conference", "Venue, speakers and accessibility support for the conference", 0),
    ("shadowing", "Backfill for shadowing placements", 4600),
    ("community", "Inspiration sessions and new professional networks", 3100),
]


def build_spend(ctx: SeedContext) -> None:
    """Five quarters of the Academy's spend on its programmes (not the Challenge Fund, whose spend is its
    awards). Nothing is added once any spend is recorded."""
    if ProgrammeSpend.objects.exists():
        ctx.counts["spend records"] = 0
        return
    programmes = {p.slug: p for p in all_programmes()}
    quarter = quarter_of(timezone.localdate())
    quarters = [quarter]
    for _ in range(4):
        quarters.append(quarters[-1].previous())
    made = 0
    for age, quarter in enumerate(reversed(quarters)):
        for slug, description, amount in DEMO_SPEND:
            if slug not in programmes:
                continue
            if slug == "conference":  # once a year, in the autumn quarter (October to December: Q3)
                if quarter.number != 3:
                    continue
                amount = 38750
            # Spend grows as the Academy's programmes fill, with a little quarter-to-quarter variation.
            value = Decimal(amount) * (Decimal("0.85") + Decimal(age) * Decimal("0.05")) + Decimal(age * 37)
            services.record_spend(None, None, {
                "programme": programmes[slug], "year": quarter.year, "quarter": quarter.number,
                "amount": value.quantize(Decimal("0.01")), "description": description,
            })
            made += 1
    ctx.counts["spend records"] = made
