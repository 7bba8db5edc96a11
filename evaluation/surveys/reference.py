"""The Academy's own capability and confidence questionnaire (our items, not the Healthcare Leadership
Model, which is licensed), and the reaction and line manager questionnaires, loaded by migration 0002 (and
``load`` again by tests after a flush, and by the demo) as a live version 1."""

from django.utils import timezone

CAPABILITY_NAME = "Academy capability and confidence"
CAPABILITY_PURPOSE = (
    "Our own questions on systems leadership capability and confidence, asked before and after a programme "
    "(level 2) and again at six months (level 4)."
)

# (kind, text, construct, options)
CAPABILITY_ITEMS = [
    ("likert", "I feel I belong to the leadership community of the South East London ICS.",
     "Belonging and commitment to the ICS", []),
    ("likert", "I am committed to the shared work of the ICS, beyond my own organisation.",
     "Belonging and commitment to the ICS", []),
    ("likert", "I feel ready to take on a formal system leadership role.", "Ready to take on a formal role", []),
    ("slider", "How confident are you leading work across organisational boundaries?",
     "Confidence leading across boundaries", []),
    ("likert", "I know who to contact in other organisations and sectors to make progress on a shared problem.",
     "Connections across the system", []),
    ("likert", "I involve people with lived experience and the voluntary sector in designing change.",
     "Co-design and inclusion", []),
    ("choice", "How often in the last three months have you worked with colleagues from another organisation?",
     "Connections across the system", ["Not at all", "Once or twice", "Monthly", "Weekly or more"]),
    ("text", "What, if anything, have you done differently as a system leader?", "", []),
]

REACTION_NAME = "Academy session reaction"
REACTION_PURPOSE = "A short reaction questionnaire on the day of a session or at the end of a programme (level 1)."
REACTION_ITEMS = [
    ("likert", "The session was a good use of my time.", "Reaction", []),
    ("likert", "I will use what I learned in my work.", "Reaction", []),
    ("slider", "How likely are you to recommend this programme to a colleague?", "Reaction", []),
    ("text", "What one thing would make it better?", "", []),
]

LINE_MANAGER_NAME = "Academy line manager's view"
LINE_MANAGER_PURPOSE = "The line manager's view of change in a participant's work at three months (level 3)."
LINE_MANAGER_ITEMS = [
    ("likert", "They work more across organisational boundaries than before the programme.", "Behaviour", []),
    ("likert", "They are more confident taking the lead on system-wide problems.", "Behaviour", []),
    ("likert", "I would support them taking on a formal system leadership role.", "Ready to take on a formal role", []),
    ("text", "What have you seen change in their work?", "", []),
]

SEEDED = [
    (CAPABILITY_NAME, CAPABILITY_PURPOSE, CAPABILITY_ITEMS),
    (REACTION_NAME, REACTION_PURPOSE, REACTION_ITEMS),
    (LINE_MANAGER_NAME, LINE_MANAGER_PURPOSE, LINE_MANAGER_ITEMS),
]


def load(apps) -> None:
    """Make each seeded questionnaire that is missing, live as version 1 (idempotent). ``apps`` is a
    migration's app registry or django.apps.apps."""
    Instrument = apps.get_model("evaluation_surveys", "Instrument")
    Version = apps.get_model("evaluation_surveys", "InstrumentVersion")
    Item = apps.get_model("evaluation_surveys", "Item")
    for name, purpose, items in SEEDED:
        instrument, created = Instrument.objects.get_or_create(name=name, defaults={"purpose": purpose})
        if not created:
            continue
        version = Version.objects.create(instrument=instrument, number=1, state="live", published_at=timezone.now())
        Item.objects.bulk_create(
            Item(version=version, position=position, kind=kind, text=text, construct=construct, options=options)
            for position, (kind, text, construct, options) in enumerate(items, start=1)
        )
