"""Display decisions for the allocation model's pages: the status tags, and which check is met."""

from __future__ import annotations

from dataclasses import dataclass

from governance.allocation.selectors import Cell, GapAnalysis, Status, StructureRow

STATUS_TAG_CLASS = {
    Status.FILLED: "nhsuk-tag--green",
    Status.VACANT: "nhsuk-tag--yellow",
    Status.UNFUNDED: "nhsuk-tag--orange",
    Status.MISSING: "nhsuk-tag--red",
}
STRUCTURE_TAG_CLASS = {"represented": "nhsuk-tag--green", "vacant": "nhsuk-tag--yellow", "none": "nhsuk-tag--red"}


@dataclass(frozen=True)
class Tag:
    word: str
    css: str  # the NHS.UK tag's class on the pages

    @property
    def rag(self) -> str:
        """The board pack's class for the same colour."""
        return {"nhsuk-tag--green": "rag-green", "nhsuk-tag--yellow": "rag-amber"}.get(self.css, "rag-red")


def status_tag(cell: Cell) -> Tag:
    return Tag(cell.status_label, STATUS_TAG_CLASS[cell.status])


def structure_tag(row: StructureRow) -> Tag:
    return Tag(row.status_label, STRUCTURE_TAG_CLASS[row.status])


def check_tag(met: bool) -> Tag:
    return Tag("Met", "nhsuk-tag--green") if met else Tag("Not met", "nhsuk-tag--red")


def gap_groups(gap: GapAnalysis) -> list[tuple[str, list[tuple[Cell, Tag]]]]:
    """The cells by function, each with its status tag."""
    return [(label, [(cell, status_tag(cell)) for cell in cells]) for label, cells in gap.by_function]


def checks(gap: GapAnalysis) -> list[tuple[object, Tag, Tag]]:
    return [(check, check_tag(check.model_met), check_tag(check.actual_met)) for check in gap.checks]


def representation(gap: GapAnalysis) -> list[tuple[StructureRow, Tag]]:
    return [(row, structure_tag(row)) for row in gap.representation or []]
