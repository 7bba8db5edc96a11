"""The NHSEI ICS Design Framework self-assessment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class Rag(models.TextChoices):
    NOT_ASSESSED = "not_assessed", "Not assessed"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


RAG_TAG_CLASS = {
    Rag.NOT_ASSESSED: "nhsuk-tag--grey",
    Rag.RED: "nhsuk-tag--red",
    Rag.AMBER: "nhsuk-tag--orange",
    Rag.GREEN: "nhsuk-tag--green",
}


class FrameworkPoint(models.Model):
    """One of the nine points of the NHSEI ICS Design Framework for C&CP leadership, with south east
    London's own assessment of where it stands: a RAG rating, the current position, evidence in the
    portal, an owner and the date it is next reviewed. Every change keeps history."""

    number = models.PositiveSmallIntegerField(unique=True)
    title = models.CharField(max_length=300, unique=True)
    rag = models.CharField("RAG rating", max_length=20, choices=Rag.choices, default=Rag.NOT_ASSESSED)
    position = models.TextField("current position", blank=True)
    evidence = models.JSONField(
        default=list, blank=True,
        help_text="Links into the portal: a list of {'title': ..., 'path': ...}, each path a portal page.",
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="framework_points"
    )
    review_date = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rag__in=[choice.value for choice in Rag]), name="framework_point_rag_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def rag_tag_class(self) -> str:
        return RAG_TAG_CLASS[self.rag]
