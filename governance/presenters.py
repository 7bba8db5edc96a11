"""Display decisions for governance that templates cannot make alone: what an applicant reads about where
their application is, the questions templates ask of a vacancy (so no template compares a state string),
and the figures an email shows, as text.

Emails are queued with their context stored as JSON, so what they show is worked out here, in words and
numbers as the templates print them. Dates use the UI kit's NHS.UK style (academy.ui.formats).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from academy.ui.formats import nhs_date
from governance.models import RAG_TAG_CLASS, ApplicationState, Rag, Vacancy, VacancyApplication, VacancyState

S = ApplicationState

# What happens next, in the applicant's words, for each state (withdrawn: nothing more to say).
NEXT_STEPS = {
    S.APPLIED: "The secretariat will score every application against the person specification after the closing "
               "date and tell you whether you are shortlisted.",
    S.SHORTLISTED: "You have been shortlisted. The secretariat will contact you about the next step.",
    S.INTERVIEWED: "You have been shortlisted. The secretariat will contact you about the next step.",
    S.APPOINTED: "You have been appointed to this role. Congratulations.",
    S.UNSUCCESSFUL: "Your application was not successful this time. Thank you for applying.",
    S.NOT_SHORTLISTED: "Your application was not successful this time. Thank you for applying.",
}
# Applicants see one grey tag with the state's name (its label).
APPLICANT_TAG_CLASS = "nhsuk-tag--grey"


class VacancyApplicationDisplay:
    """What templates ask of a vacancy application: ``{{ application.display.next_step }}``."""

    def __init__(self, application: VacancyApplication) -> None:
        self.state = application.state

    @property
    def name(self) -> str:
        return str(S(self.state).label)

    @property
    def tag_class(self) -> str:
        return APPLICANT_TAG_CLASS

    @property
    def next_step(self) -> str:
        return NEXT_STEPS.get(self.state, "")


class VacancyDisplay:
    """What templates ask of a vacancy: ``{% if vacancy.display.is_filled %}``."""

    def __init__(self, vacancy: Vacancy) -> None:
        self.state = vacancy.state

    @property
    def is_filled(self) -> bool:
        return self.state == VacancyState.APPOINTED


def investment_summary(board, day: date) -> dict:
    """The monthly investment summary's figures for ``board`` (an investment dashboard) on ``day``."""
    totals = board.totals
    return {
        "month": f"{day:%B %Y}", "on": nhs_date(day), "roles": totals.roles,
        "filled": totals.filled, "vacant": totals.vacant, "wte": f"{totals.wte:.2f}",
        "days_per_week": f"{totals.days_per_week:.1f}", "cost": f"{totals.cost:,.0f}",
        "care_pathway_share": str(totals.care_pathway_share), "network_share": str(totals.network_share),
        "intended_care_pathway": str(board.intended_care_pathway), "intended_networks": str(board.intended_networks),
        "care_pathway_met": board.care_pathway_met, "network_met": board.network_met,
    }


# --- The ICS Executive's investment dashboard -----------------------------------------------------

STARTING_POINT_AMBER = Decimal("80")  # days a week: amber from 80 up to the ~100 of the starting point
SHARE_AMBER_BELOW = Decimal("5")  # percentage points under the intended share that are still amber
TARGET_AMBER = Decimal("0.75")  # by function: amber from three quarters of the annex's WTE


@dataclass(frozen=True)
class RagRating:
    """A red, amber or green rating, always shown with its word (never colour alone)."""

    rag: str

    @property
    def word(self) -> str:
        return str(Rag(self.rag).label)

    @property
    def tag_class(self) -> str:
        return RAG_TAG_CLASS[self.rag]

    @property
    def css(self) -> str:  # the board pack's class
        return f"rag-{self.rag}"


def _rate(value: Decimal, green_from: Decimal, amber_from: Decimal, *, strictly_above: bool = False) -> RagRating:
    green = value > green_from if strictly_above else value >= green_from
    if green:
        return RagRating(Rag.GREEN)
    return RagRating(Rag.AMBER if value >= amber_from else Rag.RED)


def protected_time_rating(days_per_week: Decimal, starting_point: Decimal) -> RagRating:
    """Green at or above the starting point of about 100 days a week, amber from 80, red below."""
    return _rate(days_per_week, starting_point, STARTING_POINT_AMBER)


def care_pathway_rating(share: Decimal, intended: Decimal) -> RagRating:
    """Green over the intended 50%, amber within 5 points of it, red below."""
    return _rate(share, intended, intended - SHARE_AMBER_BELOW, strictly_above=True)


def network_rating(share: Decimal, intended: Decimal) -> RagRating:
    """'Almost 25%': green from 20%, amber from 15%, red below."""
    return _rate(share, intended - SHARE_AMBER_BELOW, intended - 2 * SHARE_AMBER_BELOW)


def target_rating(wte: Decimal, target: Decimal | None) -> RagRating | None:
    """By function: green at or above the annex's WTE, amber from three quarters of it, red below."""
    if not target:
        return None
    return _rate(wte, target, target * TARGET_AMBER)


@dataclass(frozen=True)
class Headline:
    label: str
    value: str
    detail: str
    target: str = ""  # what the figure is measured against, in words
    rating: RagRating | None = None


def _pct(value: Decimal) -> str:
    return f"{value}%"


def headlines(board) -> list[Headline]:
    """The six figures the ICS Executive reads first, with their targets where seed 001 and 002 set one."""
    t = board.totals
    starting = Decimal(board.today_days_per_week)
    vacant_share = (Decimal(t.vacant) * 100 / t.roles).quantize(Decimal("1")) if t.roles else Decimal("0")
    awards = board.awards
    return [
        Headline("Protected time", f"{t.days_per_week:.1f} days a week",
                 f"{t.wte:.2f} WTE in paid and protected roles, costing £{t.cost:,.0f} a year",
                 f"About {starting:.0f} days a week was the starting point in 2021",
                 protected_time_rating(t.days_per_week, starting)),
        Headline("To care pathway transformation", _pct(t.care_pathway_share), "of the annual cost of the roles",
                 f"Intended: over {board.intended_care_pathway}%",
                 care_pathway_rating(t.care_pathway_share, board.intended_care_pathway)),
        Headline("To clinical networks", _pct(t.network_share), "of the annual cost of the roles",
                 f"Intended: almost {board.intended_networks}%",
                 network_rating(t.network_share, board.intended_networks)),
        Headline("Vacancies", f"{t.vacant} of {t.roles} roles", f"{vacant_share}% of the roles are vacant"),
        Headline("Challenge Fund awarded", awarded_value(awards.total), awarded_detail(awards.bids)),
        Headline("Leaders developed", f"{board.leaders_developed}", leaders_developed_detail(board.leaders_developed)),
    ]


# The two headline figures that are not about the roles, worded once for the dashboard and the home page.


def awarded_value(total: Decimal) -> str:
    return f"£{total:,.0f}"


def awarded_detail(bids: int) -> str:
    return f"to {bids} bid{'s' if bids != 1 else ''}"


def leaders_developed_detail(people: int) -> str:
    return ("person has completed a programme and been given a certificate" if people == 1
            else "people have completed a programme and been given a certificate")


def function_ratings(board) -> list[tuple]:
    """By function: each row with its rating against the annex (None where the annex sets no total)."""
    return [(row, target_rating(row.wte, row.target_wte)) for row in board.by_function]


# --- Charts: server-rendered SVG, drawn from the same figures as the table beside them ------------

NHS_BLUE, NHS_DARK_BLUE, NHS_WARM_YELLOW = "#005eb8", "#003087", "#ffb81c"
CHART_WIDTH, PLOT_HEIGHT = 480, 200
LEFT, RIGHT, BOTTOM, KEY_ROW = 8, 8, 32, 22


@dataclass(frozen=True)
class ChartBar:
    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str

    @property
    def text_x(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def text_y(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True)
class ChartLine:
    """A dashed target line across the plot, named in the key at ``key_y``."""

    y: float
    text: str
    key_y: float = 0


@dataclass
class Chart:
    id: str
    title: str
    desc: str
    bars: list[ChartBar]
    x_labels: list[tuple[float, str]]
    lines: list[ChartLine]
    legend: list[tuple[float, str, str]]  # (y, fill, text): the key, one row each, above the plot
    height: int
    width: int = CHART_WIDTH
    left: int = LEFT
    right: int = CHART_WIDTH - RIGHT

    @property
    def base(self) -> int:
        return self.height - BOTTOM


def _bar_chart(chart_id: str, title: str, desc: str, categories: list[str],
               series: list[tuple[str, str, list[Decimal], str]], targets: list[tuple[Decimal, str]]) -> Chart:
    """Grouped bars, one group a category; ``series`` are (name, fill, values, unit); ``targets`` dashed lines."""
    values = [v for _, _, vs, _ in series for v in vs] + [value for value, _ in targets]
    top = max([Decimal("1"), *values]) * Decimal("1.15")
    key_rows = len(series) + len(targets)
    plot_top = 8 + KEY_ROW * key_rows + 8
    height = plot_top + PLOT_HEIGHT + BOTTOM
    base = height - BOTTOM
    plot_width = CHART_WIDTH - LEFT - RIGHT
    group = plot_width / max(1, len(categories))
    bar_width = group * 0.7 / max(1, len(series))

    def y_of(value: Decimal) -> float:
        return round(base - float(value / top) * PLOT_HEIGHT, 1)

    bars = []
    for s, (_, fill, vs, unit) in enumerate(series):
        for i, value in enumerate(vs):
            x = LEFT + i * group + group * 0.15 + s * bar_width
            y = y_of(value)
            bars.append(ChartBar(round(x, 1), y, round(bar_width - 2, 1), round(base - y, 1), fill,
                                 f"{value}{unit}"))
    x_labels = [(round(LEFT + i * group + group / 2, 1), text) for i, text in enumerate(categories)]
    legend = [(8 + KEY_ROW * s, fill, name) for s, (name, fill, _, _) in enumerate(series)]
    lines = [ChartLine(y_of(value), text, 8 + KEY_ROW * (len(series) + t)) for t, (value, text) in enumerate(targets)]
    return Chart(chart_id, title, desc, bars, x_labels, lines, legend, height)


def trend_charts(board) -> list[Chart]:
    """Protected time, and the shares to care pathways and clinical networks, at the end of each quarter."""
    quarters = [quarter.short_label for quarter, _ in board.trend]
    days = [t.days_per_week.quantize(Decimal("0.1")) for _, t in board.trend]
    pathway = [t.care_pathway_share for _, t in board.trend]
    networks = [t.network_share for _, t in board.trend]
    starting = Decimal(board.today_days_per_week)
    time_desc = "; ".join(f"{q}: {d} days a week" for q, d in zip(quarters, days, strict=True))
    share_desc = "; ".join(
        f"{q}: {p}% to care pathway transformation, {n}% to clinical networks"
        for q, p, n in zip(quarters, pathway, networks, strict=True)
    )
    return [
        _bar_chart(
            "chart-time", "Protected time at the end of each quarter, in days a week",
            f"{time_desc}. The starting point was about {starting} days a week.", quarters,
            [("Days a week", NHS_BLUE, days, "")], [(starting, f"Starting point: about {starting} days a week")],
        ),
        _bar_chart(
            "chart-shares", "Share of the annual cost to care pathways and clinical networks, by quarter",
            f"{share_desc}. Intended: over {board.intended_care_pathway}% to care pathway transformation and "
            f"almost {board.intended_networks}% to clinical networks.", quarters,
            [("Care pathway transformation", NHS_BLUE, pathway, "%"),
             ("Clinical networks", NHS_DARK_BLUE, networks, "%")],
            [(board.intended_care_pathway, f"Intended: over {board.intended_care_pathway}%"),
             (board.intended_networks, f"Intended: almost {board.intended_networks}%")],
        ),
    ]
