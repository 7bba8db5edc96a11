"""Reads for the conference's pages and exports, each in a fixed number of queries whatever the number of
proposals."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from programmes.conference.models import (
    Edition,
    EditionState,
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    ProposalState,
    SessionType,
    SpeakerState,
    Theme,
)
from programmes.conference.rules import is_invitee, is_proposal_speaker

PAGE_SIZE = 25
# How the admin's list may be ordered: key, label, the database ordering.
PROPOSAL_ORDERS = [
    ("newest", "newest first", ("-created_at", "-pk")),
    ("oldest", "oldest first", ("created_at", "pk")),
    ("title", "by title", ("title", "pk")),
    ("speaker", "by speaker's name", ("speaker__last_name", "speaker__first_name", "pk")),
]
DEFAULT_ORDER = "newest"


def admin_editions() -> QuerySet[Edition]:
    return Edition.objects.annotate(
        proposal_count=Count("proposals", filter=~Q(proposals__state=ProposalState.DRAFT), distinct=True)
    ).order_by("-starts_on", "name")


def edition_for_admin(pk: int) -> Edition:
    try:
        return Edition.objects.prefetch_related(
            "rooms", Prefetch("themes", queryset=Theme.objects.prefetch_related("priority_functions")),
            Prefetch("session_types", queryset=SessionType.objects.prefetch_related("questions")),
        ).select_related("call").get(pk=pk)
    except Edition.DoesNotExist:
        raise Http404("No such edition") from None


def open_editions(now=None) -> list[Edition]:
    """Published editions with a call and a session type still taking proposals, with those session types."""
    now = now or timezone.now()
    open_types = SessionType.objects.filter(deadline__gt=now).order_by("deadline")
    return list(
        Edition.objects.filter(state=EditionState.PUBLISHED, call__isnull=False, session_types__deadline__gt=now)
        .distinct()
        .select_related("call")
        .prefetch_related(Prefetch("session_types", queryset=open_types, to_attr="open_types"), "themes")
        .order_by("starts_on")
    )


def published_edition(slug: str) -> Edition:
    try:
        return (
            Edition.objects.filter(state=EditionState.PUBLISHED, call__isnull=False)
            .select_related("call")
            .prefetch_related(
                Prefetch("session_types", queryset=SessionType.objects.prefetch_related("questions")),
                Prefetch("themes", queryset=Theme.objects.prefetch_related("priority_functions")),
            )
            .get(slug=slug)
        )
    except Edition.DoesNotExist:
        raise Http404("No such edition") from None


def own_proposals(user) -> list[Proposal]:
    """The proposals a person speaks on: their own and those they accepted to co-speak on."""
    return list(
        Proposal.objects.filter(Q(speaker=user) | Q(co_speakers__user=user, co_speakers__state=SpeakerState.ACCEPTED))
        .distinct()
        .select_related("edition", "session_type")
        .order_by("-created_at", "-pk")
    )


def pending_invitations(user) -> list[ProposalSpeaker]:
    return list(
        ProposalSpeaker.objects.filter(user=user, state=SpeakerState.INVITED)
        .select_related("proposal__edition", "proposal__speaker")
        .order_by("invited_at")
    )


def _proposal_detail() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "edition", "edition__call", "session_type", "speaker", "speaker__conf_speaker"
    ).prefetch_related(
        "themes",
        Prefetch("answers", queryset=ProposalAnswer.objects.select_related("question")),
        Prefetch("co_speakers", queryset=ProposalSpeaker.objects.select_related("user")),
    )


def proposal_for_speaker(pk: int, user) -> Proposal:
    """A proposal for its speakers; not found for anyone else, superusers included."""
    proposal = _proposal_detail().filter(pk=pk).first()
    if proposal is None or not is_proposal_speaker(user, proposal):
        raise Http404("No such proposal")
    return proposal


def proposal_for_admin(pk: int) -> Proposal:
    """A proposal for the conference team: never a draft (a draft is its speaker's alone)."""
    proposal = _proposal_detail().exclude(state=ProposalState.DRAFT).filter(pk=pk).first()
    if proposal is None:
        raise Http404("No such proposal")
    return proposal


def invitation_for(pk: int, user) -> ProposalSpeaker:
    """An invitation for the person invited; not found for anyone else, superusers included."""
    invitation = (
        ProposalSpeaker.objects.select_related("proposal__edition", "proposal__session_type", "proposal__speaker")
        .filter(pk=pk)
        .first()
    )
    if invitation is None or not is_invitee(user, invitation):
        raise Http404("No such invitation")
    return invitation


def admin_proposals(edition: Edition, *, session_type: str = "", theme: str = "", state: str = "",
                    order: str = DEFAULT_ORDER) -> QuerySet[Proposal]:
    """An edition's proposals for the conference team, drafts left out, filtered and ordered."""
    proposals = Proposal.objects.filter(edition=edition).exclude(state=ProposalState.DRAFT)
    if session_type.isdigit():
        proposals = proposals.filter(session_type_id=int(session_type))
    if theme.isdigit():
        proposals = proposals.filter(themes__id=int(theme))
    if state in ProposalState.values and state != ProposalState.DRAFT:
        proposals = proposals.filter(state=state)
    orders = {key: fields for key, _label, fields in PROPOSAL_ORDERS}
    ordering = orders.get(order, orders[DEFAULT_ORDER])
    return proposals.select_related("session_type", "speaker").order_by(*ordering)


def with_people(proposals: list[Proposal]) -> list[Proposal]:
    """Attach themes and accepted co-speakers: two queries for any number of proposals."""

    prefetch_related_objects(
        proposals,
        "themes",
        Prefetch(
            "co_speakers",
            queryset=ProposalSpeaker.objects.filter(state=SpeakerState.ACCEPTED).select_related("user"),
            to_attr="accepted_co_speakers",
        ),
    )
    return proposals


def admin_proposal_page(edition: Edition, page_number, **filters) -> Page:
    page = Paginator(admin_proposals(edition, **filters), PAGE_SIZE).get_page(page_number)
    page.object_list = list(page.object_list)
    with_people(page.object_list)
    return page
