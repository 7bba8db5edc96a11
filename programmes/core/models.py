"""What every programme shares: the six programmes, and the cohort engine (cohorts with a capacity,
sessions, applications or bookings with one state service, waiting lists, attendance, certificates)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from academy import workflow
from academy.directory.models import SpatialLevel
from programmes.core.states import APPLICATION_WORKFLOW, HOLDING_STATES, ApplicationState


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
    # Programme admins create programmes: how it runs, in words (each cohort has its own exact format).
    delivery_summary = models.CharField(
        "format", max_length=200, blank=True, help_text="For example 'In person, with some sessions online'."
    )
    time_commitment = models.CharField(
        max_length=200, blank=True, help_text="For example 'One day a month for ten months'."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords(m2m_fields=[target_groups])

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


# --- The cohort engine every programme shares -----------------------------------------------------


# Each programme names its own kinds of offer (the curriculum: core, developmental, modular) and
# registers their labels here from its AppConfig.ready(), keyed by programme slug.
OFFER_TYPE_LABELS: dict[str, dict[str, str]] = {}


class DeliveryFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"


class SelectionMethod(models.TextChoices):
    OPEN_BOOKING = "open_booking", "Open booking: first come, first served"
    SELECTION = "selection", "Application with selection"


class Cohort(models.Model):
    """One run of a programme with a capacity. ``places_held`` counts offered, accepted and completed
    places; the database refuses a value above ``capacity`` and services change it under a row lock."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    title = models.CharField(max_length=200)
    offer_type = models.CharField(
        max_length=30, blank=True, help_text="The programme's own kind of offer (see OFFER_TYPE_LABELS)."
    )
    delivery_format = models.CharField("format", max_length=20, choices=DeliveryFormat.choices)
    summary = models.TextField(help_text="What the cohort covers and who it is for, in plain English.")
    time_commitment = models.CharField(
        max_length=200, help_text="For example 'Six full days over four months, plus an action learning set'."
    )
    target_groups = models.ManyToManyField("directory.LeaderGroup", blank=True, related_name="cohorts")
    priority_functions = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="cohorts"
    )
    capacity = models.PositiveIntegerField(help_text="The most places this cohort can hold.")
    places_held = models.PositiveIntegerField(default=0, editable=False)
    starts_on = models.DateField()
    ends_on = models.DateField()
    selection_method = models.CharField(max_length=20, choices=SelectionMethod.choices)
    applications_open = models.DateTimeField(null=True, blank=True)
    applications_close = models.DateTimeField(null=True, blank=True)
    criteria = models.TextField(
        blank=True, help_text="The published selection criteria applications are reviewed against."
    )
    questions = models.JSONField(
        default=list, blank=True, help_text="The questions every applicant answers, in order."
    )
    offer_days = models.PositiveSmallIntegerField(
        default=7, help_text="Days a person has to accept or decline an offer before it lapses."
    )
    completion_percent = models.PositiveSmallIntegerField(
        default=75, help_text="The share of sessions a participant must attend to complete."
    )
    requires_final_reflection = models.BooleanField(
        default=False, help_text="Participants must also write a final reflection in their learning log to complete."
    )
    cpd_hours = models.DecimalField("CPD hours", max_digits=5, decimal_places=1, default=0)
    published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(m2m_fields=[target_groups, priority_functions])

    class Meta:
        ordering = ["starts_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(places_held__lte=models.F("capacity")),
                                   name="cohort_places_within_capacity"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")),
                                   name="cohort_dates_in_order"),
            models.CheckConstraint(
                condition=models.Q(applications_open__isnull=True)
                | models.Q(applications_close__isnull=True)
                | models.Q(applications_close__gt=models.F("applications_open")),
                name="cohort_window_in_order",
            ),
            models.CheckConstraint(condition=models.Q(completion_percent__lte=100),
                                   name="cohort_completion_percent_max_100"),
        ]
        indexes = [models.Index(fields=["programme", "published", "starts_on"], name="cohort_catalogue_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def offer_type_label(self) -> str:
        return OFFER_TYPE_LABELS.get(self.programme.slug, {}).get(self.offer_type, "")

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_held, 0)

    def window_open(self, now=None) -> bool:
        now = now or timezone.now()
        if not self.published:
            return False
        if self.applications_open and now < self.applications_open:
            return False
        if self.applications_close and now >= self.applications_close:
            return False
        return self.ends_on >= timezone.localdate(now)

    @property
    def is_open_booking(self) -> bool:
        return self.selection_method == SelectionMethod.OPEN_BOOKING

    def stage(self, today=None) -> str:
        """Where the cohort is, in words a leader understands."""
        today = today or timezone.localdate()
        if not self.published:
            return "Not published"
        if self.ends_on < today:
            return "Finished"
        if self.starts_on <= today:
            return "Running"
        now = timezone.now()
        if self.window_open(now):
            return "Open" if self.places_left else "Full: join the waiting list"
        if self.applications_open and now < self.applications_open:
            return "Opening soon"
        return "Closed to new applications"


class Session(models.Model):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    delivery_format = models.CharField("format", max_length=20, choices=DeliveryFormat.choices)
    venue = models.CharField(max_length=300, blank=True)
    online_link = models.URLField(blank=True)
    faculty = models.CharField(max_length=300, blank=True, help_text="Who leads the session.")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="session_times_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def check_in_open(self) -> bool:
        """Participants may check themselves in from an hour before until an hour after."""
        now = timezone.now()
        return self.starts_at - CHECK_IN_MARGIN <= now <= self.ends_at + CHECK_IN_MARGIN


CHECK_IN_MARGIN = timedelta(hours=1)


# The application's states and its machine live in programmes/core/states.py (one room for the workflow).


class ReleaseRoute(models.TextChoices):
    """How an applicant's protected time is confirmed: by their line manager, by a sponsor (for leaders
    with no line manager), or by their own declaration."""

    LINE_MANAGER = "line_manager", "Line manager"
    SPONSOR = "sponsor", "Sponsor"
    DECLARATION = "declaration", "Own declaration"


class Application(workflow.WorkflowModel, models.Model):
    """A person's application for, or booking of, a place on a cohort. Its state is protected: it changes
    only through the workflow mechanism, by :func:`programmes.core.services.transition`."""

    cohort = models.ForeignKey(Cohort, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications")
    state = workflow.StateField(
        max_length=30, choices=ApplicationState.choices, default=ApplicationState.DRAFT, machine=APPLICATION_WORKFLOW
    )
    answers = models.JSONField(default=list, blank=True)
    applied_problem = models.TextField(
        "the system problem you will bring", blank=True
    )
    priority_function = models.ForeignKey(
        "directory.PriorityFunction", on_delete=models.PROTECT, null=True, blank=True, related_name="applications"
    )
    # The person asked to confirm protected time through the signed link: the line manager, or the sponsor
    # when release_route is "sponsor". Empty for bookings and for an applicant's own declaration.
    release_route = models.CharField(max_length=20, choices=ReleaseRoute.choices, blank=True)
    line_manager_name = models.CharField(max_length=200, blank=True)
    line_manager_email = models.EmailField(blank=True)
    sponsor_role = models.CharField("the sponsor's role", max_length=200, blank=True)
    line_manager_decided_at = models.DateTimeField(null=True, blank=True)
    protected_time_declared_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    waiting_since = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    alumni = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    # Every move, oldest first, from the one transition log.
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "applicant"], name="application_one_per_cohort"),
            models.CheckConstraint(
                condition=~models.Q(state="offered") | models.Q(offer_expires_at__isnull=False),
                name="application_offer_has_deadline",
            ),
        ]
        indexes = [
            models.Index(fields=["cohort", "state"], name="application_cohort_state_idx"),
            # The roster's order: PostgreSQL reads the first 50 sent applications of a cohort from this
            # index instead of sorting every one of them.
            models.Index(fields=["cohort", "submitted_at", "id"], name="application_cohort_sent_idx"),
            models.Index(fields=["state", "offer_expires_at"], name="application_offer_idx"),
        ]

    def __str__(self) -> str:
        return f"Application {self.pk}"

    @property
    def holds_place(self) -> bool:
        return self.state in HOLDING_STATES

    @property
    def certificate_or_none(self):
        try:
            return self.certificate
        except Certificate.DoesNotExist:
            return None

    @property
    def display(self):
        """Display decisions for templates (programmes.core.presenters)."""
        from programmes.core.presenters import ApplicationDisplay  # noqa: PLC0415 - presenters import models

        return ApplicationDisplay(self)

    @property
    def state_tag_class(self) -> str:
        """The NHS.UK tag colour for the state."""
        return self.display.tag_class


class AccessNeeds(models.Model):
    """Reasonable adjustments and access needs a person shares for one application or booking, with their
    consent. Kept apart from the application, without history: withdrawing deletes them. Shown to that
    cohort's programme admins only (``programmes.see_access_needs``), never to superusers as such, never in
    exports or counts."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="access_needs")
    needs = models.TextField(max_length=2000)
    consented_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "access needs"
        constraints = [
            models.CheckConstraint(condition=~models.Q(needs=""), name="access_needs_not_empty"),
        ]

    def __str__(self) -> str:
        return f"Access needs {self.pk}"


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", "Present"
    APOLOGIES = "apologies", "Sent apologies"
    ABSENT = "absent", "Absent"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(max_length=20, choices=AttendanceStatus.choices)
    self_checked_in = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "application"], name="attendance_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {self.session}"


class Certificate(models.Model):
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="certificate")
    code = models.CharField(max_length=40, unique=True, editable=False)
    cpd_hours = models.DecimalField("CPD hours", max_digits=5, decimal_places=1)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Certificate {self.code}"


class CalendarFeed(models.Model):
    """A person's private calendar feed: anyone with the token can read their sessions, so it is long
    and random, and the person can replace it."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed {self.pk}"


class ApplicationScore(models.Model):
    """One panel member's score of an application against the cohort's published criteria."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="scores")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(help_text="1 (does not meet the criteria) to 5 (meets them strongly).")
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["reviewer__last_name", "reviewer__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="score_once_per_reviewer"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="score_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"Score {self.score}"


class CohortMessage(models.Model):
    """A message the programme team sent to everyone with a place on a cohort (kept as a record)."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="messages")
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    subject = models.CharField(max_length=150)
    body = models.TextField()
    recipients = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


# --- Action learning sets and quads (groups within a cohort for applied work) -----------------------


class LearningGroupKind(models.TextChoices):
    ACTION_LEARNING_SET = "action_learning_set", "Action learning set"
    QUAD = "quad", "Quad"


class LearningGroup(models.Model):
    """A small group of a cohort's participants (an action learning set of about 6 to 8, or a quad of
    4) working on a shared problem or priority function. Saving a new grouping replaces the cohort's
    groups; the history tables keep the old ones."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="learning_groups")
    kind = models.CharField(max_length=30, choices=LearningGroupKind.choices)
    number = models.PositiveSmallIntegerField()
    shared_problem = models.TextField(
        "shared problem", blank=True, help_text="The real system problem the group works on together."
    )
    priority_function = models.ForeignKey(
        "directory.PriorityFunction", on_delete=models.PROTECT, null=True, blank=True, related_name="learning_groups"
    )
    # The register's problem the group's shared problem is (optional; see SystemProblem below).
    system_problem = models.ForeignKey(
        "SystemProblem", on_delete=models.SET_NULL, null=True, blank=True, related_name="learning_groups"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["cohort", "number"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "number"], name="learning_group_number_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class LearningGroupMember(models.Model):
    """One participant's place in a learning group: at most one group per place."""

    group = models.ForeignKey(LearningGroup, on_delete=models.CASCADE, related_name="memberships")
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="learning_group_membership"
    )

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Member of {self.group}"


# --- the learning log: faculty and coaches as people, reflections and their short threads -------------


class FacultyRole(models.TextChoices):
    FACULTY = "faculty", "Faculty"
    COACH = "coach", "Coach"


class CohortFaculty(models.Model):
    """A portal user who teaches or coaches a cohort. They read and reply to the reflections its
    participants share. Removing someone deletes the row; its history keeps who was faculty when."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="faculty_members")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="faculty_of")
    role = models.CharField(max_length=20, choices=FacultyRole.choices, default=FacultyRole.FACULTY)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["user__last_name", "user__first_name", "pk"]
        verbose_name_plural = "cohort faculty"
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="cohort_faculty_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on cohort {self.cohort_id}"


class Reflection(models.Model):
    """A participant's reflection on one session of their cohort, or their final reflection on the
    cohort (no session). Private unless ``shared``: then the cohort's faculty and coaches read it and
    may reply. Making it private again hides it, and its replies, from them."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="reflections")
    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, null=True, blank=True, related_name="reflections",
        help_text="Empty for the final reflection on the cohort.",
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    text = models.TextField()
    shared = models.BooleanField(default=False)
    # The author's choice to keep it past the retention schedule's two years after the cohort ends
    # (programmes/core/retention.py).
    kept_by_author = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["author", "session"], condition=models.Q(session__isnull=False),
                name="reflection_once_per_session",
            ),
            models.UniqueConstraint(
                fields=["author", "cohort"], condition=models.Q(session__isnull=True),
                name="reflection_one_final_per_cohort",
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="reflection_has_text"),
        ]
        indexes = [models.Index(fields=["cohort", "shared"], name="reflection_cohort_shared_idx")]

    def __str__(self) -> str:
        return f"Reflection {self.pk}"

    @property
    def is_final(self) -> bool:
        return self.session_id is None

    @property
    def subject(self) -> str:
        """What it reflects on, in words."""
        return "Final reflection" if self.session_id is None else self.session.title


class ReflectionReply(models.Model):
    """One message in a reflection's short thread: from faculty or a coach, or the author back."""

    reflection = models.ForeignKey(Reflection, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name_plural = "reflection replies"
        constraints = [models.CheckConstraint(condition=~models.Q(text=""), name="reflection_reply_has_text")]

    def __str__(self) -> str:
        return f"Reply {self.pk}"


# --- The register of real system problems (issue 14) ------------------------------------------------


class SystemProblemState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    OPEN = "open", "Open"
    BEING_WORKED_ON = "being_worked_on", "Being worked on"
    REPORTED_BACK = "reported_back", "Reported back"
    ADOPTED = "adopted", "Adopted"
    CLOSED = "closed", "Closed"


_P = SystemProblemState
SYSTEM_PROBLEM_WORKFLOW = workflow.Machine(
    "programmes.system_problem",
    SystemProblemState,
    {
        _P.PROPOSED: {_P.OPEN, _P.CLOSED},
        _P.OPEN: {_P.BEING_WORKED_ON, _P.REPORTED_BACK, _P.CLOSED},
        _P.BEING_WORKED_ON: {_P.OPEN, _P.REPORTED_BACK, _P.CLOSED},
        _P.REPORTED_BACK: {_P.BEING_WORKED_ON, _P.ADOPTED, _P.CLOSED},
        _P.ADOPTED: {_P.CLOSED},
        _P.CLOSED: {_P.OPEN},
    },
    noun="This problem",
    now={
        _P.PROPOSED: "is proposed",
        _P.OPEN: "is open",
        _P.BEING_WORKED_ON: "is being worked on",
        _P.REPORTED_BACK: "has been reported back",
        _P.ADOPTED: "has been adopted",
        _P.CLOSED: "is closed",
    },
    action={
        _P.PROPOSED: "go back to being proposed",
        _P.OPEN: "be opened",
        _P.BEING_WORKED_ON: "be marked as being worked on",
        _P.REPORTED_BACK: "be marked as reported back",
        _P.ADOPTED: "be marked as adopted",
        _P.CLOSED: "be closed",
    },
    already={
        _P.OPEN: "This problem is already open.",
        _P.BEING_WORKED_ON: "This problem is already being worked on.",
        _P.REPORTED_BACK: "This problem has already been reported back.",
        _P.ADOPTED: "This problem has already been adopted.",
        _P.CLOSED: "This problem is already closed.",
    },
)


class SystemProblem(workflow.WorkflowModel, models.Model):
    """A real problem of the system, owned by a board or network, that the programmes work on: learning
    sets' shared problems, Challenge Fund bids and later programmes attach to it (``attachments.py``), and
    its report-backs record what the board decided."""

    title = models.CharField(max_length=200)
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="system_problems"
    )
    board = models.CharField(
        "board or network", max_length=200, help_text="For example 'SEL ICB Board' or 'Bexley Local Care Partnership'."
    )
    priority_functions = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="system_problems"
    )
    boroughs = models.ManyToManyField("directory.Borough", blank=True, related_name="system_problems")
    spatial_level = models.CharField(max_length=20, choices=SpatialLevel.choices, blank=True)
    state = workflow.StateField(
        max_length=20, choices=SystemProblemState.choices, default=SystemProblemState.PROPOSED,
        machine=SYSTEM_PROBLEM_WORKFLOW,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["state"], name="system_problem_state_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def display(self):
        """Display decisions for templates (programmes.core.presenters)."""
        from programmes.core.presenters import SystemProblemDisplay  # noqa: PLC0415 - presenters import models

        return SystemProblemDisplay(self)


class AdoptionDecision(models.TextChoices):
    ADOPTED = "adopted", "Adopted"
    ADAPTED = "adapted", "Adapted"
    NOT_ADOPTED = "not_adopted", "Not adopted"
    PENDING = "pending", "Decision pending"


class ReportBack(models.Model):
    """What was reported to a board about a problem, on a day, and what the board decided."""

    problem = models.ForeignKey(SystemProblem, on_delete=models.CASCADE, related_name="report_backs")
    board = models.CharField("board or network reported to", max_length=200)
    reported_on = models.DateField("date reported")
    summary = models.TextField()
    decision = models.CharField("adoption decision", max_length=20, choices=AdoptionDecision.choices)
    decided_by = models.CharField(
        "decided by", max_length=200, blank=True, help_text="Who made the decision, for example 'the ICB Board'."
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reported_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.problem} to {self.board}"

    @property
    def decision_tag_class(self) -> str:
        from programmes.core.presenters import decision_tag_class  # noqa: PLC0415 - presenters import models

        return decision_tag_class(self.decision)


class ProviderKind(models.TextChoices):
    TRAINING_HUB = "training_hub", "Training hub"
    PROFESSIONAL_BODY = "professional_body", "Professional body"
    UNIVERSITY = "university", "University"
    OWN_PROGRAMME = "own_programme", "An organisation's own programme"
    NETWORK = "network", "Network"


class ExternalOffer(models.Model):
    """Leadership development offered outside the Academy (training hubs, professional bodies,
    universities, organisations' own programmes, networks), listed beside the Academy's programmes so
    leaders find the white space. ``search_document`` is kept by the service."""

    name = models.CharField(max_length=200)
    provider_kind = models.CharField("kind of provider", max_length=30, choices=ProviderKind.choices)
    provider_name = models.CharField("provider", max_length=200)
    description = models.TextField()
    url = models.URLField("web address", max_length=500)
    leader_groups = models.ManyToManyField("directory.LeaderGroup", blank=True, related_name="external_offers")
    professions = models.ManyToManyField("directory.Profession", blank=True, related_name="external_offers")
    priority_functions = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="external_offers"
    )
    boroughs = models.ManyToManyField("directory.Borough", blank=True, related_name="external_offers")
    cost = models.CharField(max_length=100, blank=True, help_text="For example 'Free' or '£1,200 a place'.")
    active = models.BooleanField(default=True, help_text="Only active offers are listed.")
    search_document = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("search_document", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [GinIndex(fields=["search_vector"], name="external_offer_search_gin")]

    def __str__(self) -> str:
        return self.name
