"""The managed network for next-generation system leaders (issue 13), first slice: intakes and
memberships, and Big Room events with their RSVPs, waiting list and table plan."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
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
    alumni_only = models.BooleanField(
        "for alumni only", default=False,
        help_text="Only people who completed an Academy programme can say they are coming.",
    )
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


def waiting_mentoring_requests():
    """Open requests never matched: a request that had a pair (live or ended) is not waiting again; after an
    ended pair the mentee makes a new request to be matched again (ending a pair closes its request)."""
    return MentoringRequest.objects.filter(withdrawn_at__isnull=True, pairs__isnull=True)


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

    # What the pages show depends on these, never on state strings in templates.
    @property
    def is_proposed(self) -> bool:
        return self.state == PairState.PROPOSED

    @property
    def is_active(self) -> bool:
        return self.state == PairState.ACTIVE

    @property
    def is_ended(self) -> bool:
        return self.state == PairState.ENDED

    @property
    def tag_class(self) -> str:
        return {PairState.ACTIVE: "nhsuk-tag--green", PairState.ENDED: "nhsuk-tag--grey"}.get(
            self.state, "nhsuk-tag--blue"
        )


# --- coaching (pull, not push) -----------------------------------------------------------------------
# A pool of accredited coaches kept by the coaching lead; a leader asks for coaching when they are ready;
# the lead offers the request to a coach, who accepts or declines; the coach logs sessions as dates and
# counts only. Nothing of what is said in coaching is stored anywhere: there is no field for it.


class AccreditationBody(models.TextChoices):
    EMCC = "emcc", "European Mentoring and Coaching Council (EMCC)"
    ICF = "icf", "International Coaching Federation (ICF)"
    AC = "ac", "Association for Coaching"
    ILM = "ilm", "Institute of Leadership and Management (ILM)"
    OTHER = "other", "Another professional body"


class CoachStatus(models.TextChoices):
    ACTIVE = "active", "Taking on coachees"
    PAUSED = "paused", "Paused"


class Coach(models.Model):
    """An accredited coach in the network's pool, added by the coaching lead. ``capacity`` is how many
    people (or teams) they coach at once; a paused coach is offered no new requests."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coach_profile")
    accreditation_body = models.CharField(max_length=10, choices=AccreditationBody.choices)
    accreditation_level = models.CharField(max_length=100, help_text="For example Senior Practitioner or PCC.")
    specialisms = models.CharField(max_length=300, blank=True)
    capacity = models.PositiveSmallIntegerField("how many coachees at once", default=2)
    status = models.CharField(max_length=10, choices=CoachStatus.choices, default=CoachStatus.ACTIVE)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=10), name="network_coach_capacity"),
        ]

    def __str__(self) -> str:
        return f"Coach: {self.person}"


class CoachingFor(models.TextChoices):
    SELF = "self", "Myself"
    TEAM = "team", "My team"


class CoachingUrgency(models.TextChoices):
    WHEN_READY = "when_ready", "In the next few months"
    SOON = "soon", "Within a month"
    URGENT = "urgent", "As soon as possible"


class CoachingFormat(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    EITHER = "either", "In person or online"


class CoachingState(models.TextChoices):
    WAITING = "waiting", "Waiting for a coach"
    OFFERED = "offered", "Offered to a coach"
    ACTIVE = "active", "Under way"
    ENDED = "ended", "Ended"
    WITHDRAWN = "withdrawn", "Withdrawn"


_C = CoachingState
COACHING_WORKFLOW = workflow.Machine(
    "network.coaching",
    CoachingState,
    {
        _C.WAITING: {_C.OFFERED, _C.WITHDRAWN},
        _C.OFFERED: {_C.ACTIVE, _C.WAITING, _C.WITHDRAWN},
        _C.ACTIVE: {_C.ENDED},
        _C.ENDED: set(),
        _C.WITHDRAWN: set(),
    },
    noun="This coaching request",
    now={
        _C.WAITING: "is waiting for a coach",
        _C.OFFERED: "is waiting for the coach's answer",
        _C.ACTIVE: "is under way",
        _C.ENDED: "has ended",
        _C.WITHDRAWN: "has been withdrawn",
    },
    action={
        _C.WAITING: "go back to waiting for a coach",
        _C.OFFERED: "be offered to a coach",
        _C.ACTIVE: "start",
        _C.ENDED: "end",
        _C.WITHDRAWN: "be withdrawn",
    },
    already={
        _C.OFFERED: "This request has already been offered to a coach.",
        _C.ACTIVE: "This coaching has already started.",
        _C.ENDED: "This coaching has already ended.",
        _C.WITHDRAWN: "This request has already been withdrawn.",
    },
)
LIVE_COACHING_STATES = (_C.WAITING, _C.OFFERED, _C.ACTIVE)
# A coach's place is held from the moment a request is offered to them until the coaching ends.
COACH_PLACE_STATES = (_C.OFFERED, _C.ACTIVE)


class CoachingRequest(workflow.WorkflowModel, models.Model):
    """A leader's request for coaching, for themselves or their team, made when they are ready (pull, not
    push). The coaching lead offers it to a coach; once the coach accepts it is the coaching relationship,
    seen only by the coach and the coachee, until either of them ends it."""

    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_requests"
    )
    for_whom = models.CharField(max_length=10, choices=CoachingFor.choices, default=CoachingFor.SELF)
    team_size = models.PositiveSmallIntegerField(null=True, blank=True)
    what_for = models.CharField("what the coaching is for", max_length=300)
    urgency = models.CharField(max_length=12, choices=CoachingUrgency.choices, default=CoachingUrgency.WHEN_READY)
    format = models.CharField(max_length=10, choices=CoachingFormat.choices, default=CoachingFormat.EITHER)
    state = workflow.StateField(machine=COACHING_WORKFLOW, max_length=20, default=_C.WAITING)
    coach = models.ForeignKey(Coach, on_delete=models.PROTECT, null=True, blank=True, related_name="requests")
    declined_by = models.ManyToManyField(Coach, blank=True, related_name="+")
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "for_whom"], condition=Q(state__in=["waiting", "offered", "active"]),
                name="network_one_live_coaching_request",
            ),
            models.CheckConstraint(
                condition=Q(for_whom="self", team_size__isnull=True) | Q(for_whom="team", team_size__gte=2),
                name="network_coaching_team_size",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["offered", "active", "ended"]) | Q(coach__isnull=False),
                name="network_coaching_has_coach",
            ),
        ]

    def __str__(self) -> str:
        return f"Coaching request {self.pk}"

    @property
    def state_label(self) -> str:
        return COACHING_WORKFLOW.label(self.state)

    @property
    def tag_class(self) -> str:
        return COACHING_TAGS.get(self.state, "nhsuk-tag--grey")

    # What the pages show depends on these, never on state strings in templates.
    @property
    def is_waiting(self) -> bool:
        return self.state == CoachingState.WAITING

    @property
    def is_offered(self) -> bool:
        return self.state == CoachingState.OFFERED

    @property
    def is_open(self) -> bool:
        """Waiting for a coach or for the coach's answer: the leader may still withdraw."""
        return self.state in (CoachingState.WAITING, CoachingState.OFFERED)

    @property
    def is_active(self) -> bool:
        return self.state == CoachingState.ACTIVE

    @property
    def has_started(self) -> bool:
        """Under way or ended: the coach is named and sessions are counted."""
        return self.state in (CoachingState.ACTIVE, CoachingState.ENDED)


COACHING_TAGS = {
    _C.WAITING: "nhsuk-tag--yellow",
    _C.OFFERED: "nhsuk-tag--blue",
    _C.ACTIVE: "nhsuk-tag--green",
    _C.ENDED: "nhsuk-tag--grey",
    _C.WITHDRAWN: "nhsuk-tag--grey",
}


class CoachingSession(models.Model):
    """What the coach logs of a coaching session: the date and how many sessions that day. Nothing else:
    there is deliberately no field for what was discussed."""

    request = models.ForeignKey(CoachingRequest, on_delete=models.CASCADE, related_name="sessions")
    held_on = models.DateField()
    count = models.PositiveSmallIntegerField(default=1)
    logged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1, count__lte=5), name="network_coaching_session_count"),
        ]

    def __str__(self) -> str:
        return f"Coaching session on {self.held_on}"


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


# --- alumni --------------------------------------------------------------------------------------------
# Everyone who completed a cohort of an Academy programme is an alumnus (read through
# programmes.core.selectors; nothing here stores who is an alumnus).


class AlumniListing(models.Model):
    """An alumnus's entry in the alumni directory: there only because they opted in, gone when they opt
    out. Name, profession and organisation come from their directory profile and the programmes from
    their completed places; this holds what they add."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_listing")
    functions = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")
    line = models.CharField("a short line about you", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self) -> str:
        return f"Alumni directory: {self.person}"


class VolunteerRole(models.TextChoices):
    MENTOR = "mentor", "Mentor"
    FACULTY = "faculty", "Faculty"
    PANEL = "panel", "Panel member"


class VolunteerState(models.TextChoices):
    OFFERED = "offered", "Offered"
    CONTACTED = "contacted", "Contacted"
    PLACED = "placed", "Placed"
    WITHDRAWN = "withdrawn", "Withdrawn"


_V = VolunteerState
VOLUNTEER_WORKFLOW = workflow.Machine(
    "network.alumni_volunteer",
    VolunteerState,
    {
        _V.OFFERED: {_V.CONTACTED, _V.PLACED, _V.WITHDRAWN},
        _V.CONTACTED: {_V.PLACED, _V.WITHDRAWN},
        _V.PLACED: {_V.WITHDRAWN},
        _V.WITHDRAWN: set(),
    },
    noun="This offer to volunteer",
    now={
        _V.OFFERED: "is waiting for the network's admins",
        _V.CONTACTED: "has been followed up",
        _V.PLACED: "has a place",
        _V.WITHDRAWN: "has been withdrawn",
    },
    action={
        _V.OFFERED: "be offered again",
        _V.CONTACTED: "be marked as contacted",
        _V.PLACED: "be marked as placed",
        _V.WITHDRAWN: "be withdrawn",
    },
    already={
        _V.CONTACTED: "This volunteer has already been contacted.",
        _V.PLACED: "This volunteer has already been placed.",
        _V.WITHDRAWN: "This offer has already been withdrawn.",
    },
)
LIVE_VOLUNTEER_STATES = (_V.OFFERED, _V.CONTACTED, _V.PLACED)


class VolunteerOffer(workflow.WorkflowModel, models.Model):
    """An alumnus offers to volunteer as a mentor, faculty or a panel member: the functions they could help
    with, when they are free and a note. The network's admins mark it contacted, then placed."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alumni_volunteering")
    role = models.CharField(max_length=10, choices=VolunteerRole.choices)
    state = workflow.StateField(
        machine=VOLUNTEER_WORKFLOW, max_length=20, choices=VolunteerState.choices, default=_V.OFFERED
    )
    functions = models.ManyToManyField("directory.PriorityFunction", blank=True, related_name="+")
    availability = models.CharField(max_length=200)
    note = models.TextField(max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "role"],
                condition=Q(state__in=["offered", "contacted", "placed"]),
                name="network_one_live_volunteer_offer_a_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} as {self.get_role_display()}"

    @property
    def is_live(self) -> bool:
        return self.state in LIVE_VOLUNTEER_STATES

    @property
    def can_be_contacted(self) -> bool:
        return self.state == _V.OFFERED

    @property
    def can_be_placed(self) -> bool:
        return self.state in (_V.OFFERED, _V.CONTACTED)
# --- the talent pool ---------------------------------------------------------------------------------


class Aspiration(models.TextChoices):
    """Kinds of formal role a member may aspire to. The values are governance's levels (a C&CPLG seat, a
    role's spatial level, or a role that leads a clinical network), so governance matches them without
    this app importing governance."""

    CCPLG = "ccplg", "A seat on the Clinical and Care Professional Leadership Group (C&CPLG)"
    ICS = "ics", "A function lead for the whole ICS"
    COLLABORATIVE = "collaborative", "A function lead in a provider collaborative"
    LCP = "lcp", "A function lead in a Local Care Partnership (a borough)"
    NETWORK = "network", "A clinical network lead"


class Readiness(models.TextChoices):
    NOW = "now", "Ready now"
    WITHIN_12_MONTHS = "12_months", "Within 12 months"
    ONE_TO_TWO_YEARS = "1_2_years", "In 1–2 years"


READINESS_MONTHS = {Readiness.NOW: 0, Readiness.WITHIN_12_MONTHS: 12, Readiness.ONE_TO_TWO_YEARS: 24}


class TalentEntry(models.Model):
    """A member's entry in the talent pool: the formal roles they aspire to, for which functions and
    places, and when they would be ready. Two separate consents: the governance secretariat may see it,
    and vacancy alerts. Without the first nobody but the member sees it; ``ready_by`` is the latest date
    they said they would be ready, counted from when they last saved the entry."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_talent_entry"
    )
    aspirations = ArrayField(models.CharField(max_length=20, choices=Aspiration.choices))
    functions = models.ManyToManyField("directory.PriorityFunction", related_name="+")
    boroughs = models.ManyToManyField("directory.Borough", blank=True, related_name="+")
    ics_wide = models.BooleanField("anywhere across south east London (ICS-wide)", default=False)
    readiness = models.CharField(max_length=20, choices=Readiness.choices)
    ready_by = models.DateField()
    statement = models.TextField(max_length=1000, blank=True)
    secretariat_consent = models.BooleanField("the governance secretariat may see my entry", default=False)
    alerts_consent = models.BooleanField("send me vacancy alerts", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["ready_by", "pk"]
        verbose_name_plural = "talent pool entries"
        constraints = [
            models.CheckConstraint(condition=~Q(aspirations=[]), name="network_talent_aspires_to_something"),
        ]

    def __str__(self) -> str:
        return f"Talent pool entry of {self.person}"

    @property
    def aspiration_labels(self) -> list[str]:
        return [Aspiration(value).label for value in self.aspirations if value in Aspiration.values]


# --- the admins' mentoring matching draft ----------------------------------------------------------------
# Kept in the database, shared by every network admin (as shadowing's matching is): the pins and exclusions
# decided before a run, and each run with its pairs and figures. Publishing uses the latest run; a pin or
# exclusion made after it makes it stale, and a stale draft publishes nothing.


class MentoringChoiceKind(models.TextChoices):
    PIN = "pin", "Must be made"
    EXCLUDE = "exclude", "Must not be made"


class MentoringDraftChoice(models.Model):
    """A network admin's decision about one pair before matching: pinned (must be made) or excluded."""

    request = models.ForeignKey(MentoringRequest, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(MentorOffer, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=MentoringChoiceKind.choices)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "offer"], name="network_one_mentoring_choice_a_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: request {self.request_id} with offer {self.offer_id}"

    @property
    def is_pin(self) -> bool:
        return self.kind == MentoringChoiceKind.PIN


class MentoringDraft(models.Model):
    """One run of the mentoring matcher: its pairs ([request id, offer id, [boundaries crossed]]), its
    figures and those of a random matching under the same rules. Nothing is sent for a draft."""

    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    run_at = models.DateTimeField(auto_now_add=True)
    pairs = models.JSONField(default=list)
    figures = models.JSONField(default=dict)
    random_figures = models.JSONField(default=dict)
    # The pins and exclusions it was run with ([kind, request id, offer id], sorted): when they differ from
    # the ones kept now, the draft is stale.
    choices = models.JSONField(default=list)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-run_at", "-pk"]
        get_latest_by = "run_at"

    def __str__(self) -> str:
        return f"Mentoring draft of {self.run_at:%Y-%m-%d %H:%M}"


# --- after a Big Room: the attendance register and feedback ----------------------------------------


class Attendance(models.Model):
    """One line of a Big Room's register, taken by the network's admins once the event has started: each
    person who said they were coming is marked as came or did not come; a walk-in (someone who came
    without a place) is added as came. An event "has a register" once any line exists."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_attendance")
    attended = models.BooleanField("came")
    walk_in = models.BooleanField(default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="network_one_attendance_line"),
        ]

    def __str__(self) -> str:
        return f"{self.person} {'came to' if self.attended else 'did not come to'} {self.event}"


FEEDBACK_RATINGS = (1, 2, 3, 4, 5)


class EventFeedback(models.Model):
    """One attendee's feedback on a Big Room, given once after it ended. The admins see counts (suppressed)
    and the improvement comments without names, never a person's answers."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField("overall, how good was the event")
    met_other_organisation = models.BooleanField("did you meet someone from another organisation")
    improve = models.TextField("what would make it better", max_length=2000, blank=True)
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="network_one_feedback_a_person"),
            models.CheckConstraint(condition=Q(rating__gte=1, rating__lte=5), name="network_feedback_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"Feedback on {self.event}"


def slides_path(instance, filename) -> str:
    """A random name: the original name is kept in the row, never in the storage path."""
    return f"network/events/{instance.event_id}/{uuid.uuid4().hex}"


class EventSlides(models.Model):
    """The slides of a Big Room, uploaded by the network's admins once it has started (a PDF or a
    PowerPoint file). Downloaded only through a permission-checked view; a new upload replaces the old."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="slides_file")
    file = models.FileField(upload_to=slides_path)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.original_name
