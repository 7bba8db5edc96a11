"""Erasure step for the communities: the person leaves every community; what they wrote is removed, and the
discussions others replied in stay, pointing at the pseudonym."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.community.models import (
    Community,
    Membership,
    Post,
    PostReport,
    PostRevision,
    ThreadFollow,
)

REMOVED = "This post was removed when its author closed their account."


def erase(user, pseudonym: str) -> None:
    for community in Community.objects.filter(leads=user):
        community.leads.remove(user)
    erasure.delete_with_history(ThreadFollow, {"person": user})
    erasure.delete_with_history(PostReport, {"reporter": user})
    erasure.delete_with_history(PostRevision, {"post__author": user})
    Post.objects.filter(author=user).update(body=REMOVED)
    erasure.delete_with_history(Membership, {"person": user})


erasure.register(
    "community",
    models=[
        "community.Membership",
        "community.Thread",
        "community.ThreadFollow",
        "community.Post",
        "community.PostRevision",
        "community.PostReport",
        "community.ModerationAction",
    ],
    erase=erase,
    erased=[
        "Your memberships of communities, and the discussions you followed",
        "The text of your posts and their earlier versions, and reports you made",
    ],
    kept=[
        "Discussions you started and posts others moderated stay, under your pseudonym, so replies still make sense",
        "The moderation log keeps what you did as a community lead",
    ],
)
