"""The one workflow mechanism every state machine uses.

A machine is declared once, next to its model: its states, the moves it allows, and the words a person
reads when a move is refused. The model's state field is a :class:`StateField` bound to the machine, and
the field refuses to save a changed state unless the change came through :func:`move`, which checks the
machine, saves, and writes one :class:`academy.workflow.models.Transition` row.

Who acts is always explicit: a user, or :data:`SYSTEM` (the Academy itself: scheduled tasks, cascades,
demo data, someone acting through a signed link). ``None`` is refused, so no caller can skip a
permission check by leaving the actor out. Permission checks, row locks and capacity checks stay in the
services, which know the rules; the mechanism knows only the moves.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import post_init
from django.utils import timezone

_MACHINES: dict[str, Machine] = {}
_COMMITTED = "_workflow_committed"
_MOVING = "_workflow_moving"


class SystemActor:
    """The Academy itself acting: not a person, so no permission check applies and no user is recorded."""

    is_authenticated = False
    is_active = False
    pk = None

    def __init__(self, label: str) -> None:
        self.label = label

    def __repr__(self) -> str:
        return "workflow.SYSTEM"


SYSTEM = SystemActor("The Academy (automatic)")


class NotAllowed(ValidationError):
    """A move the machine does not allow; the message is for a person to read."""


class StateProtected(RuntimeError):
    """A state was changed without going through the workflow mechanism."""


def is_system(actor) -> bool:
    """True for :data:`SYSTEM`, False for a user. ``None`` raises: say who acts."""
    if actor is None:
        raise TypeError("Say who acts: pass the user, or workflow.SYSTEM for the Academy itself (None is refused).")
    return actor is SYSTEM or isinstance(actor, SystemActor)


def user_or_none(actor):
    """The user to record in a "by" column: the user, or None when the system acted."""
    return None if is_system(actor) else actor


class Machine:
    """One state machine: its states (a TextChoices), the moves each state may make, and the refusal words.

    ``noun`` starts a refusal ("This application"); ``now`` says where a state is ("has been withdrawn");
    ``action`` says what a move would do ("be offered a place"); ``already`` is what a person reads when
    they ask for the state the object is already in ("You have already accepted this place").
    """

    def __init__(
        self,
        name: str,
        states: type[models.TextChoices],
        moves: Mapping[str, Iterable[str]],
        *,
        noun: str,
        now: Mapping[str, str],
        action: Mapping[str, str],
        already: Mapping[str, str] | None = None,
    ) -> None:
        if name in _MACHINES:
            raise ValueError(f"A workflow machine called {name!r} is already declared.")
        self.name = name
        self.states = states
        self.moves = {str(state): frozenset(str(to) for to in targets) for state, targets in moves.items()}
        known = set(states.values)
        missing = known - set(self.moves)
        unknown = {to for targets in self.moves.values() for to in targets} - known
        if missing or unknown or set(self.moves) - known:
            raise ValueError(f"Machine {name}: states without moves {missing}, unknown states {unknown}.")
        self.noun = noun
        self.now = {str(k): v for k, v in now.items()}
        self.action = {str(k): v for k, v in action.items()}
        self.already = {str(k): v for k, v in (already or {}).items()}
        if known - set(self.now) or known - set(self.action):
            raise ValueError(f"Machine {name}: every state needs a 'now' phrase and an 'action' phrase.")
        _MACHINES[name] = self

    def __repr__(self) -> str:
        return f"<Machine {self.name}>"

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def allows(self, from_state: str, to_state: str) -> bool:
        return to_state in self.moves.get(from_state, ())

    def refusal(self, from_state: str, to_state: str) -> str:
        """Why ``from_state`` may not move to ``to_state``, in a person's words."""
        if to_state not in self.states.values:
            return "Choose what to do next."
        if from_state == to_state:
            return self.already.get(to_state) or f"{self.noun} {self.now[from_state]} already."
        return f"{self.noun} {self.now[from_state]}, so it cannot {self.action[to_state]}."


def machine_named(name: str) -> Machine:
    return _MACHINES[name]


def machines() -> dict[str, Machine]:
    return dict(_MACHINES)


# --- the protected state field -----------------------------------------------------------------------


def _remember(instance, attname: str) -> None:
    committed = instance.__dict__.setdefault(_COMMITTED, {})
    if attname in instance.__dict__:
        committed[attname] = instance.__dict__[attname]
    else:
        committed.pop(attname, None)  # deferred: nothing to compare with until it is loaded


class StateField(models.CharField):
    """A CharField whose value may change only through :func:`move` once the row exists. Creating a row
    in any state is allowed (factories, demo data, a service's first save); saving a changed state on an
    existing row raises :class:`StateProtected`. Queryset ``update()`` is not guarded: services don't use it
    for states. Migrations see a plain CharField."""

    def __init__(self, *args, machine: Machine | None = None, **kwargs) -> None:
        self.machine = machine
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=private_only)
        if self.machine is None or cls._meta.abstract:
            return
        attname = self.attname

        def remember(sender, instance, **kwargs):
            _remember(instance, attname)

        post_init.connect(remember, sender=cls, weak=False, dispatch_uid=f"workflow:{cls._meta.label}:{attname}")
        cls._workflow_field = self

    def pre_save(self, model_instance, add):
        value = super().pre_save(model_instance, add)
        if not add:  # a last guard for saves that skip Model.save (WorkflowModel.save refuses earlier)
            _refuse_unmoved(model_instance, self)
        return value


def _refuse_unmoved(instance, field: StateField) -> None:
    if field.machine is None or instance.__dict__.get(_MOVING):
        return
    committed = instance.__dict__.get(_COMMITTED, {})
    value = instance.__dict__.get(field.attname)
    if field.attname in committed and committed[field.attname] != value:
        raise StateProtected(
            f"{type(instance).__name__}.{field.name} changes only through the workflow "
            f"({field.machine.name}): {committed[field.attname]!r} to {value!r} was not moved."
        )


class WorkflowModel:
    """Mixin for a model with a :class:`StateField` (``class Bid(WorkflowModel, models.Model)``): keeps the
    field's protection right after a refresh or a save."""

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        field = getattr(type(self), "_workflow_field", None)
        if field is not None and (fields is None or field.attname in fields or field.name in fields):
            _remember(self, field.attname)

    def save(self, *args, **kwargs):
        field = getattr(type(self), "_workflow_field", None)
        update_fields = kwargs.get("update_fields")
        if field is not None and not self._state.adding and (
            update_fields is None or field.name in update_fields or field.attname in update_fields
        ):
            _refuse_unmoved(self, field)  # before any query, so the caller's transaction stays usable
        super().save(*args, **kwargs)
        if field is not None:
            _remember(self, field.attname)


def _field_of(obj) -> StateField:
    field = getattr(type(obj), "_workflow_field", None)
    if field is None:
        raise TypeError(f"{type(obj).__name__} has no workflow state field.")
    return field


# --- moving ---------------------------------------------------------------------------------------


def move(obj, to_state: str, actor, *, note: str = "", actor_label: str = "", at=None,
         update_fields: Iterable[str] | None = ()):
    """Move ``obj`` to ``to_state`` if its machine allows it, save it, and record the move.

    ``actor`` is a user or :data:`SYSTEM` (None raises). The caller has checked permission and holds the
    locks it needs. ``update_fields`` lists other fields the caller changed (saved with the state);
    ``None`` saves the whole object (needed for models whose history records the save). Raises
    :class:`NotAllowed` with a person's words when the move is not allowed. Returns the Transition."""
    system = is_system(actor)
    field = _field_of(obj)
    machine = field.machine
    from_state = getattr(obj, field.attname)
    to_state = str(to_state)
    if not machine.allows(from_state, to_state):
        raise NotAllowed(machine.refusal(from_state, to_state))
    setattr(obj, field.attname, to_state)
    obj.__dict__[_MOVING] = True
    try:
        if update_fields is None:
            obj.save()
        else:
            fields = {field.attname, *update_fields}
            if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
                fields.add("updated_at")
            obj.save(update_fields=sorted(fields))
    except BaseException:
        setattr(obj, field.attname, from_state)
        raise
    finally:
        obj.__dict__.pop(_MOVING, None)
    _remember(obj, field.attname)
    return _record(obj, machine, from_state, to_state, actor, system, note, actor_label, at)


def start(obj, actor, *, note: str = "", actor_label: str = "", at=None):
    """Record the state a new object starts in (from nothing), for machines whose history shows it."""
    system = is_system(actor)
    field = _field_of(obj)
    return _record(obj, field.machine, "", getattr(obj, field.attname), actor, system, note, actor_label, at)


def _record(obj, machine, from_state, to_state, actor, system, note, actor_label, at):
    # models.py imports this module for the state field, so the log's model is looked up when recording.
    from django.contrib.contenttypes.models import ContentType  # noqa: PLC0415

    from academy.workflow.models import Transition  # noqa: PLC0415

    return Transition.objects.create(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk,
        machine=machine.name,
        from_state=from_state,
        to_state=to_state,
        actor=None if system else actor,
        actor_label=actor_label or (actor.label if system else ""),
        note=(note or "")[:300],
        at=at or timezone.now(),
    )


def allowed_moves(obj) -> frozenset[str]:
    field = _field_of(obj)
    return field.machine.moves.get(getattr(obj, field.attname), frozenset())


def force_state_for_tests(obj, state: str) -> None:
    """Tests only: put ``obj`` in ``state`` without a move or a log row (to set up a case that no sequence
    of moves reaches cheaply). Never call this from the application."""
    field = _field_of(obj)
    type(obj)._base_manager.filter(pk=obj.pk).update(**{field.attname: state})
    setattr(obj, field.attname, state)
    _remember(obj, field.attname)
