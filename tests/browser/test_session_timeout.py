"""The idle-timeout warning in a real browser (WCAG 2.2.1), with a 14-second idle limit instead of 30 minutes."""

from __future__ import annotations

import time

import pytest

from tests.conftest import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROLES_PAGE = "/account/roles/"


@pytest.fixture
def short_timeout(settings):
    settings.ACADEMY_STAFF_IDLE_TIMEOUT = 14
    settings.ACADEMY_STAFF_IDLE_WARNING = 7


def test_the_warning_lets_staff_stay_signed_in(visit, client, short_timeout):
    page = visit.page
    visit.sign_in_as(client, make_person("governance"))
    visit.go(ROLES_PAGE)
    loaded = time.monotonic()
    dialog = page.locator("dialog#session-timeout")
    assert not dialog.is_visible()

    dialog.wait_for(state="visible", timeout=12000)
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    assert "we will sign you out in" in dialog.inner_text()
    assert page.locator("[data-timeout-announce]").get_attribute("aria-live") == "assertive"
    visit.check("timeout-warning")

    page.get_by_role("button", name="Stay signed in").click()
    dialog.wait_for(state="hidden", timeout=3000)
    # Past the 14 seconds counted from the page's load: only "Stay signed in" kept the session.
    time.sleep(max(0.0, 15 - (time.monotonic() - loaded)))
    page.reload()
    assert page.url.endswith(ROLES_PAGE)
    assert page.get_by_role("heading", level=1).first.inner_text().strip() != "Sign in"
    assert page.get_by_role("button", name="Sign out").first.is_visible()


def test_typing_is_kept_across_a_forced_sign_in(visit, client, short_timeout):
    page = visit.page
    person = make_person("governance")
    visit.sign_in_as(client, person)
    visit.go(ROLES_PAGE)
    page.get_by_label("Email address of the person").fill("kept.after.sign-in@example.nhs.uk")
    page.locator("dialog#session-timeout").wait_for(state="visible", timeout=12000)

    # Nobody answers: the page goes to sign in when the time is up.
    page.wait_for_url("**/accounts/login/**", timeout=12000)
    assert "next=/account/roles/" in page.url.replace("%2F", "/")
    saved = page.evaluate("Object.keys(sessionStorage).filter((key) => key.startsWith('academy-saved-form:'))")
    assert saved == ["academy-saved-form:/account/roles/"]
    assert "csrfmiddlewaretoken" not in page.evaluate("JSON.stringify(sessionStorage)")

    visit.sign_in_as(client, person)
    visit.go(ROLES_PAGE)
    assert page.get_by_label("Email address of the person").input_value() == "kept.after.sign-in@example.nhs.uk"
    assert "We have put back what you typed" in page.locator("main").inner_text()
    assert page.evaluate("sessionStorage.getItem('academy-saved-form:/account/roles/')") is None
