"""Eligibility, reviewer assignment, declarations of interest and scoring."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.accounts.models import User
from academy.notifications.services import email_user_after_commit
from programmes.challenge_fund.models import (
    Bid,
    BidState,
    ReviewAssignment,
    Score,
)
from programmes.challenge_fund.rules import is_reviewer
from programmes.challenge_fund.services.common import require_admin
from programmes.challenge_fund.services.workflow import lock_bid, transition

# The eligibility check's reason is kept in the transition log's note.
ELIGIBILITY_REASON_MAX = 250


def lock_bid_for_admin(actor, bid: Bid) -> Bid:
    require_admin(actor)
    bid = lock_bid(bid.pk)
    if timezone.now() < bid.round.closes_at:
        raise ValidationError("The round is still open. Review starts after it closes.")
    return bid


@transaction.atomic
def open_review(actor, bid: Bid, *, keep_reviewers: bool = False, reason: str = "") -> Bid:
    """The eligibility check is passed: the bid goes to review. The check's outcome is recorded in the bid's
    transition log (who, when, "Eligible" and the reason given, if any). A resubmitted bid is reviewed afresh;
    with ``keep_reviewers`` the reviewers of the last version who had no conflict are asked again (they
    declare again and score the new version), otherwise the admin assigns reviewers as for any bid."""
    bid = lock_bid_for_admin(actor, bid)
    if bid.state == BidState.SUBMITTED:
        transition(bid, BidState.ELIGIBILITY, actor)
    if bid.state != BidState.ELIGIBILITY:
        raise ValidationError("Only a submitted bid can be sent to review.")
    reason = (reason or "").strip()
    if len(reason) > ELIGIBILITY_REASON_MAX:
        raise ValidationError({"reason": f"Give the reason in {ELIGIBILITY_REASON_MAX} characters or fewer"})
    transition(bid, BidState.IN_REVIEW, actor, note=f"Eligible: {reason}" if reason else "Eligible")
    if keep_reviewers and bid.version > 1:
        assignments = ReviewAssignment.objects.bulk_create(
            ReviewAssignment(
                bid=bid, reviewer_id=reviewer_id, assigned_by=workflow.user_or_none(actor), version=bid.version
            )
            for reviewer_id in bid.assignments.filter(version=bid.version - 1, conflicted=False)
            .order_by("pk").values_list("reviewer_id", flat=True)
        )
        for assignment in ReviewAssignment.objects.filter(pk__in=[a.pk for a in assignments]).select_related(
            "reviewer"
        ):
            _tell_reviewer(assignment, bid)
    return bid


def _tell_reviewer(assignment: ReviewAssignment, bid: Bid) -> None:
    """The reviewer is told a bid is assigned to them, once per assignment, after commit."""
    email_user_after_commit(
        f"cf-review-assigned-{assignment.pk}",
        "cf_review_assigned",
        assignment.reviewer,
        {"bid_title": bid.title, "round_title": bid.round.title,
         "review_path": reverse("challenge_fund:review", args=[assignment.pk])},
        link=reverse("challenge_fund:review", args=[assignment.pk]),
    )


@transaction.atomic
def assign_reviewer(actor, bid: Bid, reviewer: User) -> ReviewAssignment:
    bid = lock_bid_for_admin(actor, bid)
    if bid.state not in (BidState.IN_REVIEW, BidState.PANEL):
        raise ValidationError("Send the bid to review before you assign reviewers.")
    if not is_reviewer(reviewer):
        raise ValidationError({"reviewer": "Choose someone with the Reviewer role"})
    if reviewer.pk == bid.lead_id or bid.coapplicants.accepted().filter(user=reviewer).exists():
        raise ValidationError({"reviewer": "An applicant cannot review their own bid"})
    try:
        with transaction.atomic():
            assignment = ReviewAssignment.objects.create(
                bid=bid, reviewer=reviewer, assigned_by=workflow.user_or_none(actor), version=bid.version
            )
    except IntegrityError as exc:
        raise ValidationError({"reviewer": "This reviewer is already assigned to this bid"}) from exc
    _tell_reviewer(assignment, bid)
    return assignment


def _own_assignment(actor: User, assignment: ReviewAssignment) -> ReviewAssignment:
    lock_bid(assignment.bid_id)
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",)).select_related("bid__round").get(pk=assignment.pk)
    )
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied("This review is assigned to someone else.")
    if assignment.conflicted:
        raise PermissionDenied("You declared a conflict of interest on this bid.")
    if assignment.bid.state not in (BidState.IN_REVIEW, BidState.PANEL):
        raise ValidationError("This bid is no longer being reviewed.")
    if assignment.version != assignment.bid.version:
        raise ValidationError("This review is of an earlier version of the bid.")
    return assignment


@transaction.atomic
def declare_interest(actor: User, assignment: ReviewAssignment, *, conflicted: bool, reason: str = ""):
    """The reviewer says whether they have a conflict of interest before they see the bid."""
    assignment = _own_assignment(actor, assignment)
    if assignment.declared_at is not None:
        raise ValidationError("You have already made your declaration for this bid.")
    if conflicted and not reason.strip():
        raise ValidationError({"reason": "Describe your conflict of interest, for example 'I work with the lead'"})
    assignment.conflicted = conflicted
    assignment.conflict_reason = reason.strip() if conflicted else ""
    assignment.declared_at = timezone.now()
    assignment.save()
    return assignment


@transaction.atomic
def submit_scores(actor: User, assignment: ReviewAssignment, scores: dict[int, tuple[int, str]], comments: str):
    """Score every criterion from 0 to the round's top score. Submitted scores are final."""
    assignment = _own_assignment(actor, assignment)
    if assignment.declared_at is None:
        raise ValidationError("Declare whether you have a conflict of interest first.")
    if assignment.submitted_at is not None:
        raise ValidationError("You have already submitted your scores for this bid.")
    round_ = assignment.bid.round
    criteria = list(round_.criteria.all())
    errors = {}
    for criterion in criteria:
        value = scores.get(criterion.pk, (None, ""))[0]
        if value is None or not 0 <= value <= round_.score_max:
            errors[f"score_{criterion.pk}"] = f"Score '{criterion.title}' from 0 to {round_.score_max}"
    if set(scores) - {c.pk for c in criteria}:
        raise ValidationError("Score only this round's criteria.")
    if errors:
        raise ValidationError(errors)
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=c, score=scores[c.pk][0], comment=scores[c.pk][1].strip())
        for c in criteria
    )
    assignment.comments = comments.strip()
    assignment.submitted_at = timezone.now()
    assignment.save()
    return assignment
