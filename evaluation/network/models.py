"""One stored snapshot of the Academy's network per quarter of the NHS financial year, computed by a Celery
task (tasks.compute_snapshot) and read by the pages; pages never compute. And the quarterly name-generator
survey's answers, one of the sources of the network's ties."""

from django.conf import settings
from django.db import models
from django.utils import timezone


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


class NameGeneratorAnswer(models.Model):
    """A person's answer, for one quarter, to the name-generator question "who did you work with across
    boundaries this quarter?": up to 10 people from the directory (``names``). One answer a person a quarter;
    the person sees and changes it during that quarter only. Each name becomes a tie of the kind
    ``name_generator`` in the network analysis (selectors.name_generator_ties); evaluators see counts only."""

    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(help_text="The calendar year the financial year starts in.")
    quarter = models.PositiveSmallIntegerField(help_text="1 is April to June ... 4 is January to March.")
    answered_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "-quarter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["respondent", "year", "quarter"], name="network_one_name_generator_answer"),
            models.CheckConstraint(condition=models.Q(quarter__gte=1, quarter__lte=4),
                                   name="network_name_generator_quarter"),
        ]

    def __str__(self) -> str:
        return f"Name-generator answer {self.pk} ({self.year} Q{self.quarter})"


class NameGeneratorName(models.Model):
    """One person named in an answer (never the respondent: the service refuses it)."""

    answer = models.ForeignKey(NameGeneratorAnswer, on_delete=models.CASCADE, related_name="names")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["answer", "person"], name="network_name_named_once")]

    def __str__(self) -> str:
        return f"Named in answer {self.answer_id}"
