"""Every write for evaluation questionnaires: building instruments and their versions, scheduling waves,
inviting and reminding (Celery beat), responding and withdrawing. Each takes the acting person (or
``workflow.SYSTEM``), checks permission, runs in one transaction and locks the parent row first."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.services import notify
from academy.ui.formats import nhs_date
from evaluation.surveys import links, selectors, subjects
from evaluation.surveys.models import (
    Answer,
    Audience,
    Instrument,
    InstrumentVersion,
    Invitation,
    Item,
    ItemKind,
    Response,
    VersionState,
    Wave,
    WaveKind,
)
from evaluation.surveys.rules import may_edit_instruments, may_schedule

MAX_TEXT = 2000
MAX_OPTIONS = 10


def _require_builder(actor) -> None:
    if workflow.is_system(actor):
        return
    if not may_edit_instruments(actor):
        raise PermissionDenied("Only evaluators build questionnaires.")


# --- instruments and versions -------------------------------------------------------------------------


@transaction.atomic
def create_instrument(actor, *, name: str, purpose: str) -> Instrument:
    """A new instrument with an empty draft version 1."""
    _require_builder(actor)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "Enter the questionnaire's name"})
    if Instrument.objects.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a questionnaire with this name"})
    instrument = Instrument.objects.create(
        name=name, purpose=(purpose or "").strip(), owner=workflow.user_or_none(actor)
    )
    version = InstrumentVersion.objects.create(instrument=instrument, number=1)
    workflow.start(version, actor)
    return instrument


def _locked_draft(version: InstrumentVersion) -> InstrumentVersion:
    locked = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if locked.state != VersionState.DRAFT:
        raise ValidationError(
            "This version is in use, so its questions cannot change. Make a new version to change them."
        )
    return locked


def clean_options(kind: str, options) -> list[str]:
    options = [str(option).strip() for option in (options or []) if str(option).strip()]
    if kind != ItemKind.CHOICE:
        return []
    if len(options) < 2:
        raise ValidationError({"options": "Give at least 2 answers to choose from, one a line"})
    if len(options) > MAX_OPTIONS:
        raise ValidationError({"options": f"Give at most {MAX_OPTIONS} answers to choose from"})
    if any(len(option) > 200 for option in options):
        raise ValidationError({"options": "Each answer must be 200 characters or fewer"})
    if len({option.casefold() for option in options}) != len(options):
        raise ValidationError({"options": "Each answer to choose from must be different"})
    return options


@transaction.atomic
def add_item(actor, version: InstrumentVersion, *, kind: str, text: str, construct: str = "", options=()) -> Item:
    _require_builder(actor)
    version = _locked_draft(version)
    if kind not in ItemKind.values:
        raise ValidationError({"kind": "Choose the kind of question"})
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Enter the question"})
    position = (version.items.aggregate(last=Max("position"))["last"] or 0) + 1
    return Item.objects.create(
        version=version,
        position=position,
        kind=kind,
        text=text[:500],
        construct=(construct or "").strip()[:200],
        options=clean_options(kind, options),
    )


@transaction.atomic
def remove_item(actor, item: Item) -> InstrumentVersion:
    _require_builder(actor)
    version = _locked_draft(item.version)
    Item.objects.filter(pk=item.pk).delete()
    _renumber(version)
    return version


@transaction.atomic
def move_item(actor, item: Item, direction: str) -> InstrumentVersion:
    """Move a question one place up or down in a draft."""
    _require_builder(actor)
    version = _locked_draft(item.version)
    items = list(version.items.order_by("position", "pk"))
    index = next(i for i, each in enumerate(items) if each.pk == item.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in {"up", "down"} or not 0 <= other < len(items):
        raise ValidationError("This question cannot move that way.")
    items[index], items[other] = items[other], items[index]
    _renumber(version, items)
    return version


def _renumber(version, items=None) -> None:
    items = items if items is not None else list(version.items.order_by("position", "pk"))
    for position, each in enumerate(items, start=1):
        if each.position != position:
            each.position = position
            each.save(update_fields=["position"])


@transaction.atomic
def publish_version(actor, version: InstrumentVersion) -> InstrumentVersion:
    """Make a draft live: from now on its questions never change."""
    _require_builder(actor)
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.state == VersionState.DRAFT and not version.items.exists():
        raise ValidationError("Add at least one question before you publish.")
    version.published_at = timezone.now()
    workflow.move(version, VersionState.LIVE, actor, update_fields=["published_at"])
    return version


@transaction.atomic
def retire_version(actor, version: InstrumentVersion) -> InstrumentVersion:
    """A retired version can no longer be scheduled; waves already using it keep it."""
    _require_builder(actor)
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    workflow.move(version, VersionState.RETIRED, actor)
    return version


@transaction.atomic
def new_draft(actor, instrument: Instrument) -> InstrumentVersion:
    """A new draft version copying the latest version's questions (the way to change a live one)."""
    _require_builder(actor)
    instrument = Instrument.objects.select_for_update().get(pk=instrument.pk)
    versions = list(instrument.versions.order_by("-number"))
    if any(v.state == VersionState.DRAFT for v in versions):
        raise ValidationError("This questionnaire already has a draft version: change that one.")
    latest = versions[0] if versions else None
    draft = InstrumentVersion.objects.create(instrument=instrument, number=(latest.number + 1) if latest else 1)
    workflow.start(draft, actor)
    if latest is not None:
        Item.objects.bulk_create(
            Item(
                version=draft, position=item.position, kind=item.kind, text=item.text,
                options=list(item.options), construct=item.construct,
            )
            for item in latest.items.order_by("position", "pk")
        )
    return draft


# --- waves ---------------------------------------------------------------------------------------------


def _subject_fields(cohort, subject) -> tuple[dict, str]:
    """The wave's subject field ({"cohort_id": 3}) and the words for "this cohort already has it"."""
    if subject is None and cohort is not None:
        return {"cohort_id": cohort.pk}, "This cohort"
    if subject is None:
        raise ValidationError({"subject": "Choose what the questionnaire is about"})
    return subject.wave_filter, f"This {subject.kind_noun}"


@transaction.atomic
def schedule_wave(
    actor, *, kind: str, audience: str, version: InstrumentVersion, opens_on: dt.date, closes_on: dt.date,
    cohort=None, subject: subjects.Subject | None = None,
) -> Wave:
    """One wave for one subject (a cohort, a conference edition or a shadowing placement: pass ``subject``,
    or ``cohort`` for a cohort)."""
    if not workflow.is_system(actor) and not may_schedule(actor):
        raise PermissionDenied("Only evaluators schedule questionnaires.")
    fields, this = _subject_fields(cohort, subject)
    errors = {}
    if kind not in WaveKind.values:
        errors["kind"] = "Choose the Kirkpatrick level"
    if audience not in Audience.values:
        errors["audience"] = "Choose who answers"
    elif audience == Audience.LINE_MANAGERS and kind != WaveKind.BEHAVIOUR:
        errors["audience"] = "Line managers answer only the level 3 (behaviour) questionnaire"
    if closes_on < opens_on:
        errors["closes_on"] = "The closing date must be the same as or after the opening date"
    if errors:
        raise ValidationError(errors)
    version = InstrumentVersion.objects.select_for_update().get(pk=version.pk)
    if version.state != VersionState.LIVE:
        raise ValidationError({"version": "Choose a live version of a questionnaire"})
    taken = f"{this} already has this questionnaire for these people"
    if Wave.objects.filter(**fields, kind=kind, audience=audience).exists():
        raise ValidationError({"kind": taken})
    try:
        with transaction.atomic():
            return Wave.objects.create(
                **fields, kind=kind, audience=audience, version=version, opens_on=opens_on,
                closes_on=closes_on, created_by=workflow.user_or_none(actor),
            )
    except IntegrityError as error:
        raise ValidationError({"kind": taken}) from error


@transaction.atomic
def schedule_standard(actor, *, versions: dict, cohort=None, subject: subjects.Subject | None = None,
                      now=None) -> list[Wave]:
    """Schedule a subject's standard Kirkpatrick waves in one go (see ``selectors.standard_plan`` for the
    dates), each with the version chosen for it (``versions``: a planned wave's field name to a live
    version). Waves the subject already has, or whose window has passed, are skipped, so running it twice
    makes nothing new; a wave made meanwhile by someone else is skipped too. All or nothing. The subject is
    a cohort (``cohort``) or any ``subjects.Subject`` (a cohort, an edition or a placement)."""
    if not workflow.is_system(actor) and not may_schedule(actor):
        raise PermissionDenied("Only evaluators schedule questionnaires.")
    fields, this = _subject_fields(cohort, subject)
    plan = [planned for planned in selectors.standard_plan(subject or cohort, now) if planned.to_make]
    if not plan:
        raise ValidationError(f"{this} already has every wave of the standard schedule that can still open.")
    chosen = {planned.field_name: versions.get(planned.field_name) for planned in plan}
    errors = {name: "Choose the questionnaire" for name, version in chosen.items() if version is None}
    if errors:
        raise ValidationError(errors)
    locked = {
        version.pk: version
        for version in InstrumentVersion.objects.select_for_update().filter(pk__in={v.pk for v in chosen.values()})
    }
    errors = {
        name: "Choose a live version of a questionnaire"
        for name, version in chosen.items()
        if version.pk not in locked or locked[version.pk].state != VersionState.LIVE
    }
    if errors:
        raise ValidationError(errors)
    made = []
    for planned in plan:
        try:
            with transaction.atomic():
                made.append(
                    Wave.objects.create(
                        **fields, kind=planned.kind, audience=planned.audience,
                        version=locked[chosen[planned.field_name].pk], opens_on=planned.opens_on,
                        closes_on=planned.closes_on, created_by=workflow.user_or_none(actor),
                    )
                )
        except IntegrityError:
            continue  # someone scheduled this wave meanwhile: theirs stands
    return made


def wave_is_open(wave: Wave, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return wave.opens_on <= today <= wave.closes_on


# --- invitations and reminders (Celery beat) ---------------------------------------------------------

REMINDERS = ("survey_reminder_first", "survey_reminder_second")


def reminder_days(wave: Wave) -> tuple[dt.date, dt.date]:
    """The first reminder goes halfway through the window, the second on its last day."""
    first = wave.opens_on + (wave.closes_on - wave.opens_on) / 2
    return max(first, wave.opens_on + dt.timedelta(days=1)), wave.closes_on


def _ensure_invitations(wave: Wave, today: dt.date) -> None:
    """Invite the wave's subject's participants (for a line managers' wave, those who named a line
    manager) who are not invited yet."""
    existing = set(wave.invitations.values_list("leader_id", flat=True))
    to_managers = wave.audience == Audience.LINE_MANAGERS
    new = []
    for person in subjects.participants(wave, today):
        if person.user_id in existing or (to_managers and not person.line_manager_email):
            continue
        new.append(
            Invitation(
                wave=wave,
                leader_id=person.user_id,
                line_manager_name=person.line_manager_name if to_managers else "",
                line_manager_email=person.line_manager_email if to_managers else "",
            )
        )
    Invitation.objects.bulk_create(new, ignore_conflicts=True)


def _context(wave: Wave, invitation) -> dict:
    leader = invitation.leader
    return {
        "first_name": leader.first_name if wave.audience == Audience.PARTICIPANTS else "",
        "line_manager_name": invitation.line_manager_name,
        "leader_name": leader.get_full_name(),
        "cohort": wave.subject.title,
        "wave": wave.get_kind_display(),
        "closes_on": nhs_date(wave.closes_on),
    }


def _send(template: str, wave: Wave, invitation) -> bool:
    context = _context(wave, invitation)
    key = f"evaluation_surveys:{template}:{wave.pk}:{invitation.leader_id}"
    if wave.audience == Audience.LINE_MANAGERS:
        context["path"] = links.line_manager_path(invitation)
        return notify(key, template.replace("survey_", "survey_lm_"), invitation.line_manager_email, context)
    context["path"] = reverse("evaluation_surveys:respond", args=[invitation.pk])
    return notify(key, template, invitation.leader.email, context, recipient=invitation.leader, link=context["path"])


def send_invitations_and_reminders(now=None) -> int:
    """Beat: for every open wave, invite its people (once), then remind those who have not answered,
    twice at most. Each email has its own notification key per person per wave, so however often beat
    runs nothing is sent twice. Returns the number of emails that went out."""
    today = timezone.localdate(now)
    sent = 0
    waves = Wave.objects.filter(opens_on__lte=today, closes_on__gte=today).select_related("cohort__programme")
    for wave in subjects.attach(waves.order_by("pk")):
        with transaction.atomic():
            _ensure_invitations(wave, today)
        first, second = reminder_days(wave)
        invitations = wave.invitations.select_related("leader", "response").order_by("pk")
        for invitation in invitations:
            sent += _send("survey_invitation", wave, invitation)
            if hasattr(invitation, "response") or invitation.withdrawn_at:
                continue
            if today >= first:
                sent += _send(REMINDERS[0], wave, invitation)
            if today >= second and second > first:
                sent += _send(REMINDERS[1], wave, invitation)
    return sent


# --- responding ----------------------------------------------------------------------------------------


def validate_answer(item: Item, raw) -> dict:
    """The stored fields for one answer, or a ValidationError naming the item's field."""
    field = f"item_{item.pk}"
    raw = "" if raw is None else str(raw).strip()
    if item.kind == ItemKind.TEXT:
        if len(raw) > MAX_TEXT:
            raise ValidationError({field: f"Your answer must be {MAX_TEXT} characters or fewer"})
        return {"text": raw}
    if not raw:
        raise ValidationError({field: "Answer this question"})
    if item.kind == ItemKind.CHOICE:
        if raw not in item.options:
            raise ValidationError({field: "Choose one of the answers given"})
        return {"choice": raw}
    low, high = (1, 5) if item.kind == ItemKind.LIKERT else (0, 100)
    try:
        number = int(raw)
    except ValueError as error:
        raise ValidationError({field: f"Give a whole number from {low} to {high}"}) from error
    if not low <= number <= high:
        raise ValidationError({field: f"Give a whole number from {low} to {high}"})
    return {"number": number}


@transaction.atomic
def submit_response(actor, invitation, answers: dict, *, consent_to_quote: bool = False, now=None) -> Response:
    """Record one person's answers to a wave (once). ``actor`` is the participant, or SYSTEM for a line
    manager answering through their signed link. ``answers``: item pk to what was given."""
    invitation = Invitation.objects.select_for_update().select_related("wave", "wave__version").get(pk=invitation.pk)
    wave = invitation.wave
    if workflow.is_system(actor):
        if wave.audience != Audience.LINE_MANAGERS:
            raise PermissionDenied("Participants answer signed in.")
    elif wave.audience != Audience.PARTICIPANTS or invitation.leader_id != actor.pk:
        raise PermissionDenied("This questionnaire is not yours to answer.")
    now = now or timezone.now()
    if not wave_is_open(wave, timezone.localdate(now)):
        raise ValidationError("This questionnaire is closed.")
    if Response.objects.filter(invitation=invitation).exists():
        raise ValidationError("You have already answered this questionnaire.")
    items = list(wave.version.items.order_by("position", "pk"))
    errors, rows = {}, []
    for item in items:
        try:
            rows.append((item, validate_answer(item, answers.get(item.pk, answers.get(str(item.pk))))))
        except ValidationError as error:
            errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    response = Response.objects.create(invitation=invitation, submitted_at=now, consent_to_quote=bool(consent_to_quote))
    Answer.objects.bulk_create(Answer(response=response, item=item, **fields) for item, fields in rows)
    return response


@transaction.atomic
def withdraw_response(actor, response: Response) -> None:
    """A participant withdraws their answers: they are deleted, and the person is not reminded again."""
    response = Response.objects.select_for_update().select_related("invitation__wave").get(pk=response.pk)
    if workflow.is_system(actor) or response.invitation.leader_id != actor.pk or (
        response.invitation.wave.audience != Audience.PARTICIPANTS
    ):
        raise PermissionDenied("These answers are not yours.")
    invitation = response.invitation
    response.delete()
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
