"""Workforce benchmarks the inclusion measures are read against: for one dimension (ethnic group, sex,
disability or profession group) and one date, the share of the workforce in each group."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Dimension(models.TextChoices):
    ETHNICITY = "ethnicity", "Ethnic group"
    SEX = "sex", "Sex"
    DISABILITY = "disability", "Disability"
    PROFESSION = "profession", "Profession group"


class Benchmark(models.Model):
    """One uploaded benchmark: a dimension's shares on one date. The newest date is the one compared."""

    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    as_of = models.DateField("date of the figures")
    source = models.CharField(max_length=200, help_text="Where the figures come from.")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["dimension", "-as_of"]
        constraints = [
            models.UniqueConstraint(fields=["dimension", "as_of"], name="inclusion_benchmark_one_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} benchmark, {self.as_of:%d %B %Y}"


class BenchmarkRow(models.Model):
    """One group's share of the workforce (0 to 100). ``people`` is kept when the upload gave counts."""

    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="rows")
    category = models.CharField(max_length=100)
    share = models.DecimalField(max_digits=5, decimal_places=2)
    people = models.PositiveIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["benchmark", "position"]
        constraints = [
            models.UniqueConstraint(fields=["benchmark", "category"], name="inclusion_benchmark_row_unique"),
            models.CheckConstraint(condition=Q(share__gte=0) & Q(share__lte=100), name="inclusion_share_0_to_100"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.share_display}"

    @property
    def share_display(self) -> str:
        """'12.5%', '40%' (no trailing zeros)."""
        return f"{self.share.normalize():f}%"
