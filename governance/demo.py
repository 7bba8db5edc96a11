"""Demo data for governance: holders for most of the C&CPLG's seats (a few terms ending soon, a few
seats vacant), an illustrative rate card and the paid and protected leadership roles of the seed's
annex, most of them filled. Idempotent: a held seat and an existing role title are left as they are."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import models
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SCALE_BUILDERS, SCALE_DOMAIN, SeedContext
from academy.directory.models import Borough, LeaderProfile, PriorityFunction, ProviderCollaborative, SpatialLevel
from governance.ccplg import services as ccplg_services
from governance.framework import services as framework_services
from governance.investment import services as investment_services
from governance.investment.dashboard import quarter_of
from governance.meetings import services as meetings_services
from governance.models import (
    ApplicationState,
    ClinicalNetwork,
    FrameworkPoint,
    FundingSource,
    GovernanceStructure,
    LeadershipRole,
    Meeting,
    PayBasis,
    ProgrammeSpend,
    Rag,
    RoleType,
    Seat,
    Vacancy,
)
from governance.recruitment import services as recruitment
from governance.roles import services as roles_services
from programmes.core.selectors import all_programmes

VACANT_SEATS = {
    "Expert by experience: Optometry",
    "Expert by experience: Dentistry",
    "Research and evidence lead",
    "Clinical network and programme leads (invited for their items)",
}
ENDING_SOON = {"People Board lead": 30, "Expert by experience: VCSE": 45}


def build_ccplg(ctx: SeedContext) -> None:
    today = timezone.localdate()
    seats = list(Seat.objects.filter(holder__isnull=True).exclude(title__in=VACANT_SEATS).order_by("position"))
    if not seats:
        ctx.counts["C&CPLG seats filled"] = 0
        return
    taken = set(Seat.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    leaders = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
        .exclude(user_id__in=taken).exclude(user__email__startswith="leader@")
        .select_related("user").order_by("user__email")[: len(seats) * 3: 3]
    )
    filled = 0
    for seat, profile in zip(seats, leaders, strict=False):
        days_left = ENDING_SOON.get(seat.title, 365 * 2 - seat.position * 7)
        ends = today + timedelta(days=days_left)
        starts = ends - timedelta(days=365 * 3)
        ccplg_services.assign_seat(None, seat, profile.user, starts, ends, today=today)
        filled += 1
    ctx.counts["C&CPLG seats filled"] = filled


# The rate card (illustrative, annual cost of 1.0 WTE including on-costs).
RATES = [
    ("Executive clinical lead (CMO, CNO)", "185000", "The Chief Medical Officer and the Chief Nurse Officer."),
    ("Medical or dental system lead", "140000", "Consultant-level doctors and dentists, sessional or salaried."),
    ("GP system lead", "125000", "General practitioners, usually sessional."),
    ("Nursing, midwifery or AHP system lead", "95000", "Band 8c equivalent, whatever the employer."),
    ("Pharmacy, public health or other professional system lead", "90000", "Band 8b to 8c equivalent."),
    ("Social work or social care system lead", "80000", "Local authority and care sector leaders."),
]
# (function number, ICS WTE or None, per collaborative, per LCP) after the seed's annex
PATTERN = [
    (1, "0.4", True, True), (3, None, True, True), (4, "0.4", True, True), (5, None, False, False),
    (6, "0.4", True, False), (7, "0.4", True, False), (8, "0.4", False, False), (9, "0.4", False, False),
]
PATHWAY_PROGRAMMES = ["Cancer", "Cardiovascular disease", "Mental health", "Urgent and emergency care",
                      "Children and young people", "Frailty"]
STANDARDS_NETWORKS = ["Diabetes", "Maternity", "Respiratory and long COVID", "Dementia", "End of life care",
                      "Stroke including community neurorehabilitation", "Renal", "MSK and orthopaedics"]
VACANT_EVERY = 6  # about one role in six is vacant


def _demo_roles() -> list[dict]:
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    collaboratives = list(ProviderCollaborative.objects.all())
    boroughs = list(Borough.objects.all())
    networks = {n.name: n for n in ClinicalNetwork.objects.all()}
    short = {1: "Population health and inequalities", 3: "Clinical and care strategy", 4: "Workforce resilience",
             6: "Patient and public engagement", 7: "Continuous improvement", 8: "Professional leadership development",
             9: "Research and evidence"}
    roles = [
        {"title": "Chief Medical Officer", "function": functions[3], "spatial_level": SpatialLevel.ICS,
         "wte": Decimal("1.0"), "rate": 0},
        {"title": "Chief Nurse Officer", "function": functions[5], "spatial_level": SpatialLevel.ICS,
         "wte": Decimal("1.0"), "rate": 0},
    ]
    for number, ics, per_collaborative, per_lcp in PATTERN:
        name = short.get(number)
        if ics:
            roles.append({"title": f"{name} lead, ICS", "function": functions[number],
                          "spatial_level": SpatialLevel.ICS, "wte": Decimal(ics)})
        if per_collaborative:
            roles += [{"title": f"{name} lead, {c}", "function": functions[number],
                       "spatial_level": SpatialLevel.COLLABORATIVE, "collaborative": c, "wte": Decimal("0.2")}
                      for c in collaboratives]
        if per_lcp:
            roles += [{"title": f"{name} lead, {b.lcp_name}", "function": functions[number],
                       "spatial_level": SpatialLevel.LCP, "borough": b, "wte": Decimal("0.2")} for b in boroughs]
    for programme in PATHWAY_PROGRAMMES:
        roles.append({"title": f"{programme} programme clinical lead, ICS", "function": functions[2],
                      "spatial_level": SpatialLevel.ICS, "wte": Decimal("0.4")})
        roles += [{"title": f"{programme} programme lead, {c}", "function": functions[2],
                   "spatial_level": SpatialLevel.COLLABORATIVE, "collaborative": c, "wte": Decimal("0.2")}
                  for c in collaboratives]
        roles += [{"title": f"{programme} programme lead, {b.lcp_name}", "function": functions[2],
                   "spatial_level": SpatialLevel.LCP, "borough": b, "wte": Decimal("0.2")} for b in boroughs]
    for name in STANDARDS_NETWORKS:
        roles.append({"title": f"{name} clinical network lead", "function": functions[10],
                      "spatial_level": SpatialLevel.ICS, "clinical_network": networks.get(name),
                      "wte": Decimal("0.4")})
    return roles


def build_roles(ctx: SeedContext) -> None:
    rates = [RoleType.objects.get_or_create(name=name, defaults={"annual_rate_per_wte": Decimal(rate),
                                                                   "description": description})[0]
             for name, rate, description in RATES]
    existing = set(LeadershipRole.objects.values_list("title", flat=True))
    wanted = [role for role in _demo_roles() if role["title"] not in existing]
    if not wanted:
        ctx.counts["leadership roles created"] = 0
        return
    busy = set(LeadershipRole.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    busy |= set(Seat.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    people = iter(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
        .exclude(user_id__in=busy).exclude(user__email__startswith="leader@")
        .select_related("user").order_by("-user__email")
    )
    structures = list(GovernanceStructure.objects.all())
    today = timezone.localdate()
    made = 0
    for index, role in enumerate(wanted):
        profile = None if index % VACANT_EVERY == VACANT_EVERY - 1 else next(people, None)
        rate = rates[role.pop("rate", 1 + index % (len(rates) - 1))]
        data = {
            "collaborative": None, "borough": None, "organisation": None, "clinical_network": None,
            **role,
            "role_type": rate, "pay_basis": PayBasis.SESSIONAL if index % 3 else PayBasis.SALARIED,
            "funding_source": FundingSource.ICB if role["spatial_level"] == SpatialLevel.ICS
            else FundingSource.COLLABORATIVE if role["spatial_level"] == SpatialLevel.COLLABORATIVE
            else FundingSource.LCP,
            "start_date": today - timedelta(days=30 + (index * 37) % 700),
            "end_date": None if index % 4 else today + timedelta(days=200 + index * 5),
            "holder": profile.user if profile else None,
            "sessional_overtime_confirmed": False,
        }
        role = roles_services.save_role(None, None, data, structures=[structures[index % len(structures)]])
        # The demo's roles began on their start dates: date their history so, and the dashboard's
        # quarters show the investment growing as it would have.
        began = timezone.make_aware(datetime.combine(role.start_date, time(9)))
        LeadershipRole.history.filter(id=role.pk).update(history_date=began)
        made += 1
    ctx.counts["leadership roles created"] = made


# (function number, title, purpose, ask, minutes, decision recorded at the past meeting)
PAST_AGENDA = [
    (1, "Core20PLUS5 priorities for 2026/27", "decision",
     "Agree the three inequalities priorities the C&CPLG will champion this year.", 30,
     "Agreed: hypertension case-finding, severe mental illness health checks and maternity continuity."),
    (2, "Frailty pathway: community falls response", "decision",
     "Endorse the shared falls response model for all six Local Care Partnerships.", 25,
     "Endorsed, subject to the Bromley pilot's evaluation in March."),
    (4, "Workforce wellbeing survey results", "update", "", 10, ""),
    (8, "Systems Leadership Academy: cohort 3 nominations", "action",
     "Each member to nominate one leader from their profession for cohort 3.", 15, "Nominations due by month end."),
]
NEXT_AGENDA = [
    (3, "Clinical and care strategy refresh", "discussion",
     "Shape the three questions the strategy refresh must answer.", 30),
    (5, "System Quality Board escalations", "decision", "Decide which two escalations the group will lead on.", 20),
    (10, "Diabetes care standard: benchmarking", "decision",
     "Approve the diabetes care standard and its benchmarking measures.", 25),
    (6, "Patient and public engagement: winter plan", "update", "", 10),
]


def build_meetings(ctx: SeedContext) -> None:
    now = timezone.localtime()
    past_at = (now - timedelta(days=28)).replace(hour=14, minute=0, second=0, microsecond=0)
    next_at = (now + timedelta(days=14)).replace(hour=14, minute=0, second=0, microsecond=0)
    if Meeting.objects.exists():
        ctx.counts["C&CPLG meetings created"] = 0
        return
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    past = meetings_services.create_meeting(None, past_at, "Tower Bridge Room, 160 Tooley Street", 120)
    items = []
    for number, title, purpose, ask, minutes, outcome in PAST_AGENDA:
        items.append(meetings_services.save_agenda_item(None, past, None, {
            "function": functions[number], "title": title, "purpose": purpose, "ask": ask, "minutes": minutes,
            "lead": "", "paper_url": "", "outcome": outcome,
        }))
    holders = list(User.objects.filter(ccplg_seats__isnull=False).distinct().order_by("email"))
    meetings_services.record_attendance(None, past, holders[: max(0, len(holders) - 5)])
    owners = holders[:3] or list(User.objects.filter(email=f"governance@{DEMO_DOMAIN}"))
    if owners:
        today = timezone.localdate()
        done = meetings_services.add_action(None, past, "Circulate the agreed inequalities priorities to all partners.",
                                   owners[0], today - timedelta(days=20), item=items[0])
        meetings_services.complete_action(None, done, "Sent to all partner boards.")
        meetings_services.add_action(None, past, "Share the Bromley falls pilot evaluation plan with the group.",
                            owners[1 % len(owners)], today - timedelta(days=3), item=items[1])
        meetings_services.add_action(None, past, "Send cohort 3 nominations to the Academy.", owners[2 % len(owners)],
                            today + timedelta(days=5), item=items[3])
    upcoming = meetings_services.create_meeting(None, next_at, "Microsoft Teams", 120)
    for number, title, purpose, ask, minutes in NEXT_AGENDA:
        meetings_services.save_agenda_item(None, upcoming, None, {
            "function": functions[number], "title": title, "purpose": purpose, "ask": ask, "minutes": minutes,
            "lead": "", "paper_url": "", "outcome": "",
        })
    ctx.counts["C&CPLG meetings created"] = 2


# --- The NHSEI Design Framework self-assessment and the Academy's spend -------------------------------

# (number, earlier rating or None, rating, position, evidence as (title, URL name), the C&CPLG seat whose
# holder owns the point (the secretariat if vacant), days to the review). Where south east London stands
# against the nine points [seed 000, 001, 002].
FRAMEWORK_ASSESSMENT = [
    (1, None, "green",
     "The C&CP Leadership Group, co-chaired by the Chief Medical Officer and the Chief Nurse Officer, meets "
     "regularly with seats for the statutory leads, each provider collaborative and experts by experience. Its "
     "agenda is organised by the 10 priority functions and it is asked for decisions, not updates.",
     [("C&CP Leadership Group seats", "governance:ccplg"), ("C&CPLG meetings and action log", "governance:meetings")],
     "Chief Medical Officer (co-chair)", 75),
    (2, None, "amber",
     "Communities of practice and inspiration sessions have started, and Challenge Fund projects share their "
     "learning. Patients and communities are not yet involved routinely: the Patient and Public Involvement "
     "Committee lead is working with the group on how to bring the patient voice in.",
     [("Academy programmes", "programmes:catalogue"), ("SEL Challenge Fund", "challenge_fund:index")],
     "Patient and Public Involvement Committee lead", 40),
    (3, "red", "amber",
     "Paid and protected roles are recorded for every priority function at ICS, provider collaborative and "
     "LCP level, using the 0.4 and 0.2 WTE pattern and one rate card. Total protected time is still short of "
     "the ambition, and some roles are vacant.",
     [("Paid and protected leadership roles", "governance:roles"),
      ("Investment in C&CP leadership", "governance:dashboard")],
     "People Board lead", 10),
    (4, None, "green",
     "The Academy's systems leadership development curriculum runs for existing, new and emerging leaders, "
     "with modular workshops across organisational and professional boundaries.",
     [("Academy programmes", "programmes:catalogue")],
     "System leadership development and support link", 120),
    (5, None, "amber",
     "Vacant roles are published in the portal with their person specification, every applicant is scored "
     "against it with reasons, and rates are the same across organisations. The pipeline's diversity is now "
     "reported at each stage; the numbers are still too small to draw conclusions.",
     [("Leadership vacancies", "governance:vacancies"),
      ("Diversity of the recruitment pipeline", "governance:recruitment_pipeline")],
     "People Board lead", 60),
    (6, None, "amber",
     "Roles in the fifth space, organisational leadership including primary care networks, are recorded, "
     "and partner organisations keep their own professional leadership. Agreement on how system roles "
     "support them is in progress with each provider collaborative.",
     [("Spatial levels", "governance:reference_list:levels")],
     "Acute provider collaborative lead", 90),
    (7, None, "red",
     "Not started. We have learned from Frimley, Canterbury and the King's Fund, but no peer review or "
     "buddying with another system is agreed yet.",
     [], "Transformation and improvement link", 30),
    (8, None, "green",
     "The Chief Medical Officer and the Chief Nurse Officer sit on the Integrated Care Board, as the "
     "framework's minimum expects.",
     [("Governance structures", "governance:reference_list:structures")],
     "Chief Nurse Officer (co-chair)", 180),
    (9, "red", "amber",
     "The model for C&CP system leadership was agreed by the ICS Executive; the improvement plan goes to "
     "the Integrated Care Board for sign-off next quarter, showing how the principles are reflected.",
     [("The six principles", "governance:reference_list:principles"),
      ("Investment in C&CP leadership", "governance:dashboard")],
     "Chief Medical Officer (co-chair)", 45),
]


def _path(name: str) -> str:
    name, _, arg = name.partition(":reference_list:")
    if arg:
        return reverse("governance:reference_list", args=[arg])
    return reverse(name)


FIRST_ASSESSED_DAYS_AGO = 150


def build_framework(ctx: SeedContext) -> None:
    """All nine points assessed, first about five months ago (so a past quarter's board pack shows the
    assessment as it stood then), two of them rated red then and amber now, so their history shows a
    change. Points already assessed are left as they are."""
    secretariat = User.objects.filter(email=f"governance@{DEMO_DOMAIN}").first()
    points = {p.number: p for p in FrameworkPoint.objects.filter(rag=Rag.NOT_ASSESSED)}
    owners = {seat.title: seat.holder for seat in Seat.objects.filter(holder__isnull=False).select_related("holder")}
    today = timezone.localdate()
    assessed = 0
    for number, earlier, rag, position, evidence, seat, days in FRAMEWORK_ASSESSMENT:
        point, owner = points.get(number), owners.get(seat, secretariat)
        if point is None:
            continue
        links = [{"title": title, "path": _path(name)} for title, name in evidence]
        review = today + timedelta(days=days)
        first = framework_services.assess_framework_point(
            secretariat, point, rag=earlier or rag, position=position, evidence=links, owner=owner,
            review_date=review, today=today,
        )
        FrameworkPoint.history.filter(history_id=first.history.latest().history_id).update(
            history_date=timezone.now() - timedelta(days=FIRST_ASSESSED_DAYS_AGO)
        )
        if earlier:
            framework_services.assess_framework_point(
                secretariat, first, rag=rag, position=position, evidence=links, owner=owner,
                review_date=review, today=today,
            )
        assessed += 1
    ctx.counts["Design Framework points assessed"] = assessed


# (programme slug, description, amount per quarter in pounds) for the last four quarters and this one.
DEMO_SPEND = [
    ("curriculum", "Facilitators, venues and materials for the core programme", 21500),
    ("network", "Network coordinator and events for next-generation leaders", 8200),
    ("conference", "Venue, speakers and accessibility support for the conference", 0),
    ("shadowing", "Backfill for shadowing placements", 4600),
    ("community", "Inspiration sessions and new professional networks", 3100),
]


def build_spend(ctx: SeedContext) -> None:
    """Five quarters of the Academy's spend on its programmes (not the Challenge Fund, whose spend is its
    awards). Nothing is added once any spend is recorded."""
    if ProgrammeSpend.objects.exists():
        ctx.counts["spend records"] = 0
        return
    programmes = {p.slug: p for p in all_programmes()}
    quarter = quarter_of(timezone.localdate())
    quarters = [quarter]
    for _ in range(4):
        quarters.append(quarters[-1].previous())
    made = 0
    for age, quarter in enumerate(reversed(quarters)):
        for slug, description, amount in DEMO_SPEND:
            if slug not in programmes:
                continue
            if slug == "conference":  # once a year, in the autumn quarter
                if quarter.number != 4:
                    continue
                amount = 38750
            # Spend grows as the Academy's programmes fill, with a little quarter-to-quarter variation.
            value = Decimal(amount) * (Decimal("0.85") + Decimal(age) * Decimal("0.05")) + Decimal(age * 37)
            investment_services.record_spend(None, None, {
                "programme": programmes[slug], "year": quarter.year, "quarter": quarter.number,
                "amount": value.quantize(Decimal("0.01")), "description": description,
            })
            made += 1
    ctx.counts["spend records"] = made


DEMO_BUILDERS.append(("C&CPLG seats", build_ccplg))
DEMO_BUILDERS.append(("leadership roles", build_roles))
DEMO_BUILDERS.append(("C&CPLG meetings", build_meetings))
DEMO_BUILDERS.append(("Design Framework self-assessment", build_framework))
DEMO_BUILDERS.append(("the Academy's spend", build_spend))


# --- scale ----------------------------------------------------------------------------------------

SCALE_ROLE_PREFIX = "Scale test role"


def build_scale_roles(ctx: SeedContext, factor: int) -> None:
    """``factor`` times the demo's 120 roles, held by the scale leaders (one in six vacant), with history
    spread over the last two years so that the dashboard's quarters have something to read."""
    LeadershipRole.objects.filter(title__startswith=SCALE_ROLE_PREFIX).delete()
    LeadershipRole.history.filter(title__startswith=SCALE_ROLE_PREFIX).delete()
    rng = random.Random(factor)
    rate = RoleType.objects.get_or_create(
        name="Scale test rate", defaults={"annual_rate_per_wte": Decimal("100000")}
    )[0]
    functions = list(PriorityFunction.objects.all())
    collaboratives = list(ProviderCollaborative.objects.all())
    boroughs = list(Borough.objects.all())
    holders = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{SCALE_DOMAIN}").values_list("user_id", flat=True)
    )
    today = timezone.localdate()
    roles = []
    for index in range(factor * 120):
        level = rng.choice([SpatialLevel.ICS, SpatialLevel.COLLABORATIVE, SpatialLevel.LCP])
        wte = Decimal("0.4") if level == SpatialLevel.ICS else Decimal("0.2")
        roles.append(LeadershipRole(
            title=f"{SCALE_ROLE_PREFIX} {index}", function=rng.choice(functions), spatial_level=level,
            collaborative=rng.choice(collaboratives) if level == SpatialLevel.COLLABORATIVE else None,
            borough=rng.choice(boroughs) if level == SpatialLevel.LCP else None,
            role_type=rate, wte=wte, annual_cost=wte * rate.annual_rate_per_wte,
            funding_source=FundingSource.ICB, start_date=today - timedelta(days=rng.randint(0, 730)),
            holder_id=None if index % VACANT_EVERY == 0 or not holders else holders[index % len(holders)],
        ))
    created = bulk_create_with_history(roles, LeadershipRole, batch_size=1000)
    # Date each role's history from its start (one statement), as if recorded when it began.
    LeadershipRole.history.filter(title__startswith=SCALE_ROLE_PREFIX).update(
        history_date=models.F("start_date")
    )
    ctx.counts["scale leadership roles"] = len(created)


SCALE_BUILDERS.append(("leadership roles", build_scale_roles))


# --- Recruitment to vacant leadership roles -------------------------------------------------------

DEMO_VACANCIES = [
    # (days until closing, about, essential, desirable)
    (21, "Leads the system's work to keep the workforce well and in post, with the People Board and the "
         "provider collaboratives.",
     "A registered clinical or care professional\nExperience of leading change across organisations\n"
     "Understanding of workforce wellbeing and retention", "A qualification in leadership or improvement"),
    (7, "Brings clinical and care voice to the system's quality improvement programme and coaches teams "
        "across the six boroughs.",
     "A registered clinical or care professional\nQuality improvement experience",
     "Experience of coaching or teaching improvement"),
    (-20, "Leads research and evidence for the C&CPLG and links it to the Applied Research Collaboration.",
     "A registered clinical or care professional\nA record of research or evaluation",
     "Links with an academic partner"),
]
HOW_TO_APPLY = ("Write a supporting statement of up to two pages showing how you meet each essential criterion. "
                "The secretariat scores every application against the person specification and tells everyone "
                "the outcome.")


def build_recruitment(ctx: SeedContext) -> None:
    """Two open vacancies with applications at different stages, and one appointed. Skipped when any
    vacancy exists, so running it twice makes nothing new."""
    if Vacancy.objects.exists():
        ctx.counts["vacancies published"] = 0
        return
    today = timezone.localdate()
    roles = list(
        LeadershipRole.objects.filter(holder__isnull=True, end_date__isnull=True, spatial_level=SpatialLevel.ICS)
        .order_by("title")[: len(DEMO_VACANCIES)]
    )
    if len(roles) < len(DEMO_VACANCIES):
        ctx.counts["vacancies published"] = 0
        return
    secretariat = User.objects.filter(email=f"governance@{DEMO_DOMAIN}").first()
    busy = set(LeadershipRole.objects.filter(holder__isnull=False).values_list("holder_id", flat=True))
    applicants = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
        .exclude(user_id__in=busy).exclude(user__email__startswith="leader@")
        .exclude(user__role_assignments__isnull=False).select_related("user").order_by("user__email")[:14]
    )
    demo_leader = LeaderProfile.objects.filter(user__email=f"leader@{DEMO_DOMAIN}").select_related("user").first()
    S = ApplicationState
    made = 0
    for index, (role, (days, about, essential, desirable)) in enumerate(zip(roles, DEMO_VACANCIES, strict=True)):
        published = today + timedelta(days=min(days, 0) - 10)
        vacancy = recruitment.publish_vacancy(
            secretariat, role, about=about, how_to_apply=HOW_TO_APPLY, closes_on=today + timedelta(days=days),
            essential=essential, desirable=desirable, today=published,
        )
        made += 1
        people = applicants[index * 5:(index + 1) * 5]
        if index == 0 and demo_leader is not None:
            people = [demo_leader, *people[:4]]
        applications = [
            recruitment.apply(profile.user, vacancy, STATEMENTS[n % len(STATEMENTS)], today=published)
            for n, profile in enumerate(people)
        ]
        criteria = list(vacancy.criteria.all())
        for n, application in enumerate(applications[1:], start=1):
            recruitment.score_application(secretariat, application, {
                criterion.pk: ((n + position) % 4, SCORE_REASONS[(n + position) % 4])
                for position, criterion in enumerate(criteria)
            })
        if index == 0:  # open: the demo leader's application waits; one shortlisted, one not, one withdrawn
            recruitment.move_application(secretariat, applications[1], S.SHORTLISTED,
                                         "Meets every essential criterion with strong examples.")
            recruitment.move_application(secretariat, applications[2], S.NOT_SHORTLISTED,
                                         "Does not yet show experience of leading change across organisations.")
            recruitment.withdraw(applications[3].applicant, applications[3])
        elif index == 1:  # open: one interviewed
            recruitment.move_application(secretariat, applications[1], S.SHORTLISTED,
                                         "Strong quality improvement record.")
            recruitment.move_application(secretariat, applications[1], S.INTERVIEWED,
                                         "Clear plan for coaching teams in every borough.")
        else:  # closed and appointed
            for application in applications[1:3]:
                recruitment.move_application(secretariat, application, S.SHORTLISTED,
                                             "Meets both essential criteria.")
            recruitment.move_application(secretariat, applications[1], S.APPOINTED,
                                         "Highest score against the person specification and at interview.")
    ctx.counts["vacancies published"] = made


STATEMENTS = [
    "I have led a cross-organisation change programme for three years and chair our professional forum.",
    "As a registered practitioner I have led quality improvement projects in two boroughs.",
    "I coordinate our network's workforce group and have completed the Mary Seacole programme.",
    "I lead our trust's research group and have published two evaluations of community services.",
]
SCORE_REASONS = [
    "No evidence in the statement.",
    "Some evidence, without examples of impact.",
    "Clear evidence with examples.",
    "Strong evidence across organisations, with results.",
]

DEMO_BUILDERS.append(("recruitment to leadership roles", build_recruitment))
