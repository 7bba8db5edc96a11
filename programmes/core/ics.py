"""iCalendar (RFC 5545) files for sessions, built with the `icalendar` library.

The library escapes TEXT values, folds lines at 75 octets and ends them in CRLF; we give it the events.
Times are written in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

PRODID = "-//NHS South East London//SEL Systems Leadership Academy//EN"


def new_calendar(name: str | None = None, *, method: str = "PUBLISH") -> icalendar.Calendar:
    """An empty calendar with the Academy's identity, for every .ics the portal makes (sessions, visits, the
    conference): the header is written once here."""
    cal = icalendar.Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def uid(key: str) -> str:
    """A UID that stays the same for the life of the thing it names, unique to this site."""
    return f"{key}@{urlsplit(settings.ACADEMY_SITE_URL).hostname}"


def session_event(session, now=None) -> icalendar.Event:
    cohort = session.cohort
    where = [part for part in (session.venue, session.online_link) if part]
    description = [cohort.title]
    if session.faculty:
        description.append(f"With {session.faculty}")
    if session.online_link:
        description.append(f"Join online: {session.online_link}")
    if session.description:
        description.append(session.description)
    event = icalendar.Event()
    event.add("uid", uid(f"session-{session.pk}"))
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", f"{session.title} ({cohort.title})")
    event.add("description", "\n".join(description))
    event.add("url", f"{settings.ACADEMY_SITE_URL}{reverse('programmes:cohort', args=[cohort.pk])}")
    if where:
        event.add("location", ", ".join(where))
    return event


def calendar(sessions: Iterable, name: str = "SEL Systems Leadership Academy", now=None) -> str:
    cal = new_calendar(name)
    for session in sessions:
        cal.add_component(session_event(session, now))
    return cal.to_ical().decode("utf-8")
