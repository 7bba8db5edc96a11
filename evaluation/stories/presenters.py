"""Display words for the stories pages: region names, percentages, and the words that describe a plot."""

from __future__ import annotations

from evaluation.stories import geometry


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def region_label(triad, region: str) -> str:
    if region == geometry.BALANCED:
        return "Balanced (no corner has half or more)"
    return f"Mostly “{dict(zip('abc', triad.labels, strict=True))[region]}”"


def triad_description(summary, count: int) -> str:
    """The text alternative of one ternary plot: what it shows and where the stories sit."""
    triad = summary.triad
    label_a, label_b, label_c = triad.labels
    words = [f"A triangle with the corners {label_a} (top), {label_b} (bottom left) and {label_c} (bottom right), "
             f"with {count} stories placed in it."]
    if summary.mean is not None:
        a, b, c = summary.mean
        words.append(f"The geometric-mean summary is {percent(a)} {label_a}, {percent(b)} {label_b}, "
                     f"{percent(c)} {label_c}.")
    parts = [f"{summary.regions[key]} {region_label(triad, key).lower().replace('mostly', 'mostly')}"
             for key in geometry.REGIONS]
    words.append("Stories by region: " + "; ".join(parts) + ".")
    return " ".join(words)


def mean_rows(summary) -> list[tuple[str, str]]:
    if summary.mean is None:
        return []
    return [(label, percent(share)) for label, share in zip(summary.triad.labels, summary.mean, strict=True)]
