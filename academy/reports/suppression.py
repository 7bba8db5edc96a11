"""Small-number suppression: the one helper every aggregate about people goes through.

A count of people that is more than zero but under the threshold (5 unless told) could identify
someone, so it is never shown: the cell reads "fewer than 5". Then:

* **Secondary suppression**: if exactly one cell in a row is suppressed, the row's total and the other
  cells would give it away, so the next-smallest non-zero cell is hidden too ("not shown").
* **The total** is hidden ("not shown") whenever showing it, with the cells that are shown, would pin
  down the exact value of any hidden cell, and whenever the total itself is a small number.
* **Zeros beside hidden cells**: when every non-zero cell is hidden, the zeros around them say that
  everyone counted is in the hidden groups (one appointment, "fewer than 5" White and 0 everywhere else,
  names the appointee's group). Then every cell is masked ("not shown"), zeros and small cells alike.
* Zero is otherwise shown as 0: there is nobody to identify.
* **Totals published elsewhere**: with ``total_known=True`` the helper assumes the reader knows the total
  anyway (from another page, another table of the same people, or by adding up counts shown elsewhere),
  and hides more cells until the total no longer pins any hidden one down.
* :func:`suppress_tables` applies all of this to several tables of the same people at once, with the
  rows of each table, every column's total, and tables that add up to another (one vacancy's counts and
  all vacancies') checked together the way a reader would difference them. See docs/suppression.md.

The result never carries the exact value of a hidden cell, so a template or CSV writer given a
:class:`SuppressedTable` cannot leak one by mistake.
"""

from __future__ import annotations

import enum
from collections.abc import Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
NOT_SHOWN = "not shown"


class CellStatus(enum.StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # primary suppression: 0 < n < threshold
    SECONDARY = "secondary"  # hidden so that a small cell cannot be worked out from the total
    MASKED = "masked"  # hidden (even a zero) so that the cells around it cannot give a hidden one away


@dataclass(frozen=True, slots=True)
class SuppressedCell:
    label: str
    value: int | None  # None whenever the cell is hidden
    status: CellStatus
    display: str

    @property
    def suppressed(self) -> bool:
        return self.status is not CellStatus.SHOWN


@dataclass(frozen=True, slots=True)
class SuppressedTable:
    """One row of counts after suppression, in the order the counts were given."""

    cells: tuple[SuppressedCell, ...]
    total: int | None  # None when hidden
    threshold: int

    @property
    def total_suppressed(self) -> bool:
        return self.total is None

    @property
    def total_display(self) -> str:
        return NOT_SHOWN if self.total is None else str(self.total)

    @property
    def any_suppressed(self) -> bool:
        return self.total is None or any(cell.suppressed for cell in self.cells)

    def __iter__(self) -> Iterator[SuppressedCell]:
        return iter(self.cells)

    def __len__(self) -> int:
        return len(self.cells)

    def __getitem__(self, label: str) -> SuppressedCell:
        for cell in self.cells:
            if cell.label == label:
                return cell
        raise KeyError(label)

    def displays(self) -> dict[str, str]:
        """``{label: what to show}``, for CSV rows and simple tables."""
        return {cell.label: cell.display for cell in self.cells}


def small_label(threshold: int) -> str:
    return f"fewer than {threshold}"


def suppress(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD, *, total_known: bool = False
) -> SuppressedTable:
    """Suppress one row of counts (``{label: number of people}``); see the module docstring.

    ``total_known``: the total is published somewhere else (or can be added up from counts published
    elsewhere), so more cells are hidden until it pins none down, instead of hiding the total.
    """
    items = _validated(counts, threshold)
    status = _initial_status(items, threshold)
    total = sum(count for _, count in items)
    if total_known:
        while _total_reveals_a_hidden_cell(items, status, threshold, total):
            if not _escalate(items, status):
                break
    hide_total = (0 < total < threshold) or (
        not total_known and _total_reveals_a_hidden_cell(items, status, threshold, total)
    )
    return _table(items, status, threshold, None if hide_total else total)


def suppress_tables(
    tables: Mapping[Hashable, Mapping[str, Mapping[str, int]]],
    threshold: int = DEFAULT_THRESHOLD,
    parts_of: Mapping[Hashable, Iterable[Hashable]] | None = None,
) -> dict[Hashable, dict[str, SuppressedTable]]:
    """Suppress several tables of counts about the same people, as a reader who sees them all would attack them.

    ``tables`` is ``{table: {column: {row: count}}}``; each column is one :func:`suppress` vector, and
    every column's total is taken as published (a column of one table counts the same people as the same
    column of another, and its total can be added up elsewhere). ``parts_of`` says which tables add up,
    cell by cell, to another (``{all_vacancies: [vacancy_1, vacancy_2, ...]}``).

    On top of each column's rules:

    * a row whose only non-zero cells are hidden has its zeros masked too (in columns with anyone in them);
    * every number shown, every column total and every "adds up to" is put together, and interval
      reasoning (what a reader does by hand: a total minus the cells shown, a whole minus its other parts,
      repeated until nothing changes) looks for a hidden cell whose value is pinned down. While one is,
      more cells are hidden: first in its own column, then in the tables it adds up with.

    Returns ``{table: {column: SuppressedTable}}``, each with its (published) total.
    """
    links = {whole: list(parts) for whole, parts in (parts_of or {}).items()}
    columns = {}  # (table, column) -> items
    status = {}  # (table, column) -> {row: CellStatus}
    for key, table in tables.items():
        for column, counts in table.items():
            items = _validated(counts, threshold)
            columns[key, column] = items
            status[key, column] = _initial_status(items, threshold)

    for _ in range(10_000):  # each round hides at least one more cell, so this always ends well before
        changed = _mask_rows(tables, columns, status)
        pinned = _pinned_cells(columns, status, links, threshold)
        if not pinned:
            if not changed:
                break
            continue
        key, column, _row = pinned[0]
        candidates = [(key, column)] + [
            (other, column)
            for whole, parts in links.items()
            if key == whole or key in parts
            for other in [*parts, whole]
            if other != key
        ]
        if not any(_escalate(columns[candidate], status[candidate]) for candidate in candidates):
            break  # nothing left to hide: cannot happen with consistent counts, but never loop for ever

    return {
        key: {
            column: _table(columns[key, column], status[key, column], threshold,
                           _published_total(sum(count for _, count in columns[key, column]), threshold))
            for column in table
        }
        for key, table in tables.items()
    }


def _published_total(total: int, threshold: int) -> int | None:
    return None if 0 < total < threshold else total


def _validated(counts: Mapping[str, int], threshold: int) -> list[tuple[str, int]]:
    if threshold < 1:
        raise ValueError("The suppression threshold must be at least 1.")
    items = list(counts.items())
    for label, count in items:
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"The count for {label!r} must be a whole number.")
        if count < 0:
            raise ValueError(f"The count for {label!r} cannot be negative.")
    return items


def _initial_status(items, threshold: int) -> dict[str, CellStatus]:
    """Primary suppression, secondary suppression of a lone small cell, and masking of the zeros around
    hidden cells when no non-zero cell is shown."""
    status = {
        label: CellStatus.SMALL if 0 < count < threshold else CellStatus.SHOWN for label, count in items
    }
    small = [label for label, _ in items if status[label] is CellStatus.SMALL]
    if len(small) == 1:
        _hide_next_smallest(items, status)
    _mask_if_only_zeros_shown(items, status)
    return status


def _hide_next_smallest(items, status) -> bool:
    candidates = [
        (count, index)
        for index, (label, count) in enumerate(items)
        if count > 0 and status[label] is CellStatus.SHOWN
    ]
    if not candidates:
        return False
    _, index = min(candidates)
    status[items[index][0]] = CellStatus.SECONDARY
    return True


def _mask_if_only_zeros_shown(items, status) -> bool:
    """Zeros beside hidden cells, with no non-zero cell shown, say everyone is in the hidden groups."""
    hidden = any(status[label] is not CellStatus.SHOWN for label, _ in items)
    shown_non_zero = any(count and status[label] is CellStatus.SHOWN for label, count in items)
    shown_zero = any(not count and status[label] is CellStatus.SHOWN for label, count in items)
    if hidden and not shown_non_zero and shown_zero:
        return _mask_all(items, status)
    return False


def _mask_all(items, status) -> bool:
    changed = False
    for label, _ in items:
        if status[label] is not CellStatus.MASKED:
            status[label] = CellStatus.MASKED
            changed = True
    return changed


def _escalate(items, status) -> bool:
    """Hide one step more in a column: the next-smallest non-zero cell, or else the whole column."""
    if _hide_next_smallest(items, status):
        _mask_if_only_zeros_shown(items, status)
        return True
    if sum(count for _, count in items) == 0:
        return False  # nobody counted: the zeros give nobody away
    return _mask_all(items, status)


def _mask_rows(tables, columns, status) -> bool:
    """A row (one group across the columns) whose only non-zero cells are hidden: mask its zeros too, in
    every column that counts anyone."""
    changed = False
    for key, table in tables.items():
        live = [column for column in table if sum(count for _, count in columns[key, column])]
        rows = dict.fromkeys(label for column in live for label, _ in columns[key, column])
        for row in rows:
            cells = [
                (column, count)
                for column in live
                for label, count in columns[key, column]
                if label == row
            ]
            hidden = any(status[key, column][row] is not CellStatus.SHOWN for column, _ in cells)
            shown_non_zero = any(count and status[key, column][row] is CellStatus.SHOWN for column, count in cells)
            if hidden and not shown_non_zero:
                for column, count in cells:
                    if not count and status[key, column][row] is CellStatus.SHOWN:
                        status[key, column][row] = CellStatus.MASKED
                        changed = True
    return changed


def _pinned_cells(columns, status, links, threshold: int) -> list[tuple]:
    """Hidden cells whose value a reader can work out from everything published (see suppress_tables)."""
    low, high, equations = {}, {}, []
    for (key, column), items in columns.items():
        total = sum(count for _, count in items)
        for label, count in items:
            cell = (key, column, label)
            low[cell], high[cell] = _bounds(status[key, column][label], count, threshold, total)
        equations.append(([(1, (key, column, label)) for label, _ in items], total))
    for whole, parts in links.items():
        for (key, column), items in columns.items():
            if key != whole:
                continue
            for label, _ in items:
                terms = [(1, (whole, column, label))] + [
                    (-1, (part, column, label)) for part in parts if (part, column, label) in low
                ]
                equations.append((terms, 0))
    _propagate(low, high, equations)
    # A part whose whole shows 0 is 0 by publication: nobody is in that group at all, which gives nobody away.
    zero_by_whole = {
        (part, column, label)
        for whole, parts in links.items()
        for (key, column), items in columns.items() if key == whole
        for label, count in items
        if count == 0 and status[key, column][label] is CellStatus.SHOWN
        for part in parts
    }
    return [
        cell for cell in low
        if status[cell[0], cell[1]][cell[2]] is not CellStatus.SHOWN and low[cell] == high[cell]
        and cell not in zero_by_whole
    ]


def _bounds(cell_status: CellStatus, count: int, threshold: int, total: int) -> tuple[int, int]:
    if cell_status is CellStatus.SHOWN:
        return count, count
    if cell_status is CellStatus.SMALL:
        return 1, threshold - 1
    if cell_status is CellStatus.SECONDARY:
        return threshold, max(threshold, total)
    return 0, total


def _propagate(low: dict, high: dict, equations) -> None:
    """Narrow each cell's interval with every ``sum(coefficient * cell) == constant`` until nothing changes."""
    changed = True
    while changed:
        changed = False
        for terms, constant in equations:
            for coefficient, cell in terms:
                others_low = sum(c * (low[o] if c > 0 else high[o]) for c, o in terms if o != cell)
                others_high = sum(c * (high[o] if c > 0 else low[o]) for c, o in terms if o != cell)
                if coefficient > 0:
                    least, most = constant - others_high, constant - others_low
                else:
                    least, most = others_low - constant, others_high - constant
                least, most = max(low[cell], least), min(high[cell], most)
                if (least, most) != (low[cell], high[cell]) and least <= most:
                    low[cell], high[cell] = least, most
                    changed = True


def _table(items, status, threshold: int, total: int | None) -> SuppressedTable:
    cells = tuple(
        SuppressedCell(
            label=label,
            value=None if status[label] is not CellStatus.SHOWN else count,
            status=status[label],
            display=(
                str(count)
                if status[label] is CellStatus.SHOWN
                else small_label(threshold)
                if status[label] is CellStatus.SMALL
                else NOT_SHOWN
            ),
        )
        for label, count in items
    )
    return SuppressedTable(cells=cells, total=total, threshold=threshold)


def _total_reveals_a_hidden_cell(items, status, threshold: int, total: int) -> bool:
    """Would a reader who sees the shown cells and the total know a hidden cell's exact value?

    A reader knows a "fewer than" cell lies in 1..threshold-1, a secondary cell is at least the
    threshold (otherwise it would have been a small cell) and a masked one lies anywhere from 0. Knowing
    the hidden cells' sum, each cell's possible range narrows; if any range closes to a single value, the
    total must be hidden (or, when it is published anyway, more cells).
    """
    hidden = [(label, count) for label, count in items if status[label] is not CellStatus.SHOWN]
    if not hidden:
        return False
    residual = total - sum(count for label, count in items if status[label] is CellStatus.SHOWN)
    bounds = [
        (1, threshold - 1) if status[label] is CellStatus.SMALL
        else (threshold, residual) if status[label] is CellStatus.SECONDARY
        else (0, residual)
        for label, _ in hidden
    ]
    sum_low = sum(low for low, _ in bounds)
    sum_high = sum(high for _, high in bounds)
    for low, high in bounds:
        least = max(low, residual - (sum_high - high))
        most = min(high, residual - (sum_low - low))
        if least == most:
            return True
    return False
