"""A table of plain values for ``ui/includes/table.html``: dashboards and summaries that a presenter builds."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    heading: str
    numeric: bool = False


@dataclass(frozen=True)
class Cell:
    """A value, optionally a link. Text is escaped when shown."""

    text: object
    href: str = ""


@dataclass
class Table:
    caption: str
    columns: list[Column]
    rows: list[list[object]] = field(default_factory=list)  # each value is plain text or a Cell
    empty: str = "Nothing to show."
    caption_hidden: bool = False  # when a heading above already says what the table is

    def cells(self):
        """Each row as (column, Cell) pairs, for the template."""
        for row in self.rows:
            yield [(column, value if isinstance(value, Cell) else Cell(value)) for column, value in
                   zip(self.columns, row, strict=True)]
