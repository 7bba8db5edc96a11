"""The words and numbers the network pages show, from a snapshot's stored figures."""

from __future__ import annotations

from dataclasses import dataclass

from academy.reports.suppression import suppress
from evaluation.network.metrics import ATTRIBUTES
from evaluation.network.picture import HIDDEN, SECTOR_COLOURS
from evaluation.network.services import sector_label
from evaluation.network.sources import KIND_LABELS
from governance.investment.quarters import Quarter

ATTRIBUTE_LABELS = {
    "organisation": "organisation", "profession": "profession", "place": "place (borough)", "sector": "sector",
}


def _get(figures: dict, path: str):
    value = figures
    for key in path.split("."):
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _format(value, kind: str) -> str:
    if value is None:
        return "no ties"
    if kind == "share":
        return f"{value * 100:.0f}%"
    if kind == "index":
        return f"{value:+.2f}"
    if kind == "float":
        return f"{value:.2f}"
    if kind == "density":
        return f"{value:.4f}"
    return f"{value:,}"


def _difference(value, before, kind: str) -> str:
    if value is None or before is None:
        return ""
    change = value - before
    if kind == "share":
        return f"{change * 100:+.0f} points"
    if kind == "index":
        return f"{change:+.2f}"
    if kind == "float":
        return f"{change:+.2f}"
    if kind == "density":
        return f"{change:+.4f}"
    return f"{change:+,}"


FIGURE_ROWS = [
    ("people", "People with at least one tie", "count"),
    ("ties", "Ties (pairs of people)", "count"),
    ("density", "Density (share of all possible ties)", "density"),
    ("average_degree", "Average ties a person", "float"),
    *[(f"crossing.{a}.share", f"Ties crossing {ATTRIBUTE_LABELS[a]}", "share") for a in ATTRIBUTES],
    *[(f"crossing.{a}.ei_index", f"E-I index, {ATTRIBUTE_LABELS[a]}", "index") for a in ATTRIBUTES],
    ("betweenness.brokers", "Brokers (people on a shortest path between two others)", "count"),
    ("components.count", "Separate groups (components)", "count"),
    ("components.largest", "People in the largest group", "count"),
    ("modularity.communities", "Communities found", "count"),
    ("modularity.value", "Modularity", "float"),
]


@dataclass(frozen=True)
class FigureRow:
    label: str
    value: str
    change: str


def figure_rows(figures: dict, previous: dict | None) -> list[FigureRow]:
    return [
        FigureRow(label, _format(_get(figures, path), kind),
                  _difference(_get(figures, path), _get(previous, path), kind) if previous else "")
        for path, label, kind in FIGURE_ROWS
    ]


TREND_COLUMNS = [row for row in FIGURE_ROWS if row[0] in {
    "people", "ties", "density", "average_degree", "crossing.organisation.share", "crossing.sector.share",
    "components.count", "modularity.value",
}]


def trend(snapshots) -> dict:
    """Headings and one row a quarter, oldest first, for the change-over-time table."""
    return {
        "headings": ["Quarter", *(label for _, label, _ in TREND_COLUMNS)],
        "rows": [
            (Quarter(s.year, s.quarter), [_format(_get(s.figures, path), kind) for path, _, kind in TREND_COLUMNS])
            for s in snapshots
        ],
    }


@dataclass(frozen=True)
class LegendRow:
    label: str
    colour: str
    people: str


def legend(figures: dict) -> tuple[list[LegendRow], bool]:
    """People by sector through the suppression helper (the people total is published beside it), and
    whether any sector is hidden (drawn grey in the picture)."""
    table = suppress(figures.get("people_by_sector", {}), total_known=True)
    rows = [LegendRow(sector_label(cell.label), SECTOR_COLOURS[HIDDEN if cell.suppressed else cell.label]
                      if cell.label in SECTOR_COLOURS else SECTOR_COLOURS["other"], cell.display)
            for cell in table]
    return rows, any(cell.suppressed for cell in table)


def kind_rows(figures: dict) -> list[tuple[str, str]]:
    """Ties by where they come from (a tie can come from more than one place)."""
    return [(KIND_LABELS.get(kind, kind.replace("_", " ").capitalize()), f"{count:,}")
            for kind, count in figures.get("ties_by_kind", {}).items()]


def tie_kind_words() -> list[str]:
    """What counts as a tie, in words, for the index page's introduction (one a kind, in registry order)."""
    return list(KIND_LABELS.values())


def method_notes(figures: dict) -> list[str]:
    """How betweenness and the communities were computed, in words, when that depends on the network's size
    (metrics.betweenness and metrics.modularity record it in the snapshot)."""
    notes = []
    between = figures.get("betweenness") or {}
    if between and not between.get("exact", True):
        sources = between.get("sources")
        sample = f"a fixed sample of {sources:,} people" if sources else "a fixed sample of people"
        notes.append(f"Betweenness is estimated from the shortest paths starting at {sample}, as the network is "
                     "large.")
    method = (figures.get("modularity") or {}).get("method")
    if method == "louvain":
        notes.append("Communities are found by the Louvain method (with a fixed starting point, so the same ties "
                     "give the same communities), as the network is too large for the greedy method used for "
                     "smaller networks.")
    elif method == "greedy":
        notes.append("Communities are found by the greedy modularity method (Clauset, Newman and Moore).")
    return notes
