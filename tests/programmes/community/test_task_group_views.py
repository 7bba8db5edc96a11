"""Task-and-finish groups' pages for the roles the project-wide walk cannot be (a group member, a community
member outside the group, the community's lead), bad input (400, nothing saved), hostile text, and the groups
list's query budget."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from programmes.community.models import TaskGroup, TaskGroupPost
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_task_group
from tests.programmes.community.test_views import HOSTILE, assert_nothing_runs
from tests.test_url_walk import EXPECTATIONS

pytestmark = pytest.mark.django_db

# name -> (group member, community member outside the group, community lead)
OUTCOMES = {
    "community:groups": (200, 200, 200),
    "community:group_new": (403, 403, 200),
    "community:group": (200, 404, 200),
    "community:group_members": (403, 404, 200),
    "community:group_close": (403, 404, 200),
    "community:group_resource_new": (200, 404, 200),
}


def test_every_group_url_is_walked_here():
    assert set(OUTCOMES) == {name for name in EXPECTATIONS if name.startswith("community:group")}


@pytest.fixture
def setting():
    lead = UserFactory()
    community = make_community(leads=[lead])
    member, outsider = add_member(community).person, add_member(community).person
    group = make_task_group(community, members=[member])
    return community, group, member, outsider, lead


def _url(name, community, group):
    if name in {"community:groups", "community:group_new"}:
        return reverse(name, args=[community.slug])
    return reverse(name, args=[community.slug, group.pk])


@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_each_page_for_each_role(client, setting, name):
    community, group, member, outsider, lead = setting
    for person, expected in zip((member, outsider, lead), OUTCOMES[name], strict=True):
        client.force_login(person)
        assert client.get(_url(name, community, group)).status_code == expected, (name, person)


def test_the_list_shows_members_their_own_groups_and_leads_every_group(client, setting):
    community, group, member, outsider, lead = setting
    other = make_task_group(community, members=[outsider], name="Pharmacy referrals")
    url = reverse("community:groups", args=[community.slug])
    client.force_login(member)
    page = client.get(url).content.decode()
    assert group.name in page and other.name not in page
    client.force_login(lead)
    page = client.get(url).content.decode()
    assert group.name in page and other.name in page


def test_a_lead_sets_up_a_group_and_bad_input_saves_nothing(client, setting):
    community, _group, member, _outsider, lead = setting
    client.force_login(lead)
    url = reverse("community:group_new", args=[community.slug])
    past = timezone.localdate() - datetime.timedelta(days=2)
    bad = {"name": "", "objective": "x", "mandate": "y",
           "ends_on_0": past.day, "ends_on_1": past.month, "ends_on_2": past.year}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "nhsuk-error-summary" in response.content.decode()
    assert "Enter a name for the group" in response.content.decode()
    bad["name"] = "Falls"
    response = client.post(url, bad)
    assert response.status_code == 400 and "must be in the future" in response.content.decode()
    response = client.post(url, bad | {"members": ["999999"]})
    assert response.status_code == 400
    assert TaskGroup.objects.filter(community=community).count() == 1
    ends = timezone.localdate() + datetime.timedelta(days=60)
    response = client.post(url, bad | {"ends_on_0": ends.day, "ends_on_1": ends.month, "ends_on_2": ends.year,
                                       "members": [str(member.pk)]})
    assert response.status_code == 302
    made = TaskGroup.objects.get(name="Falls")
    assert list(made.members.all()) == [member]


def test_hostile_text_is_shown_escaped(client, setting):
    community, group, member, _outsider, _lead = setting
    hostile = HOSTILE
    client.force_login(member)
    url = reverse("community:group", args=[community.slug, group.pk])
    assert client.post(url, {"body": hostile}).status_code == 302
    assert TaskGroupPost.objects.get(group=group).body == hostile
    TaskGroup.objects.filter(pk=group.pk).update(objective=hostile, mandate=hostile)
    assert_nothing_runs(client.get(url).content.decode())


def test_an_empty_message_is_refused_with_400(client, setting):
    community, group, member, _outsider, _lead = setting
    client.force_login(member)
    response = client.post(reverse("community:group", args=[community.slug, group.pk]), {"body": "  "})
    assert response.status_code == 400 and "Enter your message" in response.content.decode()
    assert not TaskGroupPost.objects.exists()


def test_closing_needs_an_outcome(client, setting):
    community, group, member, _outsider, lead = setting
    client.force_login(lead)
    url = reverse("community:group_close", args=[community.slug, group.pk])
    assert client.post(url, {"outcome_note": ""}).status_code == 400
    group.refresh_from_db()
    assert group.is_open
    assert client.post(url, {"outcome_note": "Pathway **agreed**"}).status_code == 302
    group.refresh_from_db()
    assert group.is_closed
    client.force_login(member)
    page = client.get(reverse("community:group", args=[community.slug, group.pk])).content.decode()
    assert "<strong>agreed</strong>" in page and "takes no more messages" in page


def _groups(community, lead, count):
    people = [add_member(community).person for _ in range(3)]
    for _ in range(count):
        make_task_group(community, members=people)
    return people


@pytest.mark.parametrize("count", [3, 60])
def test_the_groups_list_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    lead = UserFactory()
    community = make_community(leads=[lead])
    _groups(community, lead, count)
    client.force_login(lead)
    url = reverse("community:groups", args=[community.slug])
    client.get(url)  # warm the session and any cached fragments
    # session and user (2), community with member count, membership, leads (3), count and page (2), and the
    # page frame's own reads: the same at 3 and 60 groups
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
