"""Governance: the 10 priority functions for clinical and care professional system leadership."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class PriorityFunction(models.Model):
    """One of the 10 priority functions for clinical and care professional system leadership."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    definition = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name
