"""The header's unread count: one query on a partial index, and only on pages that show it."""

from __future__ import annotations

from functools import cache

from academy.notifications import selectors


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    @cache
    def count() -> int:  # the template calls it; asked twice, it still reads once
        return selectors.unread_count(user)

    return {"notifications_unread": count}
