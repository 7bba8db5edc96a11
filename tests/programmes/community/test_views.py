"""The communities' pages for members, leads and outsiders; stored XSS; query budgets."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from academy.notifications.models import Notification
from academy.ui.markdown import render
from programmes.community import services
from programmes.community.models import Membership, MembershipState, Post, Thread
from tests.conftest import make_person
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread

pytestmark = pytest.mark.django_db


class Tags(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def assert_nothing_runs(html: str) -> None:
    parsed = Tags(html)
    assert not any("alert" in script or "steal" in script for script in parsed.scripts)
    for tag, attrs in parsed.tags:
        assert tag not in {"img", "iframe", "object", "embed"}, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith(("javascript:", "data:")), (tag, attrs)
        assert attrs.get("href") != "https://evil.example"

HOSTILE = (
    '<script>alert("x")</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) '
    '<a href="https://evil.example" onclick="steal()">x</a> =HYPERLINK("http://evil.example") '
    '[ok](https://www.nhs.uk "t\\" onmouseover=\\"alert(1)")'
)


def test_the_renderer_keeps_formatting_and_drops_everything_else():
    html = render("**bold** *it*\n\n- one\n- two\n\n[NHS](https://www.nhs.uk)\n\n# Heading\n\n" + HOSTILE)
    assert "<strong>bold</strong>" in html and "<em>it</em>" in html and "<li>one</li>" in html
    assert '<a href="https://www.nhs.uk" rel="nofollow noopener noreferrer">NHS</a>' in html
    assert "<h3>Heading</h3>" in html and "<h1>" not in html
    assert_nothing_runs(html)
    assert not any(tag in {"script", "img"} for tag, _ in Tags(html).tags)
    assert "&lt;script&gt;" in html


def test_a_hostile_post_is_stored_as_typed_and_shown_sanitised(client):
    community = make_community()
    member = add_member(community).person
    thread = services.start_thread(member, community, title='<script>alert("t")</script>', body=HOSTILE)
    assert thread.posts.get().body == HOSTILE
    client.force_login(member)
    page = client.get(services.thread_url(thread)).content.decode()
    assert_nothing_runs(page)
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt;" in page
    listing = client.get(reverse("community:community", args=[community.slug])).content.decode()
    assert_nothing_runs(listing)


def test_a_member_joins_posts_and_replies_through_the_pages(client, django_capture_on_commit_callbacks):
    community = make_community()
    author = add_member(community).person
    thread = services.start_thread(author, community, title="Discharge to assess", body="How do you do it?")
    person = make_person("leader")
    client.force_login(person)
    assert client.post(reverse("community:join", args=[community.slug])).status_code == 302
    assert Membership.objects.get(person=person).state == MembershipState.MEMBER
    page = client.get(services.thread_url(thread))
    assert b"Post reply" in page.content
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(services.thread_url(thread), {"body": "We use a single referral form."})
    assert response.status_code == 302
    assert Notification.objects.filter(template="community_reply", recipient=author).exists()
    assert client.post(services.thread_url(thread), {"body": "  "}).status_code == 400
    new = client.post(reverse("community:thread_new", args=[community.slug]), {"title": "Ideas", "body": "**Go**"})
    assert new.status_code == 302
    assert community.threads.count() == 2


def test_joining_a_closed_community_and_a_lead_approving(client, django_capture_on_commit_callbacks):
    lead = UserFactory()
    community = make_community(closed=True, leads=[lead])
    thread = make_thread(community, author=lead)
    person = make_person("leader")
    client.force_login(person)
    assert client.get(services.thread_url(thread)).status_code == 404
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("community:join", args=[community.slug]))
    membership = Membership.objects.get(person=person)
    assert membership.state == MembershipState.REQUESTED
    assert client.get(services.thread_url(thread)).status_code == 404
    client.force_login(lead)
    assert person.get_full_name().encode() in client.get(reverse("community:requests", args=[community.slug])).content
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("community:request_decide", args=[community.slug, membership.pk]), {"decision": "approve"})
    client.force_login(person)
    assert client.get(services.thread_url(thread)).status_code == 200


def test_a_closed_community_is_not_found_for_a_superuser_until_they_join(client):
    community = make_community(closed=True)
    thread = make_thread(community)
    superuser = make_person("superuser")
    client.force_login(superuser)
    assert client.get(services.thread_url(thread)).status_code == 404
    page = client.get(reverse("community:community", args=[community.slug]))
    assert page.status_code == 200 and b"Only members read" in page.content
    add_member(community, superuser)
    assert client.get(services.thread_url(thread)).status_code == 200


def test_leads_see_hidden_posts_marked_and_members_do_not(client):
    lead = UserFactory()
    community = make_community(leads=[lead])
    member = add_member(community).person
    thread = services.start_thread(member, community, title="T", body="Mrs Example in bed 4 said")
    services.hide_post(lead, thread.posts.get(), reason="Names a patient")
    reader = add_member(community).person
    client.force_login(reader)
    page = client.get(services.thread_url(thread)).content.decode()
    assert "A community lead hid this post" in page and "Mrs Example" not in page and "Names a patient" not in page
    client.force_login(lead)
    page = client.get(services.thread_url(thread)).content.decode()
    assert "Hidden" in page and "Mrs Example" in page and "Names a patient" in page
    log = client.get(reverse("community:moderation_log", args=[community.slug])).content.decode()
    assert "Hid a post" in log and "Names a patient" in log


def test_reports_wait_on_the_moderation_log_until_the_post_is_hidden(client, django_capture_on_commit_callbacks):
    lead = UserFactory()
    community = make_community(leads=[lead])
    post = make_thread(community, title="Winter plans").posts.get()
    with django_capture_on_commit_callbacks(execute=False):
        services.report_post(UserFactory(first_name="Rae", last_name="Cole"), post, reason="<b>Off topic</b>")
    client.force_login(lead)
    url = reverse("community:moderation_log", args=[community.slug])
    page = client.get(url).content.decode()
    assert "Rae Cole" in page and "&lt;b&gt;Off topic&lt;/b&gt;" in page and "Winter plans" in page
    services.hide_post(lead, post, reason="Off topic")
    assert "No reported post is waiting" in client.get(url).content.decode()


def test_lead_pages_through_the_pages(client):
    lead = UserFactory()
    community = make_community(leads=[lead])
    member = add_member(community).person
    thread = services.start_thread(member, community, title="T", body="B")
    post = thread.posts.get()
    client.force_login(lead)
    for url in (reverse("community:post_hide", args=[post.pk]), reverse("community:thread_lock",
                                                                        args=[community.slug, thread.pk])):
        assert client.get(url).status_code == 200
    response = client.post(reverse("community:post_hide", args=[post.pk]), {"reason": ""})
    assert response.status_code == 400 and not Post.objects.get(pk=post.pk).hidden
    client.post(reverse("community:post_hide", args=[post.pk]), {"reason": "Off topic"})
    assert Post.objects.get(pk=post.pk).hidden
    assert client.get(reverse("community:post_unhide", args=[post.pk])).status_code == 200
    client.post(reverse("community:post_unhide", args=[post.pk]))
    assert not Post.objects.get(pk=post.pk).hidden
    client.post(reverse("community:thread_lock", args=[community.slug, thread.pk]))
    thread.refresh_from_db()
    assert thread.locked
    client.force_login(member)
    assert client.get(reverse("community:post_hide", args=[post.pk])).status_code == 403
    assert client.get(reverse("community:post_edit", args=[post.pk])).status_code == 200


def test_editing_through_the_page_keeps_history(client):
    community = make_community()
    member = add_member(community).person
    post = services.start_thread(member, community, title="T", body="Before").posts.get()
    client.force_login(member)
    assert client.post(reverse("community:post_edit", args=[post.pk]), {"body": "After"}).status_code == 302
    page = client.get(reverse("community:post_edit", args=[post.pk])).content.decode()
    assert "Earlier versions" in page and "Before" in page


@pytest.mark.parametrize("posts", [10, 1000])
def test_a_thread_page_has_a_fixed_query_count(client, django_assert_max_num_queries, posts):
    lead = UserFactory()
    community = make_community(leads=[lead])
    thread = make_thread(community, posts=posts)
    client.force_login(lead)
    with django_assert_max_num_queries(22):
        response = client.get(services.thread_url(thread) + "?page=2")
    assert response.status_code == 200


@pytest.mark.parametrize("threads", [10, 1000])
def test_the_thread_list_has_a_fixed_query_count(client, django_assert_max_num_queries, threads):
    community = make_community()
    member = add_member(community).person
    Thread.objects.bulk_create(Thread(community=community, title=f"Thread {n}", author=member) for n in range(threads))
    client.force_login(member)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("community:community", args=[community.slug]))
    assert response.status_code == 200


def test_the_directory_has_a_fixed_query_count(client, django_assert_max_num_queries):
    person = UserFactory()
    for _ in range(5):
        add_member(make_community(), person)
    client.force_login(person)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("community:index")).status_code == 200
