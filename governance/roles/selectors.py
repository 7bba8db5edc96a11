"""Reads for the leadership roles' pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from governance.models import DAYS_PER_WTE, LeadershipRole

ROLE_HISTORY_FIELDS = (
    "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
    "role_type", "pay_basis", "wte", "annual_cost", "funding_source", "start_date", "end_date", "holder",
    "sessional_overtime_confirmed",
)
ROLE_HISTORY_LABELS = {
    "function": "Priority function", "spatial_level": "Spatial level", "collaborative": "Provider collaborative",
    "borough": "Borough", "organisation": "Organisation", "clinical_network": "Clinical network",
    "role_type": "Role type", "pay_basis": "Paid as", "wte": "WTE", "annual_cost": "Annual cost (£)",
    "funding_source": "Funded by", "start_date": "Start date", "end_date": "End date", "holder": "Holder",
    "sessional_overtime_confirmed": "Sessional overtime confirmed", "title": "Title",
}
ROLE_RELATED = ("function", "role_type", "holder", "collaborative", "borough", "organisation", "clinical_network")


@dataclass(frozen=True)
class RoleTotals:
    roles: int
    filled: int
    vacant: int
    wte: Decimal
    days_per_week: Decimal
    annual_cost: Decimal


def roles_queryset(filters: dict, today: date | None = None):
    today = today or timezone.localdate()
    roles = LeadershipRole.objects.all()
    if filters.get("ended") != "include":
        roles = roles.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    if filters.get("spatial_level"):
        roles = roles.filter(spatial_level=filters["spatial_level"])
    if filters.get("function"):
        roles = roles.filter(function=filters["function"])
    if filters.get("status") == "filled":
        roles = roles.filter(holder__isnull=False)
    elif filters.get("status") == "vacant":
        roles = roles.filter(holder__isnull=True)
    return roles


def roles_page(filters: dict, page_number, per_page: int = 50, today: date | None = None):
    """One page of roles with the totals of every role the filters select (totals summed in the
    database). Three queries: the totals, the page count and the page."""
    roles = roles_queryset(filters, today)
    totals = roles.aggregate(
        roles=Count("pk"), filled=Count("pk", filter=Q(holder__isnull=False)),
        wte=Coalesce(Sum("wte"), Decimal("0")), annual_cost=Coalesce(Sum("annual_cost"), Decimal("0")),
    )
    page = Paginator(
        roles.select_related(*ROLE_RELATED).order_by("function__number", "spatial_level", "title", "pk"), per_page
    ).get_page(page_number)
    return page, RoleTotals(
        roles=totals["roles"], filled=totals["filled"], vacant=totals["roles"] - totals["filled"],
        wte=totals["wte"], days_per_week=totals["wte"] * DAYS_PER_WTE, annual_cost=totals["annual_cost"],
    )
