"""South east London's reference data, from DOMAIN.md: places, provider collaboratives, professions and
the Academy's four leader groups. Loaded by a data migration, so every database has it."""

from django.utils.text import slugify

BOROUGHS = [
    ("Bexley", "bexley"),
    ("Bromley", "bromley"),
    ("Greenwich", "greenwich"),
    ("Lambeth", "lambeth"),
    ("Lewisham", "lewisham"),
    ("Southwark", "southwark"),
]

PROVIDER_COLLABORATIVES = [
    ("Acute provider collaborative", "acute"),
    ("Mental health provider collaborative", "mental-health"),
    ("Community provider collaborative", "community"),
    ("Primary care leadership group and collaborative", "primary-care"),
]

PROFESSIONS = [
    "Medicine",
    "Nursing",
    "Mental health nursing",
    "Midwifery",
    "Allied health professions",
    "Pharmacy",
    "Community pharmacy",
    "Dentistry",
    "Optometry",
    "Social work",
    "Social care",
    "Public health",
    "Healthcare science",
    "Psychology",
    "Paramedic practice",
    "Management and executive leadership",
    "Voluntary, community and social enterprise (VCSE)",
    "Patients and public (expert by experience)",
]

LEADER_GROUPS = [
    (
        "entering-ics-roles",
        "Entering ICS leadership roles",
        "The overall clinical and care professional voice at system level.",
        "Support in the transition into ICS roles.",
    ),
    (
        "pathways-and-transformation",
        "Working across pathways and transformation programmes",
        "Develop pathways and service transformation at south east London level.",
        "To think more systemically and collaboratively.",
    ),
    (
        "pcns-boroughs-organisations",
        "Based in PCNs, boroughs and organisations",
        "Lead the delivery of care in their organisation or borough.",
        "Systems ways of thinking, working and learning.",
    ),
    (
        "frontline",
        "Frontline clinicians and care professionals",
        "Service delivery experience.",
        "To become future system leaders, not yet in formal roles.",
    ),
]


PRIORITY_FUNCTIONS = [
    (1, "Population health outcomes and inequalities",
     "Use information to build a learning system that allocates resources fairly and delivers more "
     "equitable outcomes."),
    (2, "Care pathway transformation and innovation",
     "Co-design new models of care with commissioners, managers and service users."),
    (3, "System-wide clinical and care strategy",
     "Set out and communicate how the system provides the best outcomes, translating national priorities "
     "locally."),
    (4, "Clinical and care workforce resilience",
     "Create the conditions that prioritise equality, diversity and inclusion, wellbeing, psychological "
     "safety and productivity."),
    (5, "Quality assurance and safety",
     "Continuous improvement of safety and quality, meeting statutory requirements."),
    (6, "Patient and public engagement",
     "Insight from meaningful engagement informs service improvement."),
    (7, "Continuous improvement and innovation",
     "Systematic, sustained improvement with a clear methodology."),
    (8, "Professional leadership support and development",
     "Equip colleagues with the knowledge, skills, perspectives and agency to lead."),
    (9, "Leadership in research and evidence creation, discovery and spread",
     "A culture of innovation, research and data-driven improvement."),
    (10, "Care standards",
     "Develop and implement agreed standards, with benchmarking to reduce unwarranted variation."),
]


def load_priority_functions(apps, app_label: str = "directory") -> None:
    PriorityFunction = apps.get_model(app_label, "PriorityFunction")
    for number, name, definition in PRIORITY_FUNCTIONS:
        PriorityFunction.objects.get_or_create(number=number, defaults={"name": name, "definition": definition})


def load(apps) -> None:
    Borough = apps.get_model("directory", "Borough")
    for name, slug in BOROUGHS:
        Borough.objects.update_or_create(
            slug=slug, defaults={"name": name, "lcp_name": f"{name} Local Care Partnership"}
        )
    Collaborative = apps.get_model("directory", "ProviderCollaborative")
    for name, slug in PROVIDER_COLLABORATIVES:
        Collaborative.objects.update_or_create(slug=slug, defaults={"name": name})
    Profession = apps.get_model("directory", "Profession")
    for position, name in enumerate(PROFESSIONS):
        Profession.objects.update_or_create(slug=slugify(name), defaults={"name": name, "position": position})
    LeaderGroup = apps.get_model("directory", "LeaderGroup")
    for position, (slug, name, features, need) in enumerate(LEADER_GROUPS):
        LeaderGroup.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "key_features": features, "development_need": need, "position": position},
        )
    # The priority functions joined the directory in migration 0004; migration 0002 runs before that.
    if "PriorityFunction" in {model.__name__ for model in apps.get_app_config("directory").get_models()}:
        load_priority_functions(apps)
