"""Walking in each other's shoes: shadowing rounds, the placements hosts offer, the interest shadows express,
the admin's draft matches, and the placements published from them.

A placement's state (proposed, agreed, in progress, completed, cancelled) goes through the one workflow
mechanism (:data:`PLACEMENT_WORKFLOW`), as does a round's (open, matching, published, closed).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import F, Q

from academy import workflow

PROGRAMME_SLUG = "shadowing"


class Sector(models.TextChoices):
    ACUTE = "acute", "Acute hospital care"
    MENTAL_HEALTH = "mental_health", "Mental health"
    COMMUNITY = "community", "Community health services"
    PRIMARY_CARE = "primary_care", "Primary care"
    SOCIAL_CARE = "social_care", "Social care"
    VCSE = "vcse", "Voluntary, community and social enterprise (VCSE)"
    PUBLIC_HEALTH = "public_health", "Public health"
    ICS = "ics", "Integrated care system (ICB and system teams)"


class RoundState(models.TextChoices):
    OPEN = "open", "Open for offers and interest"
    MATCHING = "matching", "Matching"
    PUBLISHED = "published", "Matches published"
    CLOSED = "closed", "Closed"


_R = RoundState
ROUND_WORKFLOW = workflow.Machine(
    "shadowing.round",
    RoundState,
    {
        _R.OPEN: {_R.MATCHING},
        _R.MATCHING: {_R.OPEN, _R.PUBLISHED},
        _R.PUBLISHED: {_R.CLOSED},
        _R.CLOSED: set(),
    },
    noun="This round",
    now={
        _R.OPEN: "is open for offers and interest",
        _R.MATCHING: "is being matched",
        _R.PUBLISHED: "has had its matches published",
        _R.CLOSED: "has closed",
    },
    action={
        _R.OPEN: "open again for offers and interest",
        _R.MATCHING: "close for matching",
        _R.PUBLISHED: "have its matches published",
        _R.CLOSED: "close",
    },
    already={_R.PUBLISHED: "This round's matches are already published."},
)


class Round(workflow.WorkflowModel, models.Model):
    """A round of shadowing: offers and interest come in while it is open; the admin then matches and
    publishes, and visits happen between ``visits_from`` and ``visits_until``."""

    name = models.CharField(max_length=200)
    interest_closes_on = models.DateField(
        help_text="The last day hosts can offer and shadows can say they are interested."
    )
    visits_from = models.DateField()
    visits_until = models.DateField()
    state = workflow.StateField(max_length=20, choices=RoundState.choices, default=RoundState.OPEN,
                                machine=ROUND_WORKFLOW)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-visits_from", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(visits_until__gte=F("visits_from")), name="shadowing_round_dates"),
            models.CheckConstraint(condition=Q(interest_closes_on__lte=F("visits_from")),
                                   name="shadowing_round_interest_before_visits"),
        ]

    def __str__(self) -> str:
        return self.name


class PlacementOffer(models.Model):
    """A host offers their team or service for shadowing in a round."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="offers")
    host = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shadowing_offers")
    setting = models.CharField("team or service", max_length=200)
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="+")
    borough = models.ForeignKey("directory.Borough", on_delete=models.PROTECT, related_name="+")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    professions = models.ManyToManyField("directory.Profession", related_name="+")
    care_pathway = models.CharField(max_length=200, blank=True)
    visitor_experience = models.TextField("what a visitor will see and do")
    system_problem = models.TextField("the system problem it touches")
    visits = models.PositiveSmallIntegerField("number of visits")
    available_from = models.DateField()
    available_until = models.DateField()
    available_dates = models.TextField("days and times that suit", blank=True)
    capacity = models.PositiveSmallIntegerField("shadows at once")
    practical_details = models.TextField("induction, ID, confidentiality and access")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["setting", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shadowing_offer_capacity"),
            models.CheckConstraint(condition=Q(visits__gte=2), name="shadowing_offer_several_visits"),
            models.CheckConstraint(condition=Q(available_until__gte=F("available_from")), name="shadowing_offer_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.setting}, {self.organisation}"


class ShadowInterest(models.Model):
    """A leader's interest in shadowing in a round: what they want to learn, what they do not know, when they
    can go, and who releases their time. Their own organisation, borough and profession are taken from their
    profile when they say they are interested, so the matching counts the boundaries crossed from there."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="interests")
    shadow = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shadowing_interests")
    organisation = models.ForeignKey("directory.Organisation", on_delete=models.PROTECT, related_name="+")
    borough = models.ForeignKey("directory.Borough", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    profession = models.ForeignKey("directory.Profession", on_delete=models.PROTECT, related_name="+")
    sector = models.CharField("your own sector", max_length=20, choices=Sector.choices)
    wants_to_learn = models.TextField("what you want to learn")
    unfamiliar_sectors = ArrayField(models.CharField(max_length=20, choices=Sector.choices), default=list, blank=True)
    unfamiliar_professions = models.ManyToManyField("directory.Profession", blank=True, related_name="+")
    unfamiliar_boroughs = models.ManyToManyField("directory.Borough", blank=True, related_name="+")
    available_from = models.DateField()
    available_until = models.DateField()
    availability = models.TextField("days and times you can go", blank=True)
    access_needs = models.TextField(blank=True)
    line_manager_name = models.CharField("line manager or sponsor's name", max_length=200)
    line_manager_email = models.EmailField("line manager or sponsor's email")
    reciprocal = models.BooleanField("offer a reciprocal exchange", default=False)
    own_offer = models.ForeignKey(PlacementOffer, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "shadow"], name="shadowing_one_interest_a_round"),
            models.CheckConstraint(condition=Q(available_until__gte=F("available_from")),
                                   name="shadowing_interest_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.shadow} in {self.round}"


class PairChoice(models.TextChoices):
    PIN = "pin", "Must happen"
    EXCLUDE = "exclude", "Must not happen"


class DraftChoice(models.Model):
    """An admin's decision about one pair before matching: pinned (must happen) or excluded (must not)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="choices")
    interest = models.ForeignKey(ShadowInterest, on_delete=models.CASCADE, related_name="+")
    offer = models.ForeignKey(PlacementOffer, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=PairChoice.choices)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["made_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["interest", "offer"], name="shadowing_one_choice_a_pair")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.interest_id} with {self.offer_id}"


class DraftMatch(models.Model):
    """One run of the matcher for a round: its pairs (interest id, offer id), its figures, and those of a random
    matching under the same rules. Nothing is sent for a draft; publishing the latest makes the placements."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="drafts")
    run_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    run_at = models.DateTimeField(auto_now_add=True)
    pairs = models.JSONField(default=list)
    figures = models.JSONField(default=dict)
    random_figures = models.JSONField(default=dict)
    seconds = models.FloatField(default=0)

    class Meta:
        ordering = ["-run_at", "-pk"]
        get_latest_by = "run_at"

    def __str__(self) -> str:
        return f"Draft for {self.round_id} at {self.run_at:%Y-%m-%d %H:%M}"


class PlacementState(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AGREED = "agreed", "Agreed"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


_P = PlacementState
PLACEMENT_WORKFLOW = workflow.Machine(
    "shadowing.placement",
    PlacementState,
    {
        _P.PROPOSED: {_P.AGREED, _P.CANCELLED},
        _P.AGREED: {_P.IN_PROGRESS, _P.CANCELLED},
        _P.IN_PROGRESS: {_P.COMPLETED, _P.CANCELLED},
        _P.COMPLETED: set(),
        _P.CANCELLED: set(),
    },
    noun="This placement",
    now={
        _P.PROPOSED: "is proposed",
        _P.AGREED: "is agreed",
        _P.IN_PROGRESS: "is under way",
        _P.COMPLETED: "is completed",
        _P.CANCELLED: "was cancelled",
    },
    action={
        _P.PROPOSED: "be proposed",
        _P.AGREED: "be agreed",
        _P.IN_PROGRESS: "start",
        _P.COMPLETED: "be completed",
        _P.CANCELLED: "be cancelled",
    },
    already={_P.CANCELLED: "This placement is already cancelled."},
)

ACTIVE_PLACEMENT_STATES = (_P.PROPOSED, _P.AGREED, _P.IN_PROGRESS, _P.COMPLETED)
CANCELLABLE_PLACEMENT_STATES = (_P.PROPOSED, _P.AGREED, _P.IN_PROGRESS)


class Placement(workflow.WorkflowModel, models.Model):
    """A shadow placed with a host's offer, published from a draft match."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="placements")
    offer = models.ForeignKey(PlacementOffer, on_delete=models.PROTECT, related_name="placements")
    interest = models.ForeignKey(ShadowInterest, on_delete=models.PROTECT, related_name="placements")
    shadow = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shadowing_placements")
    state = workflow.StateField(max_length=20, choices=PlacementState.choices, default=PlacementState.PROPOSED,
                                machine=PLACEMENT_WORKFLOW)
    boundaries = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    cancel_reason = models.TextField("why the placement is cancelled", blank=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["interest"], condition=~Q(state="cancelled"), name="shadowing_one_live_placement_a_shadow"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.shadow} with {self.offer}"

    @property
    def cancellable(self) -> bool:
        """Proposed, agreed or under way: a completed (or already cancelled) placement cannot be cancelled."""
        return self.state in CANCELLABLE_PLACEMENT_STATES

    @property
    def is_cancelled(self) -> bool:
        return self.state == PlacementState.CANCELLED


class Agreement(models.Model):
    """What the shadow and the host agree for a placement: learning goals, confidentiality and practical
    arrangements, with the visit dates (:class:`Visit`). Signed by the shadow, the host and the shadow's line
    manager or sponsor (a signed link, no account). Changing the terms starts a new ``version`` and clears every
    signature, so nobody is held to words they did not sign; when all three have signed, the placement is
    agreed."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="agreement")
    learning_goals = models.TextField()
    confidentiality = models.TextField()
    practical_arrangements = models.TextField()
    version = models.PositiveIntegerField(default=1)
    shadow_signed_at = models.DateTimeField(null=True, blank=True)
    host_signed_at = models.DateTimeField(null=True, blank=True)
    manager_signed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Agreement for {self.placement}"

    @property
    def fully_signed(self) -> bool:
        return bool(self.shadow_signed_at and self.host_signed_at and self.manager_signed_at)


class Visit(models.Model):
    """One agreed visit of a placement, on a day inside the round's visits."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="visits")
    number = models.PositiveSmallIntegerField()
    on = models.DateField("date")
    sequence = models.PositiveSmallIntegerField(default=0, help_text="The .ics SEQUENCE: one more at each change.")
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["on", "number"]
        constraints = [models.UniqueConstraint(fields=["placement", "number"], name="shadowing_one_visit_a_number")]

    def __str__(self) -> str:
        return f"Visit {self.number} of {self.placement_id} on {self.on}"


class Side(models.TextChoices):
    SHADOW = "shadow", "The shadow"
    HOST = "host", "The host"


class VisitChange(models.Model):
    """A visit cancelled or moved to another day by either side, with their reason. The visit itself keeps its
    current day (or ``cancelled_at``); these rows are its history, and each is told to the other side and the
    line manager once (the notification key names the change)."""

    class Kind(models.TextChoices):
        REARRANGED = "rearranged", "Rearranged"
        CANCELLED = "cancelled", "Cancelled"

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_day = models.DateField()
    to_day = models.DateField(null=True, blank=True)
    reason = models.TextField()
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} visit {self.visit_id}"


class Reflection(models.Model):
    """What one side of a placement took from one visit, written once the visit has happened. Private to its
    author unless they share it with the other side (``shared``); never the admins nor superusers (admins see
    counts). The shadow answers all
    three questions; the host writes a short note in ``saw``."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="reflections")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="shadowing_reflections")
    side = models.CharField(max_length=10, choices=Side.choices)
    saw = models.TextField("what I saw")
    surprised = models.TextField("what surprised me", blank=True)
    differently = models.TextField("what I'll do differently", blank=True)
    shared = models.BooleanField("shared with the other side", default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["visit", "side"], name="shadowing_one_reflection_a_side")]

    def __str__(self) -> str:
        return f"Reflection on visit {self.visit_id} by the {self.side}"


class FollowUp(models.Model):
    """The three-month follow-up of a placement's shadow ("what have you done differently?"): invited once by
    beat three months after the last visit, answerable only then. ``may_use`` is the shadow's consent for the
    evaluation to read the answer."""

    placement = models.OneToOneField(Placement, on_delete=models.CASCADE, related_name="follow_up")
    due_on = models.DateField()
    invited_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField("what you have done differently", blank=True)
    may_use = models.BooleanField("the evaluation may use my answer", default=False)
    answered_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Follow-up of {self.placement_id}"


class Chase(models.Model):
    """A reminder the admin sent one stuck person in a round, so nobody is chased again within a week."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="chases")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)
    what = models.TextField()

    class Meta:
        ordering = ["-sent_at", "pk"]

    def __str__(self) -> str:
        return f"Chased {self.person_id} in {self.round_id}"
