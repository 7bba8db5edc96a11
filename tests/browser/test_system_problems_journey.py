"""The register of real system problems and the register of other offers in headless Chromium, with axe-core
on every page: the governance secretariat adds a problem and opens it, a bid's lead attaches their bid, the
secretariat records a report-back (a date in the future is refused first), and anyone searches the other
offers beside the catalogue."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from academy.workflow.machine import force_state_for_tests
from programmes.core.models import ReportBack, SystemProblem
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.challenge_fund import BidFactory
from tests.programmes.core.problems.factories import external_offer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_problem_gets_a_bid_and_a_report_back_and_a_leader_finds_other_offers(visit, client):
    page = visit.page
    secretariat = make_person("governance")

    # The secretariat adds a problem to the register and opens it.
    visit.sign_in_as(client, secretariat)
    visit.go(reverse("programmes:problems"))
    visit.check("register-empty")
    page.get_by_role("link", name="Add a problem to the register").click()
    page.get_by_label("Title").fill("Older people with frailty moving between A&E and community services")
    page.get_by_label("The problem").fill("Older people come back to A&E because no one shares one plan.")
    page.get_by_label("Board or network").fill("Lewisham Local Care Partnership")
    page.locator("input[name=priority_functions]").first.check()
    page.get_by_label("Lewisham").check()
    visit.check("problem-form")
    page.get_by_role("button", name="Add the problem").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Older people with frailty")
    problem = SystemProblem.objects.get()
    page.get_by_role("link", name="Open the problem").click()
    visit.check("open-confirm")
    page.get_by_role("button", name="Open the problem").click()
    expect(page.get_by_text("is now open")).to_be_visible()

    # A bid's lead names the problem in "About the project"; the bid is later funded.
    bid = BidFactory(title="Frailty hospital at home")
    visit.sign_in_as(client, bid.lead)
    visit.go(reverse("challenge_fund:bid_section", args=[bid.pk, "about"]))
    page.get_by_label("Problem in the register of system problems (optional)").select_option(label=problem.title)
    page.get_by_role("button", name="Save and return to your bid").click()
    bid.refresh_from_db()
    assert bid.system_problem == problem
    force_state_for_tests(bid, "active")

    # The secretariat records what the LCP decided: a date in the future is refused, then today's is kept.
    visit.sign_in_as(client, secretariat)
    visit.go(reverse("programmes:problem", args=[problem.pk]))
    expect(page.get_by_text("Frailty hospital at home")).to_be_visible()
    page.get_by_role("link", name="Record a report-back").click()
    today = timezone.localdate()
    fill_date(page, "Date reported", today.replace(year=today.year + 1))
    page.get_by_label("Summary of what was reported").fill("The pilot's shared plan cut repeat attendances.")
    page.get_by_label("Adapted").check()
    page.get_by_role("button", name="Record the report-back").click()
    expect_title_starting(page, "Error: ")
    expect(page.get_by_text("The date it was reported must be today or in the past").first).to_be_visible()
    assert not ReportBack.objects.exists()
    visit.check("report-back-errors")
    fill_date(page, "Date reported", today)
    page.get_by_role("button", name="Record the report-back").click()
    expect(page.get_by_text("Recorded the report-back")).to_be_visible()
    expect(page.get_by_text("The pilot's shared plan cut repeat attendances.")).to_be_visible()
    problem.refresh_from_db()
    assert problem.state == "adopted"
    visit.check("problem-page")

    # Anyone finds leadership development outside the Academy from the catalogue.
    external_offer(name="Mary Seacole Programme", provider_name="NHS Leadership Academy",
                   description="For people in their first formal leadership role.")
    external_offer(name="Postgraduate study", provider_name="King's College London")
    page.context.clear_cookies()
    visit.go(reverse("programmes:catalogue"))
    page.get_by_role("link", name="Search other leadership development offers").click()
    visit.check("other-offers")
    page.get_by_label("Search the offers").fill("first formal")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("1 offer found", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Mary Seacole Programme")).to_be_visible()
    visit.check("other-offers-search")
