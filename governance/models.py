"""Governance: the reference data around the 10 priority functions (spatial level definitions,
governance structures, clinical networks, the six principles), the paid and protected C&CP leadership
roles with their WTE and cost (and the rate card that prices them), and the C&CPLG's seats, meetings,
agendas and action log.

Everything staff change here keeps history (django-simple-history), so the investment dashboard can
show any past quarter as it was.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from academy import workflow
from academy.directory.models import PriorityFunction, SpatialLevel

MIN_WTE = Decimal("0.1")
MAX_WTE = Decimal("1.0")
DAYS_PER_WTE = 5  # 1.0 WTE is five days a week of protected time


DEFAULT_WTE = {
    SpatialLevel.ICS: Decimal("0.4"),
    SpatialLevel.COLLABORATIVE: Decimal("0.2"),
    SpatialLevel.LCP: Decimal("0.2"),
    SpatialLevel.CCPLG: Decimal("0.2"),
    SpatialLevel.ORGANISATION: Decimal("0.2"),
}


class SpatialLevelDefinition(models.Model):
    """What the secretariat says about one spatial level: its description and the WTE a new role at
    that level starts from (the seed's 0.4 at ICS level and 0.2 in a collaborative or LCP). The levels
    themselves are fixed; the bodies in them (collaboratives, boroughs, organisations) are directory data."""

    level = models.CharField(max_length=20, choices=SpatialLevel.choices, unique=True)
    description = models.TextField()
    default_wte = models.DecimalField("default WTE for a new role", max_digits=3, decimal_places=2)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                condition=Q(default_wte__gte=MIN_WTE) & Q(default_wte__lte=MAX_WTE),
                name="spatial_level_default_wte_range",
            ),
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class StructureKind(models.TextChoices):
    PARTNERSHIP = "partnership", "Partnership"
    BOARD = "board", "Board"
    EXECUTIVE = "executive", "Executive"
    COMMITTEE = "committee", "Committee or group"
    PROGRAMME_BOARD = "programme_board", "Programme board"
    REGIONAL = "regional", "London region link"
    ADVISORY = "advisory", "Advisory board"


class GovernanceStructure(models.Model):
    """A structure C&CP leadership sits in: the ICP, the ICB, the ICS Executive, committees, boards."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=StructureKind.choices)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class ClinicalNetwork(models.Model):
    name = models.CharField(max_length=200, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Principle(models.Model):
    """The six principles for C&CP system leadership."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name


# --- Rate card and leadership roles ---------------------------------------------------------------


class PayBasis(models.TextChoices):
    SESSIONAL = "sessional", "Sessional"
    SALARIED = "salaried", "Salaried"


class RoleType(models.Model):
    """One line of the uniform rate card: what 1.0 WTE of this kind of role costs a year, so that pay
    is fair across organisations. The secretariat keeps it; changing a rate re-prices the roles that have
    not ended (with history, so a past quarter keeps the cost it had)."""

    name = models.CharField(max_length=150, unique=True)
    annual_rate_per_wte = models.DecimalField(
        "annual cost of 1.0 WTE (£)", max_digits=10, decimal_places=2,
        help_text="Including on-costs. A 0.4 WTE role costs 0.4 times this a year.",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(annual_rate_per_wte__gt=0), name="role_type_rate_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class FundingSource(models.TextChoices):
    ICB = "icb", "Integrated care board"
    COLLABORATIVE = "collaborative", "Provider collaborative"
    LCP = "lcp", "Local Care Partnership"
    ORGANISATION = "organisation", "Employing organisation"
    NATIONAL = "national", "National or regional funding (NHS England, HEE)"
    ACADEMIC = "academic", "Academic partner (KHP, ARC)"


class LeadershipRole(models.Model):
    """A paid and protected C&CP system leadership role, for example "Workforce resilience lead, Acute
    provider collaborative". No holder means the role is vacant."""

    title = models.CharField(max_length=200)
    function = models.ForeignKey(PriorityFunction, on_delete=models.PROTECT, related_name="roles")
    spatial_level = models.CharField(max_length=20, choices=SpatialLevel.choices)
    collaborative = models.ForeignKey(
        "directory.ProviderCollaborative", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    borough = models.ForeignKey(
        "directory.Borough", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        help_text="For a Local Care Partnership role: the borough whose LCP it is.",
    )
    organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    clinical_network = models.ForeignKey(
        ClinicalNetwork, on_delete=models.PROTECT, null=True, blank=True, related_name="roles",
        help_text="If the role leads or serves a clinical network.",
    )
    role_type = models.ForeignKey(RoleType, on_delete=models.PROTECT, related_name="roles")
    pay_basis = models.CharField(max_length=10, choices=PayBasis.choices, default=PayBasis.SESSIONAL)
    wte = models.DecimalField("WTE", max_digits=3, decimal_places=2)
    annual_cost = models.DecimalField(
        max_digits=12, decimal_places=2, editable=False,
        help_text="WTE times the rate card's annual rate, worked out when the role or the rate changes.",
    )
    funding_source = models.CharField(max_length=20, choices=FundingSource.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="leadership_roles",
        help_text="Empty when the role is vacant. Deleting the holder's account leaves the role vacant; its "
        "history keeps who held it.",
    )
    sessional_overtime_confirmed = models.BooleanField(
        default=False,
        help_text="Confirmed that the holder's WTE across roles may go over 1.0 as sessional overtime.",
    )
    structures = models.ManyToManyField(GovernanceStructure, blank=True, related_name="roles")

    history = HistoricalRecords(m2m_fields=[structures])

    class Meta:
        ordering = ["function__number", "title"]
        indexes = [
            models.Index(fields=["spatial_level"]),
            models.Index(fields=["start_date", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(wte__gte=MIN_WTE) & Q(wte__lte=MAX_WTE), name="leadership_role_wte_range"
            ),
            models.CheckConstraint(condition=Q(annual_cost__gte=0), name="leadership_role_cost_not_negative"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="leadership_role_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(spatial_level=SpatialLevel.COLLABORATIVE) | Q(collaborative__isnull=False),
                name="leadership_role_collaborative_named",
            ),
            models.CheckConstraint(
                condition=~Q(spatial_level=SpatialLevel.LCP) | Q(borough__isnull=False),
                name="leadership_role_lcp_borough_named",
            ),
            models.CheckConstraint(
                condition=~Q(spatial_level=SpatialLevel.ORGANISATION) | Q(organisation__isnull=False),
                name="leadership_role_organisation_named",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_vacant(self) -> bool:
        return self.holder_id is None

    @property
    def days_per_week(self) -> Decimal:
        return self.wte * DAYS_PER_WTE

    @property
    def body(self) -> str:
        if self.spatial_level == SpatialLevel.COLLABORATIVE and self.collaborative_id:
            return str(self.collaborative)
        if self.spatial_level == SpatialLevel.LCP and self.borough_id:
            return self.borough.lcp_name
        if self.spatial_level == SpatialLevel.ORGANISATION and self.organisation_id:
            return str(self.organisation)
        return self.get_spatial_level_display()


# --- The C&CPLG -----------------------------------------------------------------------------------


class Capability(models.Model):
    """The ten capabilities the C&CPLG's seats are grouped by."""

    number = models.PositiveSmallIntegerField(unique=True)
    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["number"]
        verbose_name_plural = "capabilities"

    def __str__(self) -> str:
        return self.name


class Seat(models.Model):
    """A seat on the C&CPLG. Its holder and term are kept with history; no holder means vacant."""

    capability = models.ForeignKey(Capability, on_delete=models.PROTECT, related_name="seats")
    title = models.CharField(max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    is_co_chair = models.BooleanField(default=False)
    invited_ad_hoc = models.BooleanField(default=False, help_text="Invited when the agenda needs them.")
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="ccplg_seats"
    )
    term_starts = models.DateField(null=True, blank=True)
    term_ends = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["capability__number", "position", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(holder__isnull=True) & Q(term_starts__isnull=True) & Q(term_ends__isnull=True))
                | (Q(holder__isnull=False) & Q(term_starts__isnull=False) & Q(term_ends__isnull=False)
                   & Q(term_ends__gt=F("term_starts"))),
                name="seat_holder_has_term",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_vacant(self) -> bool:
        return self.holder_id is None


# --- C&CPLG meetings, agendas and actions ---------------------------------------------------------


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


# --- Recruitment to vacant leadership roles (NHSEI framework point 5) -----------------------------


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
        from governance.presenters import VacancyDisplay

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
# (governance.recruitment refuses it as a decision of its own: not shortlisting comes first).
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
    protected: every change goes through ``governance.recruitment.move_application`` (the workflow
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
        from governance.presenters import VacancyApplicationDisplay

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


# --- The NHSEI ICS Design Framework self-assessment -------------------------------------------------


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


# --- The Academy's spend by programme ---------------------------------------------------------------


class ProgrammeSpend(models.Model):
    """Money the Academy spent on one programme in one calendar quarter, recorded by the secretariat.
    The Challenge Fund's awards are not recorded here: the dashboard takes them from the bids."""

    programme = models.ForeignKey("programmes_core.Programme", on_delete=models.PROTECT, related_name="spend")
    year = models.PositiveSmallIntegerField()
    quarter = models.PositiveSmallIntegerField(help_text="Calendar quarter, 1 (January to March) to 4.")
    amount = models.DecimalField("amount (£)", max_digits=12, decimal_places=2)
    description = models.CharField(max_length=300)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-quarter", "programme__position", "pk"]
        indexes = [models.Index(fields=["year", "quarter"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="programme_spend_amount_positive"),
            models.CheckConstraint(condition=Q(quarter__gte=1) & Q(quarter__lte=4), name="programme_spend_quarter"),
            models.CheckConstraint(condition=Q(year__gte=2020) & Q(year__lte=2100), name="programme_spend_year"),
        ]

    def __str__(self) -> str:
        return f"{self.description} (£{self.amount:,.2f})"
