"""Governance reference data: principles, structures, clinical networks, spatial levels, C&CPLG capabilities
and seats, and the NHSEI Design Framework points [seed 001]. The 10 priority functions are the foundation's:
academy.directory.reference."""

from academy.directory import reference as directory_reference


def load(apps) -> None:
    """The governance reference data (structures, networks, principles, seats...). Migration 0002 ran
    this before the priority functions moved to the foundation, so it still loads them in that
    historical state; today they are the directory's (academy.directory.reference)."""
    if "PriorityFunction" in {model.__name__ for model in apps.get_app_config("governance").get_models()}:
        directory_reference.load_priority_functions(apps, app_label="governance")
    if "Principle" in {model.__name__ for model in apps.get_app_config("governance").get_models()}:
        load_governance(apps)


# --- Principles, structures, clinical networks, spatial levels, C&CPLG capabilities and seats [seed 001] ---

PRINCIPLES = [
    (1, "Integrated and interdependent",
     "C&CP system leadership is fully integrated with executive and managerial leadership in the ICS operating "
     "model, system governance, structures and networks, as a core required function of the SEL ICS."),
    (2, "Supportive of ICS strategy",
     "Supports delivery of a clear, purposeful and motivational ICS strategy that describes why the ICS exists "
     "and how it will improve patients' lives."),
    (3, "Focused on impact",
     "Focused on the functions and programmes that clearly benefit from being addressed at system level, and "
     "on what leaders can contribute together to the wider system."),
    (4, "Inclusive in every way",
     "Inclusive and reflective of the diversity, breadth and depth of the system across care settings, place, "
     "organisations, professional groups and networks, and of the population we serve."),
    (5, "Supportive of system leadership development",
     "Develops the skills, behaviours, tools and relationships a community of system leaders needs to work "
     "across spatial, organisational and professional boundaries."),
    (6, "Focused on learning",
     "Fosters a culture of learning underpinned by psychological safety: we share our successes and learn "
     "from them across the system."),
]

# (name, kind)
STRUCTURES = [
    ("Integrated Care Partnership", "partnership"),
    ("Integrated Care Board", "board"),
    ("ICS Executive", "executive"),
    ("Integrated Governance and Performance Committee", "committee"),
    ("Population Health Management and Inequalities Executive", "committee"),
    ("System Quality Board", "board"),
    ("People Board", "board"),
    ("Patient and Public Engagement Group and Involvement Committee", "committee"),
    ("Estates Board", "board"),
    ("Digital Board", "board"),
    ("C&CP Leadership Group", "committee"),
    ("Care pathway transformation programme boards", "programme_board"),
    ("London region links (LCAG and clinical networks)", "regional"),
    ("Advisory Board of the SEL Systems Leadership Academy", "advisory"),
]

CLINICAL_NETWORKS = [
    "Cardiovascular disease", "Dementia", "Diabetes", "End of life care", "Frailty", "Maternity",
    "Adult mental health", "Respiratory and long COVID", "Stroke including community neurorehabilitation",
    "Cancer", "Learning disability and autism", "Children and young people", "Dermatology", "Diagnostics",
    "Digital", "Ear, nose and throat", "Gastroenterology and endoscopy", "General surgery", "Gynaecology",
    "Homeless health", "Safeguarding", "Infection prevention and control", "MSK and orthopaedics",
    "Neurology", "Neurosurgery", "Emergency (including trauma, burns and ICU)", "Ophthalmology",
    "Chronic pain", "Renal", "Personalisation", "Rheumatology", "Urgent care (including UEC and IUC)", "HIV",
    "Dental", "Urology",
]

CAPABILITIES = [
    (1, "Leadership in ICS statutory responsibilities via ICS governance"),
    (2, "Leadership in service design and delivery"),
    (3, "Leadership in quality and safety via the System Quality Board"),
    (4, "System leadership development and support"),
    (5, "Transformation, innovation and improvement"),
    (6, "Clinical networks, transformation and enabling programmes"),
    (7, "Experts by experience"),
    (8, "Continuous improvement and innovation"),
    (9, "Research and evidence creation, discovery and spread"),
    (10, "Executive leadership and decision-making responsibilities"),
]

EXPERT_SEATS = [
    "Local Authority", "Care Sector", "Community Pharmacy", "Health Innovation Network", "Allied health "
    "professions", "Dentistry", "Children and young people", "Health Education England", "VCSE",
    "King's Health Partners", "Public Health", "Digital", "Optometry",
]

# (capability number, title, co-chair, invited ad hoc)
SEATS = [
    (1, "Chief Medical Officer (co-chair)", True, False),
    (1, "Integrated Governance and Performance Committee lead", False, False),
    (1, "Patient and Public Involvement Committee lead", False, False),
    (1, "People Board lead", False, False),
    (1, "Population Health Management and Inequalities Executive lead", False, False),
    (2, "Mental Health provider collaborative lead", False, False),
    (2, "Acute provider collaborative lead", False, False),
    (2, "Community Care provider collaborative lead", False, False),
    (2, "Primary Care Leadership Group lead", False, False),
    (3, "Chief Nurse Officer (co-chair)", True, False),
    (4, "System leadership development and support link", False, False),
    (5, "Transformation and improvement link", False, False),
    (6, "Clinical network and programme leads (invited for their items)", False, True),
    *[(7, f"Expert by experience: {name}", False, False) for name in EXPERT_SEATS],
    (8, "Continuous improvement and innovation lead", False, False),
    (9, "Research and evidence lead", False, False),
    (10, "ICS Executive member", False, False),
]

# (level, description, default WTE) [seed 001, "a spatial view"]
SPATIAL_LEVELS = [
    ("ics", "The ICS body: system-wide roles such as the Chief Medical Officer, the Chief Nurse Officer and "
     "the ICS lead for each priority function.", "0.4"),
    ("collaborative", "The provider collaborative arrangements: Acute, Mental Health, Community Care and "
     "Primary Care. Leaders here join up care across the providers in each collaborative.", "0.2"),
    ("lcp", "The Local Care Partnerships of the six boroughs: Bexley, Bromley, Greenwich, Lambeth, Lewisham "
     "and Southwark. Leaders here work with their borough's partners on place-based care.", "0.2"),
    ("ccplg", "The Clinical and Care Professional Leadership Group, co-chaired by the CMO and the CNO, which "
     "brings leaders from every space together around the 10 priority functions.", "0.2"),
    ("organisation", "The 5th space: organisational leadership, including primary care networks, where system "
     "leadership stays vital but existing governance and resourcing arrangements are in place.", "0.2"),
]


def load_governance(apps) -> None:
    """Everything above except the functions (loaded by :func:`load`). Safe to run again."""
    Principle = apps.get_model("governance", "Principle")
    GovernanceStructure = apps.get_model("governance", "GovernanceStructure")
    ClinicalNetwork = apps.get_model("governance", "ClinicalNetwork")
    Capability = apps.get_model("governance", "Capability")
    Seat = apps.get_model("governance", "Seat")
    SpatialLevelDefinition = apps.get_model("governance", "SpatialLevelDefinition")
    for position, (level, description, default_wte) in enumerate(SPATIAL_LEVELS, start=1):
        SpatialLevelDefinition.objects.get_or_create(
            level=level, defaults={"description": description, "default_wte": default_wte, "position": position}
        )
    # get_or_create throughout: the secretariat may have edited these since, and loading again (a test
    # flush, a new migration) must not undo their changes.
    for number, name, description in PRINCIPLES:
        Principle.objects.get_or_create(number=number, defaults={"name": name, "description": description})
    for position, (name, kind) in enumerate(STRUCTURES, start=1):
        GovernanceStructure.objects.get_or_create(name=name, defaults={"kind": kind, "position": position})
    for name in CLINICAL_NETWORKS:
        ClinicalNetwork.objects.get_or_create(name=name)
    capabilities = {}
    for number, name in CAPABILITIES:
        capabilities[number], _ = Capability.objects.get_or_create(number=number, defaults={"name": name})
    for position, (number, title, co_chair, ad_hoc) in enumerate(SEATS, start=1):
        Seat.objects.get_or_create(
            title=title,
            defaults={"capability": capabilities[number], "position": position, "is_co_chair": co_chair,
                      "invited_ad_hoc": ad_hoc},
        )
    if "FrameworkPoint" in {model.__name__ for model in apps.get_app_config("governance").get_models()}:
        load_framework(apps)


# --- The nine points of the NHSEI ICS Design Framework for C&CP leadership [seed 000, 001] ---

FRAMEWORK_POINTS = [
    (1, "Structures and communication that connect C&CP leaders at every level of the system, with leaders "
     "fully involved as key decision-makers"),
    (2, "A culture of shared learning, with leaders collaborating and innovating with partners, patients and "
     "local communities"),
    (3, "Protected time, resource and infrastructure for C&CP leaders to carry out their system roles"),
    (4, "Clearly defined and visible support, including developing the skills to lead across organisational "
     "and professional boundaries"),
    (5, "Transparent identification and recruitment of leaders: equity of opportunity and a diverse talent "
     "pipeline"),
    (6, "Arrangements that support and enhance partner organisations' own professional and clinical "
     "leadership"),
    (7, "Peer review and buddying with other systems"),
    (8, "Clinical roles on the ICB board as a minimum"),
    (9, "Board sign-off of a model and improvement plan that reflects the five guiding principles"),
]


def load_framework(apps) -> None:
    """The nine points, not yet assessed. Safe to run again: an assessment already made is kept."""
    FrameworkPoint = apps.get_model("governance", "FrameworkPoint")
    for number, title in FRAMEWORK_POINTS:
        FrameworkPoint.objects.get_or_create(number=number, defaults={"title": title})
