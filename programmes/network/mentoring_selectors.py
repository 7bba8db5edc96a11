"""Reads of the network's mentoring: a person's own offers, requests and pairs; the admins' overview
(counts, and check-ins as counts only) and their paginated list of pairs. Fixed query counts."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404

from programmes.network.models import (
    CHECKIN_MONTHS,
    LIVE_PAIR_STATES,
    MentoringCheckIn,
    MentoringDraft,
    MentoringDraftChoice,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    PairState,
    waiting_mentoring_requests,
)

PAIRS_PER_PAGE = 25


@dataclass
class MyMentoring:
    offer: MentorOffer | None
    request: MentoringRequest | None
    pairs: list[MentoringPair] = field(default_factory=list)


def my_mentoring(person) -> MyMentoring:
    """The person's open offer and request (with topics and live pairs counted) and every pair they are in."""
    offer = (
        MentorOffer.objects.filter(mentor=person, withdrawn_at__isnull=True)
        .annotate(held=Count("pairs", filter=Q(pairs__state__in=LIVE_PAIR_STATES)))
        .prefetch_related("topics").first()
    )
    request = (
        MentoringRequest.objects.filter(mentee=person, withdrawn_at__isnull=True).prefetch_related("topics").first()
    )
    pairs = list(
        MentoringPair.objects.filter(Q(mentor=person) | Q(mentee=person))
        .select_related("mentor", "mentee").order_by("-created_at", "-pk")
    )
    return MyMentoring(offer=offer, request=request, pairs=pairs)


def open_offer_of(person) -> MentorOffer | None:
    return MentorOffer.objects.filter(mentor=person, withdrawn_at__isnull=True).prefetch_related("topics").first()


def own_offer_or_404(person, pk: int) -> MentorOffer:
    offer = MentorOffer.objects.filter(pk=pk, mentor=person, withdrawn_at__isnull=True).first()
    if offer is None:
        raise Http404
    return offer


def own_request_or_404(person, pk: int) -> MentoringRequest:
    request = MentoringRequest.objects.filter(pk=pk, mentee=person, withdrawn_at__isnull=True).first()
    if request is None:
        raise Http404
    return request


def pair_for_side_or_404(person, pk: int) -> MentoringPair:
    """A pair only its mentor and mentee see: not found for everyone else, superusers and admins included
    (what the two agree stays between them)."""
    if not getattr(person, "is_authenticated", False):
        raise Http404
    pair = (
        MentoringPair.objects.filter(Q(mentor=person) | Q(mentee=person), pk=pk)
        .select_related("mentor", "mentee", "offer", "request").first()
    )
    if pair is None:
        raise Http404
    return pair


def my_checkins(person, pair: MentoringPair) -> dict[int, MentoringCheckIn]:
    return {c.months: c for c in MentoringCheckIn.objects.filter(pair=pair, person=person)}


@dataclass
class Overview:
    open_offers: int
    places_offered: int
    open_requests: int
    waiting_requests: int
    pairs_by_state: list[tuple[str, int]]
    checkins: list[dict]


def overview() -> Overview:
    """Counts for the admins (6 queries): offers and places, requests and those still waiting, pairs by state,
    and the check-ins answered at 1, 3 and 6 months with how many said they met (counts only)."""
    offers = MentorOffer.objects.filter(withdrawn_at__isnull=True).aggregate(n=Count("pk"), places=Sum("capacity"))
    requests = MentoringRequest.objects.filter(withdrawn_at__isnull=True)
    open_requests = requests.count()
    waiting = waiting_mentoring_requests().count()
    by_state = dict(MentoringPair.objects.values_list("state").annotate(n=Count("pk")).values_list("state", "n"))
    answered = {
        row["months"]: row
        for row in MentoringCheckIn.objects.values("months").annotate(
            n=Count("pk"), met=Count("pk", filter=Q(met=True))
        )
    }
    return Overview(
        open_offers=offers["n"], places_offered=offers["places"] or 0, open_requests=open_requests,
        waiting_requests=waiting,
        pairs_by_state=[(label, by_state.get(value, 0)) for value, label in PairState.choices],
        checkins=[{"months": m, "answered": answered.get(m, {}).get("n", 0), "met": answered.get(m, {}).get("met", 0)}
                  for m in CHECKIN_MONTHS],
    )


def pairs_page(page_number, state: str = ""):
    """The admins' list of pairs (who with whom, state, dates; never the agreement), a page at a time."""
    pairs = MentoringPair.objects.select_related("mentor", "mentee").order_by("-created_at", "-pk")
    if state in PairState.values:
        pairs = pairs.filter(state=state)
    return Paginator(pairs, PAIRS_PER_PAGE).get_page(page_number)


def draft_people(request_ids, offer_ids) -> tuple[dict, dict]:
    """The requests and offers a draft names, with their people and organisations (2 queries)."""
    requests = MentoringRequest.objects.filter(pk__in=list(request_ids)).select_related(
        "mentee", "mentee__profile__organisation")
    offers = MentorOffer.objects.filter(pk__in=list(offer_ids)).select_related(
        "mentor", "mentor__profile__organisation")
    return {r.pk: r for r in requests}, {o.pk: o for o in offers}


def open_requests_and_offers():
    """What the pin-or-exclude form chooses from: waiting requests (never matched) and open offers (2 queries)."""
    requests = list(waiting_mentoring_requests().select_related("mentee").order_by("pk"))
    offers = list(MentorOffer.objects.filter(withdrawn_at__isnull=True).select_related("mentor").order_by("pk"))
    return requests, offers


@dataclass
class MatchingDraft:
    """The shared matching draft as the admins' page shows it: the latest run (or None) with its pairs named,
    whether it is stale, and the pins and exclusions with their people."""

    draft: MentoringDraft | None
    pairs: list[tuple]
    stale: bool
    choices: list[MentoringDraftChoice]


def matching_draft() -> MatchingDraft:
    """The latest run, its people and the choices (5 queries whatever their number)."""
    draft = MentoringDraft.objects.select_related("run_by").first()
    choices = list(MentoringDraftChoice.objects.select_related("request__mentee", "offer__mentor", "made_by"))
    pairs = []
    stale = False
    if draft is not None:
        requests, offers = draft_people({p[0] for p in draft.pairs}, {p[1] for p in draft.pairs})
        pairs = [(requests[r], offers[o], crossed) for r, o, crossed in draft.pairs if r in requests and o in offers]
        stale = draft.choices != sorted([c.kind, c.request_id, c.offer_id] for c in choices)
    return MatchingDraft(draft=draft, pairs=pairs, stale=stale, choices=choices)


def draft_choice_or_404(pk) -> MentoringDraftChoice:
    choice = MentoringDraftChoice.objects.filter(pk=pk).first()
    if choice is None:
        raise Http404
    return choice


def live_pairs_of(person) -> list[MentoringPair]:
    """The person's proposed and active pairs, with the other person and the months of the check-ins the
    person has answered (``answered``), in one query, for the home page."""
    return list(
        MentoringPair.objects.filter(Q(mentor=person) | Q(mentee=person), state__in=LIVE_PAIR_STATES)
        .select_related("mentor", "mentee")
        .annotate(answered=ArrayAgg("checkins__months", filter=Q(checkins__person=person), default=[]))
        .order_by("created_at", "pk")
    )
