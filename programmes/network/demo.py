"""Managed network demo data: a running intake (members accepted, applications waiting with their
supporters' answers, one declined), leader@ in the open network, a past Big Room with its table plan,
recording and slides, and a coming one with a table plan where leader@ has a seat. Idempotent: intakes
and events are found by name, memberships by person and tier; nothing that exists is changed."""

from __future__ import annotations

import datetime as dt
import random

from dateutil.relativedelta import relativedelta
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
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
from programmes.core import selectors as core_selectors
from programmes.core import services as core_services
from programmes.core import uploads
from programmes.core.grouping import propose_groups
from programmes.core.models import Application, AttendanceStatus
from programmes.core.models import Attendance as SessionAttendance
from programmes.network import (
    alumni_services,
    coaching_services,
    followup_services,
    mentoring_services,
    selectors,
    talent_services,
)
from programmes.network.models import (
    LIVE_PAIR_STATES,
    MEMBERSHIP_WORKFLOW,
    PROGRAMME_SLUG,
    AccreditationBody,
    AlumniListing,
    Aspiration,
    Attendance,
    Coach,
    CoachingFor,
    CoachingFormat,
    CoachingRequest,
    CoachingUrgency,
    CoachStatus,
    Event,
    EventFeedback,
    EventSlides,
    Intake,
    Membership,
    MembershipState,
    MentoringCheckIn,
    MentoringDraft,
    MentoringFormat,
    MentoringPair,
    MentoringRequest,
    MentorOffer,
    PairState,
    Readiness,
    Rsvp,
    RsvpStatus,
    SupporterRole,
    TalentEntry,
    Tier,
    VolunteerOffer,
    VolunteerState,
    waiting_mentoring_requests,
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
    _after_the_past_big_room(ctx, past, leader, rng)
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
    _alumni(ctx, leader, coming_start, functions)
    _talent(ctx, leader, people[15:40], functions)


ALUMNI_LINES = [
    "Ask me about running a weekly cross-organisation discharge huddle.",
    "Now leading the borough's frailty pathway; happy to talk about working with the voluntary sector.",
    "Pharmacist turned PCN clinical director. I mentor people making the same move.",
    "Working on population health data across the six boroughs.",
    "=HYPERLINK(\"https://example.com\") is not a formula here: alumni lines are plain text.",
]
VOLUNTEERING = [
    ("mentor", "One hour a month, online, from January", "I took part in the mentoring pilot as a mentee."),
    ("faculty", "Two afternoons a term", "I could run the session on leading across organisations."),
    ("panel", "Selection days in March and September", ""),
    ("faculty", "Fridays, with a month's notice", "Co-facilitated an action learning set last year."),
    ("panel", "Any weekday morning", "Sat on the Challenge Fund panel before."),
]


def _more_alumni(leader: User) -> None:
    """leader@'s classmates: eight more demo leaders complete last year's finished cohort, through the cohort
    engine's own moves (with attendance and certificates), so the alumni directory has people in it."""
    finished = core_selectors.completed_places().filter(applicant=leader).select_related("cohort").first()
    if finished is None:
        return
    cohort = finished.cohort
    classmates = list(
        User.objects.filter(email__endswith=f"@{DEMO_DOMAIN}", profile__isnull=False)
        .exclude(pk=leader.pk).exclude(applications__cohort=cohort).order_by("-pk")[:8]
    )
    if core_selectors.completed_places().filter(cohort=cohort).count() > 1:
        return  # made on an earlier run
    path = ["submitted", "awaiting_line_manager", "under_review", "offered", "accepted", "completed"]
    for person in classmates:
        application = Application.objects.create(
            cohort=cohort, applicant=person, line_manager_name="Line manager",
            line_manager_email=f"manager.{person.pk}@{DEMO_DOMAIN}",
        )
        for state in path:
            core_services.transition(workflow.SYSTEM, application, state, actor_label="Demo data")
        # They came to the sessions and have their certificates, as leader@ does.
        SessionAttendance.objects.bulk_create([
            SessionAttendance(session=session, application=application, status=AttendanceStatus.PRESENT)
            for session in cohort.sessions.all()
        ])
        core_services.issue_certificate(workflow.SYSTEM, application)


def _alumni(ctx: SeedContext, leader: User, coming_start, functions) -> None:
    """Alumni (everyone who completed a demo cohort): leader@ and others listed in the directory, an
    alumni-only Big Room, and alumni who volunteer (one contacted, one placed)."""
    _more_alumni(leader)
    alumni = list(
        User.objects.filter(pk__in=core_selectors.alumni_ids(), email__endswith=f"@{DEMO_DOMAIN}").order_by("pk")
    )
    alumni.sort(key=lambda person: person != leader)  # leader@ first
    listed = 0
    for index, person in enumerate(alumni[:12]):
        if index % 4 == 3 or AlumniListing.objects.filter(person=person).exists():
            continue  # some alumni have not opted in
        alumni_services.opt_in(person, functions=functions[index % 10:index % 10 + 2],
                               line=ALUMNI_LINES[index % len(ALUMNI_LINES)])
        listed += 1
    _count(ctx, "alumni directory entries created", listed)
    offered = 0
    for index, person in enumerate(alumni[1:6]):
        role, availability, note = VOLUNTEERING[index]
        if VolunteerOffer.objects.filter(person=person).exists():
            continue
        offer = alumni_services.volunteer(person, role=role, functions=functions[index:index + 3],
                                          availability=availability, note=note)
        if index == 1:
            alumni_services.mark_volunteer(workflow.SYSTEM, offer, VolunteerState.CONTACTED)
        elif index == 2:
            alumni_services.mark_volunteer(workflow.SYSTEM, offer, VolunteerState.PLACED)
        offered += 1
    _count(ctx, "alumni offers to volunteer created", offered)
    start = coming_start + dt.timedelta(days=35, hours=8)
    event, created = _event(
        ctx, "Alumni Big Room: what we changed, and what next",
        summary="An evening for alumni of every Academy programme: what happened to the system problems you "
        "brought, and how alumni can help the next leaders as mentors, faculty and panel members.",
        starts_at=start, ends_at=start + dt.timedelta(hours=2, minutes=30),
        venue="Guy's Campus, King's College London, Great Maze Pond, SE1 1UL", capacity=40, table_size=8,
        alumni_only=True,
    )
    if created:
        _rsvps(event, alumni[1:8], at=timezone.now() - dt.timedelta(days=2))


TALENT_STATEMENTS = [
    "I lead discharge work in my borough's community trust and want to take it across the ICS.",
    "Pharmacist in a primary care network; I have chaired our borough's medicines group for two years.",
    "Mental health nurse consultant. I would like to bring the crisis pathway work to the C&CPLG.",
    "Social worker leading our hospital discharge team; ready for a Local Care Partnership role.",
    "Physiotherapist and improvement coach, keen on a frailty role once my current project ends.",
    "",
]


def _talent(ctx: SeedContext, leader: User, members: list[User], functions) -> None:
    """leader@ and six open-network members in the talent pool: four let the secretariat see their entry
    (leader@ among them), one wants vacancy alerts only and one keeps their entry to themselves."""
    borough_of = dict(LeaderProfile.objects.filter(user__in=[leader, *members]).values_list("user_id", "borough"))
    plan = [  # (aspirations, readiness, ics_wide, secretariat consent, alerts)
        ([Aspiration.LCP, Aspiration.ICS], Readiness.NOW, True, True, True),
        ([Aspiration.CCPLG, Aspiration.ICS], Readiness.NOW, True, True, True),
        ([Aspiration.LCP], Readiness.NOW, False, True, False),
        ([Aspiration.NETWORK, Aspiration.COLLABORATIVE], Readiness.NOW, True, True, True),
        ([Aspiration.LCP], Readiness.ONE_TO_TWO_YEARS, False, False, True),
        ([Aspiration.ICS], Readiness.WITHIN_12_MONTHS, True, False, False),
        ([Aspiration.CCPLG], Readiness.ONE_TO_TWO_YEARS, True, True, False),
    ]
    made = 0
    for index, (person, (aspirations, readiness, ics_wide, see, alerts)) in enumerate(
        zip([leader, *members[:6]], plan, strict=False)
    ):
        if TalentEntry.objects.filter(person=person).exists():
            continue
        borough = borough_of.get(person.pk)
        talent_services.save_entry(
            person, aspirations=aspirations, functions=[functions[(index * 3) % 10], functions[(index * 3 + 3) % 10]],
            boroughs=[borough] if borough else [], ics_wide=ics_wide or not borough, readiness=readiness,
            statement=TALENT_STATEMENTS[index % len(TALENT_STATEMENTS)], secretariat_consent=see,
            alerts_consent=alerts,
        )
        made += 1
    _count(ctx, "talent pool entries created", made)


FEEDBACK_IMPROVE = [
    "More time at the tables and less from the front.",
    "A follow-up session in each borough so the conversations carry on.",
    "Send the table plan the day before so we can look people up.",
    "Invite more colleagues from the voluntary sector and local authorities.",
    "",
    "Hold it somewhere easier to reach from the south of the patch.",
    "",
]


def _after_the_past_big_room(ctx: SeedContext, past: Event, leader: User, rng: random.Random) -> None:
    """The register (most came, a few did not, leader@ walked in), the slides as a file, and feedback from
    most of those who came. leader@ has not given feedback yet, so signing in as them shows the form."""
    if not EventSlides.objects.filter(event=past).exists():
        pdf = uploads.simple_pdf(past.title, ["What winter looks like from each part of the system",
                                       "Table conversations: one change each of us can make",
                                       "What happens next, borough by borough"])
        upload = ContentFile(pdf, name="Big Room winter pressures slides.pdf")
        followup_services.upload_slides(workflow.SYSTEM, past, upload)
        _count(ctx, "Big Room slides uploaded", 1)
    if Attendance.objects.filter(event=past).exists():
        return
    at = past.ends_at
    going = list(
        Rsvp.objects.filter(event=past, status=RsvpStatus.GOING).order_by("pk").values_list("person_id", flat=True)
    )
    absent = set(going[3::11])
    Attendance.objects.bulk_create(
        [Attendance(event=past, person_id=pk, attended=pk not in absent, recorded_at=at) for pk in going]
        + [Attendance(event=past, person=leader, attended=True, walk_in=True, recorded_at=at)]
    )
    came = [pk for pk in going if pk not in absent]
    feedback = [
        EventFeedback(event=past, person_id=pk, rating=rng.choice([3, 4, 4, 5, 5]),
                      met_other_organisation=rng.random() < 0.85, improve=FEEDBACK_IMPROVE[i % len(FEEDBACK_IMPROVE)])
        for i, pk in enumerate(came[: len(came) * 2 // 3])
    ]
    EventFeedback.objects.bulk_create(feedback)
    _count(ctx, "Big Room register lines", len(going) + 1)
    _count(ctx, "Big Room feedback given", len(feedback))


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
    # The shared draft the network's admins find on the matching page, for the three still waiting.
    if not MentoringDraft.objects.exists() and waiting_mentoring_requests().exists():
        mentoring_services.run_draft(workflow.SYSTEM)
    _count(ctx, "mentoring check-ins answered", MentoringCheckIn.objects.count())


SCALE_PREFIX = "Scale test"


def build_network_scale(ctx: SeedContext, factor: int) -> None:
    """200 members per unit of ``factor`` among the scale-test leaders (2,000 at factor 10: a tenth in an
    intake, the rest in the open network), a coming 300-person Big Room with its table plan, and mentors and
    mentees waiting for the matching; written with bulk_create."""
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
    _mentoring_scale(ctx, users, factor)


def _mentoring_scale(ctx: SeedContext, users: list[int], factor: int) -> None:
    """15 mentors and 40 accepted members asking for a mentor per unit of ``factor`` (150 and 400 at factor
    10), with topics and formats, for the matcher at the issue's size (bench/mentoring_matcher.py times it on
    the same numbers). Nobody is matched: the admins' matching page runs on them."""
    rng = random.Random(13)
    accepted = [user_id for n, user_id in enumerate(users) if n % 10]
    mentors, mentees = accepted[: 15 * factor], accepted[15 * factor: 55 * factor]
    functions = list(PriorityFunction.objects.values_list("pk", flat=True))
    formats = [MentoringFormat.EITHER, MentoringFormat.EITHER, MentoringFormat.ONLINE, MentoringFormat.IN_PERSON]
    offers = MentorOffer.objects.bulk_create(
        [MentorOffer(mentor_id=user_id, capacity=rng.randint(1, 4), format=rng.choice(formats),
                     experience="Scale test mentor") for user_id in mentors],
        batch_size=1000,
    )
    requests = MentoringRequest.objects.bulk_create(
        [MentoringRequest(mentee_id=user_id, format=rng.choice(formats), hopes="Scale test mentee")
         for user_id in mentees],
        batch_size=1000,
    )
    MentorOffer.topics.through.objects.bulk_create(
        [MentorOffer.topics.through(mentoroffer_id=offer.pk, priorityfunction_id=topic)
         for offer in offers for topic in rng.sample(functions, min(3, len(functions)))],
        batch_size=1000,
    )
    MentoringRequest.topics.through.objects.bulk_create(
        [MentoringRequest.topics.through(mentoringrequest_id=request.pk, priorityfunction_id=topic)
         for request in requests for topic in rng.sample(functions, min(2, len(functions)))],
        batch_size=1000,
    )
    ctx.counts["mentor offers created"] = len(offers)
    ctx.counts["mentoring requests created"] = len(requests)


def clear_network_scale() -> None:
    Event.objects.filter(title__startswith=f"{SCALE_PREFIX} Big Room").delete()
    intakes = Intake.objects.filter(name__startswith=f"{SCALE_PREFIX} intake")
    Membership.objects.filter(person__email__endswith=f"@{SCALE_DOMAIN}").delete()
    intakes.delete()
    scale = Q(mentor__email__endswith=f"@{SCALE_DOMAIN}") | Q(mentee__email__endswith=f"@{SCALE_DOMAIN}")
    MentoringPair.objects.filter(scale).delete()
    MentorOffer.objects.filter(mentor__email__endswith=f"@{SCALE_DOMAIN}").delete()
    MentoringRequest.objects.filter(mentee__email__endswith=f"@{SCALE_DOMAIN}").delete()


DEMO_BUILDERS.append(("network", build_network))
SCALE_CLEARERS.append(clear_network_scale)
SCALE_BUILDERS.append(("network", build_network_scale))
