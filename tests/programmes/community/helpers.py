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


def pdf_upload(name: str = "guide.pdf", body: bytes = b"%PDF-1.4\n% a tiny test document\n%%EOF\n"):
    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415 - the resources' builders only

    return SimpleUploadedFile(name, body, content_type="application/pdf")


def office_upload(name: str, main_part: str):
    """A minimal Office Open XML package with its content-types part and ``main_part``."""
    import io  # noqa: PLC0415
    import zipfile  # noqa: PLC0415

    from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: PLC0415

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(main_part, "<doc/>")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def make_resource(community: Community, *, added_by=None, title: str = "Falls prevention toolkit",
                  kind: str = "file", visibility: str = "everyone", themes=("falls",), **fields):
    """A resource stored directly (the services are tested on their own): a tiny PDF or an https link."""
    from programmes.community.models import Resource  # noqa: PLC0415

    resource = Resource(
        community=community, title=title, kind=kind, visibility=visibility, themes=list(themes),
        added_by=added_by if added_by is not None else add_member(community).person,
        description=fields.pop("description", "How our teams cut falls in care homes."), **fields,
    )
    if kind == "file":
        upload = pdf_upload()
        resource.original_name, resource.content_type, resource.size = upload.name, "application/pdf", upload.size
        resource.file.save(upload.name, upload, save=False)
    else:
        resource.url = resource.url or "https://www.england.nhs.uk/falls/"
    resource.save()
    return resource


def make_task_group(community: Community, *, members=(), state: str = "open", **fields):
    """A task-and-finish group of ``community`` ending in a month, with ``members`` (its start logged)."""
    from academy.workflow.machine import force_state_for_tests  # noqa: PLC0415 - the groups' builders only
    from programmes.community.models import TaskGroup, TaskGroupMember  # noqa: PLC0415

    number = next(_numbers)
    group = TaskGroup.objects.create(
        community=community,
        name=fields.pop("name", f"Test group {number}"),
        objective=fields.pop("objective", "Agree one falls pathway."),
        mandate=fields.pop("mandate", "Asked by the network's leads."),
        ends_on=fields.pop("ends_on", timezone.localdate() + datetime.timedelta(days=30)),
        **fields,
    )
    workflow.start(group, workflow.SYSTEM)
    for person in members:
        TaskGroupMember.objects.create(group=group, person=person)
    if state != "open":
        force_state_for_tests(group, state)
    return group
