"""The one transition log: every move of every state machine, keyed by the object's content type and id
and by the machine's name."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from academy.workflow.machine import machine_named


class Transition(models.Model):
    """One state change: which object, which machine, from and to, who (a person, or a label such as
    "The Academy (automatic)" when the system or someone without an account acted), why, and when."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    machine = models.CharField(max_length=60)
    from_state = models.CharField(max_length=40, blank=True, help_text="Empty for the first state.")
    to_state = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField(max_length=100, blank=True, help_text="Who acted when not a user.")
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"], name="workflow_transition_subject")]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} to {self.to_state}"

    @property
    def from_label(self) -> str:
        return machine_named(self.machine).label(self.from_state) if self.from_state else ""

    @property
    def to_label(self) -> str:
        return machine_named(self.machine).label(self.to_state)
