"""Running communities without the Django admin, in headless Chromium with axe-core and the layout check on every
page (1280 and 320 px): the communities programme's admin creates a community (a duplicate name is refused
first), names a second lead and sees why the last lead cannot be removed; then a member filters the board."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from programmes.community import services
from programmes.community.models import Community
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread
from tests.programmes.community.test_idea_views import community_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_creates_a_community_and_names_a_lead(visit, client):
    page = visit.page
    admin = community_admin()
    first = UserFactory(first_name="Grace", last_name="Adeyemi", email="grace.adeyemi@example.nhs.uk")
    second = UserFactory(first_name="Tomas", last_name="Novak", email="tomas.novak@example.nhs.uk")
    make_community(name="Dentistry leaders", slug="dentistry-leaders", leads=[UserFactory()])

    visit.sign_in_as(client, admin)
    visit.go("/communities/")
    page.get_by_role("link", name="Run communities").click()
    page.wait_for_url("**/communities/manage/")
    visit.check("manage")
    page.get_by_role("link", name="Create a community").click()
    page.wait_for_url("**/communities/manage/new/")
    visit.check("community-new")
    page.get_by_label("Name", exact=True).fill("dentistry LEADERS")
    page.get_by_label("Clinical network").check()
    page.get_by_label("Summary").fill("Clinical leads for oral health across the six boroughs.")
    page.get_by_label(re.compile("^Open")).check()
    page.get_by_label("First lead's email address").fill(first.email)
    page.get_by_role("button", name="Create community").click()
    expect(page).to_have_title(re.compile("^Error: "))
    visit.check("community-new-errors")
    page.get_by_label("Name", exact=True).fill("Oral health clinical network")
    page.get_by_role("button", name="Create community").click()
    page.wait_for_url("**/communities/oral-health-clinical-network/")
    expect(page.get_by_text("Oral health clinical network is created.")).to_be_visible()
    visit.check("community-created")
    community = Community.objects.get(slug="oral-health-clinical-network")

    page.get_by_role("link", name="Name or remove leads").click()
    page.wait_for_url(f"**/communities/{community.slug}/leads/")
    page.get_by_label("Email address of the new lead").fill(second.email)
    page.get_by_role("button", name="Name as lead").click()
    expect(page.get_by_text("is now a lead of Oral health clinical network")).to_be_visible()
    visit.check("leads")
    assert set(community.leads.all()) == {first, second}

    page.get_by_role("link", name="Remove Grace Adeyemi").click()
    page.wait_for_url(re.compile(r".*/leads/\d+/remove/$"))
    visit.check("lead-remove")
    page.get_by_role("button", name="Remove lead").click()
    expect(page.get_by_text("Grace Adeyemi is no longer a lead")).to_be_visible()
    page.get_by_role("link", name="Remove Tomas Novak").click()
    page.wait_for_url(re.compile(r".*/leads/\d+/remove/$"))
    expect(page.get_by_text("keeps at least one lead")).to_be_visible()
    visit.check("lead-remove-last")
    assert list(community.leads.all()) == [second]


def test_a_member_filters_the_board(visit, client):
    page = visit.page
    community = make_community(name="Community pharmacy leaders", slug="pharmacy-leaders")
    me = add_member(community, UserFactory(first_name="Priya", last_name="Shah")).person
    other = add_member(community, UserFactory(first_name="Kofi", last_name="Mensah")).person
    make_thread(community, author=me, title="Blood pressure checks in faith venues")
    answered = make_thread(community, author=other, title="Pharmacy First referrals from practices")
    services.reply(me, answered, body="We use the shared booking line.")
    make_thread(community, author=other, title="Flu vaccine stock this winter")

    visit.sign_in_as(client, me)
    visit.go(f"/communities/{community.slug}/")
    visit.check("board")
    page.get_by_text("Filter discussions").click()
    page.get_by_label("Unanswered (no replies yet)").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r".*unanswered=on.*"))
    expect(page.get_by_text("2 discussions match your filters.")).to_be_visible()
    expect(page.get_by_role("link", name="Pharmacy First referrals from practices")).to_have_count(0)
    visit.check("board-unanswered")
    page.get_by_label("Discussions I started").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r".*mine=on.*"))
    expect(page.get_by_text("1 discussion matches your filters.")).to_be_visible()
    expect(page.get_by_role("link", name="Blood pressure checks in faith venues")).to_be_visible()
    visit.check("board-mine-unanswered")
