"""Reads for shadowing's pages, each in a fixed number of queries; and the ties completed placements make,
for the evaluation app's network analysis."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Max, Q
from django.http import Http404
from django.utils import timezone

from programmes.shadowing.matchmaking import crossing
from programmes.shadowing.models import (
    ACTIVE_PLACEMENT_STATES,
    DraftChoice,
    DraftMatch,
    FollowUp,
    Placement,
    PlacementOffer,
    PlacementState,
    Reflection,
    Round,
    RoundState,
    ShadowInterest,
    Side,
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
                                         "interest", "shadow", "agreement", "follow_up")
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


# --- after the agreement: a visit's reflection, the follow-up, the admin's follow page ---------------------


def own_reflection(user, visit) -> Reflection | None:
    """The reader's own reflection on a visit: nobody reads anyone else's, superusers included."""
    return Reflection.objects.filter(visit=visit, author=user).first()


def own_reflections(user, placement) -> dict[int, Reflection]:
    """The reader's own reflections on a placement's visits, by visit id (one query)."""
    return {r.visit_id: r for r in Reflection.objects.filter(visit__placement=placement, author=user)}


def own_follow_up_or_404(user, placement_pk: int) -> FollowUp:
    """A shadow's own follow-up, once it has been invited: not found for anyone else, superusers included."""
    follow_up = (FollowUp.objects.select_related("placement__offer__organisation", "placement__offer__host",
                                                 "placement__round")
                 .filter(placement_id=placement_pk, placement__shadow=user, invited_at__isnull=False).first())
    if follow_up is None:
        raise Http404("No such follow-up")
    return follow_up


FOLLOW_PAGE_SIZE = 25


class Progress:
    """The follow page's filters."""

    AGREEMENT = "agreement"
    VISITS = "visits"
    REFLECTIONS = "reflections"
    COMPLETED = "completed"
    FOLLOW_UP = "follow_up"
    CANCELLED = "cancelled"
    CHOICES = (
        ("", "All placements"),
        (AGREEMENT, "Agreement not yet signed"),
        (VISITS, "Visits still to happen"),
        (REFLECTIONS, "Shadow's reflections missing"),
        (COMPLETED, "Completed"),
        (FOLLOW_UP, "Follow-up not answered"),
        (CANCELLED, "Cancelled"),
    )


def _followed(round_: Round):
    today = timezone.localdate()
    live = Q(visits__cancelled_at__isnull=True)
    return (
        Placement.objects.filter(round=round_)
        .select_related("shadow", "offer__host", "offer__organisation", "agreement", "follow_up")
        .annotate(
            visits_total=Count("visits", filter=live, distinct=True),
            visits_done=Count("visits", filter=live & Q(visits__on__lt=today), distinct=True),
            shadow_reflections=Count("visits__reflections", distinct=True,
                                     filter=live & Q(visits__reflections__side=Side.SHADOW)),
            host_reflections=Count("visits__reflections", distinct=True,
                                   filter=live & Q(visits__reflections__side=Side.HOST)),
        )
    )


def follow_placements(round_: Round, progress: str = ""):
    """A round's placements with their progress, for the admin's follow page (paginate it: the count and the
    page are two queries however many rows). Reflections appear as counts only."""
    rows = _followed(round_)
    live = (PlacementState.AGREED, PlacementState.IN_PROGRESS)
    if progress == Progress.AGREEMENT:
        rows = rows.filter(state=PlacementState.PROPOSED)
    elif progress == Progress.VISITS:
        rows = rows.filter(state__in=live, visits_done__lt=F("visits_total"))
    elif progress == Progress.REFLECTIONS:
        rows = rows.filter(state__in=live, shadow_reflections__lt=F("visits_done"))
    elif progress == Progress.COMPLETED:
        rows = rows.filter(state=PlacementState.COMPLETED)
    elif progress == Progress.FOLLOW_UP:
        rows = rows.filter(follow_up__invited_at__isnull=False, follow_up__answered_at__isnull=True)
    elif progress == Progress.CANCELLED:
        rows = rows.filter(state=PlacementState.CANCELLED)
    return rows.order_by("shadow__last_name", "shadow__first_name", "pk")


def follow_counts(round_: Round) -> dict:
    """The round's totals for the follow page, in one query: placements by state, reflections by side and
    follow-ups answered (counts only, never their words)."""
    placements = Placement.objects.filter(round=round_)
    return placements.aggregate(
        placements=Count("pk", distinct=True),
        completed=Count("pk", filter=Q(state=PlacementState.COMPLETED), distinct=True),
        shadow_reflections=Count("visits__reflections", filter=Q(visits__reflections__side=Side.SHADOW),
                                 distinct=True),
        host_reflections=Count("visits__reflections", filter=Q(visits__reflections__side=Side.HOST), distinct=True),
        follow_ups_answered=Count("follow_up", filter=Q(follow_up__answered_at__isnull=False), distinct=True),
    )


def what_waits(placement) -> list[tuple[object, str]]:
    """(person, what waits for them) for one annotated placement from :func:`follow_placements`."""
    shadow, host = placement.shadow, placement.offer.host
    where = f"{placement.offer.setting}, {placement.offer.organisation.name}"
    waits = []
    if placement.state == PlacementState.PROPOSED:
        agreement = getattr(placement, "agreement", None)
        for person, signed in ((shadow, agreement and agreement.shadow_signed_at),
                               (host, agreement and agreement.host_signed_at)):
            if not signed:
                verb = "sign" if agreement else "write and sign"
                waits.append((person, f"{verb.capitalize()} the agreement for the placement at {where}"))
    elif placement.state in (PlacementState.AGREED, PlacementState.IN_PROGRESS, PlacementState.COMPLETED):
        if placement.shadow_reflections < placement.visits_done:
            waits.append((shadow, f"Reflect on each visit that has happened at {where}"))
        if placement.host_reflections < placement.visits_done:
            waits.append((host, f"Write a short reflection on each visit of {shadow.get_full_name()} at {where}"))
    follow_up = getattr(placement, "follow_up", None)
    if follow_up is not None and follow_up.invited_at and not follow_up.answered_at:
        waits.append((shadow, f"Answer the three-month follow-up for your placement at {where}"))
    return waits


def stuck_people(round_: Round) -> list[tuple[object, list[str]]]:
    """Everyone in a round something waits for, each once with everything that waits for them, in one query."""
    people: dict[int, tuple[object, list[str]]] = {}
    for placement in _followed(round_).exclude(state=PlacementState.CANCELLED).order_by("pk"):
        for person, what in what_waits(placement):
            people.setdefault(person.pk, (person, []))[1].append(what)
    return sorted(people.values(), key=lambda row: (row[0].last_name, row[0].first_name, row[0].pk))


# --- for the evaluation (behaviour level) ------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpAnswer:
    placement_id: int
    round_id: int
    answered_on: object
    may_use: bool
    answer: str  # empty unless the shadow said the evaluation may use it


@dataclass(frozen=True)
class FollowUpFigures:
    invited: int
    answered: int
    may_use: int
    answers: list


def follow_up_answers(round_id: int | None = None) -> FollowUpFigures:
    """The three-month follow-ups for the evaluation's behaviour level, in two queries: how many were invited,
    answered and may be used, and each answer with its consent flag (the words only where consent was given)."""
    follow_ups = FollowUp.objects.filter(invited_at__isnull=False)
    if round_id is not None:
        follow_ups = follow_ups.filter(placement__round_id=round_id)
    figures = follow_ups.aggregate(
        invited=Count("pk"), answered=Count("pk", filter=Q(answered_at__isnull=False)),
        may_use=Count("pk", filter=Q(answered_at__isnull=False, may_use=True)),
    )
    answers = [
        FollowUpAnswer(pk, round_, timezone.localdate(at), may_use, answer if may_use else "")
        for pk, round_, at, may_use, answer in follow_ups.filter(answered_at__isnull=False).order_by("pk")
        .values_list("placement_id", "placement__round_id", "answered_at", "may_use", "answer")
    ]
    return FollowUpFigures(figures["invited"], figures["answered"], figures["may_use"], answers)
