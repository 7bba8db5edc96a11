"""Workshop choices (issue 11: "choose workshops (or join their waiting lists) ... change or cancel (the place
goes to the waiting list)"). A workshop of the released schedule has places; a person with a confirmed
registration takes one or joins its waiting list, and can leave.

The capacity pattern is the cohort engine's (programmes.core): a ``places_held`` count that the database keeps
within ``capacity`` (a check constraint) and that the services change only under the workshop's row lock, the
parent locked before its choices; a waiting list served oldest first. The engine's own models are for
applications to a cohort (line managers, offers with deadlines), so the conference keeps these two small models
and follows the same rules (docs/conference.md, "Workshop choices").

Imported at the end of models.py, so Django finds these models in the app's models module."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q

from academy import workflow
from programmes.conference.models import Edition, Proposal


class Workshop(models.Model):
    """The places of one workshop session. Made when first needed (a first choice, or the team setting its
    capacity); its capacity starts as the seats of the room the released schedule puts it in, and follows the
    room (``follows_room``) until the team sets another number. A released version that moves the workshop to a
    smaller room brings a capacity down to the new room's seats, never below the places taken."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="workshops")
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="workshop")
    capacity = models.PositiveIntegerField(help_text="How many people may take part.")
    places_held = models.PositiveIntegerField(default=0, editable=False)
    follows_room = models.BooleanField(
        default=True, help_text="The capacity is the seats of the workshop's room, and changes with a move to another "
        "room, until the team sets another number.",
    )

    class Meta:
        ordering = ["edition", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="conf_workshop_capacity_positive"),
            models.CheckConstraint(condition=Q(places_held__lte=F("capacity")),
                                   name="conf_workshop_places_within_capacity"),
        ]

    def __str__(self) -> str:
        return f"Places at {self.proposal}"

    @property
    def places_left(self) -> int:
        return max(self.capacity - self.places_held, 0)


class WorkshopChoiceState(models.TextChoices):
    PLACE = "place", "Has a place"
    WAITING = "waiting", "On the waiting list"
    LEFT = "left", "Left"


_W = WorkshopChoiceState
LIVE_CHOICE_STATES = (_W.PLACE, _W.WAITING)
WORKSHOP_CHOICE_WORKFLOW = workflow.Machine(
    "conference.workshop_choice",
    WorkshopChoiceState,
    {
        _W.WAITING: {_W.PLACE, _W.LEFT},
        _W.PLACE: {_W.LEFT},
        _W.LEFT: set(),
    },
    noun="This workshop choice",
    now={_W.PLACE: "has a place", _W.WAITING: "is on the waiting list", _W.LEFT: "was left"},
    action={_W.PLACE: "take a place", _W.WAITING: "join the waiting list", _W.LEFT: "be left"},
    already={_W.PLACE: "You already have a place at this workshop.",
             _W.WAITING: "You are already on this workshop's waiting list.",
             _W.LEFT: "You have already left this workshop."},
)


class WorkshopChoice(workflow.WorkflowModel, models.Model):
    """A person's place at a workshop, or their place on its waiting list (oldest ``waiting_since`` first).
    Leaving keeps the row, in the "left" state, with its history in the one transition log."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="choices")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="conf_workshop_choices")
    state = workflow.StateField(max_length=20, choices=WorkshopChoiceState.choices, default=WorkshopChoiceState.PLACE,
                                machine=WORKSHOP_CHOICE_WORKFLOW)
    created_at = models.DateTimeField(auto_now_add=True)
    waiting_since = models.DateTimeField(null=True, blank=True)

    transitions = GenericRelation("workflow.Transition")

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["workshop", "state", "waiting_since"])]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], condition=Q(state__in=["place", "waiting"]),
                                    name="conf_one_live_workshop_choice"),
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.workshop}"

    @property
    def has_place(self) -> bool:
        return self.state == WorkshopChoiceState.PLACE

    @property
    def is_waiting(self) -> bool:
        return self.state == WorkshopChoiceState.WAITING

    @property
    def state_label(self) -> str:
        return WorkshopChoiceState(self.state).label
