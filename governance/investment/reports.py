"""The ICS Executive's board pack: the investment dashboard for a chosen quarter (or today) as a PDF,
built in the background by the report-job machinery (academy/reports). The profession table is the
dashboard's, so small numbers of people stay suppressed in the PDF too."""

from __future__ import annotations

from django.utils import timezone

from academy.reports.pdf import render_pdf
from academy.reports.registry import PDF, register_report
from governance import presenters
from governance.allocation import presenters as allocation_presenters
from governance.allocation import selectors as allocation
from governance.framework.selectors import framework_points
from governance.investment.dashboard import TABLES, end_of, investment_dashboard
from governance.investment.quarters import Quarter, quarter_from_key

BOARD_PACK = "governance.board_pack"
TEMPLATE = "governance/board_pack.html"


@register_report(BOARD_PACK, title="Board pack: investment in C&CP system leadership",
                 permission="governance.view_dashboard", filename="board-pack.pdf", content_type=PDF)
def build_board_pack(job, progress) -> bytes:
    quarter = quarter_from_key(job.params.get("quarter", ""))
    progress(10, "Adding up roles, WTE and cost")
    context = board_pack_context(quarter)
    progress(60, "Making the PDF")
    return render_pdf(TEMPLATE, context)


def board_pack_context(quarter: Quarter | None) -> dict:
    """The pack for a past quarter shows the Design Framework self-assessment as it stood at the quarter's
    end; the pack for today shows it as it stands."""
    framework = framework_points(as_of=end_of(quarter.end) if quarter else None)
    board = investment_dashboard(quarter)
    gap = allocation.gap_analysis(on=quarter.end if quarter else None, representation=quarter is None)
    return {"dashboard": board, "headlines": presenters.headlines(board),
            "by_function": presenters.function_ratings(board), "chosen": quarter, "tables": TABLES,
            "made_at": timezone.localtime(), "framework": framework,
            "allocation": {"gap": gap, "checks": allocation_presenters.checks(gap),
                           "representation": allocation_presenters.representation(gap)}}
