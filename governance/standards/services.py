"""Writes for the care standards register. Every state change goes through the workflow mechanism
(``academy.workflow``) and its one transition log; every save keeps history with who made it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from academy import workflow
from academy.ui.formats import nhs_date, nhs_datetime
from governance.models import CARE_STANDARD_WORKFLOW, AgendaItem, CareStandard, ClinicalNetwork, StandardState

FIELDS = ("network", "title", "summary", "document_url")


def _check(actor, perm: str, obj, message: str) -> None:
    if workflow.is_system(actor):
        return
    if not actor.has_perm(perm, obj):
        raise PermissionDenied(message)


def _save(standard: CareStandard, actor, reason: str) -> None:
    if not workflow.is_system(actor):
        standard._history_user = actor
    standard._change_reason = reason
    standard.save()


def _move(standard: CareStandard, to_state: str, actor, note: str = "") -> None:
    if not workflow.is_system(actor):
        standard._history_user = actor
    standard._change_reason = f"moved to {to_state}"
    workflow.move(standard, to_state, actor, note=note, update_fields=None)


def _locked(standard: CareStandard) -> CareStandard:
    return CareStandard.objects.select_for_update().get(pk=standard.pk)


@transaction.atomic
def propose_standard(actor, data: dict) -> CareStandard:
    """A network lead or the secretariat adds a draft standard (version 1). A network lead proposes only
    for a network they lead."""
    _check(
        actor,
        "governance.propose_standard",
        None,
        "Only network leads and the governance secretariat can propose care standards.",
    )
    network: ClinicalNetwork = data["network"]
    if not workflow.is_system(actor) and not actor.has_perm("governance.manage_standards"):
        probe = CareStandard(network=network)
        if not actor.has_perm("governance.change_standard", probe):
            raise ValidationError({"network": "Choose a clinical network you lead."})
    standard = CareStandard(proposed_by=workflow.user_or_none(actor), version=1)
    for field in FIELDS:
        setattr(standard, field, data.get(field) or ("" if field != "network" else None))
    return _create(standard, actor, "proposed")


def _create(standard: CareStandard, actor, reason: str) -> CareStandard:
    standard.full_clean(validate_constraints=False)
    if CareStandard.objects.filter(network=standard.network, title=standard.title, version=standard.version).exists():
        raise ValidationError({"title": "This network already has a standard with this title and version."})
    try:
        with transaction.atomic():
            _save(standard, actor, reason)
    except IntegrityError as exc:
        raise ValidationError("Another version of this standard was added at the same time. Try again.") from exc
    workflow.start(standard, actor)
    return standard


@transaction.atomic
def change_draft(actor, standard: CareStandard, data: dict) -> CareStandard:
    """Change a draft's title, summary or link (its network stays)."""
    standard = _locked(standard)
    _check(
        actor,
        "governance.change_standard",
        standard,
        "Only a draft can be changed, by its network's leads or the governance secretariat.",
    )
    for field in ("title", "summary", "document_url"):
        if field in data:
            setattr(standard, field, data[field] or "")
    standard.full_clean(validate_constraints=False)
    clash = CareStandard.objects.filter(network=standard.network_id, title=standard.title, version=standard.version)
    if clash.exclude(pk=standard.pk).exists():
        raise ValidationError({"title": "This network already has a standard with this title and version."})
    _save(standard, actor, "changed")
    return standard


@transaction.atomic
def propose_new_version(actor, standard: CareStandard) -> CareStandard:
    """Start the next version of an approved standard: a draft copy that will supersede it when approved."""
    standard = _locked(standard)
    _check(
        actor,
        "governance.propose_standard",
        None,
        "Only network leads and the governance secretariat can propose care standards.",
    )
    if not workflow.is_system(actor) and not (
        actor.has_perm("governance.manage_standards")
        or actor.has_perm("governance.change_standard", CareStandard(network=standard.network))
    ):
        raise PermissionDenied("Only the network's leads and the governance secretariat can propose a new version.")
    if standard.state != StandardState.APPROVED:
        raise ValidationError("Only an approved standard can have a new version.")
    if standard.successors.exclude(state=StandardState.RETIRED).exists():
        raise ValidationError("A new version of this standard is already being prepared.")
    latest = CareStandard.objects.filter(network=standard.network_id, title=standard.title).order_by("-version")
    draft = CareStandard(
        network=standard.network,
        title=standard.title,
        summary=standard.summary,
        document_url=standard.document_url,
        supersedes=standard,
        version=latest[0].version + 1,
        proposed_by=workflow.user_or_none(actor),
    )
    return _create(draft, actor, f"new version of version {standard.version}")


@transaction.atomic
def send_for_approval(actor, standard: CareStandard) -> CareStandard:
    standard = _locked(standard)
    _check(
        actor,
        "governance.change_standard",
        standard,
        "Only a draft can be sent for approval, by its network's leads or the governance secretariat.",
    )
    _move(standard, StandardState.FOR_APPROVAL, actor)
    return standard


@transaction.atomic
def send_back_to_draft(actor, standard: CareStandard, note: str = "") -> CareStandard:
    standard = _locked(standard)
    _check(actor, "governance.manage_standards", standard, "Only the governance secretariat can send a standard back.")
    _move(standard, StandardState.DRAFT, actor, note)
    return standard


@transaction.atomic
def record_consultation(actor, standard: CareStandard, consulted_on, consulted_with: str, outcome: str) -> CareStandard:
    """Record the ICS Executive's consultation on a draft or a standard waiting for approval. It cannot be
    dated in the future: nothing is recorded as happened before it happened."""
    standard = _locked(standard)
    _check(
        actor, "governance.manage_standards", standard, "Only the governance secretariat can record the consultation."
    )
    if standard.state not in {StandardState.DRAFT, StandardState.FOR_APPROVAL}:
        raise ValidationError(f"This standard is {standard.get_state_display().lower()}: its consultation is closed.")
    errors = {}
    if consulted_on > timezone.localdate():
        errors["consulted_on"] = "The consultation date must be today or in the past."
    if not consulted_with.strip():
        errors["consulted_with"] = "Enter who was consulted"
    if not outcome.strip():
        errors["outcome"] = "Enter the outcome of the consultation"
    if errors:
        raise ValidationError(errors)
    standard.consulted_on, standard.consulted_with = consulted_on, consulted_with.strip()
    standard.consultation_outcome = outcome.strip()
    _save(standard, actor, "consultation recorded")
    return standard


@transaction.atomic
def approve(actor, standard: CareStandard, decision: AgendaItem, note: str = "") -> CareStandard:
    """Record the C&CPLG's approval: the agenda item where the decision is recorded, at a meeting that has
    started, after the ICS Executive's consultation. The version it supersedes is retired."""
    standard = _locked(standard)
    _check(actor, "governance.manage_standards", standard, "Only the governance secretariat can record approval.")
    if not CARE_STANDARD_WORKFLOW.allows(standard.state, StandardState.APPROVED):
        raise workflow.NotAllowed(CARE_STANDARD_WORKFLOW.refusal(standard.state, StandardState.APPROVED))
    meeting = decision.meeting
    errors = {}
    if not meeting.has_started():
        errors["decision"] = (
            f"The standard can be approved once the meeting has started, from {nhs_datetime(meeting.starts_at)}."
        )
    elif not decision.outcome.strip():
        errors["decision"] = "Record the group's decision on this agenda item first."
    if standard.consulted_on is None:
        errors["__all__"] = "Record the ICS Executive's consultation before the approval."
    elif meeting.has_started() and standard.consulted_on > timezone.localtime(meeting.starts_at).date():
        errors["decision"] = (
            f"The ICS Executive was consulted on {nhs_date(standard.consulted_on)}, after this meeting. "
            "Choose the meeting that approved it."
        )
    if errors:
        raise ValidationError(errors)
    standard.decision = decision
    standard.approved_on = timezone.localtime(meeting.starts_at).date()
    _move(standard, StandardState.APPROVED, actor, note or f"At the {meeting} meeting")
    if standard.supersedes_id:
        old = _locked(standard.supersedes)
        if old.state == StandardState.APPROVED:
            _move(old, StandardState.RETIRED, actor, f"Superseded by version {standard.version}")
    return standard


@transaction.atomic
def retire(actor, standard: CareStandard, note: str = "") -> CareStandard:
    standard = _locked(standard)
    _check(actor, "governance.manage_standards", standard, "Only the governance secretariat can retire a standard.")
    _move(standard, StandardState.RETIRED, actor, note)
    return standard
