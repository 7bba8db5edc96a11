"""Network demo data: name-generator answers for the last four quarters (about 40 leaders a quarter, the demo
leader among them this quarter), then a snapshot for each of those quarters (this one so far and the three
before), computed from the demo's real participation (cohorts, learning groups, Challenge Fund bids...) and
those answers exactly as the nightly task computes them. Idempotent: answers are made once a person a
quarter, and each quarter's snapshot is computed again in place."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SCALE_BUILDERS, SCALE_DOMAIN, SeedContext
from academy.directory.models import LeaderProfile
from evaluation.network import services
from evaluation.network.models import NameGeneratorAnswer, NameGeneratorName

ANSWERS_A_QUARTER = 40


def build_name_generator_answers(ctx: SeedContext) -> None:
    today = timezone.localdate()
    people = list(LeaderProfile.objects.filter(user__email__endswith=f"@{DEMO_DOMAIN}", listed_in_directory=True,
                                               user__is_active=True)
                  .order_by("pk").values_list("user_id", "organisation_id", "user__email")[:200])
    if len(people) < 12:
        return
    leader = next((row for row in people if row[2] == f"leader@{DEMO_DOMAIN}"), None)
    made = 0
    for offset, quarter in enumerate(services.recent_quarters(today)):
        if NameGeneratorAnswer.objects.filter(year=quarter.year, quarter=quarter.number).exists():
            continue
        rng = random.Random(1500 + offset)
        respondents = rng.sample(people, min(ANSWERS_A_QUARTER, len(people)))
        if leader is not None and quarter.end >= today and leader not in respondents:
            respondents[0] = leader
        last_day = min(quarter.end, today)
        span = max(0, (last_day - quarter.start).days)
        for respondent, organisation, _ in respondents:
            # Mostly people from other organisations: the question asks about working across boundaries.
            others = [row for row in people if row[0] != respondent and row[1] != organisation] or \
                     [row for row in people if row[0] != respondent]
            named = rng.sample(others, rng.randint(2, 6))
            day = quarter.start + datetime.timedelta(days=rng.randint(0, span))
            at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9 + rng.randint(0, 8), 15)))
            answer = NameGeneratorAnswer.objects.create(respondent_id=respondent, year=quarter.year,
                                                        quarter=quarter.number, answered_at=at)
            NameGeneratorName.objects.bulk_create(NameGeneratorName(answer=answer, person_id=row[0]) for row in named)
            made += 1
    ctx.counts["name-generator answers"] = made


def build_network_snapshots(ctx: SeedContext) -> None:
    today = timezone.localdate()
    for quarter in services.recent_quarters(today):
        services.compute_snapshot(quarter, today)


DEMO_BUILDERS.append(("name-generator answers", build_name_generator_answers))
DEMO_BUILDERS.append(("network snapshots", build_network_snapshots))


# --- seed_scale: the network analysis at the size ------------------------------------------------------

SCALE_NAMES_EACH = 10


def build_network_scale(ctx: SeedContext, factor: int) -> None:
    """Every scale leader answers this quarter's name-generator survey naming 10 colleagues (the most the survey
    allows), written with bulk_create: at factor 100, 20,000 people and 200,000 ties of this kind, on top of the
    ties the other programmes' scale data gives (cohorts, bids, registrations, communities). Each person names the
    people at the same ten offsets in the list, all under half its length, so no pair is named twice and the ties
    are distinct. The scale people go with ``seed_scale --reset`` (their answers with them)."""
    people = list(LeaderProfile.objects.filter(user__email__endswith=f"@{SCALE_DOMAIN}", user__is_active=True)
                  .order_by("user_id").values_list("user_id", flat=True))
    if len(people) <= 2 * SCALE_NAMES_EACH + 1:
        return
    quarter = services.recent_quarters(timezone.localdate())[-1]
    if NameGeneratorAnswer.objects.filter(respondent_id=people[0], year=quarter.year, quarter=quarter.number).exists():
        return
    rng = random.Random(2026 + factor)
    offsets = rng.sample(range(1, len(people) // 2), SCALE_NAMES_EACH)
    at = timezone.now()
    answers = NameGeneratorAnswer.objects.bulk_create(
        [NameGeneratorAnswer(respondent_id=person, year=quarter.year, quarter=quarter.number, answered_at=at)
         for person in people],
        batch_size=5000,
    )
    count = len(people)
    NameGeneratorName.objects.bulk_create(
        (NameGeneratorName(answer=answer, person_id=people[(index + offset) % count])
         for index, answer in enumerate(answers) for offset in offsets),
        batch_size=10000,
    )
    ctx.counts["name-generator answers (scale)"] = len(answers)
    ctx.counts["name-generator ties (scale)"] = len(answers) * SCALE_NAMES_EACH


SCALE_BUILDERS.append(("network analysis ties", build_network_scale))

