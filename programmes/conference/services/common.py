"""What every part of the conference's services shares: London time, and who may change an edition."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import PermissionDenied

from academy import workflow
from programmes.conference.rules import is_conference_admin

LONDON = ZoneInfo(settings.TIME_ZONE)


def require_admin(actor) -> None:
    """A conference admin, or workflow.SYSTEM (demo data). None raises: say who acts."""
    if not workflow.is_system(actor) and not is_conference_admin(actor):
        raise PermissionDenied("Only the conference's programme admins can change its editions.")
