"""Browser tests: Playwright's Python package driving Debian's Chromium, with an axe-core check.

Without /usr/bin/chromium these tests are skipped with a message, unless REQUIRE_BROWSER_TESTS is set
(as .ci/run does), in which case they fail.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Locator, expect

from tests.browser.layout import DESKTOP, layout_problems

CHROMIUM = os.environ.get("ACADEMY_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

# The live server runs in a thread of this process; Playwright's sync API needs this for Django's ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Journeys check what a page says with `expect`, which waits for it. CI's machine is loaded, so give the next
# page as long as every other step gets (the page timeout below) rather than Playwright's 5 seconds.
expect.set_options(timeout=15000)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"No Chromium at {CHROMIUM}: install Debian's 'chromium' package to run the browser tests."
        if os.environ.get("REQUIRE_BROWSER_TESTS"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


class Visit:
    """A browser tab on the live server that checks every page it is asked to with axe-core."""

    def __init__(self, page, live_server, request):
        self.page = page
        self.base = live_server.url
        self.name = request.node.name
        self.console_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        self.axe = Axe()
        self.checked = 0

    def _on_console(self, message) -> None:
        # A form with errors answers 400 on purpose; Chromium reports that status as a console error.
        if message.type == "error" and "status of 400" not in message.text:
            self.console_errors.append(message.text)

    def url(self, path: str) -> str:
        return self.base + path

    def go(self, path: str):
        response = self.page.goto(self.url(path))
        assert response is not None
        return response

    def check(self, label: str) -> None:
        """Screenshot the page (1280 and 320 px wide) and fail on any axe WCAG 2.2 A/AA violation, console (CSP)
        error, table that falls apart, or sideways scrolling at 320 px (tests/browser/layout.py)."""
        # A click returns once the new page has committed; check it once it has loaded.
        self.page.wait_for_load_state()
        ARTIFACTS.mkdir(exist_ok=True)
        self.checked += 1
        stem = str(ARTIFACTS / f"{self.name}-{self.checked:02d}-{label}")
        self.page.screenshot(path=f"{stem}.png", full_page=True)
        results = self.axe.run(self.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        violations = results.response["violations"]
        assert not violations, f"axe found problems on {label} ({self.page.url}):\n" + results.generate_report()
        problems = layout_problems(self.page, label, screenshot_320=f"{stem}-320.png")
        assert not problems, "layout problems:\n" + "\n".join(problems)
        assert not self.console_errors, f"console errors on {label}: {self.console_errors}"

    def sign_in_as(self, client, user) -> None:
        """Switch the browser to ``user``: drop whoever was signed in, sign in with Django's test client and hand
        the session cookie to the browser."""
        self.page.context.clear_cookies()
        client.force_login(user)
        cookie = client.cookies["sessionid"]
        self.page.context.add_cookies(
            [{"name": "sessionid", "value": cookie.value, "url": self.base}]
        )


def _click_and_let_it_load(click):
    """Playwright's click returns once a navigation it started has committed, before the new document has
    parsed, so a read straight after it (``count()``, ``inner_text()``) can see a page with nothing in it yet.
    A journey reads what the click led to, so each click waits for the page's load event: at once when the
    click did not navigate, and otherwise until the new page has loaded."""

    def click_then_wait(self, *args, **kwargs):
        click(self, *args, **kwargs)
        self.page.wait_for_load_state()

    return click_then_wait


@pytest.fixture
def visit(browser, live_server, request, monkeypatch):
    monkeypatch.setattr(Locator, "click", _click_and_let_it_load(Locator.click))
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        yield Visit(page, live_server, request)
    finally:
        context.close()
