"""Communities in the URL walk. None of the walk's people is a member or lead of the communities made
here, so they meet every page as a non-member: an open community's discussions are readable, posting and
moderating are refused (403); a closed community's discussions are not found for anyone, superusers included
(PRIVATE). Members and leads are walked in tests/programmes/community/test_views.py."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES
from tests.programmes.community.helpers import add_member, make_community, make_thread

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
REFUSED = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN}
POST_ONLY = dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN}

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
    "community:post_hide": REFUSED,
    "community:post_unhide": REFUSED,
}


def url_for(name: str) -> str | None:
    if not name.startswith("community:"):
        return None
    if name == "community:index":
        return reverse(name)
    community = make_community()
    if name in {"community:community", "community:join", "community:leave", "community:thread_new",
                "community:requests", "community:moderation_log"}:
        return reverse(name, args=[community.slug])
    if name == "community:request_decide":
        return reverse(name, args=[community.slug, add_member(community, state="requested").pk])
    thread = make_thread(community)
    if name in {"community:thread", "community:thread_follow", "community:thread_lock"}:
        return reverse(name, args=[community.slug, thread.pk])
    return reverse(name, args=[thread.posts.first().pk])


def _closed_thread():
    community = make_community(closed=True)
    return community, make_thread(community)


def _closed(name):
    def make():
        community, thread = _closed_thread()
        if name in {"community:thread", "community:thread_lock"}:
            return reverse(name, args=[community.slug, thread.pk])
        if name in {"community:moderation_log", "community:requests", "community:thread_new"}:
            return reverse(name, args=[community.slug])
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
    ]
}
