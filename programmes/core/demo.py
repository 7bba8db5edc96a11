"""Demo data for the register of real system problems and the register of other leadership development
offers (issue 14). Idempotent: problems and offers are found by title or name, and nothing that exists is
changed. Challenge Fund bids attach to these problems in programmes/challenge_fund/demo.py."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.directory.models import Borough, LeaderGroup, PriorityFunction, Profession
from programmes.core import services
from programmes.core.models import AdoptionDecision, ExternalOffer, ProviderKind, SystemProblem, SystemProblemState

S = SystemProblemState
# title, board, description, owner (demo account), functions, boroughs, spatial level, the states it moves
# through, and its report-backs (days ago, board, summary, decision, decided by).
PROBLEMS = [
    (
        "People fit to leave hospital wait for community care packages",
        "SEL ICB Board",
        "Across south east London, people who are medically fit to leave an acute ward wait days for a package "
        "of care at home or a community bed. Hospital, community, social care and the voluntary sector each "
        "hold part of the answer, and no one organisation can fix it alone.",
        "governance", [1, 3], ["bexley", "greenwich"], "ics",
        [S.OPEN, S.BEING_WORKED_ON],
        [],
    ),
    (
        "Older people with frailty moving between A&E and community services",
        "Lewisham Local Care Partnership",
        "Older people living with frailty come back to the emergency department again and again because "
        "community teams, GP practices and the hospital do not share one plan for them.",
        "programme-admin", [2, 7], ["lewisham"], "lcp",
        [S.OPEN, S.BEING_WORKED_ON],
        [
            (60, "Lewisham Local Care Partnership", "A learning set tested a shared frailty plan in two PCNs; "
             "repeat attendances fell in the pilot practices.", AdoptionDecision.PENDING, ""),
            (14, "Lewisham Local Care Partnership", "The shared plan, adapted for care homes, was proposed for "
             "every PCN in the borough.", AdoptionDecision.ADAPTED, "the LCP executive"),
        ],
    ),
    (
        "Keeping allied health professionals in primary care",
        "SEL Clinical and Care Professional Leadership Group",
        "Physiotherapists, paramedics and pharmacists who join primary care through new roles often leave "
        "within two years, without supervision or a route to leadership.",
        "governance", [4], [], "ics",
        [S.OPEN],
        [],
    ),
    (
        "Out-of-hours access to mental health crisis support",
        "South London Mental Health and Community Partnership",
        "People in a mental health crisis at night or at weekends reach the emergency department because "
        "crisis lines, safe havens and the ambulance service do not refer to each other.",
        "programme-admin", [5, 6], ["lambeth", "southwark"], "collaborative",
        [],
        [],
    ),
]

# Leadership development outside the Academy. Only offers known to exist, with their own web addresses.
OFFERS = [
    (
        "Mary Seacole Programme", ProviderKind.PROFESSIONAL_BODY, "NHS Leadership Academy",
        "A national programme for people in their first formal leadership role in health and care: leading "
        "teams, working with others and improving care.",
        "https://www.leadershipacademy.nhs.uk/programmes/mary-seacole-programme/",
        "Funded places for NHS staff; fees for others", ["frontline"], [],
    ),
    (
        "Edward Jenner Programme", ProviderKind.PROFESSIONAL_BODY, "NHS Leadership Academy",
        "A free online introduction to leadership for anyone working in health and care, studied at your own pace.",
        "https://www.leadershipacademy.nhs.uk/programmes/the-edward-jenner-programme/",
        "Free", ["frontline"], [],
    ),
    (
        "Rosalind Franklin Programme", ProviderKind.PROFESSIONAL_BODY, "NHS Leadership Academy",
        "A national programme for middle and senior leaders who lead large teams, services or functions.",
        "https://www.leadershipacademy.nhs.uk/programmes/rosalind-franklin-programme/",
        "Fees apply", ["pcns-boroughs-organisations"], [],
    ),
    (
        "Medical leadership and management membership", ProviderKind.PROFESSIONAL_BODY,
        "Faculty of Medical Leadership and Management",
        "The professional body for medical leaders: standards, resources, events and networks for doctors in "
        "leadership roles and those preparing for them.",
        "https://www.fmlm.ac.uk/",
        "Membership fee", ["pathways-and-transformation", "entering-ics-roles"], ["Medicine"],
    ),
    (
        "Leadership and organisational development", ProviderKind.OWN_PROGRAMME,
        "The King's Fund",
        "Leadership programmes, learning networks and events for leaders across health and care, including "
        "system leadership across organisations.",
        "https://www.kingsfund.org.uk/",
        "Fees apply", ["entering-ics-roles", "pathways-and-transformation"], [],
    ),
    (
        "Postgraduate study in health and social care", ProviderKind.UNIVERSITY, "King's College London",
        "Postgraduate courses and short courses for health and care professionals, some with leadership and "
        "management modules, on campuses in south east London.",
        "https://www.kcl.ac.uk/",
        "Fees apply; some places funded", ["pcns-boroughs-organisations"], [],
    ),
    (
        "Health and social care courses for professionals", ProviderKind.UNIVERSITY, "London South Bank University",
        "Continuing professional development and postgraduate courses for nurses, allied health professionals "
        "and social care staff, including modules on leading change.",
        "https://www.lsbu.ac.uk/",
        "Fees apply; some places funded", ["frontline"], ["Nursing", "Allied health professions", "Social care"],
    ),
    (
        "Leadership development for nurses", ProviderKind.PROFESSIONAL_BODY, "Royal College of Nursing",
        "Leadership programmes and resources for nurses, midwives, nursing students and nursing support workers.",
        "https://www.rcn.org.uk/",
        "Member rates", ["frontline"], ["Nursing", "Mental health nursing", "Midwifery"],
    ),
]


def build_problems(ctx: SeedContext) -> None:
    keeper = User.objects.get(email=f"governance@{DEMO_DOMAIN}")
    made = 0
    for title, board, description, owner, functions, boroughs, level, moves, reports in PROBLEMS:
        if SystemProblem.objects.filter(title=title).exists():
            continue
        problem = services.save_problem(
            keeper, SystemProblem(), title=title, description=description, board=board,
            owner=User.objects.get(email=f"{owner}@{DEMO_DOMAIN}"),
            priority_functions=PriorityFunction.objects.filter(number__in=functions),
            boroughs=Borough.objects.filter(slug__in=boroughs), spatial_level=level,
        )
        for state in moves:
            problem = services.move_problem(workflow.SYSTEM, problem, state)
        for days_ago, to_board, summary, decision, decided_by in reports:
            services.record_report_back(
                keeper, problem, board=to_board, reported_on=timezone.localdate() - dt.timedelta(days=days_ago),
                summary=summary, decision=decision, decided_by=decided_by,
            )
            problem.refresh_from_db()
        made += 1
    ctx.counts["system problems created"] = made


def build_external_offers(ctx: SeedContext) -> None:
    admin = User.objects.get(email=f"programme-admin@{DEMO_DOMAIN}")
    made = 0
    for name, kind, provider, description, url, cost, groups, professions in OFFERS:
        if ExternalOffer.objects.filter(name=name, provider_name=provider).exists():
            continue
        services.save_external_offer(
            admin, ExternalOffer(), name=name, provider_kind=kind, provider_name=provider, description=description,
            url=url, cost=cost, leader_groups=LeaderGroup.objects.filter(slug__in=groups),
            professions=Profession.objects.filter(name__in=professions),
        )
        made += 1
    ctx.counts["other leadership offers created"] = made


DEMO_BUILDERS.append(("system problems", build_problems))
DEMO_BUILDERS.append(("other leadership development offers", build_external_offers))
