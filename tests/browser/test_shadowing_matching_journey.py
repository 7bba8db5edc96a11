"""From offer and interest to matching and publishing, in headless Chromium with axe-core on every page: a host
offers a placement (a blank form is refused), a leader says they want to shadow, the programme's admin closes
the round for matching, runs the matcher (compared with random) and publishes; the shadow then finds the
placement in "My shadowing". The agreement, visits and reflections follow in the other shadowing journeys."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.core.models import Programme
from programmes.shadowing.models import Placement, PlacementOffer, PlacementState, Round, RoundState, ShadowInterest
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.shadowing import RoundFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, label: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def test_offer_interest_matching_and_publishing(visit, client):
    page = visit.page
    round_ = RoundFactory(name="Spring 2027: discharge across boundaries")
    workflow.start(round_, workflow.SYSTEM)
    host = LeaderProfileFactory().user
    shadow_profile = LeaderProfileFactory()
    shadow = shadow_profile.user
    host_org = host.profile.organisation

    visit.sign_in_as(client, host)
    visit.go("/shadowing/")
    visit.check("matching-index")
    page.get_by_role("link", name=f"Offer a placement in your team in {round_.name}").click()
    visit.check("matching-offer")
    page.get_by_role("button", name="Offer placement").click()
    expect_title_starting(page, "Error: ")
    visit.check("matching-offer-errors")
    assert not PlacementOffer.objects.exists()
    page.get_by_label("Team or service").fill("Same-day emergency care unit")
    page.get_by_label("Organisation").select_option(label=host_org.name)
    page.get_by_label("Borough").select_option(index=1)
    page.get_by_label("Acute hospital care").check()
    page.get_by_role("group", name="Professions in the team").get_by_role("checkbox").first.check()
    page.get_by_label("What a visitor will see and do").fill("Board rounds and the frailty huddle")
    page.get_by_label("The system problem it touches").fill("Delayed discharges of older people")
    page.get_by_label("Number of visits").fill("3")
    _fill_date(page, "Available from", round_.visits_from)
    _fill_date(page, "Available until", round_.visits_until)
    page.get_by_label("Shadows at once").fill("1")
    page.get_by_label("Practical details").fill("Bring your NHS ID badge; half-day induction on the first visit")
    page.get_by_role("button", name="Offer placement").click()
    expect(page.get_by_text("is offered in")).to_be_visible()
    visit.check("matching-mine-host")
    assert PlacementOffer.objects.filter(host=host).count() == 1

    visit.sign_in_as(client, shadow)
    visit.go("/shadowing/")
    page.get_by_role("link", name=f"Say you want to shadow in {round_.name}").click()
    visit.check("matching-interest")
    page.get_by_role("group", name="Your own sector").get_by_label("Primary care").check()
    page.get_by_label("What you want to learn").fill("How discharge decisions are made on the wards")
    page.get_by_role("group", name="Sectors you do not know").get_by_label("Acute hospital care").check()
    _fill_date(page, "Available from", round_.visits_from)
    _fill_date(page, "Available until", round_.visits_until)
    page.get_by_label("Line manager or sponsor's name").fill("Morgan Line")
    page.get_by_label("Line manager or sponsor's email").fill("morgan.line@example.nhs.uk")
    page.get_by_role("button", name="Save my interest").click()
    expect(page.get_by_text("Nothing is matched until")).to_be_visible()
    assert ShadowInterest.objects.filter(shadow=shadow).count() == 1

    admin = UserFactory(first_name="Sam", last_name="Admin")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="shadowing"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go(f"/shadowing/manage/rounds/{round_.pk}/")
    visit.check("matching-round-open")
    page.get_by_role("link", name="Close the round for matching").click()
    visit.check("matching-close-confirm")
    page.get_by_role("button", name="Close for matching").click()
    assert Round.objects.get(pk=round_.pk).state == RoundState.MATCHING
    visit.check("matching-round-matching")
    page.get_by_role("link", name="Run the matching").click()
    visit.check("matching-run-confirm")
    page.get_by_role("button", name="Run the matching").click()
    visit.check("matching-draft")
    assert not Notification.objects.filter(template__startswith="shadowing_proposed").exists()  # a draft sends nothing
    page.get_by_role("link", name="Publish the matches").click()
    visit.check("matching-publish-confirm")
    page.get_by_role("button", name="Publish and tell everyone").click()
    visit.check("matching-published")
    placement = Placement.objects.get(round=round_)
    assert placement.shadow == shadow and placement.state == PlacementState.PROPOSED
    assert sorted(Notification.objects.filter(template__startswith="shadowing_proposed")
                  .values_list("to_email", flat=True)) == sorted([host.email, shadow.email])

    visit.sign_in_as(client, shadow)
    visit.go("/shadowing/mine/")
    visit.check("matching-mine-shadow")
    assert "Same-day emergency care unit" in page.content()
