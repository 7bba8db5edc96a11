"""Communities of practice: professional and clinical networks, their members, and their discussions.

A post is stored exactly as its author typed it and rendered through ``academy.ui.markdown`` (Markdown with
HTML off, then an allow-list sanitiser), so nothing a person typed reaches a page unsanitised. Editing keeps
the previous text in ``PostRevision``; hiding keeps the post (leads still see it, marked hidden)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from academy import workflow

PROGRAMME_SLUG = "community"


class CommunityKind(models.TextChoices):
    PROFESSIONAL = "professional", "Professional network"
    CLINICAL = "clinical", "Clinical network"
    OTHER = "other", "Other community"


# The first part of these community URLs belongs to other pages (programmes/community/urls.py), so a community
# with one of them as its slug could never be reached.
RESERVED_SLUGS = frozenset({"challenges", "ideas", "posts"})


class Community(models.Model):
    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(max_length=20, choices=CommunityKind.choices, default=CommunityKind.PROFESSIONAL)
    description = models.TextField(blank=True)
    closed = models.BooleanField(
        default=False, help_text="Closed: people ask to join and a lead approves; discussions are for members only."
    )
    leads = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="communities_led")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by other pages of the communities: choose another."})


class MembershipState(models.TextChoices):
    REQUESTED = "requested", "Asked to join"
    MEMBER = "member", "Member"
    LEFT = "left", "Left"
    DECLINED = "declined", "Request declined"


MEMBERSHIP_WORKFLOW = workflow.Machine(
    "community_membership",
    MembershipState,
    {
        MembershipState.REQUESTED: [MembershipState.MEMBER, MembershipState.DECLINED, MembershipState.LEFT],
        MembershipState.MEMBER: [MembershipState.LEFT],
        MembershipState.LEFT: [MembershipState.MEMBER, MembershipState.REQUESTED],
        MembershipState.DECLINED: [MembershipState.MEMBER, MembershipState.REQUESTED],
    },
    noun="This membership",
    now={
        MembershipState.REQUESTED: "is waiting for a lead to approve it",
        MembershipState.MEMBER: "is current",
        MembershipState.LEFT: "has ended",
        MembershipState.DECLINED: "was declined",
    },
    action={
        MembershipState.REQUESTED: "be asked for",
        MembershipState.MEMBER: "be made a membership",
        MembershipState.LEFT: "be ended",
        MembershipState.DECLINED: "be declined",
    },
    already={
        MembershipState.REQUESTED: "You have already asked to join this community.",
        MembershipState.MEMBER: "You are already a member of this community.",
        MembershipState.LEFT: "You have already left this community.",
        MembershipState.DECLINED: "This request has already been declined.",
    },
)


class Membership(workflow.WorkflowModel, models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_memberships")
    state = workflow.StateField(machine=MEMBERSHIP_WORKFLOW, max_length=20, choices=MembershipState.choices)
    handle = models.SlugField(max_length=60, help_text="How members mention this person: @handle.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "person"], name="community_membership_once"),
            models.UniqueConstraint(fields=["community", "handle"], name="community_handle_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.community}"


class Thread(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_threads")
    locked = models.BooleanField(default=False)
    pinned = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now)
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ThreadFollow", related_name="followed_threads", blank=True
    )

    class Meta:
        ordering = ["-pinned", "-last_post_at"]
        indexes = [models.Index(fields=["community", "-pinned", "-last_post_at"])]

    def __str__(self) -> str:
        return self.title


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_follows")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "person"], name="community_follow_once")]

    def __str__(self) -> str:
        return f"{self.person} follows {self.thread}"


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_posts")
    body = models.TextField(help_text="Exactly as the author typed it.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden = models.BooleanField(default=False)
    hidden_reason = models.CharField(max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.thread}"


class PostRevision(models.Model):
    """The text a post had before an edit."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["replaced_at", "pk"]

    def __str__(self) -> str:
        return f"Earlier text of post {self.post_id}"


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="community_report_once")]

    def __str__(self) -> str:
        return f"Report of post {self.post_id}"


class ModerationKind(models.TextChoices):
    HIDE = "hide", "Hid a post"
    UNHIDE = "unhide", "Showed a hidden post again"
    LOCK = "lock", "Locked a thread"
    UNLOCK = "unlock", "Unlocked a thread"


class ModerationAction(models.Model):
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="moderation_actions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=10, choices=ModerationKind.choices)
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="moderation_actions")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_actions")
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.thread}"


# --- idea challenges ----------------------------------------------------------------------------------------


class ChallengeStage(models.TextChoices):
    GATHER = "gather", "Gathering ideas"
    DISCUSS = "discuss", "Discussing ideas"
    EVALUATE = "evaluate", "Evaluating ideas"
    DEVELOP = "develop", "Developing ideas"
    DONE = "done", "Done"


_S = ChallengeStage
CHALLENGE_WORKFLOW = workflow.Machine(
    "community_idea_challenge",
    ChallengeStage,
    {
        _S.GATHER: [_S.DISCUSS, _S.DONE],
        _S.DISCUSS: [_S.GATHER, _S.EVALUATE, _S.DONE],
        _S.EVALUATE: [_S.DISCUSS, _S.DEVELOP, _S.DONE],
        _S.DEVELOP: [_S.DONE],
        _S.DONE: [],
    },
    noun="This challenge",
    now={
        _S.GATHER: "is gathering ideas",
        _S.DISCUSS: "is discussing ideas",
        _S.EVALUATE: "is evaluating ideas",
        _S.DEVELOP: "is developing ideas",
        _S.DONE: "is done",
    },
    action={
        _S.GATHER: "go back to gathering ideas",
        _S.DISCUSS: "move to discussing ideas",
        _S.EVALUATE: "move to evaluating ideas",
        _S.DEVELOP: "move to developing ideas",
        _S.DONE: "be closed",
    },
    already={
        _S.GATHER: "This challenge is already gathering ideas.",
        _S.DISCUSS: "This challenge is already discussing ideas.",
        _S.EVALUATE: "This challenge is already evaluating ideas.",
        _S.DEVELOP: "This challenge is already developing ideas.",
        _S.DONE: "This challenge is already done.",
    },
)

# Ideas may be submitted while a challenge gathers them, and supported while it gathers or discusses them.
SUBMITTING_STAGES = frozenset({ChallengeStage.GATHER})
SUPPORTING_STAGES = frozenset({ChallengeStage.GATHER, ChallengeStage.DISCUSS})


class IdeaChallenge(workflow.WorkflowModel, models.Model):
    """A real system problem a board, a network or the C&CPLG poses, for leaders to bring ideas to."""

    title = models.CharField(max_length=200)
    question = models.TextField(help_text="The problem, as the challenge owner puts it. Markdown.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="idea_challenges_owned",
        help_text="The named person who speaks for the body posing the challenge.",
    )
    owner_body = models.CharField(
        "board or network", max_length=200, help_text="For example 'SEL ICB Board' or 'The C&CPLG'."
    )
    priority_functions = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="idea_challenges"
    )
    system_problem = models.ForeignKey(
        "programmes_core.SystemProblem", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="idea_challenges",
        help_text="The problem in the register this challenge works on, if any.",
    )
    opens_on = models.DateField()
    closes_on = models.DateField(help_text="The last day ideas may be submitted (Europe/London).")
    supports_per_person = models.PositiveSmallIntegerField(
        default=3, help_text="How many ideas each person may support in this challenge."
    )
    stage = workflow.StateField(
        machine=CHALLENGE_WORKFLOW, max_length=20, choices=ChallengeStage.choices, default=ChallengeStage.GATHER
    )
    evaluators = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="idea_challenges_evaluated",
        help_text="The named people who score this challenge's ideas.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")),
                                   name="community_challenge_dates_in_order"),
            models.CheckConstraint(condition=models.Q(supports_per_person__gte=1),
                                   name="community_challenge_supports_positive"),
        ]

    def __str__(self) -> str:
        return self.title


class IdeaAnswer(models.TextChoices):
    TAKEN_FORWARD = "taken_forward", "Taken forward"
    MERGED = "merged", "Merged into another idea"
    NOT_NOW = "not_now", "Not now"


class Idea(models.Model):
    challenge = models.ForeignKey(IdeaChallenge, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_ideas")
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="Exactly as the author typed it.")
    support_count = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    # The official answer: every idea gets one, with a reason.
    answer = models.CharField(max_length=20, choices=IdeaAnswer.choices, blank=True)
    answer_reason = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged_ideas"
    )
    system_problem = models.ForeignKey(
        "programmes_core.SystemProblem", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="community_ideas", help_text="Where an idea taken forward is worked on.",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["challenge", "-support_count"]),
            models.Index(fields=["challenge", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class IdeaRevision(models.Model):
    """The title and text an idea had before an edit."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="revisions")
    title = models.CharField(max_length=200)
    body = models.TextField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["replaced_at", "pk"]

    def __str__(self) -> str:
        return f"Earlier text of idea {self.idea_id}"


class IdeaCoAuthor(models.Model):
    """A colleague the idea's author names as a co-author (up to ``MAX_COAUTHORS``, existing accounts only).
    Shown on the idea; two co-authors of one idea are a tie in the evaluation's network analysis."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="coauthors")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_coauthorships")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="community_coauthor_once")]

    def __str__(self) -> str:
        return f"{self.person} co-authors {self.idea}"


MAX_COAUTHORS = 3


class IdeaSupport(models.Model):
    """One person's support for one idea. ``challenge`` is the idea's, kept here to count a person's supports
    in a challenge against its limit."""

    challenge = models.ForeignKey(IdeaChallenge, on_delete=models.CASCADE, related_name="supports")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_supports")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "person"], name="community_support_once")]
        indexes = [models.Index(fields=["challenge", "person"])]

    def __str__(self) -> str:
        return f"{self.person} supports {self.idea}"


class IdeaScore(models.Model):
    """A named evaluator's ICE score of an idea: impact, confidence and ease, each 1 to 10."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="scores")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="idea_scores")
    impact = models.PositiveSmallIntegerField()
    confidence = models.PositiveSmallIntegerField()
    ease = models.PositiveSmallIntegerField()
    scored_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "evaluator"], name="community_score_once"),
            models.CheckConstraint(
                condition=models.Q(impact__range=(1, 10), confidence__range=(1, 10), ease__range=(1, 10)),
                name="community_score_in_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator}'s score of {self.idea}"

    @property
    def ice(self) -> int:
        return self.impact * self.confidence * self.ease


class IdeaComment(models.Model):
    """A comment on an idea, stored exactly as typed and rendered through ``academy.ui.markdown``."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="idea_comments")
    body = models.TextField(help_text="Exactly as the author typed it.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["idea", "created_at"])]

    def __str__(self) -> str:
        return f"Comment {self.pk} on {self.idea}"
