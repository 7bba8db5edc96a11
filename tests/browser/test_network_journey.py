"""The managed network in headless Chromium, with axe-core and the layout check on every page: a leader
joins the open network, says they are coming to a Big Room, the network's admin makes and prints the
table plan, and the leader sees their table."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from programmes.network import services
from programmes.network.models import Membership, Rsvp
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory, IntakeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_join_rsvp_and_see_your_table(visit, client):
    page = visit.page
    IntakeFactory(name="Spring 2027 intake")
    start = (timezone.now() + dt.timedelta(days=20)).replace(hour=10, minute=0, second=0, microsecond=0)
    event = EventFactory(title="Big Room: long-term conditions", starts_at=start, ends_at=start + dt.timedelta(hours=3),
                         capacity=30, table_size=4)
    trust = OrganisationFactory(name="Lewisham and Greenwich NHS Trust")
    for _ in range(7):
        services.rsvp(LeaderProfileFactory(organisation=trust).user, event)
    leader = LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor")).user

    visit.sign_in_as(client, leader)
    visit.go("/network/")
    visit.check("index")
    page.get_by_role("link", name="Join the open network").first.click()
    visit.check("join")
    page.locator("input[name=interests]").first.check()
    page.get_by_role("button", name="Join the network").click()
    expect(page.get_by_text("Welcome to the network")).to_be_visible()
    visit.check("membership")
    assert Membership.objects.filter(person=leader).count() == 1

    visit.go(f"/network/events/{event.pk}/")
    visit.check("event")
    page.get_by_role("link", name="Say you are coming").click()
    visit.check("rsvp")
    page.get_by_role("button", name="I am coming").click()
    expect(page.get_by_text("You are coming to Big Room: long-term conditions")).to_be_visible()
    expect(page.get_by_text("Your table will be shown here")).to_be_visible()

    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go("/network/manage/")
    visit.check("manage")
    page.get_by_role("link", name="Big Room: long-term conditions").click()
    visit.check("event-manage")
    page.get_by_role("link", name="Make the table plan").click()
    page.get_by_role("button", name="Make the table plan").click()
    expect(page.get_by_text("The table plan is made: 2 tables.")).to_be_visible()
    page.get_by_role("link", name="Print the table plan").click()
    expect(page.get_by_role("heading", name="Table 1")).to_be_visible()
    visit.check("table-plan")
    page.emulate_media(media="print")
    assert not page.locator(".nhsuk-header").is_visible()
    page.emulate_media(media="screen")
    visit.go("/network/manage/members/")
    visit.check("members")

    visit.sign_in_as(client, leader)
    visit.go(f"/network/events/{event.pk}/")
    number = Rsvp.objects.get(person=leader).table_number
    assert f"You are at table {number}." in page.locator("#your-table").inner_text()
    visit.check("event-with-table")
