"""Who may do what in the communities. Services and views import these; this module imports only models.

Reading a closed community's discussions is for its members and leads only: no role gets past that,
superusers included (a superuser who wants to read joins like anyone else)."""

from __future__ import annotations

import rules

from academy.accounts.rules import add_private_perm, is_admin_of_programme, is_signed_in, is_superuser
from programmes.community.models import (
    PROGRAMME_SLUG,
    Community,
    Idea,
    IdeaChallenge,
    MembershipState,
    Post,
    Thread,
)


def _signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _community(obj) -> Community | None:
    if isinstance(obj, Community):
        return obj
    if isinstance(obj, Thread):
        return obj.community
    if isinstance(obj, Post):
        return obj.thread.community
    return None


@rules.predicate
def is_lead(user, obj) -> bool:
    community = _community(obj)
    if community is None or not _signed_in(user):
        return False
    cached = getattr(community, "lead_ids", None)
    if cached is not None:
        return user.pk in cached
    return community.leads.filter(pk=user.pk).exists()


@rules.predicate
def is_member(user, obj) -> bool:
    community = _community(obj)
    if community is None or not _signed_in(user):
        return False
    cached = getattr(community, "viewer_state", None)
    if cached is not None:
        return cached == MembershipState.MEMBER
    return community.memberships.filter(person=user, state=MembershipState.MEMBER).exists()


@rules.predicate
def is_open(user, obj) -> bool:
    community = _community(obj)
    return community is not None and not community.closed


can_read = is_signed_in & (is_open | is_member | is_lead)
can_post = is_member | is_lead
can_moderate = is_lead

rules.add_perm("community.view_directory", is_signed_in)
add_private_perm("community.read_discussions", can_read)
add_private_perm("community.post", can_post)
add_private_perm("community.moderate", can_moderate)


def _challenge(obj) -> IdeaChallenge | None:
    if isinstance(obj, IdeaChallenge):
        return obj
    if isinstance(obj, Idea):
        return obj.challenge
    return None


@rules.predicate
def is_challenge_owner(user, obj) -> bool:
    challenge = _challenge(obj)
    return bool(challenge is not None and _signed_in(user) and challenge.owner_id == user.pk)


@rules.predicate
def is_community_admin(user) -> bool:
    return bool(_signed_in(user) and is_admin_of_programme(user, PROGRAMME_SLUG))


@rules.predicate
def is_idea_author(user, obj) -> bool:
    return bool(isinstance(obj, Idea) and _signed_in(user) and obj.author_id == user.pk)


@rules.predicate
def is_idea_evaluator(user, obj) -> bool:
    challenge = _challenge(obj)
    return bool(challenge is not None and _signed_in(user) and challenge.evaluators.filter(pk=user.pk).exists())


can_run_challenge = is_challenge_owner | is_community_admin | is_superuser

rules.add_perm("community.view_challenges", is_signed_in)
rules.add_perm("community.take_part_in_challenge", is_signed_in)
rules.add_perm("community.run_challenge", can_run_challenge)
rules.add_perm("community.create_challenge", is_community_admin | is_superuser)
rules.add_perm("community.edit_idea", is_idea_author)
rules.add_perm("community.score_idea", is_idea_evaluator)


def allowed(user, name: str, obj) -> bool:
    """The rule alone decides (superusers included): these guard what belongs to a community's members."""
    return bool(_signed_in(user) and rules.has_perm(name, user, obj))
