"""Coaching under a race: two leads (or two tabs) offering requests to one coach at the same moment never
give the coach more coachees than their capacity; a coach accepting while the leader withdraws leaves one
outcome, never both."""

import pytest
from django.core.exceptions import ValidationError

from academy import workflow
from programmes.network import coaching_services as services
from programmes.network.models import CoachingRequest, CoachingState
from tests.concurrency import at_once, raised
from tests.factories import coaching

pytestmark = pytest.mark.django_db(transaction=True)


def test_assigning_at_the_same_moment_never_exceeds_the_coachs_capacity():
    coach = coaching.coach(capacity=2)
    requests = [coaching.request() for _ in range(6)]
    outcomes = at_once(*[lambda r=r: services.assign(workflow.SYSTEM, r, coach) for r in requests])
    assert len(raised(outcomes, ValidationError)) == 4
    assert len(raised(outcomes)) == 4
    assert CoachingRequest.objects.filter(coach=coach, state=CoachingState.OFFERED).count() == 2


def test_one_request_offered_to_two_coaches_at_once_goes_to_one():
    req = coaching.request()
    first, second = coaching.coach(), coaching.coach()
    outcomes = at_once(lambda: services.assign(workflow.SYSTEM, req, first),
                       lambda: services.assign(workflow.SYSTEM, req, second))
    assert len(raised(outcomes, ValidationError)) == 1
    req.refresh_from_db()
    assert req.state == CoachingState.OFFERED and req.coach in (first, second)


def test_accepting_while_the_leader_withdraws_has_one_outcome():
    req = coaching.offered()
    outcomes = at_once(lambda: services.accept(req.coach.person, req), lambda: services.withdraw(req.requester, req))
    assert len(raised(outcomes, ValidationError)) == 1
    req.refresh_from_db()
    assert req.state in (CoachingState.ACTIVE, CoachingState.WITHDRAWN)
