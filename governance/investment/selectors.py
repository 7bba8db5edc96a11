"""Reads for the Academy's spend by programme."""

from __future__ import annotations

from django.core.paginator import Page, Paginator

from governance.models import ProgrammeSpend


def spend_page(page_number, per_page: int = 50) -> Page:
    """Recorded spend, newest quarter first, with the programme (two queries: the count and the page)."""
    return Paginator(ProgrammeSpend.objects.select_related("programme"), per_page).get_page(page_number)
