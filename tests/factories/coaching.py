"""Coaching (issue 13): a coach in the pool, a network member, and requests moved on through the services."""

from academy import workflow
from programmes.network import coaching_services
from programmes.network.models import AccreditationBody, Coach, CoachStatus
from tests.factories.directory import LeaderProfileFactory
from tests.factories.network import MembershipFactory


def member(**profile):
    """A leader with a profile who is an accepted member of the open network."""
    person = LeaderProfileFactory(**profile).user
    MembershipFactory(person=person)
    return person


def coach(capacity: int = 2, status: str = CoachStatus.ACTIVE, person=None) -> Coach:
    return coaching_services.add_coach(
        workflow.SYSTEM, person=person or LeaderProfileFactory().user, accreditation_body=AccreditationBody.EMCC,
        accreditation_level="Senior Practitioner", specialisms="Team coaching", capacity=capacity, status=status,
    )


def request(person=None, **fields):
    data = {"for_whom": "self", "what_for": "Leading across organisations", "urgency": "soon", "format": "online"}
    return coaching_services.request_coaching(person or member(), **(data | fields))


def offered(person=None, to=None):
    req = request(person)
    return coaching_services.assign(workflow.SYSTEM, req, to or coach())


def active(person=None, to=None):
    req = offered(person, to)
    return coaching_services.accept(req.coach.person, req)
