"""Shadowing in headless Chromium, with axe-core on every page: a host offers a placement, a leader from another
organisation says they want to shadow, and the shadowing admin closes the round, runs the matching, compares it
with random and publishes; the host then sees the shadow in My shadowing."""

from __future__ import annotations

import pytest

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.core.models import Programme
from programmes.shadowing.models import Placement
from tests.browser.dates import fill_date
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.shadowing import RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offer_interest_matching_and_publishing(visit, client):
    page = visit.page
    round_ = RoundFactory(name="Spring 2027: discharge across boundaries")
    host = LeaderProfileFactory(
        user=UserFactory(first_name="Nia", last_name="Host"),
        organisation=OrganisationFactory(name="Guy's and St Thomas' NHS Foundation Trust"),
    ).user
    shadow = LeaderProfileFactory(
        user=UserFactory(first_name="Omar", last_name="Shadow"),
        organisation=OrganisationFactory(name="Lewisham Primary Care Network"),
    ).user
    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="shadowing"))
    give_mfa(admin)

    # The host offers a placement in their team.
    visit.sign_in_as(client, host)
    visit.go("/shadowing/")
    visit.check("index")
    page.get_by_role("link", name=f"Offer a placement in your team in {round_.name}").click()
    visit.check("offer-form")
    page.get_by_label("Team or service").fill("Same-day emergency care")
    page.get_by_label("Organisation").select_option(label="Guy's and St Thomas' NHS Foundation Trust")
    page.get_by_label("Borough").select_option(index=1)
    page.get_by_label("Acute hospital care").check()
    page.locator("input[name=professions]").first.check()
    page.get_by_label("What a visitor will see and do").fill("Board rounds and the frailty huddle.")
    page.get_by_label("The system problem it touches").fill("Delayed discharges of older people.")
    page.get_by_label("Number of visits").fill("1")
    fill_date(page, "Available from", round_.visits_from)
    fill_date(page, "Available until", round_.visits_until)
    page.get_by_label("Shadows at once").fill("1")
    page.get_by_label("Practical details").fill("Bring your NHS ID badge.")
    page.get_by_role("button", name="Offer placement").click()
    assert page.title().startswith("Error: ")
    visit.check("offer-errors")
    page.get_by_label("Number of visits").fill("3")
    page.get_by_role("button", name="Offer placement").click()
    assert page.get_by_text("Your placement at Same-day emergency care is offered").is_visible()
    visit.check("mine-host")

    # A leader from another organisation says they want to shadow.
    visit.sign_in_as(client, shadow)
    visit.go("/shadowing/")
    page.get_by_role("link", name=f"Say you want to shadow in {round_.name}").click()
    visit.check("interest-form")
    page.get_by_label("Primary care").first.check()
    page.get_by_label("What you want to learn").fill("How discharge decisions are made in hospital.")
    page.locator("input[name=unfamiliar_sectors][value=acute]").check()
    fill_date(page, "Available from", round_.visits_from)
    fill_date(page, "Available until", round_.visits_until)
    page.get_by_role("button", name="Save my interest").click()
    assert page.get_by_text("is saved. Nothing is matched until the round closes").is_visible()
    visit.check("mine-shadow")

    # The admin closes the round, runs the matching and publishes.
    visit.sign_in_as(client, admin)
    visit.go("/shadowing/manage/")
    visit.check("manage")
    page.get_by_role("link", name=round_.name).click()
    visit.check("round")
    page.get_by_role("link", name="Close the round for matching").click()
    visit.check("close-confirm")
    page.get_by_role("button", name="Close for matching").click()
    page.get_by_role("link", name="Run the matching").click()
    page.get_by_role("button", name="Run the matching").click()
    assert page.get_by_text("The draft has 1 pairs.").is_visible()
    assert page.get_by_role("cell", name="Omar Shadow").count() >= 1
    visit.check("draft")
    assert not Notification.objects.exists()
    page.get_by_role("link", name="Publish the matches").click()
    visit.check("publish-confirm")
    page.get_by_role("button", name="Publish and tell everyone").click()
    assert page.get_by_text("1 placements are published").is_visible()
    assert Placement.objects.filter(shadow=shadow, offer__host=host).exists()

    # The host sees who will shadow them.
    visit.sign_in_as(client, host)
    visit.go("/shadowing/mine/")
    assert page.get_by_text("Omar Shadow shadows you at Same-day emergency care").is_visible()
    visit.check("mine-placed")
