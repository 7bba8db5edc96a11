"""Conference check-in on the day in headless Chromium, with axe-core and the layout check on every page: on a
320 px phone the team searches for a person by name and checks them in with one button, tries again (told when
they were checked in), reads the live counts and undoes a check-in; the person sees their ticket's QR code."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.conference import checkin
from programmes.conference.models import CheckIn
from programmes.core.models import Programme
from tests.browser.layout import DESKTOP
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 320, "height": 740}


def _check_then_phone(visit, label):
    """The layout check measures at 1280 px and again at 320 px; the team's phone is 320 px wide again after."""
    visit.page.set_viewport_size(DESKTOP)
    visit.check(label)
    visit.page.set_viewport_size(PHONE)


# A time in NHS.UK style: "9:05am", or at 12:00 exactly "midday" or "midnight" (a CI run at midnight said so).
AT_TIME = r"(\d|midday|midnight)"


def test_team_checks_a_person_in_by_search_on_a_phone_and_the_person_sees_their_qr(visit, client):
    page = visit.page
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    edition = make_edition(days_to_start=0)
    ticket_type = make_ticket_type(edition, name="C&CP leader")
    leader = UserFactory(first_name="Sam", last_name="Okoro", email="sam.okoro@example.nhs.uk")
    registration = make_registration(ticket_type, user=leader, organisation="Lewisham and Greenwich NHS Trust")
    make_registration(ticket_type, user=UserFactory(first_name="Ada", last_name="Mensah"),
                      organisation="Bromley Healthcare")

    # The person opens their registration and sees their ticket's QR code.
    visit.sign_in_as(client, leader)
    visit.go(f"/conference/registrations/{registration.pk}/")
    ticket = page.get_by_role("img", name=re.compile("Your ticket's QR code"))
    expect(ticket).to_be_visible()
    assert page.evaluate("img => img.naturalWidth", ticket.element_handle()) > 0
    visit.check("ticket")

    # The team, on a phone, searches by name and checks Sam in with one button.
    visit.sign_in_as(client, admin)
    page.set_viewport_size(PHONE)
    visit.go(f"/conference/manage/editions/{edition.pk}/check-in/")
    expect(page.get_by_role("heading", name="Check-in", exact=True)).to_be_visible()
    expect(page.locator("#check-in-counts")).to_contain_text("0 of 2 checked in")
    _check_then_phone(visit, "desk")
    page.get_by_label("Name or email").fill("okoro")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile("1 result for"))).to_be_visible()
    _check_then_phone(visit, "search")
    page.get_by_role("button", name="Check in Sam Okoro").click()
    expect(page.get_by_text("Sam Okoro is checked in (C&CP leader).")).to_be_visible()
    expect(page.locator("#check-in-counts")).to_contain_text("1 of 2 checked in")
    expect(page.get_by_text(re.compile(rf"Checked in at {AT_TIME}"))).to_be_visible()
    _check_then_phone(visit, "checked-in")
    assert CheckIn.objects.get().registration == registration
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Print a badge for Sam Okoro")).click()
    assert download.value.suggested_filename.endswith(".pdf")

    # A scanner (or a second tap) that sends the same person again is told when, and nothing new is recorded.
    page.get_by_label("Ticket code").fill(checkin.ticket_token(registration))
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.get_by_text(re.compile(rf"Sam Okoro is already checked in at {AT_TIME}")).first).to_be_visible()
    assert CheckIn.objects.count() == 1
    _check_then_phone(visit, "twice")
    page.get_by_label("Ticket code").fill("not-a-ticket")
    page.get_by_role("button", name="Check in", exact=True).click()
    expect(page.get_by_text("This code is not a conference ticket").first).to_be_visible()
    expect_title_starting(page, "Error: ")
    _check_then_phone(visit, "bad-code")

    # The live counts, then an undo from the recent list.
    visit.go(f"/conference/manage/editions/{edition.pk}/check-in/counts/")
    expect(page.get_by_role("table", name="By ticket type")).to_contain_text("C&CP leader")
    _check_then_phone(visit, "counts")
    visit.go(f"/conference/manage/editions/{edition.pk}/check-in/")
    page.get_by_role("link", name="Undo Sam Okoro's check-in").first.click()
    expect(page.get_by_role("heading", name="Undo Sam Okoro's check-in?")).to_be_visible()
    _check_then_phone(visit, "undo")
    page.get_by_role("button", name="Undo the check-in").click()
    expect(page.get_by_text("Sam Okoro's check-in has been undone.")).to_be_visible()
    expect(page.locator("#check-in-counts")).to_contain_text("0 of 2 checked in")
    assert CheckIn.objects.get().undone_by == admin
