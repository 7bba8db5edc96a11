"""Challenge Fund demo data: an open round (leader@ has a draft bid; other leaders' bids in several
states), a closed round with submitted bids, and a round still being set up. Idempotent: rounds are
found by title, bids by round and lead, and nothing that exists is changed."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
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
from academy.directory.models import LeaderProfile, Organisation, PriorityFunction
from academy.workflow.models import Transition
from programmes.challenge_fund import services
from programmes.challenge_fund.forms.fields import london_moment
from programmes.challenge_fund.models import (
    BID_WORKFLOW,
    Bid,
    BidState,
    BudgetLine,
    CoApplicant,
    CoApplicantState,
    Criterion,
    Outcome,
    ReportKind,
    Round,
)
from programmes.core.models import SystemProblem

CRITERIA = [
    ("System benefit", "0: benefits one team only; 5: clear benefit for patients and staff across the system.", 3),
    ("Cross-boundary collaboration", "0: one organisation; 5: partners across organisations, sectors and places.", 2),
    ("Patient and public involvement", "0: none; 5: co-designed with patients, carers and communities.", 2),
    ("Tackling inequalities", "0: not considered; 5: targets a known gap in access, experience or outcomes.", 2),
    ("Feasibility", "0: unclear plan; 5: realistic plan, milestones, team and time protected.", 1),
    ("Value for money", "0: costs unexplained; 5: every line justified and proportionate.", 1),
    ("Spread potential", "0: one-off; 5: could be adopted in other boroughs or pathways.", 1),
]
QUESTIONS = [
    ("How does the project connect to the Academy's peer learning programme?",
     "For example, through 'Walking in each other's shoes' placements or an action learning set."),
    ("What happens when the funding ends?", "How the change will be sustained, and who will own it."),
]
GUIDANCE = (
    "The SEL Challenge Fund supports priority system improvement projects led by clinical and care "
    "professionals. Projects should tackle a real problem that crosses organisational, professional or "
    "borough boundaries, and involve patients and the public from the start.\n\n"
    "Funding can pay for protected time (backfill), project management, engagement, data and evaluation. "
    "It cannot pay for capital items or recurrent service costs.\n\n"
    "Funded projects report progress at each milestone and share their learning through the Academy's "
    "peer learning programme."
)
ELIGIBILITY = (
    "The lead applicant is a clinical or care professional working in south east London. Partners come from "
    "at least two organisations. The project addresses one or more of the 10 priority functions."
)
PROJECTS = [
    ("Frailty hospital at home across Lewisham and Greenwich",
     "Older people living with frailty are admitted because community teams cannot respond within hours.",
     "A joint urgent community response team with shared records and a single referral line.",
     [2, 7], Decimal("45000")),
    ("Community pharmacy blood pressure checks in Southwark",
     "Many people with high blood pressure in Southwark are undiagnosed, most of all in Black African and "
     "Caribbean communities.",
     "Community pharmacies offer checks in faith and community venues, with direct booking into GP follow-up.",
     [1, 6], Decimal("28000")),
    ("Shared mental health crisis plans for young people",
     "Young people in crisis repeat their story to every service they meet.",
     "A crisis plan co-written with the young person and shared between CAMHS, A&E and schools.",
     [2, 6, 5], Decimal("38500")),
    ("AHP-led falls prevention in Bexley care homes",
     "Falls in care homes lead to avoidable ambulance call-outs and admissions.",
     "Physiotherapists and occupational therapists train care home staff and review residents at risk.",
     [5, 10], Decimal("22000")),
    ("Diabetes foot checks in Bromley primary care networks",
     "Foot checks are missed, and amputations in the borough are above the London average.",
     "Healthcare assistants trained to check feet at every annual review, with a fast route to podiatry.",
     [1, 10], Decimal("18000")),
    ("Optometry first for eye problems in Lambeth",
     "People with minor eye conditions wait in A&E or for a GP appointment.",
     "A community urgent eyecare service, with booking from NHS 111 and GP practices.",
     [2, 3], Decimal("31000")),
]


def _profiles(count: int, skip_user=None) -> list[LeaderProfile]:
    qs = LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}").select_related("user", "organisation")
    if skip_user is not None:
        qs = qs.exclude(user=skip_user)
    return list(qs.order_by("pk")[:count])


def _round(ctx: SeedContext, title: str, **fields) -> Round:
    round_ = Round.objects.filter(title=title).first()
    if round_ is not None:
        return round_
    round_ = Round.objects.create(
        title=title,
        summary=fields.pop("summary", "Funding for priority system improvement projects across south east London."),
        guidance=GUIDANCE,
        eligibility=ELIGIBILITY,
        **fields,
    )
    for position, (title_, guidance, weight) in enumerate(CRITERIA, start=1):
        Criterion.objects.create(round=round_, title=title_, guidance=guidance, weight=weight, position=position)
    for position, (text, hint) in enumerate(QUESTIONS, start=1):
        round_.questions.create(text=text, hint=hint, position=position)
    ctx.counts["challenge fund rounds created"] = ctx.counts.get("challenge fund rounds created", 0) + 1
    return round_


def _bid(round_: Round, profile: LeaderProfile, project, *, state: str, complete: bool, partners, at) -> Bid | None:
    if Bid.objects.filter(round=round_, lead=profile.user).exists():
        return None
    title, problem, change, functions, amount = project
    bid = Bid.objects.create(
        round=round_, lead=profile.user, lead_organisation=profile.organisation, title=title,
        summary=f"{change} Led by {profile.organisation.name}.", problem=problem, proposed_change=change,
    )
    Bid.objects.filter(pk=bid.pk).update(created_at=at)
    workflow.start(bid, profile.user, note="Started", at=at)
    bid.functions.set(PriorityFunction.objects.filter(number__in=functions))
    if complete:
        bid.partners.set(partners)
        bid.ppi = "Designed with a patient and carer reference group, who will sit on the project board."
        bid.outcomes = "Fewer avoidable admissions and a better experience of care within 12 months."
        bid.measures = (
            "Monthly admissions and an experience survey, against a 6-month baseline from SUS and local data."
        )
        bid.amount_requested = amount
        bid.save()
        staff = (amount * Decimal("0.6")).quantize(Decimal("1"))
        engagement = (amount * Decimal("0.15")).quantize(Decimal("1"))
        BudgetLine.objects.bulk_create([
            BudgetLine(bid=bid, description="Clinical backfill (protected time)", amount=staff, position=1),
            BudgetLine(bid=bid, description="Patient and public engagement", amount=engagement, position=2),
            BudgetLine(bid=bid, description="Project management and evaluation", amount=amount - staff - engagement,
                       position=3),
        ])
        for question in round_.questions.all():
            bid.answers.create(question=question, text="Through the peer learning programme's action learning sets, "
                               "and a handover plan agreed with the borough's Local Care Partnership.")
    if state != BidState.DRAFT:
        submitted = services.transition(bid, BidState.SUBMITTED, profile.user)
        bid.submitted_at = at + dt.timedelta(days=3)
        bid.save(update_fields=["submitted_at"])
        Transition.objects.filter(pk=submitted.pk).update(at=bid.submitted_at)
        if state == BidState.WITHDRAWN:
            services.transition(bid, BidState.WITHDRAWN, profile.user, note="The partners could not release staff.")
    return bid


def build_challenge_fund(ctx: SeedContext) -> None:
    now = timezone.now()
    today = timezone.localdate()
    closes = london_moment(today + dt.timedelta(days=45), dt.time(12, 0))
    open_round = _round(
        ctx, "SEL Challenge Fund 2026/27",
        budget=Decimal("300000"), min_award=Decimal("10000"), max_award=Decimal("50000"),
        opens_at=now - dt.timedelta(days=21), closes_at=closes, published=True, min_partner_organisations=2,
    )
    closed_round = _round(
        ctx, "SEL Challenge Fund 2025/26",
        budget=Decimal("250000"), min_award=Decimal("5000"), max_award=Decimal("40000"),
        opens_at=london_moment(today - dt.timedelta(days=200), dt.time(9, 0)),
        closes_at=london_moment(today - dt.timedelta(days=120), dt.time(12, 0)),
        published=True, min_partner_organisations=2,
    )
    _round(
        ctx, "SEL Challenge Fund 2027/28",
        summary="Next year's round, being set up.",
        budget=Decimal("350000"), min_award=Decimal("10000"), max_award=Decimal("60000"),
        opens_at=london_moment(today + dt.timedelta(days=200), dt.time(9, 0)),
        closes_at=london_moment(today + dt.timedelta(days=260), dt.time(12, 0)),
        published=False,
    )
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    manager = User.objects.get(email=f"linemanager@{DEMO_DOMAIN}")
    organisations = list(Organisation.objects.order_by("name"))
    rng = random.Random(2026)
    made = 0
    # leader@'s own draft in the open round, half done, with the line manager as a co-applicant.
    leader_profile = LeaderProfile.objects.select_related("organisation").get(user=leader)
    draft = _bid(open_round, leader_profile, PROJECTS[0], state=BidState.DRAFT, complete=False, partners=[],
                 at=now - dt.timedelta(days=5))
    made += draft is not None
    others = _profiles(9, skip_user=leader)
    leader_draft = open_round.bids.filter(lead=leader).exclude(state=BidState.WITHDRAWN).first()
    if leader_draft is not None:
        # The line manager accepted leader@'s invitation; a colleague has not answered hers yet.
        _invite(leader_draft, manager, at=now - dt.timedelta(days=4), accepted_at=now - dt.timedelta(days=3))
        _invite(leader_draft, others[6].user, at=now - dt.timedelta(days=2))
    states = [BidState.SUBMITTED, BidState.SUBMITTED, BidState.DRAFT, BidState.WITHDRAWN, BidState.SUBMITTED]
    for index, (profile, state) in enumerate(zip(others[:5], states, strict=True)):
        partners = rng.sample([o for o in organisations if o.pk != profile.organisation_id], k=2)
        bid = _bid(open_round, profile, PROJECTS[(index + 1) % len(PROJECTS)], state=state,
                   complete=state != BidState.DRAFT, partners=partners, at=now - dt.timedelta(days=18 - index))
        made += bid is not None
    for index, profile in enumerate(others[5:9]):
        partners = rng.sample([o for o in organisations if o.pk != profile.organisation_id], k=2)
        bid = _bid(closed_round, profile, PROJECTS[(index + 2) % len(PROJECTS)], state=BidState.SUBMITTED,
                   complete=True, partners=partners, at=closed_round.closes_at - dt.timedelta(days=30 - index))
        made += bid is not None
    # leader@'s bid in the closed round: invited to revise and resubmit, revised, and back in review.
    revised = _bid(closed_round, leader_profile, PROJECTS[1], state=BidState.SUBMITTED, complete=True,
                   partners=rng.sample([o for o in organisations if o.pk != leader_profile.organisation_id], k=2),
                   at=closed_round.closes_at - dt.timedelta(days=20))
    made += revised is not None
    # Another leader's draft has invited leader@, who has not answered yet (it shows on leader@'s home page).
    invited_to = open_round.bids.filter(lead=others[2].user, state=BidState.DRAFT).first()
    if invited_to is not None:
        _invite(invited_to, leader, at=now - dt.timedelta(days=1))
    ctx.counts["challenge fund bids created"] = made
    _review_closed_round(closed_round, skip_lead=leader)
    _revise_and_resubmit(closed_round.bids.filter(lead=leader).first())


def _invite(bid: Bid, user: User, *, at, accepted_at=None) -> None:
    """The bid's lead invited ``user`` at ``at`` (and they accepted at ``accepted_at``), through the workflow's
    log, once: nothing is done if the person has been invited to the bid before. No email is sent."""
    if bid.coapplicants.filter(user=user).exists():
        return
    coapplicant = CoApplicant.objects.create(bid=bid, user=user, email=user.email, added_by=bid.lead, last_sent_at=at)
    CoApplicant.objects.filter(pk=coapplicant.pk).update(added_at=at)
    workflow.start(coapplicant, bid.lead, note="Invited", at=at)
    if accepted_at is not None:
        coapplicant.answered_at = accepted_at
        workflow.move(coapplicant, CoApplicantState.ACCEPTED, user, at=accepted_at, update_fields=None)
        profile = LeaderProfile.objects.filter(user=user).first()
        if profile is not None and profile.organisation_id != bid.lead_organisation_id:
            bid.partners.add(profile.organisation_id)


def _review_closed_round(round_: Round, skip_lead: User) -> None:
    """reviewer@ reviews the closed round: three bids scored and decided (one funded, one funded with
    conditions and less than it asked for, one not funded), one waiting for its review. Only bids still
    'submitted' are touched, so a second run changes nothing."""
    reviewer = User.objects.get(email=f"reviewer@{DEMO_DOMAIN}")
    bids = list(round_.bids.filter(state=BidState.SUBMITTED).exclude(lead=skip_lead).order_by("pk"))
    criteria = list(round_.criteria.all())
    plans = [([5, 4, 4, 5, 4, 4, 5], Outcome.FUNDED), ([2, 3, 1, 2, 3, 2, 1], Outcome.DECLINED),
             ([4, 4, 3, 4, 3, 4, 3], Outcome.FUNDED_CONDITIONS), (None, None)]
    feedback = {
        Outcome.FUNDED: "The panel valued the clear benefit across boroughs and the strong involvement of carers. "
        "Please agree milestones with the Challenge Fund team.",
        Outcome.DECLINED: "The panel liked the idea but found the plan and the measures too thin to fund this "
        "time. We encourage you to apply again with a named evaluation partner.",
        Outcome.FUNDED_CONDITIONS: "A well-made case with partners already committed. The panel has funded the "
        "delivery and evaluation but not the conference travel in the budget.",
    }
    conditions = "Agree the evaluation measures with the Academy's evaluation team before the first payment."
    for bid, (values, outcome) in zip(bids, plans, strict=False):
        services.open_review(workflow.SYSTEM, bid)
        assignment = services.assign_reviewer(workflow.SYSTEM, bid, reviewer)
        if values is None:
            continue
        services.declare_interest(reviewer, assignment, conflicted=False)
        services.submit_scores(
            reviewer, assignment, {c.pk: (v, "") for c, v in zip(criteria, values, strict=True)},
            "Discussed at the panel.",
        )
        amount = {Outcome.FUNDED: bid.amount_requested,
                  Outcome.FUNDED_CONDITIONS: max(round_.min_award, bid.amount_requested * 8 // 10 // 1000 * 1000)}
        bid = services.determine(
            workflow.SYSTEM, bid, outcome=outcome, awarded_amount=amount.get(outcome), feedback=feedback[outcome],
            conditions=conditions if outcome == Outcome.FUNDED_CONDITIONS else "",
        )
        if outcome == Outcome.FUNDED:
            _run_project(bid)


def _revise_and_resubmit(bid: Bid | None) -> None:
    """A bid with two versions: reviewed, invited to revise and resubmit (the round's feedback released),
    revised by its lead (a clearer answer, the budget reshaped) and back in review with the same reviewer,
    who has yet to score version 2. Only a first version still 'submitted' is touched."""
    if bid is None or bid.state != BidState.SUBMITTED or bid.version != 1:
        return
    reviewer = User.objects.get(email=f"reviewer@{DEMO_DOMAIN}")
    services.open_review(workflow.SYSTEM, bid)
    assignment = services.assign_reviewer(workflow.SYSTEM, bid, reviewer)
    services.declare_interest(reviewer, assignment, conflicted=False)
    criteria = list(bid.round.criteria.all())
    services.submit_scores(
        reviewer, assignment, {c.pk: (v, "") for c, v in zip(criteria, [4, 3, 2, 4, 2, 2, 3], strict=True)},
        "A strong idea for closing the gap; the plan for patient involvement and the budget need more work.",
    )
    bid = services.determine(
        workflow.SYSTEM, bid, outcome=Outcome.REVISE,
        resubmit_by=london_moment(timezone.localdate() + dt.timedelta(days=21), dt.time(12, 0)),
        feedback="The panel would like to fund this work. Please show how people from the communities you aim "
        "to reach will shape the checks, and move money from project management to engagement.",
    )
    services.release_feedback(workflow.SYSTEM, bid.round)
    lead = bid.lead
    bid = services.start_revision(lead, bid)
    services.update_bid(
        lead, bid, ppi="Co-designed with a community reference group recruited through three churches and a "
        "Caribbean elders' lunch club, who will choose the venues and sit on the project board.",
    )
    lines = [(line.description, line.amount) for line in bid.budget_lines.all()]
    management = lines[2][1]
    services.save_budget(lead, bid, amount_requested=bid.amount_requested, lines=[
        lines[0],
        ("Patient and public engagement", lines[1][1] + management - Decimal("3000")),
        ("Community venue hire and translation", Decimal("3000")),
    ])
    question = bid.round.questions.order_by("position").last()
    services.save_answers(lead, bid, {question.pk: "The primary care networks will fund the pharmacy checks from "
                                      "their prevention budget after the pilot, as agreed with the borough's LCP."})
    services.submit_bid(lead, bid)
    services.open_review(workflow.SYSTEM, bid, keep_reviewers=True)


def _run_project(bid: Bid) -> None:
    """The funded demo project: started, its first report in and paid, the second report overdue."""
    today = timezone.localdate()
    quarter = (bid.awarded_amount / 4).quantize(Decimal("1"))
    plan = [("Team recruited and baseline agreed", -60, quarter), ("Pilot live in two boroughs", -5, quarter),
            ("Evaluation and spread plan", 90, bid.awarded_amount - 2 * quarter)]
    for title, days, payment in plan:
        services.add_milestone(workflow.SYSTEM, bid, title=title, due_date=today + dt.timedelta(days=days),
                               payment_amount=payment)
    services.start_project(workflow.SYSTEM, bid)
    first = bid.milestones.order_by("due_date").first()
    lines = list(bid.budget_lines.all())
    services.submit_report(
        bid.lead, bid, kind=ReportKind.PROGRESS, milestone=first,
        done="Recruited the project nurse and the carers' reference group; agreed the admissions baseline.",
        outcomes="Too early for outcomes; referral routes agreed with both LCPs.",
        learning="Involving carers from the first meeting changed the referral criteria.",
        risks="Backfill for the community team is slow to recruit.",
        spend={line.pk: (line.amount / 4).quantize(Decimal("1")) for line in lines},
    )
    services.release_payment(workflow.SYSTEM, first)


def build_challenge_fund_scale(ctx: SeedContext, factor: int) -> None:
    """A round with 100 bids per unit of ``factor``, by scale-test leaders, written with bulk_create."""
    now = timezone.now()
    round_ = Round.objects.create(
        title=f"Scale test round {now:%Y%m%d%H%M%S}", summary="Scale test", guidance="Scale test",
        eligibility="Scale test", budget=Decimal("10000000"), min_award=Decimal("1000"), max_award=Decimal("50000"),
        opens_at=now - dt.timedelta(days=30), closes_at=now + dt.timedelta(days=30), published=True,
    )
    Criterion.objects.bulk_create(
        Criterion(round=round_, title=title, guidance=guidance, weight=weight, position=position)
        for position, (title, guidance, weight) in enumerate(CRITERIA, start=1)
    )
    profiles = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{SCALE_DOMAIN}").values_list("user_id", "organisation_id")
        [: 100 * factor]
    )
    states = [BidState.DRAFT, BidState.SUBMITTED, BidState.SUBMITTED, BidState.WITHDRAWN]
    bids = Bid.objects.bulk_create(
        [
            Bid(round=round_, lead_id=user_id, lead_organisation_id=org_id, title=f"Scale test project {n}",
                state=states[n % len(states)], amount_requested=Decimal("20000"))
            for n, (user_id, org_id) in enumerate(profiles)
        ],
        batch_size=1000,
    )
    # Scale data: every bid's first log row, written in bulk (the log is one table for every machine).
    bid_type = ContentType.objects.get_for_model(Bid)
    Transition.objects.bulk_create(
        [Transition(content_type=bid_type, object_id=bid.pk, machine=BID_WORKFLOW.name, from_state="",
                    to_state=BidState.DRAFT, actor_label=workflow.SYSTEM.label, at=now) for bid in bids],
        batch_size=1000,
    )
    ctx.counts["challenge fund bids created"] = len(bids)


def clear_challenge_fund_scale() -> None:
    rounds = Round.objects.filter(title__startswith="Scale test round")
    Bid.objects.filter(round__in=rounds).delete()
    rounds.delete()


DEMO_BUILDERS.append(("challenge fund", build_challenge_fund))
SCALE_CLEARERS.append(clear_challenge_fund_scale)
SCALE_BUILDERS.append(("challenge fund", build_challenge_fund_scale))


# Issue 14: bids that tackle a problem in the register of system problems (programmes/core/demo.py makes
# the problems first: programmes.core comes before the Challenge Fund in INSTALLED_APPS).
PROBLEM_LINKS = {
    "Frailty hospital at home across Lewisham and Greenwich":
        "Older people with frailty moving between A&E and community services",
    "Shared mental health crisis plans for young people": "Out-of-hours access to mental health crisis support",
}


def link_bids_to_problems(ctx: SeedContext) -> None:
    linked = 0
    for bid_title, problem_title in PROBLEM_LINKS.items():
        problem = SystemProblem.objects.filter(title=problem_title).first()
        if problem is not None:
            linked += Bid.objects.filter(title=bid_title, system_problem__isnull=True).update(system_problem=problem)
    ctx.counts["challenge fund bids linked to system problems"] = linked


DEMO_BUILDERS.append(("challenge fund bids on system problems", link_bids_to_problems))
