"""Network alumni in headless Chromium, with axe-core and the layout check on every page: an alumnus (they
completed a cohort) opts in to the alumni directory, finds another alumnus there, sees an alumni-only Big
Room, and offers to volunteer as faculty; someone who is not an alumnus gets the page that explains why
not; the network's admin sees the volunteers and marks one contacted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from programmes.network import alumni_services
from programmes.network.models import VolunteerOffer, VolunteerState
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory, alumnus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alumnus_opts_in_finds_alumni_volunteers_and_admin_sees_volunteers(visit, client):
    page = visit.page
    me = alumnus(LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor"),
                                      organisation=OrganisationFactory(name="King's College Hospital")).user)
    other = alumnus(LeaderProfileFactory(user=UserFactory(first_name="Grace", last_name="Adeyemi"),
                                         organisation=OrganisationFactory(name="Bexley Council")).user)
    alumni_services.opt_in(other, functions=[], line="Ask me about joining up discharge with social care.")
    EventFactory(title="Alumni Big Room: what we changed", alumni_only=True)

    visit.sign_in_as(client, me)
    visit.go("/network/alumni/")
    visit.check("alumni-index")
    page.get_by_role("link", name="Join the alumni directory").click()
    visit.check("alumni-opt-in")
    page.fill("input[name=line]", "Now leading the frailty pathway in Lambeth.")
    page.locator("input[name=functions]").first.check()
    page.get_by_role("button", name="Join the directory").click()
    expect(page.get_by_text("You are now in the alumni directory")).to_be_visible()
    visit.check("alumni-index-listed")

    page.get_by_role("link", name="alumni directory").first.click()
    expect(page.get_by_text("Ask me about joining up discharge with social care.")).to_be_visible()
    expect(page.get_by_text("Now leading the frailty pathway in Lambeth.")).to_be_visible()
    visit.check("alumni-directory")

    visit.go("/network/events/")
    expect(page.get_by_text("Alumni only").first).to_be_visible()
    visit.check("alumni-events-badge")

    visit.go("/network/alumni/")
    page.get_by_role("link", name="Offer to volunteer").click()
    visit.check("alumni-volunteer")
    page.get_by_role("button", name="Offer to volunteer").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("alumni-volunteer-errors")
    page.get_by_label("Faculty", exact=True).check()
    page.fill("input[name=availability]", "Two afternoons a term")
    page.fill("textarea[name=note]", "I could run the session on leading across organisations.")
    page.get_by_role("button", name="Offer to volunteer").click()
    expect(page.get_by_text("Thank you for offering to volunteer")).to_be_visible()
    visit.check("alumni-index-volunteered")

    visit.sign_in_as(client, UserFactory(first_name="Sam", last_name="Newcomer"))
    visit.go("/network/alumni/directory/")
    expect(page.get_by_role("heading", name="This page is for alumni")).to_be_visible()
    visit.console_errors.clear()  # Chromium reports the 403 we expected as a console error
    visit.check("alumni-directory-not-alumni")

    admin = UserFactory(first_name="Priya", last_name="Raman")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go("/network/manage/")
    page.get_by_role("link", name="Alumni who volunteer as mentors, faculty or panel members").click()
    expect(page.get_by_text("Two afternoons a term")).to_be_visible()
    visit.check("alumni-volunteers")
    page.get_by_role("link", name="Contacted Amara Okafor").click()
    visit.check("alumni-volunteer-contacted")
    page.get_by_role("button", name="Mark as contacted").click()
    expect(page.get_by_text("Amara Okafor is marked as contacted.")).to_be_visible()
    visit.check("alumni-volunteers-after")
    assert VolunteerOffer.objects.get(person=me).state == VolunteerState.CONTACTED
