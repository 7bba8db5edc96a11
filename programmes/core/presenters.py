"""Display decisions for the cohort engine: links and dates in emails and messages."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone


def site_url(path: str) -> str:
    return settings.ACADEMY_SITE_URL + path


def format_deadline(moment) -> str:
    """'5 December 2026 at 5:00pm' in local time."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y} at {local.hour % 12 or 12}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
