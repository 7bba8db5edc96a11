"""Template filters for money, dates and times in the NHS.UK style (see academy.ui.formats). Built in to
every template (settings' TEMPLATES builtins), so no ``{% load %}`` is needed.

    {{ session.starts_at|nhs_datetime }}            2 December 2026 at 10:30am
    {{ session.starts_at|nhs_datetime_range:session.ends_at }}   2 December 2026, 10:30am to 4pm
    {{ cohort.starts_on|nhs_date_range:cohort.ends_on }}        2 to 4 December 2026
    {{ bid.amount|money }}                           £12,500
"""

from __future__ import annotations

from django import template

from academy.ui import formats

register = template.Library()

for _name in ("nhs_date", "nhs_short_date", "nhs_time", "nhs_datetime", "money"):
    register.filter(_name, getattr(formats, _name))
for _name in ("nhs_time_range", "nhs_datetime_range", "nhs_date_range"):
    register.filter(_name, getattr(formats, _name))
