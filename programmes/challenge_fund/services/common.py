"""What every Challenge Fund service shares: the admins-only guard, and how money and
times read."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format

from academy import workflow
from programmes.challenge_fund.rules import is_fund_admin


def london(value) -> str:
    """A moment as people in London read it: "12:00pm on 15 January 2027"."""
    local = timezone.localtime(value)
    return f"{date_format(local, 'g:iA').lower()} on {date_format(local, 'j F Y')}"


def money(value: Decimal) -> str:
    return f"£{value:,.2f}".replace(".00", "")


def require_admin(actor) -> None:
    """A fund admin, or workflow.SYSTEM (scheduled work, demo data). None raises: say who acts."""
    if not workflow.is_system(actor) and not is_fund_admin(actor):
        raise PermissionDenied("Only the Challenge Fund's programme admins can change its rounds.")
