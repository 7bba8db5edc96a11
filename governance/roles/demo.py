"""Demo data for leadership roles: an illustrative rate card and the paid and protected roles of the seed's
annex, most of them filled (idempotent: an existing role title is left as it is); and the scale dataset's
roles."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from academy.directory.demo import DEMO_DOMAIN, SCALE_DOMAIN, SeedContext
from academy.directory.models import Borough, LeaderProfile, PriorityFunction, ProviderCollaborative, SpatialLevel
from governance.models import (
    ClinicalNetwork,
    FundingSource,
    GovernanceStructure,
    LeadershipRole,
    PayBasis,
    RoleType,
    Seat,
)
from governance.roles import services

RATES = [
    ("Executive clinical lead (CMO, CNO)", "185000", "The Chief Medical Officer and the Chief Nurse Officer."),
    ("Medical or dental system lead", "140000", "Consultant-level doctors and dentists, sessional or salaried."),
    ("GP system lead", "125000", "General practitioners, usually sessional."),
    ("Nursing, midwifery or AHP system lead", "95000", "Band 8c equivalent, whatever the employer."),
    ("Pharmacy, public health or other professional system lead", "90000", "Band 8b to 8c equivalent."),
    ("Social work or social care system lead", "80000", "Local authority and care sector leaders."),
]
# The rate a role is paid at follows its holder's profession group (an index into RATES); a vacant role
# keeps a rate of the kind of leader it is advertised to.
RATE_BY_PROFESSION = {
    "medicine": 1, "dentistry": 1,
    "nursing": 3, "mental-health-nursing": 3, "midwifery": 3, "allied-health-professions": 3,
    "paramedic-practice": 3,
    "pharmacy": 4, "community-pharmacy": 4, "optometry": 4, "public-health": 4, "healthcare-science": 4,
    "psychology": 4,
    "social-work": 5, "social-care": 5,
}
# The executive roles' holders: a doctor for the Chief Medical Officer, a nurse for the Chief Nurse Officer.
EXECUTIVE_PROFESSION = {"Chief Medical Officer": "medicine", "Chief Nurse Officer": "nursing"}


def rate_index(profile, index: int) -> int:
    """Which of RATES a role held by ``profile`` is paid at (GPs at the GP rate; other doctors and dentists at
    the medical rate); for a vacant role, one of the professional rates in turn."""
    if profile is None:
        return 1 + index % (len(RATES) - 1)
    slug = profile.profession.slug
    if slug == "medicine" and "GP" in profile.job_title.split():
        return 2
    return RATE_BY_PROFESSION.get(slug, 4)


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
    people = list(
        LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", user__is_active=True)
        .exclude(user_id__in=busy).exclude(user__email__startswith="leader@")
        .select_related("user", "profession").order_by("-user__email")
    )

    def take(profession=None):
        for position, candidate in enumerate(people):
            if profession is None or candidate.profession.slug == profession:
                return people.pop(position)
        return None
    structures = list(GovernanceStructure.objects.all())
    today = timezone.localdate()
    made = 0
    for index, role in enumerate(wanted):
        executive = EXECUTIVE_PROFESSION.get(role["title"])
        vacant = executive is None and index % VACANT_EVERY == VACANT_EVERY - 1
        profile = None if vacant else take(executive)
        rate = rates[role.pop("rate")] if "rate" in role else rates[rate_index(profile, index)]
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
        role = services.save_role(None, None, data, structures=[structures[index % len(structures)]])
        # The demo's roles began on their start dates: date their history so, and the dashboard's
        # quarters show the investment growing as it would have.
        began = timezone.make_aware(datetime.combine(role.start_date, time(9)))
        LeadershipRole.history.filter(id=role.pk).update(history_date=began)
        made += 1
    ctx.counts["leadership roles created"] = made


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
