"""Task-and-finish groups in headless Chromium, with axe-core and the layout check on every page: a community's
lead sets up a group (a past end date is refused first) with a member, the member posts in its discussion,
and the lead closes it with its outcome note."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from programmes.community.models import TaskGroup
from tests.browser.titles import expect_title_starting
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, day):
    page.locator("#id_ends_on_0").fill(str(day.day))
    page.locator("#id_ends_on_1").fill(str(day.month))
    page.locator("#id_ends_on_2").fill(str(day.year))


def test_a_lead_sets_up_a_group_a_member_posts_and_the_lead_closes_it(visit, client):
    page = visit.page
    lead = UserFactory(first_name="Grace", last_name="Adeyemi")
    community = make_community(leads=[lead], name="South east London AHP leads", slug="sel-ahp-leads")
    member = add_member(community, UserFactory(first_name="Priya", last_name="Shah")).person
    add_member(community, UserFactory(first_name="Tomas", last_name="Novak"))

    visit.sign_in_as(client, lead)
    visit.go(f"/communities/{community.slug}/")
    page.get_by_role("link", name="Task-and-finish groups").click()
    visit.check("groups-empty")
    page.get_by_role("link", name="Set up a group").click()
    visit.check("group-new")
    page.get_by_label("Name of the group").fill("Common AHP lead role description")
    page.get_by_label("Objective").fill("Agree one description of the AHP lead role.")
    page.get_by_label("Mandate").fill("Asked by the network's leads; it does not set pay.")
    _fill_date(page, timezone.localdate() - datetime.timedelta(days=1))
    page.get_by_label("Priya Shah").check()
    page.get_by_role("button", name="Set up group").click()
    expect_title_starting(page, "Error: ")
    visit.check("group-new-errors")
    _fill_date(page, timezone.localdate() + datetime.timedelta(days=90))
    page.get_by_role("button", name="Set up group").click()
    expect(page.get_by_text("The group is set up.")).to_be_visible()
    visit.check("group-open")
    group = TaskGroup.objects.get()

    visit.sign_in_as(client, member)
    visit.go(f"/communities/{community.slug}/groups/")
    visit.check("groups-member")
    page.get_by_role("link", name="Common AHP lead role description").click()
    page.get_by_label("Your message").fill(
        "Lewisham's draft asks for **two sessions** a week. <script>alert(1)</script>"
    )
    page.get_by_role("button", name="Post message").click()
    expect(page.get_by_text("Your message is posted.")).to_be_visible()
    visit.check("group-with-message")

    visit.sign_in_as(client, lead)
    visit.go(f"/communities/{community.slug}/groups/{group.pk}/")
    page.get_by_role("link", name="Close the group with its outcome").click()
    page.get_by_role("button", name="Close group").click()
    expect_title_starting(page, "Error: ")
    visit.check("group-close-errors")
    page.get_by_label("Outcome").fill("One description agreed and sent to the six place executives.")
    page.get_by_role("button", name="Close group").click()
    expect(page.get_by_text("The group is closed.")).to_be_visible()
    visit.check("group-closed")
    group.refresh_from_db()
    assert group.is_closed
