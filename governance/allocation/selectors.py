"""Reads for the allocation model and its gap analysis: the model's cells against the leadership roles
running on a day, in a fixed number of queries however many roles there are (the roles are summed in the
database by cell, never loaded one by one)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from academy.directory.models import PriorityFunction, SpatialLevel
from governance.history import as_recorded
from governance.models import ClinicalNetwork, ExpectedRole, GovernanceStructure, LeadershipRole, Seat

ZERO = Decimal("0")
CARE_PATHWAY_FUNCTION = 2
CARE_STANDARDS_FUNCTION = 10
INTENDED_CARE_PATHWAY_SHARE = Decimal("50")  # over half of the investment [seed 001]
INTENDED_NETWORK_SHARE = Decimal("25")  # almost a quarter [seed 001]
NETWORK_SHARE_FLOOR = INTENDED_NETWORK_SHARE - 5  # "about a quarter": as the dashboard rates it

GAP_QUERIES = 7  # functions, cells, roles by cell, networks; roles by structure, C&CPLG seats, structures

# What makes a role count towards a cell: the same function, level and bodies.
CELL_KEY = ("function_id", "spatial_level", "collaborative_id", "borough_id", "clinical_network_id", "programme_id")
EXPECTED_RELATED = ("function", "collaborative", "borough", "clinical_network", "programme", "role_type")

EXPECTED_HISTORY_FIELDS = (
    "title",
    "function",
    "spatial_level",
    "collaborative",
    "borough",
    "clinical_network",
    "programme",
    "expected_wte",
    "role_type",
    "notes",
    "retired_on",
)
EXPECTED_HISTORY_LABELS = {
    "title": "Title",
    "function": "Priority function",
    "spatial_level": "Spatial level",
    "collaborative": "Provider collaborative",
    "borough": "Borough",
    "clinical_network": "Clinical network",
    "programme": "Care pathway programme",
    "expected_wte": "Expected WTE",
    "role_type": "Rate card line",
    "notes": "Notes",
    "retired_on": "Retired on",
}


class Status:
    FILLED = "filled"
    VACANT = "vacant"
    UNFUNDED = "unfunded"
    MISSING = "missing"

    LABELS = {FILLED: "Filled", VACANT: "Vacant", UNFUNDED: "Unfunded", MISSING: "Missing"}
    ORDER = (MISSING, UNFUNDED, VACANT, FILLED)


def _end_of(on: date) -> datetime:
    return timezone.make_aware(datetime.combine(on, time.max))


def running_roles(on: date, today: date):
    """The leadership roles running on ``on``, as they were recorded at the end of that day."""
    roles = LeadershipRole.objects.all() if on >= today else as_recorded(LeadershipRole, _end_of(on))
    return roles.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


def model_cells(on: date, today: date):
    """The model's cells in force on ``on``: not retired by then (as recorded then, for a past day)."""
    cells = ExpectedRole.objects.all() if on >= today else as_recorded(ExpectedRole, _end_of(on))
    return cells.filter(Q(retired_on__isnull=True) | Q(retired_on__gt=on))


def expected_by_function(on: date | None = None, today: date | None = None) -> dict[int, tuple[Decimal, int]]:
    """Each function's expected WTE and number of cells in the model (one query), for the dashboard."""
    today = today or timezone.localdate()
    on = on or today
    return {
        row["function_id"]: (row["wte"], row["cells"])
        for row in model_cells(on, today)
        .values("function_id")
        .annotate(wte=Coalesce(Sum("expected_wte"), ZERO), cells=Count("id"))
        .order_by()
    }


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1")) if whole else ZERO


@dataclass
class Cell:
    expected: ExpectedRole
    function_label: str
    roles: int = 0
    filled_roles: int = 0
    funded_wte: Decimal = ZERO
    filled_wte: Decimal = ZERO
    vacant_cost: Decimal = ZERO  # the annual cost of the cell's vacant roles

    @property
    def expected_wte(self) -> Decimal:
        return self.expected.expected_wte

    @property
    def level_label(self) -> str:
        return self.expected.get_spatial_level_display()

    @property
    def body(self) -> str:
        return self.expected.body

    @property
    def focus(self) -> str:
        """The clinical network or care pathway programme the cell is for, if any."""
        parts = [str(x) for x in (self.expected.programme, self.expected.clinical_network) if x is not None]
        return ", ".join(parts)

    @property
    def rate(self) -> Decimal | None:
        role_type = self.expected.role_type
        return role_type.annual_rate_per_wte if role_type is not None else None

    @property
    def gap(self) -> Decimal:
        """The expected WTE nobody holds yet."""
        return max(ZERO, self.expected_wte - self.filled_wte)

    @property
    def vacant_wte(self) -> Decimal:
        return self.funded_wte - self.filled_wte

    @property
    def vacant_gap(self) -> Decimal:
        """Of the gap, the WTE already funded in a role that is waiting for someone."""
        return min(self.vacant_wte, self.gap)

    @property
    def unfunded_gap(self) -> Decimal:
        """Of the gap, the WTE no role pays for yet."""
        return self.gap - self.vacant_gap

    @property
    def vacant_gap_cost(self) -> Decimal:
        if not self.vacant_wte:
            return ZERO
        return (self.vacant_cost * self.vacant_gap / self.vacant_wte).quantize(Decimal("0.01"))

    @property
    def unfunded_gap_cost(self) -> Decimal | None:
        """The unfunded WTE at the rate card, or None when the cell names no rate card line."""
        if not self.unfunded_gap:
            return ZERO
        if self.rate is None:
            return None
        return (self.unfunded_gap * self.rate).quantize(Decimal("0.01"))

    @property
    def gap_cost(self) -> Decimal | None:
        unfunded = self.unfunded_gap_cost
        return None if unfunded is None else self.vacant_gap_cost + unfunded

    @property
    def status(self) -> str:
        if self.roles == 0:
            return Status.MISSING
        if not self.gap:
            return Status.FILLED
        if self.vacant_gap:
            return Status.VACANT
        return Status.UNFUNDED

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]


@dataclass
class Totals:
    cells: int = 0
    expected_wte: Decimal = ZERO
    filled_wte: Decimal = ZERO  # counted up to each cell's expected WTE
    gap: Decimal = ZERO
    vacant_gap: Decimal = ZERO
    unfunded_gap: Decimal = ZERO
    vacant_gap_cost: Decimal = ZERO
    unfunded_gap_cost: Decimal = ZERO  # priced cells only
    unpriced_cells: int = 0  # cells with unfunded time and no rate card line
    by_status: dict = field(default_factory=dict)

    @property
    def gap_cost(self) -> Decimal:
        return self.vacant_gap_cost + self.unfunded_gap_cost

    @property
    def status_counts(self) -> list[tuple[str, str, int]]:
        return [(status, Status.LABELS[status], self.by_status.get(status, 0)) for status in Status.ORDER]

    @property
    def open_counts(self) -> list[int]:
        """How many cells are missing, unfunded and vacant, in that order."""
        return [self.by_status.get(status, 0) for status in Status.ORDER if status != Status.FILLED]


@dataclass
class Check:
    """One of the principles of seed 001 as a check: the share intended, in the model and today."""

    name: str
    intended: str
    model_share: Decimal  # of the model's expected WTE
    actual_share: Decimal  # of the annual cost of the roles running
    model_met: bool
    actual_met: bool


@dataclass
class Outside:
    """Roles running that no cell of the model expects (another body, the 5th space, or no cell)."""

    roles: int = 0
    wte: Decimal = ZERO
    cost: Decimal = ZERO


@dataclass
class NetworkLead:
    name: str
    roles: int  # running care standards roles for the network
    vacant: bool  # roles, none of them held


@dataclass
class StructureRow:
    structure: GovernanceStructure
    roles: int
    filled: int
    people: int
    seats: list[tuple[str, bool]] = field(default_factory=list)  # C&CPLG seats leading on it: (title, held)

    @property
    def status(self) -> str:
        if self.filled or any(held for _, held in self.seats):
            return "represented"
        return "vacant" if self.roles or self.seats else "none"

    @property
    def status_label(self) -> str:
        return {"represented": "Represented", "vacant": "Vacant", "none": "Not represented"}[self.status]


@dataclass
class FunctionGap:
    label: str
    totals: Totals = field(default_factory=Totals)


def _add(totals: Totals, cell: Cell) -> None:
    totals.cells += 1
    totals.expected_wte += cell.expected_wte
    totals.filled_wte += min(cell.filled_wte, cell.expected_wte)
    totals.gap += cell.gap
    totals.vacant_gap += cell.vacant_gap
    totals.unfunded_gap += cell.unfunded_gap
    totals.vacant_gap_cost += cell.vacant_gap_cost
    if cell.unfunded_gap_cost is None:
        totals.unpriced_cells += 1
    else:
        totals.unfunded_gap_cost += cell.unfunded_gap_cost
    totals.by_status[cell.status] = totals.by_status.get(cell.status, 0) + 1


@dataclass
class GapAnalysis:
    on: date
    cells: list[Cell]
    totals: Totals
    checks: list[Check]
    outside: Outside
    networks_without_lead: list[NetworkLead]
    networks: int
    lcp_gaps: list[tuple[str, list[str]]]  # (LCP, the functions with nobody in post)
    functions: list[FunctionGap]  # the whole model's figures for each function
    representation: list[StructureRow] | None = None

    @property
    def by_function(self) -> list[tuple[str, list[Cell]]]:
        groups: dict[str, list[Cell]] = {}
        for cell in self.cells:
            groups.setdefault(cell.function_label, []).append(cell)
        return list(groups.items())

    @property
    def unrepresented(self) -> list[StructureRow]:
        return [row for row in self.representation or [] if row.status != "represented"]


def _group_roles(roles) -> list[dict]:
    return list(
        roles.values(*CELL_KEY)
        .annotate(
            roles=Count("id"),
            filled=Count("id", filter=Q(holder__isnull=False)),
            funded_wte=Coalesce(Sum("wte"), ZERO),
            filled_wte=Coalesce(Sum("wte", filter=Q(holder__isnull=False)), ZERO),
            cost=Coalesce(Sum("annual_cost"), ZERO),
            vacant_cost=Coalesce(Sum("annual_cost", filter=Q(holder__isnull=True)), ZERO),
        )
        .order_by()
    )


def gap_analysis(
    on: date | None = None,
    today: date | None = None,
    representation: bool = True,
    status: str = "",
    function_id: int | None = None,
) -> GapAnalysis:
    """The model against the roles running on ``on`` (today by default). Four queries, seven with the
    representation on each governance structure, whatever the number of roles or cells. ``status`` and
    ``function_id`` narrow the cells listed; the totals, checks and lists are always the whole model's."""
    today = today or timezone.localdate()
    on = on or today
    functions = {f.pk: f for f in PriorityFunction.objects.all()}
    expected = list(
        model_cells(on, today)
        .select_related(*EXPECTED_RELATED)
        .order_by(
            "function__number",
            "spatial_level",
            "programme__name",
            "clinical_network__name",
            "collaborative__name",
            "borough__name",
            "title",
            "id",
        )
    )
    grouped = _group_roles(running_roles(on, today))
    by_key = {tuple(row[name] for name in CELL_KEY): row for row in grouped}

    cells, totals, used, by_function = [], Totals(), set(), []
    for role in expected:
        key = (
            role.function_id,
            role.spatial_level,
            role.collaborative_id,
            role.borough_id,
            role.clinical_network_id,
            role.programme_id,
        )
        row = by_key.get(key, {})
        used.add(key)
        function = functions.get(role.function_id)
        cell = Cell(
            expected=role,
            function_label=f"{function.number}. {function.name}" if function else "",
            roles=row.get("roles", 0),
            filled_roles=row.get("filled", 0),
            funded_wte=row.get("funded_wte", ZERO),
            filled_wte=row.get("filled_wte", ZERO),
            vacant_cost=row.get("vacant_cost", ZERO),
        )
        cells.append(cell)
        _add(totals, cell)
        if not by_function or by_function[-1].label != cell.function_label:
            by_function.append(FunctionGap(cell.function_label))
        _add(by_function[-1].totals, cell)

    outside = Outside()
    for key, row in by_key.items():
        if key not in used:
            outside.roles += row["roles"]
            outside.wte += row["funded_wte"]
            outside.cost += row["cost"]

    checks = _checks(functions, expected, grouped)
    networks = _networks_without_lead(functions, grouped)
    lcp_gaps: dict[str, list[str]] = defaultdict(list)
    for cell in cells:
        if cell.expected.spatial_level == SpatialLevel.LCP and not cell.filled_wte:
            name = cell.function_label + (f" ({cell.expected.programme})" if cell.expected.programme_id else "")
            lcp_gaps[cell.body].append(name)
    shown = [
        cell
        for cell in cells
        if (not status or cell.status == status) and (function_id is None or cell.expected.function_id == function_id)
    ]
    return GapAnalysis(
        on=on,
        cells=shown,
        totals=totals,
        checks=checks,
        outside=outside,
        networks_without_lead=networks[0],
        networks=networks[1],
        lcp_gaps=sorted(lcp_gaps.items()),
        functions=by_function,
        representation=_representation(on, today) if representation else None,
    )


def _checks(functions, expected, grouped) -> list[Check]:
    def number(function_id):
        function = functions.get(function_id)
        return function.number if function else None

    model_total = sum((role.expected_wte for role in expected), ZERO)
    model_pathway = sum(
        (role.expected_wte for role in expected if number(role.function_id) == CARE_PATHWAY_FUNCTION), ZERO
    )
    model_networks = sum((role.expected_wte for role in expected if role.clinical_network_id is not None), ZERO)
    cost = sum((row["cost"] for row in grouped), ZERO)
    pathway_cost = sum((row["cost"] for row in grouped if number(row["function_id"]) == CARE_PATHWAY_FUNCTION), ZERO)
    network_cost = sum((row["cost"] for row in grouped if row["clinical_network_id"] is not None), ZERO)
    pathway = (_share(model_pathway, model_total), _share(pathway_cost, cost))
    networks = (_share(model_networks, model_total), _share(network_cost, cost))
    return [
        Check(
            "Care pathway transformation programmes and boards",
            "Over half",
            pathway[0],
            pathway[1],
            pathway[0] > INTENDED_CARE_PATHWAY_SHARE,
            pathway[1] > INTENDED_CARE_PATHWAY_SHARE,
        ),
        Check(
            "Clinical networks",
            "About a quarter",
            networks[0],
            networks[1],
            networks[0] >= NETWORK_SHARE_FLOOR,
            networks[1] >= NETWORK_SHARE_FLOOR,
        ),
    ]


def _networks_without_lead(functions, grouped) -> tuple[list[NetworkLead], int]:
    """The clinical networks with no care standards lead role running, or only vacant ones (one query)."""
    leads: dict[int, list[int]] = {}
    for row in grouped:
        function = functions.get(row["function_id"])
        if row["clinical_network_id"] and function and function.number == CARE_STANDARDS_FUNCTION:
            counts = leads.setdefault(row["clinical_network_id"], [0, 0])
            counts[0] += row["roles"]
            counts[1] += row["filled"]
    networks = list(ClinicalNetwork.objects.only("name").order_by("name"))
    without = []
    for network in networks:
        roles, filled = leads.get(network.pk, (0, 0))
        if not filled:
            without.append(NetworkLead(name=network.name, roles=roles, vacant=roles > 0))
    return without, len(networks)


def _representation(on: date, today: date) -> list[StructureRow]:
    """C&CP leadership on each governance structure: the running roles that sit on it and the C&CPLG seats
    that lead on it (three queries). Only today's: the history keeps both, but not as a past day's join."""
    counts = {
        row["structures"]: row
        for row in LeadershipRole.objects.filter(start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(structures__isnull=False)
        .values("structures")
        .annotate(
            roles=Count("id"),
            filled=Count("id", filter=Q(holder__isnull=False)),
            people=Count("holder", distinct=True),
        )
        .order_by()
    }
    seats: dict[int, list[tuple[str, bool]]] = defaultdict(list)
    for structure_id, title, holder_id in Seat.objects.filter(structure__isnull=False).values_list(
        "structure_id", "title", "holder_id"
    ):
        seats[structure_id].append((title, holder_id is not None))
    return [
        StructureRow(
            structure=structure,
            roles=counts.get(structure.pk, {}).get("roles", 0),
            filled=counts.get(structure.pk, {}).get("filled", 0),
            people=counts.get(structure.pk, {}).get("people", 0),
            seats=seats.get(structure.pk, []),
        )
        for structure in GovernanceStructure.objects.all()
    ]


def model_page(page_number, include_retired: bool = False, per_page: int = 50):
    """One page of the model's cells, by function (two queries: the count and the page)."""
    cells = ExpectedRole.objects.select_related(*EXPECTED_RELATED)
    if not include_retired:
        cells = cells.filter(retired_on__isnull=True)
    return Paginator(
        cells.order_by(
            "function__number",
            "spatial_level",
            "programme__name",
            "clinical_network__name",
            "collaborative__name",
            "borough__name",
            "title",
            "id",
        ),
        per_page,
    ).get_page(page_number)


# --- Exports ---------------------------------------------------------------------------------------

GAP_HEADER = [
    "Priority function",
    "Role",
    "Spatial level",
    "Body",
    "Network or programme",
    "Expected WTE",
    "Roles running",
    "Funded WTE",
    "Filled WTE",
    "Status",
    "Gap WTE",
    "Vacant WTE in the gap",
    "Unfunded WTE in the gap",
    "Gap at the rate card (£ a year)",
]


def gap_rows(gap: GapAnalysis) -> list[list]:
    rows = [
        [
            cell.function_label,
            cell.expected.title,
            cell.level_label,
            cell.body,
            cell.focus,
            cell.expected_wte,
            cell.roles,
            cell.funded_wte,
            cell.filled_wte,
            cell.status_label,
            cell.gap,
            cell.vacant_gap,
            cell.unfunded_gap,
            "not priced" if cell.gap_cost is None else cell.gap_cost,
        ]
        for cell in gap.cells
    ]
    totals = gap.totals
    rows.append(
        [
            "All cells",
            "",
            "",
            "",
            "",
            totals.expected_wte,
            "",
            "",
            totals.filled_wte,
            "",
            totals.gap,
            totals.vacant_gap,
            totals.unfunded_gap,
            totals.gap_cost,
        ]
    )
    return rows
