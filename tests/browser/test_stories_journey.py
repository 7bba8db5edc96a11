"""Stories in headless Chromium, with axe-core and the layout check on every page: a leader tells a story,
placing it with the number inputs (kept at 100 by the script) and the clickable triangle; an evaluator sees
it on the ternary plot, switches to the density view and reads the consented stories behind a region."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from evaluation.stories.models import Story
from tests.conftest import make_person
from tests.evaluation.stories.helpers import collection, tell
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_tells_a_story_and_an_evaluator_sees_it_on_the_plot(visit, client):
    found = collection()
    for number in range(4):
        tell(found, title=f"Earlier story {number}", text=f"We met across the borough {number}.", shares=(70, 20, 10))
    page = visit.page

    leader = LeaderProfileFactory().user
    visit.sign_in_as(client, leader)
    visit.go("/evaluation/stories/")
    assert page.get_by_role("heading", level=1).inner_text() == "Your stories of system leadership"
    visit.check("mine-empty")
    page.get_by_role("link", name=found.title).click()
    visit.check("tell")
    page.get_by_label("Give your story a title").fill("The discharge huddle")
    page.get_by_label("Your story", exact=True).fill("Ward and social care met each morning; delays halved.")
    # Keyboard: setting one share rescales the other two so the three still add up to 100.
    relationships = page.get_by_label("Relationships")
    relationships.fill("60")
    relationships.press("Tab")
    values = [int(page.get_by_label(label).input_value()) for label in ("Relationships", "Data", "Freedom")]
    assert values[0] == 60 and sum(values) == 100
    # Pointer: a click near the top corner puts most of the story there.
    picker = page.locator(".academy-triad__picker")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.2})
    values = [int(page.get_by_label(label).input_value()) for label in ("Relationships", "Data", "Freedom")]
    assert values[0] > 60 and sum(values) == 100
    page.get_by_label("Positive", exact=True).check()
    page.get_by_label("Yes, it may be quoted").check()
    page.get_by_role("button", name="Add my story").click()
    expect(page.get_by_text("Your story “The discharge huddle” has been added.")).to_be_visible()
    visit.check("mine-told")
    assert Story.objects.get(author=leader).consent_to_quote is True

    visit.sign_in_as(client, make_person("evaluator"))
    visit.go("/evaluation/stories/collections/")
    visit.check("collections")
    page.get_by_role("link", name=found.title).click()
    plot = page.get_by_role("img", name="What made the difference?")
    expect(plot).to_be_visible()
    assert plot.locator("circle").count() == 5
    visit.check("plot")
    page.get_by_text("Filter the stories").click()
    page.get_by_label("Show the density of stories instead of each story").check()
    page.get_by_role("button", name="Apply filters").click()
    assert page.get_by_role("img", name="What made the difference?").locator("circle").count() == 0
    visit.check("density")
    page.get_by_role("link", name="Mostly “Relationships”").click()
    expect(page.get_by_role("heading", name="The discharge huddle")).to_be_visible()
    visit.check("region")
