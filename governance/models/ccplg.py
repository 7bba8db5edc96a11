"""The C&CPLG: its capabilities and seats."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords


class Capability(models.Model):
    """The ten capabilities the C&CPLG's seats are grouped by."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "capabilities"

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A seat on the C&CPLG. Its holder and term are kept with history; no holder means vacant."""

    capability = models.ForeignKey(Capability, on_delete=models.PROTECT, related_name="seats")
    title = models.CharField(max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_co_chair = models.BooleanField(default=False)
    invited_ad_hoc = models.BooleanField(default=False, help_text="Invited when the agenda needs them.")
    structure = models.ForeignKey(
        "governance.GovernanceStructure", on_delete=models.SET_NULL, null=True, blank=True, related_name="seats",
        help_text="The ICS structure whose lead this seat's holder is (the People Board lead sits on the People "
        "Board), so the gap analysis counts them as C&CP representation on it.",
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="ccplg_seats"
    )
    term_starts = models.DateField(null=True, blank=True)
    term_ends = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["capability__number", "position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(holder__isnull=True) & Q(term_starts__isnull=True) & Q(term_ends__isnull=True))
                | (Q(holder__isnull=False) & Q(term_starts__isnull=False) & Q(term_ends__isnull=False)
                   & Q(term_ends__gt=F("term_starts"))),
                name="seat_holder_has_term",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_vacant(self) -> bool:
        return self.holder_id is None
