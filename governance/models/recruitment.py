"""Recruitment to vacant leadership roles (NHSEI framework point 5)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from academy import workflow
from governance.models.roles import LeadershipRole


class VacancyState(models.TextChoices):
    OPEN = "open", "Open"
    APPOINTED = "appointed", "Appointed"


class Vacancy(models.Model):
    """A vacant leadership role published for leaders to apply to, with its person specification.
    Applications are taken until the end of the closing date, London time. Appointing someone makes them
    the role's holder and closes the vacancy."""

    role = models.ForeignKey(LeadershipRole, on_delete=models.PROTECT, related_name="vacancies")
    about = models.TextField("about the role", help_text="What the role does and why it matters.")
    how_to_apply = models.TextField(help_text="What applicants should cover, and what happens after the closing date.")
    closes_on = models.DateField("closing date", help_text="Applications are taken until 11:59pm on this day.")
    state = models.CharField(max_length=20, choices=VacancyState.choices, default=VacancyState.OPEN)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(auto_now_add=True)
    appointment_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["closes_on", "pk"]
        verbose_name_plural = "vacancies"
        constraints = [
            models.UniqueConstraint(
                fields=["role"], condition=Q(state="open"), name="vacancy_one_open_per_role",
                violation_error_message="This role already has an open vacancy.",
            ),
            models.CheckConstraint(
                condition=Q(state="open") | ~Q(appointment_reason=""), name="vacancy_appointment_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.role.title

    @property
    def display(self):
        """Display decisions for templates (governance.presenters)."""
        from governance.presenters import VacancyDisplay  # noqa: PLC0415 - presenters import these models

        return VacancyDisplay(self)


class CriterionKind(models.TextChoices):
    ESSENTIAL = "essential", "Essential"
    DESIRABLE = "desirable", "Desirable"


class VacancyCriterion(models.Model):
    """One line of a vacancy's person specification."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="criteria")
    kind = models.CharField(max_length=10, choices=CriterionKind.choices)
    text = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["vacancy", "-kind", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "kind", "text"], name="vacancy_criterion_once"),
        ]

    def __str__(self) -> str:
        return self.text


class ApplicationState(models.TextChoices):
    APPLIED = "applied", "Applied"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NOT_SHORTLISTED = "not_shortlisted", "Not shortlisted"
    SHORTLISTED = "shortlisted", "Shortlisted"
    INTERVIEWED = "interviewed", "Interviewed"
    APPOINTED = "appointed", "Appointed"
    UNSUCCESSFUL = "unsuccessful", "Not successful"


_V = ApplicationState
# The vacancy application machine, declared once. Applicants only ever withdraw; the secretariat does the
# rest. "Applied" to "not successful" is the move an appointment makes for everyone not yet shortlisted
# (governance.recruitment.services refuses it as a decision of its own: not shortlisting comes first).
VACANCY_APPLICATION_WORKFLOW = workflow.Machine(
    "governance.vacancy_application",
    ApplicationState,
    {
        _V.APPLIED: {_V.SHORTLISTED, _V.NOT_SHORTLISTED, _V.WITHDRAWN, _V.UNSUCCESSFUL},
        _V.NOT_SHORTLISTED: {_V.SHORTLISTED, _V.UNSUCCESSFUL},
        _V.SHORTLISTED: {_V.INTERVIEWED, _V.APPOINTED, _V.UNSUCCESSFUL, _V.WITHDRAWN},
        _V.INTERVIEWED: {_V.APPOINTED, _V.UNSUCCESSFUL, _V.WITHDRAWN},
        _V.WITHDRAWN: set(),
        _V.APPOINTED: set(),
        _V.UNSUCCESSFUL: set(),
    },
    noun="This application",
    now={
        _V.APPLIED: "has not been shortlisted yet",
        _V.WITHDRAWN: "has been withdrawn",
        _V.NOT_SHORTLISTED: "was not shortlisted",
        _V.SHORTLISTED: "is shortlisted",
        _V.INTERVIEWED: "has been interviewed",
        _V.APPOINTED: "led to an appointment",
        _V.UNSUCCESSFUL: "was not successful",
    },
    action={
        _V.APPLIED: "go back to being a new application",
        _V.WITHDRAWN: "be withdrawn",
        _V.NOT_SHORTLISTED: "be marked as not shortlisted",
        _V.SHORTLISTED: "be shortlisted",
        _V.INTERVIEWED: "be marked as interviewed",
        _V.APPOINTED: "lead to an appointment",
        _V.UNSUCCESSFUL: "be marked as not successful",
    },
    already={
        _V.APPLIED: "This application has not been decided on yet.",
        _V.WITHDRAWN: "This application has already been withdrawn.",
        _V.NOT_SHORTLISTED: "This application is already marked as not shortlisted.",
        _V.SHORTLISTED: "This applicant is already shortlisted.",
        _V.INTERVIEWED: "This applicant is already marked as interviewed.",
        _V.APPOINTED: "This applicant has already been appointed.",
        _V.UNSUCCESSFUL: "This application is already marked as not successful.",
    },
)


class VacancyApplication(workflow.WorkflowModel, models.Model):
    """A leader's application to a vacancy: their supporting statement against the person specification,
    with the profession, organisation and borough their profile gave when they applied. Its state is
    protected: every change goes through ``governance.recruitment.services.move_application`` (the workflow
    mechanism), is logged in ``transitions`` and kept in the history with who made it and when."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vacancy_applications"
    )
    statement = models.TextField("supporting statement")
    profession = models.ForeignKey("directory.Profession", on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="+")
    borough = models.ForeignKey("directory.Borough", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+")
    state = workflow.StateField(
        max_length=20, choices=ApplicationState.choices, default=ApplicationState.APPLIED,
        machine=VACANCY_APPLICATION_WORKFLOW,
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    shortlisted_at = models.DateTimeField(null=True, blank=True)
    shortlist_reason = models.TextField(blank=True)
    interview_notes = models.TextField(blank=True)
    outcome_reason = models.TextField(blank=True)

    history = HistoricalRecords()
    # Every move, oldest first, from the one transition log.
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vacancy", "applicant"], name="vacancy_application_once"),
            models.UniqueConstraint(
                fields=["vacancy"], condition=Q(state="appointed"), name="vacancy_one_appointment",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["shortlisted", "interviewed", "appointed"]) | Q(shortlisted_at__isnull=False),
                name="vacancy_application_shortlisted_at",
            ),
        ]
        indexes = [models.Index(fields=["vacancy", "state"])]

    def __str__(self) -> str:
        return f"Application {self.pk} to {self.vacancy_id}"

    @property
    def was_shortlisted(self) -> bool:
        return self.shortlisted_at is not None

    @property
    def display(self):
        """Display decisions for templates (governance.presenters)."""
        from governance.presenters import VacancyApplicationDisplay  # noqa: PLC0415 - presenters import models

        return VacancyApplicationDisplay(self)


MAX_CRITERION_SCORE = 3
CRITERION_SCORES = (
    (0, "0: no evidence"),
    (1, "1: partly met"),
    (2, "2: met"),
    (3, "3: met with strong evidence"),
)


class CriterionScore(models.Model):
    """The secretariat's score of one application against one criterion, with the reason."""

    application = models.ForeignKey(VacancyApplication, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(VacancyCriterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(choices=CRITERION_SCORES)
    reason = models.TextField()
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")
    scored_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="criterion_score_once"),
            models.CheckConstraint(condition=Q(score__lte=MAX_CRITERION_SCORE), name="criterion_score_range"),
            models.CheckConstraint(condition=~Q(reason=""), name="criterion_score_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.score} for criterion {self.criterion_id}"
