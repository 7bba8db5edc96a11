"""The care standards register: standards from clinical networks that come to the C&CPLG for approval,
signed off in consultation with the ICS Executive (seed 001)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from academy import workflow
from governance.models.meetings import AgendaItem
from governance.models.reference import ClinicalNetwork


class StandardState(models.TextChoices):
    DRAFT = "draft", "Draft"
    FOR_APPROVAL = "for_approval", "For approval"
    APPROVED = "approved", "Approved"
    RETIRED = "retired", "Retired"


_S = StandardState
# A network lead or the secretariat drafts a standard and sends it for approval; the secretariat records
# the C&CPLG's approval (or sends it back to draft) and retires it. Approving a new version retires the
# version it supersedes.
CARE_STANDARD_WORKFLOW = workflow.Machine(
    "governance.care_standard",
    StandardState,
    {
        _S.DRAFT: {_S.FOR_APPROVAL, _S.RETIRED},
        _S.FOR_APPROVAL: {_S.APPROVED, _S.DRAFT},
        _S.APPROVED: {_S.RETIRED},
        _S.RETIRED: set(),
    },
    noun="This standard",
    now={
        _S.DRAFT: "is a draft",
        _S.FOR_APPROVAL: "is waiting for the C&CPLG's approval",
        _S.APPROVED: "is approved",
        _S.RETIRED: "has been retired",
    },
    action={
        _S.DRAFT: "go back to being a draft",
        _S.FOR_APPROVAL: "be sent for approval",
        _S.APPROVED: "be approved",
        _S.RETIRED: "be retired",
    },
    already={
        _S.DRAFT: "This standard is already a draft.",
        _S.FOR_APPROVAL: "This standard has already been sent for approval.",
        _S.APPROVED: "This standard is already approved.",
        _S.RETIRED: "This standard has already been retired.",
    },
)


class CareStandard(workflow.WorkflowModel, models.Model):
    """One version of a care standard from a clinical network. A new version is a new row that supersedes
    the one before; approving it retires the old one. Approval links to the C&CPLG meeting's agenda item
    where the decision is recorded, and needs the ICS Executive's consultation recorded first."""

    network = models.ForeignKey(ClinicalNetwork, on_delete=models.PROTECT, related_name="standards")
    title = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    summary = models.TextField(help_text="What the standard asks of services, and how it will be benchmarked.")
    document_url = models.URLField("link to the standard", blank=True, max_length=200)
    supersedes = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
    )
    state = workflow.StateField(
        max_length=20,
        choices=StandardState.choices,
        default=StandardState.DRAFT,
        machine=CARE_STANDARD_WORKFLOW,
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    # The ICS Executive's consultation.
    consulted_on = models.DateField("date of the ICS Executive's consultation", null=True, blank=True)
    consulted_with = models.CharField("who was consulted", max_length=200, blank=True)
    consultation_outcome = models.TextField("outcome of the consultation", blank=True)
    # The C&CPLG's decision: the agenda item (of a meeting that has started) where it is recorded.
    decision = models.ForeignKey(
        AgendaItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_standards",
    )
    approved_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["network__name", "title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "title", "version"],
                name="care_standard_version_once",
                violation_error_message="This network already has this version of the standard.",
            ),
            models.UniqueConstraint(
                fields=["supersedes"],
                condition=~Q(state="retired"),
                name="care_standard_one_live_successor",
                violation_error_message="A new version of this standard is already being prepared.",
            ),
            models.CheckConstraint(
                condition=~Q(state="approved")
                | (Q(decision__isnull=False) & Q(approved_on__isnull=False) & Q(consulted_on__isnull=False)),
                name="care_standard_approval_recorded",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="care_standard_version_positive"),
        ]
        indexes = [models.Index(fields=["state", "network"])]

    def __str__(self) -> str:
        return f"{self.title} (version {self.version})"

    @property
    def display(self):
        """Display decisions for templates (governance.standards.presenters)."""
        from governance.standards.presenters import StandardDisplay  # noqa: PLC0415 - presenters import models

        return StandardDisplay(self)
