"""The conference's schedule (issue 11, fifth slice): the hours of an edition's days, accepted sessions placed in
rooms at a time, the schedule released as numbered versions with a snapshot and a changelog, speakers' stated
unavailability, and people's favourite sessions with their private calendar feed.

Imported at the end of models.py, so Django finds these models in the app's models module."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from programmes.conference.models import Edition, Proposal, Room

DEFAULT_DAY_STARTS = dt.time(9, 0)
DEFAULT_DAY_ENDS = dt.time(17, 30)
DEFAULT_SLOT_MINUTES = 30
# Where a morning ends and an afternoon starts, for speakers' unavailability.
MIDDAY = dt.time(12, 30)


class ScheduleSettings(models.Model):
    """The hours of each of the edition's days (London time) and the grid's row length."""

    edition = models.OneToOneField(Edition, on_delete=models.CASCADE, related_name="schedule_settings")
    day_starts = models.TimeField("the day starts at", default=DEFAULT_DAY_STARTS)
    day_ends = models.TimeField("the day ends at", default=DEFAULT_DAY_ENDS)
    slot_minutes = models.PositiveSmallIntegerField("rows of the grid, in minutes", default=DEFAULT_SLOT_MINUTES)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(day_ends__gt=F("day_starts")), name="conf_schedule_day_ends_after"),
            models.CheckConstraint(condition=Q(slot_minutes__gte=5), name="conf_schedule_slot_at_least_5"),
        ]

    def __str__(self) -> str:
        return f"Schedule hours of {self.edition}"


class Placement(models.Model):
    """An accepted (or confirmed) proposal placed in a room at a start time. Its length is its session type's
    unless the team set another."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="placements")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="placement")
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="placements")
    starts_at = models.DateTimeField()
    length_minutes = models.PositiveSmallIntegerField("length in minutes", null=True, blank=True)
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["starts_at", "room__name", "pk"]
        indexes = [models.Index(fields=["edition", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(length_minutes__isnull=True) | Q(length_minutes__gt=0),
                                   name="conf_placement_length_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal} in {self.room}"

    @property
    def minutes(self) -> int:
        return self.length_minutes or self.proposal.session_type.length_minutes

    @property
    def ends_at(self):
        return self.starts_at + dt.timedelta(minutes=self.minutes)


class ScheduleVersion(models.Model):
    """A released schedule: its number (1, 2...), a snapshot of every placed session as it was released, and
    the changelog against the version before (added, moved, removed)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="schedule_versions")
    number = models.PositiveIntegerField()
    released_at = models.DateTimeField()
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+")
    note = models.TextField(blank=True)
    # {"<proposal id>": {"title", "room", "room_id", "starts_at" (ISO), "ends_at" (ISO), "speaker_ids": [...]}}
    snapshot = models.JSONField(default=dict)
    # {"added": [...], "moved": [...], "removed": [...]}: each entry {"proposal", "title", "was", "now"}
    changelog = models.JSONField(default=dict)

    class Meta:
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="conf_schedule_version_unique"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} of {self.edition}'s schedule"


class SpeakerAvailability(models.Model):
    """The parts of the edition's days the speaker of an accepted proposal said they cannot speak, as
    ``["2027-01-15 am", "2027-01-15 pm"]``. The schedule editor warns when a session is placed in one."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="availability")
    unavailable = models.JSONField(default=list, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Availability for {self.proposal}"


class Favourite(models.Model):
    """A session a signed-in person marked on the programme."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conf_favourites")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "proposal"], name="conf_favourite_once")]

    def __str__(self) -> str:
        return f"{self.user} likes {self.proposal}"


class ProgrammeFeed(models.Model):
    """A person's private calendar feed of their favourite sessions: anyone with the token reads it, so it is
    long and random, and the person can replace it (the old address stops working) or turn it off."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="conf_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Conference calendar feed {self.pk}"
