"""Writes for the Academy's spend by programme, saved with history."""

from __future__ import annotations

import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from governance.audit import check_permission, save_with_history
from governance.investment.quarters import quarter_of
from governance.models import ProgrammeSpend
from governance.roles.services import PENNY
from programmes.challenge_fund.services import PROGRAMME_SLUG as CHALLENGE_FUND_SLUG

log = logging.getLogger(__name__)


SPEND_FIELDS = ("programme", "year", "quarter", "amount", "description")


@transaction.atomic
def record_spend(actor: User | None, spend, data: dict, today: date | None = None):
    """Record (``spend`` None) or correct what the Academy spent on a programme in a quarter, with
    history. The quarter cannot be in the future; the Challenge Fund's awards come from its bids, so they
    are not recorded here. Raises ValidationError with field errors; nothing is saved then."""
    check_permission(actor, "governance.manage_spend",
                     "Only the governance secretariat can record the Academy's spend.")
    unknown = set(data) - set(SPEND_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    today = today or timezone.localdate()
    this_quarter = quarter_of(today)
    errors = {}
    programme = data.get("programme")
    if programme is None:
        errors["programme"] = "Select the programme"
    elif programme.slug == CHALLENGE_FUND_SLUG:  # its spend is its awards
        errors["programme"] = ("The Challenge Fund's spend is its awards, which the dashboard takes from the bids. "
                               "Select another programme")
    year, quarter = data.get("year"), data.get("quarter")
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = "Select the quarter"
    elif year is None or (year, quarter) > (this_quarter.year, this_quarter.number):
        errors["quarter"] = "The quarter cannot be in the future. Record spend once it is made"
    amount = data.get("amount")
    if amount is None or amount <= 0:
        errors["amount"] = "Enter an amount more than £0"
    elif amount != amount.quantize(PENNY):
        errors["amount"] = "Enter pounds and pence at most, like 1250.50"
    if not (data.get("description") or "").strip():
        errors["description"] = "Describe what the money was spent on"
    if errors:
        raise ValidationError(errors)
    creating = spend is None
    spend = ProgrammeSpend() if creating else ProgrammeSpend.objects.select_for_update().get(pk=spend.pk)
    for field, value in data.items():
        setattr(spend, field, value.strip() if isinstance(value, str) else value)
    spend.full_clean()
    save_with_history(spend, actor, "recorded" if creating else "corrected")
    log.info("programme spend pk=%s %s by=%s", spend.pk, "recorded" if creating else "corrected",
             getattr(actor, "pk", None))
    return spend
