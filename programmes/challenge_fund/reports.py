"""The round report: a PDF of one round's money, ranking, determinations and funded projects, built in
the background by academy.reports (a ReportJob with a progress bar) for the round's programme admins."""

from __future__ import annotations

from django.utils import timezone

from academy.reports.pdf import render_pdf
from academy.reports.registry import PDF, register_report
from academy.ui.formats import nhs_datetime
from programmes.challenge_fund import rules, selectors
from programmes.challenge_fund.models import FUNDED_OUTCOMES, BidState, Round

ROUND_REPORT = "challenge_fund.round_report"


def report_round(params: dict) -> Round | None:
    """The round a job's params name, or None when it does not exist."""
    pk = params.get("round")
    return Round.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def round_report_context(round_: Round, progress=lambda percent, message="": None, viewer=None) -> dict:
    """The report's figures. The scores of bids the viewer declared a conflict of interest on are hidden."""
    progress(10, "Adding up the money")
    money = selectors.money_at_a_glance(round_)
    figures = selectors.round_figures(round_)
    progress(35, "Ranking the bids by weighted score")
    hidden = rules.bids_hidden_from_staff(round_)
    ranking = [] if hidden else selectors.round_bid_rows(round_, selectors.conflicted_bid_ids(viewer, round_))
    progress(60, "Listing the funded projects")
    funded = (
        []
        if hidden
        else [p for p in selectors.portfolio() if p.round_id == round_.pk and p.outcome in FUNDED_OUTCOMES]
    )
    criteria = list(round_.criteria.all())
    return {
        "round": round_,
        "money": money,
        "figures": figures,
        "hidden": hidden,
        "ranking": ranking,
        "funded": funded,
        "criteria": criteria,
        "opens": nhs_datetime(round_.opens_at),
        "closes": nhs_datetime(round_.closes_at),
        "made": nhs_datetime(timezone.now()),
        "states": BidState,
    }


@register_report(
    ROUND_REPORT,
    title="Challenge Fund round report",
    permission="challenge_fund.round_report",
    permission_object=report_round,
    filename="challenge-fund-round-report.pdf",
    content_type=PDF,
)
def build_round_report(job, progress) -> bytes:
    round_ = report_round(job.params)
    if round_ is None:
        raise ValueError("The round this report is about no longer exists.")
    context = round_report_context(round_, progress, viewer=job.owner)
    progress(80, "Laying out the PDF")
    return render_pdf("challenge_fund/round_report_pdf.html", context)
