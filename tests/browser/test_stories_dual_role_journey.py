"""Stories for a programme admin who is also the ICS Executive, in headless Chromium, with axe-core and the
layout check at 1280 and 320 px on every page: the collections page says they see both; a collection's page
shows their programme's plot with a dot a story and region links, and below it every programme's plot in
aggregate (shaded density, no dots, no links); a region lists their programme's stories only, no teller named."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.evaluation.stories.helpers import collection, tell
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_programme_admin_who_is_also_the_executive_sees_their_stories_and_the_aggregate(visit, client):
    ours = Programme.objects.get(slug="curriculum")
    theirs = Programme.objects.exclude(pk=ours.pk).order_by("pk").first()
    found = collection()
    for number in range(5):
        profile = LeaderProfileFactory(user=UserFactory(first_name="Teller", last_name=f"Wqdual{number}"))
        tell(found, title=f"Dual huddle {number}", text=f"Pharmacy and the ward met each week ({number}).",
             shares=(70, 20, 10), programme=ours, profile=profile)
    for number in range(5):
        tell(found, title=f"Elsewhere story {number}", text="Another programme's story.", shares=(70, 20, 10),
             programme=theirs)
    person = make_person("programme_admin")
    grant_role(None, person, Role.EXECUTIVE)
    page = visit.page
    main = page.locator("main")

    visit.sign_in_as(client, person)
    visit.go("/evaluation/stories/collections/")
    expect(main).to_contain_text("As the ICS Executive, you also see every programme's stories in aggregate")
    visit.check("dual-role-collections")

    main.get_by_role("link", name=found.title).click()
    expect(main.get_by_role("heading", name=f"As a programme admin: {ours.name}")).to_be_visible()
    expect(main.get_by_role("heading", name="As the ICS Executive: every programme, in aggregate")).to_be_visible()
    expect(main).to_contain_text("10 stories across every programme")
    # Their programme's five stories are dots; every programme's plot is shading only, with no dots.
    assert main.locator("svg circle").count() == 5
    # Region links lead to stories only in their own programme's section.
    assert main.get_by_role("link", name="Mostly “Relationships”").count() == 1
    assert main.get_by_text("Elsewhere story").count() == 0
    visit.check("dual-role-plot")

    main.get_by_role("link", name="Mostly “Relationships”").click()
    expect(main.get_by_role("heading", name="Dual huddle 4")).to_be_visible()
    assert main.get_by_text("Elsewhere story").count() == 0 and main.get_by_text("Wqdual").count() == 0
    visit.check("dual-role-region")
