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
    Resource,
    ResourceVisibility,
    TaskGroup,
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
    if isinstance(obj, (Resource, TaskGroup)):
        return obj.community
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


@rules.predicate
def is_live(user, obj) -> bool:
    """Not archived: an archived community is kept to read, but nobody joins it, posts or adds resources."""
    community = _community(obj)
    return community is not None and community.archived_at is None


can_read = is_signed_in & (is_open | is_member | is_lead)
can_post = (is_member | is_lead) & is_live
can_moderate = is_lead

rules.add_perm("community.view_directory", is_signed_in)
add_private_perm("community.read_discussions", can_read)
add_private_perm("community.post", can_post)
add_private_perm("community.moderate", can_moderate)


@rules.predicate
def is_shared_widely(user, obj) -> bool:
    """An open community's resource shared with every signed-in leader (never a closed community's)."""
    return bool(isinstance(obj, Resource) and obj.visibility == ResourceVisibility.EVERYONE
                and not obj.community.closed and obj.task_group_id is None)


@rules.predicate
def added_resource(user, obj) -> bool:
    return bool(isinstance(obj, Resource) and _signed_in(user) and obj.added_by_id == user.pk)




@rules.predicate
def is_group_member(user, obj) -> bool:
    if not isinstance(obj, TaskGroup) or not _signed_in(user):
        return False
    cached = getattr(obj, "member_ids", None)
    if cached is not None:
        return user.pk in cached
    return obj.memberships.filter(person=user).exists()


@rules.predicate
def is_group_open(user, obj) -> bool:
    return isinstance(obj, TaskGroup) and obj.is_open


# A task-and-finish group is read by its members and the community's leads, and never past the closed-community
# rule (a member who has left a closed community reads none of its groups). Its leads run it.
can_read_group = can_read & (is_group_member | is_lead)
add_private_perm("community.read_task_group", can_read_group)
add_private_perm("community.post_in_task_group", can_read_group & is_group_open)
add_private_perm("community.run_task_groups", is_lead)
# A group's members (and the community's leads) add files and links to the group while it is open and the
# community is not archived.
add_private_perm("community.add_group_resource", can_read_group & is_group_open & is_live)


@rules.predicate
def in_task_group(user, obj) -> bool:
    return bool(isinstance(obj, Resource) and obj.task_group_id is not None)


@rules.predicate
def reads_resource_group(user, obj) -> bool:
    """The person reads the task-and-finish group the resource belongs to."""
    return bool(in_task_group(user, obj) and rules.has_perm("community.read_task_group", user, obj.task_group))


# A community library's resource: its members and leads, or everyone when shared widely from an open community.
# A task-and-finish group's resource: whoever reads the group (its members and the community's leads), whatever
# the community's other members could read.
add_private_perm("community.read_resource", is_signed_in & (
    (~in_task_group & (is_shared_widely | is_member | is_lead)) | reads_resource_group
))
add_private_perm("community.add_resource", can_post)
add_private_perm("community.change_resource", is_signed_in & (
    (~in_task_group & added_resource & is_member) | (added_resource & reads_resource_group) | is_lead
))


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

# Creating communities, changing them, archiving them and naming their leads: the communities programme's admins
# (and superusers: this is running the programme, not reading what belongs to a community's members).
rules.add_perm("community.manage_communities", is_community_admin | is_superuser)
# A community's events (cohorts of the cohort engine shown on its page): its leads and the programme's admins.
rules.add_perm("community.manage_events", is_lead | is_community_admin | is_superuser)


def allowed(user, name: str, obj) -> bool:
    """The rule alone decides (superusers included): these guard what belongs to a community's members."""
    return bool(_signed_in(user) and rules.has_perm(name, user, obj))
