"""Follow-ups of shadowing placements for the evaluation's page on behaviour at three months."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from programmes.shadowing.models import FollowUp
from tests.factories.shadowing import make_placement


def follow_up(*, answer: str = "", may_use: bool = False, shadow_name: str | None = None) -> FollowUp:
    """A follow-up invited ten days ago, answered four days later when ``answer`` is given."""
    placement = make_placement()
    if shadow_name:
        placement.shadow.first_name, placement.shadow.last_name = shadow_name.split(" ", 1)
        placement.shadow.save(update_fields=["first_name", "last_name"])
    invited = timezone.now() - dt.timedelta(days=10)
    return FollowUp.objects.create(
        placement=placement, due_on=timezone.localdate() - dt.timedelta(days=10), invited_at=invited,
        answer=answer, may_use=may_use and bool(answer), answered_at=invited + dt.timedelta(days=4) if answer else None,
    )
