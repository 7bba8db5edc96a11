"""The Design Framework self-assessment and the dashboard's awards and spend, in headless Chromium with
axe-core on every page: the secretariat rates a point with evidence, the ICS Executive reads it."""

from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.directory.models import PriorityFunction
from governance.investment import services as investment_services
from governance.investment.quarters import quarter_of
from governance.models import FrameworkPoint, Rag
from programmes.challenge_fund.models import BidState, Outcome
from programmes.core.models import Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.challenge_fund import BidFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def test_secretariat_rates_a_point_and_the_executive_reads_it_and_the_dashboard(visit, client):
    page = visit.page
    owner = LeaderProfileFactory().user
    today = timezone.localdate()
    bid = BidFactory(state=BidState.DETERMINED, outcome=Outcome.FUNDED, awarded_amount=Decimal("24000"),
                     determined_at=timezone.make_aware(datetime.combine(today, time(9))))
    bid.functions.set(PriorityFunction.objects.filter(number=2))
    quarter = quarter_of(today)
    investment_services.record_spend(None, None, {
        "programme": Programme.objects.get(slug="curriculum"), "year": quarter.year, "quarter": quarter.number,
        "amount": Decimal("12345"), "description": "Facilitators for the core programme",
    })

    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/")
    page.get_by_role("link", name="NHSEI Design Framework self-assessment").click()
    visit.check("framework")
    page.get_by_role("link", name="3. Protected time").click()
    page.get_by_role("link", name="Change the assessment").click()
    visit.check("point-edit")
    page.get_by_label("Amber").check()
    page.get_by_label("Current position").fill("Roles are funded at every level; a few are vacant.")
    page.get_by_label("Evidence in the portal").fill("Our website | https://example.com/roles")
    page.get_by_label("Email address of the owner").fill(owner.email)
    submit(page)
    expect_title_starting(page, "Error: ")
    expect(page.get_by_text("is not a page of this portal").first).to_be_visible()
    visit.check("point-edit-errors")
    page.get_by_label("Evidence in the portal").fill(
        "Leadership roles | /governance/roles/\nInvestment dashboard | /governance/investment/"
    )
    submit(page)
    assert FrameworkPoint.objects.get(number=3).rag == Rag.AMBER
    expect(page.get_by_role("link", name="Leadership roles")).to_be_visible()
    visit.check("point-after-save")

    visit.sign_in_as(client, make_person("executive"))
    visit.go("/governance/")
    expect(page.get_by_text("the nine points by RAG rating")).to_be_visible()
    visit.check("governance-home-executive")
    page.get_by_role("link", name="See the self-assessment").click()
    page.get_by_role("link", name="3. Protected time").click()
    expect(page.get_by_text("from Not assessed to Amber")).to_be_visible()
    assert page.get_by_role("link", name="Change the assessment").count() == 0
    visit.check("point-executive")
    page.get_by_role("link", name="Investment dashboard").click()
    expect(page.get_by_role("heading", name="Challenge Fund awards by priority function")).to_be_visible()
    awards = page.locator("table", has_text="All awards, each bid counted once")
    assert "£24,000" in awards.inner_text()
    spend = page.locator("table", has_text="All programmes")
    assert "£12,345" in spend.inner_text() and "£24,000" in spend.inner_text()
    assert page.get_by_role("link", name="Record or correct spend").count() == 0
    visit.check("dashboard-executive")
