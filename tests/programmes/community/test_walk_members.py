"""Every community page for the roles the project-wide URL walk cannot be: a member and a lead of an open
community, and a member and a lead of a closed one (the walk's roles are all non-members)."""

import pytest
from django.urls import reverse

from programmes.community import services
from tests.conftest import make_person
from tests.programmes.community.helpers import add_member, make_community, make_resource
from tests.test_url_walk import EXPECTATIONS

pytestmark = pytest.mark.django_db

# name -> (member, lead): a member may not moderate; the edit page is for a post of their own
OUTCOMES = {
    "community:index": (200, 200),
    "community:community": (200, 200),
    "community:join": (200, 200),  # "You are already a member", with no button
    "community:leave": (200, 200),
    "community:thread": (200, 200),
    "community:thread_new": (200, 200),
    "community:thread_follow": (405, 405),
    "community:post_edit": (200, 200),
    "community:post_report": (200, 200),
    "community:requests": (403, 200),
    "community:request_decide": (403, 405),
    "community:moderation_log": (403, 200),
    "community:thread_lock": (403, 200),
    "community:thread_pin": (403, 200),
    "community:post_hide": (403, 200),
    "community:post_unhide": (403, 200),  # a lead sees "This post is not hidden", with no button
    # the library: another member's members-only file, which a member reads but only a lead may change
    "community:resource_search": (200, 200),
    "community:resources": (200, 200),
    "community:resource_new": (200, 200),
    "community:resource_download": (200, 200),
    "community:resource_edit": (403, 200),
    "community:resource_remove": (403, 200),
    # running communities is the programme's admins' (walked for them in test_admin.py), not its leads'
    "community:manage": (403, 403),
    "community:community_new": (403, 403),
    "community:community_edit": (403, 403),
    "community:leads": (403, 403),
    "community:lead_remove": (403, 403),
    "community:archive": (403, 403),
    # a community's events: its leads (and the programme's admins), never its members
    "community:events": (403, 200),
    "community:event_remove": (403, 200),
}


def test_every_community_url_is_walked_here():
    """Idea challenges' pages are walked for their own roles in test_walk_challenge_roles.py, task-and-finish
    groups' in test_task_group_views.py."""
    challenge_pages = ("community:challenge", "community:idea", "community:group")
    assert set(OUTCOMES) == {
        name for name in EXPECTATIONS if name.startswith("community:") and not name.startswith(challenge_pages)
    }


def _url(name, community, thread, post, request):
    if name in {"community:index", "community:resource_search", "community:manage", "community:community_new"}:
        return reverse(name)
    if name == "community:lead_remove":
        lead = make_person("leader")
        community.leads.add(lead)
        return reverse(name, args=[community.slug, lead.pk])
    if name == "community:event_remove":
        from programmes.community.models import CommunityEvent  # noqa: PLC0415
        from tests.factories.programmes import CohortFactory  # noqa: PLC0415

        return reverse(name, args=[community.slug,
                                   CommunityEvent.objects.create(community=community, cohort=CohortFactory()).pk])
    if name in {"community:resource_download", "community:resource_edit", "community:resource_remove"}:
        return reverse(name, args=[make_resource(community, visibility="community").pk])
    if name in {"community:community", "community:join", "community:leave", "community:thread_new",
                "community:requests", "community:moderation_log", "community:resources",
                "community:resource_new", "community:community_edit", "community:leads", "community:archive",
                "community:events"}:
        return reverse(name, args=[community.slug])
    if name == "community:request_decide":
        return reverse(name, args=[community.slug, request.pk])
    if name in {"community:thread", "community:thread_follow", "community:thread_lock",
                "community:thread_pin"}:
        return reverse(name, args=[community.slug, thread.pk])
    return reverse(name, args=[post.pk])


@pytest.mark.parametrize("closed", [False, True], ids=["open", "closed"])
@pytest.mark.parametrize("who", ["member", "lead"])
@pytest.mark.parametrize("name", sorted(OUTCOMES))
def test_member_and_lead(client, name, who, closed):
    person = make_person("leader")
    community = make_community(closed=closed, leads=[person] if who == "lead" else [])
    if who == "member":
        add_member(community, person)
    thread = services.start_thread(person, community, title="Our own thread", body="Mine")
    request = add_member(community, state="requested")
    client.force_login(person)
    response = client.get(_url(name, community, thread, thread.posts.get(), request))
    expected = OUTCOMES[name][0 if who == "member" else 1]
    assert response.status_code == expected, f"{name} as {who} ({'closed' if closed else 'open'})"
