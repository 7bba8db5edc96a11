"""Objects the workshop tests share: an edition whose released programme holds workshops, and people with a
confirmed registration for it."""

from __future__ import annotations

from academy import workflow
from programmes.conference import schedule_services
from programmes.conference.models import ProposalState, Room, SessionKind, TicketType
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_proposal, make_registration, make_ticket_type
from tests.programmes.conference.schedule_helpers import at


def workshop_edition(count: int = 2, *, seats: int = 30, titles=(), same_time: bool = False, **edition_values):
    """An edition with a workshop room of ``seats`` and ``count`` accepted workshops placed in it (an hour
    apart from 9am, or all at 10am with ``same_time``) and a talk, released. Returns the edition and workshops."""
    edition = make_edition(**edition_values)
    room = Room.objects.create(edition=edition, name="Workshop room", capacity=seats)
    workshop_type = edition.session_types.get(kind=SessionKind.WORKSHOP)
    proposals = []
    for index in range(count):
        title = titles[index] if index < len(titles) else f"Workshop {index + 1}"
        proposal = make_proposal(edition, state=ProposalState.ACCEPTED, session_type=workshop_type, title=title)
        hour = 10 if same_time else 9 + index % 8
        schedule_services.place_session(workflow.SYSTEM, proposal, room=room, starts_at=at(edition, hour))
        proposals.append(proposal)
    talk = make_proposal(edition, state=ProposalState.ACCEPTED, title="A talk, not a workshop")
    schedule_services.place_session(workflow.SYSTEM, talk, room=edition.rooms.get(name="Great Hall"),
                                    starts_at=at(edition, 9))
    schedule_services.release_schedule(workflow.SYSTEM, edition, expected_number=1)
    return edition, proposals


def attendee(edition, user=None, *, state="confirmed", **user_values):
    """A person registered for ``edition`` (confirmed unless ``state`` says otherwise)."""
    ticket_type = TicketType.objects.filter(edition=edition).first() or make_ticket_type(edition, capacity=1000)
    user = user or UserFactory(**user_values)
    make_registration(ticket_type, user=user, state=state)
    return user
