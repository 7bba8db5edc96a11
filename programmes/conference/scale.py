"""The conference at scale (issue 11, ``seed_scale``): one edition with 100 proposals per unit of ``factor`` (1,000
at factor 10) by scale leaders, a closed review phase with about three reviews a proposal, decisions sent (about
12% accepted), a released schedule placing the accepted sessions (all but a few) across eight rooms and two days,
four ticket types and up to 200 registrations per unit of ``factor`` (2,000 at factor 10: one for every scale
leader), and favourites. Written with bulk_create, with each proposal's and registration's state recorded in the
workflow log in bulk too. The query-budget tests build the same edition, small and large, with
:func:`build_scale_edition`.

Nothing here sends email: the data is made directly, as ``seed_scale`` makes every app's."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.text import slugify

from academy import workflow
from academy.workflow.models import Transition
from programmes.conference import schedule_selectors
from programmes.conference.models import (
    PLACE_HOLDING_STATES,
    PROPOSAL_WORKFLOW,
    REGISTRATION_WORKFLOW,
    Call,
    Decision,
    DecisionSent,
    Edition,
    EditionState,
    Favourite,
    Placement,
    Proposal,
    ProposalState,
    Registration,
    RegistrationState,
    Review,
    Reviewer,
    ReviewPhase,
    ReviewScore,
    Room,
    ScheduleVersion,
    ScoreCategory,
    SessionKind,
    SessionType,
    Theme,
    TicketType,
)

SCALE_EDITION_PREFIX = "Scale test conference"
SCALE_ROOMS = [("Great Hall", 400), ("Greenwood Theatre", 180), *((f"Seminar room {n}", 40) for n in range(1, 7))]
SCALE_THEMES = [
    "Population health and tackling inequalities",
    "Joining up care across boundaries",
    "Growing the next generation of system leaders",
    "Quality, safety and learning",
]
SCALE_TYPES = [  # kind, minutes, share of proposals (out of 10)
    (SessionKind.TALK, 20, 4),
    (SessionKind.WORKSHOP, 75, 2),
    (SessionKind.PANEL, 45, 1),
    (SessionKind.POSTER, 10, 2),
    (SessionKind.LIGHTNING, 5, 1),
]
SCALE_CATEGORIES = [  # name, weight, independent
    ("Relevance to south east London's priorities", 3, False),
    ("What others can learn from it", 2, False),
    ("Clarity", 1, False),
    ("Suits a first-time speaker", 1, True),
]
SCALE_TICKETS = [  # name, share of capacity (of the registrations), needs approval, share of people (of 20)
    ("C&CP leader", 0.75, False, 14),
    ("Managerial or executive", 0.2, False, 3),
    ("VCSE", 0.05, False, 2),  # fills up: the rest wait
    ("Student", 0.1, True, 1),
]
# A small vocabulary for realistic titles: 8 openings x 12 subjects x 11 places, about 1,000 different titles.
OPENINGS = ["Joining up", "Rethinking", "Co-designing", "Measuring", "Scaling up", "Leading change in",
            "What we learned about", "Sharing the work of"]
SUBJECTS = ["frailty care", "hospital discharge", "mental health crisis support", "diabetes care",
            "maternity services", "end of life care", "children's community services", "virtual wards",
            "social prescribing", "workforce wellbeing", "population health data", "community pharmacy checks"]
PLACES = ["in Bexley", "in Bromley", "in Greenwich", "in Lambeth", "in Lewisham", "in Southwark",
          "across south east London", "across a primary care network", "with the voluntary sector",
          "with experts by experience", "across a provider collaborative"]
ABSTRACT = ("What we changed, with whom, and what the numbers and the people who use our services said. "
            "We will share what worked, what did not, and what others can take back to their own teams.")
DIETARY = ["", "", "", "Vegetarian", "", "Halal", "", "Gluten free", "", "Vegan"]
SCALE_NOTE = "Scale test data"


@dataclass(frozen=True)
class Person:
    """A scale person as the builder needs them: their account and what they register with."""

    user_id: int
    organisation: str
    profession: str


def _first_weekday(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _titles(rng: random.Random, count: int) -> list[str]:
    combos = [f"{o} {s} {p}" for o, s, p in itertools.product(OPENINGS, SUBJECTS, PLACES)]
    rng.shuffle(combos)
    return [combos[n % len(combos)] for n in range(count)]


def _log(model, machine, rows, now) -> None:
    """Each row's first state in the one transition log, in bulk (scale data starts in its state)."""
    content_type = ContentType.objects.get_for_model(model)
    Transition.objects.bulk_create(
        [Transition(content_type=content_type, object_id=row.pk, machine=machine.name, from_state="",
                    to_state=row.state, actor_label=workflow.SYSTEM.label, note=SCALE_NOTE, at=now) for row in rows],
        batch_size=2000,
    )


def _proposal_states(rng: random.Random, count: int, accepted: int) -> list[str]:
    """About ``accepted`` accepted (half of them confirmed by the speaker), 8% on the waiting list, 2% withdrawn,
    15% not decided yet, the rest turned down."""
    accepted = min(accepted, count)
    confirmed = accepted // 2
    waitlisted, withdrawn, undecided = count * 8 // 100, count * 2 // 100, count * 15 // 100
    states = ([ProposalState.CONFIRMED] * confirmed + [ProposalState.ACCEPTED] * (accepted - confirmed)
              + [ProposalState.WAITLISTED] * waitlisted + [ProposalState.WITHDRAWN] * withdrawn
              + [ProposalState.SUBMITTED] * undecided)
    states = states[:count] + [ProposalState.REJECTED] * max(count - len(states), 0)
    rng.shuffle(states)
    return states


def _edition(name: str, now) -> tuple[Edition, list[Room], list[Theme], dict[str, SessionType]]:
    first_day = _first_weekday(timezone.localdate(now) + dt.timedelta(days=90))
    edition = Edition.objects.create(
        name=name, slug=slugify(name)[:80], starts_on=first_day, ends_on=first_day + dt.timedelta(days=1),
        venue_name="ExCeL London (scale test)", description="Two days of talks, workshops, panels and posters.",
        state=EditionState.PUBLISHED,
    )
    Call.objects.create(edition=edition, guidance="Scale test: the call has closed.")
    rooms = Room.objects.bulk_create([Room(edition=edition, name=n, capacity=c) for n, c in SCALE_ROOMS])
    themes = Theme.objects.bulk_create([Theme(edition=edition, name=n) for n in SCALE_THEMES])
    closed = now - dt.timedelta(days=45)
    types = {
        kind: SessionType.objects.create(edition=edition, kind=kind, length_minutes=minutes, deadline=closed,
                                         max_co_speakers=2)
        for kind, minutes, _share in SCALE_TYPES
    }
    return edition, rooms, themes, types


def _reviews(rng, edition, proposals, reviewer_ids, now) -> int:
    """A closed review phase, the categories, the reviewers, and three reviews a proposal (one reviewer in
    forty declared a conflict instead; about one proposal in ten split its reviewers)."""
    ReviewPhase.objects.create(edition=edition, name="First review", opens_at=now - dt.timedelta(days=44),
                               closes_at=now - dt.timedelta(days=20))
    categories = ScoreCategory.objects.bulk_create([
        ScoreCategory(edition=edition, name=name, weight=weight, independent=independent)
        for name, weight, independent in SCALE_CATEGORIES
    ])
    Reviewer.objects.bulk_create([Reviewer(edition=edition, user_id=pk) for pk in reviewer_ids])
    reviews, marks = [], []
    cycle = itertools.cycle(reviewer_ids)
    for proposal in proposals:
        if proposal.state == ProposalState.WITHDRAWN:
            continue
        chosen = []
        while len(chosen) < min(3, len(reviewer_ids) - 1):
            pk = next(cycle)
            if pk != proposal.speaker_id and pk not in chosen:
                chosen.append(pk)
        base = 4 if proposal.state in schedule_selectors.SCHEDULABLE_STATES else rng.randint(1, 4)
        split = rng.random() < 0.1
        for index, pk in enumerate(chosen):
            conflicted = rng.random() < 0.025
            reviews.append(Review(
                proposal=proposal, reviewer_id=pk, conflicted=conflicted,
                conflict_reason="I work in the same team as the speaker." if conflicted else "",
                comment="" if conflicted else "Clear aims; say more about how it was evaluated.",
                submitted_at=None if conflicted else now - dt.timedelta(days=25),
            ))
            score = max(1, min(5, base + (2 if split and index == 0 else 0) + rng.choice((-1, 0, 0, 1))))
            marks.append(None if conflicted else score)
    Review.objects.bulk_create(reviews, batch_size=2000)
    ReviewScore.objects.bulk_create(
        [ReviewScore(review=review, category=category, score=max(1, min(5, mark + rng.choice((-1, 0, 0, 1)))))
         for review, mark in zip(reviews, marks, strict=True) if mark is not None for category in categories],
        batch_size=5000,
    )
    return len(reviews)


def _schedule(edition, rooms, accepted, now, *, unplaced: int) -> list[Placement]:
    """The accepted sessions placed room by room through both days, each starting on a row of the grid, all but
    ``unplaced`` of them (left for the team to place), then released as version 1."""
    hours = schedule_selectors.hours_of(edition)
    step = hours.slot_minutes
    slots = []  # (room, day) in order, each with its next free moment
    for day in schedule_selectors.edition_days(edition):
        for room in rooms:
            slots.append([room, schedule_selectors.london(day, hours.day_starts),
                          schedule_selectors.london(day, hours.day_ends)])
    placements, cursor = [], 0
    for proposal in accepted[: max(len(accepted) - unplaced, 0)]:
        minutes = proposal.session_type.length_minutes
        for offset in range(len(slots)):  # round the rooms and days, from the one after the last used
            index = (cursor + offset) % len(slots)
            room, starts, ends = slots[index]
            if starts + dt.timedelta(minutes=minutes) <= ends:
                placements.append(Placement(edition=edition, proposal=proposal, room=room, starts_at=starts))
                slots[index][1] = starts + dt.timedelta(minutes=-(-minutes // step) * step)
                cursor = index + 1
                break
    Placement.objects.bulk_create(placements)
    placed = list(schedule_selectors._placements(edition))
    snapshot = schedule_selectors.snapshot_of(placed)
    ScheduleVersion.objects.create(
        edition=edition, number=1, released_at=now - dt.timedelta(days=5), note="The first programme.",
        snapshot=snapshot, changelog=schedule_selectors.changelog({}, snapshot),
    )
    return placements


def _registrations(rng, edition, people: list[Person], now) -> list[Registration]:
    """Four ticket types sized for the crowd; each person takes one; a full type puts them on its waiting list;
    half the students are still awaiting approval."""
    total = len(people)
    opens = now - dt.timedelta(days=60)
    closes = timezone.make_aware(dt.datetime.combine(edition.starts_on, dt.time(9)))
    types = TicketType.objects.bulk_create([
        TicketType(edition=edition, name=name, capacity=max(int(total * share), 2), needs_approval=approval,
                   on_sale_from=opens, on_sale_until=closes)
        for name, share, approval, _people in SCALE_TICKETS
    ])
    plan = [t for t, (_n, _s, _a, weight) in zip(types, SCALE_TICKETS, strict=True) for _ in range(weight)]
    held = dict.fromkeys((t.pk for t in types), 0)
    rows = []
    for index, person in enumerate(people):
        ticket = plan[index % len(plan)]
        if held[ticket.pk] >= ticket.capacity:
            state = RegistrationState.WAITING
        elif ticket.needs_approval:
            state = RegistrationState.AWAITING_APPROVAL if index % 2 else RegistrationState.CONFIRMED
        else:
            state = RegistrationState.CONFIRMED
        if state in PLACE_HOLDING_STATES:
            held[ticket.pk] += 1
        rows.append(Registration(
            edition=edition, ticket_type=ticket, user_id=person.user_id, state=state,
            organisation=person.organisation or "NHS South East London ICB",
            profession=person.profession or "Nursing", dietary_needs=DIETARY[index % len(DIETARY)],
            decided_at=now if ticket.needs_approval and state == RegistrationState.CONFIRMED else None,
        ))
    registrations = Registration.objects.bulk_create(rows, batch_size=2000)
    for ticket in types:
        TicketType.objects.filter(pk=ticket.pk).update(places_held=held[ticket.pk])
    return registrations


def build_scale_edition(name: str, speakers: list[Person], people: list[Person], *, proposals: int,
                        accepted: int, reviewer_count: int = 10, unplaced: int = 4, seed: int = 11,
                        now=None) -> Edition:
    """One edition at scale (see the module's docstring): ``proposals`` proposals shared among ``speakers``,
    about ``accepted`` of them accepted and placed, a registration for each of ``people``."""
    rng = random.Random(seed)
    now = now or timezone.now()
    edition, rooms, themes, types = _edition(name, now)
    kinds = [types[kind] for kind, _minutes, share in SCALE_TYPES for _ in range(share)]
    states = _proposal_states(rng, proposals, accepted)
    submitted = now - dt.timedelta(days=50)
    rows = Proposal.objects.bulk_create(
        [Proposal(edition=edition, session_type=rng.choice(kinds), title=title, abstract=ABSTRACT,
                  speaker_id=speakers[n % len(speakers)].user_id, state=state, submitted_at=submitted)
         for n, (title, state) in enumerate(zip(_titles(rng, proposals), states, strict=True))],
        batch_size=2000,
    )
    Proposal.themes.through.objects.bulk_create(
        [Proposal.themes.through(proposal_id=p.pk, theme_id=themes[n % len(themes)].pk) for n, p in enumerate(rows)],
        batch_size=5000,
    )
    _log(Proposal, PROPOSAL_WORKFLOW, rows, now)
    speaker_ids = {s.user_id for s in speakers}
    reviewer_ids = [p.user_id for p in people if p.user_id not in speaker_ids][:reviewer_count] or \
        [p.user_id for p in people[:reviewer_count]]
    _reviews(rng, edition, rows, reviewer_ids, now)
    decisions = {ProposalState.ACCEPTED: Decision.ACCEPT, ProposalState.CONFIRMED: Decision.ACCEPT,
                 ProposalState.REJECTED: Decision.REJECT, ProposalState.WAITLISTED: Decision.WAITLIST}
    DecisionSent.objects.bulk_create(
        [DecisionSent(proposal=p, decision=decisions[p.state], sent_at=now - dt.timedelta(days=15))
         for p in rows if p.state in decisions],
        batch_size=2000,
    )
    chosen = sorted((p for p in rows if p.state in schedule_selectors.SCHEDULABLE_STATES), key=lambda p: p.pk)
    placements = _schedule(edition, rooms, chosen, now, unplaced=unplaced)
    registrations = _registrations(rng, edition, people, now)
    _log(Registration, REGISTRATION_WORKFLOW, registrations, now)
    placed = [p.proposal_id for p in placements]
    if placed:
        Favourite.objects.bulk_create(
            [Favourite(user_id=person.user_id, proposal_id=pk)
             for person in people[: len(people) // 2] for pk in rng.sample(placed, k=min(3, len(placed)))],
            batch_size=5000,
        )
    return edition


def clear_scale_editions() -> None:
    """Delete the scale editions and everything in them (before the scale leaders are deleted)."""
    editions = Edition.objects.filter(name__startswith=SCALE_EDITION_PREFIX)
    proposal_ids = list(Proposal.objects.filter(edition__in=editions).values_list("pk", flat=True))
    registration_ids = list(Registration.objects.filter(edition__in=editions).values_list("pk", flat=True))
    for model, ids in ((Proposal, proposal_ids), (Registration, registration_ids)):
        Transition.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id__in=ids).delete()
    Registration.objects.filter(pk__in=registration_ids).delete()
    Placement.objects.filter(edition__in=editions).delete()
    Proposal.objects.filter(pk__in=proposal_ids).delete()
    editions.delete()
