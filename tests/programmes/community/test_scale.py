"""The communities at scale: the discussions board, a discussion, the resources search and the ideas board (with
its filters) run the same number of queries with 10 and 10,000 posts, resources or ideas (the large fixtures
written with bulk_create); and seed_scale's builder makes and clears its communities, posts and ideas."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from academy.directory.demo import SeedContext
from academy.directory.models import PriorityFunction
from programmes.community import demo
from programmes.community.models import Community, Idea, IdeaChallenge, Post, Resource, Thread
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_challenge, make_community

pytestmark = pytest.mark.django_db

SIZES = (10, 10_000)


def _queries(client, url) -> int:
    client.get(url)  # the session and caches warmed
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _community_with_posts(size: int):
    community = make_community()
    author = add_member(community).person
    now = timezone.now()
    threads = Thread.objects.bulk_create(
        Thread(community=community, title=f"Discussion {n}", author=author, created_at=now - dt.timedelta(hours=n),
               last_post_at=now - dt.timedelta(hours=n)) for n in range(max(size // 50, 1))
    )
    Post.objects.bulk_create(
        (Post(thread=threads[n % len(threads)], author=author, body=f"**Post** {n}", created_at=now)
         for n in range(size)), batch_size=5000,
    )
    return community, threads[0], author


def test_the_discussions_board_and_a_discussion_have_the_same_query_count_at_10_and_10000_posts(client):
    board, thread_page = [], []
    for size in SIZES:
        community, thread, author = _community_with_posts(size)
        client.force_login(author)
        board.append(_queries(client, reverse("community:community", args=[community.slug]) + "?unanswered=on"))
        board.append(_queries(client, reverse("community:community", args=[community.slug])))
        thread_page.append(_queries(client, reverse("community:thread", args=[community.slug, thread.pk])))
    assert board[0:2] == board[2:4]
    assert thread_page[0] == thread_page[1]


def test_the_resources_search_has_the_same_query_count_at_10_and_10000_resources(client):
    counts = []
    for size in SIZES:
        community = make_community()
        member = add_member(community).person
        Resource.objects.bulk_create(
            (Resource(community=community, title=f"Falls toolkit {n}", kind="link", url="https://www.nhs.uk/",
                      themes=["falls"], visibility="everyone", added_by=member,
                      search_document=f"Falls toolkit {n} falls") for n in range(size)),
            batch_size=5000,
        )
        client.force_login(member)
        counts.append(_queries(client, reverse("community:resource_search") + "?q=falls&theme=falls"))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("query", ["", "?sort=supported", "?answer=unanswered&q=triage", "?answer=not_now&function=F"])
def test_the_ideas_board_has_the_same_query_count_at_10_and_10000_ideas(client, query):
    counts = []
    function = PriorityFunction.objects.order_by("number").first()
    for size in SIZES:
        challenge = make_challenge()
        challenge.priority_functions.set([function])
        author = UserFactory()
        ideas = Idea.objects.bulk_create(
            (Idea(challenge=challenge, author=author, title=f"Phone triage {n}", body="Call back.",
                  support_count=n % 7, answer=["", "not_now"][n % 2]) for n in range(size)),
            batch_size=5000,
        )
        Idea.priority_functions.through.objects.bulk_create(
            (Idea.priority_functions.through(idea_id=idea.pk, priorityfunction_id=function.pk) for idea in ideas),
            batch_size=5000,
        )
        client.force_login(UserFactory())
        url = reverse("community:challenge", args=[challenge.pk]) + query.replace("F", str(function.pk))
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]


def test_the_scale_builder_makes_communities_posts_and_ideas_and_clears_them(monkeypatch):
    monkeypatch.setattr(demo, "SCALE_DOMAIN", "scale-test.example")
    for n in range(30):
        UserFactory(email=f"scale{n}@scale-test.example")
    ctx = SeedContext(password="x")
    demo.build_community_scale(ctx, 1)
    assert Community.objects.filter(name__startswith=demo.SCALE_PREFIX).count() == 2
    assert Post.objects.filter(thread__community__name__startswith=demo.SCALE_PREFIX).count() == 5000
    challenge = IdeaChallenge.objects.get(title__startswith=demo.SCALE_CHALLENGE)
    assert challenge.ideas.count() == 1000 and challenge.ideas.filter(priority_functions__isnull=False).count() == 1000
    assert ctx.counts["scale posts created"] == 5000
    thread = Thread.objects.filter(community__name__startswith=demo.SCALE_PREFIX).first()
    assert thread.posts.first().body.startswith("Thanks for sharing this.")  # stored as typed, Markdown
    demo.clear_community_scale()
    assert not Community.objects.filter(name__startswith=demo.SCALE_PREFIX).exists()
    assert not IdeaChallenge.objects.filter(title__startswith=demo.SCALE_CHALLENGE).exists()
