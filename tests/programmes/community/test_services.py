"""The communities' services: membership through the workflow, discussions, mentions, follows, moderation."""

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied, ValidationError

from academy import workflow
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.community import reference, selectors, services
from programmes.community.models import (
    Community,
    Membership,
    MembershipState,
    ModerationAction,
    ModerationKind,
    PostRevision,
    ThreadFollow,
)
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_queueing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        yield


def test_the_professional_networks_are_seeded():
    reference.load(django_apps)  # what migration 0002 runs (a transactional test's flush may have emptied it)
    reference.load(django_apps)  # and again: nothing doubles
    assert Community.objects.filter(kind="professional").count() >= 6
    names = set(Community.objects.values_list("slug", flat=True))
    assert {"allied-health-professionals", "community-pharmacy", "dentistry", "optometry",
            "nursing-and-midwifery", "social-work"} <= names


def test_joining_an_open_community_makes_a_member_and_logs_it():
    community = make_community()
    person = UserFactory(first_name="Sam", last_name="Okafor")
    membership = services.join(person, community)
    assert membership.state == MembershipState.MEMBER
    assert membership.handle == "sam-okafor"
    assert membership.transitions.last().to_state == MembershipState.MEMBER
    with pytest.raises(ValidationError, match="already a member"):
        services.join(person, community)


def test_handles_are_unique_within_a_community():
    community = make_community()
    first = services.join(UserFactory(first_name="Sam", last_name="Okafor"), community)
    second = services.join(UserFactory(first_name="Sam", last_name="Okafor"), community)
    assert (first.handle, second.handle) == ("sam-okafor", "sam-okafor-2")


def test_leaving_and_joining_again():
    community = make_community()
    person = UserFactory()
    services.join(person, community)
    thread = make_thread(community)
    services.follow(person, thread)
    services.leave(person, community)
    assert Membership.objects.get(person=person).state == MembershipState.LEFT
    assert not ThreadFollow.objects.filter(person=person).exists()
    assert services.join(person, community).state == MembershipState.MEMBER
    with pytest.raises(TypeError):
        services.leave(None, community)


def test_a_closed_community_asks_its_leads_and_they_decide():
    lead = UserFactory()
    community = make_community(closed=True, leads=[lead])
    person = UserFactory()
    membership = services.join(person, community)
    assert membership.state == MembershipState.REQUESTED
    assert Notification.objects.filter(template="community_join_request", recipient=lead).count() == 1
    with pytest.raises(PermissionDenied):
        services.decide_request(UserFactory(is_superuser=True), membership, approve=True)
    services.decide_request(lead, membership, approve=True)
    membership.refresh_from_db()
    assert membership.state == MembershipState.MEMBER
    assert Notification.objects.get(template="community_request_decided", recipient=person).context["approved"]
    with pytest.raises(ValidationError):
        services.decide_request(lead, membership, approve=False)


def test_a_declined_request_can_be_made_again():
    lead = UserFactory()
    community = make_community(closed=True, leads=[lead])
    person = UserFactory()
    services.decide_request(lead, services.join(person, community), approve=False)
    assert Membership.objects.get(person=person).state == MembershipState.DECLINED
    assert services.join(person, community).state == MembershipState.REQUESTED
    assert Notification.objects.filter(template="community_join_request", recipient=lead).count() == 2


def test_only_members_start_discussions_and_the_author_follows():
    community = make_community()
    outsider = UserFactory(is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.start_thread(outsider, community, title="Hello", body="Hi")
    member = add_member(community).person
    thread = services.start_thread(member, community, title="  Falls in care homes ", body="What works?")
    assert thread.title == "Falls in care homes"
    assert thread.posts.get().body == "What works?"
    assert ThreadFollow.objects.filter(thread=thread, person=member).exists()


@pytest.mark.parametrize(("title", "body", "field"), [("", "Body", "title"), ("T", "   ", "body"),
                                                      ("x" * 201, "Body", "title"), ("T", "x" * 20_001, "body")])
def test_bad_input_is_refused_and_nothing_saved(title, body, field):
    community = make_community()
    member = add_member(community).person
    with pytest.raises(ValidationError) as refused:
        services.start_thread(member, community, title=title, body=body)
    assert field in refused.value.message_dict
    assert not community.threads.exists()


def test_a_reply_tells_followers_and_mentions_tell_members_once():
    community = make_community()
    author = add_member(community, UserFactory(first_name="Ade", last_name="Bello")).person
    follower = add_member(community).person
    mentioned = services.join(UserFactory(first_name="Priya", last_name="Shah"), community)
    picked = add_member(community).person
    outsider = UserFactory()
    thread = services.start_thread(author, community, title="Pharmacy first", body="Opening post")
    services.follow(follower, thread)
    services.follow(mentioned.person, thread)
    replier = add_member(community).person
    post = services.reply(replier, thread, body=f"Thanks @{mentioned.handle} and @nobody-here", mention=[picked.pk])
    replies = set(Notification.objects.filter(template="community_reply").values_list("recipient", flat=True))
    mentions = set(Notification.objects.filter(template="community_mention").values_list("recipient", flat=True))
    assert replies == {author.pk, follower.pk}
    assert mentions == {mentioned.person_id, picked.pk}
    assert outsider.pk not in replies | mentions
    note = Notification.objects.get(template="community_reply", recipient=author)
    assert note.link == services.post_url(post)
    assert ThreadFollow.objects.filter(thread=thread, person=replier).exists()


def test_a_closed_communitys_follower_who_left_is_not_told():
    lead = UserFactory()
    community = make_community(closed=True, leads=[lead])
    member = add_member(community).person
    thread = services.start_thread(lead, community, title="Closed talk", body="Members only")
    ThreadFollow.objects.create(thread=thread, person=member)
    services.leave(member, community)
    ThreadFollow.objects.create(thread=thread, person=member)  # a stale follow must not leak the text
    services.reply(lead, thread, body="Secret")
    assert not Notification.objects.filter(template="community_reply", recipient=member).exists()


def test_the_reply_email_is_plain_text_not_escaped():
    community = make_community(name='Falls & "frailty"')
    author = add_member(community).person
    thread = services.start_thread(author, community, title="A & B", body="first")
    replier = add_member(community).person
    services.reply(replier, thread, body="<b>bold</b> & more")
    note = Notification.objects.get(template="community_reply", recipient=author)
    _, text, html = render_email(note.template, note.context)
    assert '"A & B"' in text and "<b>bold</b> & more" in text and "&amp;" not in text
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; more" in html


def test_a_locked_thread_takes_no_replies_and_moderation_is_logged():
    lead = UserFactory()
    community = make_community(leads=[lead])
    member = add_member(community).person
    thread = services.start_thread(member, community, title="T", body="B")
    with pytest.raises(PermissionDenied):
        services.set_locked(member, thread, locked=True)
    services.set_locked(lead, thread, locked=True)
    with pytest.raises(ValidationError, match="locked"):
        services.reply(member, thread, body="more")
    with pytest.raises(ValidationError, match="already locked"):
        services.set_locked(lead, thread, locked=True)
    services.set_locked(lead, thread, locked=False)
    assert list(ModerationAction.objects.values_list("kind", flat=True).order_by("pk")) == [
        ModerationKind.LOCK, ModerationKind.UNLOCK,
    ]


def test_hiding_needs_a_reason_and_a_lead():
    lead = UserFactory()
    community = make_community(leads=[lead])
    member = add_member(community).person
    post = services.start_thread(member, community, title="T", body="B").posts.get()
    with pytest.raises(PermissionDenied):
        services.hide_post(member, post, reason="no")
    with pytest.raises(PermissionDenied):  # superusers are not leads
        services.hide_post(UserFactory(is_superuser=True), post, reason="no")
    with pytest.raises(ValidationError):
        services.hide_post(lead, post, reason="  ")
    services.hide_post(lead, post, reason="Names a patient")
    post.refresh_from_db()
    assert post.hidden and post.hidden_by == lead and post.body == "B"
    services.unhide_post(lead, post)
    post.refresh_from_db()
    assert not post.hidden
    log = ModerationAction.objects.order_by("pk")
    assert [(a.kind, a.reason) for a in log] == [(ModerationKind.HIDE, "Names a patient"), (ModerationKind.UNHIDE, "")]


def test_editing_keeps_the_history_and_only_the_author_edits():
    community = make_community()
    member = add_member(community).person
    post = services.start_thread(member, community, title="T", body="First text").posts.get()
    with pytest.raises(PermissionDenied):
        services.edit_post(add_member(community).person, post, body="Mine now")
    services.edit_post(member, post, body="Second text")
    services.edit_post(member, post, body="Third text")
    post.refresh_from_db()
    assert post.body == "Third text" and post.edited_at is not None
    assert list(PostRevision.objects.filter(post=post).values_list("body", flat=True)) == ["First text", "Second text"]


def test_reporting_tells_the_leads_once():
    lead = UserFactory()
    community = make_community(leads=[lead])
    post = make_thread(community).posts.get()
    reader = UserFactory()
    services.report_post(reader, post, reason="Rude")
    with pytest.raises(ValidationError, match="already reported"):
        services.report_post(reader, post, reason="Rude again")
    assert Notification.objects.filter(template="community_post_reported", recipient=lead).count() == 1


def test_nobody_outside_a_closed_community_can_report_or_follow():
    community = make_community(closed=True)
    thread = make_thread(community)
    superuser = UserFactory(is_superuser=True)
    with pytest.raises(PermissionDenied):
        services.report_post(superuser, thread.posts.get(), reason="x")
    with pytest.raises(PermissionDenied):
        services.follow(superuser, thread)


def test_comembership_ties_pair_current_members():
    first, second = make_community(), make_community()
    a, b, c = UserFactory(), UserFactory(), UserFactory()
    for person in (a, b, c):
        add_member(first, person)
    add_member(second, a)
    add_member(second, b, state=MembershipState.LEFT)
    ties = selectors.community_comembership_ties()
    mine = [tie for tie in ties if tie[2] in {first.pk, second.pk}]
    assert sorted(mine) == sorted([
        (min(a.pk, b.pk), max(a.pk, b.pk), first.pk),
        (min(a.pk, c.pk), max(a.pk, c.pk), first.pk),
        (min(b.pk, c.pk), max(b.pk, c.pk), first.pk),
    ])


def test_a_membership_state_changes_only_through_the_workflow():
    membership = add_member(make_community())
    membership.state = MembershipState.LEFT
    with pytest.raises(workflow.StateProtected):
        membership.save()
