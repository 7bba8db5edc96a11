"""The Academy's spend by programme."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from governance.investment.quarters import Quarter


class ProgrammeSpend(models.Model):
    """Money the Academy spent on one programme in one quarter of the NHS financial year (``year`` 2026 and
    ``quarter`` 3 are 2026/27 Q3, October to December 2026), recorded by the secretariat.
    The Challenge Fund's awards are not recorded here: the dashboard takes them from the bids."""

    programme = models.ForeignKey("programmes_core.Programme", on_delete=models.PROTECT, related_name="spend")
    year = models.PositiveSmallIntegerField(help_text="The year the financial year starts in: 2026 for 2026/27.")
    quarter = models.PositiveSmallIntegerField(
        help_text="Quarter of the financial year, 1 (April to June) to 4 (January to March)."
    )
    amount = models.DecimalField("amount (£)", max_digits=12, decimal_places=2)
    description = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "programme__position", "pk"]
        indexes = [models.Index(fields=["year", "quarter"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="programme_spend_amount_positive"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="programme_spend_quarter"),
            models.CheckConstraint(condition=Q(year__gte=2020) & Q(year__lte=2100), name="programme_spend_year"),
        ]

    def __str__(self) -> str:
        return f"{self.description} (£{self.amount:,.2f})"

    @property
    def period(self) -> Quarter:
        """The financial quarter, for display: ``{{ spend.period.label }}``."""
        return Quarter(self.year, self.quarter)
