"""Small-number suppression: the one helper every aggregate about people goes through.

A count of people that is more than zero but under the threshold (5 unless told) could identify
someone, so it is never shown: the cell reads "fewer than 5". Then:

* **Secondary suppression**: if exactly one cell in a row is suppressed, the row's total and the other
  cells would give it away, so the next-smallest non-zero cell is hidden too ("not shown").
* **The total** is hidden ("not shown") whenever showing it, with the cells that are shown, would pin
  down the exact value of any hidden cell, and whenever the total itself is a small number.
* Zero is shown as 0: there is nobody to identify.

The result never carries the exact value of a hidden cell, so a template or CSV writer given a
:class:`SuppressedTable` cannot leak one by mistake.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
NOT_SHOWN = "not shown"


class CellStatus(enum.StrEnum):
    SHOWN = "shown"
    SMALL = "small"  # primary suppression: 0 < n < threshold
    SECONDARY = "secondary"  # hidden so that a small cell cannot be worked out from the total


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


def suppress(counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:
    """Suppress one row of counts (``{label: number of people}``); see the module docstring."""
    if threshold < 1:
        raise ValueError("The suppression threshold must be at least 1.")
    items = list(counts.items())
    for label, count in items:
        if isinstance(count, bool) or not isinstance(count, int):
            raise TypeError(f"The count for {label!r} must be a whole number.")
        if count < 0:
            raise ValueError(f"The count for {label!r} cannot be negative.")

    status = {
        label: CellStatus.SMALL if 0 < count < threshold else CellStatus.SHOWN for label, count in items
    }
    small = [label for label, _ in items if status[label] is CellStatus.SMALL]
    if len(small) == 1:
        candidates = [
            (count, index)
            for index, (label, count) in enumerate(items)
            if count > 0 and status[label] is CellStatus.SHOWN
        ]
        if candidates:
            _, index = min(candidates)
            status[items[index][0]] = CellStatus.SECONDARY

    total = sum(count for _, count in items)
    hide_total = (0 < total < threshold) or _total_reveals_a_hidden_cell(items, status, threshold, total)

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
    return SuppressedTable(cells=cells, total=None if hide_total else total, threshold=threshold)


def _total_reveals_a_hidden_cell(items, status, threshold: int, total: int) -> bool:
    """Would a reader who sees the shown cells and the total know a hidden cell's exact value?

    A reader knows a "fewer than" cell lies in 1..threshold-1 and a secondary cell is at least the
    threshold (otherwise it would have been a small cell). Knowing the hidden cells' sum, each cell's
    possible range narrows; if any range closes to a single value, the total must be hidden.
    """
    hidden = [(label, count) for label, count in items if status[label] is not CellStatus.SHOWN]
    if not hidden:
        return False
    residual = total - sum(count for label, count in items if status[label] is CellStatus.SHOWN)
    bounds = [
        (1, threshold - 1) if status[label] is CellStatus.SMALL else (threshold, residual)
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
