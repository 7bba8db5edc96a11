"""Communities in the URL walk. None of the walk's people is a member or lead of the communities made
here, so they meet every page as a non-member: an open community's discussions are readable, posting and
moderating are refused (403); a closed community's discussions are not found for anyone, superusers included
(PRIVATE). Members and leads are walked in tests/programmes/community/test_views.py."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import (
    add_member,
    make_community,
    make_resource,
    make_task_group,
    make_thread,
)

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
REFUSED = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN}
POST_ONLY = dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN}
RUNNERS = REFUSED | {"superuser": OK}
NOT_FOUND = dict.fromkeys(ROLE_NAMES, MISSING) | {"anonymous": LOGIN}

EXPECTATIONS = {
    "community:index": SIGNED_IN,
    "community:community": SIGNED_IN,
    "community:join": SIGNED_IN,
    "community:leave": SIGNED_IN,  # says "You are not a member", with no button
    "community:thread": SIGNED_IN,
    "community:post_report": SIGNED_IN,
    "community:thread_follow": POST_ONLY,
    "community:thread_new": REFUSED,  # join first
    "community:post_edit": REFUSED,  # someone else's post
    "community:requests": REFUSED,
    "community:request_decide": REFUSED,
    "community:moderation_log": REFUSED,
    "community:thread_lock": REFUSED,
    "community:thread_pin": REFUSED,
    "community:post_hide": REFUSED,
    "community:post_unhide": REFUSED,
    # task-and-finish groups: the walk's people are neither members of the group nor leads of its open
    # community, so the list shows them none, setting one up is refused, and a group is not found (superusers
    # included). Members and leads are walked in tests/programmes/community/test_task_group_views.py.
    "community:groups": SIGNED_IN,
    "community:group_new": REFUSED,
    "community:group": NOT_FOUND,
    "community:group_members": NOT_FOUND,
    "community:group_close": NOT_FOUND,
    "community:group_resource_new": NOT_FOUND,  # adding a file or link to a group they do not read
    # idea challenges: every signed-in leader takes part; the walk's people neither own the challenge nor
    # evaluate it, and the community's admins are not among its roles, so running it is the superuser's alone
    "community:challenges": SIGNED_IN,
    "community:challenge": SIGNED_IN,
    "community:idea": SIGNED_IN,
    "community:idea_new": SIGNED_IN,  # the challenge is gathering ideas
    "community:idea_support": POST_ONLY,
    "community:idea_edit": REFUSED,  # someone else's idea
    "community:idea_coauthors": REFUSED,  # only the idea's author, superusers included
    "community:idea_score": REFUSED,  # only the named evaluators, superusers included
    "community:challenge_new": RUNNERS,
    "community:challenge_edit": RUNNERS,
    "community:challenge_move": RUNNERS,
    "community:challenge_evaluators": RUNNERS,
    "community:challenge_ranking": RUNNERS,
    "community:challenge_export": RUNNERS,
    "community:idea_answer": RUNNERS,  # the challenge is evaluating ideas
    "community:idea_take_forward": RUNNERS,
    # the resources library: an open community's library and its files shared with everyone are for every
    # signed-in leader; adding needs membership; changing needs the person who added it or a lead
    "community:resource_search": SIGNED_IN,
    "community:resources": SIGNED_IN,
    "community:resource_download": SIGNED_IN,
    "community:resource_new": REFUSED,
    "community:resource_edit": REFUSED,
    "community:resource_remove": REFUSED,
    # running communities: the programme's admins (not among the walk's roles) and superusers; others refused
    "community:manage": RUNNERS,
    "community:community_new": RUNNERS,
    "community:community_edit": RUNNERS,
    "community:leads": RUNNERS,
    "community:lead_remove": RUNNERS,  # the only lead: the page says why it cannot be done, with no button
    "community:archive": RUNNERS,
    # a community's events (cohorts shown on its page): its leads (not among the walk's people), the programme's
    # admins and superusers; others refused
    "community:events": RUNNERS,
    "community:event_remove": RUNNERS,
}

RESOURCE_URLS = {"community:resource_download", "community:resource_edit", "community:resource_remove"}

IDEA_URLS = {"community:idea", "community:idea_support", "community:idea_edit", "community:idea_score",
             "community:idea_coauthors",
             "community:idea_answer", "community:idea_take_forward"}


def idea_url_for(name: str) -> str:
    from programmes.community.models import Idea  # noqa: PLC0415 - the walk's builders only
    from tests.programmes.community.helpers import make_challenge  # noqa: PLC0415

    if name == "community:challenges":
        return reverse(name)
    if name == "community:challenge_new":
        return reverse(name)
    stage = "evaluate" if name in {"community:idea_answer", "community:idea_take_forward",
                                   "community:idea_score"} else "gather"
    challenge = make_challenge(stage=stage)
    if name == "community:challenge_move":
        return reverse(name, args=[challenge.pk, "discuss"])
    if name not in IDEA_URLS:
        return reverse(name, args=[challenge.pk])
    idea = Idea.objects.create(challenge=challenge, author=UserFactory(), title="Text reminders", body="Remind.")
    return reverse(name, args=[idea.pk])


def url_for(name: str) -> str | None:
    if not name.startswith("community:"):
        return None
    if name.startswith(("community:challenge", "community:idea")):
        return idea_url_for(name)
    if name in {"community:index", "community:resource_search", "community:manage", "community:community_new"}:
        return reverse(name)
    community = make_community()
    if name in {"community:events", "community:event_remove"}:
        from programmes.community.models import CommunityEvent  # noqa: PLC0415
        from tests.factories.programmes import CohortFactory  # noqa: PLC0415

        if name == "community:events":
            return reverse(name, args=[community.slug])
        event = CommunityEvent.objects.create(community=community, cohort=CohortFactory())
        return reverse(name, args=[community.slug, event.pk])
    if name == "community:lead_remove":
        lead = UserFactory()
        community.leads.add(lead)
        return reverse(name, args=[community.slug, lead.pk])
    if name in RESOURCE_URLS:
        return reverse(name, args=[make_resource(community).pk])
    if name in {"community:community", "community:join", "community:leave", "community:thread_new",
                "community:requests", "community:moderation_log", "community:resources",
                "community:resource_new", "community:groups", "community:group_new", "community:community_edit",
                "community:leads", "community:archive"}:
        return reverse(name, args=[community.slug])
    if name == "community:request_decide":
        return reverse(name, args=[community.slug, add_member(community, state="requested").pk])
    if name.startswith("community:group"):
        group = make_task_group(community)
        return reverse(name, args=[community.slug, group.pk])
    thread = make_thread(community)
    if name in {"community:thread", "community:thread_follow", "community:thread_lock", "community:thread_pin"}:
        return reverse(name, args=[community.slug, thread.pk])
    return reverse(name, args=[thread.posts.first().pk])


def _closed_thread():
    community = make_community(closed=True)
    return community, make_thread(community)


def _closed(name):
    def make():
        community, thread = _closed_thread()
        if name == "community:group":
            return reverse(name, args=[community.slug, make_task_group(community).pk])
        if name in {"community:thread", "community:thread_lock", "community:thread_pin"}:
            return reverse(name, args=[community.slug, thread.pk])
        if name in {"community:moderation_log", "community:requests", "community:thread_new",
                    "community:resources", "community:resource_new"}:
            return reverse(name, args=[community.slug])
        if name in RESOURCE_URLS:  # marked for everyone, yet a closed community's: members only wins
            return reverse(name, args=[make_resource(community, visibility="everyone").pk])
        if name == "open:resource_download":  # an open community's file kept for its members
            return reverse("community:resource_download",
                           args=[make_resource(make_community(), visibility="community").pk])
        if name in {"community:groups", "community:events"}:
            return reverse(name, args=[community.slug])
        if name.startswith("group:"):  # an open community's task-and-finish group's file: the group's readers only
            open_community = make_community()
            group = make_task_group(open_community, members=[add_member(open_community).person])
            resource = make_resource(open_community, visibility="community", task_group=group)
            return reverse(name.replace("group:", "community:"), args=[resource.pk])
        return reverse(name, args=[thread.posts.first().pk])

    return make


PRIVATE = {
    f"a closed community's {label}": _closed(name)
    for label, name in [
        ("discussion", "community:thread"),
        ("new discussion page", "community:thread_new"),
        ("post to report", "community:post_report"),
        ("post to edit", "community:post_edit"),
        ("post to hide", "community:post_hide"),
        ("moderation log", "community:moderation_log"),
        ("requests to join", "community:requests"),
        ("lock page", "community:thread_lock"),
        ("resources library", "community:resources"),
        ("add-a-resource page", "community:resource_new"),
        ("file", "community:resource_download"),
        ("resource to change", "community:resource_edit"),
        ("resource to remove", "community:resource_remove"),
        ("pin page", "community:thread_pin"),
        ("task-and-finish groups", "community:groups"),
        ("task-and-finish group", "community:group"),
        ("events page", "community:events"),
    ]
}

PRIVATE["an open community's members-only file"] = _closed("open:resource_download")
PRIVATE["a task-and-finish group's file"] = _closed("group:resource_download")
PRIVATE["a task-and-finish group's resource to change"] = _closed("group:resource_edit")
PRIVATE["a task-and-finish group's resource to remove"] = _closed("group:resource_remove")
