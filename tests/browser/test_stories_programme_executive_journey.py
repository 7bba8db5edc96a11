"""Stories for a programme admin and the ICS Executive in headless Chromium, with axe-core and the layout
check on every page: the programme admin reads their programme's plot and the consented stories behind a
region (no teller named, no other programme's story); the Executive reads the plot in aggregate (shaded
density, region counts, no links to stories)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from programmes.core.models import Programme
from tests.conftest import make_person
from tests.evaluation.stories.helpers import collection, tell
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_programme_admin_reads_their_stories_and_the_executive_the_aggregate(visit, client):
    ours = Programme.objects.get(slug="curriculum")
    theirs = Programme.objects.exclude(pk=ours.pk).order_by("pk").first()
    found = collection()
    for number in range(5):
        profile = LeaderProfileFactory(user=UserFactory(first_name="Teller", last_name=f"Qzxname{number}"))
        tell(found, title=f"Our huddle {number}", text=f"Ward and social care met each morning ({number}).",
             shares=(70, 20, 10), programme=ours, profile=profile)
    for number in range(5):
        tell(found, title=f"Their story {number}", text="Another programme's story.", shares=(70, 20, 10),
             programme=theirs)
    page = visit.page

    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go("/evaluation/stories/collections/")
    visit.check("programme-admin-collections")
    page.get_by_role("link", name=found.title).click()
    # Wait for the next page (a click does not wait for it), then read it.
    expect(page.get_by_text(f"5 stories told during {ours.name}")).to_be_visible()
    assert page.get_by_role("img", name="What made the difference?").locator("circle").count() == 5
    assert page.get_by_role("link", name="Download these stories (CSV)").count() == 0
    visit.check("programme-admin-plot")
    page.get_by_role("link", name="Mostly “Relationships”").click()
    expect(page.get_by_role("heading", name="Our huddle 4")).to_be_visible()
    assert page.get_by_text("Their story").count() == 0 and page.get_by_text("Qzxname").count() == 0
    visit.check("programme-admin-region")

    visit.sign_in_as(client, make_person("executive"))
    visit.go("/evaluation/stories/collections/")
    visit.check("executive-collections")
    page.get_by_role("link", name=found.title).click()
    expect(page.get_by_text("10 stories in this collection")).to_be_visible()
    plot = page.get_by_role("img", name="What made the difference?")
    assert plot.locator("circle").count() == 0
    assert page.get_by_role("link", name="Mostly “Relationships”").count() == 0
    assert page.get_by_text("Our huddle").count() == 0
    visit.check("executive-plot")
