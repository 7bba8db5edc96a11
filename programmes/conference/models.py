"""The Innovation in SEL System Leadership conference (issue 11): editions, their rooms, themes and session
types, the call for proposals, and proposals with their co-speakers.

A proposal's state and a co-speaker invitation's state are protected by the one workflow mechanism
(:data:`PROPOSAL_WORKFLOW`, :data:`SPEAKER_WORKFLOW`) and change only through the services, which record
every move in the one transition log, as is a registration's (:data:`REGISTRATION_WORKFLOW`). A check-in is a
:class:`CheckIn` row, not a state. The schedule is a later slice; the models leave room for it (rooms with
capacities, session lengths).
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

# The conference's programme (programmes.core): its programme admins run the conference.
PROGRAMME_SLUG = "conference"


class EditionState(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Edition(models.Model):
    """One year's conference: a day (or a few) at one venue."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    starts_on = models.DateField("first day")
    ends_on = models.DateField("last day")
    venue_name = models.CharField("venue", max_length=200)
    description = models.TextField(blank=True)
    state = models.CharField(max_length=20, choices=EditionState.choices, default=EditionState.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="conf_edition_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_published(self) -> bool:
        return self.state == EditionState.PUBLISHED

    def reviews_started(self) -> bool:
        return Review.objects.filter(proposal__edition=self, submitted_at__isnull=False).exists()

    @property
    def blind_review(self) -> bool:
        settings_row = ReviewSettings.objects.filter(edition=self).first()
        return bool(settings_row and settings_row.blind)


class Room(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField(help_text="How many people the room seats.")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="conf_room_unique_name"),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="conf_room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Theme(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200)
    priority_functions = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["edition", "name"], name="conf_theme_unique_name")]

    def __str__(self) -> str:
        return self.name


class SessionKind(models.TextChoices):
    TALK = "talk", "Talk"
    WORKSHOP = "workshop", "Workshop"
    PANEL = "panel", "Panel"
    POSTER = "poster", "Poster"
    LIGHTNING = "lightning", "Lightning talk"


class SessionType(models.Model):
    """A kind of session an edition takes proposals for, with its own length and deadline (an aware moment;
    people enter and read it as London time)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="session_types")
    kind = models.CharField(max_length=20, choices=SessionKind.choices)
    length_minutes = models.PositiveSmallIntegerField("length in minutes")
    deadline = models.DateTimeField("proposal deadline")
    max_co_speakers = models.PositiveSmallIntegerField("most co-speakers", default=0)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "kind"], name="conf_session_type_unique_kind"),
            models.CheckConstraint(condition=Q(length_minutes__gt=0), name="conf_session_type_length_positive"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class SessionQuestion(models.Model):
    """A question the call asks of every proposal of one session type."""

    session_type = models.ForeignKey(SessionType, on_delete=models.CASCADE, related_name="questions")
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text


class Call(models.Model):
    """The call for proposals of an edition: its guidance, and what it asks of speakers."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="call")
    guidance = models.TextField()
    ask_accessibility = models.BooleanField("ask speakers about their access needs", default=True)
    ask_av = models.BooleanField("ask speakers about their audio-visual needs", default=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Call for proposals: {self.edition}"


class ProposalState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    REJECTED = "rejected", "Rejected"
    WAITLISTED = "waitlisted", "Waiting list"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CONFIRMED = "confirmed", "Confirmed"


_P = ProposalState
PROPOSAL_WORKFLOW = workflow.Machine(
    "conference.proposal",
    ProposalState,
    {
        _P.DRAFT: {_P.SUBMITTED, _P.WITHDRAWN},
        _P.SUBMITTED: {_P.ACCEPTED, _P.REJECTED, _P.WAITLISTED, _P.WITHDRAWN},
        _P.WAITLISTED: {_P.ACCEPTED, _P.REJECTED, _P.WITHDRAWN},
        _P.ACCEPTED: {_P.CONFIRMED, _P.WITHDRAWN},
        _P.CONFIRMED: {_P.WITHDRAWN},
        _P.REJECTED: set(),
        _P.WITHDRAWN: set(),
    },
    noun="This proposal",
    now={
        _P.DRAFT: "is a draft",
        _P.SUBMITTED: "has been submitted",
        _P.ACCEPTED: "has been accepted",
        _P.REJECTED: "was not accepted",
        _P.WAITLISTED: "is on the waiting list",
        _P.WITHDRAWN: "has been withdrawn",
        _P.CONFIRMED: "has been confirmed",
    },
    action={
        _P.DRAFT: "go back to being a draft",
        _P.SUBMITTED: "be submitted",
        _P.ACCEPTED: "be accepted",
        _P.REJECTED: "be turned down",
        _P.WAITLISTED: "go on the waiting list",
        _P.WITHDRAWN: "be withdrawn",
        _P.CONFIRMED: "be confirmed",
    },
    already={
        _P.SUBMITTED: "You have already submitted this proposal.",
        _P.WITHDRAWN: "This proposal has already been withdrawn.",
        _P.CONFIRMED: "You have already confirmed this session.",
    },
)
# The speakers may change a proposal in these states, until its session type's deadline.
SPEAKER_EDITABLE = (ProposalState.DRAFT, ProposalState.SUBMITTED)


class Proposal(workflow.WorkflowModel, models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="proposals")
    session_type = models.ForeignKey(SessionType, on_delete=models.PROTECT, related_name="proposals")
    themes = models.ManyToManyField(Theme, blank=True, related_name="proposals")
    title = models.CharField(max_length=200)
    abstract = models.TextField(blank=True)
    speaker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="conf_proposals")
    accessibility_needs = models.TextField(blank=True)
    av_needs = models.TextField("audio-visual needs", blank=True)
    state = workflow.StateField(
        max_length=20, choices=ProposalState.choices, default=ProposalState.DRAFT, machine=PROPOSAL_WORKFLOW
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["edition", "state"])]

    def __str__(self) -> str:
        return self.title

    @property
    def display(self):
        """Display decisions for templates (programmes.conference.presenters)."""
        from programmes.conference.presenters import ProposalDisplay  # noqa: PLC0415 - presenters import models

        return ProposalDisplay(self)


class ProposalAnswer(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SessionQuestion, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "question"], name="conf_answer_unique")]

    def __str__(self) -> str:
        return f"Answer to {self.question}"


class SpeakerState(models.TextChoices):
    INVITED = "invited", "Invited"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Invitation withdrawn"


LIVE_SPEAKER_STATES = (SpeakerState.INVITED, SpeakerState.ACCEPTED)

_S = SpeakerState
SPEAKER_WORKFLOW = workflow.Machine(
    "conference.co_speaker",
    SpeakerState,
    {
        _S.INVITED: {_S.ACCEPTED, _S.DECLINED, _S.WITHDRAWN},
        _S.ACCEPTED: {_S.WITHDRAWN},
        _S.DECLINED: set(),
        _S.WITHDRAWN: set(),
    },
    noun="This invitation",
    now={
        _S.INVITED: "is waiting for an answer",
        _S.ACCEPTED: "has been accepted",
        _S.DECLINED: "has been declined",
        _S.WITHDRAWN: "has been withdrawn",
    },
    action={
        _S.INVITED: "be sent again",
        _S.ACCEPTED: "be accepted",
        _S.DECLINED: "be declined",
        _S.WITHDRAWN: "be withdrawn",
    },
    already={
        _S.ACCEPTED: "You have already accepted this invitation.",
        _S.DECLINED: "This invitation has already been declined.",
        _S.WITHDRAWN: "This invitation has already been withdrawn.",
    },
)


class ProposalSpeaker(workflow.WorkflowModel, models.Model):
    """A co-speaker the proposal's speaker invites by email. They are a co-speaker only once they accept; the
    invitation names an address, and ``user`` is its account (set when there is one, or on accepting)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="co_speakers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="conf_co_speaking"
    )
    email = models.EmailField(help_text="The address the invitation was sent to.")
    state = workflow.StateField(
        max_length=20, choices=SpeakerState.choices, default=SpeakerState.INVITED, machine=SPEAKER_WORKFLOW
    )
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Reminders sent to a co-speaker who has not answered (see followup.remind_co_speakers).
    reminders_sent = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "proposal", condition=Q(state__in=["invited", "accepted"]),
                name="conf_one_live_invitation_per_email",
            ),
            models.CheckConstraint(
                condition=~Q(state="accepted") | Q(user__isnull=False), name="conf_accepted_speaker_has_account"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.email = (self.email or (self.user.email if self.user_id else "")).strip().lower()
        super().save(*args, **kwargs)

    @property
    def name(self) -> str:
        if self.user_id and self.user.get_full_name():
            return self.user.get_full_name()
        return self.email

    @property
    def display(self):
        from programmes.conference.presenters import SpeakerDisplay  # noqa: PLC0415 - presenters import models

        return SpeakerDisplay(self)


class SpeakerProfile(models.Model):
    """What a speaker chooses to share on the conference's pages about them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conf_speaker")
    bio = models.TextField(blank=True, help_text="A few sentences about you and your work.")
    share_bio = models.BooleanField("share my biography with the conference team", default=False)
    # The published programme's speaker page (issue 11, schedule slice): what the speaker chooses to show there.
    role = models.CharField("your role, as shown on the programme", max_length=200, blank=True)
    organisation = models.CharField("your organisation, as shown on the programme", max_length=200, blank=True)
    public_bio = models.BooleanField("show my biography on the published programme", default=False)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Speaker profile of {self.user}"


# --- review (issue 11, second slice) -------------------------------------------------------------------


class ReviewSettings(models.Model):
    """How an edition's proposals are reviewed. Blind review hides the speakers' names from reviewers."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="review_settings")
    blind = models.BooleanField("blind review (reviewers do not see the speakers' names)", default=False)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Review of {self.edition}"


class ReviewPhase(models.Model):
    """A period in which reviewers score proposals (for example a first round, then a moderation round).
    Reviews are written and changed only while one of the edition's phases is open."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="review_phases")
    name = models.CharField(max_length=120)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    class Meta:
        ordering = ["opens_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")), name="conf_phase_closes_after_open"),
        ]

    def __str__(self) -> str:
        return self.name


class ScoreCategory(models.Model):
    """A thing reviewers score from 1 to 5. An independent category is shown beside the total but is not in
    it (for example 'fit for a first-time speaker')."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="score_categories")
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    weight = models.PositiveSmallIntegerField(default=1)
    independent = models.BooleanField("independent (shown, not in the total)", default=False)

    class Meta:
        ordering = ["independent", "name"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="conf_category_unique_name"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="conf_category_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


SCORE_MIN, SCORE_MAX = 1, 5


class Reviewer(models.Model):
    """A person asked to review an edition's proposals: all of them, or those on the themes given."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conf_reviewing")
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="conf_reviewer_unique")]

    def __str__(self) -> str:
        return f"{self.user} reviewing {self.edition}"


class Review(models.Model):
    """One reviewer's review of one proposal. They first declare whether they have a conflict of interest; a
    conflicted reviewer never sees the proposal again and never scores it."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conf_reviews")
    declared_at = models.DateTimeField(auto_now_add=True)
    conflicted = models.BooleanField(default=False)
    conflict_reason = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="conf_review_unique"),
            models.CheckConstraint(
                condition=~(Q(conflicted=True) & Q(submitted_at__isnull=False)), name="conf_conflicted_never_scores"
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.proposal}"


class ReviewScore(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    category = models.ForeignKey(ScoreCategory, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["review", "category"], name="conf_score_unique"),
            models.CheckConstraint(condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX),
                                   name="conf_score_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {self.score}"


# --- decisions, their outbox and speakers' confirmation (issue 11, third slice) -------------------------


class Decision(models.TextChoices):
    """A decision the team records as pending on a proposal; the outbox sends it and moves the proposal."""

    ACCEPT = "accept", "Accept"
    REJECT = "reject", "Reject"
    WAITLIST = "waitlist", "Waiting list"


# The state each decision moves a proposal to once its emails are sent.
DECISION_STATES = {
    Decision.ACCEPT: ProposalState.ACCEPTED,
    Decision.REJECT: ProposalState.REJECTED,
    Decision.WAITLIST: ProposalState.WAITLISTED,
}
# A decision may be recorded only on a proposal in these states.
DECIDABLE_STATES = (ProposalState.SUBMITTED, ProposalState.WAITLISTED)


class PendingDecision(models.Model):
    """A decision the team has recorded but not sent: visible to the team only. Sending it deletes this row
    and moves the proposal, in one transaction, so a decision is sent once."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="pending_decision")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    recorded_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.get_decision_display()}: {self.proposal}"


class DecisionTemplate(models.Model):
    """An edition's editable email for one decision: a subject and a plain-text body with {placeholders}."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="decision_templates")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["decision"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "decision"], name="conf_decision_template_unique"),
        ]

    def __str__(self) -> str:
        return self.subject


class DecisionSent(models.Model):
    """The decision sent on a proposal: when, and the chasing reminders sent since (accepted proposals only
    are chased, until their speaker confirms or withdraws)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision_sent")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    sent_at = models.DateTimeField()
    reminders_sent = models.PositiveSmallIntegerField(default=0)
    last_reminder_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} sent: {self.proposal}"


# --- registration (issue 11, fourth slice) --------------------------------------------------------------


class TicketType(models.Model):
    """A kind of ticket for one edition (C&CP leader, VCSE, student...). ``places_held`` counts confirmed
    registrations and those awaiting approval; the database refuses a value above ``capacity`` and the
    services change it only under this row's lock. On sale between two moments (people read London time)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="ticket_types")
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField()
    needs_approval = models.BooleanField(default=False)
    on_sale_from = models.DateTimeField()
    on_sale_until = models.DateTimeField()
    places_held = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["edition", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "name"], name="conf_ticket_type_name_unique"),
            models.CheckConstraint(condition=Q(places_held__lte=models.F("capacity")),
                                   name="conf_ticket_places_within_capacity"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_held, 0)

    def on_sale(self, now) -> bool:
        return self.on_sale_from <= now < self.on_sale_until


class RegistrationState(models.TextChoices):
    WAITING = "waiting", "On the waiting list"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    CONFIRMED = "confirmed", "Confirmed"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


_R = RegistrationState
LIVE_REGISTRATION_STATES = (_R.WAITING, _R.AWAITING_APPROVAL, _R.CONFIRMED)
# The states that hold one of the ticket type's places.
PLACE_HOLDING_STATES = (_R.AWAITING_APPROVAL, _R.CONFIRMED)
REGISTRATION_WORKFLOW = workflow.Machine(
    "conference.registration",
    RegistrationState,
    {
        _R.WAITING: {_R.CONFIRMED, _R.AWAITING_APPROVAL, _R.CANCELLED},
        _R.AWAITING_APPROVAL: {_R.CONFIRMED, _R.DECLINED, _R.CANCELLED},
        _R.CONFIRMED: {_R.CANCELLED},
        _R.DECLINED: set(),
        _R.CANCELLED: set(),
    },
    noun="This registration",
    now={
        _R.WAITING: "is on the waiting list",
        _R.AWAITING_APPROVAL: "is awaiting approval",
        _R.CONFIRMED: "is confirmed",
        _R.DECLINED: "was declined",
        _R.CANCELLED: "has been cancelled",
    },
    action={
        _R.WAITING: "go on the waiting list",
        _R.AWAITING_APPROVAL: "wait for approval",
        _R.CONFIRMED: "be confirmed",
        _R.DECLINED: "be declined",
        _R.CANCELLED: "be cancelled",
    },
    already={
        _R.CONFIRMED: "This registration is already confirmed.",
        _R.DECLINED: "This registration has already been declined.",
        _R.CANCELLED: "This registration has already been cancelled.",
    },
)


class Registration(workflow.WorkflowModel, models.Model):
    """A person's registration for an edition, with their answers to the registration questions. Access and
    dietary needs are shown to the conference team on the attendee list, never counted in aggregates."""

    edition = models.ForeignKey(Edition, on_delete=models.PROTECT, related_name="registrations")
    ticket_type = models.ForeignKey(TicketType, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conf_registrations")
    state = workflow.StateField(
        max_length=20, choices=RegistrationState.choices, default=RegistrationState.CONFIRMED,
        machine=REGISTRATION_WORKFLOW,
    )
    organisation = models.CharField(max_length=200)
    profession = models.CharField(max_length=200)
    dietary_needs = models.TextField(blank=True)
    access_needs = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["ticket_type", "state", "created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "user"], condition=Q(state__in=["waiting", "awaiting_approval", "confirmed"]),
                name="conf_one_live_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.edition}"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_REGISTRATION_STATES

    @property
    def is_awaiting_approval(self) -> bool:
        return self.state == RegistrationState.AWAITING_APPROVAL

    @property
    def is_confirmed(self) -> bool:
        return self.state == RegistrationState.CONFIRMED

    @property
    def is_waiting(self) -> bool:
        return self.state == RegistrationState.WAITING

    @property
    def state_label(self) -> str:
        return RegistrationState(self.state).label


# --- on the day: check-in (issue 11, check-in slice) ---------------------------------------------------------


class CheckIn(models.Model):
    """A confirmed registration checked in at the door, with who checked it in and when. An undo keeps the row
    (with who undid it and when) and frees the registration to be checked in again: the database allows one
    standing check-in per registration, so two check-ins at once make one."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="check_ins")
    checked_in_at = models.DateTimeField()
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                      related_name="+")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+")

    class Meta:
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration"], condition=Q(undone_at__isnull=True),
                                    name="conf_one_standing_check_in"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} checked in at {self.checked_in_at:%Y-%m-%d %H:%M}"


# --- after the conference: feedback, slides and recordings (issue 11, "Afterwards") ----------------------

FEEDBACK_RATINGS = range(1, 6)


class DayFeedback(models.Model):
    """One attendee's feedback on the whole edition, given once after its last day ended (London time). The team
    sees counts and averages (suppressed under 5 answers) and the free text without names, never a person's
    answers."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="day_feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField("overall, how good was the conference")
    improve = models.TextField("what would make it better", max_length=2000, blank=True)
    comment = models.TextField("anything else", max_length=2000, blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["edition", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "person"], name="conf_one_day_feedback_a_person"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="conf_day_feedback_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.edition}"


class SessionFeedback(models.Model):
    """One attendee's feedback on one session (an accepted proposal), given once after the edition ended."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField("how good was the session")
    comment = models.TextField("comment", max_length=2000, blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="conf_one_session_feedback_a_person"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5),
                                   name="conf_session_feedback_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.proposal}"


def material_path(instance, filename) -> str:
    """A random name: the original name is kept in the row, never in the storage path."""
    return f"conference/sessions/{instance.proposal_id}/{uuid.uuid4().hex}"


class SessionMaterial(models.Model):
    """A session's slides (a PDF or PowerPoint file, downloaded only through a permission-checked view) and a
    link to its recording (https only), added by its speakers. A new file replaces the one before."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="material")
    file = models.FileField(upload_to=material_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    recording_url = models.URLField("recording", max_length=500, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["file"])

    def __str__(self) -> str:
        return f"Slides and recording of {self.proposal}"

    @property
    def has_slides(self) -> bool:
        return bool(self.file)


# The schedule's models live in their own module (this one would pass 800 lines); Django finds them here.
from programmes.conference.schedule_models import (  # noqa: E402, F401, I001 - after the models they point to
    Favourite,
    Placement,
    ProgrammeFeed,
    ScheduleSettings,
    ScheduleVersion,
    SpeakerAvailability,
)
from programmes.conference.workshop_models import (  # noqa: E402, F401, I001 - after the models they point to
    Workshop,
    WorkshopChoice,
)
