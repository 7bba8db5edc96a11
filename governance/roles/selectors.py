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
    "sessional_overtime_confirmed", "programme",
)
ROLE_HISTORY_LABELS = {
    "function": "Priority function", "spatial_level": "Spatial level", "collaborative": "Provider collaborative",
    "borough": "Borough", "organisation": "Organisation", "clinical_network": "Clinical network",
    "role_type": "Role type", "pay_basis": "Paid as", "wte": "WTE", "annual_cost": "Annual cost (£)",
    "funding_source": "Funded by", "start_date": "Start date", "end_date": "End date", "holder": "Holder",
    "sessional_overtime_confirmed": "Sessional overtime confirmed", "title": "Title",
    "programme": "Care pathway programme",
}
ROLE_RELATED = ("function", "role_type", "holder", "collaborative", "borough", "organisation", "clinical_network",
                "programme")


@dataclass(frozen=True)
class RoleTotals:
    roles: int
    filled: int
    vacant: int
    wte: Decimal
    days_per_week: Decimal
    annual_cost: Decimal


# What the roles list shows, and nothing else: the holder's name and email, never their password hash or
# other account columns. The function is joined because the list is ordered by its number.
ROLE_LIST_FIELDS = (
    "title", "function__number", "function__name", "spatial_level", "collaborative", "borough", "organisation",
    "clinical_network", "role_type", "pay_basis", "wte", "annual_cost", "funding_source", "start_date",
    "end_date", "holder__first_name", "holder__last_name", "holder__email",
)
# The small reference tables a role points to, looked up by id rather than joined, so the page's query
# joins three tables rather than eight (PostgreSQL planned the eight-table join afresh on every request).
ROLE_REFERENCES = ("role_type", "collaborative", "borough", "organisation", "clinical_network")


def _with_role_references(roles: list) -> list:
    """Attach each role's reference rows, one query per table that the page needs (at most five)."""
    for name in ROLE_REFERENCES:
        field = LeadershipRole._meta.get_field(name)
        ids = {getattr(role, field.attname) for role in roles} - {None}
        rows = field.related_model.objects.in_bulk(ids) if ids else {}
        for role in roles:
            value = getattr(role, field.attname)
            field.set_cached_value(role, rows.get(value) if value is not None else None)
    return roles


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
        roles.select_related("function", "holder")
        .only(*ROLE_LIST_FIELDS)
        .order_by("function__number", "spatial_level", "title", "pk"),
        per_page,
    ).get_page(page_number)
    page.object_list = _with_role_references(list(page.object_list))
    return page, RoleTotals(
        roles=totals["roles"], filled=totals["filled"], vacant=totals["roles"] - totals["filled"],
        wte=totals["wte"], days_per_week=totals["wte"] * DAYS_PER_WTE, annual_cost=totals["annual_cost"],
    )


def roles_for_api(filters: dict, today: date | None = None):
    """The roles the filters select (as on the roles page) with their function and holder, in the page's
    order; ``attach_role_references`` then adds the small reference rows to a page of them."""
    return (
        roles_queryset(filters, today)
        .select_related("function", "holder")
        .order_by("function__number", "spatial_level", "title", "pk")
    )


def attach_role_references(roles: list) -> list:
    """Each role's type, collaborative, borough, organisation and network, one query per table needed."""
    return _with_role_references(roles)
