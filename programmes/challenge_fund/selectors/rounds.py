"""Reads about rounds: which leaders may see, and the figures admins follow."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.http import Http404
from django.utils import timezone

from programmes.challenge_fund.models import BidState, Round
from programmes.challenge_fund.rules import is_fund_admin

LIVE_STATES = [s for s in BidState.values if s not in (BidState.DRAFT, BidState.WITHDRAWN)]


def visible_rounds(now=None):
    """Published rounds that have opened, the open ones first (closing soonest first), then closed ones."""
    now = now or timezone.now()
    rounds = list(Round.objects.filter(published=True, opens_at__lte=now).order_by("closes_at"))
    open_rounds = [r for r in rounds if r.closes_at > now]
    closed = sorted((r for r in rounds if r.closes_at <= now), key=lambda r: r.closes_at, reverse=True)
    return open_rounds, closed


def visible_round(pk: int, user) -> Round:
    """A round leaders may see; its programme admins see it before it is published or opens."""
    round_ = Round.objects.filter(pk=pk).first()
    if round_ is None or not (round_.is_visible(timezone.now()) or is_fund_admin(user)):
        raise Http404("No such round")
    return round_


def admin_rounds():
    """Every round with its bid counts and money asked for, in one query."""
    return list(
        Round.objects.annotate(
            drafts=Count("bids", filter=Q(bids__state=BidState.DRAFT)),
            submitted=Count("bids", filter=Q(bids__state__in=LIVE_STATES)),
            requested=Sum("bids__amount_requested", filter=Q(bids__state__in=LIVE_STATES)),
        ).order_by("-closes_at")
    )


def round_figures(round_: Round) -> dict:
    """Counts by state and the money asked for by bids that have been submitted."""
    rows = round_.bids.values("state").annotate(count=Count("pk"), requested=Sum("amount_requested"))
    counts = {BidState(row["state"]): row["count"] for row in rows}
    requested = sum((row["requested"] or Decimal("0") for row in rows if row["state"] in LIVE_STATES), Decimal("0"))
    return {
        "counts": [(state.label, counts.get(state, 0)) for state in BidState if counts.get(state)],
        "drafts": counts.get(BidState.DRAFT, 0),
        "submitted": sum(counts.get(BidState(s), 0) for s in LIVE_STATES),
        "requested": requested,
    }
