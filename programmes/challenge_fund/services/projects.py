"""Funded projects: milestones, payments, progress reports and chasing overdue ones."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit
from academy.ui.formats import money, nhs_date
from programmes.challenge_fund.models import (
    FUNDED_OUTCOMES,
    Bid,
    BidState,
    Milestone,
    ProgressReport,
    ReportKind,
    ReportSpend,
)
from programmes.challenge_fund.rules import is_applicant
from programmes.challenge_fund.services.common import require_admin
from programmes.challenge_fund.services.workflow import transition

# --- funded projects -------------------------------------------------------------------------------

PROJECT_LIVE = (BidState.ACTIVE, BidState.OVERDUE)


def _lock_funded(actor, bid: Bid) -> Bid:
    require_admin(actor)
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if bid.outcome not in FUNDED_OUTCOMES or bid.state not in (BidState.DETERMINED, *PROJECT_LIVE):
        raise ValidationError("Milestones belong to funded projects that are not closed.")
    return bid


@transaction.atomic
def add_milestone(actor, bid: Bid, *, title: str, due_date, payment_amount: Decimal) -> Milestone:
    """A milestone with its report due date and the payment released once it is reported. Payments
    never add up to more than the award."""
    bid = _lock_funded(actor, bid)
    planned = bid.milestones.aggregate(total=Sum("payment_amount"))["total"] or Decimal("0")
    if planned + payment_amount > bid.awarded_amount:
        left = bid.awarded_amount - planned
        raise ValidationError(
            {"payment_amount": f"Payments cannot add up to more than the {money(bid.awarded_amount)} awarded. "
             f"{money(left)} is left to plan"}
        )
    return Milestone.objects.create(bid=bid, title=title.strip(), due_date=due_date, payment_amount=payment_amount)


@transaction.atomic
def start_project(actor, bid: Bid) -> Bid:
    bid = _lock_funded(actor, bid)
    if bid.state != BidState.DETERMINED:
        raise ValidationError("This project has already started.")
    if not bid.milestones.exists():
        raise ValidationError("Add at least one milestone before you start the project.")
    transition(bid, BidState.ACTIVE, actor)
    return bid


@transaction.atomic
def release_payment(actor, milestone: Milestone) -> Milestone:
    require_admin(actor)
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    if milestone.paid_at is not None:
        raise ValidationError("This payment has already been released.")
    if not milestone.reports.exists():
        raise ValidationError("Release the payment once the milestone's progress report is in.")
    milestone.paid_at, milestone.paid_by = timezone.now(), workflow.user_or_none(actor)
    milestone.save()
    return milestone


def overdue_milestones(bid: Bid, today=None):
    today = today or timezone.localdate()
    return bid.milestones.filter(due_date__lt=today, reports__isnull=True)


@transaction.atomic
def submit_report(
    actor: User, bid: Bid, *, kind: str, milestone: Milestone | None, done: str, outcomes: str, learning: str,
    risks: str, spend: dict[int, Decimal],
) -> ProgressReport:
    """The project team reports progress at a milestone, with spend to date against the budget lines;
    the final report closes the project."""
    bid = Bid.objects.select_for_update().get(pk=bid.pk)
    if not is_applicant(actor, bid):
        raise PermissionDenied("Only the project's lead and co-applicants can report on it.")
    if bid.state not in PROJECT_LIVE:
        raise ValidationError("Reports are for projects under way.")
    if kind == ReportKind.PROGRESS:
        if milestone is None or milestone.bid_id != bid.pk:
            raise ValidationError({"milestone": "Choose the milestone you are reporting on"})
        if milestone.reports.exists():
            raise ValidationError({"milestone": "This milestone has a report already. Choose another"})
    elif bid.reports.filter(kind=ReportKind.FINAL).exists():
        raise ValidationError("The final report has been submitted already.")
    lines = {line.pk: line for line in bid.budget_lines.all()}
    if set(spend) - set(lines):
        raise ValidationError("Report spend only against this project's budget lines.")
    if any(value < 0 for value in spend.values()):
        raise ValidationError("Spend to date cannot be negative.")
    total = sum(spend.values(), Decimal("0"))
    if total > bid.awarded_amount:
        raise ValidationError(
            f"Your spend to date adds up to {money(total)}, more than the {money(bid.awarded_amount)} awarded. "
            "Check the figures"
        )
    report = ProgressReport.objects.create(
        bid=bid, milestone=milestone if kind == ReportKind.PROGRESS else None, kind=kind, done=done.strip(),
        outcomes=outcomes.strip(), learning=learning.strip(), risks=risks.strip(), submitted_by=actor,
        submitted_at=timezone.now(),
    )
    ReportSpend.objects.bulk_create(
        ReportSpend(report=report, budget_line_id=line_id, spent_to_date=value) for line_id, value in spend.items()
    )
    if kind == ReportKind.FINAL:
        transition(bid, BidState.CLOSED, actor, note="Final report")
    elif bid.state == BidState.OVERDUE and not overdue_milestones(bid).exists():
        transition(bid, BidState.ACTIVE, actor, note="Reports up to date")
    return report


def chase_overdue_reports(today=None) -> int:
    """Mark projects with a report past due as overdue and remind their lead once per milestone
    (the notification key makes a second run, or a retry, send nothing). Returns reminders recorded."""
    today = today or timezone.localdate()
    recorded = 0
    milestones = (
        Milestone.objects.filter(bid__state__in=PROJECT_LIVE, due_date__lt=today, reports__isnull=True)
        .select_related("bid__lead", "bid__round")
        .order_by("pk")
    )
    for milestone in milestones:
        with transaction.atomic():
            bid = Bid.objects.select_for_update().get(pk=milestone.bid_id)
            if bid.state == BidState.ACTIVE:
                transition(bid, BidState.OVERDUE, workflow.SYSTEM, note=f"Report for '{milestone.title}' overdue")
            lead = milestone.bid.lead
            before = email_user_after_commit(
                f"cf-report-overdue-{milestone.pk}",
                "cf_report_overdue",
                lead,
                {"bid_title": bid.title, "milestone": milestone.title,
                 "due": nhs_date(milestone.due_date),
                 "report_path": reverse("challenge_fund:report", args=[bid.pk, ReportKind.PROGRESS])},
                link=reverse("challenge_fund:report", args=[bid.pk, ReportKind.PROGRESS]),
            )
            recorded += bool(before)
    return recorded
