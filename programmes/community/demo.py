"""Communities demo data: members in the professional networks (leader@ in two), leads, discussions with
replies in the AHP and community pharmacy networks, one post hidden by a lead, and a closed clinical network
that leader@ has asked to join. Idempotent: communities are found by slug, and a community that already has
discussions is left as it is. Posts are written straight to the tables (no emails go out from seeding).

Idea challenges: one evaluating ideas (12 ideas with supports, comments and some scores; leader@ is one of
its evaluators) and one done, every idea answered (one taken forward into the register). Found by title."""

from __future__ import annotations

import datetime as dt

import holidays
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db.models import Q
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import (
    DEMO_BUILDERS,
    DEMO_DOMAIN,
    SCALE_BUILDERS,
    SCALE_CLEARERS,
    SCALE_DOMAIN,
    SeedContext,
)
from academy.directory.models import LeaderGroup, LeaderProfile, PriorityFunction, Profession
from academy.workflow.models import Transition
from programmes.community import reference, resource_services, services
from programmes.community.models import (
    CHALLENGE_WORKFLOW,
    MEMBERSHIP_WORKFLOW,
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
    Resource,
    ResourceKind,
    TaskGroup,
    Thread,
    ThreadFollow,
)
from programmes.core.uploads import simple_pdf

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


# --- resources library ------------------------------------------------------------------------------------

# (community slug, title, description, PDF points or https link, function numbers, professions, themes, visibility)
RESOURCES = [
    ("allied-health-professionals", "Falls prevention in care homes: training pack",
     "The Greenwich training pack for care home staff on the ISTUMBLE tool, with the measures we used.",
     ["Why falls matter: call-outs and admissions", "Using ISTUMBLE before calling 999",
      "Who owns the follow-up review", "Measures: call-outs, admissions, repeat falls"],
     [1, 3], ["Allied health professions"], ["falls", "care homes"], "everyone"),
    ("allied-health-professionals", "AHP place lead: draft role description",
     "Lewisham's draft description of an AHP lead role in a place partnership, for comment.",
     ["Two sessions a week", "A seat on the place executive", "Protected time for the network"],
     [2], [], ["workforce", "place partnerships"], "community"),
    ("allied-health-professionals", "NHS England: allied health professions' strategy",
     "The national AHP strategy, with the priorities our network's work plan follows.",
     "https://www.england.nhs.uk/ahp/", [2], [], ["strategy"], "everyone"),
    ("community-pharmacy", "Pharmacy First: referral pathway for practices",
     "How general practices in south east London refer patients to Pharmacy First, and what to do when it fails.",
     "https://www.england.nhs.uk/primary-care/pharmacy/pharmacy-services/pharmacy-first/",
     [1], ["Community pharmacy", "Pharmacy"], ["access", "medicines"], "everyone"),
    (CLOSED_NETWORK[0], "Winter handover escalation plan 2026",
     "The agreed escalation steps for ambulance handovers this winter, for the network's clinical leads only.",
     ["Handover over 45 minutes: site lead told", "Over 60 minutes: borough on-call",
      "Over 90 minutes: system call within the hour"],
     [4], ["Medicine", "Nursing", "Paramedic practice"], ["winter", "urgent care"], "community"),
]


def build_resources(ctx: SeedContext) -> None:
    """A PDF made in code and links in the AHP, community pharmacy and closed urgent care networks, added by
    each community's lead through the services (so the file checks run). A library with resources is left."""
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    professions = {p.name: p for p in Profession.objects.all()}
    made = 0
    for slug, title, description, content, numbers, profession_names, themes, visibility in RESOURCES:
        community = Community.objects.filter(slug=slug).first()
        lead = community.leads.order_by("pk").first() if community else None
        if lead is None or community.resources.filter(title=title).exists():
            continue
        fields = {
            "title": title, "description": description, "themes": themes, "visibility": visibility,
            "priority_functions": [functions[n] for n in numbers if n in functions],
            "professions": [professions[n] for n in profession_names if n in professions],
        }
        if isinstance(content, str):
            resource_services.add_resource(lead, community, kind=ResourceKind.LINK, url=content, **fields)
        else:
            upload = ContentFile(simple_pdf(title, content), name=f"{title.split(':')[0]}.pdf")
            resource_services.add_resource(lead, community, kind=ResourceKind.FILE, upload=upload, **fields)
        made += 1
    ctx.counts["community resources added"] = made


DEMO_BUILDERS.append(("community resources", build_resources))


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


# The other three stages, so the challenges list shows one challenge in each: gathering ideas now (leader@ can
# submit one), discussing, and developing the ideas taken forward.
GATHERING = (
    "Reaching people who never come to their health checks",
    "Some of our communities rarely take up NHS Health Checks or screening. How might we reach them where they "
    "already are, with the voluntary sector and faith groups?",
    "Lambeth and Southwark LCP boards",
)
GATHERING_IDEAS = [
    ("Checks at the barber's", "Blood pressure checks where men already spend half an hour."),
    ("Faith venue health days", "Monthly health days after Friday and Sunday services."),
]
DISCUSSING = (
    "Keeping staff who are thinking of leaving",
    "Too many nurses and care workers leave in their first two years. How might organisations across south east "
    "London keep them, together rather than competing?",
    "SEL People Board",
)
DISCUSSING_IDEAS = [
    ("A system-wide buddy scheme", "A buddy from another organisation for every new starter."),
    ("Internal transfer without a new application", "Move between SEL employers without starting again."),
    ("Flexible rotas first", "Self-rostering pilots in every trust and two care providers."),
]
DEVELOPING = (
    "Joining up falls prevention",
    "Falls services are run by different teams in each borough. How might we give older people one way in?",
    "SEL Ageing Well Network",
)
DEVELOPING_IDEAS = [
    ("One falls referral form for SEL", "The same form and criteria in every borough.", IdeaAnswer.TAKEN_FORWARD,
     "Taken forward: the Ageing Well Network is drafting the form with the six boroughs."),
    ("Strength and balance classes in libraries", "Classes where older people already go.", IdeaAnswer.NOT_NOW,
     "A good idea for the second phase, once the single referral route is working."),
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
    made += _other_stages(owner, commenters, leader, now, today)
    ctx.counts["community ideas created"] = made


def _other_stages(owner, commenters, leader, now, today) -> int:
    """One challenge gathering ideas (open for a few more weeks), one discussing and one developing."""
    made = 0
    challenge, new = _challenge(*GATHERING[:2], GATHERING[2], owner, today - dt.timedelta(days=10),
                                today + dt.timedelta(days=25))
    if new:
        challenge.priority_functions.set(PriorityFunction.objects.order_by("number")[2:4])
        ideas = _ideas(challenge, GATHERING_IDEAS, commenters[3:], now + dt.timedelta(days=22))  # 8 and 7 days ago
        _supports(challenge, ideas, commenters[:6])
        made += len(ideas)
    challenge, new = _challenge(*DISCUSSING[:2], DISCUSSING[2], owner, today - dt.timedelta(days=35),
                                today - dt.timedelta(days=5))
    if new:
        ideas = _ideas(challenge, DISCUSSING_IDEAS, commenters, now)  # 30 to 28 days ago
        _supports(challenge, ideas, [leader, *commenters])
        IdeaComment.objects.create(idea=ideas[0], author=commenters[4], created_at=now - dt.timedelta(days=3),
                                   body="Our buddies came from the same ward; another organisation's view is better.")
        services.move_challenge(owner, challenge, ChallengeStage.DISCUSS)
        made += len(ideas)
    challenge, new = _challenge(*DEVELOPING[:2], DEVELOPING[2], owner, today - dt.timedelta(days=80),
                                today - dt.timedelta(days=50))
    if new:
        ideas = _ideas(challenge, DEVELOPING_IDEAS, commenters, now - dt.timedelta(days=25))  # 55 and 54 days ago
        _supports(challenge, ideas, commenters)
        services.move_challenge(owner, challenge, ChallengeStage.DISCUSS)
        services.move_challenge(owner, challenge, ChallengeStage.EVALUATE)
        for idea, (_title, _body, answer, reason) in zip(ideas, DEVELOPING_IDEAS, strict=True):
            services.answer_idea(owner, idea, answer=answer, reason=reason)
        services.move_challenge(owner, challenge, ChallengeStage.DEVELOP)
        made += len(ideas)
    return made


DEMO_BUILDERS.append(("idea challenges", build_idea_challenges))


# --- task-and-finish groups -------------------------------------------------------------------------------

OPEN_GROUP = (
    "Common AHP lead role description",
    "Agree one description of the AHP lead role for the six place partnerships by the end of March.",
    "Asked by the AHP network's leads. The group drafts the description and shares it with the place "
    "executives; it does not decide pay bands or recruit.",
    [
        "I have put Lewisham's and Bexley's drafts side by side. The big difference is protected time: one "
        "session a week or two?",
        "Two, please. With one session our leads never get to the network's meetings.",
    ],
)
CLOSED_GROUP = (
    "Falls training pack for care homes",
    "Bring the boroughs' falls training for care home staff into one pack every borough can use.",
    "Asked by the AHP network's leads, for the falls prevention discussion.",
    "The pack is finished and shared with all six boroughs. Greenwich and Bexley use it from January; the "
    "others will review it at their next care home forum.",
)


def build_task_groups(ctx: SeedContext) -> None:
    community = Community.objects.filter(slug="allied-health-professionals").first()
    leader = User.objects.filter(email=f"leader@{DEMO_DOMAIN}").first()
    lead = community.leads.order_by("pk").first() if community else None
    if lead is None or leader is None or community.task_groups.exists():
        return
    members = [m.person_id for m in community.memberships.filter(state=MembershipState.MEMBER)
               .exclude(person=lead).order_by("created_at", "pk")]
    today = timezone.localdate()
    name, objective, mandate, posts = OPEN_GROUP
    group = services.create_task_group(
        lead, community, name=name, objective=objective, mandate=mandate, ends_on=today + dt.timedelta(days=110),
        members=[leader.pk, *members[:3]],
    )
    authors = [leader, *User.objects.filter(pk__in=members[:1])]
    for author, body in zip(authors, posts, strict=False):
        services.post_in_task_group(author, group, body=body)
    name, objective, mandate, outcome = CLOSED_GROUP
    closed = services.create_task_group(
        lead, community, name=name, objective=objective, mandate=mandate, ends_on=today + dt.timedelta(days=14),
        members=members[1:4],
    )
    services.post_in_task_group(lead, closed, body="The last borough's material is in: thank you all.")
    services.close_task_group(lead, closed, outcome_note=outcome)
    ctx.counts["task-and-finish groups created"] = 2


DEMO_BUILDERS.append(("task-and-finish groups", build_task_groups))

GROUP_RESOURCES = [
    ("Draft AHP lead role description v2", "The draft the group is commenting on, with the changes from May.",
     ["Two sessions a week", "A seat on the place executive", "Protected time for the network"], ["workforce"]),
    ("HCPC standards of proficiency", "What the role description must keep to for every profession.",
     "https://www.hcpc-uk.org/standards/standards-of-proficiency/", ["standards"]),
]


def build_group_resources(ctx: SeedContext) -> None:
    """A PDF and a link in the open AHP task-and-finish group, added by leader@ (a member) through the services.
    A group that has resources is left as it is."""
    group = TaskGroup.objects.filter(name=OPEN_GROUP[0], community__slug="allied-health-professionals").first()
    leader = User.objects.filter(email=f"leader@{DEMO_DOMAIN}").first()
    if group is None or leader is None or group.resources.exists():
        return
    for title, description, content, themes in GROUP_RESOURCES:
        fields = {"title": title, "description": description, "themes": themes, "task_group": group}
        if isinstance(content, str):
            resource_services.add_resource(leader, group.community, kind=ResourceKind.LINK, url=content, **fields)
        else:
            upload = ContentFile(simple_pdf(title, content), name="AHP lead role description v2.pdf")
            resource_services.add_resource(leader, group.community, kind=ResourceKind.FILE, upload=upload, **fields)
    ctx.counts["task-and-finish group resources added"] = len(GROUP_RESOURCES)


DEMO_BUILDERS.append(("task-and-finish group resources", build_group_resources))


def tag_demo_ideas(ctx: SeedContext) -> None:
    """The evaluating challenge's ideas say which of its priority functions they are about (for the board's
    filter). Ideas already tagged are left."""
    challenge = IdeaChallenge.objects.filter(title=EVALUATING[0]).first()
    if challenge is None:
        return
    functions = list(challenge.priority_functions.order_by("number"))
    untagged = list(challenge.ideas.filter(priority_functions__isnull=True).order_by("pk"))
    for number, idea in enumerate(untagged if functions else []):
        idea.priority_functions.set([functions[number % len(functions)]])
    ctx.counts["ideas tagged with priority functions"] = len(untagged) if functions else 0


DEMO_BUILDERS.append(("ideas' priority functions", tag_demo_ideas))


# --- a community run without the Django admin (issue 14, community-admin) ---------------------------------

ADMIN_NETWORK = (
    "South East London Diabetes Clinical Network",
    "Clinicians, pharmacists and managers improving diabetes care across the six boroughs: structured education, "
    "foot care pathways, insulin safety and the gaps between primary and secondary care.",
)
ADMIN_DISCUSSIONS = [
    ("Start here: how this network works", [
        "Welcome. We meet online on the first Tuesday of the month; minutes and papers go in the resources. "
        "Please introduce yourself in a reply: your role, your borough, and one thing you want to fix.",
        "Hello all: diabetes specialist nurse in Lewisham, keen to join up the foot care pathway.",
    ]),
    ("Foot care: waits for the multidisciplinary foot clinic", [
        "Our referrals to the MDT foot clinic wait three weeks on average. Is anyone triaging by photo first?",
        "Bromley triages by photo through the community podiatry team: urgent cases are seen within 48 hours.",
    ]),
    ("Insulin safety week: ideas for practices", [
        "Insulin safety week is in May. What worked last year to reach practice nurses and community pharmacists?",
    ]),
]


def build_admin_run_community(ctx: SeedContext) -> None:
    """programme-admin@ (an admin of the communities programme) created a clinical network through the pages and
    named two leads; the lead pinned the welcome discussion (both in the community's log). One discussion has no
    replies, so the board's "unanswered" filter shows something. Found by name: running twice changes nothing."""
    from programmes.community import admin_services  # noqa: PLC0415 - this builder only

    name, summary = ADMIN_NETWORK
    admin = User.objects.filter(email=f"programme-admin@{DEMO_DOMAIN}").first()
    leader = User.objects.filter(email=f"leader@{DEMO_DOMAIN}").first()
    if admin is None or leader is None or Community.objects.filter(name=name).exists():
        return
    people = _demo_leaders(12, skip={leader.pk})
    if len(people) < 6:
        return
    now = timezone.now()
    first_lead, second_lead = people[6], people[7]
    community = admin_services.create_community(
        admin, name=name, kind=CommunityKind.CLINICAL, summary=summary, closed=False, leads=[first_lead]
    )
    admin_services.name_lead(admin, community, second_lead)
    for offset, person in enumerate([first_lead, second_lead, leader, *people[8:11]]):
        _member(community, person, at=now - dt.timedelta(days=30 - offset))
    members = [first_lead, leader, *people[8:11]]
    for number, (title, bodies) in enumerate(ADMIN_DISCUSSIONS):
        started = now - dt.timedelta(days=20 - number * 6)
        author = first_lead if number == 0 else members[number]
        thread = Thread.objects.create(community=community, title=title, author=author, created_at=started,
                                       last_post_at=started)
        for reply, body in enumerate(bodies):
            poster = author if reply == 0 else members[(number + reply + 1) % len(members)]
            at = started + dt.timedelta(hours=6 * reply)
            Post.objects.create(thread=thread, author=poster, body=body, created_at=at)
            ThreadFollow.objects.get_or_create(thread=thread, person=poster)
            thread.last_post_at = at
        thread.save(update_fields=["last_post_at"])
        if number == 0:
            services.set_pinned(first_lead, thread, pinned=True)
    ctx.counts["communities created by an admin"] = 1


DEMO_BUILDERS.append(("a community run by the programme's admin", build_admin_run_community))


INSPIRATION_SESSION = (
    "Inspiration session: leading change across organisations",
    "A chief executive and a director of adult social care on leading change they did not control: what they "
    "tried, what failed and what they would do again. Open to managerial and executive leaders; book a place, or "
    "join the waiting list if it is full.",
)


def build_community_events(ctx: SeedContext) -> None:
    """The communities programme's own inspiration session, a cohort of the cohort engine (open booking, one
    online session in three weeks, for the two most senior leader groups), made by programme-admin@ and shown on
    the AHP network's page and the diabetes network's. Made once (found by its title); it does not depend on
    another programme's demo, so the order the builders run in does not matter."""
    from programmes.community import events  # noqa: PLC0415 - this builder only
    from programmes.core.models import Cohort, DeliveryFormat, Programme, SelectionMethod, Session  # noqa: PLC0415

    admin = User.objects.filter(email=f"programme-admin@{DEMO_DOMAIN}").first()
    programme = Programme.objects.filter(slug="community").first()
    title, summary = INSPIRATION_SESSION
    if admin is None or programme is None or Cohort.objects.filter(programme=programme, title=title).exists():
        ctx.counts["community events shown"] = 0
        return
    bank_holidays = holidays.country_holidays("GB", subdiv="ENG")
    day = timezone.localdate() + dt.timedelta(days=21)
    while day.weekday() >= 5 or day in bank_holidays:  # a working day, like every demo session
        day += dt.timedelta(days=1)
    now = timezone.now()
    cohort = Cohort.objects.create(
        programme=programme, title=title, delivery_format=DeliveryFormat.ONLINE, summary=summary,
        time_commitment="One hour online", capacity=60, starts_on=day, ends_on=day,
        selection_method=SelectionMethod.OPEN_BOOKING, applications_open=now - dt.timedelta(days=3),
        applications_close=now + dt.timedelta(days=20), cpd_hours=1, published=True,
    )
    cohort.target_groups.set(LeaderGroup.objects.order_by("position")[:2])
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(12, 30)))
    Session.objects.create(cohort=cohort, title="Leading change across organisations", starts_at=start,
                           ends_at=start + dt.timedelta(hours=1), delivery_format=DeliveryFormat.ONLINE,
                           online_link="https://teams.microsoft.com/l/meetup-join/academy-communities",
                           faculty="Guest speakers")
    communities = Community.objects.filter(Q(slug="allied-health-professionals") | Q(name=ADMIN_NETWORK[0]))
    shown = 0
    for community in communities.order_by("pk"):
        events.add_event(admin, community, cohort)
        shown += 1
    ctx.counts["community events shown"] = shown


DEMO_BUILDERS.append(("community events", build_community_events))


# --- seed_scale: communities, discussions and 50,000 posts at factor 10, and an idea challenge -----------------

SCALE_PREFIX = "Scale test community"
SCALE_CHALLENGE = "Scale test challenge"
SCALE_POST = (
    "Thanks for sharing this. In our **borough** we tried a similar approach:\n\n"
    "- a weekly huddle with the care homes\n- one named contact per home\n\n"
    "Happy to share the [template](https://www.nhs.uk/) we used. Post {n}."
)


def build_community_scale(ctx: SeedContext, factor: int) -> None:
    """Per unit of ``factor``: 2 communities, 100 discussions of 50 posts (5,000 posts: 50,000 at factor 10),
    memberships for the scale leaders, 200 links in the libraries (shared with everyone), and one challenge
    with 1,000 ideas (10,000 at factor 10), written with bulk_create. Posts are stored as the app stores them:
    the text exactly as typed (Markdown), rendered through academy.ui.markdown when shown, so the bench
    measures the real rendering."""
    now = timezone.now()
    people = list(User.objects.filter(email__endswith=f"@{SCALE_DOMAIN}").order_by("pk").values_list("pk", flat=True))
    if not people:
        return
    communities = Community.objects.bulk_create(
        Community(name=f"{SCALE_PREFIX} {n}", slug=f"scale-test-community-{n}", kind=CommunityKind.PROFESSIONAL,
                  description="A community made by seed_scale for benchmarks.", created_at=now)
        for n in range(1, 2 * factor + 1)
    )
    memberships = Membership.objects.bulk_create(
        [Membership(community=communities[index % len(communities)], person_id=person, state=MembershipState.MEMBER,
                    handle=f"scale-{person}", created_at=now) for index, person in enumerate(people)],
        batch_size=2000,
    )
    membership_type = ContentType.objects.get_for_model(Membership)
    Transition.objects.bulk_create(
        [Transition(content_type=membership_type, object_id=m.pk, machine=MEMBERSHIP_WORKFLOW.name, from_state="",
                    to_state=MembershipState.MEMBER, actor_label=workflow.SYSTEM.label, at=now) for m in memberships],
        batch_size=2000,
    )
    members_of: dict[int, list[int]] = {}
    for m in memberships:
        members_of.setdefault(m.community_id, []).append(m.person_id)
    for community in communities:
        community.leads.add(members_of[community.pk][0])
    threads, posts_per_thread = [], 50
    for n in range(100 * factor):
        community = communities[n % len(communities)]
        started = now - dt.timedelta(days=200, minutes=n)
        threads.append(Thread(
            community=community, title=f"Scale test discussion {n}: sharing falls work",
            author_id=members_of[community.pk][n % len(members_of[community.pk])], created_at=started,
            last_post_at=started + dt.timedelta(minutes=posts_per_thread - 1),
        ))
    threads = Thread.objects.bulk_create(threads, batch_size=2000)
    posts = (
        Post(thread=thread, author_id=members_of[thread.community_id][(t + p) % len(members_of[thread.community_id])],
             body=SCALE_POST.format(n=p), created_at=thread.created_at + dt.timedelta(minutes=p))
        for t, thread in enumerate(threads) for p in range(posts_per_thread)
    )
    Post.objects.bulk_create(posts, batch_size=5000)
    themes = ["falls", "workforce", "discharge", "medicines", "care homes"]
    Resource.objects.bulk_create(
        [Resource(community=communities[n % len(communities)], title=f"Scale test toolkit {n}: {themes[n % 5]}",
                  description="Made by seed_scale for benchmarks.", kind=ResourceKind.LINK,
                  url="https://www.england.nhs.uk/", themes=[themes[n % 5]], visibility="everyone",
                  added_by_id=people[n % len(people)], created_at=now - dt.timedelta(minutes=n),
                  search_document=f"Scale test toolkit {n}: {themes[n % 5]} Made by seed_scale {themes[n % 5]}")
         for n in range(200 * factor)],
        batch_size=5000,
    )
    challenge = IdeaChallenge.objects.create(
        title=f"{SCALE_CHALLENGE} {now:%Y%m%d%H%M%S}", question="How might we cut waits? (seed_scale)",
        owner_id=people[0], owner_body="SEL ICB Board", opens_on=now.date() - dt.timedelta(days=60),
        closes_on=now.date() + dt.timedelta(days=30), stage=ChallengeStage.GATHER,
    )
    functions = list(PriorityFunction.objects.order_by("number")[:3])
    challenge.priority_functions.set(functions)
    Transition.objects.create(
        content_type=ContentType.objects.get_for_model(IdeaChallenge), object_id=challenge.pk,
        machine=CHALLENGE_WORKFLOW.name, from_state="", to_state=ChallengeStage.GATHER,
        actor_label=workflow.SYSTEM.label, at=now,
    )
    answers = ["", "", IdeaAnswer.NOT_NOW, IdeaAnswer.TAKEN_FORWARD]
    ideas = Idea.objects.bulk_create(
        [Idea(challenge=challenge, author_id=people[n % len(people)], title=f"Scale test idea {n}: phone triage",
              body="Call people back within two days.", support_count=n % 13, answer=answers[n % len(answers)],
              created_at=now - dt.timedelta(minutes=n)) for n in range(1000 * factor)],
        batch_size=5000,
    )
    if functions:
        Through = Idea.priority_functions.through
        Through.objects.bulk_create(
            [Through(idea_id=idea.pk, priorityfunction_id=functions[n % len(functions)].pk)
             for n, idea in enumerate(ideas)],
            batch_size=5000,
        )
    ctx.counts["scale communities created"] = len(communities)
    ctx.counts["scale discussions created"] = len(threads)
    ctx.counts["scale posts created"] = len(threads) * posts_per_thread
    ctx.counts["scale ideas created"] = len(ideas)
    ctx.counts["scale resources created"] = 200 * factor


def clear_community_scale() -> None:
    """Remove what build_community_scale made (before the scale leaders go: posts and ideas protect them)."""
    IdeaChallenge.objects.filter(title__startswith=SCALE_CHALLENGE).delete()
    scale = Community.objects.filter(name__startswith=SCALE_PREFIX)
    Post.objects.filter(thread__community__in=scale).delete()
    Thread.objects.filter(community__in=scale).delete()
    scale.delete()


SCALE_CLEARERS.append(clear_community_scale)
SCALE_BUILDERS.append(("communities", build_community_scale))
