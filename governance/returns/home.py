"""The home page's panel for a transformation programme's C&CP lead: the progress returns they owe the
C&CPLG that are due within a month or overdue (one query). Registered from governance/apps.py."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from academy.ui.home import HomeItem, register_home_panel
from governance.models import ProgressReturn, ReturnState

SHOW_WITHIN = timedelta(days=31)


@register_home_panel("Progress returns to the C&CPLG", order=45)
def returns_owed(user, now) -> list[HomeItem]:
    if not user.is_authenticated:
        return []
    today = timezone.localdate(now)
    owed = ProgressReturn.objects.filter(
        Q(schedule__role__holder=user) | Q(schedule__person=user),
        state=ReturnState.DUE,
        due_on__lte=today + SHOW_WITHIN,
    ).aggregate(count=Count("pk"), first=Min("due_on"))
    if not owed["count"]:
        return []
    return [
        HomeItem(
            "Progress returns to send",
            reverse("governance:my_returns"),
            count=owed["count"],
            deadline=owed["first"],
            deadline_label="The first is due",
        )
    ]
