"""Communities of practice: professional and clinical networks, their members, and their discussions.

A post is stored exactly as its author typed it and rendered through ``academy.ui.markdown`` (Markdown with
HTML off, then an allow-list sanitiser), so nothing a person typed reaches a page unsanitised. Editing keeps
the previous text in ``PostRevision``; hiding keeps the post (leads still see it, marked hidden)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from academy import workflow

PROGRAMME_SLUG = "community"


class CommunityKind(models.TextChoices):
    PROFESSIONAL = "professional", "Professional network"
    CLINICAL = "clinical", "Clinical network"
    INSPIRATION = "inspiration", "Inspiration"
    OTHER = "other", "Other community"


# The first part of these community URLs belongs to other pages (programmes/community/urls.py), so a community
# with one of them as its slug could never be reached.
RESERVED_SLUGS = frozenset({"challenges", "ideas", "manage", "posts", "resources"})


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
    archived_at = models.DateTimeField(
        null=True, blank=True,
        help_text="Archived: kept to read, out of the directory; nobody joins, posts or adds resources.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "communities"

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}” is used by other pages of the communities: choose another."})

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class CommunityEvent(models.Model):
    """An event of a community (an inspiration session, a workshop): a cohort of the cohort engine, so places,
    waiting lists, booking, attendance and reminders are `programmes.core`'s; the community's page shows it to its
    visitors. Added and removed by the community's leads and the programme's admins."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="events")
    cohort = models.ForeignKey("programmes_core.Cohort", on_delete=models.CASCADE, related_name="+")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["community", "cohort"], name="community_event_once")]

    def __str__(self) -> str:
        return f"{self.cohort} in {self.community}"


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
    PIN = "pin", "Pinned a discussion"
    UNPIN = "unpin", "Unpinned a discussion"
    # what the communities programme's admins do to the community itself (no thread)
    CREATE = "create", "Created the community"
    CHANGE = "change", "Changed the community's details"
    ARCHIVE = "archive", "Archived the community"
    RESTORE = "restore", "Brought the community back from the archive"
    LEAD_NAMED = "lead_named", "Named a lead"
    LEAD_REMOVED = "lead_removed", "Removed a lead"


class ModerationAction(models.Model):
    """The community's log: what its leads did to discussions and posts, and what the programme's admins did to
    the community itself (created, changed, archived, leads named and removed: no thread; ``person`` is the
    lead named or removed)."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="moderation_actions")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    kind = models.CharField(max_length=20, choices=ModerationKind.choices)
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_actions"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_actions")
    reason = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.thread or self.community}"


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

    @property
    def is_done(self) -> bool:
        return self.stage == ChallengeStage.DONE

    @property
    def is_gathering(self) -> bool:
        return self.stage == ChallengeStage.GATHER


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
    priority_functions = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="community_ideas",
        help_text="Which of the challenge's priority functions the idea is about (the author chooses).",
    )
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

    @property
    def is_taken_forward(self) -> bool:
        return self.answer == IdeaAnswer.TAKEN_FORWARD


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


# --- resources library ------------------------------------------------------------------------------------


class ResourceKind(models.TextChoices):
    FILE = "file", "A file"
    LINK = "link", "A link"


class ResourceVisibility(models.TextChoices):
    COMMUNITY = "community", "Members of the community only"
    EVERYONE = "everyone", "Every signed-in leader"


def resource_path(instance, filename) -> str:
    """A random name: the original name is kept in the row, never in the storage path."""
    return f"community/resources/{uuid.uuid4().hex}"


class Resource(models.Model):
    """A file (PDF, DOCX, PPTX or XLSX, checked by its content) or an https link in a community's library.

    A closed community's resources are for its members and leads only, whatever their visibility says; an
    open community's are for its members, or for every signed-in leader when shared that widely. Files are
    downloaded only through a permission-checked view."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="resources")
    task_group = models.ForeignKey(
        "TaskGroup", on_delete=models.CASCADE, null=True, blank=True, related_name="resources",
        help_text="Set when the resource belongs to a task-and-finish group: only the group's readers see it.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=ResourceKind.choices)
    file = models.FileField(upload_to=resource_path, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    url = models.URLField("link", max_length=500, blank=True)
    priority_functions = models.ManyToManyField(
        "directory.PriorityFunction", blank=True, related_name="community_resources"
    )
    professions = models.ManyToManyField("directory.Profession", blank=True, related_name="community_resources")
    themes = ArrayField(models.CharField(max_length=60), default=list, blank=True,
                        help_text="Free tags, stored in lower case.")
    visibility = models.CharField(
        max_length=20, choices=ResourceVisibility.choices, default=ResourceVisibility.COMMUNITY
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="community_resources"
    )
    created_at = models.DateTimeField(default=timezone.now)
    search_document = models.TextField(blank=True, editable=False)
    search_vector = models.GeneratedField(
        expression=SearchVector("search_document", config="english"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            GinIndex(fields=["search_vector"], name="community_resource_search_gin"),
            GinIndex(fields=["themes"], name="community_resource_themes_gin"),
            models.Index(fields=["community", "-created_at"], name="community_resource_recent"),
            models.Index(fields=["task_group", "-created_at"], name="community_resource_group"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="file") & ~models.Q(file="") & models.Q(url=""))
                | (models.Q(kind="link") & models.Q(file="") & models.Q(url__startswith="https://")),
                name="community_resource_file_or_https_link",
            ),
            # a group's resources are for the group's readers, never shared with every signed-in leader
            models.CheckConstraint(
                condition=models.Q(task_group__isnull=True) | models.Q(visibility="community"),
                name="community_resource_group_not_shared",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.search_document = " ".join([self.title, self.description, " ".join(self.themes or [])])
        super().save(*args, **kwargs)

    @property
    def is_file(self) -> bool:
        return self.kind == ResourceKind.FILE

    @property
    def shared_with_everyone(self) -> bool:
        return (self.visibility == ResourceVisibility.EVERYONE and not self.community.closed
                and self.task_group_id is None)

    @property
    def in_task_group(self) -> bool:
        return self.task_group_id is not None


# --- task-and-finish groups ---------------------------------------------------------------------------------


class TaskGroupState(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


TASK_GROUP_WORKFLOW = workflow.Machine(
    "community_task_group",
    TaskGroupState,
    {
        TaskGroupState.OPEN: [TaskGroupState.CLOSED],
        TaskGroupState.CLOSED: [],
    },
    noun="This group",
    now={TaskGroupState.OPEN: "is open", TaskGroupState.CLOSED: "is closed"},
    action={TaskGroupState.OPEN: "be opened", TaskGroupState.CLOSED: "be closed"},
    already={
        TaskGroupState.OPEN: "This group is already open.",
        TaskGroupState.CLOSED: "This group is already closed.",
    },
)


class TaskGroup(workflow.WorkflowModel, models.Model):
    """A task-and-finish group of a community: a small group with a single objective, a mandate, members
    (chosen by the community's leads from its members) and an end date. It closes with a short outcome note."""

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="task_groups")
    name = models.CharField(max_length=160)
    objective = models.TextField(help_text="The single thing the group is for. Exactly as typed.")
    mandate = models.TextField(help_text="What the group may decide or do, and for whom. Exactly as typed.")
    ends_on = models.DateField(help_text="The day the group is due to finish (Europe/London).")
    state = workflow.StateField(
        machine=TASK_GROUP_WORKFLOW, max_length=10, choices=TaskGroupState.choices, default=TaskGroupState.OPEN
    )
    outcome_note = models.TextField(blank=True, help_text="What the group achieved, written when it closes.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="TaskGroupMember", related_name="community_task_groups", blank=True
    )
    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["state", "ends_on", "name", "pk"]
        indexes = [models.Index(fields=["community", "state", "ends_on"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.state == TaskGroupState.OPEN

    @property
    def is_closed(self) -> bool:
        return self.state == TaskGroupState.CLOSED


class TaskGroupMember(models.Model):
    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_task_group_memberships"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="community_task_group_member_once")]

    def __str__(self) -> str:
        return f"{self.person} in {self.group}"


class TaskGroupPost(models.Model):
    """A message in a group's discussion, stored exactly as typed and rendered through academy.ui.markdown."""

    group = models.ForeignKey(TaskGroup, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="community_task_group_posts"
    )
    body = models.TextField(help_text="Exactly as the author typed it.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["group", "created_at"])]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.group}"
