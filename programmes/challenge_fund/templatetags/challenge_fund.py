from django import template

from programmes.challenge_fund.services import london, money

register = template.Library()


@register.filter
def pounds(value) -> str:
    """£25,000 or £25,000.50; an empty amount reads "Not given"."""
    return "Not given" if value is None or value == "" else money(value)


@register.filter
def in_london(value) -> str:
    """A moment in London time: "12:00pm on 15 January 2027"."""
    return london(value) if value else ""


@register.filter
def status_at(round_, now) -> str:
    return round_.status(now)
