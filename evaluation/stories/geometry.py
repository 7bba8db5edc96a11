"""The arithmetic of triads: the geometric-mean summary of a set of compositions, the region a point lies in,
the binned density, and the ternary plot drawn as SVG on the server (numbers and fixed words only)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

# A share of 0 has no logarithm: it is replaced by this before the geometric mean (a standard multiplicative
# replacement), and the result closed again to sum to 1.
ZERO_REPLACEMENT = 0.005
BALANCED = "balanced"
REGIONS = ("a", "b", "c", BALANCED)
# A story is "mostly" a corner when that corner's share is at least this; otherwise it is balanced.
MOSTLY = 0.5

Point = tuple[float, float, float]


def close(values: Sequence[float]) -> Point:
    total = sum(values)
    return tuple(value / total for value in values)  # type: ignore[return-value]


def geometric_mean(points: Sequence[Point]) -> Point | None:
    """The compositional centre: each corner's geometric mean over the points, closed to sum to 1."""
    if not points:
        return None
    logs = [0.0, 0.0, 0.0]
    for point in points:
        replaced = close([max(share, ZERO_REPLACEMENT) for share in point])
        for i in range(3):
            logs[i] += math.log(replaced[i])
    return close([math.exp(total / len(points)) for total in logs])


def region(point: Point) -> str:
    a, b, c = point
    largest = max(a, b, c)
    if largest < MOSTLY:
        return BALANCED
    return "abc"[(a, b, c).index(largest)]


# --- the picture ------------------------------------------------------------------------------------------

WIDTH, HEIGHT = 420, 400
TOP = (210.0, 40.0)
LEFT = (30.0, 352.0)
RIGHT = (390.0, 352.0)


def to_xy(point: Point) -> tuple[float, float]:
    a, b, c = point
    return (a * TOP[0] + b * LEFT[0] + c * RIGHT[0], a * TOP[1] + b * LEFT[1] + c * RIGHT[1])


def density(points: Sequence[Point], steps: int = 5) -> list[tuple[tuple[Point, Point, Point], int]]:
    """Counts in ``steps``² small triangles tiling the triad; each bin as its three corners and its count."""
    bins: dict[tuple, int] = {}
    for a, b, _c in points:
        i = min(int(a * steps), steps - 1)
        j = min(int(b * steps), steps - 1 - i)
        fa, fb = a * steps - i, b * steps - j
        upward = (fa + fb) < 1 or i + j == steps - 1
        bins[(i, j, upward)] = bins.get((i, j, upward), 0) + 1
    result = []
    for i in range(steps):
        for j in range(steps - i):
            def corner(di, dj, i=i, j=j):
                a, b = (i + di) / steps, (j + dj) / steps
                return (a, b, 1 - a - b)
            result.append(((corner(0, 0), corner(1, 0), corner(0, 1)), bins.get((i, j, True), 0)))
            if i + j < steps - 1:
                result.append(((corner(1, 0), corner(0, 1), corner(1, 1)), bins.get((i, j, False), 0)))
    return result


def _polygon(corners, **attributes) -> str:
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (to_xy(corner) for corner in corners))
    extra = " ".join(f"{name.replace('_', '-')}={quoteattr(str(value))}" for name, value in attributes.items())
    return f'<polygon points="{points}" {extra}/>'


def ternary_svg(labels: Sequence[str], points: Sequence[Point], summary: Point | None, *, title: str,
                description: str, show_density: bool = False, id_prefix: str = "ternary") -> str:
    """The triangle, its corner labels, a dot a story (or shaded bins), and the summary as a marked diamond.
    Every word is escaped here; the caller may mark the result safe."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'class="academy-ternary" aria-labelledby="{id_prefix}-title" aria-describedby="{id_prefix}-desc" '
        'focusable="false">',
        f'<title id="{id_prefix}-title">{escape(title)}</title>',
        f'<desc id="{id_prefix}-desc">{escape(description)}</desc>',
    ]
    if show_density:
        bins = density(points)
        most = max((count for _, count in bins), default=0) or 1
        for corners, count in bins:
            opacity = 0.08 + 0.8 * count / most if count else 0
            parts.append(_polygon(corners, fill="#005eb8", fill_opacity=f"{opacity:.2f}", stroke="#d8dde0"))
    parts.append(_polygon(((1, 0, 0), (0, 1, 0), (0, 0, 1)), fill="none", stroke="#212b32", stroke_width="2"))
    if not show_density:
        for point in points:
            x, y = to_xy(point)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#005eb8" fill-opacity="0.55"/>')
    if summary is not None:
        x, y = to_xy(summary)
        parts.append(f'<path d="M{x:.1f},{y - 9:.1f} L{x + 9:.1f},{y:.1f} L{x:.1f},{y + 9:.1f} L{x - 9:.1f},{y:.1f} Z" '
                     'fill="#ffeb3b" stroke="#212b32" stroke-width="2"/>')
    label_a, label_b, label_c = (escape(label) for label in labels)
    parts += [
        f'<text x="{TOP[0]:.0f}" y="{TOP[1] - 14:.0f}" text-anchor="middle" font-size="16">{label_a}</text>',
        f'<text x="{LEFT[0]:.0f}" y="{LEFT[1] + 30:.0f}" text-anchor="start" font-size="16">{label_b}</text>',
        f'<text x="{RIGHT[0]:.0f}" y="{RIGHT[1] + 30:.0f}" text-anchor="end" font-size="16">{label_c}</text>',
        "</svg>",
    ]
    return "".join(parts)
