"""Builders for the demo and scale datasets. Each builder is idempotent and returns what it made, so
later apps can add their own builders to ``seed_demo`` (see :data:`DEMO_BUILDERS`).

Nothing here prints or logs personal data: commands report counts only.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import holidays
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.module_loading import autodiscover_modules
from django.utils.text import slugify
from faker import Faker

from academy.accounts.models import Role, RoleAssignment, User
from academy.accounts.services import grant_role
from academy.directory import services
from academy.directory.models import (
    AgeBand,
    Borough,
    CareerStage,
    Disability,
    EqualityMonitoring,
    Ethnicity,
    GenderIdentitySameAsBirth,
    LeaderGroup,
    LeaderProfile,
    Organisation,
    OrganisationType,
    PriorityFunction,
    Profession,
    ProviderCollaborative,
    Religion,
    Sex,
    SexualOrientation,
)

DEMO_DOMAIN = "demo.academy.test"
SCALE_DOMAIN = "scale.academy.test"
DEMO_LEADERS = 200
SEED = 20240601

T = OrganisationType
# (name, type, borough slug or None for SEL-wide, provider collaborative slugs)
ORGANISATIONS = [
    ("NHS South East London Integrated Care Board", T.ICB, None, []),
    ("Guy's and St Thomas' NHS Foundation Trust", T.ACUTE_TRUST, "southwark", ["acute", "community"]),
    ("King's College Hospital NHS Foundation Trust", T.ACUTE_TRUST, "southwark", ["acute"]),
    ("Lewisham and Greenwich NHS Trust", T.ACUTE_TRUST, "lewisham", ["acute", "community"]),
    ("South London and Maudsley NHS Foundation Trust", T.MENTAL_HEALTH_TRUST, "lambeth", ["mental-health"]),
    ("Oxleas NHS Foundation Trust", T.MENTAL_HEALTH_TRUST, "greenwich", ["mental-health", "community"]),
    ("Bromley Healthcare", T.COMMUNITY_PROVIDER, "bromley", ["community"]),
    ("London Borough of Bexley", T.LOCAL_AUTHORITY, "bexley", []),
    ("London Borough of Bromley", T.LOCAL_AUTHORITY, "bromley", []),
    ("Royal Borough of Greenwich", T.LOCAL_AUTHORITY, "greenwich", []),
    ("Lambeth Council", T.LOCAL_AUTHORITY, "lambeth", []),
    ("Lewisham Council", T.LOCAL_AUTHORITY, "lewisham", []),
    ("Southwark Council", T.LOCAL_AUTHORITY, "southwark", []),
    ("Bexley Health Neighbourhood Care", T.GP_FEDERATION, "bexley", ["primary-care"]),
    ("Clinical Bexley Primary Care Network", T.PCN, "bexley", ["primary-care"]),
    ("Bromley GP Alliance", T.GP_FEDERATION, "bromley", ["primary-care"]),
    ("Penge and Beckenham Primary Care Network", T.PCN, "bromley", ["primary-care"]),
    ("Greenwich Health", T.GP_FEDERATION, "greenwich", ["primary-care"]),
    ("Eltham Primary Care Network", T.PCN, "greenwich", ["primary-care"]),
    ("Lambeth GP Federation", T.GP_FEDERATION, "lambeth", ["primary-care"]),
    ("Brixton and Clapham Park Primary Care Network", T.PCN, "lambeth", ["primary-care"]),
    ("One Health Lewisham", T.GP_FEDERATION, "lewisham", ["primary-care"]),
    ("Lewisham Care Partnership Primary Care Network", T.PCN, "lewisham", ["primary-care"]),
    ("Quay Health Solutions", T.GP_FEDERATION, "southwark", ["primary-care"]),
    ("North Southwark Primary Care Network", T.PCN, "southwark", ["primary-care"]),
    ("Community Pharmacy South East London", T.COMMUNITY_PHARMACY, None, ["primary-care"]),
    ("Age UK Lewisham and Southwark", T.VCSE, "lewisham", []),
    ("Bexley Voluntary Service Council", T.VCSE, "bexley", []),
    ("Certitude", T.CARE_PROVIDER, "lambeth", []),
    ("Greenwich Carers Centre", T.CARE_PROVIDER, "greenwich", []),
    ("King's Health Partners", T.ACADEMIC, None, []),
    ("Health Innovation Network South London", T.ACADEMIC, None, []),
]

# Realistic spreads for south east London: enough answers in the big groups, and some small cells that
# the equality summary must suppress.
ETHNICITY_WEIGHTS = {
    Ethnicity.WHITE_BRITISH: 38,
    Ethnicity.WHITE_IRISH: 2,
    Ethnicity.WHITE_OTHER: 11,
    Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN: 2,
    Ethnicity.MIXED_WHITE_BLACK_AFRICAN: 1,
    Ethnicity.MIXED_WHITE_ASIAN: 1,
    Ethnicity.MIXED_OTHER: 1,
    Ethnicity.ASIAN_INDIAN: 7,
    Ethnicity.ASIAN_PAKISTANI: 2,
    Ethnicity.ASIAN_BANGLADESHI: 2,
    Ethnicity.ASIAN_CHINESE: 2,
    Ethnicity.ASIAN_OTHER: 3,
    Ethnicity.BLACK_AFRICAN: 13,
    Ethnicity.BLACK_CARIBBEAN: 7,
    Ethnicity.BLACK_OTHER: 2,
    Ethnicity.OTHER_ARAB: 1,
    Ethnicity.OTHER_ANY: 1,
    Ethnicity.PREFER_NOT: 4,
}
SEX_WEIGHTS = {Sex.FEMALE: 72, Sex.MALE: 25, Sex.PREFER_NOT: 3}
GENDER_WEIGHTS = {
    GenderIdentitySameAsBirth.YES: 95,
    GenderIdentitySameAsBirth.NO: 1,
    GenderIdentitySameAsBirth.PREFER_NOT: 4,
}
ORIENTATION_WEIGHTS = {
    SexualOrientation.HETEROSEXUAL: 84,
    SexualOrientation.GAY_LESBIAN: 5,
    SexualOrientation.BISEXUAL: 3,
    SexualOrientation.OTHER: 1,
    SexualOrientation.PREFER_NOT: 7,
}
DISABILITY_WEIGHTS = {Disability.NO: 85, Disability.YES: 8, Disability.PREFER_NOT: 7}
AGE_WEIGHTS = {
    AgeBand.UNDER_25: 2,
    AgeBand.AGE_25_34: 18,
    AgeBand.AGE_35_44: 30,
    AgeBand.AGE_45_54: 30,
    AgeBand.AGE_55_64: 17,
    AgeBand.AGE_65_PLUS: 1,
    AgeBand.PREFER_NOT: 2,
}
RELIGION_WEIGHTS = {
    Religion.NONE: 35,
    Religion.CHRISTIANITY: 40,
    Religion.ISLAM: 8,
    Religion.HINDUISM: 5,
    Religion.BUDDHISM: 1,
    Religion.JUDAISM: 1,
    Religion.SIKHISM: 1,
    Religion.JAINISM: 1,
    Religion.OTHER: 2,
    Religion.PREFER_NOT: 6,
}
CAREER_WEIGHTS = {
    CareerStage.TRAINEE: 6,
    CareerStage.EARLY: 20,
    CareerStage.ESTABLISHED: 40,
    CareerStage.SENIOR: 26,
    CareerStage.BOARD: 8,
}

# Name sources mixing the communities of south east London; weights sum to 100.
NAME_LOCALES = {
    "en_GB": 55,
    "en_NG": 12,
    "en_IN": 10,
    "en_IE": 5,
    "tw_GH": 5,
    "en_PK": 5,
    "pl_PL": 4,
    "en_KE": 4,
}

JOB_TITLES = {
    "medicine": [
        "Consultant geriatrician",
        "GP partner",
        "Clinical director",
        "Consultant psychiatrist",
        "Specialty registrar",
        "Salaried GP",
    ],
    "nursing": [
        "Matron",
        "Ward sister",
        "Practice nurse",
        "District nurse team leader",
        "Deputy chief nurse",
    ],
    "mental-health-nursing": ["Community mental health nurse", "Ward manager", "Nurse consultant"],
    "midwifery": ["Community midwife", "Consultant midwife", "Head of midwifery"],
    "allied-health-professions": [
        "Advanced physiotherapist",
        "Occupational therapy lead",
        "Speech and language therapist",
        "Dietitian",
        "AHP lead",
    ],
    "pharmacy": ["Clinical pharmacist", "Chief pharmacist", "PCN clinical pharmacist"],
    "community-pharmacy": ["Community pharmacist", "Pharmacy owner and superintendent"],
    "dentistry": ["General dental practitioner", "Consultant in dental public health"],
    "optometry": ["Optometrist", "Optometric adviser"],
    "social-work": ["Senior social worker", "Principal social worker", "Team manager, adult social care"],
    "social-care": ["Registered care home manager", "Home care coordinator", "Head of commissioning"],
    "public-health": ["Consultant in public health", "Public health registrar", "Director of public health"],
    "healthcare-science": ["Clinical scientist", "Healthcare science lead"],
    "psychology": ["Clinical psychologist", "Consultant clinical psychologist"],
    "paramedic-practice": ["Advanced paramedic practitioner", "Paramedic in primary care"],
    "management-and-executive-leadership": [
        "Programme director",
        "Borough director",
        "Service manager",
        "Head of transformation",
    ],
    "voluntary-community-and-social-enterprise-vcse": ["Chief executive", "Partnerships manager"],
    "patients-and-public-expert-by-experience": ["Expert by experience", "Patient partner"],
}
FORMAL_ROLES = [
    "Clinical lead, Frailty network",
    "Clinical lead, Diabetes network",
    "Borough clinical director",
    "Member, System Quality Board",
    "Nurse lead, Local Care Partnership",
    "AHP representative, C&CP Leadership Group",
    "Co-chair, Maternity network",
    "Primary care network clinical director",
    "Clinical lead, Cardiovascular disease network",
    "Member, People Board",
]


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: dt.date) -> bool:
    """A weekday that is not one of England's bank holidays (the days the Academy runs sessions and meets)."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def working_day(day: dt.date) -> dt.date:
    """``day``, or the next working day after it: demo sessions and meetings are never on a weekend or a
    bank holiday."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


@dataclass
class SeedContext:
    password: str
    stdout: Callable[[str], None] = print
    counts: dict[str, int] = field(default_factory=dict)
    # Stored hashes already known to match the password: demo accounts share one, so a second run
    # checks the (deliberately slow) hash once rather than once per account.
    verified_hashes: set[str] = field(default_factory=set)

    @property
    def password_hash(self) -> str:
        if not hasattr(self, "_hash"):
            self._hash = make_password(self.password)
        return self._hash


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def _faker_for(locale: str, seed: int):
    faker = Faker(locale)
    faker.seed_instance(seed)
    return faker


def make_names(count: int, seed: int = SEED) -> list[tuple[str, str]]:
    """``count`` deterministic, realistic (first, last) names for south east London."""
    rng = random.Random(seed)
    fakers = {locale: _faker_for(locale, seed + index) for index, locale in enumerate(NAME_LOCALES)}
    names = []
    for _ in range(count):
        faker = fakers[_weighted(rng, NAME_LOCALES)]
        names.append((faker.first_name(), faker.last_name()))
    return names


def email_for(first: str, last: str, number: int, domain: str) -> str:
    return f"{slugify(first) or 'leader'}.{slugify(last) or 'person'}.{number}@{domain}".replace("-", "")


def set_demo_password(user: User, ctx: SeedContext) -> bool:
    """Set the password only if it is not already the demo password. Returns whether it changed."""
    if user.password == ctx.password_hash or user.password in ctx.verified_hashes:
        return False
    if user.check_password(ctx.password):
        ctx.verified_hashes.add(user.password)
        return False
    user.password = ctx.password_hash
    user.save(update_fields=["password"])
    return True


def ensure_verified_email(user: User) -> None:
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )


def ensure_user(ctx: SeedContext, email: str, first: str, last: str, **extra) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    created = user is None
    if created:
        user = User(email=email, first_name=first, last_name=last, password=ctx.password_hash, **extra)
        user.save()
    else:
        set_demo_password(user, ctx)
        changed = [name for name, value in extra.items() if getattr(user, name) != value]
        if changed:
            for name in changed:
                setattr(user, name, extra[name])
            user.save(update_fields=changed)
    ensure_verified_email(user)
    return user, created


# --- builders ------------------------------------------------------------------------------------


def build_organisations(ctx: SeedContext) -> None:
    boroughs = {b.slug: b for b in Borough.objects.all()}
    collaboratives = {c.slug: c for c in ProviderCollaborative.objects.all()}
    made = 0
    for name, org_type, borough_slug, collab_slugs in ORGANISATIONS:
        organisation, created = Organisation.objects.get_or_create(
            name=name, defaults={"org_type": org_type, "borough": boroughs.get(borough_slug)}
        )
        made += created
        wanted = {collaboratives[slug].pk for slug in collab_slugs}
        if set(organisation.collaboratives.values_list("pk", flat=True)) != wanted:
            organisation.collaboratives.set(wanted)
    ctx.counts["organisations created"] = made


def random_profile(rng: random.Random, reference: dict, *, organisation=None) -> dict:
    profession = rng.choice(reference["professions"])
    organisation = organisation or rng.choice(reference["organisations"])
    borough = (
        organisation.borough
        if organisation.borough_id
        else (rng.choice(reference["boroughs"]) if rng.random() < 0.6 else None)
    )
    titles = JOB_TITLES.get(profession.slug) or ["Clinical lead"]
    career = _weighted(rng, CAREER_WEIGHTS)
    return {
        "profession": profession,
        "organisation": organisation,
        "borough": borough,
        "leader_group": rng.choice(reference["leader_groups"]),
        "career_stage": career,
        "job_title": rng.choice(titles),
        "formal_system_roles": rng.choice(FORMAL_ROLES)
        if career in (CareerStage.SENIOR, CareerStage.BOARD) and rng.random() < 0.6
        else "",
        "listed_in_directory": rng.random() < 0.7,
    }


def random_equality(rng: random.Random) -> dict:
    return {
        "ethnicity": _weighted(rng, ETHNICITY_WEIGHTS),
        "sex": _weighted(rng, SEX_WEIGHTS),
        "gender_identity_same_as_birth": _weighted(rng, GENDER_WEIGHTS),
        "sexual_orientation": _weighted(rng, ORIENTATION_WEIGHTS),
        "disability": _weighted(rng, DISABILITY_WEIGHTS),
        "age_band": _weighted(rng, AGE_WEIGHTS),
        "religion": _weighted(rng, RELIGION_WEIGHTS),
    }


def reference_for(organisations=None) -> dict:
    return {
        "professions": list(Profession.objects.order_by("position")),
        "organisations": list(
            organisations
            if organisations is not None
            else Organisation.objects.filter(name__in=[o[0] for o in ORGANISATIONS]).order_by("name")
        ),
        "boroughs": list(Borough.objects.order_by("name")),
        "leader_groups": list(LeaderGroup.objects.order_by("position")),
        "interests": list(PriorityFunction.objects.order_by("number")),
    }


ROLE_ACCOUNTS = [
    # (local part, first name, last name, roles, superuser)
    ("leader", "Amara", "Okafor", [], False),
    ("linemanager", "Helen", "Whitfield", [], False),
    (
        "programme-admin",
        "Priya",
        "Raman",
        # The network's admin in the demo is coaching-lead@ (programmes/network/demo.py): a network admin is
        # its coaching lead and sees who asked for coaching, which programme-admin@ has no need to.
        [(Role.PROGRAMME_ADMIN, slug) for slug in ("curriculum", "challenge-fund", "conference", "community")],
        False,
    ),
    ("reviewer", "Tom", "Brennan", [(Role.REVIEWER, None)], False),
    ("governance", "Grace", "Mensah", [(Role.GOVERNANCE, None)], False),
    ("exec", "David", "Ashworth", [(Role.EXECUTIVE, None)], False),
    ("evaluator", "Sofia", "Kowalska", [(Role.EVALUATOR, None)], False),
    ("superuser", "Sam", "Adeyemi", [], True),
]


def build_role_accounts(ctx: SeedContext) -> None:
    # A Programme admin's programme is the programmes layer's model: reached through the role's field.
    Programme = RoleAssignment._meta.get_field("programme").related_model  # noqa: N806
    made = 0
    for local, first, last, roles, is_superuser in ROLE_ACCOUNTS:
        extra = {"is_superuser": True, "is_staff": True} if is_superuser else {}
        user, created = ensure_user(ctx, f"{local}@{DEMO_DOMAIN}", first, last, **extra)
        made += created
        for role, programme_slug in roles:
            programme = Programme.objects.get(slug=programme_slug) if programme_slug else None
            if not RoleAssignment.objects.filter(user=user, role=role, programme=programme).exists():
                grant_role(None, user, role, programme=programme)
    ctx.counts["role accounts created"] = made

    reference = reference_for()
    orgs = {o.name: o for o in reference["organisations"]}
    professions = {p.slug: p for p in reference["professions"]}
    groups = {g.slug: g for g in reference["leader_groups"]}
    interests = {f.number: f for f in reference["interests"]}
    manager = User.objects.get(email=f"linemanager@{DEMO_DOMAIN}")
    leader = User.objects.get(email=f"leader@{DEMO_DOMAIN}")
    if not LeaderProfile.objects.filter(user=manager).exists():
        services.save_profile(
            None,
            manager,
            first_name=manager.first_name,
            last_name=manager.last_name,
            interests=[interests[4], interests[8]],
            profession=professions["nursing"],
            organisation=orgs["Lewisham and Greenwich NHS Trust"],
            borough=orgs["Lewisham and Greenwich NHS Trust"].borough,
            leader_group=groups["pathways-and-transformation"],
            career_stage=CareerStage.SENIOR,
            job_title="Deputy chief nurse",
            formal_system_roles="Nurse lead, Lewisham Local Care Partnership",
            line_manager_name="Chief Nurse, Lewisham and Greenwich NHS Trust",
            line_manager_email=f"chief.nurse@{DEMO_DOMAIN}",
            listed_in_directory=True,
        )
    if not LeaderProfile.objects.filter(user=leader).exists():
        services.save_profile(
            None,
            leader,
            first_name=leader.first_name,
            last_name=leader.last_name,
            interests=[interests[1], interests[2], interests[7]],
            profession=professions["nursing"],
            organisation=orgs["Lewisham and Greenwich NHS Trust"],
            borough=orgs["Lewisham and Greenwich NHS Trust"].borough,
            leader_group=groups["frontline"],
            career_stage=CareerStage.ESTABLISHED,
            job_title="Ward sister, frailty unit",
            formal_system_roles="",
            line_manager_name=manager.get_full_name(),
            line_manager_email=manager.email,
            listed_in_directory=True,
        )


def build_leaders(ctx: SeedContext, count: int = DEMO_LEADERS) -> None:
    """About 200 leaders with profiles, interests and (for ~60%) equality answers. Only missing rows
    are created, so a second run changes nothing."""
    rng = random.Random(SEED)
    reference = reference_for()
    names = make_names(count)
    made_users = made_profiles = made_answers = 0
    for number, (first, last) in enumerate(names, start=1):
        profile_data = random_profile(rng, reference)
        interests = rng.sample(reference["interests"], k=rng.randint(0, 4))
        equality = random_equality(rng) if rng.random() < 0.6 else None
        manager_first, manager_last = rng.choice(names)
        email = email_for(first, last, number, DEMO_DOMAIN)
        user, created = ensure_user(ctx, email, first, last)
        made_users += created
        if not LeaderProfile.objects.filter(user=user).exists():
            manager_email = email_for(manager_first, manager_last, 0, DEMO_DOMAIN).replace(".0@", ".manager@")
            services.save_profile(
                None,
                user,
                first_name=first,
                last_name=last,
                interests=interests,
                line_manager_name=f"{manager_first} {manager_last}",
                line_manager_email=manager_email,
                **profile_data,
            )
            made_profiles += 1
        if equality and not EqualityMonitoring.objects.filter(user=user).exists():
            services.give_equality_answers(None, user, equality)
            made_answers += 1
    ctx.counts["leaders created"] = made_users
    ctx.counts["profiles created"] = made_profiles
    ctx.counts["equality answers created"] = made_answers


# Later apps append their own builders: ``DEMO_BUILDERS.append(("programmes", build_programmes))``.
DEMO_BUILDERS: list[tuple[str, Callable[[SeedContext], None]]] = [
    ("organisations", build_organisations),
    ("role accounts", build_role_accounts),
    ("leaders", build_leaders),
]


def seed_demo(ctx: SeedContext) -> dict[str, int]:
    autodiscover_modules("demo")  # each app's demo.py appends its builders to DEMO_BUILDERS
    for _, builder in DEMO_BUILDERS:
        with transaction.atomic():
            builder(ctx)
    return ctx.counts


# --- scale: the registries each app's demo.py adds to; the code is in academy/directory/scale.py ---

# Later apps append ``(name, builder(ctx, factor))``; they run after the leaders and organisations exist,
# in the same transaction, and should use bulk_create.
SCALE_BUILDERS: list[tuple[str, Callable[[SeedContext, int], None]]] = []
# Later apps append functions that delete their own scale rows before the scale leaders are deleted.
SCALE_CLEARERS: list[Callable[[], None]] = []
