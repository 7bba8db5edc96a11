"""The ICS Executive's investment dashboard: where the WTE and money for C&CP system leadership go,
against the intended shares, today or at the end of any past quarter as it was then (from the roles'
history). Every figure is summed in the database (the totals add up the ten rows by function); the number
of queries does not grow with the roles. Past quarters' totals are cached until the roles' history changes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.core.cache import cache
from django.db.models import BigIntegerField, Count, F, Max, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from academy.directory.models import (
    Borough,
    LeaderProfile,
    PriorityFunction,
    Profession,
    SpatialLevel,
)
from academy.reports.suppression import DEFAULT_THRESHOLD, suppress
from governance.allocation import selectors as allocation
from governance.history import as_recorded
from governance.investment.quarters import Quarter, quarter_of
from governance.models import DAYS_PER_WTE, LeadershipRole, ProgrammeSpend
from programmes.challenge_fund import selectors as challenge_fund
from programmes.challenge_fund.services import PROGRAMME_SLUG as CHALLENGE_FUND_SLUG
from programmes.core import selectors as programmes

TODAY_DAYS_PER_WEEK = 100  # about 100 days a week of C&CP system leadership time today [seed 002]
CARE_PATHWAY_FUNCTION = 2
INTENDED_CARE_PATHWAY_SHARE = Decimal("50")  # over 50% of the investment [seed 001]
INTENDED_CLINICAL_NETWORK_SHARE = Decimal("25")  # almost 25% [seed 001]
ZERO = Decimal("0")


# --- The figures ----------------------------------------------------------------------------------


def live_roles(on: date, today: date):
    """The roles running on ``on`` (started, not ended) as they were at the end of that day: today's
    table for today, the roles' history for a past day."""
    roles = LeadershipRole.objects.all() if on >= today else as_recorded(LeadershipRole, end_of(on))
    return roles.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


def _sums(prefix: str = "") -> dict:
    return {
        "roles": Count("id"),
        "filled": Count("id", filter=Q(holder__isnull=False)),
        "wte": Coalesce(Sum("wte"), ZERO),
        "cost": Coalesce(Sum("annual_cost"), ZERO),
    }


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1")) if whole else ZERO


@dataclass
class Row:
    label: str
    roles: int = 0
    filled: int = 0
    wte: Decimal = ZERO
    cost: Decimal = ZERO
    share: Decimal = ZERO  # of the annual cost
    wte_share: Decimal = ZERO
    people: str = ""  # for the profession table: suppressed count of people
    hidden: bool = False  # suppressed: WTE and cost not shown
    target_wte: Decimal | None = None  # by function: the WTE seed 001's annex proposes, where it sets a total
    target_words: str = ""  # by function: the annex's proposal in words

    @property
    def vacant(self) -> int:
        return self.roles - self.filled

    @property
    def days_per_week(self) -> Decimal:
        return self.wte * DAYS_PER_WTE


@dataclass
class Totals:
    roles: int
    filled: int
    wte: Decimal
    cost: Decimal
    care_pathway_cost: Decimal
    network_cost: Decimal

    @property
    def vacant(self) -> int:
        return self.roles - self.filled

    @property
    def days_per_week(self) -> Decimal:
        return self.wte * DAYS_PER_WTE

    @property
    def care_pathway_share(self) -> Decimal:
        return _share(self.care_pathway_cost, self.cost)

    @property
    def network_share(self) -> Decimal:
        return _share(self.network_cost, self.cost)


@dataclass
class Dashboard:
    on: date
    quarter: Quarter | None  # None: today
    totals: Totals
    by_function: list[Row]
    by_level: list[Row]
    by_borough: list[Row]
    by_profession: list[Row]
    trend: list[tuple[Quarter, Totals]] = field(default_factory=list)
    threshold: int = DEFAULT_THRESHOLD
    awards: Awards | None = None
    spend: Spend | None = None
    leaders_developed: int = 0  # people given a certificate by the end of ``on``

    @property
    def care_pathway_met(self) -> bool:
        return self.totals.care_pathway_share > INTENDED_CARE_PATHWAY_SHARE

    @property
    def network_met(self) -> bool:
        return self.totals.network_share >= INTENDED_CLINICAL_NETWORK_SHARE - 5

    intended_care_pathway = INTENDED_CARE_PATHWAY_SHARE
    intended_networks = INTENDED_CLINICAL_NETWORK_SHARE
    today_days_per_week = TODAY_DAYS_PER_WEEK


# --- Challenge Fund awards by function and the Academy's spend by programme -----------------------


def end_of(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on, time.max))


def _start_of(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on, time.min))


@dataclass
class AwardRow:
    label: str
    bids: int
    amount: Decimal
    share: Decimal = ZERO  # of all the money awarded: the bids serving this function, in full


@dataclass
class Awards:
    """The Challenge Fund's awards by priority function. A bid serving several functions is shown in full
    under each of them, so the rows add up to more than the total; the total counts each bid once."""

    rows: list[AwardRow]
    bids: int
    total: Decimal


def challenge_fund_awards(on: date) -> Awards:
    """Awards determined up to the end of ``on``, by the functions the bids said they serve (two queries)."""
    until = end_of(on)
    rows = [
        AwardRow(label=f"{function.number}. {function.name}", bids=function.awarded_bids, amount=function.awarded)
        for function in challenge_fund.awards_by_function(until)
    ]
    totals = challenge_fund.awards_total(until)
    for row in rows:
        row.share = _share(row.amount, totals["total"])
    return Awards(rows=rows, bids=totals["bids"], total=totals["total"])


@dataclass
class SpendRow:
    label: str
    cells: list[tuple[Quarter, Decimal]]  # one per quarter of Spend.quarters
    from_awards: bool = False  # the Challenge Fund: its awards, not recorded spend

    @property
    def amounts(self) -> list[Decimal]:
        return [amount for _, amount in self.cells]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, ZERO)


@dataclass
class Spend:
    """The Academy's spend by programme in each of ``quarters`` (oldest first): what the secretariat
    recorded for each programme, and for the Challenge Fund the awards determined in the quarter."""

    quarters: list[Quarter]
    rows: list[SpendRow]

    @property
    def totals(self) -> list[Decimal]:
        return [sum((row.amounts[i] for row in self.rows), ZERO) for i in range(len(self.quarters))]

    @property
    def total_cells(self) -> list[tuple[Quarter, Decimal]]:
        return list(zip(self.quarters, self.totals, strict=True))

    @property
    def total(self) -> Decimal:
        return sum(self.totals, ZERO)


def academy_spend(quarters: list[Quarter], on: date) -> Spend:
    """Spend by programme for ``quarters`` (oldest first), as known at the end of ``on`` (three queries:
    the programmes, the recorded spend, the awards)."""
    index = {(quarter.year, quarter.number): i for i, quarter in enumerate(quarters)}
    in_quarters = Q()
    for year, number in index:
        in_quarters |= Q(year=year, quarter=number)
    recorded = {
        (row["programme_id"], row["year"], row["quarter"]): row["amount"]
        for row in ProgrammeSpend.objects.filter(in_quarters).values("programme_id", "year", "quarter")
        .annotate(amount=Sum("amount")).order_by()
    }
    # The Challenge Fund counts calendar quarters, whose three months are the same as a financial quarter's.
    awards = {
        (quarter.year, quarter.number): amount
        for (year, number), amount in challenge_fund.awards_by_quarter(
            _start_of(quarters[0].start), end_of(quarters[-1].end), known_by=end_of(on)
        ).items()
        for quarter in [Quarter.from_calendar(year, number)]
    }
    rows = []
    for programme in programmes.all_programmes().only("pk", "name", "slug"):
        if programme.slug == CHALLENGE_FUND_SLUG:
            rows.append(SpendRow(
                label=f"{programme.name}: awards", from_awards=True,
                cells=[(q, awards.get((q.year, q.number), ZERO)) for q in quarters],
            ))
        else:
            rows.append(SpendRow(
                label=programme.name,
                cells=[(q, recorded.get((programme.pk, q.year, q.number), ZERO)) for q in quarters],
            ))
    return Spend(quarters=quarters, rows=rows)


def _totals_by_function(grouped: list[dict], numbers: dict[int, int]) -> Totals:
    """The totals from the roles grouped by function (every role has one), with ``network_cost`` in each
    group: the same figures as :func:`role_totals` without a query of their own."""
    return Totals(
        roles=sum(row["roles"] for row in grouped),
        filled=sum(row["filled"] for row in grouped),
        wte=sum((row["wte"] for row in grouped), ZERO),
        cost=sum((row["cost"] for row in grouped), ZERO),
        care_pathway_cost=sum(
            (row["cost"] for row in grouped if numbers.get(row["function_id"]) == CARE_PATHWAY_FUNCTION), ZERO
        ),
        network_cost=sum((row["network_cost"] for row in grouped), ZERO),
    )


TREND_CACHE_SECONDS = 24 * 60 * 60


def _past_totals(quarters: list[Quarter], today: date) -> list[Totals]:
    """The totals at the end of each past quarter, as the roles were then. They are read from the roles'
    history up to each quarter's end, so they change only when that history does: they are cached under a
    mark of the history table (its last version id, its number of versions and its latest moment, one
    query), which any version saved, deleted or re-dated changes. A miss costs a query a quarter."""
    mark = LeadershipRole.history.aggregate(
        last=Max("history_id"), versions=Count("history_id"), latest=Max("history_date")
    )
    latest = mark["latest"].isoformat() if mark["latest"] else ""
    quarter_keys = ",".join(quarter.key for quarter in quarters)
    key = f"governance:investment:past-totals:{quarter_keys}:{mark['last']}:{mark['versions']}:{latest}"
    totals = cache.get(key) if all(quarter.end < today for quarter in quarters) else None
    if totals is None or len(totals) != len(quarters):
        totals = [role_totals(live_roles(quarter.end, today)) for quarter in quarters]
        cache.set(key, totals, TREND_CACHE_SECONDS)
    return totals


def role_totals(roles) -> Totals:
    sums = roles.aggregate(
        **_sums(),
        care_pathway_cost=Coalesce(Sum("annual_cost", filter=Q(function__number=CARE_PATHWAY_FUNCTION)), ZERO),
        network_cost=Coalesce(Sum("annual_cost", filter=Q(clinical_network__isnull=False)), ZERO),
    )
    return Totals(sums["roles"], sums["filled"], sums["wte"], sums["cost"], sums["care_pathway_cost"],
                  sums["network_cost"])


def _rows(grouped, key: str, labels: dict, totals: Totals) -> list[Row]:
    found = {row[key]: row for row in grouped}
    rows = []
    for value, label in labels.items():
        data = found.get(value, {})
        row = Row(label=str(label), roles=data.get("roles", 0), filled=data.get("filled", 0),
                  wte=data.get("wte", ZERO), cost=data.get("cost", ZERO))
        row.share, row.wte_share = _share(row.cost, totals.cost), _share(row.wte, totals.wte)
        rows.append(row)
    return rows


def _profession_as_of(on: date):
    """The holder's profession at the end of ``on``, from their profile's history (one subquery): the
    latest version recorded by then, or the profile as it is for a profile with no version that early."""
    then = LeaderProfile.history.filter(user_id=OuterRef("holder_id"), history_date__lte=end_of(on)).exclude(
        history_type="-"
    ).order_by("-history_date", "-history_id").values("profession_id")[:1]
    return Coalesce(Subquery(then), F("holder__profile__profession_id"), output_field=BigIntegerField())


def _profession_rows(roles, totals: Totals, on: date | None = None) -> list[Row]:
    """Filled roles by their holders' profession (as it was at the end of ``on`` for a past day). The
    number of people is suppressed under 5, and a suppressed row's WTE and cost are hidden with it."""
    profession = _profession_as_of(on) if on else F("holder__profile__profession_id")
    grouped = {
        row["profession"]: row
        for row in roles.filter(holder__isnull=False).annotate(profession=profession).values("profession").annotate(
            people=Count("holder_id", distinct=True), wte=Coalesce(Sum("wte"), ZERO),
            cost=Coalesce(Sum("annual_cost"), ZERO),
        ).order_by()
    }
    labels = {p.pk: p.name for p in Profession.objects.only("name")}
    labels[None] = "Not recorded (no leader profile)"
    counts = {str(label): grouped.get(pk, {}).get("people", 0) for pk, label in labels.items()}
    table = suppress(counts)
    rows = []
    for pk, label in labels.items():
        data, cell = grouped.get(pk, {}), table[str(label)]
        row = Row(label=str(label), wte=data.get("wte", ZERO), cost=data.get("cost", ZERO), people=cell.display,
                  hidden=cell.suppressed)
        if not row.hidden:
            row.share, row.wte_share = _share(row.cost, totals.cost), _share(row.wte, totals.wte)
        else:
            row.wte, row.cost = ZERO, ZERO
        rows.append(row)
    return rows


def _add_annex_targets(dashboard: Dashboard, function_list, on: date, today: date) -> None:
    """The allocation model (seed 001's annex, kept by the secretariat) as each function's target WTE, as
    the model stood on ``on`` (one query)."""
    expected = allocation.expected_by_function(on, today)
    for function, row in zip(function_list, dashboard.by_function, strict=True):
        if function.pk in expected:
            row.target_wte, cells = expected[function.pk]
            row.target_words = f"{cells} expected role{'' if cells == 1 else 's'} in the allocation model"


def investment_dashboard(quarter: Quarter | None = None, today: date | None = None,
                         trend_quarters: int = 4) -> Dashboard:
    today = today or timezone.localdate()
    on = quarter.end if quarter else today
    roles = live_roles(on, today)
    function_list = list(PriorityFunction.objects.all())
    functions = {f.pk: f"{f.number}. {f.name}" for f in function_list}
    by_function = list(
        roles.values("function_id")
        .annotate(**_sums(), network_cost=Coalesce(Sum("annual_cost", filter=Q(clinical_network__isnull=False)), ZERO))
        .order_by()
    )
    totals = _totals_by_function(by_function, {f.pk: f.number for f in function_list})
    boroughs = {b.pk: b.lcp_name for b in Borough.objects.all()}
    dashboard = Dashboard(
        on=on, quarter=quarter, totals=totals,
        by_function=_rows(by_function, "function_id", functions, totals),
        by_level=_rows(roles.values("spatial_level").annotate(**_sums()).order_by(), "spatial_level",
                       dict(SpatialLevel.choices), totals),
        by_borough=_rows(
            roles.filter(spatial_level=SpatialLevel.LCP).values("borough_id").annotate(**_sums()).order_by(),
            "borough_id", boroughs, totals,
        ),
        by_profession=_profession_rows(roles, totals, on if on < today else None),
    )
    _add_annex_targets(dashboard, function_list, on, today)
    dashboard.leaders_developed = programmes.leaders_developed(end_of(on))
    quarter_now = quarter or quarter_of(today)
    trend, back = [], quarter_now.previous() if quarter is None else quarter
    for _ in range(trend_quarters):
        trend.append(back)
        back = back.previous()
    trend.reverse()
    dashboard.trend = list(zip(trend, _past_totals(trend, today), strict=True))
    dashboard.awards = challenge_fund_awards(on)
    spend_quarters, back = [], quarter_now
    for _ in range(trend_quarters):
        spend_quarters.append(back)
        back = back.previous()
    dashboard.spend = academy_spend(list(reversed(spend_quarters)), on)
    return dashboard


# --- CSV ------------------------------------------------------------------------------------------

TABLES = {
    "function": "By priority function",
    "level": "By spatial level",
    "borough": "Local Care Partnership roles by borough",
    "profession": "Filled roles by the holder's profession",
    "trend": "By quarter",
    "awards": "Challenge Fund awards by priority function",
    "spend": "The Academy's spend by programme",
}


def csv_rows(dashboard: Dashboard, table: str) -> tuple[list[str], list[list]]:
    if table == "awards":
        awards = dashboard.awards
        header = ["Priority function", "Bids awarded", "Awarded (£)", "Share of all awards (%)"]
        return header, [[row.label, row.bids, row.amount, row.share] for row in awards.rows] + [
            ["All awards, each bid counted once (a bid serving several functions is under each of them above)",
             awards.bids, awards.total, Decimal("100") if awards.total else ZERO],
        ]
    if table == "spend":
        spend = dashboard.spend
        header = ["Programme", *[f"{quarter.label} (£)" for quarter in spend.quarters], "Total (£)"]
        return header, [[row.label, *row.amounts, row.total] for row in spend.rows] + [
            ["Total", *spend.totals, spend.total],
        ]
    if table == "trend":
        header = ["Quarter", "Roles", "Filled", "Vacant", "WTE", "Days a week", "Annual cost (£)",
                  "Share to care pathway transformation (%)", "Share to clinical networks (%)"]
        return header, [
            [quarter.label, t.roles, t.filled, t.vacant, t.wte, t.days_per_week, t.cost, t.care_pathway_share,
             t.network_share] for quarter, t in dashboard.trend
        ]
    if table == "profession":
        header = ["Profession", "People", "WTE", "Annual cost (£)", "Share of annual cost (%)"]
        return header, [
            [row.label, row.people, *(["not shown"] * 3 if row.hidden else [row.wte, row.cost, row.share])]
            for row in dashboard.by_profession
        ]
    rows = {"function": dashboard.by_function, "level": dashboard.by_level, "borough": dashboard.by_borough}[table]
    first = {"function": "Priority function", "level": "Spatial level", "borough": "Local Care Partnership"}[table]
    header = [first, "Roles", "Filled", "Vacant", "WTE", "Days a week",
              "Annual cost (£)", "Share of annual cost (%)", "Share of WTE (%)"]
    return header, [
        [row.label, row.roles, row.filled, row.vacant, row.wte, row.days_per_week, row.cost, row.share,
         row.wte_share] for row in rows
    ]
