"""Small builders for the communities' tests (kept here: the app's own test area)."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from academy import workflow
from programmes.community.models import Community, Membership, MembershipState, Post, Thread
from tests.factories.accounts import UserFactory

_numbers = itertools.count(1)


def make_community(*, closed: bool = False, leads=(), **fields) -> Community:
    number = next(_numbers)
    community = Community.objects.create(
        name=fields.pop("name", f"Test network {number}"),
        slug=fields.pop("slug", f"test-network-{number}"),
        closed=closed,
        description=fields.pop("description", "A network for testing."),
        **fields,
    )
    for lead in leads:
        community.leads.add(lead)
        add_member(community, lead)
    return community


def add_member(community: Community, person=None, state: str = MembershipState.MEMBER) -> Membership:
    person = person or UserFactory()
    membership = Membership.objects.create(
        community=community, person=person, state=state, handle=f"member-{person.pk}"
    )
    workflow.start(membership, workflow.SYSTEM)
    return membership


def make_thread(community: Community, author=None, posts: int = 1, title: str = "Sharing our falls work") -> Thread:
    author = author or add_member(community).person
    now = timezone.now()
    thread = Thread.objects.create(community=community, title=title, author=author, last_post_at=now)
    Post.objects.bulk_create(
        Post(thread=thread, author=author, body=f"Post number {n}", created_at=now) for n in range(posts)
    )
    return thread


def make_challenge(*, owner=None, stage: str = "gather", supports_per_person: int = 3, **fields):
    """An idea challenge open today, in ``stage`` (its start recorded in the transition log)."""
    from academy.workflow.machine import force_state_for_tests  # noqa: PLC0415 - the ideas' builders only
    from programmes.community.models import IdeaChallenge  # noqa: PLC0415

    today = timezone.localdate()
    number = next(_numbers)
    challenge = IdeaChallenge.objects.create(
        title=fields.pop("title", f"Test challenge {number}"),
        question=fields.pop("question", "How might we cut waits for community physiotherapy?"),
        owner=owner if owner is not None else UserFactory(),
        owner_body=fields.pop("owner_body", "SEL ICB Board"),
        opens_on=fields.pop("opens_on", today - datetime.timedelta(days=7)),
        closes_on=fields.pop("closes_on", today + datetime.timedelta(days=21)),
        supports_per_person=supports_per_person,
        **fields,
    )
    workflow.start(challenge, workflow.SYSTEM)
    if stage != "gather":
        force_state_for_tests(challenge, stage)
    return challenge
