"""The discussions board's filters on a community's page: unanswered, followed by me, started by me, and the
order; as GET parameters that pagination keeps; the same number of queries at two sizes."""

import pytest
from django.urls import reverse

from programmes.community import services
from programmes.community.models import Thread, ThreadFollow
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread

pytestmark = pytest.mark.django_db


def _board():
    community = make_community()
    me = add_member(community).person
    other = add_member(community).person
    mine = make_thread(community, author=me, title="Mine and unanswered")
    answered = make_thread(community, author=other, title="Answered and followed")
    services.reply(me, answered, body="A reply")  # replying follows the thread
    quiet = make_thread(community, author=other, title="Someone else's, unanswered")
    return community, me, mine, answered, quiet


def _titles(client, community, query):
    page = client.get(reverse("community:community", args=[community.slug]) + query).content.decode()
    return {title for title in ("Mine and unanswered", "Answered and followed", "Someone else&#x27;s, unanswered")
            if title in page}, page


def test_each_filter_and_their_combination(client):
    community, me, *_ = _board()
    client.force_login(me)
    assert ThreadFollow.objects.filter(person=me).count() == 1
    everything, page = _titles(client, community, "")
    assert len(everything) == 3 and "Filter discussions" in page
    shown, page = _titles(client, community, "?unanswered=on")
    assert shown == {"Mine and unanswered", "Someone else&#x27;s, unanswered"}
    assert "2 discussions match your filters" in page
    assert _titles(client, community, "?following=on")[0] == {"Answered and followed"}
    assert _titles(client, community, "?mine=on")[0] == {"Mine and unanswered"}
    assert _titles(client, community, "?mine=on&unanswered=on")[0] == {"Mine and unanswered"}
    shown, page = _titles(client, community, "?mine=on&following=on")
    assert shown == set() and "No discussions match your filters" in page


def test_newest_first_and_nonsense_parameters_fall_back(client):
    community, me, mine, answered, quiet = _board()
    client.force_login(me)
    page = client.get(reverse("community:community", args=[community.slug]) + "?sort=newest").content.decode()
    assert page.index("Someone else&#x27;s") < page.index("Answered and followed") < page.index("Mine and")
    response = client.get(reverse("community:community", args=[community.slug]) + "?sort=<script>&mine=yes")
    assert response.status_code == 200 and "<script>" not in response.content.decode()


def test_pagination_keeps_the_filters(client):
    community = make_community()
    me = add_member(community).person
    Thread.objects.bulk_create(Thread(community=community, title=f"Question {n}", author=me) for n in range(30))
    client.force_login(me)
    page = client.get(reverse("community:community", args=[community.slug]) + "?mine=on").content.decode()
    assert "30 discussions match your filters" in page
    assert "mine=on&amp;page=2" in page or "page=2&amp;mine=on" in page


def test_a_non_member_of_an_open_community_filters_too(client):
    community, *_ = _board()
    client.force_login(UserFactory())
    assert _titles(client, community, "?mine=on")[0] == set()


@pytest.mark.parametrize("threads", [10, 300])
def test_the_filtered_board_has_a_fixed_query_count(client, django_assert_num_queries, threads):
    community = make_community()
    member = add_member(community).person
    made = Thread.objects.bulk_create(
        Thread(community=community, title=f"Thread {n}", author=member) for n in range(threads)
    )
    ThreadFollow.objects.bulk_create(ThreadFollow(thread=thread, person=member) for thread in made)
    client.force_login(member)
    with django_assert_num_queries(BOARD_QUERIES):
        response = client.get(reverse("community:community", args=[community.slug])
                              + "?unanswered=on&following=on&mine=on&page=2")
    assert response.status_code == 200


BOARD_QUERIES = 14  # session, user, roles and MFA, the community, leads, membership, its events, the count and the page
