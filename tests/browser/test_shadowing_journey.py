"""A shadowing placement's agreement in headless Chromium, with axe-core on every page: the shadow writes the
agreement with its visit dates (a date outside the round is refused), both sides sign, and the line manager
signs through the emailed link without an account; the placement is then agreed."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from programmes.shadowing import services
from programmes.shadowing.models import Agreement, PlacementState
from tests.browser.titles import expect_title_starting
from tests.factories.shadowing import make_placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, label: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_an_agreement_signed_by_the_three_agrees_the_placement(visit, client):
    page = visit.page
    placement = make_placement()
    round_ = placement.round

    visit.sign_in_as(client, placement.shadow)
    visit.go("/shadowing/mine/")
    visit.check("shadowing-mine")
    page.get_by_role("link", name=f"You shadow {placement.offer.host.get_full_name()}").click()
    visit.check("shadowing-placement-new")
    page.get_by_role("link", name="Write the agreement").click()
    page.get_by_label("Learning goals").fill("How same-day emergency care avoids admissions")
    page.get_by_label("Confidentiality").fill("Nothing identifiable leaves the team")
    page.get_by_label("Practical arrangements").fill("Arrive at 9am; ask for the nurse in charge")
    _fill_date(page, "Visit 1", round_.visits_until + dt.timedelta(days=5))
    for n in range(2, placement.offer.visits + 1):
        _fill_date(page, f"Visit {n}", round_.visits_from + dt.timedelta(days=7 * n))
    page.get_by_role("button", name="Save the agreement").click()
    expect_title_starting(page, "Error: ")
    visit.check("shadowing-agreement-errors")
    assert not Agreement.objects.exists()
    _fill_date(page, "Visit 1", round_.visits_from + dt.timedelta(days=1))
    page.get_by_role("button", name="Save the agreement").click()
    expect(page.get_by_text("The agreement is saved.")).to_be_visible()
    visit.check("shadowing-placement")
    page.get_by_role("link", name="Sign the agreement").click()
    visit.check("shadowing-sign")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("You have signed the agreement.")).to_be_visible()

    visit.sign_in_as(client, placement.offer.host)
    visit.go(f"/shadowing/placements/{placement.pk}/sign/")
    page.get_by_role("button", name="Sign the agreement").click()
    expect(page.get_by_text("You have signed the agreement.")).to_be_visible()

    page.context.clear_cookies()
    token = services.agreement_manager_token(Agreement.objects.get())
    visit.go(f"/shadowing/agreement/{token}/")
    visit.check("shadowing-manager")
    page.get_by_role("button", name="Sign the agreement and release the time").click()
    expect(page.get_by_text("You signed this agreement")).to_be_visible()
    placement.refresh_from_db()
    assert placement.state == PlacementState.AGREED
