"""C&CPLG meetings, agendas, attendance and actions."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from academy.directory.models import PriorityFunction

# A meeting's pulse opens when the meeting ends and closes two weeks later; its results are shown only
# once it has closed, so they never change after they are first shown.
PULSE_OPEN_FOR = timedelta(days=14)


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

    def has_started(self, now=None) -> bool:
        """Decisions, attendance and actions are recorded once the meeting has started, never before."""
        return self.starts_at <= (now or timezone.now())

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.minutes)

    def has_ended(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def pulse_closes_at(self):
        return self.ends_at + PULSE_OPEN_FOR

    def pulse_is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.ends_at <= now < self.pulse_closes_at


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
    paper_summary = models.TextField(
        "summary of the paper", blank=True, help_text="What the paper says and asks, in a few sentences.",
    )
    paper_pages = models.PositiveSmallIntegerField("pages in the paper", null=True, blank=True)
    outcome = models.TextField("decision recorded", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["function__number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(paper_pages__isnull=True) | (Q(paper_pages__gte=1) & Q(paper_pages__lte=500)),
                name="agenda_item_paper_pages_range",
                violation_error_message="Give the paper's length from 1 to 500 pages.",
            ),
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


class MeetingSettings(models.Model):
    """The limits the secretariat sets for C&CPLG meetings, so they stay action, not update, oriented
    (seed 002's anti-governance: too many people, long papers, update-only agendas). One row, with history;
    the defaults apply until the secretariat changes them."""

    max_attendees = models.PositiveSmallIntegerField(
        "most people at a meeting", default=12, validators=[MinValueValidator(2), MaxValueValidator(200)],
    )
    max_paper_pages = models.PositiveSmallIntegerField(
        "longest paper, in pages", default=4, validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_update_share = models.PositiveSmallIntegerField(
        "largest share of update-only items (%)", default=30,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "meeting settings"
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="meeting_settings_single_row"),
            models.CheckConstraint(
                condition=Q(max_attendees__gte=2) & Q(max_attendees__lte=200), name="meeting_settings_attendees_range",
            ),
            models.CheckConstraint(
                condition=Q(max_paper_pages__gte=1) & Q(max_paper_pages__lte=100), name="meeting_settings_pages_range",
            ),
            models.CheckConstraint(condition=Q(max_update_share__lte=100), name="meeting_settings_share_range"),
        ]

    def __str__(self) -> str:
        return "C&CPLG meeting settings"


class PulseAnswer(models.TextChoices):
    YES = "yes", "Yes"
    PARTLY = "partly", "Partly"
    NO = "no", "No"


class PulseQuestion(models.TextChoices):
    VOICES_HEARD = "voices_heard", "Were all voices heard?"
    ACTION_NOT_UPDATE = "action_not_update", "Was it action, not update?"
    KEEP_IN_DIARY = "keep_in_diary", "Would you keep this meeting in your diary?"


class PulseTally(models.Model):
    """How many gave each answer to each of a meeting's pulse questions. Answers are only ever counted, never
    kept one by one: a row per answer, even with no person on it, would line up (by its order or its key)
    with the order in which people were recorded as having answered (PulseAnswered). A meeting's nine
    tallies are made together, in a fixed order, at its first answer, so not even the first answer shows
    in which rows exist. No history, for the same reason."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pulse_tallies")
    question = models.CharField(max_length=20, choices=PulseQuestion.choices)
    answer = models.CharField(max_length=10, choices=PulseAnswer.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "question", "answer"], name="pulse_tally_once"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_question_display()} {self.get_answer_display()}"


class PulseAnswered(models.Model):
    """That a person has answered a meeting's pulse (so they cannot answer twice), and nothing about what
    they answered. No time and no history: the answers are only counted, in PulseTally."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="pulse_answered")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="pulse_answered_once")]

    def __str__(self) -> str:
        return f"{self.person} answered the pulse for {self.meeting}"
