"""Shadowing's side of the matching: the boundaries a shadow crosses at a placement, their wishes, and the hard
rules, turned into a problem for the generic matcher (programmes/core/matching.py). Pure: it reads the rows it
is given and writes nothing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from programmes.core import matching
from programmes.shadowing.models import DraftChoice, PairChoice, PlacementOffer, ShadowInterest

# A boundary crossed is worth 1; each of the shadow's own wishes met (a sector, a place, a profession they
# said they do not know) is worth 1 more.
WISH_WEIGHT = 1.0
RECIPROCAL_BONUS = 2.0


@dataclass(frozen=True)
class Crossing:
    place: bool
    organisation: bool
    sector: bool
    profession: bool

    @property
    def count(self) -> int:
        return sum((self.place, self.organisation, self.sector, self.profession))


def crossing(interest: ShadowInterest, offer: PlacementOffer) -> Crossing:
    """Which boundaries the shadow crosses at the offer (interest and offer with professions prefetched)."""
    professions = {p.pk for p in offer.professions.all()}
    return Crossing(
        place=interest.borough_id != offer.borough_id,
        organisation=interest.organisation_id != offer.organisation_id,
        sector=interest.sector != offer.sector,
        profession=interest.profession_id not in professions,
    )


def wishes_met(interest: ShadowInterest, offer: PlacementOffer) -> int:
    professions = {p.pk for p in offer.professions.all()}
    wanted_professions = {p.pk for p in interest.unfamiliar_professions.all()}
    wanted_places = {b.pk for b in interest.unfamiliar_boroughs.all()}
    return (
        (offer.sector in (interest.unfamiliar_sectors or []))
        + (offer.borough_id in wanted_places)
        + bool(professions & wanted_professions)
    )


def why_not(interest: ShadowInterest, offer: PlacementOffer) -> str:
    """Why the pair can never be made ('' when it can): the hard rules, in a person's words."""
    if interest.shadow_id == offer.host_id:
        return "A person cannot shadow their own placement."
    if interest.organisation_id == offer.organisation_id:
        return (f"{interest.shadow.get_full_name() or 'The shadow'} works at {offer.organisation}, the host's "
                "organisation: shadowing is always with another organisation.")
    if interest.available_until < offer.available_from or offer.available_until < interest.available_from:
        return "The shadow's dates and the placement's dates do not meet."
    return ""


def build(
    interests: Iterable[ShadowInterest], offers: Iterable[PlacementOffer], choices: Iterable[DraftChoice],
    room: dict[int, int] | None = None,
) -> matching.Problem:
    """The problem for a round: people are interest ids, slots offer ids (capacity less any places already
    taken, given in ``room``); pins and exclusions from the admin's choices."""
    interests = list(interests)
    offers = list(offers)
    scores, forbidden = {}, set()
    for interest in interests:
        for offer in offers:
            pair = (interest.pk, offer.pk)
            if why_not(interest, offer):
                forbidden.add(pair)
                continue
            scores[pair] = crossing(interest, offer).count + WISH_WEIGHT * wishes_met(interest, offer)
    pinned = set()
    for choice in choices:
        pair = (choice.interest_id, choice.offer_id)
        if choice.kind == PairChoice.EXCLUDE:
            forbidden.add(pair)
        else:
            pinned.add(pair)
    offer_of_host: dict[int, list[int]] = {}
    for offer in offers:
        offer_of_host.setdefault(offer.host_id, []).append(offer.pk)
    reciprocal = []
    by_shadow = {i.shadow_id: i for i in interests}
    for interest in interests:
        if not (interest.reciprocal and interest.own_offer_id):
            continue
        for offer in offers:
            other = by_shadow.get(offer.host_id)
            if (other is not None and other.pk > interest.pk and other.reciprocal and other.own_offer_id
                    and (interest.pk, offer.pk) in scores and (other.pk, interest.own_offer_id) in scores):
                reciprocal.append(((interest.pk, offer.pk), (other.pk, interest.own_offer_id)))
    room = room or {}
    slots = [
        matching.Slot(offer.pk, max(0, room.get(offer.pk, offer.capacity)), group=offer.host_id) for offer in offers
    ]
    return matching.problem(
        [i.pk for i in interests], slots, scores, forbidden=forbidden, pinned=pinned, reciprocal=reciprocal,
        reciprocal_bonus=RECIPROCAL_BONUS,
    )


def boundaries_of(interests: Iterable[ShadowInterest], offers: Iterable[PlacementOffer]):
    """A function (interest id, offer id) -> boundaries crossed, for :func:`matching.summary`."""
    by_interest = {i.pk: i for i in interests}
    by_offer = {o.pk: o for o in offers}
    return lambda i, o: crossing(by_interest[i], by_offer[o]).count
