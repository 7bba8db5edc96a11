"""The SEL Challenge Fund: funding rounds (with their questions and review rubric) and bids.

A bid and the project it becomes share one state field (:class:`BidState`), protected by the workflow
mechanism (:data:`BID_WORKFLOW`) and changed only by :func:`programmes.challenge_fund.services.transition`,
which records every change in the one transition log (``bid.transitions``). Money is Decimal; totals are
computed by the database.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from academy import workflow

# The Challenge Fund's programme (programmes.core): its programme admins are the fund's admins.
PROGRAMME_SLUG = "challenge-fund"
MONEY = {"max_digits": 12, "decimal_places": 2}


class BidState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ELIGIBILITY = "eligibility_check", "Eligibility check"
    IN_REVIEW = "in_review", "In review"
    PANEL = "panel", "Panel"
    DETERMINED = "determined", "Determined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    # Once funded, the bid is a project.
    ACTIVE = "active", "Project active"
    OVERDUE = "reporting_overdue", "Reporting overdue"
    CLOSED = "closed", "Project closed"


PROJECT_STATES = (BidState.ACTIVE, BidState.OVERDUE, BidState.CLOSED)
REVIEW_STATES = (BidState.IN_REVIEW, BidState.PANEL)
# The lead and co-applicants may change a bid in these states, until the round closes.
APPLICANT_EDITABLE = (BidState.DRAFT, BidState.SUBMITTED)


_B = BidState
# The bid machine, declared once: which states each state may move to, and the refusal words.
BID_WORKFLOW = workflow.Machine(
    "challenge_fund.bid",
    BidState,
    {
        _B.DRAFT: {_B.SUBMITTED, _B.WITHDRAWN},
        _B.SUBMITTED: {_B.ELIGIBILITY, _B.WITHDRAWN},
        _B.ELIGIBILITY: {_B.IN_REVIEW, _B.DETERMINED, _B.WITHDRAWN},
        _B.IN_REVIEW: {_B.PANEL, _B.WITHDRAWN},
        _B.PANEL: {_B.DETERMINED, _B.WITHDRAWN},
        # Back to a draft only when the panel invited a revised version (see services.start_revision).
        _B.DETERMINED: {_B.ACTIVE, _B.DRAFT},
        _B.ACTIVE: {_B.OVERDUE, _B.CLOSED},
        _B.OVERDUE: {_B.ACTIVE, _B.CLOSED},
        _B.WITHDRAWN: set(),
        _B.CLOSED: set(),
    },
    noun="This bid",
    now={
        _B.DRAFT: "is still a draft",
        _B.SUBMITTED: "has been submitted",
        _B.ELIGIBILITY: "is having its eligibility checked",
        _B.IN_REVIEW: "is with the reviewers",
        _B.PANEL: "is with the panel",
        _B.DETERMINED: "has had its decision",
        _B.WITHDRAWN: "has been withdrawn",
        _B.ACTIVE: "is a funded project under way",
        _B.OVERDUE: "is a funded project with a report overdue",
        _B.CLOSED: "is a project that has closed",
    },
    action={
        _B.DRAFT: "be revised",
        _B.SUBMITTED: "be submitted",
        _B.ELIGIBILITY: "have its eligibility checked",
        _B.IN_REVIEW: "go to the reviewers",
        _B.PANEL: "go to the panel",
        _B.DETERMINED: "have a decision recorded",
        _B.WITHDRAWN: "be withdrawn",
        _B.ACTIVE: "start as a project",
        _B.OVERDUE: "be marked as overdue",
        _B.CLOSED: "be closed",
    },
    already={
        _B.DRAFT: "This bid is already a draft.",
        _B.SUBMITTED: "This bid has already been submitted.",
        _B.ELIGIBILITY: "This bid's eligibility is already being checked.",
        _B.IN_REVIEW: "This bid is already with the reviewers.",
        _B.PANEL: "This bid is already with the panel.",
        _B.DETERMINED: "A decision has already been recorded for this bid.",
        _B.WITHDRAWN: "This bid has already been withdrawn.",
        _B.ACTIVE: "This project has already started.",
        _B.OVERDUE: "This project is already marked as overdue.",
        _B.CLOSED: "This project has already closed.",
    },
)


class Outcome(models.TextChoices):
    FUNDED = "funded", "Funded"
    FUNDED_CONDITIONS = "funded_conditions", "Funded with conditions"
    REVISE = "revise", "Revise and resubmit"
    DECLINED = "declined", "Not funded"


FUNDED_OUTCOMES = (Outcome.FUNDED, Outcome.FUNDED_CONDITIONS)


class Round(models.Model):
    """A funding round: its money, dates (stored in UTC, entered and shown in Europe/London), rules,
    questions and review rubric. Leaders see it once it is published and its opening time has passed."""

    title = models.CharField(max_length=200, unique=True)
    summary = models.CharField(max_length=300, help_text="One sentence shown in the list of rounds.")
    guidance = models.TextField(help_text="What the round funds and how to apply.")
    budget = models.DecimalField(**MONEY)
    min_award = models.DecimalField("minimum award", **MONEY)
    max_award = models.DecimalField("maximum award", **MONEY)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    published = models.BooleanField(default=False)
    # Eligibility rules: the text is shown to applicants; the two rules below are checked at submission.
    # The lead must always have a leader profile (a clinical or care professional working in SEL).
    eligibility = models.TextField(help_text="The eligibility rules in plain English, shown to applicants.")
    min_partner_organisations = models.PositiveSmallIntegerField(
        default=2, help_text="How many organisations, the lead's included, must take part."
    )
    require_priority_function = models.BooleanField(
        default=True, help_text="The bid must address at least one of the 10 priority functions."
    )
    # Review.
    score_max = models.PositiveSmallIntegerField(default=5, help_text="Reviewers score each criterion 0 to this.")
    sealed = models.BooleanField(default=False, help_text="Staff see no bid until the round closes.")
    blind_review = models.BooleanField(
        default=False, help_text="Reviewers do not see the applicants' names or organisations."
    )
    feedback_released = models.BooleanField(
        default=False, help_text="Applicants with a decision see the reviewers' scores and comments, anonymised."
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-closes_at"]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gt=0), name="cf_round_budget_positive"),
            models.CheckConstraint(condition=Q(min_award__gt=0), name="cf_round_min_award_positive"),
            models.CheckConstraint(condition=Q(max_award__gte=F("min_award")), name="cf_round_award_range"),
            models.CheckConstraint(condition=Q(max_award__lte=F("budget")), name="cf_round_max_within_budget"),
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="cf_round_closes_after_opening"),
            models.CheckConstraint(
                condition=Q(score_max__gte=1, score_max__lte=10), name="cf_round_score_max_range"
            ),
            models.CheckConstraint(
                condition=Q(min_partner_organisations__gte=1, min_partner_organisations__lte=10),
                name="cf_round_partner_rule_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, now) -> bool:
        return self.published and self.opens_at <= now < self.closes_at

    def is_visible(self, now) -> bool:
        """Leaders see a round once it is published and has opened (closed rounds stay visible)."""
        return self.published and self.opens_at <= now

    def status(self, now) -> str:
        if not self.published:
            return "Not published"
        if now < self.opens_at:
            return "Opens soon"
        if now < self.closes_at:
            return "Open"
        return "Closed"


class Criterion(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="criteria")
    title = models.CharField(max_length=200)
    guidance = models.TextField(help_text="What a low and a high score look like.")
    weight = models.PositiveSmallIntegerField(default=1, help_text="1 to 10.")
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "title"], name="cf_criterion_unique_title"),
            models.CheckConstraint(condition=Q(weight__gte=1, weight__lte=10), name="cf_criterion_weight_range"),
        ]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """A question of the round's application form, on top of the standard sections."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Bid(workflow.WorkflowModel, models.Model):
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="bids")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="cf_bids")
    lead_organisation = models.ForeignKey(
        "directory.Organisation", on_delete=models.PROTECT, related_name="cf_led_bids"
    )
    state = workflow.StateField(max_length=20, choices=BidState.choices, default=BidState.DRAFT, machine=BID_WORKFLOW)
    # The application.
    title = models.CharField(max_length=200)
    summary = models.TextField(blank=True)
    problem = models.TextField(blank=True)
    # The problem in the register of real system problems the bid tackles (optional).
    system_problem = models.ForeignKey(
        "programmes_core.SystemProblem", on_delete=models.SET_NULL, null=True, blank=True, related_name="cf_bids"
    )
    proposed_change = models.TextField(blank=True)
    functions = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="cf_bids")
    partners = models.ManyToManyField("directory.Organisation", blank=True, related_name="cf_partner_bids")
    ppi = models.TextField("patient and public involvement", blank=True)
    outcomes = models.TextField(blank=True)
    measures = models.TextField(blank=True)
    amount_requested = models.DecimalField(**MONEY, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The determination, recorded by a programme admin after the panel.
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    awarded_amount = models.DecimalField(**MONEY, null=True, blank=True)
    conditions = models.TextField(blank=True)
    feedback = models.TextField(blank=True, help_text="Shown to the applicants.")
    determined_at = models.DateTimeField(null=True, blank=True)
    determined_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Revise and resubmit: the deadline for the revised version, set with the decision.
    resubmit_by = models.DateTimeField("resubmission deadline", null=True, blank=True)
    # The version the applicants are writing or staff are assessing: 1, then one more for each revision.
    version = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(m2m_fields=[functions, partners])
    # Every move, oldest first, from the one transition log.
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["round", "state"], name="cf_bid_round_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_requested__isnull=True) | Q(amount_requested__gt=0),
                name="cf_bid_amount_positive",
            ),
            models.UniqueConstraint(
                fields=["round", "lead"], condition=~Q(state="withdrawn"), name="cf_one_live_bid_per_lead"
            ),
            models.CheckConstraint(
                condition=Q(awarded_amount__isnull=True) | Q(awarded_amount__gt=0), name="cf_bid_award_positive"
            ),
            # Money is awarded exactly when the outcome is a funded one.
            models.CheckConstraint(
                condition=Q(outcome__in=[o.value for o in FUNDED_OUTCOMES], awarded_amount__isnull=False)
                | (~Q(outcome__in=[o.value for o in FUNDED_OUTCOMES]) & Q(awarded_amount__isnull=True)),
                name="cf_bid_award_iff_funded",
            ),
            # An invitation to revise and resubmit always has its deadline.
            models.CheckConstraint(
                condition=~Q(outcome="revise") | Q(resubmit_by__isnull=False), name="cf_bid_revise_has_deadline"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="cf_bid_version_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_project(self) -> bool:
        return self.state in PROJECT_STATES

    @property
    def deadline(self):
        """When the applicants must have submitted the version they are writing: the round's closing time,
        or for a revised version the resubmission deadline set with the decision."""
        if self.version > 1 and self.resubmit_by is not None:
            return self.resubmit_by
        return self.round.closes_at

    @property
    def applicant_state(self) -> str:
        """The state as applicants see it (programmes.challenge_fund.presenters)."""
        return self.display.applicant_state

    @property
    def display(self):
        """Display decisions for templates (programmes.challenge_fund.presenters)."""
        from programmes.challenge_fund.presenters import BidDisplay  # noqa: PLC0415 - presenters import models

        return BidDisplay(self)


class Answer(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField()

    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["bid", "question"], name="cf_answer_unique")]

    def __str__(self) -> str:
        return f"Answer to {self.question}"


class BudgetLine(models.Model):
    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="budget_lines")
    description = models.CharField(max_length=200)
    amount = models.DecimalField(**MONEY)
    position = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="cf_budget_line_positive")]

    def __str__(self) -> str:
        return self.description


class CoApplicantState(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Invitation withdrawn"
    REMOVED = "removed", "Removed"


# The states in which a person holds a place on the bid, or has been offered one: one of each a bid and person.
LIVE_COAPPLICANT_STATES = (CoApplicantState.INVITED, CoApplicantState.ACCEPTED)

_C = CoApplicantState
# A co-applicant is invited by the lead and becomes one only by accepting (issue 10).
COAPPLICANT_WORKFLOW = workflow.Machine(
    "challenge_fund.coapplicant",
    CoApplicantState,
    {
        _C.INVITED: {_C.ACCEPTED, _C.DECLINED, _C.WITHDRAWN},
        _C.ACCEPTED: {_C.REMOVED},
        _C.DECLINED: set(),
        _C.WITHDRAWN: set(),
        _C.REMOVED: set(),
    },
    noun="This invitation",
    now={
        _C.INVITED: "is waiting for an answer",
        _C.ACCEPTED: "has been accepted",
        _C.DECLINED: "has been declined",
        _C.WITHDRAWN: "has been withdrawn by the bid's lead",
        _C.REMOVED: "was accepted, and the co-applicant has since been removed",
    },
    action={
        _C.INVITED: "be sent again",
        _C.ACCEPTED: "be accepted",
        _C.DECLINED: "be declined",
        _C.WITHDRAWN: "be withdrawn",
        _C.REMOVED: "be removed",
    },
    already={
        _C.ACCEPTED: "You have already accepted this invitation.",
        _C.DECLINED: "This invitation has already been declined.",
        _C.WITHDRAWN: "This invitation has already been withdrawn.",
        _C.REMOVED: "This co-applicant has already been removed.",
    },
)


class CoApplicantQuerySet(models.QuerySet):
    def accepted(self):
        """The co-applicants: people who accepted their invitation (and have not been removed since)."""
        return self.filter(state=CoApplicantState.ACCEPTED)

    def pending(self):
        """Invitations still waiting for an answer."""
        return self.filter(state=CoApplicantState.INVITED)

    def live(self):
        """Co-applicants and the invitations waiting for an answer: what the bid's partners page lists."""
        return self.filter(state__in=LIVE_COAPPLICANT_STATES)


class CoApplicant(workflow.WorkflowModel, models.Model):
    """A colleague, usually from another organisation, whom the lead invites to write the bid with them.
    They become a co-applicant (see and change the bid, named on it) only once they accept; until then,
    and after declining, a withdrawal or a removal, the bid is not theirs. The invitation names an email
    address; ``user`` is the account it belongs to (set at once when there is one, or when the person who
    created an account with that verified address accepts)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="coapplicants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="cf_coapplications"
    )
    email = models.EmailField(help_text="The address the invitation was sent to.")
    state = workflow.StateField(
        max_length=20, choices=CoApplicantState.choices, default=CoApplicantState.INVITED,
        machine=COAPPLICANT_WORKFLOW,
    )
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # How many times the invitation has been emailed: each sending has its own notification key.
    times_sent = models.PositiveSmallIntegerField(default=1)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = CoApplicantQuerySet.as_manager()
    history = HistoricalRecords()
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "user"],
                condition=Q(state__in=["invited", "accepted"], user__isnull=False),
                name="cf_coapplicant_unique",
            ),
            models.UniqueConstraint(
                Lower("email"), "bid", condition=Q(state__in=["invited", "accepted"]),
                name="cf_coapplicant_one_live_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(user__isnull=False), name="cf_coapplicant_accepted_has_account"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.email and self.user_id:
            self.email = self.user.email
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        """The person's name once there is an account, else the address invited."""
        if self.user_id:
            return self.user.get_full_name() or self.user.email
        return self.email

    @property
    def display(self):
        """Display decisions for templates (programmes.challenge_fund.presenters)."""
        from programmes.challenge_fund.presenters import CoApplicantDisplay  # noqa: PLC0415 - presenters import models

        return CoApplicantDisplay(self)


class ReviewAssignment(models.Model):
    """A reviewer asked to score a bid. They first declare whether they have a conflict of interest; a
    conflicted reviewer never sees the bid and never scores it."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cf_assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    declared_at = models.DateTimeField(null=True, blank=True)
    conflicted = models.BooleanField(default=False)
    conflict_reason = models.TextField(blank=True)
    comments = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The version of the bid reviewed. A resubmitted bid is reviewed afresh: earlier versions' reviews
    # and scores stay, as the previous versions' scores, and are never mixed with the new ones.
    version = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "reviewer", "version"], name="cf_assignment_unique_per_version"),
            models.CheckConstraint(
                condition=~(Q(conflicted=True) & Q(submitted_at__isnull=False)),
                name="cf_conflicted_reviewer_never_scores",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} on {self.bid}"


class Score(models.Model):
    assignment = models.ForeignKey(ReviewAssignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()
    comment = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assignment", "criterion"], name="cf_score_unique"),
            models.CheckConstraint(condition=Q(score__lte=10), name="cf_score_at_most_10"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class Milestone(models.Model):
    """A funded project's milestone: a progress report is due by ``due_date``; a payment may follow."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    payment_amount = models.DecimalField(**MONEY, default=0)
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(payment_amount__gte=0), name="cf_milestone_payment_not_negative")
        ]

    def __str__(self) -> str:
        return self.title


class ReportKind(models.TextChoices):
    PROGRESS = "progress", "Progress report"
    FINAL = "final", "Final report"


class ProgressReport(models.Model):
    """What the project team reports at a milestone, or at the end (the final report closes the project)."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="reports")
    milestone = models.ForeignKey(Milestone, on_delete=models.PROTECT, null=True, blank=True, related_name="reports")
    kind = models.CharField(max_length=10, choices=ReportKind.choices, default=ReportKind.PROGRESS)
    done = models.TextField("what was done")
    outcomes = models.TextField()
    learning = models.TextField()
    risks = models.TextField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    submitted_at = models.DateTimeField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["bid"], condition=Q(kind="final"), name="cf_one_final_report"),
            models.UniqueConstraint(
                fields=["milestone"], condition=Q(milestone__isnull=False), name="cf_one_report_per_milestone"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.bid}"


class ReportSpend(models.Model):
    """Spend to date on one budget line, as a report states it."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="spend")
    budget_line = models.ForeignKey(BudgetLine, on_delete=models.CASCADE, related_name="spend")
    spent_to_date = models.DecimalField(**MONEY)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="cf_spend_unique"),
            models.CheckConstraint(condition=Q(spent_to_date__gte=0), name="cf_spend_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {self.spent_to_date}"


def attachment_path(instance, filename) -> str:
    """A random name: the original name is kept in the row, never in the storage path."""
    return f"challenge_fund/bids/{instance.bid_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A supporting document (PDF, DOCX or XLSX). Downloaded only through a permission-checked view."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class EmailTemplate(models.Model):
    """A round's editable determination email for one outcome, with {placeholders}."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="email_templates")
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["outcome"]
        constraints = [models.UniqueConstraint(fields=["round", "outcome"], name="cf_email_template_unique")]

    def __str__(self) -> str:
        return self.subject


class OutboxStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SENT = "sent", "Sent"


class OutboxMessage(models.Model):
    """A determination email drafted for the admin to check, edit and send. Nothing is sent until then."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="outbox")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # The version of the bid decided: a resubmitted bid gets a decision, and its emails, again.
    version = models.PositiveSmallIntegerField(default=1)

    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bid", "recipient", "version"], name="cf_one_outbox_message_per_person_per_version"
            )
        ]

    def __str__(self) -> str:
        return self.subject


class BidVersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("A bid's version is a record of what was submitted and never changes.")


class BidVersion(models.Model):
    """What the applicants submitted, frozen once the submitted bid can no longer change (when it goes to
    the eligibility check). Immutable: the model refuses to save an existing row and a database trigger
    refuses any UPDATE. ``content`` is built by :func:`programmes.challenge_fund.versions.snapshot`."""

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    frozen_at = models.DateTimeField(auto_now_add=True)
    content = models.JSONField()

    objects = BidVersionQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "number"]
        constraints = [
            models.UniqueConstraint(fields=["bid", "number"], name="cf_bid_version_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="cf_bid_version_number_positive"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.bid}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("A bid's version is a record of what was submitted and never changes.")
        super().save(*args, **kwargs)
