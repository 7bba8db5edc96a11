"""Writes for the scorecard: an evaluator records (or corrects) an indicator's value for a quarter."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from evaluation.scorecard.indicators import BY_KEY, MAXIMUM, PERCENT
from evaluation.scorecard.models import IndicatorValue
from governance.investment.quarters import Quarter, quarter_of


def recordable_quarters(today, count: int = 8) -> list[Quarter]:
    """This quarter and the ``count - 1`` before it, newest first: a value is never recorded for a quarter
    that has not begun."""
    quarters, quarter = [], quarter_of(today)
    for _ in range(count):
        quarters.append(quarter)
        quarter = quarter.previous()
    return quarters


def record_value(actor, indicator_key: str, quarter: Quarter, value: Decimal, source: str) -> IndicatorValue:
    if not actor.has_perm("evaluation_scorecard.record_value"):
        raise PermissionDenied
    indicator = BY_KEY.get(indicator_key)
    if indicator is None or not indicator.is_entered:
        raise ValidationError({"indicator": "Select an indicator the evaluator records"})
    now = timezone.now()
    if quarter.start > timezone.localdate(now):
        raise ValidationError({"quarter": "You cannot record a value for a quarter that has not begun"})
    if value < 0:
        raise ValidationError({"value": "Enter a value of 0 or more"})
    if value > MAXIMUM[indicator.unit]:
        unit = "100%" if indicator.unit == PERCENT else f"{MAXIMUM[indicator.unit]:,}"
        raise ValidationError({"value": f"Enter a value of {unit} or less"})
    source = source.strip()
    if not source:
        raise ValidationError({"source": "Say where the figure came from"})
    with transaction.atomic():
        row, _ = IndicatorValue.objects.select_for_update().update_or_create(
            indicator=indicator.key, year=quarter.year, quarter=quarter.number,
            defaults={"value": value, "source": source, "recorded_by": actor, "recorded_at": now},
        )
    return row
