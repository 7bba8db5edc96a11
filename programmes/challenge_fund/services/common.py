"""What every Challenge Fund service shares: the admins-only guard. Money, dates and times read in the
NHS.UK style through ``academy.ui.formats``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from academy import workflow
from programmes.challenge_fund.rules import is_fund_admin


def require_admin(actor) -> None:
    """A fund admin, or workflow.SYSTEM (scheduled work, demo data). None raises: say who acts."""
    if not workflow.is_system(actor) and not is_fund_admin(actor):
        raise PermissionDenied("Only the Challenge Fund's programme admins can change its rounds.")
