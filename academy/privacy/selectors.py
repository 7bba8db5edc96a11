"""Reads for privacy pages: the access log (two queries a page whatever its size) and data downloads."""

from __future__ import annotations

import datetime

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils import timezone

from academy.privacy.models import AccessLogEntry
from academy.privacy.services import MY_DATA_REPORT
from academy.reports.models import ReportJob

PER_PAGE = 50


def _name_or_email(prefix: str, text: str) -> Q:
    query = Q(**{f"{prefix}email__icontains": text})
    for word in text.split():
        query |= Q(**{f"{prefix}first_name__icontains": word}) | Q(**{f"{prefix}last_name__icontains": word})
    return query


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def access_log_page(filters: dict, page_number, per_page: int = PER_PAGE):
    """The access log, newest first, filtered by whose data, who read it, and dates (inclusive)."""
    entries = AccessLogEntry.objects.select_related("subject", "reader")
    if filters.get("person"):
        entries = entries.filter(_name_or_email("subject__", filters["person"]))
    if filters.get("reader"):
        entries = entries.filter(
            Q(reader_label__icontains=filters["reader"]) | _name_or_email("reader__", filters["reader"])
        )
    if filters.get("since"):
        entries = entries.filter(at__gte=_start_of(filters["since"]))
    if filters.get("until"):
        entries = entries.filter(at__lt=_start_of(filters["until"] + datetime.timedelta(days=1)))
    return Paginator(entries.order_by("-at", "-pk"), per_page).get_page(page_number)


def own_access_log_page(person, page_number, per_page: int = PER_PAGE):
    """Who opened ``person``'s data, newest first."""
    entries = AccessLogEntry.objects.filter(subject=person).only("at", "reader_label", "what", "people_in_export")
    return Paginator(entries.order_by("-at", "-pk"), per_page).get_page(page_number)


def my_data_downloads(person, limit: int = 10) -> list[ReportJob]:
    """The person's recent data downloads, newest first."""
    return list(ReportJob.objects.filter(owner=person, kind=MY_DATA_REPORT).order_by("-created_at")[:limit])
