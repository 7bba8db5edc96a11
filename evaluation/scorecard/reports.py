"""The quarter's evaluation report: the success-measures scorecard and the network's figures and picture
for the four quarters to the one chosen, the inclusion measures' relative likelihoods (only figures the
inclusion pages show, from the same suppressed counts), then the quarter's contribution log,
questionnaires and consented quotes from stories (each read through its app's selectors), as a PDF built
in the background by the report-job machinery (academy/reports), with its progress shown to the person who
asked."""

from __future__ import annotations

from django.utils import timezone
from django.utils.safestring import mark_safe

from academy.reports.pdf import render_pdf
from academy.reports.registry import PDF, register_report
from evaluation.contribution import selectors as contribution
from evaluation.contribution.models import Stage
from evaluation.inclusion import selectors as inclusion
from evaluation.network import presenters as network_presenters
from evaluation.network import selectors as network
from evaluation.scorecard import presenters, selectors
from evaluation.stories import selectors as stories
from evaluation.surveys import selectors as surveys
from governance.investment.quarters import Quarter, quarter_from_key, quarter_of

EVALUATION_REPORT = "evaluation_scorecard.evaluation_report"
TEMPLATE = "evaluation_scorecard/report.html"


@register_report(EVALUATION_REPORT, title="Evaluation report: success measures and the network",
                 permission="evaluation_scorecard.view_scorecard", filename="evaluation-report.pdf",
                 content_type=PDF)
def build_evaluation_report(job, progress) -> bytes:
    today = timezone.localdate()
    quarter = quarter_from_key(job.params.get("quarter", "")) or quarter_of(today)
    if quarter.start > today:
        quarter = quarter_of(today)
    progress(10, "Reading the success measures")
    context = report_context(quarter, today)
    progress(60, "Making the PDF")
    return render_pdf(TEMPLATE, context)


def report_context(quarter: Quarter, today) -> dict:
    quarters = [quarter.previous().previous().previous(), quarter.previous().previous(), quarter.previous(), quarter]
    spend, developed = selectors.cost_per_leader(quarters, today)
    context = {
        "quarter": quarter, "quarters": quarters, "made_at": timezone.localtime(),
        "rows": presenters.scorecard_rows(selectors.scorecard(quarters, today)),
        "spend": presenters.money(spend), "developed": developed,
        "cost_per_leader": presenters.cost_per_leader(spend, developed),
        "spend_period": f"{quarters[0].short_label} to {quarters[-1].short_label}",
    }
    context.update(contribution_context(quarter))
    context["inclusion"] = inclusion.report_section(quarters, today)
    context["inclusion_reading"] = inclusion.READING
    context["surveys"] = surveys.period_results(quarter.start, quarter.end)
    context["stories"] = stories.quotes_between(quarter.start, quarter.end)
    snapshot = network.snapshot_for(quarter)
    if snapshot is not None and snapshot.is_computed:
        previous = network.snapshot_for(quarter.previous())
        previous_figures = previous.figures if previous and previous.is_computed else None
        legend, any_hidden = network_presenters.legend(snapshot.figures)
        context.update(
            network_rows=network_presenters.figure_rows(snapshot.figures, previous_figures),
            legend=legend, any_hidden=any_hidden,
            # Drawn by evaluation.network.picture from numbers and fixed colours only; nothing anyone typed.
            svg=mark_safe(snapshot.svg),  # noqa: S308
        )
    return context


def contribution_context(quarter: Quarter) -> dict:
    """The contribution log: innovations at each stage now, and those adopted or scaled in the quarter (two
    queries). These count innovations, not people, so nothing needs suppressing."""
    counts = contribution.stage_counts()
    return {
        "contribution_stages": [(label, counts.get(value, 0)) for value, label in Stage.choices],
        "contribution_milestones": contribution.milestones_between(quarter.start, quarter.end),
    }
