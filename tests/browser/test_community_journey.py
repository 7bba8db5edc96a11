"""Communities in headless Chromium, with axe-core and the layout check on every page: a leader joins a
network and starts a discussion, a colleague replies and the leader finds the reply in their inbox, then the
network's lead hides a post with a reason and finds it in the moderation log."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from programmes.community.models import Membership, MembershipState, Post
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_join_post_reply_notification_and_moderation(visit, client):
    page = visit.page
    lead = UserFactory(first_name="Grace", last_name="Adeyemi")
    community = make_community(
        name="Allied health professionals network (journey)", slug="ahp-journey", leads=[lead],
        description="For physiotherapists, occupational therapists and the other allied health professions.",
    )
    colleague = add_member(community, UserFactory(first_name="Tomas", last_name="Novak")).person
    leader = make_person("leader", first_name="Ama", last_name="Mensah")

    # A leader finds the network in the directory and joins it.
    visit.sign_in_as(client, leader)
    visit.go("/communities/")
    visit.check("directory")
    page.get_by_role("link", name="Allied health professionals network (journey)").click()
    visit.check("community")
    page.get_by_role("link", name="Join this community").click()
    visit.check("join")
    page.get_by_role("button", name="Join").click()
    expect(page.get_by_text("You have joined")).to_be_visible()
    assert Membership.objects.get(person=leader).state == MembershipState.MEMBER

    # They start a discussion; an empty message is refused with an error summary.
    page.get_by_role("link", name="Start a discussion").click()
    page.get_by_label("Title").fill("Falls prevention in care homes")
    page.get_by_role("button", name="Start discussion").click()
    expect_title_starting(page, "Error: ")
    visit.check("new-discussion-errors")
    page.get_by_label("Your message").fill("Has anyone measured **ambulance call-outs**?\n\n- before\n- after")
    page.get_by_role("button", name="Start discussion").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Falls prevention in care homes"
    assert page.locator("article strong", has_text="ambulance call-outs").count() == 1
    visit.check("discussion")

    # A colleague replies; the leader follows the discussion, so the reply is in their inbox.
    visit.sign_in_as(client, colleague)
    visit.go("/communities/ahp-journey/")
    page.get_by_role("link", name="Falls prevention in care homes").click()
    page.get_by_label("Your reply").fill("Call-outs fell by a fifth in Greenwich. <script>alert(1)</script>")
    page.get_by_role("button", name="Post reply").click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    expect(page.get_by_text("<script>alert(1)</script>")).to_be_visible()  # shown as text, never run
    visit.sign_in_as(client, leader)
    visit.go("/notifications/")
    page.get_by_role("link", name="New reply in “Falls prevention in care homes”").or_(
        page.get_by_role("link", name='New reply in "Falls prevention in care homes"')
    ).first.click()
    assert "Call-outs fell by a fifth" in page.content()

    # The lead hides the reply with a reason; members see that it was hidden, the lead sees it marked.
    reply = Post.objects.get(author=colleague)
    visit.sign_in_as(client, lead)
    visit.go(f"/communities/posts/{reply.pk}/hide/")
    visit.check("hide")
    page.get_by_role("button", name="Hide post").click()
    expect_title_starting(page, "Error: ")
    page.get_by_label("Why are you hiding this post?").fill("Please keep code out of posts.")
    page.get_by_role("button", name="Hide post").click()
    expect(page.get_by_text("The post is hidden.")).to_be_visible()
    visit.check("discussion-as-lead")
    page.get_by_role("link", name="Lock this discussion").click()
    page.get_by_role("button", name="Lock discussion").click()
    visit.go("/communities/ahp-journey/moderation/")
    log = page.locator("table").inner_text()
    assert "Hid a post" in log and "Please keep code out of posts." in log and "Locked a thread" in log
    visit.check("moderation-log")
    visit.sign_in_as(client, leader)
    visit.go("/communities/ahp-journey/")
    page.get_by_role("link", name="Falls prevention in care homes").click()
    expect(page.get_by_text("A community lead hid this post.")).to_be_visible()
    assert "Call-outs fell" not in page.content()
