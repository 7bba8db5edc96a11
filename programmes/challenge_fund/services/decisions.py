"""The panel's decision, and the decision emails: editable templates and an outbox."""

from __future__ import annotations

import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import money, nhs_datetime
from programmes.challenge_fund.models import (
    FUNDED_OUTCOMES,
    Bid,
    BidState,
    EmailTemplate,
    OutboxMessage,
    OutboxStatus,
    Outcome,
    Round,
)
from programmes.challenge_fund.services.common import require_admin
from programmes.challenge_fund.services.review import ELIGIBILITY_REASON_MAX, lock_bid_for_admin
from programmes.challenge_fund.services.workflow import transition

# --- determination ---------------------------------------------------------------------------------


def awarded_total(round_: Round) -> Decimal:
    return Bid.objects.filter(round=round_).aggregate(total=Sum("awarded_amount"))["total"] or Decimal("0")


@transaction.atomic
def determine(
    actor, bid: Bid, *, outcome: str, awarded_amount: Decimal | None = None,
    conditions: str = "", feedback: str, resubmit_by=None,
) -> Bid:
    """Record the panel's decision. The round's row is locked while the money is checked, so two admins
    awarding at the same moment can never commit more than the budget."""
    require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=bid.round_id)
    bid = lock_bid_for_admin(actor, bid)
    if bid.state not in (BidState.IN_REVIEW, BidState.PANEL):
        raise ValidationError("Only a bid under review can be decided.")
    if not feedback.strip():
        raise ValidationError({"feedback": "Enter the feedback the applicants will read"})
    funded = outcome in FUNDED_OUTCOMES
    if funded:
        if awarded_amount is None:
            raise ValidationError({"awarded_amount": "Enter the amount awarded"})
        if awarded_amount > (bid.amount_requested or Decimal("0")):
            raise ValidationError({"awarded_amount": f"Award no more than the {money(bid.amount_requested)} asked for"})
        remaining = round_.budget - awarded_total(round_)
        if awarded_amount > remaining:
            raise ValidationError(
                {"awarded_amount": f"Only {money(remaining)} of the round's budget is left. Award that or less"}
            )
        if outcome == Outcome.FUNDED_CONDITIONS and not conditions.strip():
            raise ValidationError({"conditions": "Enter the conditions of the award"})
    if outcome == Outcome.REVISE:
        if resubmit_by is None:
            raise ValidationError({"resubmit_on": "Enter the date by which the revised bid must be resubmitted"})
        if resubmit_by <= timezone.now():
            raise ValidationError({"resubmit_on": "The resubmission deadline must be in the future"})
    if bid.state == BidState.IN_REVIEW:
        transition(bid, BidState.PANEL, actor)
    bid.outcome = outcome
    bid.awarded_amount = awarded_amount if funded else None
    bid.conditions = conditions.strip() if outcome == Outcome.FUNDED_CONDITIONS else ""
    bid.feedback = feedback.strip()
    bid.resubmit_by = resubmit_by if outcome == Outcome.REVISE else None
    bid.determined_at = timezone.now()
    bid.determined_by = workflow.user_or_none(actor)
    bid.save()
    transition(bid, BidState.DETERMINED, actor, note=Outcome(outcome).label)
    draft_determination_emails(bid, round_)
    return bid


@transaction.atomic
def record_ineligible(actor, bid: Bid, *, reason: str) -> Bid:
    """The eligibility check is failed: the bid is decided 'Not funded' without review, and the check's outcome
    is recorded in its transition log (who, when, "Not eligible" and the reason, which is required and is the
    feedback the applicants read). The decision emails are drafted into the outbox, as for any decision."""
    require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=bid.round_id)
    bid = lock_bid_for_admin(actor, bid)
    reason = (reason or "").strip()
    if len(reason) > ELIGIBILITY_REASON_MAX:
        raise ValidationError({"reason": f"Give the reason in {ELIGIBILITY_REASON_MAX} characters or fewer"})
    if not reason:
        raise ValidationError({"reason": "Say why the bid is not eligible"})
    if bid.state == BidState.SUBMITTED:
        transition(bid, BidState.ELIGIBILITY, actor)
    if bid.state != BidState.ELIGIBILITY:
        raise ValidationError("Only a submitted bid can have its eligibility checked.")
    bid.outcome = Outcome.DECLINED
    bid.awarded_amount = None
    bid.feedback = f"Your bid is not eligible for this round: {reason}"
    bid.determined_at = timezone.now()
    bid.determined_by = workflow.user_or_none(actor)
    bid.save()
    transition(bid, BidState.DETERMINED, actor, note=f"Not eligible: {reason}")
    draft_determination_emails(bid, round_)
    return bid


# --- determination emails: editable templates and an outbox ----------------------------------------

PLACEHOLDERS = (
    "first_name", "bid_title", "round_title", "decision", "amount", "conditions", "feedback", "bid_link",
    "resubmit_by",
)


def default_email(outcome: str) -> tuple[str, str]:
    """The subject and body an outcome's email starts from, until a round's admins write their own: the text
    of ``challenge_fund/emails/decision_<outcome>_subject.txt`` and ``decision_<outcome>.txt``, with
    {placeholders} (not template variables) still in it."""
    outcome = Outcome(outcome).value
    return (
        render_to_string(f"challenge_fund/emails/decision_{outcome}_subject.txt").strip(),
        render_to_string(f"challenge_fund/emails/decision_{outcome}.txt").strip(),
    )


def _fill(text: str, values: dict) -> str:
    for name in PLACEHOLDERS:
        text = text.replace("{" + name + "}", str(values.get(name, "")))
    return text


def check_placeholders(text: str, field: str) -> None:
    unknown = sorted(set(re.findall(r"{([^{}]*)}", text)) - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            {field: "Use only these placeholders: " + ", ".join("{" + p + "}" for p in PLACEHOLDERS)
             + f". Remove {{{unknown[0]}}}"}
        )


def email_template(round_: Round, outcome: str) -> tuple[str, str]:
    saved = round_.email_templates.filter(outcome=outcome).first()
    return (saved.subject, saved.body) if saved else default_email(outcome)


@transaction.atomic
def save_email_template(actor, round_: Round, outcome: str, *, subject: str, body: str) -> EmailTemplate:
    require_admin(actor)
    check_placeholders(subject, "subject")
    check_placeholders(body, "body")
    template, _ = EmailTemplate.objects.update_or_create(
        round=round_, outcome=outcome, defaults={"subject": subject.strip(), "body": body.strip()}
    )
    return template


def draft_determination_emails(bid: Bid, round_: Round) -> list[OutboxMessage]:
    """One draft per applicant from the round's template for the outcome. Nothing is sent here."""
    subject, body = email_template(round_, bid.outcome)
    values = {
        "bid_title": bid.title, "round_title": round_.title, "decision": Outcome(bid.outcome).label,
        "amount": money(bid.awarded_amount) if bid.awarded_amount else "", "conditions": bid.conditions,
        "feedback": bid.feedback, "bid_link": settings.ACADEMY_SITE_URL + reverse("challenge_fund:bid", args=[bid.pk]),
        "resubmit_by": nhs_datetime(bid.resubmit_by),
    }
    people = [bid.lead, *[c.user for c in bid.coapplicants.accepted().select_related("user")]]
    return [
        OutboxMessage.objects.create(
            bid=bid, recipient=person, version=bid.version,
            subject=_fill(subject, {**values, "first_name": person.first_name}),
            body=_fill(body, {**values, "first_name": person.first_name or "colleague"}),
        )
        for person in people
    ]


@transaction.atomic
def update_outbox_message(actor, message: OutboxMessage, *, subject: str, body: str) -> OutboxMessage:
    require_admin(actor)
    message = OutboxMessage.objects.select_for_update().get(pk=message.pk)
    if message.status != OutboxStatus.DRAFT:
        raise ValidationError("This email has been sent, so it cannot change.")
    message.subject, message.body = subject.strip(), body.strip()
    message.save()
    return message


@transaction.atomic
def send_outbox(actor, round_: Round) -> int:
    """Send every draft determination email of the round. Each is recorded under its own key first, so
    pressing the button twice, or a retry, sends nothing twice."""
    require_admin(actor)
    drafts = list(
        OutboxMessage.objects.select_for_update().filter(bid__round=round_, status=OutboxStatus.DRAFT)
        .select_related("recipient")
    )
    now = timezone.now()
    for message in drafts:
        email_user_after_commit(f"cf-outbox-{message.pk}", "cf_outbox", message.recipient,
                                {"subject": message.subject, "body": message.body},
                                link=reverse("challenge_fund:bid", args=[message.bid_id]))
        message.status, message.sent_at, message.sent_by = OutboxStatus.SENT, now, workflow.user_or_none(actor)
        message.save()
    return len(drafts)
