"""Stories demo data: one open collection ("Moments of system leadership") with two triads and two dyads,
and about 60 stories told over the last year by demo leaders, placed in clusters that follow what each
story is about. Idempotent: a collection that already has stories is left as it is."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from academy.accounts.models import User
from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile
from evaluation.stories.models import DyadPlacement, Story, StoryCollection, Tone, TriadPlacement
from evaluation.stories.services import DyadSpec, TriadSpec, create_collection
from programmes.core.selectors.catalogue import all_programmes

TITLE = "Moments of system leadership"
PROMPT = ("Think of a moment in the last few months when you worked across organisations to make things better "
          "for people in south east London. What happened?")
TRIADS = [
    TriadSpec("In this story, what made the difference?", ("Relationships", "Shared data", "Freedom to act")),
    TriadSpec("Who benefited most?", ("Patients and residents", "Staff", "The wider system")),
]
DYADS = [
    DyadSpec("Decisions in this story were made", "By one organisation alone", "Together across the system"),
    DyadSpec("Looking back, this felt", "A one-off", "The way we will work from now on"),
]

# (title, story, where it sits on each triad as weights, its dyads, its tone)
STORIES = [
    ("Discharge huddle that stuck",
     "Our ward and the {borough} social care team had argued for months about delayed discharges. I invited both "
     "teams to a fifteen-minute huddle every morning. Within three weeks we knew each other by name and the "
     "delays halved.", ((7, 1, 2), (5, 3, 2)), (80, 85), Tone.VERY_POSITIVE),
    ("One dashboard, three organisations",
     "We pooled our waiting-list data with the community trust and a GP federation in {borough}. For the first "
     "time we could see the same patients on the same screen, and we stopped sending referrals round in circles.",
     ((2, 7, 1), (3, 2, 5)), (75, 70), Tone.POSITIVE),
    ("Permission to try",
     "My director told me to stop asking for sign-off and just test the new pathway with the voluntary sector "
     "partners. Having that freedom meant we started in a week instead of a quarter.", ((2, 1, 7), (4, 2, 4)),
     (55, 60), Tone.POSITIVE),
    ("The meeting nobody owned",
     "A system meeting about frailty in {borough} kept going round in circles because no organisation wanted to "
     "lead. I offered to chair it, but without any budget we could only agree on more meetings.",
     ((4, 2, 4), (1, 2, 7)), (30, 20), Tone.NEGATIVE),
    ("Listening to families first",
     "Before redesigning the learning disability respite offer we spent two afternoons with families at a "
     "community centre in {borough}. What they told us changed the whole plan.", ((8, 1, 1), (8, 1, 1)),
     (70, 75), Tone.VERY_POSITIVE),
    ("Data that nobody trusted",
     "We built a shared view of A&E attendances, but each organisation said the numbers were wrong. It took a "
     "month of conversations between analysts before anyone would act on it.", ((3, 6, 1), (2, 3, 5)), (50, 45),
     Tone.NEUTRAL),
    ("Covering for a colleague across the border",
     "When the neighbouring trust's pharmacy team was short, we lent two of our staff for a fortnight. It was "
     "messy to arrange but the goodwill has lasted.", ((6, 0, 4), (3, 6, 1)), (65, 40), Tone.POSITIVE),
    ("Stuck in governance",
     "Our joint bid with the council was ready but needed approval from four boards. By the time the last one "
     "met, the funding window had closed.", ((2, 2, 6), (2, 2, 6)), (20, 10), Tone.VERY_NEGATIVE),
]


def build_stories(ctx: SeedContext) -> None:
    evaluator = User.objects.filter(email=f"evaluator@{DEMO_DOMAIN}").first()
    collection = StoryCollection.objects.filter(title=TITLE).first()
    if collection is None:
        if evaluator is None:
            return
        collection = create_collection(evaluator, title=TITLE, prompt=PROMPT, triads=TRIADS, dyads=DYADS)
    if collection.stories.exists():
        return
    rng = random.Random(15)
    triads, dyads = list(collection.triads.all()), list(collection.dyads.all())
    programmes = list(all_programmes())
    profiles = list(LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}")
                    .select_related("borough", "profession", "user").order_by("pk")[:60])
    leader = next((p for p in profiles if p.user.email == f"leader@{DEMO_DOMAIN}"), None)
    if leader is not None:
        profiles.remove(leader)
        profiles.insert(0, leader)
    now = timezone.now()
    placements_t, placements_d = [], []
    for number, profile in enumerate(profiles):
        title, text, weights, slides, tone = STORIES[number % len(STORIES)]
        place = profile.borough.name if profile.borough else "Southwark"
        story = Story.objects.create(
            collection=collection, author=profile.user, title=title, text=text.format(borough=place), tone=tone,
            programme=rng.choice(programmes) if programmes and rng.random() < 0.8 else None,
            profession=profile.profession, borough=profile.borough, consent_to_quote=rng.random() < 0.7,
            told_at=now - datetime.timedelta(days=rng.randint(1, 360), minutes=rng.randint(0, 600)),
        )
        for triad, weight in zip(triads, weights, strict=True):
            jittered = [max(0.0, w + rng.uniform(-1.2, 1.2)) for w in weight]
            total = sum(jittered) or 1
            a = round(100 * jittered[0] / total)
            b = min(100 - a, round(100 * jittered[1] / total))
            placements_t.append(TriadPlacement(story=story, triad=triad, a=a / 100, b=b / 100, c=(100 - a - b) / 100))
        for dyad, value in zip(dyads, slides, strict=True):
            value = min(100, max(0, value + rng.randint(-15, 15)))
            placements_d.append(DyadPlacement(story=story, dyad=dyad, value=value))
    TriadPlacement.objects.bulk_create(placements_t)
    DyadPlacement.objects.bulk_create(placements_d)
    ctx.counts["stories"] = len(profiles)


DEMO_BUILDERS.append(("stories", build_stories))
