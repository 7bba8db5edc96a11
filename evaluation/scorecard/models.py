"""The values an evaluator enters for the scorecard's indicators that no selector can compute, one per
indicator a quarter, with where the figure came from."""

from django.conf import settings
from django.db import models

from evaluation.scorecard.indicators import ENTERED


class IndicatorValue(models.Model):
    indicator = models.CharField(max_length=40, choices=[(i.key, i.name) for i in ENTERED])
    year = models.PositiveSmallIntegerField(help_text="The calendar year the financial year starts in.")
    quarter = models.PositiveSmallIntegerField(help_text="1 is April to June ... 4 is January to March.")
    value = models.DecimalField(max_digits=12, decimal_places=4)
    source = models.CharField(max_length=300, help_text="Where the figure came from.")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["indicator", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "quarter"], name="scorecard_value_one_per_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="scorecard_value_quarter"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="scorecard_value_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year} Q{self.quarter}"
