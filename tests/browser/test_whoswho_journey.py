"""The who's who of C&CP leadership in headless Chromium, with axe-core on every page: a leader finds the network
lead for a function from the navigation, and a post holder publishes a contact address and their name."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.directory.models import Profession
from governance.models import ClinicalNetwork, WhosWhoEntry
from governance.whoswho import services
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.governance import leadership_role, role_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _holder(first: str, last: str, profession: str = "medicine"):
    return LeaderProfileFactory(
        user=UserFactory(first_name=first, last_name=last),
        profession=Profession.objects.get(slug=profession),
        organisation=OrganisationFactory(name="King's College Hospital NHS Foundation Trust"),
    ).user


def test_a_leader_finds_the_network_lead_and_a_holder_publishes_their_entry(visit, client):
    page = visit.page
    rate = role_type()
    diabetes = ClinicalNetwork.objects.get_or_create(name="Diabetes")[0]
    renal = ClinicalNetwork.objects.get_or_create(name="Renal")[0]
    lead = _holder("Priya", "Raman")
    services.save_own_entry(lead, lead, "diabetes.network@example.nhs.uk", False)
    leadership_role(rate, title="Diabetes clinical network lead", function=10, clinical_network=diabetes, holder=lead)
    leadership_role(
        rate, title="Renal clinical network lead", function=10, clinical_network=renal, holder=_holder("Tomas", "Novak")
    )
    holder = _holder("Hana", "Okafor", profession="nursing")
    leadership_role(rate, title="Workforce resilience lead, ICS", function=4, holder=holder)

    # A leader looks for the care standards lead of the diabetes network.
    visit.sign_in_as(client, make_person("leader"))
    visit.go("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Who's who").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Who's who")
    visit.check("whoswho")
    page.get_by_label("Priority function").select_option(label="Care standards")
    page.get_by_label("Where they lead").select_option(label="Diabetes")
    page.get_by_role("button", name="Search").click()
    assert "function=10" in page.url and f"where=network%3A{diabetes.pk}" in page.url
    expect(page.get_by_text("1 post holder found", exact=True)).to_be_visible()
    results = page.locator("table")
    assert "Priya Raman" in results.inner_text() and "Renal" not in results.inner_text()
    expect(page.get_by_role("link", name="diabetes.network@example.nhs.uk")).to_be_visible()
    visit.check("whoswho-network-lead")
    page.get_by_role("link", name="Priya Raman in the leaders directory").click()
    assert "Priya Raman" in page.get_by_role("heading", level=1).inner_text()

    # A post holder publishes an address to contact them at, and their name on the public page.
    visit.sign_in_as(client, holder)
    visit.go("/governance/who-is-who/")
    page.get_by_role("link", name="Choose what your own entry publishes").click()
    expect(page.get_by_text("Workforce resilience lead, ICS")).to_be_visible()
    visit.check("own-entry")
    page.get_by_label("Email address to publish").fill("hana at example")
    page.get_by_role("button", name="Save your entry").click()
    expect_title_starting(page, "Error: ")
    visit.check("own-entry-errors")
    page.get_by_label("Email address to publish").fill("workforce.lead@example.nhs.uk")
    page.get_by_label("Show my name on the public who's who").check()
    page.get_by_role("button", name="Save your entry").click()
    expect(page.get_by_text("Your who's who entry has been saved.")).to_be_visible()
    entry = WhosWhoEntry.objects.get(user=holder)
    assert (entry.contact_email, entry.public_consent) == ("workforce.lead@example.nhs.uk", True)

    # Anyone sees the name on the public page, and not the names of those who did not agree.
    page.context.clear_cookies()
    visit.go("/governance/who-is-who/public/?where=ics")
    table = page.locator("table").inner_text()
    assert "Hana Okafor" in table and "Priya Raman" not in table and "Post holder not published" in table
    assert "workforce.lead@example.nhs.uk" not in page.content()
    visit.check("public")
