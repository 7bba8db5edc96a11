"""Reference data around the 10 priority functions: spatial level definitions (with the WTE limits every
role keeps to), governance structures, clinical networks and the six principles."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from academy.directory.models import SpatialLevel

MIN_WTE = Decimal("0.1")
MAX_WTE = Decimal("1.0")
DAYS_PER_WTE = 5  # 1.0 WTE is five days a week of protected time


DEFAULT_WTE = {
    SpatialLevel.ICS: Decimal("0.4"),
    SpatialLevel.COLLABORATIVE: Decimal("0.2"),
    SpatialLevel.LCP: Decimal("0.2"),
    SpatialLevel.CCPLG: Decimal("0.2"),
    SpatialLevel.ORGANISATION: Decimal("0.2"),
}


class SpatialLevelDefinition(models.Model):
    """What the secretariat says about one spatial level: its description and the WTE a new role at
    that level starts from (the seed's 0.4 at ICS level and 0.2 in a collaborative or LCP). The levels
    themselves are fixed; the bodies in them (collaboratives, boroughs, organisations) are directory data."""

    level = models.CharField(max_length=20, choices=SpatialLevel.choices, unique=True)
    description = models.TextField()
    default_wte = models.DecimalField("default WTE for a new role", max_digits=3, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_wte__gte=MIN_WTE) & Q(default_wte__lte=MAX_WTE),
                name="spatial_level_default_wte_range",
            ),
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class StructureKind(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership"
    BOARD = "board", "Board"
    EXECUTIVE = "executive", "Executive"
    COMMITTEE = "committee", "Committee or group"
    PROGRAMME_BOARD = "programme_board", "Programme board"
    REGIONAL = "regional", "London region link"
    ADVISORY = "advisory", "Advisory board"


class GovernanceStructure(models.Model):
    """A structure C&CP leadership sits in: the ICP, the ICB, the ICS Executive, committees, boards."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=StructureKind.choices)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ClinicalNetwork(models.Model):
    name = models.CharField(max_length=200, unique=True)
    # The network's community of practice (programmes.community), opened by the secretariat from the networks page:
    # its leads are the holders of the network's current leadership roles.
    community = models.OneToOneField(
        "community.Community", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    """The six principles for C&CP system leadership."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name
