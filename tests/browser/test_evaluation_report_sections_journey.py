"""The evaluation report's added sections in headless Chromium, with axe-core on every page: with innovations
adopted, a questionnaire answered before and after, and stories told (some not to be quoted), the ICS
Executive makes the quarter's report from the scorecard page, watches it being made and downloads the PDF;
the report's source holds the contribution log, the questionnaires and only the consented quotes."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from academy.reports import services as reports
from academy.reports.models import ReportJob
from evaluation.scorecard.reports import TEMPLATE, report_context
from governance.investment.quarters import quarter_of
from tests.conftest import make_person
from tests.evaluation.contribution import helpers as contribution
from tests.evaluation.stories import helpers as stories
from tests.evaluation.surveys.test_services import _answered_pre_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_executive_makes_the_report_with_contribution_questionnaires_and_quotes(visit, client, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)  # run below instead
    page = visit.page
    quarter = quarter_of(timezone.localdate())
    contribution.adopted(days_ago=0, title="Frailty huddle")
    _answered_pre_post(10, [2] * 5 + [3] * 5, [4] * 5 + [3] * 5)
    found = stories.collection()
    for number in range(6):
        stories.tell(found, title=f"Story {number}", text=f"Words {number}", consent=number != 2)

    visit.sign_in_as(client, make_person("executive"))
    visit.go("/evaluation/scorecard/")
    assert "the contribution log, the questionnaires' results and quotes from leaders' stories" in page.content()
    visit.check("reportextra-scorecard")
    page.get_by_label("Quarter").select_option(label=quarter.label)
    page.get_by_role("button", name="Make the evaluation report (PDF)").click()
    page.wait_for_url("**/reports/**")
    visit.check("reportextra-waiting")
    reports.run(ReportJob.objects.get().pk)
    page.get_by_role("link", name="Download evaluation-report.pdf").wait_for()
    visit.check("reportextra-ready")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download evaluation-report.pdf").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    source = render_to_string(TEMPLATE, report_context(quarter, timezone.localdate()))
    assert "Frailty huddle" in source and "+25.0" in source and "Words 5" in source
    assert "Words 2" not in source and "Story 2" not in source
