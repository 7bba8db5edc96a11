"""Network mentoring in headless Chromium, with axe-core and the layout check on every page: a leader offers
to mentor, a member asks for a mentor, the network's admin runs the draft matching (compared with random)
and publishes it, the mentee records the agreement, answers the 1-month check-in once it is due, and the
mentor ends the mentoring without fault."""

from __future__ import annotations

import datetime as dt

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from programmes.network.models import MentoringCheckIn, MentoringPair, PairState
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_offer_ask_match_agree_check_in_and_end(visit, client):
    page = visit.page
    mentor = LeaderProfileFactory(user=UserFactory(first_name="Grace", last_name="Adeyemi"),
                                  organisation=OrganisationFactory(name="Bexley Council")).user
    mentee = LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor"),
                                  organisation=OrganisationFactory(name="King's College Hospital")).user
    MembershipFactory(person=mentee)

    visit.sign_in_as(client, mentor)
    visit.go("/network/mentoring/")
    visit.check("mentoring-mine-empty")
    page.get_by_role("link", name="Offer to mentor").click()
    visit.check("mentoring-offer")
    page.fill("input[name=capacity]", "9")
    page.get_by_role("button", name="Offer to mentor").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("mentoring-offer-errors")
    page.fill("input[name=capacity]", "2")
    page.locator("input[name=topics]").first.check()
    page.get_by_label("Online", exact=True).check()
    page.fill("textarea[name=experience]", "Director of adult social care; ten years in system roles.")
    page.get_by_role("button", name="Offer to mentor").click()
    expect(page.get_by_text("Thank you for offering to mentor")).to_be_visible()
    visit.check("mentoring-mine-mentor")

    visit.sign_in_as(client, mentee)
    visit.go("/network/mentoring/")
    page.get_by_role("link", name="Ask for a mentor").click()
    visit.check("mentoring-request")
    page.fill("textarea[name=hopes]", "To understand how decisions are made across the ICS.")
    page.locator("input[name=topics]").first.check()
    page.get_by_role("button", name="Ask for a mentor").click()
    expect(page.get_by_text("You have asked for a mentor")).to_be_visible()

    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go("/network/manage/")
    page.get_by_role("link", name="Mentoring: offers, requests, matching and pairs").click()
    visit.check("mentoring-manage")
    page.get_by_role("link", name="Match mentors and mentees").click()
    visit.check("mentoring-matching")
    page.get_by_role("link", name="Run the matching").click()
    visit.check("mentoring-matching-run")
    page.get_by_role("button", name="Run the matching").click()
    expect(page.get_by_text("The draft has 1 pair.")).to_be_visible()
    expect(page.get_by_role("cell", name="1: organisation")).to_be_visible()
    visit.check("mentoring-matching-draft")
    page.get_by_role("link", name="Publish the matches").click()
    visit.check("mentoring-publish")
    page.get_by_role("button", name="Publish the matches").click()
    expect(page.get_by_text("1 mentoring pair is published.")).to_be_visible()
    pair = MentoringPair.objects.get()

    visit.sign_in_as(client, mentee)
    visit.go("/network/mentoring/")
    visit.check("mentoring-mine-mentee")
    page.get_by_role("link", name="Your mentor: Grace Adeyemi").click()
    visit.check("mentoring-pair-proposed")
    page.get_by_role("button", name="Agree these terms").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("mentoring-agreement-errors")
    ends = timezone.localdate() + dt.timedelta(days=180)
    page.fill("textarea[name=goals]", "To map who decides what, and find a first system-level role.")
    page.fill("input[name=frequency]", "An hour once a month, online")
    page.fill("textarea[name=confidentiality]", "Everything we discuss stays between us.")
    page.fill("input[name=ends_on_0]", str(ends.day))
    page.fill("input[name=ends_on_1]", str(ends.month))
    page.fill("input[name=ends_on_2]", str(ends.year))
    page.get_by_role("button", name="Agree these terms").click()
    expect(page.get_by_text("The mentoring starts when the other person agrees them too")).to_be_visible()
    visit.check("mentoring-pair-agreed-by-me")

    visit.sign_in_as(client, mentor)
    visit.go(f"/network/mentoring/pairs/{pair.pk}/")
    expect(page.get_by_text("Amara Okafor has agreed these terms")).to_be_visible()
    visit.check("mentoring-pair-agreed-by-them")
    page.get_by_role("button", name="Agree these terms").click()
    expect(page.get_by_text("You have both agreed: the mentoring has started.")).to_be_visible()

    visit.sign_in_as(client, mentee)
    visit.go(f"/network/mentoring/pairs/{pair.pk}/")
    visit.check("mentoring-pair-active")
    expect(page.locator(".nhsuk-tag", has_text="Under way")).to_be_visible()
    expect(page.get_by_text("not due yet").first).to_be_visible()

    visit.go(f"/network/mentoring/pairs/{pair.pk}/check-in/1/")
    visit.check("mentoring-checkin-not-due")
    MentoringPair.objects.filter(pk=pair.pk).update(started_at=timezone.now() - relativedelta(months=1, days=1))
    visit.go(f"/network/mentoring/pairs/{pair.pk}/")
    page.get_by_role("link", name="answer now").click()
    visit.check("mentoring-checkin")
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.get_by_text("your 1-month check-in is saved")).to_be_visible()
    assert MentoringCheckIn.objects.get().useful == 4

    visit.sign_in_as(client, mentor)
    visit.go(f"/network/mentoring/pairs/{pair.pk}/")
    page.get_by_role("link", name="End this mentoring").click()
    visit.check("mentoring-end")
    page.get_by_role("button", name="End the mentoring").click()
    expect(page.get_by_text("The mentoring has ended")).to_be_visible()
    pair.refresh_from_db()
    assert pair.state == PairState.ENDED

    visit.sign_in_as(client, admin)
    visit.go("/network/manage/mentoring/")
    visit.check("mentoring-manage-after")
