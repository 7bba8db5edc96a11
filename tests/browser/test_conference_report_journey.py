"""The conference report in the browser, with axe-core and the layout check on every page: the team opens the
edition's page, follows "Make the report (PDF)", starts it, watches the progress page and downloads the PDF; an
evaluator reads level 1 at the conference."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.reports import services as reports
from academy.reports.models import ReportJob
from programmes.conference.models import DayFeedback
from programmes.core.models import Programme
from tests.conftest import give_mfa, make_person
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_team_makes_and_downloads_the_report_and_an_evaluator_reads_level_1(visit, client, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)  # run below instead
    page = visit.page
    edition = make_edition(days_to_deadline=-30, days_to_start=-7)
    ticket_type = make_ticket_type(edition, name="C&CP leader")
    people = [make_registration(ticket_type, organisation="Lewisham and Greenwich NHS Trust").user
              for _ in range(6)]
    DayFeedback.objects.bulk_create([DayFeedback(edition=edition, person=person, rating=4) for person in people])
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)

    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/")
    page.locator("main").get_by_role("link", name="Make the report (PDF)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Make the report (PDF)")
    visit.check("conference-report-start")
    page.locator("main").get_by_role("button", name="Make the report").click()
    page.wait_for_url("**/reports/**")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Conference report")
    visit.check("conference-report-waiting")

    reports.run(ReportJob.objects.get().pk)
    download_link = page.locator("main").get_by_role("link", name="Download conference-report.pdf")
    expect(download_link).to_be_visible(timeout=15000)
    visit.check("conference-report-ready")
    with page.expect_download() as download:
        download_link.click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    visit.sign_in_as(client, make_person("evaluator"))
    visit.go("/evaluation/conference-reaction/")
    table = page.locator("main").get_by_role("table")
    expect(table).to_contain_text(edition.name)
    expect(table).to_contain_text("4.0")
    visit.check("conference-reaction")
