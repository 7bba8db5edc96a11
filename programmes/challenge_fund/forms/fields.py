"""The Challenge Fund's form fields: amounts in pounds, and dates and times as London wall-clock time."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings

from academy.ui.forms import DateInputField
from programmes.challenge_fund.models import MONEY

LONDON = ZoneInfo(settings.TIME_ZONE)
MAX_MONEY = Decimal("9999999999.99")


# An amount as people write it: "6000", "6,000", "£6,000.50", with spaces around; commas only between groups
# of three digits. Anything else is refused with the field's "invalid" message.
AMOUNT = re.compile(r"^(?P<sign>-?)£?(?P<pounds>\d{1,3}(?:,\d{3})+|\d+)(?P<pence>\.\d+)?$")


class MoneyField(forms.DecimalField):
    """An amount in pounds, accepting a pound sign and thousands separators. Every money input of the fund
    uses it (through :func:`money_field`)."""

    def to_python(self, value):
        if isinstance(value, str):
            text = value.strip().replace(" ", "")
            if text:
                match = AMOUNT.match(text)
                if match is None:
                    raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
                value = match["sign"] + match["pounds"].replace(",", "") + (match["pence"] or "")
        return super().to_python(value)


def money_field(
    label: str, required_message: str, *, required: bool = True, help_text: str = "", allow_zero: bool = False
) -> MoneyField:
    return MoneyField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=Decimal("0") if allow_zero else Decimal("0.01"),
        max_value=MAX_MONEY,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}),
        error_messages={
            "required": required_message,
            "invalid": f"{label} must be an amount in pounds, like 25,000 or £25,000.50",
            "min_value": f"{label} cannot be negative" if allow_zero else f"{label} must be more than £0",
            "max_value": f"{label} is too large",
            "max_digits": f"{label} is too large",
            "max_decimal_places": f"{label} can have at most 2 decimal places (pence)",
        },
    )


def london_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment a London wall-clock date and time names. A time the clocks skip (the spring change)
    does not exist; a time the clocks repeat (the autumn change) means the first one."""
    aware = dt.datetime.combine(day, time).replace(tzinfo=LONDON, fold=0)
    round_trip = aware.astimezone(dt.UTC).astimezone(LONDON)
    if round_trip.replace(tzinfo=None) != aware.replace(tzinfo=None):
        raise forms.ValidationError("nonexistent")
    return aware


def date_field(label: str, what: str) -> DateInputField:
    """A date with the NHS.UK date input (day, month, year); its messages name the date ("The closing date
    must include a month")."""
    return DateInputField(
        label=label,
        what=f"The {what} date",
        help_text="For example, 15 1 2027.",
        error_messages={"required": f"Enter the {what} date"},
    )


def time_field(label: str, what: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="London time, 24-hour clock, for example 12:00.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": f"Enter the {what} time", "invalid": f"Enter the {what} time, like 12:00"},
    )
