"""Progress returns from transformation programme C&CP leads to the C&CPLG: who owes one, when, and what
they returned (progress, risks, asks of the group)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from academy import workflow
from governance.models.roles import LeadershipRole


class Frequency(models.IntegerChoices):
    MONTHLY = 1, "Every month"
    BIMONTHLY = 2, "Every 2 months"
    QUARTERLY = 3, "Every quarter"
    HALF_YEARLY = 6, "Every 6 months"


class ReturnSchedule(models.Model):
    """Who owes the C&CPLG a progress return for a programme, and when: from the first due date, every
    ``every_months`` months, until ``ends_on`` if set. The return is owed by a leadership role's current
    holder (so it follows the role when its holder changes) or by a named person."""

    programme = models.CharField("transformation programme", max_length=200)
    role = models.ForeignKey(
        LeadershipRole, on_delete=models.PROTECT, null=True, blank=True, related_name="return_schedules"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="return_schedules"
    )
    first_due_on = models.DateField("first return due")
    every_months = models.PositiveSmallIntegerField(choices=Frequency.choices, default=Frequency.QUARTERLY)
    ends_on = models.DateField("no returns due after", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role__isnull=False) & Q(person__isnull=True))
                | (Q(role__isnull=True) & Q(person__isnull=False)),
                name="return_schedule_one_owner",
                violation_error_message="Choose a leadership role or a person, not both.",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("first_due_on")),
                name="return_schedule_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} progress return"

    @property
    def owner(self):
        """Who owes the return now: the role's current holder (None while it is vacant), or the person."""
        return self.role.holder if self.role_id else self.person

    @property
    def owner_id(self):
        return self.role.holder_id if self.role_id else self.person_id


class ReturnState(models.TextChoices):
    DUE = "due", "Due"
    RECEIVED = "received", "Received"


RETURN_WORKFLOW = workflow.Machine(
    "governance.progress_return",
    ReturnState,
    {ReturnState.DUE: {ReturnState.RECEIVED}, ReturnState.RECEIVED: set()},
    noun="This return",
    now={ReturnState.DUE: "is due", ReturnState.RECEIVED: "has been received"},
    action={ReturnState.DUE: "be due again", ReturnState.RECEIVED: "be received"},
    already={ReturnState.RECEIVED: "This return has already been sent to the C&CPLG."},
)


class ProgressReturn(workflow.WorkflowModel, models.Model):
    """One return owed on one due date. Made when it falls due (or is coming up), received once its
    owner sends it: what progress, what risks, what the programme asks of the group."""

    schedule = models.ForeignKey(ReturnSchedule, on_delete=models.CASCADE, related_name="returns")
    due_on = models.DateField()
    state = workflow.StateField(
        max_length=20, choices=ReturnState.choices, default=ReturnState.DUE, machine=RETURN_WORKFLOW
    )
    progress = models.TextField(blank=True)
    risks = models.TextField("risks and issues", blank=True)
    asks = models.TextField("asks of the group", blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "due_on"], name="progress_return_once_per_due_date"),
            models.CheckConstraint(
                condition=~Q(state="received") | (Q(submitted_at__isnull=False) & ~Q(progress="")),
                name="progress_return_received_has_content",
            ),
        ]
        indexes = [models.Index(fields=["state", "due_on"]), models.Index(fields=["submitted_at"])]

    def __str__(self) -> str:
        return f"{self.schedule.programme} return due {self.due_on:%-d %B %Y}"

    @property
    def display(self):
        """Display decisions for templates (governance.returns.presenters)."""
        from governance.returns.presenters import ReturnDisplay  # noqa: PLC0415 - presenters import models

        return ReturnDisplay(self)
