"""Conference editions and shadowing placements with people who took part, for the questionnaire tests."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from programmes.conference.models import CheckIn
from programmes.shadowing.models import Visit
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory
from tests.factories.shadowing import make_placement
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type


def edition_with_people(count=6, *, checked_in=None, days_to_start=0, with_managers=None):
    """A published one-day edition with ``count`` confirmed registrations (plus one cancelled), the first
    ``checked_in`` of them checked in and the first ``with_managers`` with a line manager on their profile."""
    edition = make_edition(days_to_start=days_to_start)
    ticket = make_ticket_type(edition)
    people = []
    for number in range(count):
        user = UserFactory()
        if with_managers is None or number < with_managers:
            LeaderProfileFactory(user=user)
        registration = make_registration(ticket, user=user)
        if checked_in is not None and number < checked_in:
            CheckIn.objects.create(registration=registration, checked_in_at=timezone.now())
        people.append(user)
    make_registration(ticket, state="cancelled")
    return edition, people


def placement_with_visits(days=(0, 14)):
    placement = make_placement()
    today = timezone.localdate()
    Visit.objects.bulk_create(
        Visit(placement=placement, number=n, on=today + dt.timedelta(days=d)) for n, d in enumerate(days, start=1)
    )
    return placement


def big_room_with_people(count=3, *, days_ago=1, came=None):
    """A Big Room event that ended ``days_ago`` days ago with ``count`` people going (each with a line
    manager on their profile) and, when ``came`` is given, a register marking only the first ``came`` as
    came."""
    from programmes.network.models import Attendance, Rsvp, RsvpStatus  # noqa: PLC0415
    from tests.factories.network import EventFactory  # noqa: PLC0415

    starts = timezone.now() - dt.timedelta(days=days_ago, hours=3)
    event = EventFactory(starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    people = []
    for number in range(count):
        user = UserFactory()
        LeaderProfileFactory(user=user)
        Rsvp.objects.create(event=event, person=user, status=RsvpStatus.GOING)
        if came is not None:
            Attendance.objects.create(event=event, person=user, attended=number < came, recorded_at=timezone.now())
        people.append(user)
    return event, people
