"""Seed 000's "Imagining success" measures as the scorecard's indicators, with their targets.

An indicator is computed from other apps' selectors where the data exists (``computed``), otherwise an
evaluator enters its value each quarter with the source it came from. Targets are for the end of each
quarter; RAG compares the latest value with the target (see ``rag``)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

COUNT, PERCENT, DENSITY = "count", "percent", "density"

# A value within this share of its target (below it) is amber; further away is red.
AMBER_MARGIN = Decimal("0.10")

GREEN, AMBER, RED, NO_VALUE = "green", "amber", "red", "none"


@dataclass(frozen=True)
class Indicator:
    key: str
    theme: str  # seed 000's heading
    name: str
    unit: str
    target: Decimal
    computed: str = ""  # "" when the evaluator enters it; else the name of the figure in selectors.COMPUTED
    source: str = ""  # where a computed value comes from

    @property
    def is_entered(self) -> bool:
        return not self.computed


INDICATORS: tuple[Indicator, ...] = (
    Indicator("leaders_developed", "Capability and confidence", "Leaders developed (certificates, each person once)",
              COUNT, Decimal(150), computed="leaders_developed", source="Programme completions (certificates)"),
    Indicator("confidence", "Capability and confidence",
              "Leaders reporting greater confidence and capability in systems leadership", PERCENT, Decimal(75)),
    Indicator("future_leaders", "Capability and confidence",
              "Leaders who feel prepared to take on formal or informal leadership roles", PERCENT, Decimal(60)),
    Indicator("coproduction_confidence", "Capability and confidence",
              "VCSE and experts by experience confident in the Academy's approach", PERCENT, Decimal(70)),
    Indicator("representation", "Inclusion and diversity",
              "Leaders in formal roles from under-represented groups, as a share of the workforce's", PERCENT,
              Decimal(90)),
    Indicator("network_density", "Connectivity and commitment", "Network density (share of all possible ties)",
              DENSITY, Decimal("0.05"), computed="network_density", source="The Academy's network snapshot"),
    Indicator("belonging", "Connectivity and commitment",
              "Leaders reporting an increased sense of belonging and commitment to the ICS", PERCENT, Decimal(70)),
    Indicator("innovations_adopted", "Contribution", "Innovations adopted or scaled across the system", COUNT,
              Decimal(6), computed="innovations_adopted", source="The contribution log (adoptions recorded)"),
    Indicator("problems_reported", "Contribution",
              "Shared problems worked on through peer learning and reported back to a board", COUNT, Decimal(4)),
)

BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
ENTERED = tuple(indicator for indicator in INDICATORS if indicator.is_entered)

MAXIMUM = {COUNT: Decimal(1_000_000), PERCENT: Decimal(100), DENSITY: Decimal(1)}


def rag(value: Decimal | None, target: Decimal) -> str:
    """Green at or above the target, amber below it by no more than AMBER_MARGIN of the target, red further
    below; "none" without a value."""
    if value is None:
        return NO_VALUE
    if value >= target:
        return GREEN
    if value >= target * (1 - AMBER_MARGIN):
        return AMBER
    return RED
