"""The Challenge Fund's own template filter. Money, dates and times use the UI kit's built-in filters
(``money``, ``nhs_date``, ``nhs_datetime``: see ``academy.ui.formats``)."""

from django import template

register = template.Library()


@register.filter
def status_at(round_, now) -> str:
    return round_.status(now)
