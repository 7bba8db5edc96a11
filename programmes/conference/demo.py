"""Conference demo data: next year's edition with its call for proposals open (rooms at Guy's Campus,
themes linked to the priority functions, five session types with questions), a few submitted proposals
from demo leaders and two drafts, one with a co-speaker who accepted. Idempotent: the edition is found by
name, and proposals by edition, speaker and title; nothing that exists is changed."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SCALE_BUILDERS, SCALE_CLEARERS, SCALE_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile, PriorityFunction
from programmes.conference import scale, selectors, services
from programmes.conference.models import (
    Call,
    CheckIn,
    DayFeedback,
    Decision,
    Edition,
    EditionState,
    Proposal,
    ProposalSpeaker,
    ProposalState,
    Registration,
    RegistrationState,
    Room,
    SessionFeedback,
    SessionKind,
    SessionMaterial,
    SessionType,
    SpeakerState,
    TicketType,
    Workshop,
)
from programmes.core import uploads

EDITION_NAME = "Innovation in SEL System Leadership 2027"
ROOMS = [("Great Hall", 400), ("Greenwood Theatre", 180), ("Seminar room 1", 40), ("Seminar room 2", 40)]
THEMES = [
    ("Population health and tackling inequalities", [1, 6]),
    ("Joining up care across boundaries", [2, 7]),
    ("Growing the next generation of system leaders", [5, 10]),
]
TYPES = [  # kind, minutes, most co-speakers, days before the first day the deadline falls
    (SessionKind.TALK, 20, 1, 60),
    (SessionKind.WORKSHOP, 75, 3, 60),
    (SessionKind.PANEL, 45, 4, 60),
    (SessionKind.POSTER, 10, 2, 45),
    (SessionKind.LIGHTNING, 5, 0, 45),
]
GUIDANCE = (
    "The conference brings clinical and care professional leaders from across south east London together to "
    "design the clinical vision, the priority areas and the 5 to 10 year clinical strategy.\n\n"
    "We want sessions about real change across organisations, professions and boroughs: what you tried, what "
    "worked, what did not, and what others can take away. Proposals from people early in their leadership "
    "journey, and from primary care, community, mental health and the voluntary sector, are very welcome."
)
PROPOSALS = [  # speaker's position in the demo leaders, kind, title, abstract
    (0, SessionKind.TALK, "Hospital at home for frailty across Lewisham and Greenwich",
     "How two community teams and an acute trust built one urgent response for older people living with frailty."),
    (1, SessionKind.WORKSHOP, "Co-designing crisis plans with young people",
     "A hands-on session using the crisis plan template young people in Southwark helped us write."),
    (2, SessionKind.POSTER, "Community pharmacy blood pressure checks in faith venues",
     "Six months of checks in churches and mosques in Southwark, and who we reached."),
    (3, SessionKind.PANEL, "Leading across boundaries without a budget",
     "Four leaders from a PCN, a borough partnership, a provider collaborative and the VCSE."),
]


def _edition() -> Edition:
    edition = Edition.objects.filter(name=EDITION_NAME).first()
    if edition is not None:
        return edition
    first_day = timezone.localdate() + dt.timedelta(days=120)
    while first_day.weekday() >= 5:
        first_day += dt.timedelta(days=1)
    edition = services.save_edition(
        workflow.SYSTEM, name=EDITION_NAME, starts_on=first_day, ends_on=first_day,
        venue_name="Guy's Campus, King's College London, London Bridge",
        description="A day of talks, workshops and posters on system leadership in south east London.",
    )
    for name, capacity in ROOMS:
        services.save_room(workflow.SYSTEM, edition, name=name, capacity=capacity)
    for name, numbers in THEMES:
        services.save_theme(workflow.SYSTEM, edition, name=name,
                            priority_functions=PriorityFunction.objects.filter(number__in=numbers))
    for kind, minutes, co_speakers, days_before in TYPES:
        deadline = timezone.make_aware(
            dt.datetime.combine(first_day - dt.timedelta(days=days_before), dt.time(17, 0))
        )
        session_type = services.save_session_type(
            workflow.SYSTEM, edition, kind=kind, length_minutes=minutes, deadline=deadline,
            max_co_speakers=co_speakers,
        )
        services.save_question(workflow.SYSTEM, session_type, text="What will people take away?",
                               hint="Two or three things they can use back at work.")
        if kind == SessionKind.WORKSHOP:
            services.save_question(workflow.SYSTEM, session_type, text="How will people take part?")
    services.save_call(workflow.SYSTEM, edition, guidance=GUIDANCE, ask_accessibility=True, ask_av=True)
    services.publish_edition(workflow.SYSTEM, edition)
    return edition


def _propose(edition: Edition, speaker: User, kind: str, title: str, abstract: str, *, submit: bool) -> Proposal:
    existing = Proposal.objects.filter(edition=edition, speaker=speaker, title=title).first()
    if existing is not None:
        return existing
    session_type = edition.session_types.get(kind=kind)
    themes = list(edition.themes.order_by("name")[:1])
    answers = {q.pk: "Ideas they can use on Monday, and the people to call." for q in session_type.questions.all()}
    proposal = services.create_proposal(
        speaker, edition, session_type=session_type, title=title, abstract=abstract, themes=themes,
        answers=answers,
    )
    if submit:
        services.submit_proposal(speaker, proposal)
    return proposal


def build_conference(ctx: SeedContext) -> None:
    edition = _edition()
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    manager = User.objects.get(email=f"linemanager@{DEMO_DOMAIN}")
    before = Proposal.objects.filter(edition=edition).count()
    others = [
        profile.user for profile in LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user__in=[leader, manager]).select_related("user").order_by("pk")[: len(PROPOSALS)]
    ]
    for (position, kind, title, abstract), speaker in zip(PROPOSALS, others, strict=False):
        _propose(edition, speaker, kind, title, abstract, submit=position != 3)
    # leader@ has a talk submitted, and a workshop in draft with the line manager as an accepted co-speaker.
    _propose(edition, leader, SessionKind.TALK, "What we learned from shadowing in each other's services",
             "Placements between acute, community and primary care teams, and what changed afterwards.", submit=True)
    draft = _propose(edition, leader, SessionKind.WORKSHOP, "Mapping a pathway across three boroughs",
                     "Bring a pathway you know; leave with a map of who holds which part.", submit=False)
    if not ProposalSpeaker.objects.filter(proposal=draft, email=manager.email).exists():
        invitation = services.invite_co_speaker(leader, draft, manager.email)
        services.accept_invitation(manager, invitation)
    ctx.counts["conference proposals created"] = Proposal.objects.filter(edition=edition).count() - before
    ctx.counts["conference reviews created"] = _reviews(edition)


REVIEW_CATEGORIES = [  # name, weight, independent
    ("Relevance to south east London's priorities", 3, False),
    ("What others can learn from it", 2, False),
    ("Clarity", 1, False),
    ("Suits a first-time speaker", 1, True),
]
# Each reviewer's scores, by the submitted proposals' order (None: not reviewed yet, "conflict": declared).
REVIEW_PLAN = {
    f"reviewer@{DEMO_DOMAIN}": [(5, 4, 4, 2), (3, 3, 4, 5), (4, 5, 3, 3), None, None],
    f"evaluator@{DEMO_DOMAIN}": [(4, 4, 5, 2), (1, 1, 1, 4), "conflict", None, None],
}


def _reviews(edition: Edition) -> int:
    """A review phase open now, weighted categories, two reviewers, and their first reviews (one conflict of
    interest declared, one proposal whose reviewers disagree)."""
    if edition.reviewers.exists():
        return 0
    now = timezone.now()
    services.add_review_phase(workflow.SYSTEM, edition, name="First review", opens_at=now - dt.timedelta(days=1),
                              closes_at=now + dt.timedelta(days=60))
    categories = [
        services.add_score_category(workflow.SYSTEM, edition, name=name, weight=weight, independent=independent)
        for name, weight, independent in REVIEW_CATEGORIES
    ]
    proposals = list(Proposal.objects.filter(edition=edition, state="submitted").order_by("pk"))
    created = 0
    for email, plan in REVIEW_PLAN.items():
        reviewer = User.objects.get(email=email)
        services.add_reviewer(workflow.SYSTEM, edition, user=reviewer)
        for proposal, scores in zip(proposals, plan, strict=False):
            if scores is None:
                continue
            if scores == "conflict":
                services.declare_interest(reviewer, proposal, conflicted=True,
                                          reason="I line manage one of the speakers.")
                continue
            services.declare_interest(reviewer, proposal, conflicted=False)
            values = {c.pk: v for c, v in zip(categories, scores, strict=True)}
            services.submit_review(reviewer, proposal, scores=values,
                                   comment="Clear aims; say more about how it was evaluated.")
            created += 1
    return created


# --- an edition whose decisions are sent (issue 11, third slice) -------------------------------------------

DECIDED_EDITION_NAME = "Innovation in SEL System Leadership: winter forum 2027"
# kind, title, the decision sent (or pending: "pending-accept"...), whether the speaker has confirmed
DECIDED_PROPOSALS = [
    (SessionKind.TALK, "One front door for children's community services", Decision.ACCEPT, True),
    (SessionKind.TALK, "Virtual wards that GPs trust", Decision.ACCEPT, True),
    (SessionKind.WORKSHOP, "Running a system huddle that people come back to", Decision.ACCEPT, True),
    (SessionKind.TALK, "What we stopped doing: decommissioning with the public", Decision.ACCEPT, False),
    (SessionKind.WORKSHOP, "Quality improvement across a provider collaborative", Decision.REJECT, False),
    (SessionKind.TALK, "A year of the Bromley anticipatory care pilot", Decision.REJECT, False),
    (SessionKind.TALK, "Sharing records between hospices and district nurses", Decision.WAITLIST, False),
    (SessionKind.WORKSHOP, "Writing a business case the ICB will read", "pending-accept", False),
    (SessionKind.TALK, "Social prescribing link workers in A&E", "pending-waitlist", False),
]


def _decided_edition() -> tuple[Edition, int]:
    """A winter forum six weeks ahead whose call has closed: decisions sent on seven proposals (three speakers
    confirmed, leader@'s accepted talk waiting for an answer), two more decisions pending in the outbox."""
    if Edition.objects.filter(name=DECIDED_EDITION_NAME).exists():
        return Edition.objects.get(name=DECIDED_EDITION_NAME), 0
    first_day = timezone.localdate() + dt.timedelta(days=42)
    while first_day.weekday() >= 5:
        first_day += dt.timedelta(days=1)
    edition = services.save_edition(
        workflow.SYSTEM, name=DECIDED_EDITION_NAME, starts_on=first_day, ends_on=first_day,
        venue_name="The Albany, Deptford", description="A half-day forum on the winter's system pressures.",
    )
    services.save_room(workflow.SYSTEM, edition, name="Main hall", capacity=200)
    services.save_theme(workflow.SYSTEM, edition, name="Care closer to home",
                        priority_functions=PriorityFunction.objects.filter(number__in=[2, 7]))
    open_until = timezone.now() + dt.timedelta(days=1)
    types = {
        kind: services.save_session_type(workflow.SYSTEM, edition, kind=kind, length_minutes=minutes,
                                         deadline=open_until, max_co_speakers=2)
        for kind, minutes in ((SessionKind.TALK, 20), (SessionKind.WORKSHOP, 60))
    }
    services.save_call(workflow.SYSTEM, edition, guidance=GUIDANCE, ask_accessibility=True, ask_av=True)
    services.publish_edition(workflow.SYSTEM, edition)
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    others = [
        profile.user for profile in LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user=leader).select_related("user").order_by("-pk")[:8]
    ]
    speakers = [others[i % len(others)] for i in range(len(DECIDED_PROPOSALS))]
    speakers[3] = leader  # leader@'s accepted talk waits for them to confirm
    proposals = []
    for (kind, title, _decision, _confirmed), speaker in zip(DECIDED_PROPOSALS, speakers, strict=True):
        proposals.append(_propose(edition, speaker, kind, title,
                                  "What we changed, with whom, and what the numbers and people said.", submit=True))
    # The call has closed (yesterday, London time) before the team decided.
    closed = timezone.now() - dt.timedelta(days=1)
    for session_type in types.values():
        services.save_session_type(workflow.SYSTEM, edition, session_type, kind=session_type.kind,
                                   length_minutes=session_type.length_minutes, deadline=closed, max_co_speakers=2)
    for decision in Decision.values:
        chosen = [p for p, row in zip(proposals, DECIDED_PROPOSALS, strict=True) if row[2] == decision]
        services.set_pending_decisions(workflow.SYSTEM, edition, chosen, decision)
    services.send_decisions(workflow.SYSTEM, edition, expected=len(selectors.outbox_messages(edition)))
    for proposal, (_kind, _title, decision, confirmed) in zip(proposals, DECIDED_PROPOSALS, strict=True):
        if confirmed:
            services.confirm_session(proposal.speaker, proposal)
        elif decision.startswith("pending-"):
            services.set_pending_decisions(workflow.SYSTEM, edition, [proposal], decision.removeprefix("pending-"))
    return edition, len(proposals)


def build_decided_conference(ctx: SeedContext) -> None:
    _edition_, created = _decided_edition()
    ctx.counts["conference proposals decided"] = created


TICKET_TYPES = [  # name, capacity, needs approval
    ("C&CP leader", 250, False),
    ("Managerial or executive", 80, False),
    ("VCSE", 4, False),
    ("Student", 40, True),
]
DIETARY = ["", "", "", "Vegetarian", "", "Halal", "", "Gluten free", "", "Vegan"]
ACCESS = ["", "", "", "", "Step-free access to the rooms, please", "", "", "", "A hearing loop", ""]


def build_conference_registration(ctx: SeedContext) -> None:
    """Ticket types for next year's edition and about 40 registrations: leader@ confirmed as a C&CP leader,
    students awaiting approval (some approved), the VCSE type full with a waiting list."""
    edition = _edition()
    now = timezone.now()
    types = {}
    for name, capacity, approval in TICKET_TYPES:
        types[name] = TicketType.objects.filter(edition=edition, name=name).first() or services.save_ticket_type(
            workflow.SYSTEM, edition, name=name, capacity=capacity, needs_approval=approval,
            on_sale_from=now - dt.timedelta(days=14),
            on_sale_until=timezone.make_aware(dt.datetime.combine(edition.starts_on, dt.time(9))),
        )
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    people = [leader] + [
        profile.user for profile in LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user=leader).select_related("user").order_by("pk")[:39]
    ]
    profiles = {p.user_id: p for p in LeaderProfile.objects.filter(user__in=people)
                .select_related("organisation", "profession")}
    plan = ["C&CP leader"] * 22 + ["Managerial or executive"] * 6 + ["VCSE"] * 6 + ["Student"] * 6
    registered = set(Registration.objects.filter(edition=edition).values_list("user_id", flat=True))
    created = 0
    for index, (person, type_name) in enumerate(zip(people, plan, strict=False)):
        if person.pk in registered:
            continue
        profile = profiles.get(person.pk)
        registration = services.register(
            person, edition, ticket_type=types[type_name],
            organisation=profile.organisation.name if profile else "NHS South East London ICB",
            profession=profile.profession.name if profile else "Nursing",
            dietary_needs=DIETARY[index % len(DIETARY)], access_needs=ACCESS[index % len(ACCESS)],
        )
        created += 1
        if type_name == "Student" and registration.is_awaiting_approval and index % 2:
            services.approve_registration(workflow.SYSTEM, registration)
    ctx.counts["conference registrations created"] = created


DAY_EDITION_NAME = "SEL system leaders' day"
DAY_TICKET_TYPES = [("C&CP leader", 120), ("VCSE", 30)]


def _day_edition() -> Edition | None:
    """A one-day edition on the day seed_demo first runs, so the check-in desk can be tried for real: found by
    name on later runs (by then it is in the past, with its check-ins)."""
    edition = Edition.objects.filter(name=DAY_EDITION_NAME).first()
    if edition is not None:
        return None
    today = timezone.localdate()
    edition = services.save_edition(
        workflow.SYSTEM, name=DAY_EDITION_NAME, starts_on=today, ends_on=today,
        venue_name="Woolwich Works, Royal Arsenal",
        description="A day for clinical and care professional leaders to meet, share and plan together.",
    )
    services.save_room(workflow.SYSTEM, edition, name="Fireworks Factory", capacity=200)
    services.save_theme(workflow.SYSTEM, edition, name="Joining up care across boundaries",
                        priority_functions=PriorityFunction.objects.filter(number__in=[2, 7]))
    closed = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=1), dt.time(0, 0)))
    services.save_session_type(workflow.SYSTEM, edition, kind=SessionKind.TALK, length_minutes=20,
                               deadline=closed - dt.timedelta(days=30), max_co_speakers=1)
    services.save_call(workflow.SYSTEM, edition, guidance=GUIDANCE, ask_accessibility=True, ask_av=True)
    return services.publish_edition(workflow.SYSTEM, edition)


def build_conference_check_in(ctx: SeedContext) -> None:
    """Today's "system leaders' day": two ticket types and 24 confirmed registrations (leader@ among them, with
    their ticket's QR code), ten checked in by programme-admin@ this morning and one of those undone."""
    from programmes.conference import checkin  # noqa: PLC0415 - kept beside its one use

    edition = _day_edition()
    if edition is None:
        return
    now = timezone.now()
    types = {
        name: services.save_ticket_type(
            workflow.SYSTEM, edition, name=name, capacity=capacity, needs_approval=False,
            on_sale_from=now - dt.timedelta(days=30), on_sale_until=now + dt.timedelta(hours=1),
        )
        for name, capacity in DAY_TICKET_TYPES
    }
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    team = User.objects.get(email=f"programme-admin@{DEMO_DOMAIN}")
    people = [leader] + [
        profile.user for profile in LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user=leader).select_related("user").order_by("-pk")[:23]
    ]
    profiles = {p.user_id: p for p in LeaderProfile.objects.filter(user__in=people)
                .select_related("organisation", "profession")}
    registrations = []
    for index, person in enumerate(people):
        profile = profiles.get(person.pk)
        registrations.append(services.register(
            person, edition, ticket_type=types["VCSE" if index % 5 == 4 else "C&CP leader"],
            organisation=profile.organisation.name if profile else "NHS South East London ICB",
            profession=profile.profession.name if profile else "Nursing",
            dietary_needs=DIETARY[index % len(DIETARY)], access_needs=ACCESS[index % len(ACCESS)],
        ))
    # Ten people checked in over the morning (never before midnight, never after now); leader@ is not yet.
    opens = checkin.check_in_opens(edition)
    for minutes, registration in zip(range(100, 0, -10), registrations[1:11], strict=True):
        checkin.check_in(team, registration, now=max(opens, now - dt.timedelta(minutes=minutes)))
    checkin.undo_check_in(team, registrations[10], now=now)
    ctx.counts["conference check-ins created"] = 9
    _day_talks(edition, people)


DAY_TALKS = [  # title, the speaker and co-speaker (indexes into the day's registered people)
    ("One front door for Bexley: what two teams learned by sharing a rota", 2, 3),
    ("Care homes and the acute trust: a year of shared ward rounds", 5, 6),
]


def _day_talks(edition: Edition, people: list[User]) -> None:
    """The day's two talks, each given with a co-speaker who accepted: this quarter's conference ties for the
    evaluation's network analysis. The call closed before the day, so they are made directly, each state's
    start recorded in the workflow log, as last year's sessions are."""
    session_type = edition.session_types.get()
    submitted = timezone.now() - dt.timedelta(days=45)
    for title, speaker, partner in DAY_TALKS:
        proposal = Proposal.objects.create(
            edition=edition, session_type=session_type, title=title, speaker=people[speaker],
            abstract="What changed when two organisations' teams worked as one, and what they would do again.",
            state=ProposalState.CONFIRMED, submitted_at=submitted,
        )
        workflow.start(proposal, workflow.SYSTEM, note="Demo: a talk on the system leaders' day")
        co_speaker = ProposalSpeaker.objects.create(
            proposal=proposal, user=people[partner], email=people[partner].email, state=SpeakerState.ACCEPTED,
            answered_at=submitted,
        )
        workflow.start(co_speaker, workflow.SYSTEM, note="Demo: a co-speaker on the system leaders' day")
# --- last year's edition, after the conference: sessions, attendees, feedback, slides (issue 11, "Afterwards") ----

PAST_SESSIONS = [  # kind, title, session feedback answers (5 or more pass suppression), slides and recording
    (SessionKind.TALK, "Twelve months of the Greenwich integrated front door", 12, True),
    (SessionKind.WORKSHOP, "Planning a winter together: a tabletop exercise", 7, False),
    (SessionKind.TALK, "What people in Lambeth told us about waiting", 3, False),
    (SessionKind.TALK, "Growing clinical leaders in primary care networks", 0, False),
]
DAY_IMPROVE = [
    "More time between sessions to talk to people from other boroughs.", "", "A quieter room for networking.",
    "Shorter opening speeches.", "", "Vegetarian lunch ran out early.", "", "Hear more from the voluntary sector.",
]
DAY_COMMENTS = ["", "The best day of learning across the system this year.", "", "",
                "Good to meet colleagues from the acute trusts.", ""]
# Where last year's 30 attendees came from: three organisations the report names, three it counts together.
PAST_ORGANISATIONS = (
    ["NHS South East London ICB"] * 12 + ["Guy's and St Thomas' NHS Foundation Trust"] * 8
    + ["South London and Maudsley NHS Foundation Trust"] * 6 + ["Lewisham and Greenwich NHS Trust"] * 2
    + ["Bromley Healthcare", "Southwark Council"]
)
PAST_NOT_CHECKED_IN = {5, 14, 22, 29}  # four confirmed attendees did not come on the day
SESSION_COMMENTS = ["Practical and honest about what did not work.", "", "I will use the huddle template.", "",
                    "Too short: could have been a workshop.", ""]


def past_edition_name(today: dt.date | None = None) -> str:
    return f"Innovation in SEL System Leadership {(today or timezone.localdate()).year - 1}"


def build_past_conference(ctx: SeedContext) -> None:
    """Last year's edition, held: four sessions (leader@ spoke on the workshop and can add its slides), 30
    confirmed attendees from six organisations, 26 of them checked in on the day (leader@ among them, without
    feedback yet, so that the form shows; the team can make the edition's report PDF), feedback on the day
    from 24 and on sessions (12, 7 and 3 answers: the last is suppressed), and slides and a recording on the
    first session. Made directly (a held edition cannot be set up through the services, which refuse the past),
    with each state's start recorded in the workflow log. Idempotent: found by name."""
    name = past_edition_name()
    if Edition.objects.filter(name=name).exists():
        return
    day = timezone.localdate() - dt.timedelta(days=365)
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    edition = Edition.objects.create(
        name=name, slug=slugify(name), starts_on=day, ends_on=day, state=EditionState.PUBLISHED,
        venue_name="Guy's Campus, King's College London, London Bridge",
        description="Last year's day of talks and workshops on system leadership in south east London.",
    )
    Call.objects.create(edition=edition, guidance=GUIDANCE)
    Room.objects.create(edition=edition, name="Great Hall", capacity=400)
    deadline = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=60), dt.time(17, 0)))
    types = {kind: SessionType.objects.create(edition=edition, kind=kind, length_minutes=minutes, deadline=deadline,
                                              max_co_speakers=2)
             for kind, minutes in ((SessionKind.TALK, 20), (SessionKind.WORKSHOP, 75))}
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    others = [profile.user for profile in LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
              .exclude(user=leader).select_related("user").order_by("pk")[:40]]
    submitted = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=70), dt.time(10, 0)))
    sessions = []
    for index, (kind, title, _answers, _slides) in enumerate(PAST_SESSIONS):
        proposal = Proposal.objects.create(
            edition=edition, session_type=types[kind], title=title, speaker=leader if index == 1 else others[index],
            abstract="What we changed, with whom, and what the numbers and people said.",
            state=ProposalState.CONFIRMED, submitted_at=submitted,
        )
        workflow.start(proposal, workflow.SYSTEM, note="Demo: a session of last year's edition")
        sessions.append(proposal)
    # The first two sessions were given with a co-speaker who accepted: ties for the evaluation's network analysis.
    for proposal, partner in ((sessions[0], others[10]), (sessions[1], others[11])):
        co_speaker = ProposalSpeaker.objects.create(proposal=proposal, user=partner, email=partner.email,
                                                    state=SpeakerState.ACCEPTED, answered_at=submitted)
        workflow.start(co_speaker, workflow.SYSTEM, note="Demo: a co-speaker of last year's edition")
    ticket_type = TicketType.objects.create(
        edition=edition, name="C&CP leader", capacity=300, on_sale_from=submitted,
        on_sale_until=timezone.make_aware(dt.datetime.combine(day, dt.time(9))),
    )
    attendees = [leader, *others[4:33]]
    arrived = timezone.make_aware(dt.datetime.combine(day, dt.time(8, 30)))
    for index, person in enumerate(attendees):
        registration = Registration.objects.create(
            edition=edition, ticket_type=ticket_type, user=person, state=RegistrationState.CONFIRMED,
            organisation=PAST_ORGANISATIONS[index % len(PAST_ORGANISATIONS)], profession="Nursing",
        )
        workflow.start(registration, workflow.SYSTEM, note="Demo: registered for last year's edition")
        if index not in PAST_NOT_CHECKED_IN:  # checked in on the day (made directly: the day is past)
            CheckIn.objects.create(registration=registration, checked_in_at=arrived + dt.timedelta(minutes=index))
    TicketType.objects.filter(pk=ticket_type.pk).update(places_held=len(attendees))
    givers = attendees[1:]  # leader@ has not given feedback yet
    DayFeedback.objects.bulk_create([
        DayFeedback(edition=edition, person=person, rating=(3, 4, 5, 4, 5)[i % 5],
                    improve=DAY_IMPROVE[i % len(DAY_IMPROVE)], comment=DAY_COMMENTS[i % len(DAY_COMMENTS)])
        for i, person in enumerate(givers[:24])
    ])
    feedback = []
    for proposal, (_kind, _title, answers, _slides) in zip(sessions, PAST_SESSIONS, strict=True):
        feedback += [SessionFeedback(proposal=proposal, person=person, rating=(4, 5, 3, 5)[i % 4],
                                     comment=SESSION_COMMENTS[i % len(SESSION_COMMENTS)])
                     for i, person in enumerate(givers[:answers])]
    SessionFeedback.objects.bulk_create(feedback)
    for proposal, (_kind, title, _answers, slides) in zip(sessions, PAST_SESSIONS, strict=True):
        if slides:
            material = SessionMaterial(proposal=proposal, original_name="Greenwich integrated front door.pdf",
                                       content_type="application/pdf",
                                       recording_url="https://www.youtube.com/watch?v=sel-front-door")
            pdf = uploads.simple_pdf(title, ["One number for every referral", "Triage by a senior clinician",
                                             "What we would do differently"])
            material.size = len(pdf)
            material.file.save("slides.pdf", ContentFile(pdf), save=False)
            material.save()
    ctx.counts["conference past sessions created"] = len(sessions)


DEMO_BUILDERS.append(("conference", build_conference))
DEMO_BUILDERS.append(("conference decisions", build_decided_conference))
DEMO_BUILDERS.append(("conference registration", build_conference_registration))
DEMO_BUILDERS.append(("conference check-in", build_conference_check_in))
DEMO_BUILDERS.append(("conference, last year", build_past_conference))


# --- the schedule -------------------------------------------------------------------------------------------

SCHEDULE_ROOMS = [("Studio", 60)]
# The decided edition's accepted sessions by title: room, start (London time), left unplaced when None. Version 1
# is released with the first three; the fourth is placed after it, so the editor shows a change to release.
SCHEDULE_PLAN = [
    ("One front door for children's community services", "Main hall", dt.time(9, 30)),
    ("Virtual wards that GPs trust", "Main hall", dt.time(10, 0)),
    ("Running a system huddle that people come back to", "Studio", dt.time(10, 0)),
    ("What we stopped doing: decommissioning with the public", "Main hall", dt.time(11, 0)),
]


def build_conference_schedule(ctx: SeedContext) -> None:
    """The winter forum (the next edition with accepted sessions) gets a schedule: a second room, three sessions
    placed and released as version 1, a fourth placed since (to release as version 2), and leader@'s favourite."""
    from programmes.conference import schedule_selectors, schedule_services  # noqa: PLC0415 - demo only

    edition = Edition.objects.filter(name=DECIDED_EDITION_NAME).first()
    if edition is None or schedule_selectors.latest_version(edition) is not None:
        ctx.counts["conference schedule versions released"] = 0
        return
    for name, capacity in SCHEDULE_ROOMS:
        if not edition.rooms.filter(name=name).exists():
            services.save_room(workflow.SYSTEM, edition, name=name, capacity=capacity)
    rooms = {room.name: room for room in edition.rooms.all()}
    proposals = {p.title: p for p in Proposal.objects.filter(edition=edition)}
    for index, (title, room, starts) in enumerate(SCHEDULE_PLAN):
        if index == 3:
            schedule_services.release_schedule(workflow.SYSTEM, edition, expected_number=1,
                                               note="The first programme.")
        schedule_services.place_session(workflow.SYSTEM, proposals[title], room=rooms[room],
                                        starts_at=schedule_selectors.london(edition.starts_on, starts))
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    schedule_services.add_favourite(leader, proposals[SCHEDULE_PLAN[1][0]])
    first_speaker = proposals[SCHEDULE_PLAN[0][0]].speaker
    services.save_speaker_profile(
        first_speaker, share_bio=True, public_bio=True, role="Designated clinical officer",
        organisation="Lewisham and Greenwich NHS Trust",
        bio="A community paediatrician who has spent five years joining up children's services across two boroughs.",
    )
    ctx.counts["conference schedule versions released"] = 1


DEMO_BUILDERS.append(("conference schedule", build_conference_schedule))


# --- seed_scale: one edition at scale (programmes/conference/scale.py) ---------------------------------------


def build_conference_scale(ctx: SeedContext, factor: int) -> None:
    """100 proposals and up to 200 registrations per unit of ``factor`` (1,000 and 2,000 at factor 10), by scale
    leaders; about 12% of the proposals accepted and placed in a released schedule. There are 200 scale leaders
    per unit of ``factor``, so every one of them registers, and three in five of them propose."""
    rows = (LeaderProfile.objects.filter(user__email__endswith=f"@{SCALE_DOMAIN}")
            .order_by("user_id").values_list("user_id", "organisation__name", "profession__name"))
    people = [scale.Person(pk, organisation or "", profession or "") for pk, organisation, profession in rows]
    people = people[: 200 * factor]
    if len(people) < 10:
        return
    speakers = people[: len(people) * 3 // 5]
    edition = scale.build_scale_edition(
        f"{scale.SCALE_EDITION_PREFIX} {timezone.now():%Y%m%d%H%M%S}", speakers, people,
        proposals=100 * factor, accepted=12 * factor, reviewer_count=max(3, factor),
    )
    ctx.counts["conference scale proposals created"] = edition.proposals.count()
    ctx.counts["conference scale registrations created"] = edition.registrations.count()
    ctx.counts["conference scale sessions placed"] = edition.placements.count()


SCALE_CLEARERS.append(scale.clear_scale_editions)
SCALE_BUILDERS.append(("conference", build_conference_scale))


# --- workshop choices ---------------------------------------------------------------------------------------

WORKSHOP_DEMO_CAPACITY = 5
WORKSHOP_DEMO_WAITING = 3


def build_conference_workshops(ctx: SeedContext) -> None:
    """The winter forum's released workshop gets places: a ticket type, leader@ and eight others registered, the
    team's capacity of 5, five places taken and three people on its waiting list (leader@ may join it)."""
    from programmes.conference import workshops  # noqa: PLC0415 - demo only

    edition = Edition.objects.filter(name=DECIDED_EDITION_NAME).first()
    workshop = edition and Proposal.objects.filter(edition=edition, session_type__kind=SessionKind.WORKSHOP,
                                                   title=SCHEDULE_PLAN[2][0]).first()
    if workshop is None or Workshop.objects.filter(proposal=workshop).exists():
        ctx.counts["conference workshop choices"] = 0
        return
    now = timezone.now()
    ticket_type = TicketType.objects.filter(edition=edition).first() or services.save_ticket_type(
        workflow.SYSTEM, edition, name="Forum place", capacity=150, needs_approval=False,
        on_sale_from=now - dt.timedelta(days=7),
        on_sale_until=timezone.make_aware(dt.datetime.combine(edition.starts_on, dt.time(9))),
    )
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    others = [profile.user for profile in LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
              .exclude(user=leader).select_related("user").order_by("pk")[:WORKSHOP_DEMO_CAPACITY
                                                                          + WORKSHOP_DEMO_WAITING]]
    registered = set(Registration.objects.filter(edition=edition).values_list("user_id", flat=True))
    for person in [leader, *others]:
        if person.pk not in registered:
            services.register(person, edition, ticket_type=ticket_type, organisation="NHS South East London ICB",
                              profession="Nursing")
    workshops.set_workshop_capacity(workflow.SYSTEM, edition, workshop, WORKSHOP_DEMO_CAPACITY)
    chosen = 0
    for person in others:
        workshops.choose_workshop(person, edition, workshop)
        chosen += 1
    ctx.counts["conference workshop choices"] = chosen


DEMO_BUILDERS.append(("conference workshops", build_conference_workshops))
