"""The 10 priority functions for C&CP system leadership, with their definitions (seed 001, section 3)."""

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


def load(apps) -> None:
    PriorityFunction = apps.get_model("governance", "PriorityFunction")
    for number, name, definition in PRIORITY_FUNCTIONS:
        PriorityFunction.objects.update_or_create(number=number, defaults={"name": name, "definition": definition})
