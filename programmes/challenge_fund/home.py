"""The Challenge Fund's panels on the home page (see academy/ui/home.py), registered from apps.py. Each
reads in a fixed number of queries, and shows a person only their own bids or the work of a role they hold."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from academy.ui.home import HomeItem, register_home_panel
from programmes.challenge_fund.models import Bid, BidState, Milestone, ReportKind, ReviewAssignment
from programmes.challenge_fund.rules import is_fund_admin, is_reviewer
from programmes.challenge_fund.selectors.bids import applicant_q, pending_invitations

DRAFT_CLOSING = timedelta(days=7)
REPORT_DUE_WITHIN = timedelta(days=14)
LIVE_PROJECT = (BidState.ACTIVE, BidState.OVERDUE)


@register_home_panel("Your Challenge Fund bids", order=15, leader=True)
def applicant_items(user, now) -> list[HomeItem]:
    """Invitations to be a co-applicant waiting for the person's answer; drafts whose round closes within a
    week, and project reports due within two weeks or overdue, for the bids the person leads or is a
    co-applicant on (three queries). An invitation not yet accepted shows only as an invitation."""
    own = applicant_q(user)
    items = [
        HomeItem(
            f"Invitation to be a co-applicant: {invitation.bid.title}",
            reverse("challenge_fund:invitation", args=[invitation.pk]),
            text=f"{invitation.bid.lead.get_full_name()} ({invitation.bid.lead_organisation.name}) has invited you "
            f"to write this bid with them. Accept or decline the invitation.",
            deadline=invitation.bid.deadline, deadline_label="Answer by",
        )
        for invitation in pending_invitations(user, now)
    ]
    drafts = (
        Bid.objects.filter(own, state=BidState.DRAFT, version=1, round__closes_at__gt=now,
                           round__closes_at__lte=now + DRAFT_CLOSING)
        .select_related("round").distinct().order_by("round__closes_at", "pk")
    )
    for bid in drafts:
        items.append(HomeItem(f"Submit your bid: {bid.title}", reverse("challenge_fund:bid", args=[bid.pk]),
                              text="Your bid is still a draft.", deadline=bid.round.closes_at,
                              deadline_label="Submit it by"))
    today = timezone.localdate(now)
    due = (
        Milestone.objects.filter(
            applicant_q(user, "bid__"), bid__state__in=LIVE_PROJECT,
            due_date__lte=today + REPORT_DUE_WITHIN, reports__isnull=True,
        )
        .select_related("bid").distinct().order_by("due_date", "pk")
    )
    for milestone in due:
        overdue = milestone.due_date < today
        items.append(HomeItem(
            f"{'Overdue report' if overdue else 'Report due'}: {milestone.title} ({milestone.bid.title})",
            reverse("challenge_fund:report", args=[milestone.bid_id, ReportKind.PROGRESS]),
            deadline=milestone.due_date, deadline_label="Due",
        ))
    return items


@register_home_panel("The Challenge Fund", order=25)
def fund_admin_items(user, now) -> list[HomeItem]:
    """For the fund's admins: funded projects with a progress report overdue (one query)."""
    if not is_fund_admin(user):
        return []
    overdue = Bid.objects.filter(state=BidState.OVERDUE).count()
    if not overdue:
        return []
    return [HomeItem("Projects with a report overdue", reverse("challenge_fund:portfolio"), count=overdue)]


@register_home_panel("Bids to review", order=35)
def reviewer_items(user, now) -> list[HomeItem]:
    """A reviewer's bids still to declare on or score, on the bid's current version (one query)."""
    if not is_reviewer(user):
        return []
    waiting = ReviewAssignment.objects.filter(
        reviewer=user, conflicted=False, submitted_at__isnull=True,
        bid__state__in=[BidState.IN_REVIEW, BidState.PANEL],
    ).filter(version=F("bid__version")).count()
    if not waiting:
        return []
    return [HomeItem("Bids you have not reviewed", reverse("challenge_fund:reviews"), count=waiting)]
