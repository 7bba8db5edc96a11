"""Objects the schedule's tests share: an edition with two rooms and accepted proposals placed, released."""

from __future__ import annotations

import datetime as dt

from academy import workflow
from programmes.conference import schedule_selectors, schedule_services
from programmes.conference.models import ProposalState, Room
from tests.programmes.conference.helpers import make_edition, make_proposal


def at(edition, hour: int, minute: int = 0, day: int = 0):
    return schedule_selectors.london(edition.starts_on + dt.timedelta(days=day), dt.time(hour, minute))


def scheduled_edition(count: int = 2, **edition_values):
    """An edition with a second room and ``count`` accepted proposals, each placed half an hour apart."""
    edition = make_edition(**edition_values)
    great_hall = edition.rooms.get()
    Room.objects.create(edition=edition, name="Seminar room 1", capacity=40)
    placements = []
    for index in range(count):
        proposal = make_proposal(edition, state=ProposalState.ACCEPTED, title=f"Session {index + 1}")
        minutes = 9 * 60 + 30 * (index % 16)
        placements.append(schedule_services.place_session(
            workflow.SYSTEM, proposal, room=great_hall if index < 16 else edition.rooms.exclude(pk=great_hall.pk).get(),
            starts_at=at(edition, minutes // 60, minutes % 60)))
    return edition, placements


def released_edition(count: int = 2):
    edition, placements = scheduled_edition(count)
    schedule_services.release_schedule(workflow.SYSTEM, edition, expected_number=1)
    return edition, placements
