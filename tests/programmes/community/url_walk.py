"""Communities in the URL walk. None of the walk's people is a member or lead of the communities made
here, so they meet every page as a non-member: an open community's discussions are readable, posting and
moderating are refused (403); a closed community's discussions are not found for anyone, superusers included
(PRIVATE). Members and leads are walked in tests/programmes/community/test_views.py."""

from django.urls import reverse

from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory
from tests.programmes.community.helpers import add_member, make_community, make_thread

OK, LOGIN, DENIED, MISSING = 200, "login", 403, 404
SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
REFUSED = dict.fromkeys(ROLE_NAMES, DENIED) | {"anonymous": LOGIN}
POST_ONLY = dict.fromkeys(ROLE_NAMES, 405) | {"anonymous": LOGIN}
RUNNERS = REFUSED | {"superuser": OK}

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
}

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
