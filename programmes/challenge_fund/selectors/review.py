"""Reads for review and decision: ranked bids, scores side by side, money at a glance, the export."""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Avg, Case, Count, DecimalField, ExpressionWrapper, F, Prefetch, Q, Sum, Value, When
from django.db.models.functions import Cast
from django.db.models.functions import Round as RoundTo

from academy.directory.models import Organisation, PriorityFunction
from programmes.challenge_fund.models import Bid, BidState, ReviewAssignment, Round, Score

# --- review ----------------------------------------------------------------------------------------

REVIEWED_STATES = [s for s in BidState.values if s not in (BidState.DRAFT, BidState.WITHDRAWN)]


def percent(weighted_sum, reviews: int, round_: Round, total_weight: int) -> float | None:
    """The mean weighted score as a percentage of the most a bid could score."""
    if not reviews or not total_weight or weighted_sum is None:
        return None
    return round(100 * weighted_sum / (reviews * total_weight * round_.score_max), 1)


def _ranked_bids(round_: Round, hide_scores_of: frozenset[int] = frozenset()):
    """The round's submitted bids annotated with reviews assigned and done, the weighted score and the
    rounded percentage (``rank``, null when unscored) computed in the database, so the ranking can be
    ordered and paged there. Returns the queryset and the round's total criterion weight.

    The bids in ``hide_scores_of`` (those the viewer declared a conflict of interest on) have no ``rank`` in
    the database, so every order that uses the score puts them with the unscored bids (by title): their place
    must not give away the score hidden from the viewer."""
    total_weight = round_.criteria.aggregate(total=Sum("weight"))["total"] or 0
    # Only the reviews of each bid's current version: a resubmitted bid is scored afresh.
    current = Q(assignments__version=F("version"))
    done = current & Q(assignments__submitted_at__isnull=False)
    bids = (
        Bid.objects.filter(round=round_, state__in=REVIEWED_STATES)
        .select_related("lead_organisation")
        .annotate(
            assigned=Count("assignments", filter=current & Q(assignments__conflicted=False), distinct=True),
            reviewed=Count("assignments", filter=done, distinct=True),
            weighted=Sum(F("assignments__scores__score") * F("assignments__scores__criterion__weight"), filter=done),
        )
    )
    most = total_weight * round_.score_max
    decimal = DecimalField(max_digits=12, decimal_places=4)
    hidden = [When(pk__in=sorted(hide_scores_of), then=Value(None, output_field=decimal))] if hide_scores_of else []
    if most:
        rank = Case(
            *hidden,
            When(reviewed__gt=0, weighted__isnull=False, then=RoundTo(ExpressionWrapper(
                Cast(F("weighted"), decimal) * Value(100) / (Cast(F("reviewed"), decimal) * Value(most)),
                output_field=decimal,
            ), 1)),
            default=None, output_field=decimal,
        )
    else:
        rank = Value(None, output_field=decimal)
    return bids.annotate(rank=rank), total_weight


def round_bid_rows(round_: Round, hide_scores_of: frozenset[int] = frozenset()) -> list[Bid]:
    """The round's submitted bids, each with reviews assigned and done and its weighted score, ranked:
    best score first, unscored last. Two queries whatever the number of bids. For the round report and
    the exports, which need every bid; the page shows :func:`round_bids_page`. The bids in
    ``hide_scores_of`` (the viewer's conflicts of interest) show no score and rank as unscored."""
    bids, total_weight = _ranked_bids(round_, hide_scores_of)
    bids = list(bids.order_by(*BID_SORTS["score"]))
    for bid in bids:
        bid.percent = percent(bid.weighted, bid.reviewed, round_, total_weight)
    hide_conflicted_scores(bids, hide_scores_of)
    return bids


# The orders the round's bid list offers, by the name kept in the URL.
BID_SORTS = {
    "score": (F("rank").desc(nulls_last=True), "title", "pk"),
    "title": ("title", "pk"),
    "requested": ("-amount_requested", "title", "pk"),
    "status": ("state", "title", "pk"),
}
BID_PAGE_SIZE = 50


def round_bids_page(
    round_: Round,
    page_number,
    sort: str = "score",
    state: str = "",
    per_page: int = BID_PAGE_SIZE,
    hide_scores_of: frozenset[int] = frozenset(),
):
    """One page of the round's ranked bids, sorted and filtered by state in the database. Three queries
    whatever the number of bids: the total weight, the count and the page. The bids in ``hide_scores_of``
    (the viewer's conflicts of interest) show no score and sort as unscored."""
    bids, total_weight = _ranked_bids(round_, hide_scores_of)
    if state in REVIEWED_STATES:
        bids = bids.filter(state=state)
    page = Paginator(bids.order_by(*BID_SORTS.get(sort, BID_SORTS["score"])), per_page).get_page(page_number)
    page.object_list = list(page.object_list)
    for bid in page.object_list:
        bid.percent = percent(bid.weighted, bid.reviewed, round_, total_weight)
    hide_conflicted_scores(page.object_list, hide_scores_of)
    return page


def conflicted_bid_ids(user, round_: Round) -> frozenset[int]:
    """The round's bids the person declared a conflict of interest on (as a reviewer of any version): their
    scores are hidden from that person on every page and export, whatever role they hold. One query."""
    if not (user and user.is_authenticated):
        return frozenset()
    return frozenset(
        ReviewAssignment.objects.filter(reviewer=user, conflicted=True, bid__round=round_)
        .values_list("bid_id", flat=True)
    )


def hide_conflicted_scores(bids, conflicted: frozenset[int]) -> None:
    """Blank the score of each bid the viewer declared a conflict on, marking it ``conflicted``."""
    for bid in bids:
        bid.conflicted = bid.pk in conflicted
        if bid.conflicted:
            bid.weighted = bid.percent = bid.rank = None


def money_at_a_glance(round_: Round) -> dict:
    figures = Bid.objects.filter(round=round_, state__in=REVIEWED_STATES).aggregate(
        requested=Sum("amount_requested"), awarded=Sum("awarded_amount")
    )
    awarded = figures["awarded"] or Decimal("0")
    return {
        "budget": round_.budget,
        "requested": figures["requested"] or Decimal("0"),
        "awarded": awarded,
        "remaining": round_.budget - awarded,
    }


def score_table(bid: Bid, version: int | None = None) -> dict:
    """Scores side by side: one row per criterion, one column per reviewer who has submitted, with the
    spread flagged when reviewers disagree strongly (by half the scale or more). The scores of one version
    of the bid: by default the current one."""
    round_ = bid.round
    criteria = list(round_.criteria.all())
    assignments = list(
        bid.assignments.filter(conflicted=False, submitted_at__isnull=False, version=version or bid.version)
        .select_related("reviewer")
        .prefetch_related("scores")
    )
    rows = []
    for criterion in criteria:
        scores = []
        for assignment in assignments:
            score = next((s for s in assignment.scores.all() if s.criterion_id == criterion.pk), None)
            scores.append(score)
        values = [s.score for s in scores if s is not None]
        spread = (max(values) - min(values)) if values else 0
        rows.append(
            {
                "criterion": criterion,
                "scores": scores,
                "mean": round(sum(values) / len(values), 1) if values else None,
                "spread": spread,
                "reviews": len(values),
                "disagree": len(values) > 1 and spread * 2 >= round_.score_max,
            }
        )
    total_weight = sum(c.weight for c in criteria)
    weights = {c.pk: c.weight for c in criteria}
    totals = []
    for assignment in assignments:
        weighted = sum(s.score * weights[s.criterion_id] for s in assignment.scores.all())
        totals.append(percent(weighted, 1, round_, total_weight))
    overall = round(sum(totals) / len(totals), 1) if totals else None
    return {
        "assignments": assignments, "rows": rows, "totals": totals, "overall": overall,
        "has_comments": any(a.comments.strip() for a in assignments),
    }


def reviewer_assignments(user) -> list:
    """A reviewer's bids to review: never one they declared a conflict on, only bids under review."""
    return list(
        ReviewAssignment.objects.filter(
            reviewer=user, conflicted=False, bid__state__in=[BidState.IN_REVIEW, BidState.PANEL],
            version=F("bid__version"),
        )
        .select_related("bid__round")
        .order_by("bid__round__closes_at", "bid__title")
    )


def export_rows(round_: Round, hide_scores_of: frozenset[int] = frozenset()) -> tuple[list[str], list[list]]:
    """Bids, mean scores per criterion and awards, one row per submitted bid, in ranking order. The scores of
    the bids in ``hide_scores_of`` (those the person exporting declared a conflict on) are left out."""
    criteria = list(round_.criteria.all())
    bids = round_bid_rows(round_, hide_scores_of)
    extra = {
        bid.pk: bid
        for bid in Bid.objects.filter(pk__in=[b.pk for b in bids]).select_related("lead").prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch("functions", queryset=PriorityFunction.objects.order_by("number")),
        )
    }
    means = {
        (row["assignment__bid"], row["criterion"]): row["mean"]
        for row in Score.objects.filter(
            assignment__bid__round=round_, assignment__submitted_at__isnull=False,
            assignment__version=F("assignment__bid__version"),
        )
        .values("assignment__bid", "criterion")
        .annotate(mean=Avg("score"))
    }
    headers = [
        "Rank", "Bid", "Lead", "Lead organisation", "Partner organisations", "Priority functions", "Status",
        "Amount requested (£)", "Reviews done", *[f"{c.title} (mean score, weight {c.weight})" for c in criteria],
        "Weighted score (%)", "Decision", "Amount awarded (£)",
    ]
    rows = []
    # Scored bids come first, so the rank counts only them; a hidden score sorts (and ranks) as unscored.
    for rank, bid in enumerate(bids, start=1):
        full = extra[bid.pk]
        rows.append([
            "Conflict of interest" if bid.conflicted else rank if bid.percent is not None else "",
            bid.title,
            full.lead.get_full_name(),
            bid.lead_organisation.name,
            "; ".join(o.name for o in full.partners.all()),
            "; ".join(f.name for f in full.functions.all()),
            BidState(bid.state).label,
            bid.amount_requested,
            bid.reviewed,
            *[
                round(means[(bid.pk, c.pk)], 2) if (bid.pk, c.pk) in means and not bid.conflicted else ""
                for c in criteria
            ],
            bid.percent if bid.percent is not None else "",
            bid.get_outcome_display() if bid.outcome else "",
            bid.awarded_amount if bid.awarded_amount is not None else "",
        ])
    return headers, rows
