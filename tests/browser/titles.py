"""Page titles after a click: Playwright's click returns once a navigation has committed, when the new
document may not have parsed its <title> yet (page.title() is then ""). expect() retries until it matches."""

from __future__ import annotations

import re

from playwright.sync_api import expect


def expect_title_starting(page, text: str) -> None:
    expect(page).to_have_title(re.compile("^" + re.escape(text)))


def expect_title_containing(page, text: str) -> None:
    expect(page).to_have_title(re.compile(re.escape(text)))
