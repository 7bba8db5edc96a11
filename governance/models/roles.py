"""The rate card and the paid and protected C&CP leadership roles, with their WTE and cost."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from academy.directory.models import PriorityFunction, SpatialLevel
from governance.models.reference import DAYS_PER_WTE, MAX_WTE, MIN_WTE, ClinicalNetwork, GovernanceStructure


class PayBasis(models.TextChoices):
    SESSIONAL = "sessional", "Sessional"
    SALARIED = "salaried", "Salaried"


class RoleType(models.Model):
    """One line of the uniform rate card: what 1.0 WTE of this kind of role costs a year, so that pay
    is fair across organisations. The secretariat keeps it; changing a rate re-prices the roles that have
    not ended (with history, so a past quarter keeps the cost it had)."""

    name = models.CharField(max_length=150, unique=True)
    annual_rate_per_wte = models.DecimalField(
        "annual cost of 1.0 WTE (£)", max_digits=10, decimal_places=2,
        help_text="Including on-costs. A 0.4 WTE role costs 0.4 times this a year.",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(annual_rate_per_wte__gt=0), name="role_type_rate_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class FundingSource(models.TextChoices):
    ICB = "icb", "Integrated care board"
    COLLABORATIVE = "collaborative", "Provider collaborative"
    LCP = "lcp", "Local Care Partnership"
    ORGANISATION = "organisation", "Employing organisation"
    NATIONAL = "national", "National or regional funding (NHS England, HEE)"
    ACADEMIC = "academic", "Academic partner (KHP, ARC)"


class LeadershipRole(models.Model):
    """A paid and protected C&CP system leadership role, for example "Workforce resilience lead, Acute
    provider collaborative". No holder means the role is vacant."""

    title = models.CharField(max_length=200)
    function = models.ForeignKey(PriorityFunction, on_delete=models.PROTECT, related_name="roles")
    spatial_level = models.CharField(max_length=20, choices=SpatialLevel.choices)
    collaborative = models.ForeignKey(
        "directory.ProviderCollaborative", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    borough = models.ForeignKey(
        "directory.Borough", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="For a Local Care Partnership role: the borough whose LCP it is.",
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clinical_network = models.ForeignKey(
        ClinicalNetwork, on_delete=models.PROTECT, null=True, blank=True, related_name="roles",
        help_text="If the role leads or serves a clinical network.",
    )
    programme = models.ForeignKey(
        "governance.CarePathwayProgramme", on_delete=models.PROTECT, null=True, blank=True, related_name="roles",
        help_text="If the role leads or serves a care pathway transformation programme.",
    )
    role_type = models.ForeignKey(RoleType, on_delete=models.PROTECT, related_name="roles")
    pay_basis = models.CharField(max_length=10, choices=PayBasis.choices, default=PayBasis.SESSIONAL)
    wte = models.DecimalField("WTE", max_digits=3, decimal_places=2)
    annual_cost = models.DecimalField(
        max_digits=12, decimal_places=2, editable=False,
        help_text="WTE times the rate card's annual rate, worked out when the role or the rate changes.",
    )
    funding_source = models.CharField(max_length=20, choices=FundingSource.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="leadership_roles",
        help_text="Empty when the role is vacant. Deleting the holder's account leaves the role vacant; its "
        "history keeps who held it.",
    )
    sessional_overtime_confirmed = models.BooleanField(
        default=False,
        help_text="Confirmed that the holder's WTE across roles may go over 1.0 as sessional overtime.",
    )
    structures = models.ManyToManyField(GovernanceStructure, blank=True, related_name="roles")

    history = HistoricalRecords(m2m_fields=[structures])

    class Meta:
        ordering = ["function__number", "title"]
        indexes = [
            models.Index(fields=["spatial_level"]),
            models.Index(fields=["start_date", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(wte__gte=MIN_WTE) & Q(wte__lte=MAX_WTE), name="leadership_role_wte_range"
            ),
            models.CheckConstraint(condition=Q(annual_cost__gte=0), name="leadership_role_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="leadership_role_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(spatial_level=SpatialLevel.COLLABORATIVE) | Q(collaborative__isnull=False),
                name="leadership_role_collaborative_named",
            ),
            models.CheckConstraint(
                condition=~Q(spatial_level=SpatialLevel.LCP) | Q(borough__isnull=False),
                name="leadership_role_lcp_borough_named",
            ),
            models.CheckConstraint(
                condition=~Q(spatial_level=SpatialLevel.ORGANISATION) | Q(organisation__isnull=False),
                name="leadership_role_organisation_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_vacant(self) -> bool:
        return self.holder_id is None

    @property
    def days_per_week(self) -> Decimal:
        return self.wte * DAYS_PER_WTE

    @property
    def body(self) -> str:
        if self.spatial_level == SpatialLevel.COLLABORATIVE and self.collaborative_id:
            return str(self.collaborative)
        if self.spatial_level == SpatialLevel.LCP and self.borough_id:
            return self.borough.lcp_name
        if self.spatial_level == SpatialLevel.ORGANISATION and self.organisation_id:
            return str(self.organisation)
        return self.get_spatial_level_display()
