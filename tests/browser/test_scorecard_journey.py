"""The success-measures scorecard in headless Chromium, with axe-core on every page: an evaluator records a
value (a mistake first), and the ICS Executive finds the scorecard from their home page, reads it, and
makes the quarter's evaluation report (PDF), watching its progress."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.reports import services as reports
from academy.reports.models import ReportJob
from evaluation.scorecard.models import IndicatorValue
from governance.investment.quarters import quarter_of
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_evaluator_records_a_value_and_the_executive_reads_the_scorecard(visit, client, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)  # run below instead
    page = visit.page
    quarter = quarter_of(timezone.localdate())

    visit.sign_in_as(client, make_person("evaluator"))
    visit.go("/evaluation/scorecard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Success-measures scorecard"
    visit.check("scorecard-evaluator")
    page.get_by_role("link", name="Record a value").click()
    page.get_by_label("Indicator").select_option(
        label="Leaders reporting an increased sense of belonging and commitment to the ICS")
    page.get_by_label("Quarter").select_option(label=quarter.label)
    page.get_by_label("Value").fill("seventy")
    page.get_by_label("Source").fill("Leaders' survey, wave 3 (n = 84)")
    page.get_by_role("button", name="Record the value").click()
    expect_title_starting(page, "Error: ")
    visit.check("record-errors")
    page.get_by_label("Value").fill("72")
    page.get_by_role("button", name="Record the value").click()
    expect(page.get_by_text("has been recorded")).to_be_visible()
    assert IndicatorValue.objects.get().value == 72

    visit.sign_in_as(client, make_person("executive"))
    visit.go("/")
    page.get_by_role("link", name="See the success-measures scorecard").click()
    table = page.locator("table").inner_text()
    assert "72%" in table and "On target" in table and "Cost per leader developed" in page.content()
    assert not page.get_by_role("link", name="Record a value").count()
    visit.check("scorecard-executive")

    # The Executive makes the quarter's evaluation report and watches its progress.
    page.get_by_label("Quarter").select_option(label=quarter.label)
    page.get_by_role("button", name="Make the evaluation report (PDF)").click()
    page.wait_for_url("**/reports/**")
    assert page.get_by_role("heading", level=1).inner_text() == "Evaluation report: success measures and the network"
    visit.check("report-waiting")
    reports.run(ReportJob.objects.get().pk)
    page.get_by_role("link", name="Download evaluation-report.pdf").wait_for()
    visit.check("report-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download evaluation-report.pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
