"""The contribution log in headless Chromium, with axe-core on every page: an evaluator records an
innovation (a mistake first), records its adoption (a date in the future first) and its scaling; a leader
proposes an innovation that the evaluator confirms; the ICS Executive finds the /evaluation/ overview in the
header, follows it to the log and filters it."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluation.contribution.models import Entry, Stage
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.programmes import ApplicationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _date(page, name: str, day: datetime.date) -> None:
    page.locator(f"#id_{name}_0").fill(str(day.day))
    page.locator(f"#id_{name}_1").fill(str(day.month))
    page.locator(f"#id_{name}_2").fill(str(day.year))


def test_the_contribution_log_from_identified_to_scaled(visit, client):
    page = visit.page
    today = timezone.localdate()
    evaluator = make_person("evaluator")

    visit.sign_in_as(client, evaluator)
    visit.go("/evaluation/contribution/")
    assert page.get_by_role("heading", level=1).inner_text() == "Contribution log"
    visit.check("contribution-log-empty")
    page.get_by_role("link", name="Record an innovation").click()
    page.get_by_label("Name of the innovation").fill("Morning discharge huddle")
    page.get_by_label("Something else (describe it)").check()
    page.get_by_role("button", name="Record the innovation").click()
    expect_title_starting(page, "Error: ")
    visit.check("contribution-record-errors")
    page.get_by_label("The innovation", exact=True).fill("A daily huddle between the ward and social care.")
    page.get_by_label("Source (optional)", exact=True).fill("Curriculum cohort 1 learning set")
    page.get_by_label("Owner").fill("Frailty team, Lewisham and Greenwich NHS Trust")
    page.get_by_label("Board reported to").fill("Lewisham Local Care Partnership")
    page.get_by_role("button", name="Record the innovation").click()
    expect(page.get_by_text("has been added to the contribution log")).to_be_visible()
    visit.check("contribution-entry-identified")

    page.get_by_role("link", name="Record that it was adopted").click()
    page.get_by_label("Adopting organisation").fill("Lewisham and Greenwich NHS Trust")
    page.get_by_label("Where it was adopted").fill("Queen Elizabeth Hospital frailty unit")
    _date(page, "adopted_on", today + datetime.timedelta(days=3))
    page.get_by_label("Evidence of adoption").fill("Delayed discharges fell from 14 to 6 a week.")
    page.get_by_role("button", name="Record the adoption").click()
    expect_title_starting(page, "Error: ")
    expect(page.get_by_text("must be today or in the past").first).to_be_visible()
    visit.check("contribution-adoption-errors")
    _date(page, "adopted_on", today - datetime.timedelta(days=30))
    page.get_by_role("button", name="Record the adoption").click()
    expect(page.get_by_text("has been recorded as adopted")).to_be_visible()

    page.get_by_role("link", name="Record that it was scaled").click()
    page.get_by_label("Further organisations").fill("King's College Hospital NHS Foundation Trust")
    _date(page, "scaled_on", today)
    page.get_by_label("Evidence of scaling").fill("Adopted on two more frailty units.")
    page.get_by_label("Link to the evidence").fill("https://example.org/board-minutes")
    visit.check("contribution-scaling-form")
    page.get_by_role("button", name="Record the scaling").click()
    expect(page.get_by_text("has been recorded as scaled")).to_be_visible()
    history = page.locator("table").inner_text()
    assert "Identified" in history and "Adopted" in history and "Scaled" in history
    visit.check("contribution-entry-scaled")

    # A leader proposes an innovation; the evaluator confirms it.
    leader = make_person("leader")
    ApplicationFactory(applicant=leader, state="completed")  # a leader who took part is invited to propose
    visit.sign_in_as(client, leader)
    visit.go("/")
    page.get_by_role("link", name="Propose an innovation for the Academy's contribution log").click()
    page.get_by_label("Name of the innovation").fill("Peer buddying for new GPs")
    page.get_by_label("The innovation", exact=True).fill("New GPs paired with a buddy across networks.")
    page.get_by_label("Something else (describe it)").check()
    page.get_by_label("Source (optional)", exact=True).fill("Shadowing placement")
    page.get_by_label("Owner").fill("Bexley primary care networks")
    visit.check("contribution-propose")
    page.get_by_role("button", name="Send the proposal").click()
    expect(page.get_by_text("has been sent to the evaluators")).to_be_visible()
    visit.check("contribution-proposals")
    visit.go("/programmes/my-academy/")
    expect(page.get_by_text("Innovations you proposed")).to_be_visible()

    visit.sign_in_as(client, evaluator)
    visit.go("/evaluation/contribution/")
    page.get_by_role("link", name="1 proposed innovation waiting for you to confirm").click()
    page.get_by_role("link", name="Peer buddying for new GPs").click()
    page.get_by_role("link", name="Confirm or decline this proposal").click()
    page.get_by_label("Yes, confirm it as identified").check()
    visit.check("contribution-decide")
    page.get_by_role("button", name="Save the decision").click()
    expect(page.get_by_text("is now in the contribution log")).to_be_visible()
    assert Entry.objects.get(title="Peer buddying for new GPs").stage == Stage.IDENTIFIED

    # The ICS Executive: the overview from the header, then the log, filtered.
    visit.sign_in_as(client, make_person("executive"))
    visit.go("/")
    # The header's menu has the link (it may sit under "More" at this width).
    assert page.locator('nav[aria-label="Menu"] a[href="/evaluation/"]').count() == 1
    visit.go("/evaluation/")
    assert page.get_by_role("heading", level=1).inner_text() == "Evaluation"
    visit.check("evaluation-overview")
    page.get_by_role("link", name="Contribution log").click()
    page.get_by_label("Stage").select_option(label="Scaled")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 innovation found")).to_be_visible()
    assert not page.get_by_role("link", name="Record an innovation").count()
    visit.check("contribution-log-filtered")
