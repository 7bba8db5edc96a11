"""The managed network's additions of issue 13's follow-up, in headless Chromium with axe-core and the layout
check on every page: a leader finds the network in the catalogue and joins; two network admins share one
mentoring draft (one pins and runs it, the other finds it, sees it go stale when they exclude a pair, runs
it again and publishes); the matched member's home page shows their network panel (the Big Room they are
coming to, the mentoring to agree); the coachee whose coach declined sees their request waiting again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.core.models import Programme
from programmes.network import coaching_services
from programmes.network import mentoring_services as services
from programmes.network.models import MentoringPair, Rsvp, RsvpStatus
from tests.conftest import give_mfa
from tests.factories import coaching
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def network_admin(first, last):
    admin = UserFactory(first_name=first, last_name=last)
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(admin)
    return admin


def test_catalogue_shared_draft_home_panel_and_a_declined_coach(visit, client):
    page = visit.page
    joiner = LeaderProfileFactory(user=UserFactory(first_name="Tomasz", last_name="Nowak")).user
    visit.sign_in_as(client, joiner)
    visit.go("/programmes/")
    expect(page.get_by_text("Join the open network")).to_be_visible()
    visit.check("catalogue-with-network")
    page.get_by_role("link", name="Managed network for next-generation system leaders").first.click()
    visit.check("network-index-from-catalogue")

    mentors = [
        services.offer_to_mentor(
            LeaderProfileFactory(user=UserFactory(first_name=given, last_name=family),
                                 organisation=OrganisationFactory(name=org)).user,
            capacity=1, topics=[], format="either")
        for given, family, org in (("Grace", "Adeyemi", "Bexley Council"), ("Oluwaseun", "Bello", "Lewisham Council"))
    ]
    mentee = LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor"),
                                  organisation=OrganisationFactory(name="King's College Hospital")).user
    MembershipFactory(person=mentee)
    services.ask_for_mentor(mentee, topics=[], format="either")
    other = LeaderProfileFactory(user=UserFactory(first_name="Ben", last_name="Harris")).user
    MembershipFactory(person=other)
    services.ask_for_mentor(other, topics=[], format="either")

    first = network_admin("Priya", "Raman")
    visit.sign_in_as(client, first)
    visit.go("/network/manage/mentoring/matching/")
    visit.check("matching-empty")
    page.get_by_label("Mentee").select_option(label="Amara Okafor")
    page.get_by_label("Mentor").select_option(label="Grace Adeyemi")
    page.get_by_label("Must be made (pin)").check()
    page.get_by_role("button", name="Save this pair").click()
    expect(page.get_by_text("The pair is saved for every admin")).to_be_visible()
    visit.check("matching-pinned")
    page.get_by_role("link", name="Run the matching").click()
    page.get_by_role("button", name="Run the matching").click()
    expect(page.get_by_text("The draft has 2 pairs.")).to_be_visible()
    visit.check("matching-draft-first-admin")

    second = network_admin("Daniel", "Mensah")
    visit.sign_in_as(client, second)
    visit.go("/network/manage/mentoring/matching/")
    expect(page.get_by_text("by Priya Raman").first).to_be_visible()
    expect(page.get_by_role("link", name="Publish the matches")).to_be_visible()
    visit.check("matching-draft-second-admin")
    page.get_by_label("Mentee").select_option(label="Ben Harris")
    page.get_by_label("Mentor").select_option(label="Oluwaseun Bello")
    page.get_by_label("Must not be made (exclude)").check()
    page.get_by_role("button", name="Save this pair").click()
    expect(page.get_by_text("The draft is out of date")).to_be_visible()
    assert page.get_by_role("link", name="Publish the matches").count() == 0
    visit.check("matching-draft-stale")
    page.get_by_role("button", name="Remove this exclusion").click()
    page.get_by_role("link", name="Run the matching").click()
    page.get_by_role("button", name="Run the matching").click()
    page.get_by_role("link", name="Publish the matches").click()
    visit.check("matching-publish")
    page.get_by_role("button", name="Publish the matches").click()
    expect(page.get_by_text("2 mentoring pairs are published.")).to_be_visible()
    assert set(MentoringPair.objects.values_list("mentee_id", "offer_id")) == {
        (mentee.pk, mentors[0].pk), (other.pk, mentors[1].pk)}

    start = timezone.now() + dt.timedelta(days=9)
    event = EventFactory(title="Winter Big Room", starts_at=start, ends_at=start + dt.timedelta(hours=3))
    Rsvp.objects.create(event=event, person=mentee, status=RsvpStatus.GOING, table_number=3)
    visit.sign_in_as(client, mentee)
    visit.go("/")
    expect(page.get_by_text("Big Room: Winter Big Room")).to_be_visible()
    expect(page.get_by_text("Your table is table 3.")).to_be_visible()
    expect(page.get_by_text("Agree your mentoring with Grace Adeyemi")).to_be_visible()
    visit.check("home-network-panel")

    request = coaching.request(mentee)
    coach = coaching.coach()
    coaching_services.assign(first, request, coach)
    coaching_services.decline(coach.person, request)
    assert Notification.objects.filter(template="network_coaching_finding_another", recipient=mentee).exists()
    visit.go(f"/network/coaching/{request.pk}/")
    expect(page.get_by_text("Waiting for a coach").first).to_be_visible()
    visit.check("coaching-waiting-again")
