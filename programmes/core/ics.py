"""A small iCalendar (RFC 5545) writer for sessions: no dependency, just what calendars need.

Lines end in CRLF and are folded at 75 octets (continuation lines start with a space, never splitting a
UTF-8 character); TEXT values escape backslash, semicolon, comma and newlines; times are in UTC.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

PRODID = "-//NHS South East London//SEL Systems Leadership Academy//EN"


def escape_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current, limit = [], b"", 75
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > limit:
            parts.append(current.decode("utf-8"))
            current, limit = b"", 74  # continuation lines begin with one space
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_event(session, now=None) -> list[str]:
    cohort = session.cohort
    where = [part for part in (session.venue, session.online_link) if part]
    description = [cohort.title]
    if session.faculty:
        description.append(f"With {session.faculty}")
    if session.online_link:
        description.append(f"Join online: {session.online_link}")
    if session.description:
        description.append(session.description)
    lines = [
        "BEGIN:VEVENT",
        f"UID:session-{session.pk}@{settings.ACADEMY_SITE_URL.split('://', 1)[-1].split('/')[0].split(':')[0]}",
        f"DTSTAMP:{utc(now or timezone.now())}",
        f"DTSTART:{utc(session.starts_at)}",
        f"DTEND:{utc(session.ends_at)}",
        f"SUMMARY:{escape_text(f'{session.title} ({cohort.title})')}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"URL:{settings.ACADEMY_SITE_URL}{reverse('programmes:cohort', args=[cohort.pk])}",
    ]
    if where:
        lines.append(f"LOCATION:{escape_text(', '.join(where))}")
    lines.append("END:VEVENT")
    return lines


def calendar(sessions: Iterable, name: str = "SEL Systems Leadership Academy", now=None) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for session in sessions:
        lines.extend(session_event(session, now))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
