"""Scorecard demo data: a year of values (this quarter and the three before) for every indicator the
evaluator enters, recorded by evaluator@, each with a realistic source. Idempotent: each value is recorded
again in place."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from evaluation.scorecard import services
from evaluation.scorecard.models import IndicatorValue

# Oldest quarter first: a first year moving towards its targets, some on, some close, some behind.
VALUES = {
    "confidence": ([58, 64, 71, 77], "Leaders' survey after each cohort (Kirkpatrick level 2)"),
    "future_leaders": ([41, 46, 50, 52], "Leaders' survey: readiness for formal and informal roles"),
    "coproduction_confidence": ([55, 62, 66, 68], "Co-design partners' survey, VCSE and experts by experience"),
    "representation": ([71, 74, 78, 83], "Workforce race and disability standards against the Academy's roles"),
    "belonging": ([52, 57, 63, 66], "Leaders' survey: belonging and commitment to the ICS"),
    "problems_reported": ([0, 1, 1, 3], "System problems register: learning-set report-backs to boards"),
}


def build_scorecard_values(ctx: SeedContext) -> None:
    evaluator = get_user_model().objects.get(email=f"evaluator@{DEMO_DOMAIN}")
    quarters = services.recordable_quarters(timezone.localdate(), 4)[::-1]
    for key, (values, source) in VALUES.items():
        for quarter, value in zip(quarters, values, strict=True):
            services.record_value(evaluator, key, quarter, Decimal(value), source)
    ctx.counts["scorecard values"] = IndicatorValue.objects.count()


DEMO_BUILDERS.append(("scorecard values", build_scorecard_values))
