"""A person's private calendar feed."""

from __future__ import annotations

import secrets

from programmes.core.models import (
    CalendarFeed,
)


def calendar_feed(user) -> CalendarFeed:
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is None:
        feed, _ = CalendarFeed.objects.get_or_create(user=user, defaults={"token": secrets.token_urlsafe(32)})
    return feed


def renew_calendar_feed(actor) -> CalendarFeed:
    feed = calendar_feed(actor)
    feed.token = secrets.token_urlsafe(32)
    feed.save(update_fields=["token"])
    return feed
