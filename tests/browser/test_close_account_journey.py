"""Close my account in headless Chromium, with axe-core on every page: a leader reads what will happen, gives
their password again, and is signed out for good."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import User
from tests.factories.accounts import TEST_PASSWORD
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_closes_their_account(visit, client):
    page = visit.page
    user = LeaderProfileFactory().user
    EqualityMonitoringFactory(user=user)

    visit.sign_in_as(client, user)
    visit.go("/accounts/2fa/")
    page.get_by_role("link", name="Find out what closing your account does").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Close my account"
    expect(page.get_by_role("heading", name="What we keep, without your name, and why")).to_be_visible()
    visit.check("close-account")

    # Closing asks for the password again first (allauth's reauthentication), then the page answers.
    page.get_by_role("button", name="Close my account").click()
    assert "/accounts/reauthenticate/" in page.url
    visit.check("close-account-reauthenticate")
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Close my account"
    page.wait_for_load_state()  # the click waited for the new page to commit, not to load
    if page.title().startswith("Error: "):  # the press that asked for the password had no tick
        visit.check("close-account-error")
    assert User.objects.get(pk=user.pk).is_active

    page.get_by_label("I understand that closing my account cannot be undone").check()
    page.get_by_role("button", name="Close my account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Your account is closed"
    visit.check("account-closed")

    closed = User.objects.get(pk=user.pk)
    assert str(closed) == f"Former participant {user.pk}" and not closed.is_active
    assert not hasattr(closed, "equality") or closed.equality is None
