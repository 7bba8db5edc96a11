"""The conference team sets up an edition: its dates, rooms, themes, session types with their questions,
and the call; publishing it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify

from academy.ui.formats import nhs_date, nhs_datetime
from programmes.conference.models import (
    Call,
    Edition,
    EditionState,
    Room,
    SessionQuestion,
    SessionType,
    Theme,
)
from programmes.conference.services.common import LONDON, require_admin


def _check_edition_dates(starts_on, ends_on, edition: Edition | None) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": "The last day must be the same as or after the first day"})
    if edition is not None and starts_on:
        late = [st for st in edition.session_types.all() if _deadline_day(st.deadline) >= starts_on]
        if late:
            raise ValidationError(
                {"starts_on": f"The {late[0].get_kind_display().lower()} deadline is "
                 f"{nhs_datetime(late[0].deadline)}: the first day must come after every proposal deadline"}
            )


def _deadline_day(moment):
    return moment.astimezone(LONDON).date()


@transaction.atomic
def save_edition(actor, edition: Edition | None = None, *, name: str, starts_on, ends_on, venue_name: str,
                 description: str = "") -> Edition:
    """Create an edition (a draft: leaders do not see it until it is published) or change one."""
    require_admin(actor)
    if edition is not None:
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
    _check_edition_dates(starts_on, ends_on, edition)
    name = name.strip()
    if Edition.objects.filter(name__iexact=name).exclude(pk=getattr(edition, "pk", None)).exists():
        raise ValidationError({"name": "There is already an edition with this name"})
    if edition is None:
        base = slugify(name)[:70] or "edition"
        slug, number = base, 2
        while Edition.objects.filter(slug=slug).exists():
            slug, number = f"{base}-{number}", number + 1
        edition = Edition(slug=slug)
    edition.name = name
    edition.starts_on, edition.ends_on = starts_on, ends_on
    edition.venue_name, edition.description = venue_name.strip(), description.strip()
    edition.save()
    return edition


def publish_problems(edition: Edition) -> list[str]:
    """What an edition still needs before leaders can see its call for proposals."""
    problems = []
    if not Call.objects.filter(edition=edition).exists():
        problems.append("Write the call for proposals.")
    if not edition.session_types.exists():
        problems.append("Add at least one session type, with its deadline.")
    return problems


@transaction.atomic
def publish_edition(actor, edition: Edition) -> Edition:
    require_admin(actor)
    edition = Edition.objects.select_for_update().get(pk=edition.pk)
    if edition.is_published:
        raise ValidationError("This edition is already published.")
    problems = publish_problems(edition)
    if problems:
        raise ValidationError(problems)
    edition.state = EditionState.PUBLISHED
    edition.save(update_fields=["state"])
    return edition


def _lock_edition(edition: Edition) -> Edition:
    return Edition.objects.select_for_update().get(pk=edition.pk)


@transaction.atomic
def save_room(actor, edition: Edition, room: Room | None = None, *, name: str, capacity: int) -> Room:
    require_admin(actor)
    edition = _lock_edition(edition)
    if capacity is None or capacity <= 0:
        raise ValidationError({"capacity": "The capacity must be 1 or more"})
    name = name.strip()
    if edition.rooms.filter(name__iexact=name).exclude(pk=getattr(room, "pk", None)).exists():
        raise ValidationError({"name": "This edition already has a room with this name"})
    room = room or Room(edition=edition)
    if room.edition_id != edition.pk:
        raise PermissionDenied("This room is not in this edition.")
    room.name, room.capacity = name, capacity
    room.save()
    return room


@transaction.atomic
def save_theme(actor, edition: Edition, theme: Theme | None = None, *, name: str, priority_functions=()) -> Theme:
    require_admin(actor)
    edition = _lock_edition(edition)
    name = name.strip()
    if edition.themes.filter(name__iexact=name).exclude(pk=getattr(theme, "pk", None)).exists():
        raise ValidationError({"name": "This edition already has a theme with this name"})
    theme = theme or Theme(edition=edition)
    if theme.edition_id != edition.pk:
        raise PermissionDenied("This theme is not in this edition.")
    theme.name = name
    theme.save()
    theme.priority_functions.set(priority_functions)
    return theme


@transaction.atomic
def save_session_type(actor, edition: Edition, session_type: SessionType | None = None, *, kind: str,
                      length_minutes: int, deadline, max_co_speakers: int) -> SessionType:
    """A kind of session with its length and its own deadline, which must come before the first day."""
    require_admin(actor)
    edition = _lock_edition(edition)
    errors = {}
    if length_minutes is None or length_minutes <= 0:
        errors["length_minutes"] = "The length must be 1 minute or more"
    if max_co_speakers is None or max_co_speakers < 0:
        errors["max_co_speakers"] = "The number of co-speakers cannot be negative"
    if deadline is None:
        errors["deadline"] = "Enter the proposal deadline"
    elif _deadline_day(deadline) >= edition.starts_on:
        errors["deadline"] = (
            f"The proposal deadline must be before the conference's first day, {nhs_date(edition.starts_on)}"
        )
    if edition.session_types.filter(kind=kind).exclude(pk=getattr(session_type, "pk", None)).exists():
        errors["kind"] = "This edition already has this session type: change that one"
    if errors:
        raise ValidationError(errors)
    session_type = session_type or SessionType(edition=edition)
    if session_type.edition_id != edition.pk:
        raise PermissionDenied("This session type is not in this edition.")
    session_type.kind, session_type.length_minutes = kind, length_minutes
    session_type.deadline, session_type.max_co_speakers = deadline, max_co_speakers
    session_type.save()
    return session_type


@transaction.atomic
def save_question(actor, session_type: SessionType, question: SessionQuestion | None = None, *, text: str,
                  hint: str = "", required: bool = True) -> SessionQuestion:
    require_admin(actor)
    _lock_edition(session_type.edition)
    if question is None:
        question = SessionQuestion(session_type=session_type, position=session_type.questions.count() + 1)
    question.text, question.hint, question.required = text.strip(), hint.strip(), required
    question.save()
    return question


@transaction.atomic
def delete_question(actor, question: SessionQuestion) -> None:
    require_admin(actor)
    _lock_edition(question.session_type.edition)
    if question.answers.exclude(text="").exists():
        raise ValidationError("Proposals have answered this question, so it cannot be deleted. Change its words.")
    question.delete()


@transaction.atomic
def save_call(actor, edition: Edition, *, guidance: str, ask_accessibility: bool, ask_av: bool) -> Call:
    require_admin(actor)
    edition = _lock_edition(edition)
    call, _ = Call.objects.get_or_create(edition=edition, defaults={"guidance": guidance})
    call.guidance, call.ask_accessibility, call.ask_av = guidance.strip(), ask_accessibility, ask_av
    call.save()
    return call
