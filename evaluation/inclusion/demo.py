"""Demo data for the inclusion measures, registered with academy.directory.demo: workforce benchmarks for
south east London (illustrative shares, not published statistics: see docs/evaluation-inclusion.md), and
consented equality answers for most demo applicants who have none, so the inclusion page has figures to
show. Only what is missing is made: a second run changes nothing."""

from __future__ import annotations

import io
import random
from datetime import date

from academy.accounts.models import Role, User
from academy.directory.demo import DEMO_BUILDERS, SEED, SeedContext, random_equality
from academy.directory.models import EqualityMonitoring
from academy.directory.services import give_equality_answers
from academy.reports.exports import csv_bytes
from evaluation.inclusion import services
from evaluation.inclusion.models import Benchmark
from programmes.core.selectors.inclusion import applicant_ids

BENCHMARK_DATE = date(2026, 3, 31)
BENCHMARK_SOURCE = "Illustrative shares for the NHS and social care workforce in south east London, March 2026"
# Illustrative, rounded to whole or half percentages, in the spirit of SEL's workforce: a majority of women,
# a large Black and Asian workforce, and nursing the largest profession group.
BENCHMARK_SHARES = {
    "ethnicity": {"White": 48, "Mixed": 4, "Asian or Asian British": 17, "Black or Black British": 24,
                  "Other ethnic group": 7},
    "sex": {"Female": 77, "Male": 23},
    "disability": {"Disabled": 5.5, "Not disabled": 94.5},
    "profession": {"Medicine": 12, "Nursing and midwifery": 36, "Allied health, science and psychology": 16,
                   "Pharmacy, dentistry and optometry": 5, "Social work, social care and public health": 15,
                   "Management, VCSE, lived experience and other": 16},
}
ANSWER_SHARE = 0.85  # of applicants without answers, how many the demo gives some


def build_inclusion(ctx: SeedContext) -> None:
    evaluator = User.objects.filter(role_assignments__role=Role.EVALUATOR).order_by("pk").first()
    missing = [key for key in BENCHMARK_SHARES
               if not Benchmark.objects.filter(dimension=key, as_of=BENCHMARK_DATE).exists()]
    if missing and evaluator is not None:
        rows = [[key, BENCHMARK_DATE.isoformat(), group, str(share), ""]
                for key in missing for group, share in BENCHMARK_SHARES[key].items()]
        services.upload_benchmarks(evaluator, io.BytesIO(csv_bytes(services.HEADERS, rows)), BENCHMARK_SOURCE)
    ctx.counts["inclusion benchmarks created"] = len(missing) if evaluator is not None else 0

    answered = set(EqualityMonitoring.objects.values_list("user_id", flat=True))
    made = 0
    for user in User.objects.filter(pk__in=applicant_ids()).exclude(pk__in=answered).order_by("pk"):
        rng = random.Random(SEED * 100_003 + user.pk)  # the same choice for the same person on every run
        if rng.random() < ANSWER_SHARE:
            give_equality_answers(None, user, random_equality(rng))
            made += 1
    ctx.counts["applicants' equality answers created"] = made


DEMO_BUILDERS.append(("inclusion benchmarks and applicants' equality answers", build_inclusion))
