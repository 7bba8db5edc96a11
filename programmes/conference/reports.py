"""The edition report: a PDF of one edition's registrations, check-ins, sessions, speakers, slides and
recordings, and its attendees' feedback in aggregate, built in the background by academy.reports (a ReportJob
with a progress bar) for the conference team. What it may carry is explained in report_selectors.py."""

from __future__ import annotations

from django.utils import timezone

from academy.reports.pdf import render_pdf
from academy.reports.registry import PDF, register_report
from academy.ui.formats import nhs_date, nhs_datetime
from programmes.conference import followup_selectors, report_selectors
from programmes.conference.models import Edition

EDITION_REPORT = "conference.edition_report"


def report_edition(params: dict) -> Edition | None:
    """The edition a job's params name, or None when it does not exist."""
    pk = params.get("edition")
    return Edition.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def edition_report_context(edition: Edition, progress=lambda percent, message="": None) -> dict:
    progress(10, "Counting registrations and check-ins")
    figures = report_selectors.edition_report_figures(edition)
    progress(60, "Adding up the feedback")
    dates = nhs_date(edition.starts_on)
    if edition.ends_on != edition.starts_on:
        dates = f"{dates} to {nhs_date(edition.ends_on)}"
    return {
        "edition": edition,
        "dates": dates,
        "ended": followup_selectors.ended(edition),
        "made": nhs_datetime(timezone.now()),
        **figures,
    }


@register_report(
    EDITION_REPORT,
    title="Conference report",
    permission="conference.manage",
    permission_object=report_edition,
    filename="conference-report.pdf",
    content_type=PDF,
)
def build_edition_report(job, progress) -> bytes:
    edition = report_edition(job.params)
    if edition is None:
        raise ValueError("The edition this report is about no longer exists.")
    context = edition_report_context(edition, progress)
    progress(80, "Laying out the PDF")
    return render_pdf("conference/edition_report_pdf.html", context)
