"""The professional networks the Academy runs from the start (issue 14), loaded by migration 0002. Open
communities: anyone signed in may read and join; leads are named in the admin."""

NETWORKS = [
    ("allied-health-professionals", "Allied health professionals network",
     "For physiotherapists, occupational therapists, speech and language therapists, dietitians, podiatrists, "
     "paramedics, radiographers and the other allied health professions working across south east London: "
     "sharing practice, leading change across organisations, and growing AHP leadership in the system."),
    ("community-pharmacy", "Community pharmacy network",
     "For community pharmacists, pharmacy technicians and their teams: working with primary care networks, "
     "prevention and the clinical services pharmacies offer, and pharmacy's voice in the system."),
    ("dentistry", "Dentistry network",
     "For dentists, dental therapists and hygienists and their teams in NHS and community dental services: "
     "oral health, access to dental care and dentistry's part in the integrated care system."),
    ("optometry", "Optometry network",
     "For optometrists and dispensing opticians: community eye care, urgent eye services, referrals and "
     "working with hospital eye services across the six boroughs."),
    ("nursing-and-midwifery", "Nursing and midwifery network",
     "For nurses, midwives and nursing associates in every setting, from general practice and community "
     "services to hospitals, mental health and care homes."),
    ("social-work", "Social work network",
     "For social workers and social care leaders in adult and children's services across the six local "
     "authorities, working with health partners on shared problems."),
]


def load(apps) -> None:
    Community = apps.get_model("community", "Community")
    for slug, name, description in NETWORKS:
        Community.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "kind": "professional", "closed": False}
        )
