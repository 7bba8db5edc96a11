"""Reads for shadowing's pages, each in a fixed number of queries; and the ties completed placements make,
for the evaluation app's network analysis."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.http import Http404
from django.utils import timezone

from programmes.shadowing.matchmaking import crossing
from programmes.shadowing.models import (
    ACTIVE_PLACEMENT_STATES,
    DraftChoice,
    DraftMatch,
    Placement,
    PlacementOffer,
    PlacementState,
    Round,
    RoundState,
    ShadowInterest,
)


def open_rounds() -> list[Round]:
    return list(Round.objects.filter(state=RoundState.OPEN, interest_closes_on__gte=timezone.localdate())
                .order_by("interest_closes_on"))


def round_or_404(pk: int) -> Round:
    round_ = Round.objects.filter(pk=pk).first()
    if round_ is None:
        raise Http404("No such round")
    return round_


def open_round_or_404(pk: int) -> Round:
    round_ = round_or_404(pk)
    if round_.state != RoundState.OPEN:
        raise Http404("This round is not open")
    return round_


def own_offer_or_404(user, pk: int) -> PlacementOffer:
    """A host's own offer: not found for anyone else (their offers are theirs to change)."""
    offer = PlacementOffer.objects.select_related("round").filter(pk=pk, host=user).first()
    if offer is None:
        raise Http404("No such placement")
    return offer


def own_interest(user, round_: Round) -> ShadowInterest | None:
    return ShadowInterest.objects.filter(round=round_, shadow=user).first()


@dataclass
class MyShadowing:
    offers: list
    interests: list
    placements_as_shadow: list
    placements_as_host: list


def my_shadowing(user) -> MyShadowing:
    """A leader's offers, interest and placements, in five queries."""
    live = Q(state__in=ACTIVE_PLACEMENT_STATES)
    offers = list(
        PlacementOffer.objects.filter(host=user).select_related("round", "organisation")
        .annotate(placed=Count("placements", filter=Q(placements__state__in=ACTIVE_PLACEMENT_STATES)))
        .order_by("-round__visits_from", "pk")
    )
    interests = list(ShadowInterest.objects.filter(shadow=user).select_related("round").order_by("-round__visits_from"))
    placements = Placement.objects.filter(live).select_related("round", "offer__organisation", "offer__host", "shadow")
    return MyShadowing(
        offers=offers,
        interests=interests,
        placements_as_shadow=list(placements.filter(shadow=user)),
        placements_as_host=list(placements.filter(offer__host=user)),
    )


def admin_rounds() -> list[Round]:
    return list(Round.objects.annotate(
        offer_count=Count("offers", distinct=True), interest_count=Count("interests", distinct=True),
        placement_count=Count("placements", filter=Q(placements__state__in=ACTIVE_PLACEMENT_STATES), distinct=True),
    ).order_by("-visits_from", "pk"))


@dataclass
class RoundOverview:
    round: Round
    offers: list
    interests: list
    choices: list
    draft: DraftMatch | None
    draft_pairs: list  # (interest, offer, boundaries)
    placements: list

    @property
    def places(self) -> int:
        return sum(o.capacity for o in self.offers)


def round_overview(round_: Round) -> RoundOverview:
    """Everything the admin sees about a round, in a fixed number of queries."""
    offers = list(
        PlacementOffer.objects.filter(round=round_)
        .select_related("host", "organisation", "borough").prefetch_related("professions").order_by("setting", "pk")
    )
    interests = list(
        ShadowInterest.objects.filter(round=round_)
        .select_related("shadow", "organisation", "borough", "profession", "own_offer")
        .prefetch_related("unfamiliar_professions", "unfamiliar_boroughs").order_by("shadow__last_name", "pk")
    )
    choices = list(DraftChoice.objects.filter(round=round_).select_related("interest__shadow", "offer"))
    draft = DraftMatch.objects.filter(round=round_).first()
    by_interest = {i.pk: i for i in interests}
    by_offer = {o.pk: o for o in offers}
    draft_pairs = []
    if draft is not None:
        for interest_id, offer_id in draft.pairs:
            interest, offer = by_interest.get(interest_id), by_offer.get(offer_id)
            if interest is not None and offer is not None:
                draft_pairs.append((interest, offer, crossing(interest, offer)))
    placements = list(
        Placement.objects.filter(round=round_).select_related("shadow", "offer__host", "offer__organisation")
        .order_by("pk")
    )
    return RoundOverview(round_, offers, interests, choices, draft, draft_pairs, placements)


def choice_or_404(pk: int) -> DraftChoice:
    choice = DraftChoice.objects.select_related("round", "interest__shadow", "offer").filter(pk=pk).first()
    if choice is None:
        raise Http404("No such choice")
    return choice


@dataclass(frozen=True)
class Tie:
    """A completed placement: a tie between two people, two organisations, two places and two sectors."""

    placement_id: int
    shadow_id: int
    host_id: int
    shadow_organisation_id: int
    host_organisation_id: int
    shadow_borough_id: int | None
    host_borough_id: int
    shadow_sector: str
    host_sector: str
    completed_round_id: int


def completed_placement_ties() -> list[Tie]:
    """Every completed placement as a tie, in one query (the evaluation app's network analysis reads this)."""
    rows = Placement.objects.filter(state=PlacementState.COMPLETED).values_list(
        "pk", "shadow_id", "offer__host_id", "interest__organisation_id", "offer__organisation_id",
        "interest__borough_id", "offer__borough_id", "interest__sector", "offer__sector", "round_id",
    ).order_by("pk")
    return [Tie(*row) for row in rows]


# --- a placement, for its two sides -----------------------------------------------------------------------


def party_placement_or_404(user, pk: int) -> Placement:
    """A placement seen by its shadow or its host alone: not found for anyone else, superusers included (the
    agreement and its visits are theirs; admins follow placements through their states)."""
    placement = (
        Placement.objects.select_related("round", "offer__host", "offer__organisation", "offer__borough",
                                         "interest", "shadow", "agreement")
        .prefetch_related("visits")
        .filter(Q(shadow=user) | Q(offer__host=user), pk=pk).first()
    )
    if placement is None:
        raise Http404("No such placement")
    return placement


def party_visit_or_404(user, placement_pk: int, visit_pk: int):
    placement = party_placement_or_404(user, placement_pk)
    for visit in placement.visits.all():
        if visit.pk == visit_pk:
            return placement, visit
    raise Http404("No such visit")


SHADOWING = "shadowing"


def shadowing_ties(start, end):
    """``(shadow_id, host_id, "shadowing", date)`` for each placement completed with its last visit in the period
    (one query), for evaluation.network's tie sources. Dated by the last visit: a placement completes after it."""
    rows = (
        Placement.objects.filter(state=PlacementState.COMPLETED)
        .annotate(last_visit=Max("visits__on"))
        .filter(last_visit__gte=start, last_visit__lte=end)
        .values_list("shadow_id", "offer__host_id", "last_visit").order_by("pk")
    )
    for shadow_id, host_id, last_visit in rows:
        yield (shadow_id, host_id, SHADOWING, last_visit)
