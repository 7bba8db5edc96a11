"""The managed network for next-generation system leaders (issue 13), first slice: intakes and
memberships, and Big Room events with their RSVPs, waiting list and table plan."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from academy import workflow

PROGRAMME_SLUG = "network"


class Intake(models.Model):
    """A round of applications to the intake tier, decided together by the network's admins."""

    class State(models.TextChoices):
        OPEN = "open", "Open for applications"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    opens_on = models.DateField()
    closes_on = models.DateField()
    starts_on = models.DateField(help_text="When the intake's members start together.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="network_intake_dates"),
        ]

    def __str__(self) -> str:
        return self.name


class Tier(models.TextChoices):
    OPEN = "open", "Open network"
    INTAKE = "intake", "Intake"


class MembershipState(models.TextChoices):
    APPLIED = "applied", "Applied"
    ACCEPTED = "accepted", "Member"
    DECLINED = "declined", "Not accepted"
    LEFT = "left", "Left"


_M = MembershipState
MEMBERSHIP_WORKFLOW = workflow.Machine(
    "network.membership",
    MembershipState,
    {
        _M.APPLIED: {_M.ACCEPTED, _M.DECLINED, _M.LEFT},
        _M.ACCEPTED: {_M.LEFT},
        _M.DECLINED: set(),
        _M.LEFT: set(),
    },
    noun="This membership",
    now={
        _M.APPLIED: "is an application waiting for a decision",
        _M.ACCEPTED: "is current",
        _M.DECLINED: "was not accepted",
        _M.LEFT: "has ended",
    },
    action={
        _M.APPLIED: "be an application again",
        _M.ACCEPTED: "be accepted",
        _M.DECLINED: "be declined",
        _M.LEFT: "end",
    },
    already={
        _M.ACCEPTED: "This person is already a member.",
        _M.DECLINED: "This application has already been declined.",
        _M.LEFT: "This membership has already ended.",
    },
)
LIVE_MEMBERSHIP_STATES = (_M.APPLIED, _M.ACCEPTED)


class SupporterRole(models.TextChoices):
    LINE_MANAGER = "line_manager", "Line manager"
    SPONSOR = "sponsor", "Sponsor"


class Membership(workflow.WorkflowModel, models.Model):
    """One person's place in the network: joined directly (open tier) or applied to an intake, with a
    line manager or sponsor who supports their time (intake tier only)."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships")
    tier = models.CharField(max_length=10, choices=Tier.choices)
    intake = models.ForeignKey(Intake, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships")
    state = workflow.StateField(machine=MEMBERSHIP_WORKFLOW, max_length=20, default=_M.APPLIED)
    interests = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")
    hopes = models.TextField("what you hope to get from the network", max_length=2000, blank=True)
    supporter_role = models.CharField(max_length=20, choices=SupporterRole.choices, blank=True)
    supporter_name = models.CharField(max_length=200, blank=True)
    supporter_email = models.EmailField(blank=True)
    supporter_answered_at = models.DateTimeField(null=True, blank=True)
    supporter_supports = models.BooleanField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "tier"],
                condition=Q(state__in=["applied", "accepted"]),
                name="network_one_live_membership_a_tier",
            ),
            models.CheckConstraint(
                condition=Q(tier="open", intake__isnull=True) | Q(tier="intake", intake__isnull=False),
                name="network_intake_for_intake_tier",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_tier_display()})"


class Event(models.Model):
    """A Big Room: a networking event with a capacity, RSVPs, a waiting list and a table plan."""

    title = models.CharField(max_length=200)
    summary = models.TextField(max_length=3000)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    venue = models.CharField(max_length=300)
    capacity = models.PositiveIntegerField(help_text="The most people who can come.")
    table_size = models.PositiveSmallIntegerField(default=8, help_text="Seats at each table.")
    recording_url = models.URLField("recording", blank=True)
    slides_url = models.URLField("slides", blank=True)
    table_plan_made_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="network_event_times"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="network_event_capacity"),
            models.CheckConstraint(condition=Q(table_size__gte=2), name="network_event_table_size"),
        ]

    def __str__(self) -> str:
        return self.title


class RsvpStatus(models.TextChoices):
    GOING = "going", "Coming"
    WAITING = "waiting", "On the waiting list"
    CANCELLED = "cancelled", "Not coming"


class Rsvp(models.Model):
    """One person's answer to a Big Room: a place (going), a place on the waiting list, or cancelled."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_rsvps")
    status = models.CharField(max_length=10, choices=RsvpStatus.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    waiting_since = models.DateTimeField(null=True, blank=True)
    table_number = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="network_one_rsvp"),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.event}"


# --- mentoring ---------------------------------------------------------------------------------------


class MentoringFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    EITHER = "either", "In person or online"


class MentorOffer(models.Model):
    """A leader's offer to mentor: how many mentees at once, on which of the 10 functions, in what format.
    Any signed-in leader may offer (alumni and C&CPLG members among them); ``withdrawn_at`` ends the offer
    for new matches without ending pairs already made."""

    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentor_offers")
    capacity = models.PositiveSmallIntegerField("how many mentees at once", default=1)
    topics = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")
    format = models.CharField(max_length=10, choices=MentoringFormat.choices, default=MentoringFormat.EITHER)
    experience = models.TextField("your experience as a system leader", max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentor"], condition=Q(withdrawn_at__isnull=True), name="network_one_open_mentor_offer"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=6), name="network_mentor_capacity"),
        ]

    def __str__(self) -> str:
        return f"Mentoring offer from {self.mentor}"


class MentoringRequest(models.Model):
    """A network member's request for a mentor: the functions they want help with, a format, their hopes."""

    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_requests"
    )
    topics = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")
    format = models.CharField(max_length=10, choices=MentoringFormat.choices, default=MentoringFormat.EITHER)
    hopes = models.TextField("what you would like from a mentor", max_length=2000, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"], condition=Q(withdrawn_at__isnull=True), name="network_one_open_mentoring_request"
            ),
        ]

    def __str__(self) -> str:
        return f"Mentoring request from {self.mentee}"


class PairState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Under way"
    ENDED = "ended", "Ended"


_P = PairState
PAIR_WORKFLOW = workflow.Machine(
    "network.mentoring_pair",
    PairState,
    {
        _P.PROPOSED: {_P.ACTIVE, _P.ENDED},
        _P.ACTIVE: {_P.ENDED},
        _P.ENDED: set(),
    },
    noun="This mentoring pair",
    now={
        _P.PROPOSED: "is waiting for its agreement",
        _P.ACTIVE: "is under way",
        _P.ENDED: "has ended",
    },
    action={
        _P.PROPOSED: "be proposed again",
        _P.ACTIVE: "start",
        _P.ENDED: "end",
    },
    already={
        _P.ACTIVE: "This mentoring pair has already started.",
        _P.ENDED: "This mentoring pair has already ended.",
    },
)
LIVE_PAIR_STATES = (_P.PROPOSED, _P.ACTIVE)


class MentoringPair(workflow.WorkflowModel, models.Model):
    """A mentor and a mentee matched by the network's admins. It starts proposed, becomes active when
    both of them have agreed the same terms (goals, frequency, confidentiality, end date), and ends at any
    time, no fault and no reason asked. A live pair holds one of the mentor offer's places."""

    offer = models.ForeignKey(MentorOffer, on_delete=models.PROTECT, related_name="pairs")
    request = models.ForeignKey(MentoringRequest, on_delete=models.PROTECT, related_name="pairs")
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_as_mentor")
    mentee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentoring_as_mentee")
    state = workflow.StateField(machine=PAIR_WORKFLOW, max_length=20, default=_P.PROPOSED)
    goals = models.TextField(max_length=3000, blank=True)
    frequency = models.CharField("how often you will meet", max_length=200, blank=True)
    confidentiality = models.TextField("what stays between you", max_length=2000, blank=True)
    ends_on = models.DateField("when the mentoring ends", null=True, blank=True)
    mentor_agreed_at = models.DateTimeField(null=True, blank=True)
    mentee_agreed_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"], condition=Q(state__in=["proposed", "active"]),
                name="network_one_live_pair_a_request",
            ),
            models.CheckConstraint(condition=~Q(mentor=models.F("mentee")), name="network_pair_two_people"),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentoring {self.mentee}"

    @property
    def state_label(self) -> str:
        return PAIR_WORKFLOW.label(self.state)


CHECKIN_MONTHS = (1, 3, 6)


class MentoringCheckIn(models.Model):
    """One side's short check-in on their pair 1, 3 or 6 months after it started: did they meet, and how
    useful it is (1 to 5). Answerable only once due; the admins see counts only."""

    pair = models.ForeignKey(MentoringPair, on_delete=models.CASCADE, related_name="checkins")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    months = models.PositiveSmallIntegerField(choices=[(m, f"{m} month{'s' if m > 1 else ''}") for m in CHECKIN_MONTHS])
    met = models.BooleanField("did you meet")
    useful = models.PositiveSmallIntegerField("how useful it is")
    answered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pair", "months", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["pair", "person", "months"], name="network_one_checkin_a_side"),
            models.CheckConstraint(condition=Q(useful__gte=1, useful__lte=5), name="network_checkin_useful_1_5"),
            models.CheckConstraint(condition=Q(months__in=CHECKIN_MONTHS), name="network_checkin_months"),
        ]

    def __str__(self) -> str:
        return f"{self.months}-month check-in on {self.pair}"
