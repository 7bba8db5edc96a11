"""API tokens in headless Chromium, with axe-core on every page: a person makes a token from their
account, sees it once, uses it, and revokes it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from api import services
from api.models import ApiToken
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_person_makes_a_token_sees_it_once_and_revokes_it(visit, client):
    page = visit.page
    person = make_person("executive")
    visit.sign_in_as(client, person)
    visit.go("/accounts/2fa/")
    page.get_by_role("link", name="Manage API tokens").click()
    assert page.get_by_role("heading", level=1).inner_text() == "API tokens"
    expect(page.get_by_text("You have no API tokens.")).to_be_visible()
    visit.check("api-tokens")

    # A mistake first: no name, and a date too far away.
    page.get_by_label("Name").fill("")
    fill_date(page, "Stops working after", timezone.localdate() + timedelta(days=500))
    page.get_by_role("button", name="Make the token").click()
    expect_title_starting(page, "Error: ")
    expect(page.get_by_role("link", name="Enter a name for the token")).to_be_visible()
    visit.check("api-tokens-error")

    page.get_by_label("Name").fill("Board report spreadsheet")
    page.get_by_label("Investment dashboard figures by quarter").check()
    fill_date(page, "Stops working after", timezone.localdate() + timedelta(days=90))
    page.get_by_role("button", name="Make the token").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your new API token: Board report spreadsheet"
    plaintext = page.get_by_label("Token").input_value()
    assert plaintext.startswith("sela_")
    assert services.authenticate(plaintext).user == person
    visit.check("api-token-created")

    # Back on the list the token is named by its first characters only.
    page.get_by_role("link", name="Back to your API tokens").click()
    token = ApiToken.objects.get(user=person)
    table = page.locator("table").inner_text()
    assert f"sela_{token.prefix}" in table and plaintext not in page.content()
    assert "Investment dashboard" in table

    page.get_by_role("link", name="Revoke Board report spreadsheet").click()
    visit.check("api-token-revoke")
    page.get_by_role("button", name="Revoke the token").click()
    assert "has been revoked" in page.locator(".nhsuk-main-wrapper").inner_text()
    assert "Revoked" in page.locator("table").inner_text()
    assert services.authenticate(plaintext) is None


def test_the_api_reference_works_under_the_portal_s_csp(visit):
    page = visit.page
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    visit.go("/api/v1/docs/")
    page.get_by_text("SEL Systems Leadership Academy API").first.wait_for()
    page.get_by_text("/api/v1/programmes/").first.wait_for()
    assert not [e for e in errors if "Content Security Policy" in e], errors
