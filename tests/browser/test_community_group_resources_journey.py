"""A task-and-finish group's resources and the ideas board's filters in headless Chromium, with axe-core and the
layout check on every page: a group member adds a link to the group (a non-https link is refused first) and
sees it on the group's page; a leader filters a challenge's ideas by official answer, priority function and
words, then changes the order with the filters kept."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.directory.models import PriorityFunction
from programmes.community.models import Idea, IdeaAnswer, Resource
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_challenge, make_community, make_task_group

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_adds_a_link_to_the_group(visit, client):
    page = visit.page
    lead = UserFactory(first_name="Grace", last_name="Adeyemi")
    community = make_community(leads=[lead], name="South east London AHP leads", slug="sel-ahp-leads")
    member = add_member(community, UserFactory(first_name="Priya", last_name="Shah")).person
    group = make_task_group(community, members=[member], name="Common AHP lead role description")

    visit.sign_in_as(client, member)
    visit.go(f"/communities/{community.slug}/groups/{group.pk}/")
    main = page.locator("main")
    expect(main.get_by_text("No files or links yet.")).to_be_visible()
    visit.check("group-no-resources")
    main.get_by_role("link", name="Add a file or link to the group").click()
    page.get_by_label("A link").check()
    page.get_by_role("textbox", name="Title").fill("HCPC standards of proficiency")
    page.get_by_role("textbox", name="Link").fill("http://www.hcpc-uk.org/standards/")
    page.get_by_role("button", name="Add resource").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a link that starts with https://")
    visit.check("group-resource-errors")
    page.get_by_role("textbox", name="Link").fill("https://www.hcpc-uk.org/standards/")
    page.get_by_label("Themes").fill("Standards, <b>workforce</b>")
    page.get_by_role("button", name="Add resource").click()
    expect(page.get_by_text("is in the group's resources.")).to_be_visible()
    expect(main.get_by_role("link", name="HCPC standards of proficiency", exact=True)).to_be_visible()
    expect(main.get_by_text("For the group only.")).to_be_visible()
    visit.check("group-with-resource")
    assert Resource.objects.get().task_group == group


def test_a_leader_filters_the_ideas_board(visit, client):
    page = visit.page
    first, second = PriorityFunction.objects.order_by("number")[:2]
    challenge = make_challenge(title="Cutting waits for community physiotherapy")
    challenge.priority_functions.set([first, second])
    author = UserFactory(first_name="Ama", last_name="Mensah")
    for title, answer, function, supports in [
        ("Phone triage within two days", "", first, 2),
        ("Triage by text message", IdeaAnswer.MERGED, first, 0),
        ("Weekend physiotherapy clinics", "", second, 5),
        ("Self-referral triage online", "", first, 7),
    ]:
        idea = Idea.objects.create(challenge=challenge, author=author, title=title, body="Details to follow.",
                                   answer=answer, support_count=supports)
        idea.priority_functions.set([function])

    visit.sign_in_as(client, UserFactory(first_name="Tomas", last_name="Novak"))
    visit.go(f"/communities/challenges/{challenge.pk}/")
    main = page.locator("main")
    main.get_by_text("Filter ideas").click()
    main.get_by_label("Official answer").select_option("unanswered")
    main.get_by_label("Priority function").select_option(str(first.pk))
    main.get_by_label("Words in the idea").fill("triage")
    main.get_by_role("button", name="Apply filters").click()
    expect(main.get_by_text("2 ideas match your filters.")).to_be_visible()
    expect(main.get_by_role("link", name="Phone triage within two days")).to_be_visible()
    expect(main.get_by_role("link", name="Self-referral triage online")).to_be_visible()
    expect(main.get_by_role("link", name="Triage by text message")).to_have_count(0)
    expect(main.get_by_role("link", name="Weekend physiotherapy clinics")).to_have_count(0)
    visit.check("ideas-filtered")
    main.get_by_role("link", name="most supported").click()
    expect(main.get_by_text("2 ideas match your filters.")).to_be_visible()
    expect(main.locator(".nhsuk-card__heading").first).to_contain_text("Self-referral triage online")
    visit.check("ideas-filtered-supported")
