"""The Academy's six programmes across its three core areas (seed 000)."""

PROGRAMMES = [
    ("curriculum", "Systems leadership development curriculum", "leadership",
     "A shorter, intense core programme for existing system leaders, a longer developmental programme for "
     "new and emerging leaders, and modular workshops, seminars and inspiration sessions for a wider "
     "cohort. Relational and applied, organised around real system problems.",
     ["entering-ics-roles", "pathways-and-transformation", "pcns-boroughs-organisations"]),
    ("network", "Managed network for next-generation system leaders", "leadership",
     "Identifies, engages and develops early-career leaders and staff on the ground.",
     ["frontline"]),
    ("challenge-fund", "SEL Challenge Fund", "innovation",
     "Support for priority system improvement projects led by clinical and care professionals, linked to "
     "the peer learning programme.",
     ["entering-ics-roles", "pathways-and-transformation", "pcns-boroughs-organisations", "frontline"]),
    ("conference", "Innovation in SEL System Leadership conference", "innovation",
     "Designs the clinical vision, the priority areas and the 5 to 10 year clinical strategy together.",
     ["entering-ics-roles", "pathways-and-transformation", "pcns-boroughs-organisations", "frontline"]),
    ("shadowing", "Walking in each other's shoes", "community",
     "Applied peer learning through active shadowing in impactful work, connecting across place, "
     "organisation, sector and profession on an identified system problem.",
     ["pathways-and-transformation", "pcns-boroughs-organisations"]),
    ("community", "Communities of practice and inspiration", "community",
     "Professional networks (new ones for dentistry, optometry, community pharmacy and AHPs) and "
     "inspiration sessions open to managerial and executive leaders.",
     ["entering-ics-roles", "pathways-and-transformation", "pcns-boroughs-organisations", "frontline"]),
]


def load(apps) -> None:
    Programme = apps.get_model("programmes_core", "Programme")
    LeaderGroup = apps.get_model("directory", "LeaderGroup")
    for position, (slug, name, area, summary, groups) in enumerate(PROGRAMMES):
        programme, _ = Programme.objects.update_or_create(
            slug=slug, defaults={"name": name, "core_area": area, "summary": summary, "position": position}
        )
        programme.target_groups.set(LeaderGroup.objects.filter(slug__in=groups))
