"""Every write in shadowing: rounds, offers, interest, the admin's pins and exclusions, draft matches and
publishing. Each takes the acting person, checks permission, runs in one transaction, and locks parent first
(a round, then its offers)."""

from __future__ import annotations

import calendar
import time
from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.services import email_user_after_commit, send_after_commit
from academy.ui.formats import nhs_date
from programmes.core import matching
from programmes.shadowing import matchmaking
from programmes.shadowing.calendar import visit_calendar
from programmes.shadowing.models import (
    ACTIVE_PLACEMENT_STATES,
    PLACEMENT_WORKFLOW,
    Agreement,
    Chase,
    DraftChoice,
    DraftMatch,
    FollowUp,
    PairChoice,
    Placement,
    PlacementOffer,
    PlacementState,
    Reflection,
    Round,
    RoundState,
    ShadowInterest,
    Visit,
    VisitChange,
)
from programmes.shadowing.rules import is_shadowing_admin

OFFER_FIELDS = (
    "setting", "organisation", "borough", "sector", "care_pathway", "visitor_experience", "system_problem",
    "visits", "available_from", "available_until", "available_dates", "capacity", "practical_details",
)
INTEREST_FIELDS = (
    "sector", "wants_to_learn", "unfamiliar_sectors", "available_from", "available_until", "availability",
    "access_needs", "line_manager_name", "line_manager_email", "reciprocal",
)


def require_admin(actor) -> None:
    workflow.is_system(actor)
    if not is_shadowing_admin(actor):
        raise PermissionDenied("Only the shadowing programme's admins can do this.")


def require_signed_in(actor) -> None:
    if workflow.is_system(actor) or not actor.is_authenticated:
        raise PermissionDenied("Sign in to take part in shadowing.")


def _today():
    return timezone.localdate()


def _lock_round(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


# --- rounds -----------------------------------------------------------------------------------------------


def _check_round_dates(data: dict) -> None:
    if data["visits_until"] < data["visits_from"]:
        raise ValidationError({"visits_until": "The last day of visits must be on or after the first day."})
    if data["interest_closes_on"] > data["visits_from"]:
        raise ValidationError({"interest_closes_on": "Interest must close on or before the first day of visits."})


def open_round(actor, *, name: str, interest_closes_on, visits_from, visits_until) -> Round:
    require_admin(actor)
    data = {"interest_closes_on": interest_closes_on, "visits_from": visits_from, "visits_until": visits_until}
    _check_round_dates(data)
    if interest_closes_on < _today():
        raise ValidationError({"interest_closes_on": "Interest must close today or later."})
    with transaction.atomic():
        round_ = Round.objects.create(name=name.strip(), created_by=actor, **data)
        workflow.start(round_, actor)
    return round_


def close_for_matching(actor, round_: Round) -> Round:
    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        workflow.move(round_, RoundState.MATCHING, actor)
    return round_


def reopen(actor, round_: Round) -> Round:
    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        workflow.move(round_, RoundState.OPEN, actor)
    return round_


def close_round(actor, round_: Round) -> Round:
    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        workflow.move(round_, RoundState.CLOSED, actor)
    return round_


# --- offers -----------------------------------------------------------------------------------------------


def _check_offer(round_: Round, data: dict) -> None:
    errors = {}
    if data["available_until"] < data["available_from"]:
        errors["available_until"] = "The last day must be on or after the first day."
    elif data["available_from"] < round_.visits_from or data["available_until"] > round_.visits_until:
        errors["available_from"] = (f"Choose dates within the round's visits, {nhs_date(round_.visits_from)} to "
                                    f"{nhs_date(round_.visits_until)}.")
    if data["visits"] < 2:
        errors["visits"] = "Offer at least 2 visits: a single day is not enough to learn from."
    if data["capacity"] < 1:
        errors["capacity"] = "Take at least 1 shadow at once."
    if errors:
        raise ValidationError(errors)


def offer_placement(actor, round_: Round, data: dict) -> PlacementOffer:
    """A leader offers a placement in an open round."""
    require_signed_in(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        if round_.state != RoundState.OPEN or _today() > round_.interest_closes_on:
            raise ValidationError("This round is no longer taking offers.")
        _check_offer(round_, data)
        offer = PlacementOffer.objects.create(
            round=round_, host=actor, **{name: data[name] for name in OFFER_FIELDS}
        )
        offer.professions.set(data["professions"])
    return offer


def update_offer(actor, offer: PlacementOffer, data: dict) -> PlacementOffer:
    """The host changes their offer. Locks the round, then the offer, so a publish that is placing shadows with
    it waits (or is waited for): the capacity never drops below the shadows already placed."""
    require_signed_in(actor)
    if offer.host_id != actor.pk:
        raise PermissionDenied("Only the host can change this placement.")
    with transaction.atomic():
        round_ = _lock_round(offer.round)
        offer = PlacementOffer.objects.select_for_update().get(pk=offer.pk)
        if round_.state == RoundState.CLOSED:
            raise ValidationError("This round has closed.")
        _check_offer(round_, data)
        placed = offer.placements.filter(state__in=ACTIVE_PLACEMENT_STATES).count()
        if data["capacity"] < placed:
            raise ValidationError(
                {"capacity": f"{placed} shadows are already placed with you: take at least {placed}."}
            )
        for name in OFFER_FIELDS:
            setattr(offer, name, data[name])
        offer.save()
        offer.professions.set(data["professions"])
    return offer


# --- interest ---------------------------------------------------------------------------------------------


def express_interest(actor, round_: Round, data: dict) -> ShadowInterest:
    """A leader says they want to shadow in an open round (or changes what they said). Their organisation,
    borough and profession come from their profile."""
    require_signed_in(actor)
    profile = getattr(actor, "profile", None)
    if profile is None:
        raise ValidationError("Complete your profile first: the matching needs your organisation and profession.")
    with transaction.atomic():
        round_ = _lock_round(round_)
        if round_.state != RoundState.OPEN or _today() > round_.interest_closes_on:
            raise ValidationError("This round is no longer taking interest.")
        errors = {}
        if data["available_until"] < data["available_from"]:
            errors["available_until"] = "The last day must be on or after the first day."
        elif data["available_from"] < round_.visits_from or data["available_until"] > round_.visits_until:
            errors["available_from"] = (f"Choose dates within the round's visits, {nhs_date(round_.visits_from)} "
                                        f"to {nhs_date(round_.visits_until)}.")
        own_offer = data.get("own_offer")
        if data["reciprocal"] and own_offer is None:
            errors["own_offer"] = "Choose the placement you offer in return, or offer one first."
        if own_offer is not None and (own_offer.host_id != actor.pk or own_offer.round_id != round_.pk):
            errors["own_offer"] = "Choose one of your own placements in this round."
        if errors:
            raise ValidationError(errors)
        values = {name: data[name] for name in INTEREST_FIELDS}
        values.update(
            organisation_id=profile.organisation_id, borough_id=profile.borough_id,
            profession_id=profile.profession_id, own_offer=own_offer if data["reciprocal"] else None,
        )
        interest, _created = ShadowInterest.objects.update_or_create(round=round_, shadow=actor, defaults=values)
        interest.unfamiliar_professions.set(data["unfamiliar_professions"])
        interest.unfamiliar_boroughs.set(data["unfamiliar_boroughs"])
    return interest


# --- matching ---------------------------------------------------------------------------------------------


def _require_matching(round_: Round) -> None:
    if round_.state != RoundState.MATCHING:
        raise ValidationError("Close the round for matching first.")


def choose_pair(actor, round_: Round, interest: ShadowInterest, offer: PlacementOffer, kind: str) -> DraftChoice:
    """The admin pins a pair (it must happen) or excludes it (it must not). A pin that breaks a hard rule, or
    gives one placement more shadows than it has room for, is refused and nothing is saved."""
    require_admin(actor)
    if kind not in PairChoice.values:
        raise ValidationError("Choose whether the pair must happen or must not.")
    with transaction.atomic():
        round_ = _lock_round(round_)
        _require_matching(round_)
        if interest.round_id != round_.pk or offer.round_id != round_.pk:
            raise ValidationError("Choose a shadow and a placement in this round.")
        if kind == PairChoice.PIN:
            reason = matchmaking.why_not(interest, offer)
            if reason:
                raise ValidationError(reason)
            pins = DraftChoice.objects.filter(round=round_, kind=PairChoice.PIN).exclude(interest=interest, offer=offer)
            if pins.filter(interest=interest).exists():
                raise ValidationError("This shadow is already pinned to another placement: remove that pin first.")
            if pins.filter(offer=offer).count() >= offer.capacity:
                raise ValidationError(f"This placement takes {offer.capacity} at once, and that many are pinned to it.")
        choice, _ = DraftChoice.objects.update_or_create(
            interest=interest, offer=offer, defaults={"round": round_, "kind": kind, "made_by": actor}
        )
    return choice


def remove_choice(actor, choice: DraftChoice) -> None:
    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(choice.round)
        _require_matching(round_)
        DraftChoice.objects.filter(pk=choice.pk).delete()


def round_problem(round_: Round):
    """The round's interest, offers and the matcher's problem (used by the draft and the bench)."""
    interests = list(
        ShadowInterest.objects.filter(round=round_)
        .select_related("shadow")
        .prefetch_related("unfamiliar_professions", "unfamiliar_boroughs")
    )
    offers = list(PlacementOffer.objects.filter(round=round_).prefetch_related("professions"))
    choices = list(DraftChoice.objects.filter(round=round_))
    return interests, offers, matchmaking.build(interests, offers, choices)


def run_draft(actor, round_: Round) -> DraftMatch:
    """Run the matcher and a random matching under the same rules, and keep both figures. Nothing is sent."""
    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        _require_matching(round_)
        interests, offers, problem = round_problem(round_)
        try:
            started = time.perf_counter()
            best = matching.solve(problem)
            seconds = time.perf_counter() - started
            rand = matching.random_matching(problem, seed=round_.pk)
        except matching.MatchingError as exc:
            raise ValidationError(str(exc)) from exc
        boundaries = matchmaking.boundaries_of(interests, offers)
        return DraftMatch.objects.create(
            round=round_, run_by=actor, pairs=[list(pair) for pair in best.pairs], seconds=round(seconds, 3),
            figures=_figures(problem, best, boundaries), random_figures=_figures(problem, rand, boundaries),
        )


def _figures(problem, result, boundaries) -> dict:
    figures = matching.summary(problem, result, boundaries=boundaries)
    return {
        "pairs": figures.pairs, "unmatched": figures.unmatched, "mean_boundaries": figures.mean_boundaries,
        "mean_score": figures.mean_score, "reciprocal_pairs": figures.reciprocal_pairs,
        "fullest_host": figures.fullest_group,
    }


def publish(actor, round_: Round) -> list[Placement]:
    """Publish the latest draft: each pair becomes a proposed placement and both sides are told, once. Locks
    the round, then every offer in it (in id order), and counts the places taken under the lock, so a host
    lowering their capacity at the same moment is waited for and the capacity is never exceeded. If any pair
    no longer fits, nothing is published."""
    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        _require_matching(round_)
        draft = DraftMatch.objects.filter(round=round_).first()
        if draft is None or not draft.pairs:
            raise ValidationError("Run the matching first: there is no draft with pairs to publish.")
        if DraftChoice.objects.filter(round=round_, made_at__gt=draft.run_at).exists():
            raise ValidationError("You pinned or excluded pairs since the last run: run the matching again first.")
        offers = {
            o.pk: o for o in PlacementOffer.objects.select_for_update(of=("self",)).filter(round=round_)
            .select_related("host", "organisation").prefetch_related("professions").order_by("pk")
        }
        taken = dict(
            Placement.objects.filter(offer__in=offers.keys(), state__in=ACTIVE_PLACEMENT_STATES)
            .values_list("offer").annotate(n=Count("pk")).values_list("offer", "n")
        )
        interests = {
            i.pk: i for i in ShadowInterest.objects.filter(round=round_).select_related("shadow")
        }
        placements = []
        for interest_id, offer_id in draft.pairs:
            offer, interest = offers.get(offer_id), interests.get(interest_id)
            if offer is None or interest is None:
                raise ValidationError("An offer or an interest in the draft has gone: run the matching again.")
            taken[offer_id] = taken.get(offer_id, 0) + 1
            if taken[offer_id] > offer.capacity:
                raise ValidationError(
                    f"{offer.setting} now takes {offer.capacity} at once, fewer than the draft places there: "
                    "run the matching again."
                )
            placements.append(Placement(
                round=round_, offer=offer, interest=interest, shadow_id=interest.shadow_id,
                boundaries=matchmaking.crossing(interest, offer).count,
            ))
        Placement.objects.bulk_create(placements)
        for placement in placements:
            workflow.start(placement, actor, note="Published from the draft match")
        workflow.move(round_, RoundState.PUBLISHED, actor)
        for placement in placements:
            _tell_both_sides(placement, offers[placement.offer_id], interests[placement.interest_id])
    return placements


def _tell_both_sides(placement: Placement, offer: PlacementOffer, interest: ShadowInterest) -> None:
    link = reverse("shadowing:mine")
    context = {
        "round_name": placement.round.name,
        "setting": offer.setting,
        "organisation": offer.organisation.name,
        "host_name": offer.host.get_full_name(),
        "shadow_name": interest.shadow.get_full_name(),
        "visits": offer.visits,
        "path": link,
    }
    email_user_after_commit(f"shadowing:proposed:{placement.pk}:shadow", "shadowing_proposed_shadow",
                            interest.shadow, context, link=link)
    email_user_after_commit(f"shadowing:proposed:{placement.pk}:host", "shadowing_proposed_host",
                            offer.host, context, link=link)


# --- the agreement ----------------------------------------------------------------------------------------

AGREEMENT_SALT = "shadowing.agreement-manager"
AGREEMENT_LINK_MAX_AGE = timedelta(days=21)
AGREEMENT_FIELDS = ("learning_goals", "confidentiality", "practical_arrangements")


def _lock_placement(placement: Placement) -> Placement:
    return (Placement.objects.select_for_update(of=("self",))
            .select_related("round", "offer", "offer__host", "interest", "shadow").get(pk=placement.pk))


def _require_party(actor, placement: Placement) -> str:
    """'shadow' or 'host'; anyone else (superusers included) is refused: the agreement is theirs."""
    require_signed_in(actor)
    if placement.shadow_id == actor.pk:
        return "shadow"
    if placement.offer.host_id == actor.pk:
        return "host"
    raise PermissionDenied("Only the shadow and the host of this placement can do this.")


def _require_proposed(placement: Placement) -> None:
    if placement.state != PlacementState.PROPOSED:
        raise ValidationError(f"This placement {PLACEMENT_WORKFLOW.now[placement.state]}: its agreement is settled.")


def check_visit_dates(placement: Placement, dates: list) -> None:
    """Several visits, all different, each inside the round's visits and none in the past."""
    round_ = placement.round
    errors = {}
    for number, day in enumerate(dates, start=1):
        field = f"visit_{number}"
        if day is None:
            errors[field] = f"Enter the date of visit {number}"
        elif day < _today():
            errors[field] = f"Visit {number} must be today or later"
        elif not round_.visits_from <= day <= round_.visits_until:
            errors[field] = (f"Visit {number} must be between {nhs_date(round_.visits_from)} and "
                             f"{nhs_date(round_.visits_until)}, the round's visits")
    if errors:
        raise ValidationError(errors)
    if len(dates) < 2:
        raise ValidationError("Agree at least 2 visits: a single day is not enough.")
    seen = set()
    for number, day in enumerate(dates, start=1):
        if day in seen:
            raise ValidationError({f"visit_{number}": f"Visit {number} is on the same day as another visit"})
        seen.add(day)


def save_agreement(actor, placement: Placement, data: dict) -> Agreement:
    """The shadow or the host writes or changes the agreement and its visit dates. Any change clears every
    signature (a new version: an old line manager link no longer works); bad dates save nothing."""
    with transaction.atomic():
        placement = _lock_placement(placement)
        _require_party(actor, placement)
        _require_proposed(placement)
        dates = list(data["visits"])
        check_visit_dates(placement, dates)
        terms = {name: data[name].strip() for name in AGREEMENT_FIELDS}
        for name, value in terms.items():
            if not value:
                raise ValidationError({name: "Enter this part of the agreement"})
        agreement = Agreement.objects.filter(placement=placement).first()
        old_dates = sorted(placement.visits.values_list("on", flat=True))
        if agreement is None:
            agreement = Agreement.objects.create(placement=placement, **terms)
        elif any(getattr(agreement, k) != v for k, v in terms.items()) or old_dates != sorted(dates):
            for name, value in terms.items():
                setattr(agreement, name, value)
            agreement.version += 1
            agreement.shadow_signed_at = agreement.host_signed_at = agreement.manager_signed_at = None
            agreement.save()
        else:
            return agreement
        placement.visits.all().delete()
        Visit.objects.bulk_create(
            Visit(placement=placement, number=n, on=day) for n, day in enumerate(sorted(dates), start=1)
        )
    return agreement


def sign_agreement(actor, placement: Placement) -> Agreement:
    """The shadow or the host signs the current version. Once both have, the line manager or sponsor is
    emailed a signed link (once a version); once all three have, the placement is agreed."""
    with transaction.atomic():
        placement = _lock_placement(placement)
        side = _require_party(actor, placement)
        _require_proposed(placement)
        agreement = Agreement.objects.select_for_update().filter(placement=placement).first()
        if agreement is None:
            raise ValidationError("There is no agreement to sign yet: write it first.")
        field = f"{side}_signed_at"
        if getattr(agreement, field) is None:
            setattr(agreement, field, timezone.now())
            agreement.save(update_fields=[field, "updated_at"])
        if agreement.shadow_signed_at and agreement.host_signed_at and not agreement.manager_signed_at:
            _ask_manager(placement, agreement)
        _agree_if_signed(placement, agreement, actor)
    return agreement


def _ask_manager(placement: Placement, agreement: Agreement) -> None:
    interest = placement.interest
    path = reverse("shadowing:agreement_manager", args=[agreement_manager_token(agreement)])
    send_after_commit(
        f"shadowing:agreement:{agreement.pk}:v{agreement.version}:manager", "shadowing_agreement_manager",
        interest.line_manager_email,
        {
            "line_manager_name": interest.line_manager_name,
            "shadow_name": placement.shadow.get_full_name(),
            "setting": placement.offer.setting,
            "organisation": placement.offer.organisation.name,
            "visits": [nhs_date(v.on) for v in placement.visits.all()],
            "path": path,
        },
    )


def _agree_if_signed(placement: Placement, agreement: Agreement, actor) -> None:
    if agreement.fully_signed and placement.state == PlacementState.PROPOSED:
        workflow.move(placement, PlacementState.AGREED, actor,
                      note=f"Agreement version {agreement.version} signed by the shadow, the host and the "
                           "line manager or sponsor",
                      actor_label="The shadow's line manager or sponsor" if workflow.is_system(actor) else "")


def agreement_manager_token(agreement: Agreement) -> str:
    return signing.dumps({"a": agreement.pk, "v": agreement.version}, salt=AGREEMENT_SALT, compress=True)


def agreement_from_manager_token(token: str) -> Agreement:
    """The agreement a line manager's link is for. Raises signing.SignatureExpired (too old) or
    signing.BadSignature (tampered, or the agreement changed since the link was sent)."""
    data = signing.loads(token, salt=AGREEMENT_SALT, max_age=AGREEMENT_LINK_MAX_AGE)
    agreement = (Agreement.objects.select_related("placement__round", "placement__offer__organisation",
                                                  "placement__shadow", "placement__interest")
                 .filter(pk=data.get("a")).first())
    if agreement is None or agreement.version != data.get("v"):
        raise signing.BadSignature("The agreement has changed since this link was sent.")
    return agreement


def manager_sign(token: str) -> Agreement:
    """The line manager or sponsor signs through their link (no account). They may sign only once the shadow
    and the host have; a changed agreement makes the old link invalid."""
    agreement = agreement_from_manager_token(token)
    with transaction.atomic():
        placement = _lock_placement(agreement.placement)
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.version != signing.loads(token, salt=AGREEMENT_SALT)["v"]:
            raise signing.BadSignature("The agreement has changed since this link was sent.")
        _require_proposed(placement)
        if not (agreement.shadow_signed_at and agreement.host_signed_at):
            raise ValidationError("The shadow and the host must sign first.")
        if agreement.manager_signed_at is None:
            agreement.manager_signed_at = timezone.now()
            agreement.save(update_fields=["manager_signed_at", "updated_at"])
        _agree_if_signed(placement, agreement, workflow.SYSTEM)
    return agreement


# --- visits -----------------------------------------------------------------------------------------------

REMINDER_DAYS = 3


def visits_due(today=None) -> int:
    """For beat: an agreed placement whose first visit day has passed is under way (a move by the Academy);
    each visit in the next REMINDER_DAYS days is reminded to the shadow and the host, once (the notification
    key names the visit, its date and the side). Returns the number of reminders newly recorded."""
    today = today or _today()
    started = (Placement.objects.filter(state=PlacementState.AGREED, visits__on__lt=today,
                                        visits__cancelled_at__isnull=True)
               .values_list("pk", flat=True).distinct())
    for pk in list(started):
        with transaction.atomic():
            placement = Placement.objects.select_for_update().get(pk=pk)
            if placement.state == PlacementState.AGREED:
                workflow.move(placement, PlacementState.IN_PROGRESS, workflow.SYSTEM,
                              note="The first visit has happened")
    sent = 0
    upcoming = (Visit.objects.filter(placement__state__in=(PlacementState.AGREED, PlacementState.IN_PROGRESS),
                                     on__gte=today, on__lte=today + timedelta(days=REMINDER_DAYS),
                                     cancelled_at__isnull=True)
                .select_related("placement__round", "placement__shadow", "placement__offer__host",
                                "placement__offer__organisation", "placement__agreement")
                .order_by("on", "pk"))
    for visit in upcoming:
        placement = visit.placement
        offer = placement.offer
        path = reverse("shadowing:placement", args=[placement.pk])
        context = {
            "number": visit.number, "day": nhs_date(visit.on), "setting": offer.setting,
            "organisation": offer.organisation.name, "shadow_name": placement.shadow.get_full_name(),
            "host_name": offer.host.get_full_name(),
            "practical_arrangements": placement.agreement.practical_arrangements, "path": path,
        }
        with transaction.atomic():
            for side, person in (("shadow", placement.shadow), ("host", offer.host)):
                sent += email_user_after_commit(
                    f"shadowing:visit:{visit.pk}:{visit.on:%Y-%m-%d}:reminder:{side}", "shadowing_visit_reminder",
                    person, context | {"side": side}, link=path,
                )
    return sent


# --- after the agreement: visits changed, reflections, completion, the follow-up, chasing -----------------

LIVE_STATES = (PlacementState.AGREED, PlacementState.IN_PROGRESS)
FOLLOW_UP_MONTHS = 3
CHASE_AGAIN_AFTER = timedelta(days=7)


def add_months(day, months: int):
    """The same day ``months`` later (the month's last day when it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _party_visit(actor, visit: Visit):
    """The locked placement, the locked visit and the actor's side; anyone but the two sides is refused."""
    placement = _lock_placement(visit.placement)
    side = _require_party(actor, placement)
    visit = Visit.objects.select_for_update().get(pk=visit.pk, placement=placement)
    return placement, visit, side


def _require_live(placement: Placement) -> None:
    if placement.state not in LIVE_STATES:
        raise ValidationError(f"This placement {PLACEMENT_WORKFLOW.now[placement.state]}: its visits cannot change.")


def _require_changeable(visit: Visit) -> None:
    if visit.cancelled_at is not None:
        raise ValidationError("This visit is cancelled.")
    if visit.on < _today():
        raise ValidationError("This visit has happened: a visit in the past cannot be changed.")


def rearrange_visit(actor, visit: Visit, *, day, reason: str) -> VisitChange:
    """Either side moves a visit that has not happened to another day inside the round's visits (not in the
    past, not a day another visit is on). The other side and the line manager or sponsor are told once, with
    the new .ics (same UID, SEQUENCE one more)."""
    reason = (reason or "").strip()
    with transaction.atomic():
        placement, visit, side = _party_visit(actor, visit)
        _require_live(placement)
        _require_changeable(visit)
        errors = {}
        round_ = placement.round
        if not reason:
            errors["reason"] = "Enter why the visit is being rearranged"
        if day is None:
            errors["day"] = "Enter the new date of the visit"
        elif day == visit.on:
            errors["day"] = "Choose a different day from the one the visit is on now"
        elif day < _today():
            errors["day"] = "The new date must be today or later"
        elif not round_.visits_from <= day <= round_.visits_until:
            errors["day"] = (f"The new date must be between {nhs_date(round_.visits_from)} and "
                             f"{nhs_date(round_.visits_until)}, the round's visits")
        elif placement.visits.filter(on=day, cancelled_at__isnull=True).exclude(pk=visit.pk).exists():
            errors["day"] = "Another visit is on that day: choose a different day"
        if errors:
            raise ValidationError(errors)
        change = VisitChange.objects.create(visit=visit, kind=VisitChange.Kind.REARRANGED, from_day=visit.on,
                                            to_day=day, reason=reason, changed_by=actor)
        visit.on = day
        visit.sequence += 1
        visit.save(update_fields=["on", "sequence"])
        _tell_visit_change(placement, visit, change, side)
    return change


def cancel_visit(actor, visit: Visit, *, reason: str) -> VisitChange:
    """Either side cancels a visit that has not happened, with a reason. The other side and the line manager
    or sponsor are told once, with a cancellation .ics (METHOD:CANCEL). The last visit left cannot be
    cancelled: rearrange it instead."""
    reason = (reason or "").strip()
    with transaction.atomic():
        placement, visit, side = _party_visit(actor, visit)
        _require_live(placement)
        _require_changeable(visit)
        if not reason:
            raise ValidationError({"reason": "Enter why the visit is being cancelled"})
        if not placement.visits.filter(cancelled_at__isnull=True).exclude(pk=visit.pk).exists():
            raise ValidationError("This is the only visit left: rearrange it instead of cancelling it.")
        change = VisitChange.objects.create(visit=visit, kind=VisitChange.Kind.CANCELLED, from_day=visit.on,
                                            reason=reason, changed_by=actor)
        visit.cancelled_at = timezone.now()
        visit.sequence += 1
        visit.save(update_fields=["cancelled_at", "sequence"])
        _tell_visit_change(placement, visit, change, side)
        _complete_if_done(placement)
    return change


def cancel_placement(actor, placement: Placement, *, reason: str) -> Placement:
    """The shadow, the host or the shadowing programme's admin cancels a placement that is proposed, agreed or
    under way, with a reason (a completed placement cannot be cancelled). Through the workflow (logged); every
    visit still to come is cancelled, so it gets no reminders and its .ics is a cancellation; the host's place
    is free again (a cancelled placement does not count against the offer's capacity). The other side(s) and
    the shadow's line manager or sponsor are emailed once, after the commit, with a METHOD:CANCEL .ics for
    each visit still to come. Locked, so two cancellations at once make one transition and one set of
    emails."""
    reason = (reason or "").strip()
    require_signed_in(actor)
    with transaction.atomic():
        placement = _lock_placement(placement)
        if placement.shadow_id == actor.pk:
            side = "shadow"
        elif placement.offer.host_id == actor.pk:
            side = "host"
        elif is_shadowing_admin(actor):
            side = "admin"
        else:
            raise PermissionDenied("Only the shadow, the host or the programme's admins can cancel this placement.")
        if placement.state == PlacementState.COMPLETED:
            raise ValidationError("This placement is completed: a completed placement cannot be cancelled.")
        if placement.state == PlacementState.CANCELLED:
            raise ValidationError("This placement is already cancelled.")
        if not reason:
            raise ValidationError({"reason": "Enter why the placement is being cancelled"})
        now = timezone.now()
        future = list(placement.visits.filter(cancelled_at__isnull=True, on__gte=_today()).order_by("on", "number"))
        for visit in future:
            visit.cancelled_at = now
            visit.sequence += 1
        Visit.objects.bulk_update(future, ["cancelled_at", "sequence"])
        placement.cancelled_at, placement.cancelled_by, placement.cancel_reason = now, actor, reason
        workflow.move(placement, PlacementState.CANCELLED, actor, note=f"Cancelled by {CANCELLED_BY[side]}",
                      update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
        _tell_placement_cancelled(placement, future, side, actor)
    return placement


CANCELLED_BY = {"shadow": "the shadow", "host": "the host", "admin": "the shadowing programme's admin"}


def _tell_placement_cancelled(placement: Placement, future: list[Visit], side: str, actor) -> None:
    offer = placement.offer
    path = reverse("shadowing:placement", args=[placement.pk])
    by_name = actor.get_full_name() if side != "admin" else "The shadowing programme's team"
    context = {
        "setting": offer.setting, "organisation": offer.organisation.name, "round_name": placement.round.name,
        "shadow_name": placement.shadow.get_full_name(), "host_name": offer.host.get_full_name(),
        "cancelled_by": by_name, "reason": placement.cancel_reason, "path": path,
        "visits": [f"Visit {visit.number}: {nhs_date(visit.on)}" for visit in future],
        "attachments": [{
            "filename": f"shadowing-visit-{visit.number}.ics", "mimetype": "text/calendar",
            "content": visit_calendar(placement, visit, cancel=True),
        } for visit in future],
    }
    told = {"shadow": [offer.host], "host": [placement.shadow], "admin": [placement.shadow, offer.host]}[side]
    for person in told:
        who = "shadow" if person.pk == placement.shadow_id else "host"
        email_user_after_commit(f"shadowing:placement-cancelled:{placement.pk}:{who}", "shadowing_placement_cancelled",
                                person, context | {"side": who}, link=path)
    interest = placement.interest
    if interest.line_manager_email:
        send_after_commit(f"shadowing:placement-cancelled:{placement.pk}:manager",
                          "shadowing_placement_cancelled_manager", interest.line_manager_email,
                          context | {"line_manager_name": interest.line_manager_name})


def _tell_visit_change(placement: Placement, visit: Visit, change: VisitChange, side: str) -> None:
    offer = placement.offer
    cancelled = change.kind == VisitChange.Kind.CANCELLED
    path = reverse("shadowing:placement", args=[placement.pk])
    actor_name = (placement.shadow if side == "shadow" else offer.host).get_full_name()
    context = {
        "number": visit.number, "cancelled": cancelled, "from_day": nhs_date(change.from_day),
        "to_day": nhs_date(change.to_day) if change.to_day else "", "reason": change.reason,
        "changed_by": actor_name, "setting": offer.setting, "organisation": offer.organisation.name,
        "shadow_name": placement.shadow.get_full_name(), "host_name": offer.host.get_full_name(), "path": path,
        "attachments": [{
            "filename": f"shadowing-visit-{visit.number}.ics", "mimetype": "text/calendar",
            "content": visit_calendar(placement, visit, cancel=cancelled),
        }],
    }
    other = offer.host if side == "shadow" else placement.shadow
    email_user_after_commit(f"shadowing:visit-change:{change.pk}:other", "shadowing_visit_changed", other,
                            context, link=path)
    interest = placement.interest
    if interest.line_manager_email:
        send_after_commit(f"shadowing:visit-change:{change.pk}:manager", "shadowing_visit_changed_manager",
                          interest.line_manager_email, context | {"line_manager_name": interest.line_manager_name})


def _reflection_fields(side: str, data: dict) -> dict:
    values = {name: (data.get(name) or "").strip() for name in ("saw", "surprised", "differently")}
    errors = {}
    if side == "shadow":
        for name, message in (("saw", "Enter what you saw"), ("surprised", "Enter what surprised you"),
                              ("differently", "Enter what you will do differently")):
            if not values[name]:
                errors[name] = message
    else:
        values["surprised"] = values["differently"] = ""
        if not values["saw"]:
            errors["saw"] = "Enter a few words about the visit"
    if errors:
        raise ValidationError(errors)
    values["shared"] = bool(data.get("shared"))
    return values


def save_reflection(actor, visit: Visit, data: dict) -> Reflection:
    """The shadow (three questions) or the host (a short note) reflects on a visit once it has happened
    (the day after, never before). Private to its author unless they share it with the other side. When every
    visit has happened and the shadow has reflected on each, the placement is completed."""
    with transaction.atomic():
        placement, visit, side = _party_visit(actor, visit)
        if placement.state not in (*LIVE_STATES, PlacementState.COMPLETED):
            raise ValidationError(f"This placement {PLACEMENT_WORKFLOW.now[placement.state]}: there is nothing to "
                                  "reflect on.")
        if visit.cancelled_at is not None:
            raise ValidationError("This visit was cancelled: there is nothing to reflect on.")
        if visit.on >= _today():
            raise ValidationError(f"You can reflect on this visit from the day after it, {nhs_date(visit.on)}.")
        values = _reflection_fields(side, data)
        reflection, _ = Reflection.objects.update_or_create(
            visit=visit, side=side, defaults={**values, "author": actor},
        )
        _complete_if_done(placement)
    return reflection


def _complete_if_done(placement: Placement) -> bool:
    """Completed (by the Academy, in the transition log) once every visit left has happened and the shadow has
    reflected on each; the three-month follow-up is then due. The caller holds the placement's lock."""
    if placement.state not in LIVE_STATES:
        return False
    visits = list(placement.visits.filter(cancelled_at__isnull=True))
    today = _today()
    if not visits or any(v.on >= today for v in visits):
        return False
    reflected = set(Reflection.objects.filter(visit__in=visits, side="shadow").values_list("visit_id", flat=True))
    if len(reflected) < len(visits):
        return False
    if placement.state == PlacementState.AGREED:
        workflow.move(placement, PlacementState.IN_PROGRESS, workflow.SYSTEM, note="The first visit has happened")
    workflow.move(placement, PlacementState.COMPLETED, workflow.SYSTEM,
                  note="Every visit has happened and the shadow has reflected on each")
    last = max(v.on for v in visits)
    FollowUp.objects.get_or_create(placement=placement,
                                   defaults={"due_on": add_months(last, FOLLOW_UP_MONTHS)})
    return True


def follow_ups_due(today=None) -> int:
    """For beat: invite each shadow whose follow-up is due (three months after the last visit), once."""
    today = today or _today()
    invited = 0
    for pk in list(FollowUp.objects.filter(invited_at__isnull=True, due_on__lte=today).values_list("pk", flat=True)):
        with transaction.atomic():
            follow_up = (FollowUp.objects.select_for_update(of=("self",))
                         .select_related("placement__shadow", "placement__offer__organisation",
                                         "placement__offer__host", "placement__round").get(pk=pk))
            if follow_up.invited_at is not None:
                continue
            follow_up.invited_at = timezone.now()
            follow_up.save(update_fields=["invited_at"])
            placement = follow_up.placement
            path = reverse("shadowing:follow_up", args=[placement.pk])
            email_user_after_commit(f"shadowing:follow-up:{follow_up.pk}", "shadowing_follow_up", placement.shadow, {
                "setting": placement.offer.setting, "organisation": placement.offer.organisation.name,
                "host_name": placement.offer.host.get_full_name(), "round_name": placement.round.name,
                "path": path,
            }, link=path)
            invited += 1
    return invited


def answer_follow_up(actor, follow_up: FollowUp, data: dict) -> FollowUp:
    """The shadow answers (or changes) their follow-up, only once it has been invited."""
    require_signed_in(actor)
    with transaction.atomic():
        follow_up = FollowUp.objects.select_for_update().select_related("placement").get(pk=follow_up.pk)
        if follow_up.placement.shadow_id != actor.pk:
            raise PermissionDenied("Only the shadow answers the follow-up.")
        if follow_up.invited_at is None or follow_up.due_on > _today():
            raise ValidationError(f"The follow-up opens on {nhs_date(follow_up.due_on)}, three months after your "
                                  "last visit.")
        answer = (data.get("answer") or "").strip()
        if not answer:
            raise ValidationError({"answer": "Enter what you have done differently"})
        follow_up.answer = answer
        follow_up.may_use = bool(data.get("may_use"))
        follow_up.answered_at = follow_up.answered_at or timezone.now()
        follow_up.save(update_fields=["answer", "may_use", "answered_at"])
    return follow_up


def chase(actor, round_: Round) -> list[Chase]:
    """The admin chases everyone stuck in a round: one email a person, naming what waits for them, and nobody
    chased again within 7 days."""
    from programmes.shadowing.selectors import stuck_people  # noqa: PLC0415  (selectors import models only)

    require_admin(actor)
    with transaction.atomic():
        round_ = _lock_round(round_)
        if round_.state not in (RoundState.PUBLISHED, RoundState.CLOSED):
            raise ValidationError("There is nobody to chase until the round's matches are published.")
        stuck = stuck_people(round_)
        recent = set(Chase.objects.filter(round=round_, sent_at__gt=timezone.now() - CHASE_AGAIN_AFTER)
                     .values_list("person_id", flat=True))
        chases = []
        for person, what in stuck:
            if person.pk in recent:
                continue
            chase_ = Chase.objects.create(round=round_, person=person, sent_by=actor, what="\n".join(what))
            path = reverse("shadowing:mine")
            email_user_after_commit(f"shadowing:chase:{chase_.pk}", "shadowing_chase", person,
                                    {"round_name": round_.name, "what": what, "path": path}, link=path)
            chases.append(chase_)
        if not chases:
            raise ValidationError("There is nobody to chase: everyone stuck was chased in the last 7 days.")
    return chases
