"""The progress returns received since the last meeting, on a C&CPLG meeting's agenda page:
``{% load governance_returns %}{% meeting_returns meeting %}`` (one small include, so the meetings' views
need not know about returns)."""

from __future__ import annotations

from django import template

from governance.returns import selectors

register = template.Library()


@register.inclusion_tag("governance/returns/_meeting_returns.html")
def meeting_returns(meeting):
    return {"returns": selectors.returns_for_meeting(meeting), "meeting": meeting}
