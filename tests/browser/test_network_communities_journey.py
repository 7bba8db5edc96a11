"""The clinical networks page in headless Chromium, with axe-core at 1280 and 320 px: the secretariat opens a
network's community, follows the link to it, and a leader reads the page without the actions."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from governance.models import ClinicalNetwork
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.factories.governance import leadership_role, role_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_secretariat_opens_a_networks_community_and_a_leader_reads_the_page(visit, client):
    page = visit.page
    network = ClinicalNetwork.objects.create(name="Cardiac & vascular (journey)")
    lead = UserFactory(first_name="Ifeoma", last_name="Nwachukwu-Baptiste")
    leadership_role(rate=role_type("Journey rate"), holder=lead, clinical_network=network,
                    title="Cardiac network clinical lead")
    secretariat = make_person("governance", first_name="Grace", last_name="Secretariat-Journey")

    visit.sign_in_as(client, secretariat)
    visit.go("/governance/clinical-networks/")
    main = page.locator("main")
    expect(main.get_by_role("heading", name="Clinical networks and their communities", exact=True)).to_be_visible()
    expect(main.get_by_text("Ifeoma Nwachukwu-Baptiste")).to_be_visible()
    visit.check("networks")
    main.get_by_role("link", name="Open a community for Cardiac & vascular (journey)").click()
    expect(main.get_by_role("heading", name="Open a community for Cardiac & vascular (journey)?")).to_be_visible()
    visit.check("open")
    main.get_by_role("button", name="Open the community").click()
    expect(page.get_by_text("Cardiac & vascular (journey) now has a community.")).to_be_visible()
    visit.check("opened")
    main.get_by_role("link", name="Cardiac & vascular (journey)", exact=True).click()
    expect(page.locator("main h1")).to_contain_text("Cardiac & vascular (journey)")
    expect(page.locator("main")).to_contain_text("Ifeoma Nwachukwu-Baptiste")
    visit.check("community")

    visit.sign_in_as(client, make_person("leader", first_name="Sam", last_name="Reader-Journey"))
    visit.go("/governance/clinical-networks/")
    expect(page.locator("main").get_by_role("link", name="Cardiac & vascular (journey)", exact=True)).to_be_visible()
    expect(page.locator("main").get_by_text("Open a community")).to_have_count(0)
    visit.check("leader")
