"""Erasure step for the communities: the person leaves every community; what they wrote is removed, and the
discussions others replied in stay, pointing at the pseudonym."""

from __future__ import annotations

from django.db import models

from academy.privacy import erasure
from programmes.community.models import (
    Community,
    CommunityEvent,
    Idea,
    IdeaChallenge,
    IdeaCoAuthor,
    IdeaComment,
    IdeaRevision,
    IdeaSupport,
    Membership,
    ModerationAction,
    Post,
    PostReport,
    PostRevision,
    Resource,
    TaskGroup,
    TaskGroupMember,
    TaskGroupPost,
    ThreadFollow,
)

REMOVED = "This post was removed when its author closed their account."
IDEA_REMOVED = "This idea was removed when its author closed their account."
COMMENT_REMOVED = "This comment was removed when its author closed their account."
GROUP_POST_REMOVED = "This message was removed when its author closed their account."


def erase(user, pseudonym: str) -> None:
    for community in Community.objects.filter(leads=user):
        community.leads.remove(user)
    CommunityEvent.objects.filter(added_by=user).update(added_by=None)
    erasure.delete_with_history(ThreadFollow, {"person": user})
    erasure.delete_with_history(PostReport, {"reporter": user})
    erasure.delete_with_history(PostRevision, {"post__author": user})
    Post.objects.filter(author=user).update(body=REMOVED)
    erasure.delete_with_history(Membership, {"person": user})
    for challenge in IdeaChallenge.objects.filter(evaluators=user):
        challenge.evaluators.remove(user)
    IdeaChallenge.objects.filter(owner=user).update(owner=None)
    ModerationAction.objects.filter(person=user).update(person=None)
    for support in IdeaSupport.objects.filter(person=user).select_related("idea"):
        Idea.objects.filter(pk=support.idea_id).update(support_count=models.F("support_count") - 1)
    erasure.delete_with_history(IdeaSupport, {"person": user})
    erasure.delete_with_history(IdeaCoAuthor, {"person": user})
    erasure.delete_with_history(IdeaRevision, {"idea__author": user})
    Idea.objects.filter(author=user).update(body=IDEA_REMOVED)
    IdeaComment.objects.filter(author=user).update(body=COMMENT_REMOVED)
    Resource.objects.filter(added_by=user).update(added_by=None)
    erasure.delete_with_history(TaskGroupMember, {"person": user})
    TaskGroupPost.objects.filter(author=user).update(body=GROUP_POST_REMOVED)
    TaskGroup.objects.filter(created_by=user).update(created_by=None)


erasure.register(
    "community",
    models=[
        "community.CommunityEvent",
        "community.Membership",
        "community.Thread",
        "community.ThreadFollow",
        "community.Post",
        "community.PostRevision",
        "community.PostReport",
        "community.ModerationAction",
        "community.IdeaChallenge",
        "community.Idea",
        "community.IdeaRevision",
        "community.IdeaSupport",
        "community.IdeaCoAuthor",
        "community.IdeaScore",
        "community.IdeaComment",
        "community.Resource",
        "community.TaskGroup",
        "community.TaskGroupMember",
        "community.TaskGroupPost",
    ],
    erase=erase,
    erased=[
        "Your memberships of communities, and the discussions you followed",
        "The text of your posts and their earlier versions, and reports you made",
        "The text of your ideas and their earlier versions, your comments on ideas, your supports of ideas, and "
        "your place as a co-author of ideas",
        "Your places in task-and-finish groups, the text of your messages in them, and your name as the lead "
        "who set a group up",
    ],
    kept=[
        "Events you added to a community's page stay listed, no longer with your name",
        "Discussions you started and posts others moderated stay, under your pseudonym, so replies still make sense",
        "The moderation log keeps what you did as a community lead",
        "Your scores of ideas and the official answers you gave stay, so the challenge's decisions stand",
        "Resources you added to a community's library stay for its members, no longer with your name",
    ],
)
