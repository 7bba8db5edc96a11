"""Display decisions for the cohort engine. Dates and times use the UI kit's NHS.UK formats
(:mod:`academy.ui.formats`: ``nhs_datetime`` for a deadline, "5 December 2026 at 5pm")."""

from __future__ import annotations

from django.conf import settings


def site_url(path: str) -> str:
    """The full address of a page of the portal, for emails and certificates."""
    return settings.ACADEMY_SITE_URL + path
