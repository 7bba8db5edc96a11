"""C&CPLG meetings, agendas, attendance and actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from academy.directory.models import PriorityFunction


class Meeting(models.Model):
    """A meeting of the C&CPLG."""

    title = models.CharField(max_length=200, default="C&CP Leadership Group")
    starts_at = models.DateTimeField(unique=True)
    minutes = models.PositiveSmallIntegerField("length (minutes)", default=120)
    location = models.CharField(max_length=200, help_text="A room, or 'Microsoft Teams'.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.title}, {self.starts_at:%-d %B %Y}"

    def has_started(self, now=None) -> bool:
        """Decisions, attendance and actions are recorded once the meeting has started, never before."""
        return self.starts_at <= (now or timezone.now())


class Purpose(models.TextChoices):
    DECISION = "decision", "Decision"
    ACTION = "action", "Action"
    DISCUSSION = "discussion", "Discussion to shape a decision"
    UPDATE = "update", "Update only"


class AgendaItem(models.Model):
    """An item on a C&CPLG agenda, under one of the 10 functions, stating what the group is asked to do.
    The group is action, not update, oriented: an update-only item is flagged."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    function = models.ForeignKey(PriorityFunction, on_delete=models.PROTECT, related_name="agenda_items")
    title = models.CharField(max_length=200)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    ask = models.TextField(
        "decision or action sought", blank=True,
        help_text="What the group is asked to decide or do, in a sentence or two.",
    )
    lead = models.CharField(max_length=200, blank=True)
    minutes = models.PositiveSmallIntegerField("time (minutes)", default=15)
    paper_url = models.URLField(
        "link to the paper", blank=True, help_text="Papers are short: two sides at most. Link to where it is kept."
    )
    outcome = models.TextField("decision recorded", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["function__number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(purpose=Purpose.UPDATE) | ~Q(ask=""), name="agenda_item_states_ask",
                violation_error_message="Enter the decision or action the group is asked for. If there is none, "
                "choose 'Update only'.",
            ),
            models.CheckConstraint(
                condition=Q(minutes__gte=1) & Q(minutes__lte=120), name="agenda_item_minutes_range",
                violation_error_message="Give the item from 1 to 120 minutes.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_update_only(self) -> bool:
        return self.purpose == Purpose.UPDATE


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_once")]

    def __str__(self) -> str:
        return f"{self.person} at {self.meeting}"


class Action(models.Model):
    """An action from a C&CPLG meeting. Open actions are carried to every later agenda until done."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ccplg_actions")
    due_date = models.DateField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["completed_at", "due_date"])]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.completed_at is None
