"""Reads for the scorecard: each indicator's value in each of the chosen quarters, computed from other
apps' selectors where the data exists and otherwise as the evaluator entered it. A fixed number of queries
whatever the number of quarters: the entered values (one), the network snapshots (one), the innovations
adopted or scaled from the contribution log (one), and the leaders developed (one a quarter shown, at most
SCORECARD_QUARTERS)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from evaluation.contribution import selectors as contribution
from evaluation.network import selectors as network
from evaluation.scorecard.indicators import INDICATORS, Indicator, rag
from evaluation.scorecard.models import IndicatorValue
from governance.investment.dashboard import academy_spend, end_of
from governance.investment.quarters import Quarter
from programmes.core import selectors as programmes

SCORECARD_QUARTERS = 4


@dataclass(frozen=True)
class Cell:
    quarter: Quarter
    value: Decimal | None
    source: str


@dataclass(frozen=True)
class Row:
    indicator: Indicator
    cells: list[Cell]  # oldest first

    @property
    def latest(self) -> Cell | None:
        for cell in reversed(self.cells):
            if cell.value is not None:
                return cell
        return None

    @property
    def rag(self) -> str:
        latest = self.latest
        return rag(latest.value if latest else None, self.indicator.target)

    @property
    def trend(self) -> str:
        """"up", "down", "same" between the last two quarters with a value, or "" with fewer than two."""
        values = [cell.value for cell in self.cells if cell.value is not None]
        if len(values) < 2:
            return ""
        if values[-1] > values[-2]:
            return "up"
        if values[-1] < values[-2]:
            return "down"
        return "same"


def _computed(quarters: list[Quarter], today) -> dict[str, dict[Quarter, tuple[Decimal | None, str]]]:
    snapshots = {(s.year, s.quarter): s for s in network.computed_snapshots(limit=len(quarters) + 4)}
    density, developed = {}, {}
    last_days = {quarter: min(quarter.end, today) for quarter in quarters}
    adopted = contribution.adopted_or_scaled_by(sorted(set(last_days.values())))
    innovations = {quarter: (Decimal(adopted[day]), "The contribution log (adoptions recorded)")
                   for quarter, day in last_days.items()}
    for quarter in quarters:
        snapshot = snapshots.get((quarter.year, quarter.number))
        value = snapshot.figures.get("density") if snapshot else None
        density[quarter] = (None if value is None else Decimal(str(value)), "The Academy's network snapshot")
        until = end_of(min(quarter.end, today))
        developed[quarter] = (Decimal(programmes.leaders_developed(until)), "Certificates issued")
    return {"network_density": density, "leaders_developed": developed, "innovations_adopted": innovations}


def quarters_ending(last: Quarter, count: int = SCORECARD_QUARTERS) -> list[Quarter]:
    """The ``count`` quarters to ``last``, oldest first: the columns of a scorecard that ends with it."""
    quarters = [last]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters[::-1]


def scorecard(quarters: list[Quarter], today) -> list[Row]:
    """Every indicator's values in ``quarters`` (oldest first)."""
    keys = {(q.year, q.number) for q in quarters}
    entered = {}
    for value in IndicatorValue.objects.filter(year__in={y for y, _ in keys}).order_by():
        if (value.year, value.quarter) in keys:
            entered[(value.indicator, value.year, value.quarter)] = value
    computed = _computed(quarters, today)
    rows = []
    for indicator in INDICATORS:
        cells = []
        for quarter in quarters:
            if indicator.computed:
                value, source = computed[indicator.computed][quarter]
            else:
                row = entered.get((indicator.key, quarter.year, quarter.number))
                value, source = (row.value, row.source) if row else (None, "")
            cells.append(Cell(quarter, value, source))
        rows.append(Row(indicator, cells))
    return rows


def cost_per_leader(quarters: list[Quarter], today) -> tuple[Decimal, int]:
    """The Academy's spend over ``quarters`` and the leaders developed by the end of the last (four queries:
    the spend's three, the leaders developed)."""
    spend = academy_spend(quarters, today).total
    developed = programmes.leaders_developed(end_of(min(quarters[-1].end, today)))
    return spend, developed
