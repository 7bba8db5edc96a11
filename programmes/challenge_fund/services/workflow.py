"""A bid's state machine: its transitions, the lock order, and the versions each submission keeps.

Times are stored in UTC and shown in Europe/London; the deadline is checked by the server against
``timezone.now()``, so the clocks changing cannot move it.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from academy import workflow
from academy.workflow.models import Transition
from programmes.challenge_fund.models import (
    BID_WORKFLOW,
    Bid,
    BidState,
    BidVersion,
    Round,
)

log = logging.getLogger(__name__)


TEXT_SECTIONS = ("title", "summary", "problem", "proposed_change", "ppi", "outcomes", "measures")

# The one state machine for a bid, declared on the model: which states each state may move to.
TRANSITIONS = BID_WORKFLOW.moves
REVIEWABLE = (BidState.IN_REVIEW, BidState.PANEL)
WITHDRAWABLE = (BidState.DRAFT, BidState.SUBMITTED, BidState.ELIGIBILITY, BidState.IN_REVIEW, BidState.PANEL)


# --- the state machine -----------------------------------------------------------------------------


def lock_bid(bid_id: int) -> Bid:
    """Lock the bid's round, then the bid, and return the bid (with its round) as now committed.

    Every service that needs both locks takes them in this order: deciding a bid locks the round first to
    check the money left, so a service that locked the bid and then its round could deadlock with it."""
    round_id = Bid.objects.values_list("round_id", flat=True).get(pk=bid_id)
    Round.objects.select_for_update().filter(pk=round_id).values_list("pk", flat=True).get()
    return Bid.objects.select_for_update(of=("self",)).select_related("round").get(pk=bid_id)


def transition(bid: Bid, to_state: str, actor, note: str = "") -> Transition:
    """Move ``bid`` to ``to_state`` if the state machine allows it, and record who and when. The caller
    holds a lock on the bid (``select_for_update``) and has checked the actor's permission; ``actor`` is a
    user or workflow.SYSTEM."""
    record = workflow.move(bid, to_state, actor, note=note)
    log.info("challenge fund bid %s: %s -> %s", bid.pk, record.from_state, to_state)
    if to_state == BidState.ELIGIBILITY:
        # The applicants can no longer change it: what they submitted is kept as this version.
        freeze_version(bid)
    return record


# --- versions: what each submission said ---------------------------------------------------------


def snapshot(bid: Bid) -> dict:
    """Everything the applicants submitted, as plain values: the content of a :class:`BidVersion`."""
    answers = {a.question_id: a.text for a in bid.answers.all()}
    return {
        **{name: getattr(bid, name) for name in TEXT_SECTIONS},
        "lead": bid.lead.get_full_name(),
        "lead_organisation": bid.lead_organisation.name,
        "partners": sorted(bid.partners.exclude(pk=bid.lead_organisation_id).values_list("name", flat=True)),
        "coapplicants": sorted(c.user.get_full_name() for c in bid.coapplicants.accepted().select_related("user")),
        "functions": [f"{f.number}. {f.name}" for f in bid.functions.order_by("number")],
        "amount_requested": None if bid.amount_requested is None else str(bid.amount_requested),
        "budget_lines": [
            {"description": line.description, "amount": str(line.amount)} for line in bid.budget_lines.all()
        ],
        "answers": [
            {"question_id": q.pk, "question": q.text, "text": answers.get(q.pk, "")} for q in bid.round.questions.all()
        ],
        "attachments": [a.original_name for a in bid.attachments.all()],
    }


def freeze_version(bid: Bid) -> BidVersion:
    """Keep the bid's current version as submitted, once: a version, once kept, never changes."""
    existing = BidVersion.objects.filter(bid=bid, number=bid.version).first()
    if existing is not None:
        return existing
    submission = bid.transitions.filter(to_state=BidState.SUBMITTED).order_by("-at", "-pk").first()
    submitted_at = bid.submitted_at or (submission.at if submission else timezone.now())
    return BidVersion.objects.create(
        bid=bid, number=bid.version, submitted_at=submitted_at,
        submitted_by=submission.actor if submission else None,
        content=snapshot(bid),
    )
