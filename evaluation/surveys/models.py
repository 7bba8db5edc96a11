"""Evaluation instruments (questionnaires) with versions, Kirkpatrick waves per cohort, invitations and
responses. A live version's items never change: editing makes a new draft version (services.new_draft)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from academy import workflow


class VersionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    LIVE = "live", "Live"
    RETIRED = "retired", "Retired"


VERSION_WORKFLOW = workflow.Machine(
    "evaluation_surveys.version",
    VersionState,
    {
        VersionState.DRAFT: {VersionState.LIVE},
        VersionState.LIVE: {VersionState.RETIRED},
        VersionState.RETIRED: set(),
    },
    noun="This version",
    now={
        VersionState.DRAFT: "is a draft",
        VersionState.LIVE: "is live",
        VersionState.RETIRED: "is retired",
    },
    action={
        VersionState.DRAFT: "go back to being a draft",
        VersionState.LIVE: "be published",
        VersionState.RETIRED: "be retired",
    },
    already={
        VersionState.LIVE: "This version is already live.",
        VersionState.RETIRED: "This version is already retired.",
    },
)


class Instrument(models.Model):
    name = models.CharField(max_length=200, unique=True)
    purpose = models.TextField(help_text="What the questionnaire measures and when it is used.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class InstrumentVersion(workflow.WorkflowModel, models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    state = workflow.StateField(
        machine=VERSION_WORKFLOW, max_length=10, choices=VersionState.choices, default=VersionState.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["instrument", "number"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="surveys_version_number_unique"),
            models.UniqueConstraint(
                fields=["instrument"], condition=Q(state="draft"), name="surveys_one_draft_per_instrument"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument.name}, version {self.number}"


class ItemKind(models.TextChoices):
    LIKERT = "likert", "Agreement on a 5-point scale"
    SLIDER = "slider", "Slider from 0 to 100"
    CHOICE = "choice", "Multiple choice (one answer)"
    TEXT = "text", "Free text"


NUMERIC_KINDS = (ItemKind.LIKERT, ItemKind.SLIDER)
LIKERT_LABELS = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")


class Item(models.Model):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=10, choices=ItemKind.choices)
    text = models.CharField(max_length=500)
    options = models.JSONField(default=list, blank=True)
    construct = models.CharField(
        max_length=200, blank=True, help_text="What the item measures, e.g. belonging and commitment to the ICS."
    )

    class Meta:
        ordering = ["version", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class WaveKind(models.TextChoices):
    REACTION = "reaction", "Level 1: reaction on the day"
    BEFORE = "before", "Level 2: capability and confidence before"
    AFTER = "after", "Level 2: capability and confidence after"
    BEHAVIOUR = "behaviour", "Level 3: behaviour at three months"
    RESULTS = "results", "Level 4: results at six months"


class Audience(models.TextChoices):
    PARTICIPANTS = "participants", "Participants"
    LINE_MANAGERS = "line_managers", "Line managers"


class SubjectKind(models.TextChoices):
    """What a wave is for: a cohort of any programme, a conference edition, a shadowing placement or a
    network Big Room event."""

    COHORT = "cohort", "Cohort"
    EDITION = "edition", "Conference edition"
    PLACEMENT = "placement", "Shadowing placement"
    EVENT = "event", "Big Room event"


SUBJECT_FIELDS = tuple(SubjectKind.values)


class Wave(models.Model):
    """One questionnaire sent to the people of one subject: exactly one of ``cohort``, ``edition``,
    ``placement`` and ``event`` is set (the database checks it), and a subject has one wave per level and
    audience."""

    cohort = models.ForeignKey(
        "programmes_core.Cohort", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    edition = models.ForeignKey(
        "conference.Edition", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    # A placement goes with its shadow's account when it is closed, and its questionnaires with it.
    placement = models.ForeignKey(
        "shadowing.Placement", on_delete=models.CASCADE, related_name="+", null=True, blank=True
    )
    event = models.ForeignKey("network.Event", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    kind = models.CharField(max_length=10, choices=WaveKind.choices)
    audience = models.CharField(max_length=15, choices=Audience.choices, default=Audience.PARTICIPANTS)
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="waves")
    opens_on = models.DateField()
    closes_on = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opens_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="surveys_wave_dates"),
            models.CheckConstraint(
                condition=(
                    Q(cohort__isnull=False, edition__isnull=True, placement__isnull=True, event__isnull=True)
                    | Q(cohort__isnull=True, edition__isnull=False, placement__isnull=True, event__isnull=True)
                    | Q(cohort__isnull=True, edition__isnull=True, placement__isnull=False, event__isnull=True)
                    | Q(cohort__isnull=True, edition__isnull=True, placement__isnull=True, event__isnull=False)
                ),
                name="surveys_wave_one_subject",
            ),
            models.UniqueConstraint(fields=["cohort", "kind", "audience"], name="surveys_one_wave_per_kind"),
            models.UniqueConstraint(
                fields=["edition", "kind", "audience"], name="surveys_one_wave_per_kind_edition"
            ),
            models.UniqueConstraint(
                fields=["placement", "kind", "audience"], name="surveys_one_wave_per_kind_placement"
            ),
            models.UniqueConstraint(fields=["event", "kind", "audience"], name="surveys_one_wave_per_kind_event"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.get_audience_display().lower()})"

    @property
    def subject_kind(self) -> str:
        return next(kind for kind in SUBJECT_FIELDS if getattr(self, f"{kind}_id") is not None)

    @property
    def subject_id(self) -> int:
        return getattr(self, f"{self.subject_kind}_id")


class Invitation(models.Model):
    """One person asked to answer one wave: the participant, or (for a line managers' wave) the
    participant's line manager answering about them. Linked to the participant only for pairing
    before and after, and for reminders."""

    wave = models.ForeignKey(Wave, on_delete=models.CASCADE, related_name="invitations")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    line_manager_name = models.CharField(max_length=200, blank=True)
    line_manager_email = models.EmailField(blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True, help_text="The participant withdrew their answers.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["wave", "leader"], name="surveys_one_invitation")]

    def __str__(self) -> str:
        return f"Invitation {self.pk} to {self.wave}"


class Response(models.Model):
    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE, related_name="response")
    submitted_at = models.DateTimeField()
    consent_to_quote = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Response {self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="surveys_one_answer_per_item")]

    def __str__(self) -> str:
        return f"Answer {self.pk}"
