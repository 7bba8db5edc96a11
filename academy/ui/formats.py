"""Money, dates and times in the NHS.UK style, for every app's presenters, emails and templates.

NHS.UK's style: "2 December 2026", "10:30am", "9am" (no ":00"), "midday" and "midnight", "9am to 4pm", and a
single day shown once ("2 December 2026, 9am to 4pm"). Times are shown in London time. Templates use the
filters of the same names (``academy/ui/templatetags/formats.py``, built in to every template).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


def _local(value):
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def nhs_date(value) -> str:
    """'2 December 2026' (a date, or a datetime in London time)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return f"{value.day} {value:%B %Y}"


def nhs_short_date(value) -> str:
    """'2 Dec 2026', for narrow table columns."""
    if value in (None, ""):
        return ""
    value = _local(value)
    return f"{value.day} {value:%b %Y}"


def nhs_time(value) -> str:
    """'10:30am', '9am', 'midday', 'midnight' (a time, or a datetime in London time)."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if value.hour == 12 and value.minute == 0:
        return "midday"
    if value.hour == 0 and value.minute == 0:
        return "midnight"
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def nhs_datetime(value) -> str:
    """'2 December 2026 at 10:30am' in London time."""
    if value in (None, ""):
        return ""
    return f"{nhs_date(value)} at {nhs_time(value)}"


def nhs_time_range(start, end) -> str:
    """'9am to 4pm'."""
    return f"{nhs_time(start)} to {nhs_time(end)}"


def nhs_datetime_range(start, end) -> str:
    """A single day once ('2 December 2026, 9am to 4pm'); across days in full
    ('2 December 2026 at 9am to 3 December 2026 at 4pm')."""
    if not start:
        return ""
    if not end:
        return nhs_datetime(start)
    if _local(start).date() == _local(end).date():
        return f"{nhs_date(start)}, {nhs_time_range(start, end)}"
    return f"{nhs_datetime(start)} to {nhs_datetime(end)}"


def nhs_date_range(start, end) -> str:
    """'2 to 4 December 2026', '30 November to 4 December 2026', '30 December 2026 to 2 January 2027', or one
    date when they are the same day."""
    if not start:
        return ""
    if not end or start == end:
        return nhs_date(start)
    start, end = _local(start), _local(end)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day} to {nhs_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {nhs_date(end)}"
    return f"{nhs_date(start)} to {nhs_date(end)}"


def money(value) -> str:
    """'£1,250' for whole pounds, '£1,250.50' otherwise; '' for nothing. Negative amounts as '-£40'."""
    if value in (None, ""):
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    text = f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"
    return f"{sign}£{text}"
