"""iCalendar (.ics) files for conference sessions (and, at the end, the edition's day(s) for the emails that
confirm a place), with the Academy's calendar identity from
programmes/core/ics.py. The icalendar library escapes and folds the text. A session keeps one UID for its life
and its SEQUENCE is the schedule version, so a calendar replaces the old slot when the schedule moves it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from programmes.core.ics import new_calendar, uid


def session_event(session, edition, *, sequence: int = 0, now=None) -> icalendar.Event:
    """``session`` is a schedule_selectors.ProgrammeSession (or anything with proposal, room, starts_at,
    ends_at and speakers)."""
    proposal = session.proposal
    event = icalendar.Event()
    event.add("uid", uid(f"conference-session-{proposal.pk}"))
    event.add("sequence", sequence)
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", f"{proposal.title} ({proposal.session_type.get_kind_display()})")
    names = ", ".join(person.get_full_name() or "A speaker" for person in session.speakers)
    event.add("description", "\n".join(part for part in (f"{edition.name}", f"With {names}" if names else "",
                                                          proposal.abstract) if part))
    event.add("location", f"{session.room}, {edition.venue_name}")
    event.add("url", f"{settings.ACADEMY_SITE_URL}"
                     f"{reverse('conference:programme_session', args=[edition.slug, proposal.pk])}")
    return event


def sessions_calendar(pairs: Iterable, name: str, *, sequence: int = 0, now=None) -> str:
    """``pairs`` of (session, edition)."""
    cal = new_calendar(name)
    for session, edition in pairs:
        cal.add_component(session_event(session, edition, sequence=sequence, now=now))
    return cal.to_ical().decode("utf-8")


def edition_calendar(edition, registration=None, now=None) -> str:
    cal = new_calendar()
    event = icalendar.Event()
    event.add("uid", uid(f"conference-edition-{edition.pk}"))
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", edition.starts_on)
    event.add("dtend", edition.ends_on + timedelta(days=1))
    event.add("summary", edition.name)
    event.add("location", edition.venue_name)
    description = ["Your place is confirmed. Show your ticket's QR code at the registration desk."]
    if registration is not None:
        url = f"{settings.ACADEMY_SITE_URL}{reverse('conference:registration', args=[registration.pk])}"
        description.append(f"Your registration and ticket: {url}")
        event.add("url", url)
    event.add("description", "\n".join(description))
    cal.add_component(event)
    return cal.to_ical().decode("utf-8")


def edition_attachment(edition, registration=None) -> dict:
    """The .ics as an email attachment (the notifications service attaches ``context["attachments"]``)."""
    return {"filename": f"{edition.slug}.ics", "mimetype": "text/calendar",
            "content": edition_calendar(edition, registration)}
