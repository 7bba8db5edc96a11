"""One stored snapshot of the Academy's network per quarter of the NHS financial year, computed by a Celery
task (tasks.compute_snapshot) and read by the pages; pages never compute."""

from django.db import models


class NetworkSnapshot(models.Model):
    """The figures (JSON, see metrics.figures) and the picture (SVG) of one quarter's network.

    ``requested_at`` is set when an evaluator asks for a recompute; beat's sweep computes any snapshot
    whose request is newer than its computation, so a request survives a broker outage. Brokers are kept
    as user ids, never names: the evaluators' page looks their names up, so a closed account drops out."""

    year = models.PositiveSmallIntegerField(help_text="The calendar year the financial year starts in.")
    quarter = models.PositiveSmallIntegerField(help_text="1 is April to June ... 4 is January to March.")
    up_to = models.DateField(null=True, blank=True, help_text="The last day the ties were read up to.")
    figures = models.JSONField(default=dict, blank=True)
    svg = models.TextField(blank=True)
    computed_at = models.DateTimeField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True, help_text="How long the last computation took.")
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["year", "quarter"], name="network_snapshot_one_per_quarter"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4), name="network_snapshot_quarter"),
        ]

    def __str__(self) -> str:
        return f"Network {self.year} Q{self.quarter}"

    @property
    def is_computed(self) -> bool:
        return self.computed_at is not None

    @property
    def is_waiting(self) -> bool:
        return self.requested_at is not None and (self.computed_at is None or self.requested_at > self.computed_at)
