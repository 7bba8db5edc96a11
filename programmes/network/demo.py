"""Managed network demo data: a running intake (members accepted, applications waiting with their
supporters' answers, one declined), leader@ in the open network, a past Big Room with its table plan,
recording and slides, and a coming one with a table plan where leader@ has a seat. Idempotent: intakes
and events are found by name, memberships by person and tier; nothing that exists is changed."""

from __future__ import annotations

import datetime as dt
import random

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Q
from django.utils import timezone

from academy import workflow
from academy.accounts.models import Role, RoleAssignment, User
from academy.accounts.services import grant_role
from academy.directory.demo import (
    DEMO_BUILDERS,
    DEMO_DOMAIN,
    SCALE_BUILDERS,
    SCALE_CLEARERS,
    SCALE_DOMAIN,
    SeedContext,
    ensure_user,
)
from academy.directory.models import LeaderProfile, PriorityFunction
from academy.workflow.models import Transition
from programmes.core.grouping import propose_groups
from programmes.network import coaching_services, mentoring_services, selectors
from programmes.network.models import (
    LIVE_PAIR_STATES,
    MEMBERSHIP_WORKFLOW,
    PROGRAMME_SLUG,
    AccreditationBody,
    Coach,
    CoachingFor,
    CoachingFormat,
    CoachingRequest,
    CoachingUrgency,
    CoachStatus,
    Event,
    Intake,
    Membership,
    MembershipState,
    MentoringCheckIn,
    MentoringFormat,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    PairState,
    Rsvp,
    RsvpStatus,
    SupporterRole,
    Tier,
)
from programmes.network.services import TABLE_DIMENSIONS

INTAKE_NAME = "Next-generation leaders: spring 2027 intake"
HOPES = [
    "To understand how decisions are made across the ICS, and to meet people outside my trust.",
    "I lead a small team in community nursing and want to take on a borough-level role in the next two years.",
    "To find a mentor who has moved from frontline practice into system leadership.",
    "To connect with pharmacists and AHPs in other boroughs working on the same pathway problems.",
]


def _count(ctx: SeedContext, key: str, made: int) -> None:
    ctx.counts[key] = ctx.counts.get(key, 0) + made


def _seat(event: Event) -> None:
    if event.table_plan_made_at is not None:
        return
    tables = propose_groups(selectors.seating_people(event), event.table_size, dimensions=TABLE_DIMENSIONS)
    for number, table in enumerate(tables, start=1):
        Rsvp.objects.filter(pk__in=[p["id"] for p in table]).update(table_number=number)
    Event.objects.filter(pk=event.pk).update(table_plan_made_at=timezone.now())


def _event(ctx: SeedContext, title: str, **fields) -> tuple[Event, bool]:
    event = Event.objects.filter(title=title).first()
    if event is not None:
        return event, False
    _count(ctx, "network events created", 1)
    return Event.objects.create(title=title, **fields), True


def _rsvps(event: Event, people: list[User], *, at) -> None:
    going = event.rsvps.filter(status=RsvpStatus.GOING).count()
    for person in people:
        if Rsvp.objects.filter(event=event, person=person).exists():
            continue
        status = RsvpStatus.GOING if going < event.capacity else RsvpStatus.WAITING
        going += status == RsvpStatus.GOING
        Rsvp.objects.create(event=event, person=person, status=status,
                            waiting_since=at if status == RsvpStatus.WAITING else None)


def build_network(ctx: SeedContext) -> None:
    now = timezone.now()
    today = timezone.localdate()
    rng = random.Random(1313)
    functions = list(PriorityFunction.objects.order_by("number"))
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    profiles = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user=leader)
        .select_related("user")
        .order_by("pk")
    )
    people = [p.user for p in profiles]

    intake, created = Intake.objects.get_or_create(
        name=INTAKE_NAME,
        defaults={"opens_on": today - dt.timedelta(days=20), "closes_on": today + dt.timedelta(days=25),
                  "starts_on": today + dt.timedelta(days=60)},
    )
    _count(ctx, "network intakes created", created)
    made = 0
    plan = [MembershipState.ACCEPTED] * 8 + [MembershipState.APPLIED] * 5 + [MembershipState.DECLINED] * 2
    for index, (person, state) in enumerate(zip(people[:15], plan, strict=False)):
        if Membership.objects.filter(person=person, tier=Tier.INTAKE).exists():
            continue
        membership = Membership.objects.create(
            person=person, tier=Tier.INTAKE, intake=intake, state=MembershipState.APPLIED,
            hopes=HOPES[index % len(HOPES)],
            supporter_role=SupporterRole.LINE_MANAGER if index % 3 else SupporterRole.SPONSOR,
            supporter_name=f"{rng.choice(['Sam', 'Jo', 'Alex', 'Chris'])} {rng.choice(['Patel', 'Adeyemi', 'Murphy'])}",
            supporter_email=f"supporter{index}@example.nhs.uk",
            supporter_answered_at=now - dt.timedelta(days=3) if index % 4 else None,
            supporter_supports=True if index % 4 else None,
        )
        membership.interests.set(rng.sample(functions, 3))
        workflow.start(membership, person, note=f"Applied to {intake.name}")
        if state != MembershipState.APPLIED:
            membership.decided_at = now - dt.timedelta(days=2)
            workflow.move(membership, state, workflow.SYSTEM, update_fields=["decided_at"])
        made += 1
    for person in [leader, *people[15:40]]:
        if Membership.objects.filter(person=person, tier=Tier.OPEN).exists():
            continue
        membership = Membership.objects.create(person=person, tier=Tier.OPEN, state=MembershipState.ACCEPTED,
                                               decided_at=now - dt.timedelta(days=30))
        membership.interests.set(rng.sample(functions, 2))
        workflow.start(membership, person, note="Joined the open network")
        made += 1
    _count(ctx, "network memberships created", made)

    past_start = (now - dt.timedelta(days=42)).replace(hour=13, minute=30, second=0, microsecond=0)
    past, created = _event(
        ctx, "Big Room: winter pressures across south east London",
        summary="Frontline and early-career leaders from every borough, at round tables, on what winter looks like "
        "from each part of the system and what each of us can change.",
        starts_at=past_start, ends_at=past_start + dt.timedelta(hours=3, minutes=30),
        venue="Guy's Campus, King's College London, Great Maze Pond, SE1 1UL", capacity=60, table_size=8,
        recording_url="https://www.youtube.com/watch?v=sel-big-room-winter",
        slides_url="https://www.selondonics.org/academy/big-room-winter-slides.pdf",
    )
    if created:
        _rsvps(past, people[:48], at=past_start - dt.timedelta(days=7))
        _seat(past)
    coming_start = (now + dt.timedelta(days=23)).replace(hour=9, minute=30, second=0, microsecond=0)
    coming, created = _event(
        ctx, "Big Room: joining up care for people with long-term conditions",
        summary="A morning with people from as many organisations as possible: acute, community, mental health, "
        "primary care, local authorities and the voluntary sector. Tables are mixed so you meet new people.",
        starts_at=coming_start, ends_at=coming_start + dt.timedelta(hours=3),
        venue="Woolwich Centre, 35 Wellington Street, SE18 6HQ", capacity=32, table_size=8,
    )
    if created:
        _rsvps(coming, [leader, *people[5:36]], at=now - dt.timedelta(days=1))
        _seat(coming)
    Event.objects.get_or_create(
        title="Big Room: prevention and population health",
        defaults={
            "summary": "Our spring Big Room, with public health teams from the six boroughs.",
            "starts_at": coming_start + dt.timedelta(days=90),
            "ends_at": coming_start + dt.timedelta(days=90, hours=3),
            "venue": "Lewisham Civic Suite, Catford Road, SE6 4RU", "capacity": 80, "table_size": 8,
        },
    )
    _mentoring(ctx, people, functions, rng)
    _coaching(ctx, leader, people)
    _mentoring_under_way(ctx, leader, people, functions)


MENTOR_EXPERIENCE = [
    "Borough director for community services; before that a district nurse for twelve years.",
    "Clinical director of a primary care network and a member of the Clinical and Care Professional "
    "Leadership Group.",
    "Alumnus of the system leadership programme; now leads the ICS's discharge improvement work.",
    "Consultant pharmacist who chairs the medicines optimisation group across the six boroughs.",
    "Director of adult social care in a south east London borough.",
    "Mental health trust associate medical director, working on the 24/7 crisis pathway.",
]
MENTEE_HOPES = [
    "Someone outside my organisation to think with about moving into a borough-level role.",
    "Help to understand how ICS decisions are made and where I can influence them.",
    "A mentor from social care: I have only ever worked in the NHS.",
    "To learn how to lead a change across organisations I do not manage.",
]


def _mentoring(ctx: SeedContext, people: list[User], functions, rng: random.Random) -> None:
    """Six mentors, ten mentees among the open network's members, matched by the optimiser and published;
    three pairs have agreed and started. Only once: nothing is added when a demo mentor offer exists."""
    if MentorOffer.objects.filter(mentor__email__endswith=f"@{DEMO_DOMAIN}").exists() or len(people) < 46:
        return
    formats = [MentoringFormat.EITHER, MentoringFormat.ONLINE, MentoringFormat.IN_PERSON]
    for index, mentor in enumerate(people[40:46]):
        mentoring_services.offer_to_mentor(
            mentor, capacity=1 + index % 3, topics=rng.sample(functions, 3), format=formats[index % 3],
            experience=MENTOR_EXPERIENCE[index],
        )
    for index, mentee in enumerate(people[20:30]):
        mentoring_services.ask_for_mentor(
            mentee, topics=rng.sample(functions, 2), format=formats[index % 3], hopes=MENTEE_HOPES[index % 4],
        )
    draft = mentoring_services.draft_matching(workflow.SYSTEM)
    pairs = mentoring_services.publish(workflow.SYSTEM, draft.proposed.pairs)
    for pair in pairs[:3]:
        for side in (pair.mentee, pair.mentor):
            mentoring_services.agree(
                side, pair, goals="To build a network across the boroughs and plan a move into a system role.",
                frequency="An hour once a month, online", confidentiality="Everything we discuss stays between us.",
                ends_on=timezone.localdate() + dt.timedelta(days=180),
            )
    _count(ctx, "mentoring pairs made", len(pairs))


COACHES = [
    (AccreditationBody.EMCC, "Senior Practitioner", "Leading across organisations; new to a system role"),
    (AccreditationBody.ICF, "Professional Certified Coach (PCC)", "Team coaching; clinical leaders"),
    (AccreditationBody.AC, "Accredited Coach", "Career transitions; women in leadership"),
    (AccreditationBody.ILM, "Level 7 Certificate in Executive Coaching", "Resilience; leading through change"),
]
COACHING_ASKS = [
    "I have just taken on a borough role and want to think through how to lead people I do not manage.",
    "Our new integrated discharge team has people from four organisations: we want to work as one team.",
    "Preparing to apply for a clinical director post next year.",
    "Finding my voice in system meetings where I am the most junior person in the room.",
    "Deciding whether to move from frontline practice into a leadership role.",
    "Leading my team through the merger of two community services.",
]


def _coaching(ctx: SeedContext, leader: User, people: list[User]) -> None:
    """The coaching lead (coaching-lead@, a Programme admin of the network), four accredited coaches
    (one paused) and requests in every state: leader@ coached since two months ago with sessions logged,
    a team under way, one ended, one offered to a coach, two waiting, one withdrawn. Only once: nothing is
    added when a demo coach exists."""
    if Coach.objects.filter(person__email__endswith=f"@{DEMO_DOMAIN}").exists() or len(people) < 50:
        return
    lead, _ = ensure_user(ctx, f"coaching-lead@{DEMO_DOMAIN}", "Nadia", "Hussain")
    programme = RoleAssignment._meta.get_field("programme").related_model.objects.get(slug=PROGRAMME_SLUG)
    if not RoleAssignment.objects.filter(user=lead, role=Role.PROGRAMME_ADMIN, programme=programme).exists():
        grant_role(None, lead, Role.PROGRAMME_ADMIN, programme=programme)
    coaches = [
        coaching_services.add_coach(
            workflow.SYSTEM, person=person, accreditation_body=body, accreditation_level=level,
            specialisms=specialisms, capacity=2 + index % 2,
        )
        for index, (person, (body, level, specialisms)) in enumerate(zip(people[46:50], COACHES, strict=True))
    ]
    formats = list(CoachingFormat.values)
    urgencies = list(CoachingUrgency.values)
    asks = [leader, *people[16:22]]
    requests = []
    for index, person in enumerate(asks):
        team = index in (1, 5)
        requests.append(coaching_services.request_coaching(
            person, for_whom=CoachingFor.TEAM if team else CoachingFor.SELF, team_size=6 if team else None,
            what_for=COACHING_ASKS[index % len(COACHING_ASKS)], urgency=urgencies[index % 3],
            format=formats[index % 3],
        ))
    now = timezone.now()
    today = timezone.localdate()
    # leader@, the team and one that has ended: started weeks ago, with sessions logged.
    for request, coach, weeks, sessions in ((requests[0], coaches[0], 9, 3), (requests[1], coaches[1], 6, 2),
                                            (requests[2], coaches[0], 20, 5)):
        coaching_services.assign(workflow.SYSTEM, request, coach)
        coaching_services.accept(coach.person, request)
        started = now - dt.timedelta(weeks=weeks)
        CoachingRequest.objects.filter(pk=request.pk).update(
            created_at=started - dt.timedelta(days=10), offered_at=started - dt.timedelta(days=3), accepted_at=started
        )
        Transition.objects.filter(
            content_type=ContentType.objects.get_for_model(CoachingRequest), object_id=request.pk
        ).update(at=started)
        request.refresh_from_db()
        for n in range(sessions):
            coaching_services.log_session(coach.person, request, held_on=today - dt.timedelta(weeks=weeks - 1 - 3 * n),
                                          count=1 + (n == 0 and request.team_size is not None))
    coaching_services.end(requests[2].requester, requests[2])
    coaching_services.assign(workflow.SYSTEM, requests[3], coaches[1])
    coaching_services.withdraw(requests[6].requester, requests[6])
    Coach.objects.filter(pk=coaches[3].pk).update(status=CoachStatus.PAUSED)
    _count(ctx, "coaches added", len(coaches))
    _count(ctx, "coaching requests made", len(requests))


def _mentoring_under_way(ctx: SeedContext, leader: User, people: list[User], functions) -> None:
    """leader@ as a mentee three months into a pair (the 1-month check-in answered, the 3-month one due),
    the demo's first started pairs a month in with some check-ins answered, and three members still waiting
    for a mentor so the admins' matching page has someone to match. Only once: nothing is added when
    leader@ has asked for a mentor."""
    if MentoringRequest.objects.filter(mentee=leader).exists() or len(people) < 46:
        return
    now = timezone.now()
    request = mentoring_services.ask_for_mentor(
        leader, topics=functions[:2], format=MentoringFormat.ONLINE,
        hopes="To understand how the ICS board and the borough partnerships fit together.",
    )
    live = Q(pairs__state__in=LIVE_PAIR_STATES)
    offer = (
        MentorOffer.objects.filter(mentor__email__endswith=f"@{DEMO_DOMAIN}", withdrawn_at__isnull=True)
        .annotate(held=Count("pairs", filter=live)).filter(held__lt=F("capacity")).order_by("pk").first()
    )
    if offer is not None:
        (pair,) = mentoring_services.publish(workflow.SYSTEM, [(request.pk, offer.pk)])
        for side in (leader, offer.mentor):
            mentoring_services.agree(
                side, pair, goals="To map who decides what across the ICS and find a first system-level role.",
                frequency="An hour every three weeks, online",
                confidentiality="Everything we discuss stays between us.",
                ends_on=timezone.localdate() + dt.timedelta(days=120),
            )
        MentoringPair.objects.filter(pk=pair.pk).update(started_at=now - relativedelta(months=3, days=4))
        pair.refresh_from_db()
        mentoring_services.check_in(leader, pair, months=1, met=True, useful=4)
        mentoring_services.check_in(pair.mentor, pair, months=1, met=True, useful=5)
    for index, pair in enumerate(
        MentoringPair.objects.filter(state=PairState.ACTIVE, mentee__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(mentee=leader).order_by("pk")
    ):
        MentoringPair.objects.filter(pk=pair.pk).update(started_at=now - relativedelta(months=1, days=3 + index))
        pair.refresh_from_db()
        mentoring_services.check_in(pair.mentee, pair, months=1, met=index != 1, useful=3 + index % 3)
    for index, mentee in enumerate(people[30:33]):
        if not MentoringRequest.objects.filter(mentee=mentee, withdrawn_at__isnull=True).exists():
            mentoring_services.ask_for_mentor(mentee, topics=[functions[index]], format=MentoringFormat.EITHER,
                                              hopes=MENTEE_HOPES[index])
    _count(ctx, "mentoring check-ins answered", MentoringCheckIn.objects.count())


SCALE_PREFIX = "Scale test"


def build_network_scale(ctx: SeedContext, factor: int) -> None:
    """200 members per unit of ``factor`` among the scale-test leaders (2,000 at factor 10: a tenth in an
    intake, the rest in the open network), and a coming 300-person Big Room with its table plan; written
    with bulk_create."""
    now = timezone.now()
    today = timezone.localdate()
    users = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{SCALE_DOMAIN}")
        .order_by("pk").values_list("user_id", flat=True)[: 200 * factor]
    )
    intake = Intake.objects.create(
        name=f"{SCALE_PREFIX} intake {now:%Y%m%d%H%M%S}", opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=20), starts_on=today + dt.timedelta(days=60),
    )
    memberships = Membership.objects.bulk_create(
        [
            Membership(person_id=user_id, tier=Tier.INTAKE if n % 10 == 0 else Tier.OPEN,
                       intake=intake if n % 10 == 0 else None,
                       state=MembershipState.APPLIED if n % 10 == 0 else MembershipState.ACCEPTED)
            for n, user_id in enumerate(users)
        ],
        batch_size=1000,
    )
    kind = ContentType.objects.get_for_model(Membership)
    Transition.objects.bulk_create(
        [Transition(content_type=kind, object_id=m.pk, machine=MEMBERSHIP_WORKFLOW.name, from_state="",
                    to_state=m.state, actor_label=workflow.SYSTEM.label, at=now) for m in memberships],
        batch_size=1000,
    )
    start = now + dt.timedelta(days=30)
    event = Event.objects.create(
        title=f"{SCALE_PREFIX} Big Room {now:%Y%m%d%H%M%S}", summary="Scale test", starts_at=start,
        ends_at=start + dt.timedelta(hours=3), venue="Scale test venue", capacity=300, table_size=8,
    )
    Rsvp.objects.bulk_create(
        [Rsvp(event=event, person_id=user_id, status=RsvpStatus.GOING) for user_id in users[:300]],
        batch_size=1000,
    )
    _seat(event)
    ctx.counts["network memberships created"] = len(memberships)


def clear_network_scale() -> None:
    Event.objects.filter(title__startswith=f"{SCALE_PREFIX} Big Room").delete()
    intakes = Intake.objects.filter(name__startswith=f"{SCALE_PREFIX} intake")
    Membership.objects.filter(person__email__endswith=f"@{SCALE_DOMAIN}").delete()
    intakes.delete()


DEMO_BUILDERS.append(("network", build_network))
SCALE_CLEARERS.append(clear_network_scale)
SCALE_BUILDERS.append(("network", build_network_scale))
