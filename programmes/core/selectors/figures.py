"""Figures upper layers read about the cohort engine as a whole (the ICS Executive's investment dashboard)."""

from __future__ import annotations

from programmes.core.models import Certificate


def leaders_developed(until) -> int:
    """The number of people given a certificate for completing a programme by ``until``, each person once
    however many programmes they completed (one query)."""
    return Certificate.objects.filter(issued_at__lte=until).values("application__applicant").distinct().count()
