"""Communities demo data: members in the professional networks (leader@ in two), leads, discussions with
replies in the AHP and community pharmacy networks, one post hidden by a lead, and a closed clinical network
that leader@ has asked to join. Idempotent: communities are found by slug, and a community that already has
discussions is left as it is. Posts are written straight to the tables (no emails go out from seeding).

Idea challenges: one evaluating ideas (12 ideas with supports, comments and some scores; leader@ is one of
its evaluators) and one done, every idea answered (one taken forward into the register). Found by title."""

from __future__ import annotations

import datetime as dt

from django.apps import apps as django_apps
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile, PriorityFunction
from programmes.community import reference, services
from programmes.community.models import (
    ChallengeStage,
    Community,
    CommunityKind,
    Idea,
    IdeaAnswer,
    IdeaChallenge,
    IdeaComment,
    IdeaScore,
    IdeaSupport,
    Membership,
    MembershipState,
    Post,
    Thread,
    ThreadFollow,
)

CLOSED_NETWORK = (
    "urgent-and-emergency-care-clinical-leads",
    "Urgent and emergency care clinical leads",
    "A closed network for the clinical leads of urgent and emergency care across the six boroughs and the acute "
    "trusts: flow, handovers, same day emergency care and winter planning. Leads approve who joins.",
)

DISCUSSIONS = {
    "allied-health-professionals": [
        ("Falls prevention in care homes: what has worked for you?", [
            "We are starting a physio and OT led falls review in Bexley care homes. Has anyone measured the "
            "effect on ambulance call-outs? We would like to compare notes before we set our measures.",
            "In Greenwich we saw call-outs fall by about a fifth over six months. The biggest change was training "
            "care home staff to use the **ISTUMBLE** tool before calling 999.",
            "Happy to share our training pack. One lesson: agree with the home manager who owns the follow-up, "
            "or the reviews do not happen.",
        ]),
        ("AHP leadership roles in the new place partnerships", [
            "Several boroughs are recruiting AHP leads for their place partnerships. Would it help to agree a "
            "common description of the role across SEL?",
            "Yes please. Lewisham's draft is here and we would welcome comments:\n\n- 2 sessions a week\n"
            "- a seat on the place executive\n- protected time for the network",
        ]),
    ],
    "community-pharmacy": [
        ("Blood pressure checks in faith venues", [
            "Our Southwark pilot offers checks after Sunday services. Referrals into GP follow-up are the weak "
            "point: how are others booking them?",
            "We use the PCN's shared booking line, which works well when the practice has given us slots.",
            "Please do not post patients' details here, even first names.",
        ]),
    ],
}


def _demo_leaders(count: int, skip: set[int]) -> list[User]:
    profiles = (
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
        .exclude(user_id__in=skip)
        .select_related("user")
        .order_by("user__email")[:count]
    )
    return [profile.user for profile in profiles]


def _member(community: Community, person: User, state: str = MembershipState.MEMBER, at=None) -> None:
    if Membership.objects.filter(community=community, person=person).exists():
        return
    membership = Membership.objects.create(
        community=community, person=person, state=state, handle=services.new_handle(community, person),
        created_at=at or timezone.now(),
    )
    workflow.start(membership, workflow.SYSTEM)


def build_communities(ctx: SeedContext) -> None:
    now = timezone.now()
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    others = _demo_leaders(24, skip={leader.pk})
    if len(others) < 8:
        return
    reference.load(django_apps)  # the networks migration 0002 loads (put back if a test emptied the tables)
    slug, name, description = CLOSED_NETWORK
    closed, _ = Community.objects.get_or_create(
        slug=slug, defaults={"name": name, "description": description, "kind": CommunityKind.CLINICAL, "closed": True}
    )
    networks = {c.slug: c for c in Community.objects.filter(kind=CommunityKind.PROFESSIONAL)}
    made = 0
    for index, community in enumerate(sorted(networks.values(), key=lambda c: c.slug)):
        lead = others[index % len(others)]
        community.leads.add(lead)
        _member(community, lead, at=now - dt.timedelta(days=60))
        for offset in range(5):
            _member(community, others[(index * 3 + offset + 1) % len(others)], at=now - dt.timedelta(days=40 - offset))
    for slug in ("allied-health-professionals", "community-pharmacy"):
        if slug in networks:
            _member(networks[slug], leader, at=now - dt.timedelta(days=20))
    closed.leads.add(others[-1])
    _member(closed, others[-1], at=now - dt.timedelta(days=90))
    _member(closed, others[-2], at=now - dt.timedelta(days=80))
    _member(closed, leader, state=MembershipState.REQUESTED, at=now - dt.timedelta(days=1))
    for slug, threads in DISCUSSIONS.items():
        community = networks.get(slug)
        if community is None or community.threads.exists():
            continue
        members = [m.person for m in community.memberships.filter(state=MembershipState.MEMBER)
                   .select_related("person").order_by("created_at", "pk")]
        lead = community.leads.order_by("pk").first()
        for number, (title, bodies) in enumerate(threads):
            started = now - dt.timedelta(days=12 - number * 4)
            thread = Thread.objects.create(community=community, title=title, author=members[number + 1],
                                           created_at=started, last_post_at=started)
            for reply, body in enumerate(bodies):
                author = members[(number + reply + 1) % len(members)]
                if reply == 0:
                    author = thread.author
                at = started + dt.timedelta(hours=5 * reply)
                Post.objects.create(thread=thread, author=author, body=body, created_at=at)
                ThreadFollow.objects.get_or_create(thread=thread, person=author)
                thread.last_post_at = at
                made += 1
            thread.save(update_fields=["last_post_at"])
        if slug == "community-pharmacy" and lead is not None:
            thread = community.threads.first()
            Post.objects.create(
                thread=thread, author=members[-1], created_at=now - dt.timedelta(hours=3),
                body="Mrs A from our Tuesday clinic still has not heard from her practice, can someone chase?",
            )
            hidden = thread.posts.order_by("-created_at").first()
            services.hide_post(lead, hidden, reason="Names a patient: please share cases by secure email, not here.")
            made += 1
    ctx.counts["community posts created"] = made


DEMO_BUILDERS.append(("communities", build_communities))


# --- idea challenges --------------------------------------------------------------------------------------

EVALUATING = (
    "Getting people home from hospital sooner",
    "Too many people who are medically fit wait in our acute beds for care at home or a care home place. "
    "How might health, social care and the voluntary sector in south east London get people home **sooner** "
    "and keep them well once they are there?",
    "SEL ICB Board",
)
EVALUATING_IDEAS = [
    ("A single discharge hub for each borough", "One team, one phone number, every agency at the same table."),
    ("Trusted assessors for care homes", "Care homes accept the hospital's assessment instead of visiting."),
    ("Voluntary sector 'home from hospital' visits", "A volunteer visits on the first day home and the third."),
    ("Discharge to assess as the default", "Assess needs at home, not on the ward."),
    ("Pharmacy-led medicines reconciliation on the day", "Medicines ready before the transport arrives."),
    ("Weekend social work cover", "Half the delays start on a Friday afternoon."),
    ("Shared live bed and care-package dashboard", "Everyone sees the same numbers every morning."),
    ("Reablement starts on the ward", "Therapists start reablement before people leave."),
    ("Transport booked at admission", "Plan the journey home on the first day."),
    ("Carers' conversation within 48 hours", "Ask families early what help they can give."),
    ("Step-down flats with telecare", "Short stays in adapted flats while care at home is arranged."),
    ("One discharge letter for every agency", "A single letter that GP, council and provider all read."),
]
DONE = (
    "Making our meetings greener",
    "Our boards travel a great deal to meet. How might we cut the carbon of our meetings without losing what "
    "meeting in person gives us?",
    "The C&CPLG",
)
DONE_IDEAS = [
    ("Every second board meeting online", "Alternate in person and online.", IdeaAnswer.TAKEN_FORWARD,
     "The C&CPLG will try this from April and report back after six months."),
    ("Meet where the trains are", "Choose venues within ten minutes of a station.", IdeaAnswer.NOT_NOW,
     "Most of our venues already are; we will look again when the venue contracts end."),
    ("Online meetings by default", "Only meet in person when it matters.", IdeaAnswer.MERGED,
     "The same aim as alternating meetings, which is taken forward."),
    ("Vegetarian catering at every event", "The food is a large part of an event's footprint.",
     IdeaAnswer.NOT_NOW, "Catering is in the new events contract from next year."),
]


def _challenge(title, question, body, owner, opens_on, closes_on):
    challenge = IdeaChallenge.objects.filter(title=title).first()
    if challenge is not None:
        return challenge, False
    challenge = IdeaChallenge.objects.create(
        title=title, question=question, owner=owner, owner_body=body, opens_on=opens_on, closes_on=closes_on,
    )
    workflow.start(challenge, workflow.SYSTEM)
    return challenge, True


def _ideas(challenge, items, people, now):
    ideas = []
    for number, (title, body, *_rest) in enumerate(items):
        ideas.append(Idea.objects.create(
            challenge=challenge, author=people[number % len(people)], title=title, body=body,
            created_at=now - dt.timedelta(days=30 - number),
        ))
    return ideas


def _supports(challenge, ideas, people):
    for index, person in enumerate(people):
        picks = {ideas[(index * 2 + step * 3) % len(ideas)] for step in range(challenge.supports_per_person)}
        for idea in picks:
            if idea.author_id != person.pk:
                IdeaSupport.objects.get_or_create(challenge=challenge, idea=idea, person=person)
    for idea in ideas:
        Idea.objects.filter(pk=idea.pk).update(support_count=idea.supports.count())


def build_idea_challenges(ctx: SeedContext) -> None:
    now = timezone.now()
    today = timezone.localdate()
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    people = _demo_leaders(16, skip={leader.pk})
    if len(people) < 8:
        return
    owner, commenters = people[0], people[1:]
    made = 0
    challenge, new = _challenge(*EVALUATING[:2], EVALUATING[2], owner, today - dt.timedelta(days=40),
                                today - dt.timedelta(days=12))
    if new:
        challenge.priority_functions.set(PriorityFunction.objects.order_by("number")[:2])
        ideas = _ideas(challenge, EVALUATING_IDEAS, commenters, now)
        _supports(challenge, ideas, [leader, *commenters])
        for number, idea in enumerate(ideas[:4]):
            IdeaComment.objects.create(idea=idea, author=commenters[(number + 3) % len(commenters)],
                                       body="We tried something like this in Lewisham: happy to share what we learnt.",
                                       created_at=now - dt.timedelta(days=10 - number))
        for number, idea in enumerate(ideas[:3]):  # some ideas written together
            colleagues = [p for p in commenters[number + 5:number + 8] if p.pk != idea.author_id][: number + 1]
            services.set_coauthors(idea.author, idea, colleagues)
        services.move_challenge(owner, challenge, ChallengeStage.DISCUSS)
        services.move_challenge(owner, challenge, ChallengeStage.EVALUATE)
        challenge.evaluators.set([leader, people[2]])
        for number, idea in enumerate(ideas[:8]):
            IdeaScore.objects.create(idea=idea, evaluator=people[2], impact=9 - number % 5,
                                     confidence=5 + number % 4, ease=4 + number % 6)
        made += len(ideas)
    challenge, new = _challenge(*DONE[:2], DONE[2], owner, today - dt.timedelta(days=120),
                                today - dt.timedelta(days=90))
    if new:
        ideas = _ideas(challenge, DONE_IDEAS, commenters, now - dt.timedelta(days=90))
        _supports(challenge, ideas, commenters)
        services.move_challenge(owner, challenge, ChallengeStage.DISCUSS)
        services.move_challenge(owner, challenge, ChallengeStage.EVALUATE)
        for idea, (_title, _body, answer, reason) in zip(ideas, DONE_IDEAS, strict=True):
            services.answer_idea(owner, idea, answer=answer, reason=reason,
                                 merged_into=ideas[0] if answer == IdeaAnswer.MERGED else None)
        services.move_challenge(owner, challenge, ChallengeStage.DEVELOP)
        services.move_challenge(owner, challenge, ChallengeStage.DONE)
        made += len(ideas)
    ctx.counts["community ideas created"] = made


DEMO_BUILDERS.append(("idea challenges", build_idea_challenges))
