"""Decisions in bulk as pending decisions, the reviewed outbox of decision emails, and speakers'
confirmation with its reminders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import nhs_date
from programmes.conference.models import (
    DECIDABLE_STATES,
    DECISION_STATES,
    PROPOSAL_WORKFLOW,
    Decision,
    DecisionSent,
    DecisionTemplate,
    Edition,
    PendingDecision,
    Proposal,
    ProposalState,
    SpeakerState,
)
from programmes.conference.services.common import LONDON, require_admin
from programmes.conference.services.editions import _lock_edition
from programmes.conference.services.proposals import _lock_proposal, _tell_team_of_withdrawal

DECISION_PLACEHOLDERS = (
    "first_name", "speaker_name", "title", "session_type", "edition", "dates", "venue", "proposal_link",
    "confirm_link",
)
DEFAULT_DECISION_EMAILS = {
    Decision.ACCEPT: (
        "Your proposal to {edition} has been accepted",
        "Dear {first_name},\n\n"
        "Thank you for proposing \u201c{title}\u201d ({session_type}). We are delighted to tell you that it has been "
        "accepted for {edition}, on {dates} at {venue}.\n\n"
        "{speaker_name}, please confirm that you will speak, or tell us if you cannot, here:\n{confirm_link}\n\n"
        "We will send the schedule once it is ready.",
    ),
    Decision.REJECT: (
        "Your proposal to {edition}",
        "Dear {first_name},\n\n"
        "Thank you for proposing \u201c{title}\u201d ({session_type}) for {edition}. We received many strong "
        "proposals and we are sorry that we cannot include yours this time.\n\n"
        "Your proposal stays in your account:\n{proposal_link}",
    ),
    Decision.WAITLIST: (
        "Your proposal to {edition} is on the reserve list",
        "Dear {first_name},\n\n"
        "Thank you for proposing \u201c{title}\u201d ({session_type}) for {edition}. We cannot offer it a place "
        "yet, and we have put it on our reserve list: if a place comes free we will write to you again.\n\n"
        "You can follow it here:\n{proposal_link}",
    ),
}
# Chasing reminders to accepted speakers who have not answered: days after the decision was sent.
REMINDER_DAYS = (7, 14)


def check_decision_placeholders(text: str, field: str) -> None:
    unknown = sorted(set(re.findall(r"{([^{}]*)}", text)) - set(DECISION_PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {field: "Use only these placeholders: " + ", ".join("{" + p + "}" for p in DECISION_PLACEHOLDERS)
             + f". Remove {{{unknown[0]}}}"}
        )


def decision_template(edition: Edition, decision: str, saved: dict | None = None) -> tuple[str, str]:
    """The subject and body of an edition's email for a decision: the team's own, or the default.
    ``saved`` is the edition's templates by decision, when the caller has read them already."""
    if saved is None:
        saved = {t.decision: t for t in edition.decision_templates.all()}
    template = saved.get(decision)
    return (template.subject, template.body) if template else DEFAULT_DECISION_EMAILS[Decision(decision)]


@transaction.atomic
def save_decision_template(actor, edition: Edition, decision: str, *, subject: str, body: str) -> DecisionTemplate:
    require_admin(actor)
    Decision(decision)
    check_decision_placeholders(subject, "subject")
    check_decision_placeholders(body, "body")
    template, _ = DecisionTemplate.objects.update_or_create(
        edition=edition, decision=decision, defaults={"subject": subject.strip(), "body": body.strip()}
    )
    return template


def fill_decision(text: str, proposal: Proposal, person: User) -> str:
    """The text with its {placeholders} filled for one recipient: plain text (templates escape it)."""
    edition = proposal.edition
    dates = nhs_date(edition.starts_on)
    if edition.ends_on != edition.starts_on:
        dates = f"{dates} to {nhs_date(edition.ends_on)}"
    site = settings.ACADEMY_SITE_URL
    values = {
        "first_name": person.first_name or "colleague",
        "speaker_name": proposal.speaker.get_full_name() or proposal.speaker.email,
        "title": proposal.title, "session_type": proposal.session_type.get_kind_display().lower(),
        "edition": edition.name, "dates": dates, "venue": edition.venue_name,
        "proposal_link": site + reverse("conference:proposal", args=[proposal.pk]),
        "confirm_link": site + reverse("conference:proposal_confirm", args=[proposal.pk]),
    }
    for name in DECISION_PLACEHOLDERS:
        text = text.replace("{" + name + "}", values[name])
    return text


@transaction.atomic
def set_pending_decisions(actor, edition: Edition, proposals: Iterable[Proposal], decision: str) -> int:
    """Record a decision (accept, reject, waiting list) on the proposals chosen, or clear it (``decision`` "").
    Nothing is sent: the team sees it, speakers do not, until the outbox is sent. All or nothing."""
    require_admin(actor)
    edition = _lock_edition(edition)  # the outbox's send locks it too, so the two never interleave
    if decision and decision not in Decision.values:
        raise ValidationError({"decision": "Choose accept, reject or waiting list"})
    ids = sorted({p.pk for p in proposals})
    if not ids:
        raise ValidationError({"proposals": "Select at least one proposal"})
    locked = list(Proposal.objects.select_for_update().filter(pk__in=ids, edition=edition).order_by("pk"))
    if len(locked) != len(ids):
        raise ValidationError({"proposals": "Select proposals of this edition"})
    if not decision:
        return PendingDecision.objects.filter(proposal__in=locked).delete()[0]
    target = DECISION_STATES[Decision(decision)]
    for proposal in locked:
        if proposal.state not in DECIDABLE_STATES or not PROPOSAL_WORKFLOW.allows(proposal.state, target):
            raise ValidationError(
                {"proposals": f"\u201c{proposal.title}\u201d {PROPOSAL_WORKFLOW.now[proposal.state]}, so it cannot "
                 f"{PROPOSAL_WORKFLOW.action[target]}. Nothing was changed."}
            )
    for proposal in locked:
        PendingDecision.objects.update_or_create(proposal=proposal, defaults={"decision": decision})
    return len(locked)


def decision_recipients(proposal: Proposal) -> list[User]:
    """The speaker and the co-speakers who accepted (from a prefetch of ``co_speakers``)."""
    co = [s.user for s in proposal.co_speakers.all() if s.state == SpeakerState.ACCEPTED and s.user_id]
    return [proposal.speaker, *co]


@transaction.atomic
def send_decisions(actor, edition: Edition, *, expected: int) -> int:
    """Send every pending decision of the edition: one email per speaker and accepted co-speaker, as the
    outbox shows it now, after commit; each proposal moves to its new state through the workflow and its
    pending decision is deleted. The edition's row is locked, so two sends at once send once: the second
    finds nothing pending. ``expected`` is the number of emails the confirm page showed; if the outbox has
    changed since, nothing is sent. Returns the number of emails sent."""
    from programmes.conference.selectors import outbox_messages  # noqa: PLC0415 - selectors import services

    require_admin(actor)
    edition = _lock_edition(edition)
    messages = outbox_messages(edition, lock=True)
    if not messages:
        raise ValidationError("There are no decisions waiting to be sent.")
    if len(messages) != expected:
        raise ValidationError(
            f"The outbox has changed since you checked it: it now holds {len(messages)} email"
            f"{'s' if len(messages) != 1 else ''}. Check it again, then send. Nothing was sent."
        )
    now = timezone.now()
    moved = set()
    for message in messages:
        proposal = message.proposal
        target = DECISION_STATES[Decision(message.decision)]
        if proposal.pk not in moved:
            workflow.move(proposal, target, actor, at=now, note=f"Decision sent: {message.decision}",
                          update_fields=None)
            DecisionSent.objects.update_or_create(
                proposal=proposal,
                defaults={"decision": message.decision, "sent_at": now, "reminders_sent": 0, "last_reminder_at": None},
            )
            moved.add(proposal.pk)
        email_user_after_commit(
            f"conf-decision-{proposal.pk}-{target}-{message.person.pk}", "conf_decision", message.person,
            {"subject": message.subject, "body": message.body},
            link=reverse("conference:proposal", args=[proposal.pk]),
        )
    PendingDecision.objects.filter(proposal_id__in=moved).delete()
    return len(messages)


def _lock_for_answer(actor, proposal: Proposal) -> Proposal:
    proposal = _lock_proposal(proposal.pk)
    if not (actor and actor.is_authenticated and actor.pk == proposal.speaker_id):
        raise PermissionDenied("Only the proposal's speaker can confirm it.")
    return proposal


@transaction.atomic
def confirm_session(actor: User, proposal: Proposal) -> Proposal:
    """The speaker of an accepted proposal confirms they will speak. Reminders stop."""
    proposal = _lock_for_answer(actor, proposal)
    workflow.move(proposal, ProposalState.CONFIRMED, actor, update_fields=None)
    return proposal


@transaction.atomic
def decline_session(actor: User, proposal: Proposal, reason: str = "") -> Proposal:
    """The speaker of an accepted (or confirmed) proposal says they cannot speak after all: it is withdrawn."""
    proposal = _lock_for_answer(actor, proposal)
    if proposal.state not in (ProposalState.ACCEPTED, ProposalState.CONFIRMED):
        raise workflow.NotAllowed(PROPOSAL_WORKFLOW.refusal(proposal.state, ProposalState.WITHDRAWN))
    was = proposal.state
    workflow.move(proposal, ProposalState.WITHDRAWN, actor, note=reason.strip() or "Cannot speak",
                  update_fields=None)
    _tell_team_of_withdrawal(proposal, was, reason)
    return proposal


def chase_confirmations(now=None) -> int:
    """Remind the speakers of accepted proposals who have neither confirmed nor withdrawn, 7 and 14 days after
    the decision was sent, each reminder once (a run that finds both due sends one, the later). Each proposal
    is handled in its own transaction with its row locked; rows another run holds are skipped. Returns the
    number of reminders sent."""
    now = now or timezone.now()
    first_due = now - timedelta(days=REMINDER_DAYS[0])
    candidates = list(
        DecisionSent.objects.filter(
            decision=Decision.ACCEPT, proposal__state=ProposalState.ACCEPTED, sent_at__lte=first_due,
            reminders_sent__lt=len(REMINDER_DAYS),
        ).values_list("pk", flat=True)
    )
    sent = 0
    for pk in candidates:
        with transaction.atomic():
            row = (
                DecisionSent.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("proposal__edition", "proposal__speaker", "proposal__session_type")
                .filter(pk=pk, proposal__state=ProposalState.ACCEPTED).first()
            )
            if row is None:
                continue
            due = sum(1 for days in REMINDER_DAYS if now >= row.sent_at + timedelta(days=days))
            if due <= row.reminders_sent:
                continue
            proposal = row.proposal
            path = reverse("conference:proposal_confirm", args=[proposal.pk])
            email_user_after_commit(
                f"conf-confirm-reminder-{proposal.pk}-{due}", "conf_confirm_reminder", proposal.speaker,
                {
                    "title": proposal.title, "edition": proposal.edition.name,
                    "session_type": proposal.session_type.get_kind_display().lower(),
                    "decided_on": nhs_date(row.sent_at.astimezone(LONDON).date()), "confirm_path": path,
                    "final": due == len(REMINDER_DAYS),
                },
                link=path,
            )
            row.reminders_sent, row.last_reminder_at = due, now
            row.save(update_fields=["reminders_sent", "last_reminder_at"])
            sent += 1
    return sent
