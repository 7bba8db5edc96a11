"""The network picture: an SVG drawn server-side once, when the snapshot is computed.

Positions come from networkx's spring layout with a fixed seed (the same ties always give the same
picture). Each person is a dot coloured by the sector of their organisation; no names and no labels are
drawn, so the picture shows the shape of the network and nothing about any one person. With more people
than ``PICTURE_LIMIT`` only the best connected are drawn (the figures always count everyone): the page's
text alternative says so.

Everything written into the SVG is a number or a fixed colour made here, never text anyone typed.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from evaluation.network.metrics import SEED, UNKNOWN

HIDDEN = "hidden"  # a sector with too few people to colour (small-number suppression)
PICTURE_LIMIT = 400
WIDTH = HEIGHT = 640
MARGIN = 16
SECTOR_COLOURS = {
    "nhs": "#005eb8",
    "primary_care": "#41b6e6",
    "local_government": "#330072",
    "social_care": "#ae2573",
    "vcse": "#007f3b",
    "academic": "#ffb81c",
    "other": "#425563",
    UNKNOWN: "#ffffff",
    HIDDEN: "#aeb7bd",
}


def drawn_subgraph(graph: nx.Graph, limit: int = PICTURE_LIMIT) -> nx.Graph:
    """The whole graph, or its ``limit`` best connected people (most ties first, then lowest id)."""
    if graph.number_of_nodes() <= limit:
        return graph
    chosen = sorted(graph.nodes(), key=lambda person: (-graph.degree(person), person))[:limit]
    return graph.subgraph(chosen)


def render_svg(graph: nx.Graph, sectors: Mapping[int, str], title: str, description: str) -> str:
    """The picture as an SVG document (a string of numbers and fixed colours; title and description are
    written by the caller from figures)."""
    from django.utils.html import escape  # noqa: PLC0415 - keep this module importable without settings

    drawn = drawn_subgraph(graph)
    positions = nx.spring_layout(drawn, seed=SEED, iterations=50) if drawn.number_of_nodes() else {}
    span = WIDTH - 2 * MARGIN

    def point(person):
        x, y = positions[person]
        return round(MARGIN + (x + 1) / 2 * span, 1), round(MARGIN + (y + 1) / 2 * span, 1)

    coords = {person: point(person) for person in drawn.nodes()}
    parts = [
        f'<svg class="academy-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="network-title network-desc" focusable="false" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="network-title">{escape(title)}</title><desc id="network-desc">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
        '<g stroke="#768692" stroke-opacity="0.35" stroke-width="0.8">',
    ]
    for a, b in sorted(drawn.edges()):
        (x1, y1), (x2, y2) = coords[a], coords[b]
        parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}"/>')
    parts.append('</g><g stroke="#212b32" stroke-width="0.8">')
    for person in sorted(drawn.nodes()):
        x, y = coords[person]
        colour = SECTOR_COLOURS.get(sectors.get(person, UNKNOWN), SECTOR_COLOURS["other"])
        parts.append(f'<circle cx="{x}" cy="{y}" r="5" fill="{colour}"/>')
    parts.append("</g></svg>")
    return "".join(parts)
