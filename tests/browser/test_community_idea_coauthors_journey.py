"""Idea challenges' small finishes in headless Chromium, with axe-core and the layout check on every page:
a leader supports an idea from the board and the summary's "supports left" follows (out of band); the
author names a co-author (an unknown address is refused) and the co-author is shown on the idea."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from programmes.community import services
from programmes.community.models import IdeaCoAuthor
from tests.browser.titles import expect_title_starting
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import make_challenge

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supports_left_follow_and_the_author_names_a_co_author(visit, client):
    page = visit.page
    challenge = make_challenge(title="Cutting waits for community physiotherapy", supports_per_person=3)
    author = UserFactory(first_name="Ama", last_name="Mensah")
    UserFactory(first_name="Priya", last_name="Shah", email="priya.shah@example.org")
    idea = services.submit_idea(author, challenge, title="Phone triage within two days", body="Call back fast.")

    visit.sign_in_as(client, UserFactory(first_name="Tomas", last_name="Novak"))
    visit.go(f"/communities/challenges/{challenge.pk}/")
    assert page.locator("#supports-left-summary").inner_text() == "you have 3 left"
    page.get_by_role("button", name="Support Phone triage within two days").click()
    page.get_by_role("button", name="Take back support for Phone triage within two days").wait_for()
    page.wait_for_function("document.querySelector('#supports-left-summary').textContent === 'you have 2 left'")
    assert page.locator("#supports-left-summary").get_attribute("aria-live") == "polite"
    visit.check("board-supports-left")

    visit.sign_in_as(client, author)
    visit.go(services.idea_url(idea))
    page.get_by_role("link", name="Name your co-authors").click()
    visit.check("coauthors")
    page.get_by_label("Co-authors' email addresses").fill("nobody@example.org")
    page.get_by_role("button", name="Save co-authors").click()
    expect_title_starting(page, "Error: ")
    visit.check("coauthors-errors")
    page.get_by_label("Co-authors' email addresses").fill("priya.shah@example.org")
    page.get_by_role("button", name="Save co-authors").click()
    expect(page.get_by_text("Your co-authors are saved.")).to_be_visible()
    expect(page.get_by_text("By Ama Mensah and Priya Shah")).to_be_visible()
    visit.check("idea-with-coauthor")
    assert IdeaCoAuthor.objects.filter(idea=idea).count() == 1
