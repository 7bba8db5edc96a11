"""Reads for the inclusion measures: counts at each step by group, suppressed, against the benchmarks.

Every figure goes through :func:`academy.reports.suppression.suppress_tables`, per dimension, over every
table anyone can be shown about those people, whatever page or scope is asked for: all programmes and
each programme (which add up to it) with the C&CPLG's members and leadership role holders; and for the
trend, each quarter (adding up to all programmes) and each programme's quarters (adding up to the
programme). So a number hidden in one table cannot be worked out from another table, a total, or another
programme's figures. Shares and relative likelihoods are worked out only from counts that are shown.

Queries: the applications (one), the C&CPLG and role holders (two), the programmes (one), the benchmarks
(two), and the recruitment pipeline (one) where it is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Prefetch
from django.utils import timezone

from academy.reports.suppression import (
    NOT_SHOWN,
    CellStatus,
    SuppressedCell,
    SuppressedTable,
    suppress_tables,
)
from evaluation.inclusion.groups import GROUPINGS, UNANSWERED, Grouping
from evaluation.inclusion.models import Benchmark, BenchmarkRow
from governance.inclusion.selectors import member_answers
from governance.investment.quarters import Quarter, quarter_of
from governance.recruitment import selectors as recruitment
from programmes.core.selectors import inclusion as programme_steps

STEPS = (("applied", "Applied"), ("offered", "Offered a place"), ("completed", "Completed"))
# What is suppressed: each application's furthest step, so no count bounds another (a reader knows no more
# can be offered a place than applied; outcomes that do not overlap give them no such inequality to use).
# The steps shown are sums of these, shown only when every outcome they add up is shown.
OUTCOMES = (("not_offered", "Applied, not offered a place"), ("offered_only", "Offered a place, not completed"),
            ("completed", "Completed"))
STEP_OUTCOMES = {"applied": ("not_offered", "offered_only", "completed"), "offered": ("offered_only", "completed"),
                 "completed": ("completed",)}
MEMBER_STEPS = (("ccplg", "C&CPLG members"), ("roles", "Leadership role holders"))
TRANSITIONS = (("applied", "offered", "Applied to offered"), ("offered", "completed", "Offered to completed"))
TREND_QUARTERS = 8
EARLIER = "earlier"  # applications before the trend's quarters: counted in every total, not shown by quarter
PLACES = Decimal("0.01")
SHARE_PLACES = Decimal("0.1")
USUAL_LOW, USUAL_HIGH = Decimal("0.80"), Decimal("1.25")
CANNOT = "cannot be worked out"
REFERENCE = "reference group"
READING = (
    "1.00 means equal likelihood; above 1.25 or below 0.80 is outside the usual range."
)


@dataclass(frozen=True)
class Likelihood:
    text: str
    outside: bool = False  # a number outside 0.80 to 1.25


@dataclass(frozen=True)
class Row:
    group: str
    counts: tuple[str, ...]
    shares: tuple[str, ...]  # each step's share of those who answered ("" for the unanswered groups)
    benchmark: str
    likelihoods: tuple[Likelihood, ...]
    is_reference: bool
    answered: bool
    outcomes: tuple[str, ...] = ()  # the suppressed outcomes the steps add up from (applications only)

    @property
    def pairs(self) -> tuple[tuple[str, str], ...]:
        """Each step's (count, share), for a table's cells."""
        return tuple(zip(self.counts, self.shares, strict=True))


@dataclass(frozen=True)
class Table:
    grouping: Grouping
    steps: tuple[tuple[str, str], ...]
    rows: tuple[Row, ...]
    totals: tuple[str, ...]
    benchmark: Benchmark | None
    transitions: tuple[tuple[str, str, str], ...]
    outcome_totals: tuple[str, ...] = ()


@dataclass(frozen=True)
class TrendRow:
    quarter: Quarter
    applied: str
    likelihoods: tuple[Likelihood, ...]


@dataclass(frozen=True)
class Trend:
    grouping: Grouping
    groups: tuple[str, ...]  # the answered groups other than the reference, one column each
    rows: tuple[TrendRow, ...]


@dataclass(frozen=True)
class Headline:
    grouping: Grouping
    groups: tuple[str, ...]
    offered: tuple[Likelihood, ...]  # applied to offered, all programmes
    appointed: tuple[Likelihood, ...]  # shortlisted to appointed, leadership vacancies

    @property
    def rows(self):
        return tuple(zip(self.groups, self.offered, self.appointed, strict=True))


@dataclass(frozen=True)
class Report:
    programme: object | None  # None: all programmes
    tables: tuple[Table, ...]
    members: tuple[Table, ...]  # the C&CPLG and role holders (all programmes only)
    trends: tuple[Trend, ...]
    quarters: tuple[Quarter, ...]


def trend_quarters(today: date | None = None) -> list[Quarter]:
    """The quarters of the trend, oldest first, ending with this one."""
    quarter = quarter_of(today or timezone.localdate())
    quarters = [quarter]
    for _ in range(TREND_QUARTERS - 1):
        quarter = quarter.previous()
        quarters.append(quarter)
    return quarters[::-1]


def programmes() -> list:
    return programme_steps.inclusion_programmes()


def latest_benchmarks() -> dict[str, Benchmark]:
    """The newest benchmark of each dimension, with its rows (two queries)."""
    latest = {}
    for benchmark in Benchmark.objects.prefetch_related(
        Prefetch("rows", queryset=BenchmarkRow.objects.order_by("position"))
    ).order_by("dimension", "-as_of", "-pk"):
        latest.setdefault(benchmark.dimension, benchmark)
    return latest


def all_benchmarks() -> list[Benchmark]:
    return list(Benchmark.objects.prefetch_related(
        Prefetch("rows", queryset=BenchmarkRow.objects.order_by("position"))
    ).select_related("uploaded_by").order_by("dimension", "-as_of", "-pk"))


# --- the suppressed counts -----------------------------------------------------------------------------


NO_TREND = object()


def suppressed_counts(today: date | None = None, trend=NO_TREND) -> dict[str, dict]:
    """``{dimension: {table key: {column: SuppressedTable}}}``: the make-up's tables, and the trend's for
    ``trend`` (None: all programmes; a programme's id: that programme; NO_TREND: none).

    Table keys: ``"all"``; ``("p", programme id)``; ``("q", quarter)``; ``("pq", programme id, quarter)``
    (quarter is a :class:`Quarter` of the trend, or ``EARLIER``); ``"members"`` (columns ``ccplg`` and
    ``roles``; equality dimensions only). Three queries.

    Each trend is its own call to the helper, apart from the others, so working out only the one asked for
    gives the same figures as working them all out, in a fraction of the time.
    """
    today = today or timezone.localdate()
    window = set(trend_quarters(today))
    rows = programme_steps.application_steps()
    for row in rows:
        quarter = quarter_of(row["quarter"]) if row["quarter"] else None
        row["bucket"] = quarter if quarter in window else EARLIER
    members = member_answers(today)
    return {grouping.key: _suppress(grouping, rows, members, trend) for grouping in GROUPINGS}


def _empty(grouping: Grouping, steps) -> dict[str, dict[str, int]]:
    return {step: dict.fromkeys(grouping.groups, 0) for step, _ in steps}


def _suppress(grouping: Grouping, rows: list[dict], members: dict, trend) -> dict:
    """Three kinds of call to the helper, each a whole with its parts one level down (the helper hides
    more among a whole and its parts when a hidden cell could be worked out):

    * the make-up: all programmes, the sum of each programme's table, with the C&CPLG's and role holders';
    * the trend across all programmes: all programmes, the sum of each quarter's table;
    * each programme's trend: the programme, the sum of its quarters' tables.

    Only the first call's counts are shown; the trends show each quarter's total and relative likelihoods
    worked out from counts their own call shows.
    """
    grids: dict = {"all": _empty(grouping, OUTCOMES)}
    for row in rows:
        group = grouping.to_group(row[grouping.key])
        pid, bucket = row["programme"], row["bucket"]
        outcomes = {"not_offered": row["applied"] - row["offered"], "offered_only": row["offered"] - row["completed"],
                    "completed": row["completed"]}
        for key in ("all", ("p", pid), ("q", bucket), ("pq", pid, bucket)):
            table = grids.setdefault(key, _empty(grouping, OUTCOMES))
            for outcome, _ in OUTCOMES:
                table[outcome][group] += outcomes[outcome]
    makeup = {key: grid for key, grid in grids.items() if key == "all" or key[0] == "p"}
    if grouping.equality:
        table = _empty(grouping, MEMBER_STEPS)
        for step, _ in MEMBER_STEPS:
            for row in members[step]:
                table[step][grouping.to_group(row[grouping.key])] += row["people"]
        makeup["members"] = table
    result = suppress_tables(makeup, parts_of={"all": [key for key in makeup if key[0] == "p"]})
    if trend is None:
        quarters = {key: grid for key, grid in grids.items() if key[0] == "q"}
        suppressed = suppress_tables({"whole": grids["all"], **quarters}, parts_of={"whole": list(quarters)})
        result.update({key: suppressed[key] for key in quarters})
    elif trend is not NO_TREND and ("p", trend) in grids:
        cells = {key: grid for key, grid in grids.items() if key[0] == "pq" and key[1] == trend}
        suppressed = suppress_tables({"whole": grids["p", trend], **cells}, parts_of={"whole": list(cells)})
        result.update({key: suppressed[key] for key in cells})
    return {key: columns if key == "members" else _with_steps(columns) for key, columns in result.items()}


def _with_steps(columns: dict) -> dict:
    """The suppressed outcomes, with each step's counts added up from them: a group's count at a step is
    shown when every outcome it adds up is shown, and is otherwise "not shown"; likewise the total."""
    result = dict(columns)
    for step, outcomes in STEP_OUTCOMES.items():
        parts = [columns[outcome] for outcome in outcomes]
        cells = []
        for index, cell in enumerate(parts[0].cells):
            pieces = [part.cells[index] for part in parts]
            shown = not any(piece.suppressed for piece in pieces)
            cells.append(SuppressedCell(
                label=cell.label, value=sum(piece.value for piece in pieces) if shown else None,
                status=CellStatus.SHOWN if shown else CellStatus.MASKED,
                display=str(sum(piece.value for piece in pieces)) if shown else NOT_SHOWN,
            ))
        totals = [part.total for part in parts]
        result[step] = SuppressedTable(cells=tuple(cells), total=None if None in totals else sum(totals),
                                       threshold=parts[0].threshold)
    return result


# --- reading them ----------------------------------------------------------------------------------------


def _ratio(numerator: int, denominator: int) -> Decimal:
    return Decimal(numerator) / Decimal(denominator)


def relative_likelihood(before, after, reference: str, group: str) -> Likelihood:
    """The reference group's likelihood of moving from one step to the next divided by ``group``'s, as the
    NHS Workforce Race Equality Standard does. Not shown when any of the four counts behind it is hidden."""
    cells = (before[reference], after[reference], before[group], after[group])
    if any(cell.suppressed for cell in cells):
        return Likelihood(NOT_SHOWN)
    ref_before, ref_after, group_before, group_after = (cell.value for cell in cells)
    if not ref_before or not group_before or not group_after:
        return Likelihood(CANNOT)
    value = (_ratio(ref_after, ref_before) / _ratio(group_after, group_before)).quantize(
        PLACES, rounding=ROUND_HALF_UP
    )
    return Likelihood(str(value), outside=value < USUAL_LOW or value > USUAL_HIGH)


def _share(column, group: str, grouping: Grouping) -> str:
    """The group's share of those in the step who answered, when every count behind it is shown."""
    if group in UNANSWERED:
        return ""
    needed = [column[group]] + [column[other] for other in grouping.groups if other in UNANSWERED]
    if column.total is None or any(cell.suppressed for cell in needed):
        return NOT_SHOWN
    answered = column.total - sum(column[other].value for other in grouping.groups if other in UNANSWERED)
    if not answered:
        return ""  # nobody at this step answered: no share to give
    return f"{(Decimal(column[group].value) * 100 / answered).quantize(SHARE_PLACES, rounding=ROUND_HALF_UP)}%"


def _table(grouping: Grouping, columns: dict, steps, benchmark: Benchmark | None, transitions) -> Table:
    shares = {row.category: row.share_display for row in benchmark.rows.all()} if benchmark else {}
    rows = []
    for group in grouping.groups:
        answered = group not in UNANSWERED
        rows.append(Row(
            group=group,
            counts=tuple(columns[step][group].display for step, _ in steps),
            shares=tuple(_share(columns[step], group, grouping) for step, _ in steps),
            benchmark=shares.get(group, "") if answered else "",
            likelihoods=tuple(
                Likelihood(REFERENCE) if group == grouping.reference
                else relative_likelihood(columns[before], columns[after], grouping.reference, group) if answered
                else Likelihood("")
                for before, after, _ in transitions
            ),
            is_reference=group == grouping.reference,
            answered=answered,
            outcomes=tuple(columns[outcome][group].display for outcome, _ in OUTCOMES) if transitions else (),
        ))
    return Table(grouping=grouping, steps=tuple(steps), rows=tuple(rows),
                 totals=tuple(columns[step].total_display for step, _ in steps), benchmark=benchmark,
                 transitions=tuple(transitions),
                 outcome_totals=tuple(columns[outcome].total_display for outcome, _ in OUTCOMES) if transitions else ())


def _trend(grouping: Grouping, counts: dict, programme_id, quarters) -> Trend:
    groups = tuple(group for group in grouping.answered if group != grouping.reference)
    rows = []
    for quarter in quarters:
        columns = counts.get(("q", quarter) if programme_id is None else ("pq", programme_id, quarter))
        if columns is None:
            rows.append(TrendRow(quarter, "0", tuple(Likelihood(CANNOT) for _ in groups)))
            continue
        rows.append(TrendRow(quarter, columns["applied"].total_display, tuple(
            relative_likelihood(columns["applied"], columns["offered"], grouping.reference, group)
            for group in groups
        )))
    return Trend(grouping=grouping, groups=groups, rows=tuple(rows))


def report(programme=None, today: date | None = None) -> Report:
    """The inclusion page for all programmes (``programme`` None) or one programme."""
    quarters = trend_quarters(today)
    counts = suppressed_counts(today, trend=None if programme is None else programme.pk)
    benchmarks = latest_benchmarks()
    key = "all" if programme is None else ("p", programme.pk)
    tables, members, trends = [], [], []
    for grouping in GROUPINGS:
        dimension = counts[grouping.key]
        columns = dimension.get(key) or _zero_columns(grouping)
        tables.append(_table(grouping, columns, STEPS, benchmarks.get(grouping.key), TRANSITIONS))
        if programme is None and "members" in dimension:
            members.append(_table(grouping, dimension["members"], MEMBER_STEPS, benchmarks.get(grouping.key), ()))
        trends.append(_trend(grouping, dimension, None if programme is None else programme.pk, quarters))
    return Report(programme=programme, tables=tuple(tables), members=tuple(members), trends=tuple(trends),
                  quarters=tuple(quarters))


def _zero_columns(grouping: Grouping) -> dict:
    return _with_steps(suppress_tables({"none": _empty(grouping, OUTCOMES)})["none"])


def headlines(today: date | None = None, counts: dict | None = None) -> list[Headline]:
    """For the ICS Executive: each group's relative likelihood of an offer after applying (all programmes),
    and of appointment after shortlisting for a leadership vacancy (the recruitment pipeline's own figure,
    suppressed as the recruitment page shows it). ``counts``: :func:`suppressed_counts`' result when the
    caller has it already (its "all" tables are the same whichever trend it was asked for)."""
    counts = suppressed_counts(today) if counts is None else counts
    pipeline = {table.key: {row.group: row.relative for row in table.rows} for table in recruitment.pipeline()}
    result = []
    for grouping in GROUPINGS:
        columns = counts[grouping.key]["all"]
        groups = tuple(group for group in grouping.answered if group != grouping.reference)
        appointed = pipeline.get(grouping.key, {})
        result.append(Headline(
            grouping=grouping,
            groups=groups,
            offered=tuple(relative_likelihood(columns["applied"], columns["offered"], grouping.reference, group)
                          for group in groups),
            appointed=tuple(_pipeline_likelihood(appointed.get(group, CANNOT)) for group in groups),
        ))
    return result


@dataclass(frozen=True)
class ReportSection:
    """The evaluation report's inclusion section: the headline likelihoods, and the trend's rows for the
    report's quarters (those within the trend's eight quarters; ``earlier``: those before them)."""

    headlines: tuple[Headline, ...]
    trends: tuple[Trend, ...]
    earlier: tuple[Quarter, ...]


def report_section(quarters, today: date | None = None) -> ReportSection:
    """For the quarter's evaluation report (which the ICS Executive reads as well as evaluators): relative
    likelihoods and each quarter's number of applications, never a count by group.

    Every figure is one the inclusion pages show already, from the very same calls to the suppression
    helper (:func:`suppressed_counts` with the all-programmes trend, as of today): the headline's and the
    trend's. Working the trend out for the report's quarter instead would be a new call over other tables,
    which could hide different cells than the page, so that a cell hidden on one would show on the other.
    No total over the report's quarters is added, so nothing can be differenced. Queries: as the page's
    all-programmes figures, plus the recruitment pipeline's.
    """
    today = today or timezone.localdate()
    counts = suppressed_counts(today, trend=None)
    window = set(trend_quarters(today))
    shown = [quarter for quarter in quarters if quarter in window]
    return ReportSection(
        headlines=tuple(headlines(today, counts)),
        trends=tuple(_trend(grouping, counts[grouping.key], None, shown) for grouping in GROUPINGS),
        earlier=tuple(quarter for quarter in quarters if quarter not in window),
    )


def _pipeline_likelihood(text: str) -> Likelihood:
    try:
        value = Decimal(text)
    except ArithmeticError:
        return Likelihood(text)
    return Likelihood(text, outside=value < USUAL_LOW or value > USUAL_HIGH)


# --- exports ---------------------------------------------------------------------------------------------

EXPORT_HEADERS = (
    "Scope", "Table", "Grouped by", "Group", "Step", "Count", "Share of those who answered",
    "Workforce benchmark", "Relative likelihood", "Relative likelihood step",
)


def export_rows(result: Report) -> list[list[str]]:
    """The page's figures as rows, suppressed exactly as on the page (the same Report)."""
    scope = result.programme.name if result.programme else "All programmes"
    rows = []
    for title, tables in (("Programmes", result.tables), ("C&CPLG and leadership roles", result.members)):
        for table in tables:
            for row in table.rows:
                for index, (_, label) in enumerate(table.steps):
                    rows.append([scope, title, table.grouping.title, row.group, label, row.counts[index],
                                 row.shares[index], row.benchmark, "", ""])
                for likelihood, (_, _, label) in zip(row.likelihoods, table.transitions, strict=True):
                    if likelihood.text:
                        rows.append([scope, title, table.grouping.title, row.group, "", "", "", "",
                                     likelihood.text, label])
            for index, (_, label) in enumerate(table.steps):
                rows.append([scope, title, table.grouping.title, "Total", label, table.totals[index], "", "", "", ""])
            for row in table.rows:
                for display, (_, label) in zip(row.outcomes, OUTCOMES, strict=False):
                    rows.append([scope, "Outcomes", table.grouping.title, row.group, label, display, "", "", "", ""])
            for display, (_, label) in zip(table.outcome_totals, OUTCOMES, strict=False):
                rows.append([scope, "Outcomes", table.grouping.title, "Total", label, display, "", "", "", ""])
    for trend in result.trends:
        for trend_row in trend.rows:
            rows.append([scope, f"Trend {trend_row.quarter.short_label}", trend.grouping.title, "Total", "Applied",
                         trend_row.applied, "", "", "", ""])
            for group, likelihood in zip(trend.groups, trend_row.likelihoods, strict=True):
                rows.append([scope, f"Trend {trend_row.quarter.short_label}", trend.grouping.title, group, "", "",
                             "", "", likelihood.text, TRANSITIONS[0][2]])
    return rows
