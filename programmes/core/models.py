"""What every programme shares: the six programmes of the Academy."""

from django.db import models
from simple_history.models import HistoricalRecords


class CoreArea(models.TextChoices):
    LEADERSHIP = "leadership", "Leadership"
    INNOVATION = "innovation", "Innovation"
    COMMUNITY = "community", "Community"


class Programme(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    core_area = models.CharField(max_length=20, choices=CoreArea.choices)
    summary = models.TextField()
    target_groups = models.ManyToManyField("directory.LeaderGroup", blank=True, related_name="programmes")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords(m2m_fields=[target_groups])

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name
