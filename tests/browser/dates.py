"""Filling the NHS.UK date input (day, month and year boxes in a fieldset) the way a person does."""

from __future__ import annotations

import datetime
import re


def fill_date(page, legend: str, value: datetime.date | str) -> None:
    """Type ``value`` (a date or an ISO string) into the date input whose legend is ``legend``."""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    group = page.get_by_role("group", name=re.compile(rf"^\s*{re.escape(legend)}( \(optional\))?\s*$"))
    group.get_by_label("Day", exact=True).fill(str(value.day))
    group.get_by_label("Month", exact=True).fill(str(value.month))
    group.get_by_label("Year", exact=True).fill(str(value.year))
