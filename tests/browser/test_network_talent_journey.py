"""The talent pool in headless Chromium, with axe-core and the layout check on every page: a member of
the network fills their talent pool entry (first with a mistake), agrees that the governance secretariat
may see it, and the secretariat finds them ready for a vacant role; the member then withdraws consent and
the secretariat no longer sees them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.network.models import TalentEntry
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.governance import leadership_role, role_type
from tests.factories.network import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_fills_their_entry_and_the_secretariat_sees_it(visit, client):
    page = visit.page
    member = LeaderProfileFactory(user=UserFactory(first_name="Amara", last_name="Okafor"),
                                  organisation=OrganisationFactory(name="King's College Hospital")).user
    MembershipFactory(person=member)
    leadership_role(role_type(), title="Frailty lead, ICS", function=4)  # vacant: an opening now

    visit.sign_in_as(client, member)
    visit.go("/network/membership/")
    page.get_by_role("link", name="The talent pool: the formal roles you aspire to").click()
    visit.check("talent-entry-empty")
    page.get_by_label("A function lead for the whole ICS").check()
    page.get_by_label("Ready now").check()
    page.get_by_role("button", name="Save my entry").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    visit.check("talent-entry-errors")
    page.locator("input[name=functions]").nth(3).check()
    page.get_by_label("ICS-wide: anywhere across south east London, including roles for the whole ICS").check()
    page.fill("textarea[name=statement]", "Ten years leading frailty work in community nursing <b>and</b> more.")
    page.get_by_label("The governance secretariat may see my entry").check()
    page.get_by_label("Send me vacancy alerts").check()
    page.get_by_role("button", name="Save my entry").click()
    expect(page.get_by_text("Your talent pool entry has been saved.")).to_be_visible()
    visit.check("talent-entry-saved")

    secretariat = UserFactory(first_name="Sam", last_name="Secretary")
    grant_role(None, secretariat, Role.GOVERNANCE)
    give_mfa(secretariat)
    visit.sign_in_as(client, secretariat)
    visit.go("/governance/recruitment/")
    page.get_by_role("link", name="Talent pool: network members ready for seats and roles").click()
    expect(page.get_by_text("Amara Okafor")).to_be_visible()
    expect(page.get_by_role("cell", name="Frailty lead, ICS")).to_be_visible()
    expect(page.get_by_text("<b>and</b>")).to_be_visible()  # what the member typed is shown as text
    visit.check("talent-pool")
    page.get_by_label("Ready", exact=True).select_option(label="In 1–2 years")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("0 members found")).to_be_visible()
    visit.check("talent-pool-filtered")

    visit.sign_in_as(client, member)
    visit.go("/network/membership/talent-pool/")
    page.get_by_label("The governance secretariat may see my entry").uncheck()
    page.get_by_role("button", name="Save my entry").click()
    expect(page.get_by_text("Only you can see it.")).to_be_visible()
    page.get_by_role("link", name="Withdraw from the talent pool").click()
    visit.check("talent-withdraw")
    page.get_by_role("button", name="Withdraw my entry").click()
    expect(page.get_by_text("You have withdrawn from the talent pool.")).to_be_visible()
    assert not TalentEntry.objects.exists()

    visit.sign_in_as(client, secretariat)
    visit.go("/governance/talent-pool/")
    expect(page.get_by_text("0 members found")).to_be_visible()
    visit.check("talent-pool-empty")
