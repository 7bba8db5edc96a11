"""Reads for shadowing's pages, each in a fixed number of queries; and the ties completed placements make,
for the evaluation app's network analysis."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, IntegerField, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from academy.reports.suppression import SuppressedTable, suppress
from programmes.core.evaluation import EvaluationSubject, Participant
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
    Visit,
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


def cancellable_placement_or_404(user, pk: int) -> Placement:
    """A placement for its cancel page: its shadow, its host, or the shadowing programme's admins (who follow
    every placement); not found for anyone else."""
    from programmes.shadowing.rules import is_shadowing_admin  # noqa: PLC0415  (rules import models only)

    placements = Placement.objects.select_related("round", "offer__host", "offer__organisation", "shadow", "interest")
    if not is_shadowing_admin(user):
        placements = placements.filter(Q(shadow=user) | Q(offer__host=user))
    placement = placements.filter(pk=pk).first()
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


def shared_with_me(user, placement) -> dict[int, Reflection]:
    """The other side's reflections they chose to share with the reader, by visit id (one query). Only a side
    of the placement reads them (the placement page is theirs alone): never the admins, nor superusers."""
    mine = Side.SHADOW if placement.shadow_id == user.pk else Side.HOST
    rows = Reflection.objects.filter(visit__placement=placement, shared=True).exclude(side=mine)
    return {r.visit_id: r for r in rows}


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


# --- for the home page -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Owed:
    """What one placement owes the reader on the home page: reflections on visits that have happened (the first
    such visit to link to), and the three-month follow-up when it is due and unanswered."""

    placement: Placement
    side: str
    reflections_owed: int
    first_visit_id: int | None
    follow_up_due: bool


def owed_to_home(user, today) -> list[Owed]:
    """The reader's placements (as shadow or host) with a reflection owed on a visit that has happened or a
    follow-up due, in one query whatever the number of placements and visits."""
    def happened_without(side):
        return (Visit.objects.filter(placement=OuterRef("pk"), on__lt=today, cancelled_at__isnull=True)
                .exclude(Exists(Reflection.objects.filter(visit=OuterRef("pk"), side=side))))

    def count_of(side):
        counted = happened_without(side).order_by().values("placement").annotate(n=Count("pk")).values("n")
        return Coalesce(Subquery(counted, output_field=IntegerField()), 0)

    def first_of(side):
        return Subquery(happened_without(side).order_by("on", "number").values("pk")[:1])

    reflecting = (PlacementState.AGREED, PlacementState.IN_PROGRESS, PlacementState.COMPLETED)
    rows = (
        Placement.objects.filter(Q(shadow=user) | Q(offer__host=user), state__in=reflecting)
        .select_related("offer__host", "offer__organisation", "shadow", "follow_up")
        .annotate(shadow_owed=count_of(Side.SHADOW), host_owed=count_of(Side.HOST),
                  shadow_first=first_of(Side.SHADOW), host_first=first_of(Side.HOST))
        .filter(Q(shadow=user, shadow_owed__gt=0) | Q(offer__host=user, host_owed__gt=0)
                | Q(shadow=user, follow_up__invited_at__isnull=False, follow_up__answered_at__isnull=True))
        .order_by("pk")
    )
    owed = []
    for placement in rows:
        side = Side.SHADOW if placement.shadow_id == user.pk else Side.HOST
        follow_up = getattr(placement, "follow_up", None) if side == Side.SHADOW else None
        owed.append(Owed(
            placement, side, placement.shadow_owed if side == Side.SHADOW else placement.host_owed,
            placement.shadow_first if side == Side.SHADOW else placement.host_first,
            bool(follow_up and follow_up.invited_at and not follow_up.answered_at),
        ))
    return owed


# --- for the evaluation pages: the three-month follow-up in aggregate, suppressed -------------------------

FOLLOW_UP_QUOTES = 10


@dataclass(frozen=True)
class FollowUpQuote:
    """One follow-up answer its shadow let the evaluation use: the words and the month, never a name."""

    answer: str
    answered_on: object  # a date


@dataclass(frozen=True)
class FollowUpSummary:
    counts: SuppressedTable  # answered and may be used, answered but not to be used, not answered yet
    quotes: list[FollowUpQuote]


def follow_up_summary(limit: int = FOLLOW_UP_QUOTES) -> FollowUpSummary:
    """Behaviour at three months, for the evaluation (two queries): the follow-ups invited so far, counted by
    whether they were answered and whether the shadow let the evaluation use the answer, through the one
    suppression helper; and the newest ``limit`` answers the evaluation may use, without names, places or
    organisations.
    No answer is quoted while the count of usable answers is hidden (too few, or hidden to protect a small
    neighbour)."""
    invited = FollowUp.objects.filter(invited_at__isnull=False)
    counts = invited.aggregate(
        used=Count("pk", filter=Q(answered_at__isnull=False, may_use=True)),
        not_used=Count("pk", filter=Q(answered_at__isnull=False, may_use=False)),
        waiting=Count("pk", filter=Q(answered_at__isnull=True)),
    )
    table = suppress({
        "Answered, and the evaluation may use the answer": counts["used"],
        "Answered, not to be used": counts["not_used"],
        "Invited, not answered yet": counts["waiting"],
    })
    quotes = []
    # Quoted only while the count of usable answers is itself shown: the number of quotes (up to ``limit``)
    # gives that count away, so with a hidden cell it could be taken from the total to find a small one.
    if counts["used"] and not table["Answered, and the evaluation may use the answer"].suppressed:
        rows = (invited.filter(answered_at__isnull=False, may_use=True).exclude(answer="")
                .order_by("-answered_at", "-pk")
                .values_list("answer", "answered_at")[:limit])
        quotes = [FollowUpQuote(answer, timezone.localtime(at).date()) for answer, at in rows]
    return FollowUpSummary(counts=table, quotes=quotes)


# --- for the evaluation layer's questionnaires (Kirkpatrick waves) -------------------------------------------


def _evaluation_placements(everyone: bool = False):
    live = Q(visits__cancelled_at__isnull=True)
    placements = Placement.objects.annotate(
        first_visit=Min("visits__on", filter=live), last_visit=Max("visits__on", filter=live)
    ).select_related("shadow", "offer__organisation")
    if everyone:
        return placements
    return placements.exclude(state=PlacementState.CANCELLED).filter(first_visit__isnull=False)


def _placement_subject(placement: Placement) -> EvaluationSubject:
    title = f"{placement.shadow.get_full_name()} at {placement.offer.setting}, {placement.offer.organisation.name}"
    return EvaluationSubject(
        pk=placement.pk, title=title, starts_on=placement.first_visit, ends_on=placement.last_visit,
        last_day=placement.last_visit,
    )


def evaluation_placements(since=None, ids=None) -> list[EvaluationSubject]:
    """Placements not cancelled, with visits, whose last visit is on or after ``since``, newest first; the
    visits' first and last days are the placement's dates. With ``ids``, those placements whatever their
    state (to name the subjects of existing questionnaires). One query."""
    if ids is not None:
        placements = _evaluation_placements(everyone=True).filter(pk__in=list(ids))
    else:
        placements = _evaluation_placements().filter(last_visit__gte=since)
    placements = placements.order_by(F("first_visit").desc(nulls_last=True), "pk")
    return [_placement_subject(placement) for placement in placements]


def evaluation_placement(pk: int) -> EvaluationSubject | None:
    """One placement (not cancelled, with visits) as the evaluation app sees it, or None (one query)."""
    placement = _evaluation_placements().filter(pk=pk).first()
    return _placement_subject(placement) if placement else None


def placement_participants(placement_id: int) -> list[Participant]:
    """The shadow of a placement that is not cancelled, with the line manager or sponsor who releases their
    time (one query). The host is not asked: the questionnaires are about the shadow's learning."""
    rows = Placement.objects.filter(pk=placement_id).exclude(state=PlacementState.CANCELLED).values_list(
        "shadow_id", "interest__line_manager_name", "interest__line_manager_email"
    )
    return [Participant(user_id, name or "", email or "") for user_id, name, email in rows]
