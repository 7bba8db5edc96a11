"""The allocation model: the leadership roles the C&CP model expects (seed 001's annex), kept by the
secretariat as data with history, one row per priority function, spatial level and body (the ICS, one
provider collaborative, one Local Care Partnership, one clinical network, one care pathway programme),
each with its expected WTE and the rate card line that prices it. The gap analysis sets the leadership
roles running today against it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from academy.directory.models import PriorityFunction, SpatialLevel
from governance.models.reference import MAX_WTE, MIN_WTE, ClinicalNetwork
from governance.models.roles import RoleType

# The levels the annex sets protected time at; organisations (the 5th space) resource their own.
MODEL_LEVELS = (SpatialLevel.ICS, SpatialLevel.COLLABORATIVE, SpatialLevel.LCP)


class CarePathwayProgramme(models.Model):
    """A care pathway transformation programme (seed 001: "all core programme boards for care pathway
    transformation"). The annex proposes C&CP leadership time for each programme."""

    name = models.CharField(max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CellPlace:
    """Where a cell sits, in words. Shared by the cell and its history rows (``HistoricalRecords(bases=...)``),
    so a past quarter's gap analysis, which reads the history, says where each cell was."""

    @property
    def where(self) -> str:
        """The level, and the body unless it is the ICS's own: "Local Care Partnership: Bexley ..."."""
        level = self.get_spatial_level_display()
        return level if self.spatial_level == SpatialLevel.ICS else f"{level}: {self.body}"

    @property
    def body(self) -> str:
        if self.spatial_level == SpatialLevel.COLLABORATIVE and self.collaborative_id:
            return str(self.collaborative)
        if self.spatial_level == SpatialLevel.LCP and self.borough_id:
            return self.borough.lcp_name
        return "ICS"


class ExpectedRole(CellPlace, models.Model):
    """One cell of the allocation model: the C&CP leadership time expected for one priority function at
    one spatial level in one body. Retired cells stay, with their history, but no longer count."""

    title = models.CharField(max_length=200, help_text='For example, "Workforce resilience lead".')
    function = models.ForeignKey(PriorityFunction, on_delete=models.PROTECT, related_name="+")
    spatial_level = models.CharField(max_length=20, choices=SpatialLevel.choices)
    collaborative = models.ForeignKey(
        "directory.ProviderCollaborative", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    borough = models.ForeignKey(
        "directory.Borough",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a Local Care Partnership: the borough whose LCP it is.",
    )
    clinical_network = models.ForeignKey(
        ClinicalNetwork, on_delete=models.PROTECT, null=True, blank=True, related_name="expected_roles"
    )
    programme = models.ForeignKey(
        CarePathwayProgramme, on_delete=models.PROTECT, null=True, blank=True, related_name="expected_roles"
    )
    expected_wte = models.DecimalField("expected WTE", max_digits=3, decimal_places=2)
    role_type = models.ForeignKey(
        RoleType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expected_roles",
        help_text="The rate card line that prices the time not yet funded.",
    )
    notes = models.CharField(max_length=300, blank=True)
    retired_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords(bases=[CellPlace, models.Model])

    class Meta:
        ordering = ["function__number", "spatial_level", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expected_wte__gte=MIN_WTE) & Q(expected_wte__lte=MAX_WTE),
                name="expected_role_wte_range",
            ),
            models.CheckConstraint(
                condition=Q(spatial_level__in=[level.value for level in MODEL_LEVELS]),
                name="expected_role_model_level",
            ),
            models.CheckConstraint(
                condition=Q(spatial_level=SpatialLevel.COLLABORATIVE, collaborative__isnull=False)
                | (~Q(spatial_level=SpatialLevel.COLLABORATIVE) & Q(collaborative__isnull=True)),
                name="expected_role_collaborative_named",
            ),
            models.CheckConstraint(
                condition=Q(spatial_level=SpatialLevel.LCP, borough__isnull=False)
                | (~Q(spatial_level=SpatialLevel.LCP) & Q(borough__isnull=True)),
                name="expected_role_lcp_borough_named",
            ),
            models.UniqueConstraint(
                fields=["function", "spatial_level", "collaborative", "borough", "clinical_network", "programme"],
                condition=Q(retired_on__isnull=True),
                nulls_distinct=False,
                name="expected_role_one_per_cell",
            ),
        ]

    def __str__(self) -> str:
        """ "Programme lead, Cancer, Bexley Local Care Partnership"; "Clinical network lead, Diabetes"."""
        focus = [str(x) for x in (self.programme, self.clinical_network) if x is not None]
        if self.spatial_level != SpatialLevel.ICS or not focus:
            focus.append(self.body)
        return ", ".join([self.title, *focus])

