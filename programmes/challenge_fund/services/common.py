"""What every Challenge Fund service shares: the programme's slug, who its admins are, and how money and
times read."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.formats import date_format

from academy.accounts.models import User
from programmes.challenge_fund.models import (
    Bid,
    Round,
)

PROGRAMME_SLUG = "challenge-fund"


def london(value) -> str:
    """A moment as people in London read it: "12:00pm on 15 January 2027"."""
    local = timezone.localtime(value)
    return f"{date_format(local, 'g:iA').lower()} on {date_format(local, 'j F Y')}"


def money(value: Decimal) -> str:
    return f"£{value:,.2f}".replace(".00", "")


# --- permissions -----------------------------------------------------------------------------------


def is_fund_admin(user) -> bool:
    """A Programme admin of the Challenge Fund, or a superuser."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or PROGRAMME_SLUG in user.administered_programme_slugs)
    )


def require_admin(actor: User | None) -> None:
    if actor is not None and not is_fund_admin(actor):
        raise PermissionDenied("Only the Challenge Fund's programme admins can change its rounds.")


def is_applicant(user, bid: Bid) -> bool:
    """The bid's lead or one of its co-applicants."""
    if not (user and user.is_authenticated):
        return False
    if bid.lead_id == user.pk:
        return True
    return bid.coapplicants.filter(user=user).exists()


def is_reviewer(user) -> bool:
    from academy.accounts.models import Role

    return bool(user and user.is_authenticated and user.has_role(Role.REVIEWER))


def bids_hidden_from_staff(round_: Round, now=None) -> bool:
    """A sealed round shows staff no bid until it closes."""
    return round_.sealed and (now or timezone.now()) < round_.closes_at
