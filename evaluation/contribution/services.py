"""Writes for the contribution log: record an entry, propose one, confirm or decline a proposal, record an
adoption and a scaling. Each takes the acting person, checks permission and invariants, locks the entry and
moves it through the one workflow (academy.workflow), whose transition log is the entry's history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy import workflow
from evaluation.contribution.models import Entry, SourceKind, Stage

NOTE_MAX = 300


@dataclass
class EntryData:
    """What describes an innovation, from the entry form."""

    title: str
    description: str
    source_kind: str
    owner: str
    system_problem: object | None = None
    project: object | None = None
    source_text: str = ""
    programme: object | None = None
    board: str = ""
    priority_functions: list = field(default_factory=list)
    boroughs: list = field(default_factory=list)


def _clean(data: EntryData) -> EntryData:
    errors = {}
    data.title, data.description = data.title.strip(), data.description.strip()
    data.owner, data.source_text, data.board = data.owner.strip(), data.source_text.strip(), data.board.strip()
    if not data.title:
        errors["title"] = "Enter the innovation's name"
    if not data.description:
        errors["description"] = "Describe the innovation"
    if not data.owner:
        errors["owner"] = "Enter who owns the innovation"
    if data.source_kind == SourceKind.PROBLEM:
        if data.system_problem is None:
            errors["system_problem"] = "Select the system problem the innovation came from"
        data.project, data.source_text = None, ""
    elif data.source_kind == SourceKind.PROJECT:
        if data.project is None:
            errors["project"] = "Select the Challenge Fund project the innovation came from"
        data.system_problem, data.source_text = None, ""
    elif data.source_kind == SourceKind.OTHER:
        if not data.source_text:
            errors["source_text"] = "Describe where the innovation came from"
        data.system_problem, data.project = None, None
    else:
        errors["source_kind"] = "Select where the innovation came from"
    if errors:
        raise ValidationError(errors)
    return data


def _create(actor, data: EntryData, stage: str, note: str) -> Entry:
    with transaction.atomic():
        entry = Entry.objects.create(
            title=data.title, description=data.description, source_kind=data.source_kind,
            system_problem=data.system_problem, project=data.project, source_text=data.source_text,
            programme=data.programme, owner=data.owner, board=data.board, stage=stage,
            proposed_by=actor if stage == Stage.PROPOSED else None,
            recorded_by=actor if stage != Stage.PROPOSED else None,
        )
        entry.priority_functions.set(data.priority_functions)
        entry.boroughs.set(data.boroughs)
        workflow.start(entry, actor, note=note)
    return entry


def record_entry(actor, data: EntryData) -> Entry:
    """An evaluator (any programme) or a programme admin (one of their programmes) records an innovation as
    identified."""
    if not actor.has_perm("evaluation_contribution.record"):
        raise PermissionDenied
    # A programme admin records only for the programmes they run.
    if not actor.has_perm("evaluation_contribution.confirm") and (
        data.programme is None or not actor.has_perm("evaluation_contribution.change_entry", data)
    ):
        raise ValidationError({"programme": "Select one of the programmes you run"})
    return _create(actor, _clean(data), Stage.IDENTIFIED, "")


def propose_entry(actor, data: EntryData) -> Entry:
    """Anyone signed in proposes an innovation; it joins the log when an evaluator confirms it."""
    if not actor.has_perm("evaluation_contribution.propose"):
        raise PermissionDenied
    return _create(actor, _clean(data), Stage.PROPOSED, "")


def _locked(entry: Entry) -> Entry:
    return Entry.objects.select_for_update().get(pk=entry.pk)


def decide_proposal(actor, entry: Entry, *, confirm: bool, note: str = "") -> Entry:
    if not actor.has_perm("evaluation_contribution.confirm"):
        raise PermissionDenied
    note = note.strip()
    if not confirm and not note:
        raise ValidationError({"note": "Say why the innovation is not being taken forward"})
    if len(note) > NOTE_MAX:
        raise ValidationError({"note": f"The note must be {NOTE_MAX} characters or fewer"})
    with transaction.atomic():
        entry = _locked(entry)
        if entry.stage != Stage.PROPOSED:
            raise ValidationError({"decision": "This proposal has already been decided"})
        entry.recorded_by = actor
        workflow.move(entry, Stage.IDENTIFIED if confirm else Stage.DECLINED, actor,
                      note=note, update_fields=["recorded_by"])
    return entry


def _check_day(day: datetime.date | None, name: str, what: str) -> None:
    if day is None:
        raise ValidationError({name: f"Enter the date {what}"})
    if day > timezone.localdate():
        raise ValidationError({name: f"The date {what} must be today or in the past"})


def _check_link(link: str, name: str) -> str:
    link = link.strip()
    if link and not link.lower().startswith(("https://", "http://")):
        raise ValidationError({name: "Enter a link starting with https://"})
    return link


def record_adoption(actor, entry: Entry, *, adopted_by: str, adopted_where: str, adopted_on, evidence: str,
                    link: str = "") -> Entry:
    """The innovation has been adopted by an organisation (on a day not in the future), with evidence."""
    if not actor.has_perm("evaluation_contribution.change_entry", entry):
        raise PermissionDenied
    adopted_by, adopted_where, evidence = adopted_by.strip(), adopted_where.strip(), evidence.strip()
    errors = {}
    if not adopted_by:
        errors["adopted_by"] = "Enter the organisation that adopted the innovation"
    if not adopted_where:
        errors["adopted_where"] = "Enter where the innovation was adopted"
    if not evidence:
        errors["evidence"] = "Describe the evidence of adoption"
    try:
        _check_day(adopted_on, "adopted_on", "it was adopted")
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        link = _check_link(link, "link")
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = _locked(entry)
        entry.adopted_by, entry.adopted_where, entry.adopted_on = adopted_by, adopted_where, adopted_on
        entry.adoption_evidence, entry.adoption_link = evidence, link
        workflow.move(entry, Stage.ADOPTED, actor,
                      update_fields=["adopted_by", "adopted_where", "adopted_on", "adoption_evidence",
                                     "adoption_link"])
    return entry


def record_scaling(actor, entry: Entry, *, scaled_to: str, boroughs, scaled_on, evidence: str,
                   link: str = "") -> Entry:
    """The innovation has spread to further organisations or boroughs (on a day not in the future and not
    before it was adopted), with evidence."""
    if not actor.has_perm("evaluation_contribution.change_entry", entry):
        raise PermissionDenied
    scaled_to, evidence = scaled_to.strip(), evidence.strip()
    boroughs = list(boroughs or [])
    errors = {}
    if not scaled_to and not boroughs:
        errors["scaled_to"] = "Enter the further organisations, or select the further boroughs"
    if not evidence:
        errors["evidence"] = "Describe the evidence of scaling"
    try:
        _check_day(scaled_on, "scaled_on", "it was scaled")
        if entry.adopted_on and scaled_on < entry.adopted_on:
            raise ValidationError({"scaled_on": "The date it was scaled must be on or after the date it was "
                                                "adopted"})
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        link = _check_link(link, "link")
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        entry = _locked(entry)
        entry.scaled_to, entry.scaled_on, entry.scaling_evidence, entry.scaling_link = (
            scaled_to, scaled_on, evidence, link)
        workflow.move(entry, Stage.SCALED, actor, update_fields=[
            "scaled_to", "scaled_on", "scaling_evidence", "scaling_link"])
        entry.scaled_boroughs.set(boroughs)
    return entry
