"""Reads about funded projects: the public list, the admins' portfolio, and the awards upper layers read
(the ICS Executive's investment dashboard)."""

from __future__ import annotations

from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear

from academy.directory.models import Organisation, PriorityFunction
from programmes.challenge_fund.models import FUNDED_OUTCOMES, Bid, Milestone, ProgressReport, ReportSpend


def funded_projects(*, priority_function: int | None = None, round_id: int | None = None):
    """Funded bids for the public list (and the API, which may filter them by a priority function's number
    or a round), newest decisions first."""
    bids = Bid.objects.filter(outcome__in=FUNDED_OUTCOMES)
    if priority_function is not None:
        bids = bids.filter(pk__in=Bid.objects.filter(functions__number=priority_function).values("pk"))
    if round_id is not None:
        bids = bids.filter(round_id=round_id)
    return (
        bids.select_related("round", "lead_organisation")
        .prefetch_related(
            Prefetch("partners", queryset=Organisation.objects.order_by("name")),
            Prefetch("functions", queryset=PriorityFunction.objects.order_by("number")),
        )
        .order_by("-determined_at", "pk")
    )


# --- funded projects -------------------------------------------------------------------------------


# --- read by upper layers (the ICS Executive's investment dashboard) -------------------------------


def _awarded(until) -> Q:
    """Bids given money by a determination made by ``until``."""
    return Q(awarded_amount__isnull=False, determined_at__isnull=False, determined_at__lte=until)


def awards_by_function(until) -> list[PriorityFunction]:
    """The 10 priority functions, each with ``awarded_bids`` and ``awarded`` (the money) for the bids
    determined by ``until`` that said they serve it; a bid serving several counts under each (one query)."""
    awarded = Q(cf_bids__awarded_amount__isnull=False, cf_bids__determined_at__isnull=False,
                cf_bids__determined_at__lte=until)
    return list(
        PriorityFunction.objects.annotate(
            awarded_bids=Count("cf_bids", filter=awarded),
            awarded=Coalesce(Sum("cf_bids__awarded_amount", filter=awarded), Decimal("0")),
        ).order_by("number")
    )


def awards_total(until) -> dict:
    """``{"bids": n, "total": money}`` for the bids given money by a determination made by ``until``,
    each bid once (one query)."""
    return Bid.objects.filter(_awarded(until)).aggregate(
        bids=Count("id"), total=Coalesce(Sum("awarded_amount"), Decimal("0"))
    )


def awards_by_quarter(since, until, *, known_by) -> dict[tuple[int, int], Decimal]:
    """Money awarded in each calendar quarter between ``since`` and ``until``, as known at ``known_by``:
    ``{(year, quarter number): amount}`` (one query)."""
    return {
        (row["year"], row["quarter"]): row["amount"]
        for row in Bid.objects.filter(_awarded(known_by), determined_at__gte=since, determined_at__lte=until)
        .annotate(year=ExtractYear("determined_at"), quarter=ExtractQuarter("determined_at"))
        .values("year", "quarter").annotate(amount=Sum("awarded_amount")).order_by()
    }


def portfolio():
    """Every funded project with payments released, latest spend to date and next report due, in one
    query (each figure a subquery, so that no join multiplies another)."""
    return list(_portfolio())


PORTFOLIO_PAGE_SIZE = 50


def portfolio_page(page_number, per_page: int = PORTFOLIO_PAGE_SIZE):
    """One page of :func:`portfolio`: a count query and the page, whatever the number of projects."""
    return Paginator(_portfolio(), per_page).get_page(page_number)


def _portfolio():
    money = DecimalField(max_digits=12, decimal_places=2)
    paid = (
        Milestone.objects.filter(bid=OuterRef("pk"), paid_at__isnull=False)
        .values("bid").annotate(total=Sum("payment_amount")).values("total")
    )
    latest_report = ProgressReport.objects.filter(bid=OuterRef("report__bid")).order_by("-submitted_at", "-pk")
    spent = (
        ReportSpend.objects.filter(report__bid=OuterRef("pk"))
        .filter(report=Subquery(latest_report.values("pk")[:1]))
        .values("report").annotate(total=Sum("spent_to_date")).values("total")
    )
    next_due = (
        Milestone.objects.filter(bid=OuterRef("pk"), reports__isnull=True).order_by("due_date").values("due_date")[:1]
    )
    return (
        Bid.objects.filter(outcome__in=FUNDED_OUTCOMES)
        .select_related("round", "lead_organisation")
        .annotate(
            paid=Coalesce(Subquery(paid, output_field=money), Decimal("0"), output_field=money),
            spent=Subquery(spent, output_field=money),
            next_due=Subquery(next_due),
        )
        .order_by("state", "next_due", "title", "pk")
    )
