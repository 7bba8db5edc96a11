"""An iCalendar (.ics) file for one shadowing visit: a whole-day event, with the Academy's calendar identity
from programmes/core/ics.py. The icalendar library escapes and folds the text."""

from __future__ import annotations

from datetime import UTC, timedelta

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from programmes.core.ics import new_calendar, uid


def visit_calendar(placement, visit, now=None, *, cancel: bool = False) -> str:
    """The visit as it is now. The UID stays the same for the life of the visit and SEQUENCE goes up at each
    change, so a calendar replaces the old day; ``cancel`` makes a METHOD:CANCEL file that removes it."""
    offer = placement.offer
    cal = new_calendar(method="CANCEL" if cancel else "PUBLISH")
    event = icalendar.Event()
    event.add("uid", uid(f"shadowing-visit-{visit.pk}"))
    event.add("sequence", visit.sequence)
    if cancel:
        event.add("status", "CANCELLED")
    event.add("dtstamp", (now or timezone.now()).astimezone(UTC))
    event.add("dtstart", visit.on)
    event.add("dtend", visit.on + timedelta(days=1))
    event.add("summary", f"Shadowing visit {visit.number}: {offer.setting}, {offer.organisation.name}")
    event.add("description", "\n".join([
        f"{placement.shadow.get_full_name()} shadows {offer.host.get_full_name()} ({placement.round.name}).",
        f"Practical arrangements: {placement.agreement.practical_arrangements}",
    ]))
    event.add("location", f"{offer.setting}, {offer.organisation.name}")
    event.add("url", f"{settings.ACADEMY_SITE_URL}{reverse('shadowing:placement', args=[placement.pk])}")
    cal.add_component(event)
    return cal.to_ical().decode("utf-8")
