"""A community's events in headless Chromium, with axe-core at 1280 and 320 px: a lead adds an inspiration session
(a cohort) to the community's page, a leader sees it there and follows the link to the cohort's page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.directory.models import LeaderGroup
from tests.factories.accounts import UserFactory
from tests.factories.programmes import CohortFactory
from tests.programmes.community.helpers import make_community

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_lead_adds_an_inspiration_session_and_a_leader_finds_it(visit, client):
    page = visit.page
    lead = UserFactory(first_name="Funmilayo", last_name="Adebayo-Lead")
    community = make_community(leads=[lead], name="Optometry network (journey)")
    day = timezone.localdate() + timedelta(days=30)
    cohort = CohortFactory(title="Inspiration session: seeing the system whole", starts_on=day, ends_on=day)
    cohort.target_groups.set(LeaderGroup.objects.order_by("position")[:2])

    visit.sign_in_as(client, lead)
    visit.go(f"/communities/{community.slug}/")
    main = page.locator("main")
    expect(main.get_by_text("No events coming up.")).to_be_visible()
    main.get_by_role("link", name="Add or take off events").click()
    expect(main.get_by_role("heading", name="Events of Optometry network (journey)")).to_be_visible()
    visit.check("events")
    main.get_by_role("button", name="Add the event").click()
    expect(main.get_by_text("Choose the event to show").first).to_be_visible()
    visit.check("events-error")
    main.get_by_label("Event to show").select_option(label=main.get_by_label("Event to show").locator(
        "option", has_text="seeing the system whole").inner_text())
    main.get_by_role("button", name="Add the event").click()
    expect(page.get_by_text("is now shown on Optometry network (journey)'s page")).to_be_visible()
    visit.check("added")

    visit.sign_in_as(client, UserFactory(first_name="Ravi", last_name="Reader-Journey"))
    visit.go(f"/communities/{community.slug}/")
    link = page.locator("main").get_by_role("link", name="Inspiration session: seeing the system whole")
    expect(link).to_be_visible()
    expect(page.locator("main")).to_contain_text("Who it is for:")
    visit.check("community")
    link.click()
    expect(page.locator("main h1")).to_contain_text("Inspiration session: seeing the system whole")
