"""Conference demo data: next year's edition with its call for proposals open (rooms at Guy's Campus,
themes linked to the priority functions, five session types with questions), a few submitted proposals
from demo leaders and two drafts, one with a co-speaker who accepted. Idempotent: the edition is found by
name, and proposals by edition, speaker and title; nothing that exists is changed."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile, PriorityFunction
from programmes.conference import selectors, services
from programmes.conference.models import Decision, Edition, Proposal, ProposalSpeaker, SessionKind

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


DEMO_BUILDERS.append(("conference", build_conference))
DEMO_BUILDERS.append(("conference decisions", build_decided_conference))
