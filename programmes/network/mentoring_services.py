"""Every write of the network's mentoring: offering to mentor, asking for a mentor, the admins' matching
(draft, pins and exclusions, comparison with random, publish), the pair's agreement and its no-fault end.

Each service takes the acting person, runs in one transaction and checks permission. Mentor capacity is
held with row locks, parent first: the mentor offers (in id order), then the requests."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date
from programmes.core import matching
from programmes.core.presenters import site_url
from programmes.network import mentoring
from programmes.network.models import (
    CHECKIN_MONTHS,
    LIVE_PAIR_STATES,
    PAIR_WORKFLOW,
    MembershipState,
    MentoringCheckIn,
    MentoringChoiceKind,
    MentoringDraft,
    MentoringDraftChoice,
    MentoringFormat,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    PairState,
    waiting_mentoring_requests,
)
from programmes.network.rules import ensure_network_admin

MAX_CAPACITY = 6


def _signed_in(actor) -> None:
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied


def _check_format(value: str) -> None:
    if value not in MentoringFormat.values:
        raise ValidationError({"format": "Choose in person, online, or either."})


def offer_to_mentor(actor, *, capacity: int, topics, format: str, experience: str = "") -> MentorOffer:  # noqa: A002
    """Offer to mentor: any signed-in leader may (alumni and C&CPLG members among them). One open offer a
    person."""
    _signed_in(actor)
    _check_format(format)
    if not 1 <= int(capacity) <= MAX_CAPACITY:
        raise ValidationError({"capacity": f"Offer to mentor between 1 and {MAX_CAPACITY} people at once."})
    try:
        with transaction.atomic():
            offer = MentorOffer.objects.create(
                mentor=actor, capacity=capacity, format=format, experience=experience
            )
            offer.topics.set(topics)
    except IntegrityError as exc:
        raise ValidationError("You have already offered to mentor: withdraw that offer to make a new one.") from exc
    return offer


def withdraw_offer(actor, offer: MentorOffer) -> MentorOffer:
    """The mentor stops being matched with new mentees; pairs already made go on."""
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
        if actor != offer.mentor:
            raise PermissionDenied
        if offer.withdrawn_at is None:
            offer.withdrawn_at = timezone.now()
            offer.save(update_fields=["withdrawn_at"])
    return offer


def edit_offer(actor, offer: MentorOffer, *, capacity: int, topics, format: str,  # noqa: A002
               experience: str = "") -> MentorOffer:
    """The mentor changes their open offer. The capacity never drops below the mentees they already have."""
    _check_format(format)
    if not 1 <= int(capacity) <= MAX_CAPACITY:
        raise ValidationError({"capacity": f"Offer to mentor between 1 and {MAX_CAPACITY} people at once."})
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
        if actor != offer.mentor:
            raise PermissionDenied
        if offer.withdrawn_at is not None:
            raise ValidationError("This offer has been withdrawn: make a new one.")
        held = offer.pairs.filter(state__in=LIVE_PAIR_STATES).count()
        if int(capacity) < held:
            raise ValidationError({"capacity": f"You already mentor {held}: offer at least {held}."})
        offer.capacity, offer.format, offer.experience = capacity, format, experience
        offer.save(update_fields=["capacity", "format", "experience"])
        offer.topics.set(topics)
    return offer


def ask_for_mentor(actor, *, topics, format: str, hopes: str = "") -> MentoringRequest:  # noqa: A002
    """A network member asks for a mentor. One open request a person."""
    _signed_in(actor)
    _check_format(format)
    if not actor.network_memberships.filter(state=MembershipState.ACCEPTED).exists():
        raise ValidationError("Mentoring is for members of the network: join the network first.")
    try:
        with transaction.atomic():
            request = MentoringRequest.objects.create(mentee=actor, format=format, hopes=hopes)
            request.topics.set(topics)
    except IntegrityError as exc:
        raise ValidationError("You have already asked for a mentor.") from exc
    return request


def withdraw_request(actor, request: MentoringRequest) -> MentoringRequest:
    with transaction.atomic():
        request = MentoringRequest.objects.select_for_update().get(pk=request.pk)
        if actor != request.mentee:
            raise PermissionDenied
        if request.withdrawn_at is None:
            request.withdrawn_at = timezone.now()
            request.save(update_fields=["withdrawn_at"])
    return request


# --- the admins' matching ------------------------------------------------------------------------------


def _profile_fields(prefix: str) -> list[str]:
    return [f"{prefix}__email", f"{prefix}__profile__line_manager_email", f"{prefix}__profile__organisation_id",
            f"{prefix}__profile__profession_id", f"{prefix}__profile__borough_id"]


def _sides(queryset, person: str, capacity: bool) -> list[mentoring.Side]:
    """The open offers or requests as matcher sides (2 queries: the rows, then their topics)."""
    fields = ["pk", f"{person}_id", *_profile_fields(person), "format"] + (["capacity"] if capacity else [])
    rows = list(queryset.order_by("pk").values_list(*fields))
    through = queryset.model.topics.through
    fk = f"{queryset.model._meta.model_name}_id"
    topics: dict[int, set[int]] = {}
    for owner, topic in through.objects.filter(**{f"{fk}__in": [r[0] for r in rows]}).values_list(
        fk, "priorityfunction_id"
    ):
        topics.setdefault(owner, set()).add(topic)
    return [
        mentoring.Side(
            key=r[0], person_id=r[1], email=r[2] or "", line_manager_email=r[3] or "", organisation_id=r[4],
            profession_id=r[5], borough_id=r[6], format=r[7], capacity=r[8] if capacity else 1,
            topics=frozenset(topics.get(r[0], ())),
        )
        for r in rows
    ]


def _room(offer_ids: Iterable[int]) -> dict[int, int]:
    taken = dict(
        MentoringPair.objects.filter(offer__in=list(offer_ids), state__in=LIVE_PAIR_STATES)
        .values_list("offer").annotate(n=Count("pk")).values_list("offer", "n")
    )
    return taken


@dataclass(frozen=True)
class Draft:
    """A proposed matching with the random baseline and the figures both are compared on."""

    problem: matching.Problem
    proposed: matching.Matching
    random: matching.Matching
    proposed_figures: matching.Figures
    random_figures: matching.Figures


def draft_matching(actor, *, pinned: Iterable[tuple[int, int]] = (), excluded: Iterable[tuple[int, int]] = (),
                   seed: int = 0) -> Draft:
    """The proposed matching of every open request never matched to every open offer with room,
    keeping the admin's pins (request id, offer id) and exclusions, and a random matching under the same
    hard rules to compare with. Reads only; re-run it as often as wanted."""
    ensure_network_admin(actor)
    requests = waiting_mentoring_requests()
    offers = MentorOffer.objects.filter(withdrawn_at__isnull=True)
    mentees = _sides(requests, "mentee", capacity=False)
    mentors = _sides(offers, "mentor", capacity=True)
    taken = _room(m.key for m in mentors)
    room = {m.key: m.capacity - taken.get(m.key, 0) for m in mentors}
    problem = mentoring.build(mentees, mentors, pinned=pinned, excluded=excluded, room=room)
    try:
        proposed = matching.solve(problem, time_limit=30.0)
        baseline = matching.random_matching(problem, seed=seed)
    except matching.MatchingError as exc:
        raise ValidationError(str(exc)) from exc
    crossed = mentoring.boundaries_of(mentees, mentors)
    return Draft(
        problem=problem, proposed=proposed, random=baseline,
        proposed_figures=matching.summary(problem, proposed, boundaries=crossed),
        random_figures=matching.summary(problem, baseline, boundaries=crossed),
    )


def publish(actor, pairs: Iterable[tuple[int, int]]) -> list[MentoringPair]:
    """Make each (request id, offer id) pair a proposed mentoring pair. Locks the offers (in id order), then
    the requests, checks every hard rule again and counts the places taken under the lock, so two admins
    publishing at once never put more mentees with a mentor than they offered. If any pair no longer fits,
    nothing is published."""
    ensure_network_admin(actor)
    pairs = sorted(set(pairs))
    if not pairs:
        raise ValidationError("There are no pairs to publish: run the matching first.")
    with transaction.atomic():
        offers = {
            o.pk: o for o in MentorOffer.objects.select_for_update().filter(pk__in={p[1] for p in pairs}).order_by("pk")
        }
        requests = {
            r.pk: r for r in MentoringRequest.objects.select_for_update()
            .filter(pk__in={p[0] for p in pairs}).order_by("pk")
        }
        taken = _room(offers)
        mentors = {s.key: s for s in _sides(MentorOffer.objects.filter(pk__in=offers), "mentor", capacity=True)}
        mentees = {
            s.key: s for s in _sides(MentoringRequest.objects.filter(pk__in=requests), "mentee", capacity=False)
        }
        # Any pair, live or ended: a request that had a pair is done (its mentee asks again to be matched).
        live = set(MentoringPair.objects.filter(request__in=requests).values_list("request_id", flat=True))
        made, seen = [], set()
        for request_id, offer_id in pairs:
            offer, request = offers.get(offer_id), requests.get(request_id)
            if offer is None or request is None or offer.withdrawn_at or request.withdrawn_at:
                raise ValidationError("An offer or a request in the matching has been withdrawn: run it again.")
            if request_id in live or request_id in seen:
                raise ValidationError("A mentee in the matching already has a mentor: run the matching again.")
            reason = mentoring.why_not(mentees[request_id], mentors[offer_id])
            if reason:
                raise ValidationError(reason)
            taken[offer_id] = taken.get(offer_id, 0) + 1
            if taken[offer_id] > offer.capacity:
                raise ValidationError(
                    f"{offer.mentor.get_full_name() or 'A mentor'} has no room left for another mentee: "
                    "run the matching again."
                )
            seen.add(request_id)
            made.append(MentoringPair(offer=offer, request=request, mentor_id=offer.mentor_id,
                                      mentee_id=request.mentee_id, matched_by=workflow.user_or_none(actor)))
        MentoringPair.objects.bulk_create(made)
        for pair in made:
            workflow.start(pair, actor, note="Published from the matching")
        people = {u.pk: u for u in get_user_model().objects.filter(
            pk__in={p.mentor_id for p in made} | {p.mentee_id for p in made})}
        for pair in made:
            link = reverse("network:mentoring_pair", args=[pair.pk])
            for person, other, as_mentor in ((people[pair.mentor_id], people[pair.mentee_id], True),
                                             (people[pair.mentee_id], people[pair.mentor_id], False)):
                email_user_after_commit(
                    f"network:mentoring_matched:{pair.pk}:{person.pk}", "network_mentoring_matched", person,
                    {"other": other.get_full_name() or other.email, "other_email": other.email,
                     "as_mentor": as_mentor, "url": site_url(link)},
                    link=link,
                )
    return made


# --- the shared draft (pins, exclusions and runs kept in the database) ------------------------------------


def _choice_list() -> list[list]:
    return sorted([k, r, o] for k, r, o in MentoringDraftChoice.objects.values_list("kind", "request_id", "offer_id"))


def choose_pair(actor, request: MentoringRequest, offer: MentorOffer, kind: str) -> MentoringDraftChoice:
    """A network admin pins a pair (it must be made) or excludes it (it must not), for every admin's next
    run. A pin that breaks a hard rule, or gives a mentor more pinned mentees than they have room for, is
    refused; pinning a mentee to a mentor replaces their other pin."""
    ensure_network_admin(actor)
    if kind not in MentoringChoiceKind.values:
        raise ValidationError("Choose whether the pair must be made or must not.")
    with transaction.atomic():
        offer = MentorOffer.objects.select_for_update().get(pk=offer.pk)
        request = MentoringRequest.objects.get(pk=request.pk)
        if offer.withdrawn_at or not waiting_mentoring_requests().filter(pk=request.pk).exists():
            raise ValidationError("Choose a mentee who is waiting and a mentor whose offer is open.")
        if kind == MentoringChoiceKind.PIN:
            mentee = _sides(MentoringRequest.objects.filter(pk=request.pk), "mentee", capacity=False)[0]
            mentor = _sides(MentorOffer.objects.filter(pk=offer.pk), "mentor", capacity=True)[0]
            reason = mentoring.why_not(mentee, mentor)
            if reason:
                raise ValidationError(reason)
            pins = MentoringDraftChoice.objects.filter(kind=MentoringChoiceKind.PIN, offer=offer).exclude(
                request=request)
            room = offer.capacity - _room([offer.pk]).get(offer.pk, 0)
            if pins.count() >= room:
                raise ValidationError("This mentor has no room for another pinned mentee: remove a pin first.")
            MentoringDraftChoice.objects.filter(kind=MentoringChoiceKind.PIN, request=request).exclude(
                offer=offer).delete()
        choice, _ = MentoringDraftChoice.objects.update_or_create(
            request=request, offer=offer, defaults={"kind": kind, "made_by": workflow.user_or_none(actor)},
        )
    return choice


def remove_choice(actor, choice: MentoringDraftChoice) -> None:
    ensure_network_admin(actor)
    MentoringDraftChoice.objects.filter(pk=choice.pk).delete()


def _figures_dict(f: matching.Figures) -> dict:
    return {"pairs": f.pairs, "unmatched": f.unmatched, "mean_boundaries": round(f.mean_boundaries, 2),
            "mean_score": round(f.mean_score, 2)}


def run_draft(actor, *, seed: int = 0) -> MentoringDraft:
    """Run the matcher with the pins and exclusions every admin sees, and keep the run (its pairs with the
    boundaries each crosses, its figures and a random matching's) for every admin. Nothing is sent."""
    ensure_network_admin(actor)
    choices = _choice_list()
    pinned = [(r, o) for k, r, o in choices if k == MentoringChoiceKind.PIN]
    excluded = [(r, o) for k, r, o in choices if k == MentoringChoiceKind.EXCLUDE]
    started = time.perf_counter()
    draft = draft_matching(actor, pinned=pinned, excluded=excluded, seed=seed)
    seconds = time.perf_counter() - started
    mentees = {s.key: s for s in _sides(MentoringRequest.objects.filter(pk__in={p[0] for p in draft.proposed.pairs}),
                                        "mentee", capacity=False)}
    mentors = {s.key: s for s in _sides(MentorOffer.objects.filter(pk__in={p[1] for p in draft.proposed.pairs}),
                                        "mentor", capacity=True)}
    return MentoringDraft.objects.create(
        run_by=workflow.user_or_none(actor), choices=choices, seconds=round(seconds, 3),
        pairs=[[r, o, mentoring.crossed(mentees[r], mentors[o])] for r, o in draft.proposed.pairs],
        figures=_figures_dict(draft.proposed_figures), random_figures=_figures_dict(draft.random_figures),
    )


def latest_draft() -> MentoringDraft | None:
    return MentoringDraft.objects.first()


def draft_is_stale(draft: MentoringDraft) -> bool:
    """Whether pins or exclusions changed since the draft was run."""
    return draft.choices != _choice_list()


def publish_draft(actor) -> list[MentoringPair]:
    """Publish the latest draft through ``publish`` (which checks every rule again under locks). The draft
    row is locked first, so two admins publishing at once publish it once; a draft run before the pins or
    exclusions last changed is stale and publishes nothing. Once published, the draft and the choices go."""
    ensure_network_admin(actor)
    with transaction.atomic():
        draft = MentoringDraft.objects.select_for_update().order_by("-run_at", "-pk").first()
        if draft is None or not draft.pairs:
            raise ValidationError("There is no draft with pairs to publish: run the matching first.")
        if draft_is_stale(draft):
            raise ValidationError("The pins or exclusions changed since the matching was run: run it again first.")
        made = publish(actor, [(p[0], p[1]) for p in draft.pairs])
        MentoringDraft.objects.all().delete()
        MentoringDraftChoice.objects.all().delete()
    return made


# --- the pair ------------------------------------------------------------------------------------------


def _lock_pair_for_side(actor, pair: MentoringPair) -> MentoringPair:
    _signed_in(actor)
    pair = MentoringPair.objects.select_for_update().get(pk=pair.pk)
    if actor.pk not in (pair.mentor_id, pair.mentee_id):
        raise PermissionDenied
    return pair


def agree(actor, pair: MentoringPair, *, goals: str, frequency: str, confidentiality: str, ends_on) -> MentoringPair:
    """One side agrees the terms (goals, how often, what stays between them, an end date). If they change
    what the other side agreed, the other side's agreement is cleared and they are asked again; when both
    have agreed the same terms, the pair starts."""
    errors = {}
    if not goals.strip():
        errors["goals"] = "Say what the mentoring is for."
    if not frequency.strip():
        errors["frequency"] = "Say how often you will meet."
    if not confidentiality.strip():
        errors["confidentiality"] = "Say what stays between you."
    if ends_on is None or ends_on <= timezone.localdate():
        errors["ends_on"] = "The end date must be in the future."
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        pair = _lock_pair_for_side(actor, pair)
        if pair.state != PairState.PROPOSED:
            raise ValidationError(PAIR_WORKFLOW.already.get(pair.state, "This mentoring has already started."))
        terms = (goals, frequency, confidentiality, ends_on)
        if (pair.goals, pair.frequency, pair.confidentiality, pair.ends_on) != terms:
            pair.goals, pair.frequency, pair.confidentiality, pair.ends_on = terms
            pair.mentor_agreed_at = pair.mentee_agreed_at = None
        now = timezone.now()
        if actor.pk == pair.mentor_id:
            pair.mentor_agreed_at = now
        else:
            pair.mentee_agreed_at = now
        fields = ["goals", "frequency", "confidentiality", "ends_on", "mentor_agreed_at", "mentee_agreed_at"]
        if pair.mentor_agreed_at and pair.mentee_agreed_at:
            pair.started_at = now
            workflow.move(pair, PairState.ACTIVE, actor, note="Both agreed", update_fields=[*fields, "started_at"])
        else:
            pair.save(update_fields=fields)
    return pair


def end_pair(actor, pair: MentoringPair) -> MentoringPair:
    """Either side ends the mentoring at any time: no fault and no reason asked (none is stored)."""
    with transaction.atomic():
        pair = _lock_pair_for_side(actor, pair)
        pair.ended_at = timezone.now()
        workflow.move(pair, PairState.ENDED, actor, update_fields=["ended_at"])
        # The request is done: its mentee is not waiting for a mentor again unless they ask anew.
        MentoringRequest.objects.filter(pk=pair.request_id, withdrawn_at__isnull=True).update(
            withdrawn_at=pair.ended_at)
        pair = MentoringPair.objects.select_related("mentor", "mentee").get(pk=pair.pk)
        other = pair.mentee if actor.pk == pair.mentor_id else pair.mentor
        link = reverse("network:mentoring")
        email_user_after_commit(
            f"network:mentoring_ended:{pair.pk}",
            "network_mentoring_ended",
            other,
            {"who": actor.get_full_name() or actor.email, "mentor_side": other.pk == pair.mentor_id,
             "url": site_url(link)},
            link=link,
        )
    return pair


# --- check-ins at 1, 3 and 6 months ---------------------------------------------------------------------

CHECKIN_WINDOW_DAYS = 28  # an invitation is not sent for a check-in due longer ago than this


def checkin_due_on(pair: MentoringPair, months: int):
    """The day a check-in becomes due: that many months after the pair started (London dates); None before
    the pair starts."""
    if pair.started_at is None:
        return None
    return timezone.localdate(pair.started_at) + relativedelta(months=months)


def checkin_open(pair: MentoringPair, months: int, today=None) -> bool:
    """Whether a check-in can be answered now: it is one of 1, 3 or 6 months, it is due, and the pair had
    not ended before it came due."""
    today = today or timezone.localdate()
    due = checkin_due_on(pair, months) if months in CHECKIN_MONTHS else None
    if due is None or due > today:
        return False
    return pair.ended_at is None or timezone.localdate(pair.ended_at) >= due


def check_in(actor, pair: MentoringPair, *, months: int, met: bool, useful: int) -> MentoringCheckIn:
    """One side answers a due check-in (did you meet? is it useful, 1 to 5?), once."""
    if useful is None or not 1 <= int(useful) <= 5:
        raise ValidationError({"useful": "Choose how useful the mentoring is, from 1 to 5."})
    with transaction.atomic():
        pair = _lock_pair_for_side(actor, pair)
        if not checkin_open(pair, months):
            raise ValidationError("This check-in is not due yet.")
        if MentoringCheckIn.objects.filter(pair=pair, person=actor, months=months).exists():
            raise ValidationError("You have already answered this check-in.")
        return MentoringCheckIn.objects.create(pair=pair, person=actor, months=months, met=met, useful=useful)


def invite_checkins(today=None) -> int:
    """Daily: email each side of every started pair whose 1, 3 or 6-month check-in has come due (within the
    last four weeks) and which they have not answered. The email's key names the pair, the month and the
    person, so each invitation goes once however often this runs. Returns how many were newly sent."""
    today = today or timezone.localdate()
    earliest = today - relativedelta(months=max(CHECKIN_MONTHS)) - dt.timedelta(days=CHECKIN_WINDOW_DAYS)
    pairs = (
        MentoringPair.objects.filter(started_at__date__gte=earliest, started_at__isnull=False)
        .exclude(state=PairState.PROPOSED)
        .select_related("mentor", "mentee")
    )
    answered = set(
        MentoringCheckIn.objects.filter(pair__in=pairs).values_list("pair_id", "person_id", "months")
    )
    sent = 0
    for pair in pairs:
        for months in CHECKIN_MONTHS:
            due = checkin_due_on(pair, months)
            if not checkin_open(pair, months, today) or (today - due).days > CHECKIN_WINDOW_DAYS:
                continue
            if pair.state == PairState.ENDED:
                continue
            for person in (pair.mentor, pair.mentee):
                if (pair.pk, person.pk, months) in answered:
                    continue
                link = reverse("network:mentoring_checkin", args=[pair.pk, months])
                with transaction.atomic():
                    sent += email_user_after_commit(
                        f"network:mentoring_checkin:{pair.pk}:{months}:{person.pk}",
                        "network_mentoring_checkin",
                        person,
                        {"months": months, "due": nhs_date(due), "url": site_url(link)},
                        link=link,
                    )
    return sent
