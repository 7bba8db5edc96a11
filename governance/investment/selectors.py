"""Reads for the Academy's spend by programme."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.utils import timezone

from governance.investment.dashboard import Dashboard, investment_dashboard
from governance.investment.quarters import Quarter, past_quarters
from governance.models import ProgrammeSpend


def spend_page(page_number, per_page: int = 50) -> Page:
    """Recorded spend, newest quarter first, with the programme (two queries: the count and the page)."""
    return Paginator(ProgrammeSpend.objects.select_related("programme"), per_page).get_page(page_number)


# --- read by the API (api/) -------------------------------------------------------------------------


def dashboard_quarters() -> list[Quarter]:
    """The past quarters whose figures a person may choose, newest first (as on the dashboard page)."""
    return past_quarters(timezone.localdate())


def dashboard_for(quarter: Quarter | None) -> Dashboard:
    """The ICS Executive's figures at the end of ``quarter`` (None: today), as the dashboard page shows them."""
    return investment_dashboard(quarter)
