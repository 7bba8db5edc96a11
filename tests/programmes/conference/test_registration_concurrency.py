"""A rush of registrations for one ticket type never takes more places than it has: the ticket type's row is
locked while its places are counted, and the database refuses more places than the capacity. The issue asks
for 200 at once: the first test races 60 threads (each its own database connection) for 10 places, and the
second puts 200 registrations through 64 threads released together (the database's connections are limited)."""

import pytest

from programmes.conference import services
from programmes.conference.models import Registration, RegistrationState, TicketType
from tests.concurrency import at_once, in_a_rush
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_ticket_type

RUSH = 60
CAPACITY = 10


@pytest.mark.django_db(transaction=True)
def test_a_rush_of_registrations_never_exceeds_capacity():
    ticket_type = make_ticket_type(capacity=CAPACITY)
    people = [UserFactory() for _ in range(RUSH)]
    outcomes = at_once(*(
        lambda person=person: services.register(person, ticket_type.edition, ticket_type=ticket_type,
                                                organisation="Bromley Healthcare", profession="Nursing")
        for person in people
    ))
    assert not [o for o in outcomes if isinstance(o, Exception)]
    states = list(Registration.objects.values_list("state", flat=True))
    assert states.count(RegistrationState.CONFIRMED) == CAPACITY
    assert states.count(RegistrationState.WAITING) == RUSH - CAPACITY
    assert TicketType.objects.get(pk=ticket_type.pk).places_held == CAPACITY


# The rush: 200 registrations in the same second for two ticket types (one needing approval). PostgreSQL
# allows 100 connections, shared with the other test runs on the machine, so the 200 go through a pool of 64
# threads (each its own connection) released together by a barrier; each thread registers its next person as soon
# as its last registration is done, so the ticket types' rows are contended from the first moment to the last.
BIG_RUSH, POOL = 200, 64
LEADER_PLACES, STUDENT_PLACES = 40, 15


@pytest.mark.django_db(transaction=True)
def test_a_rush_of_200_registrations_in_the_same_second_never_exceeds_any_ticket_types_capacity():
    leaders = make_ticket_type(capacity=LEADER_PLACES)
    students = make_ticket_type(leaders.edition, name="Student", capacity=STUDENT_PLACES, needs_approval=True)
    people = [UserFactory() for _ in range(BIG_RUSH)]
    outcomes = in_a_rush([
        lambda person=person, ticket=(students if index % 4 == 3 else leaders): services.register(
            person, ticket.edition, ticket_type=ticket, organisation="Lewisham and Greenwich NHS Trust",
            profession="Pharmacy")
        for index, person in enumerate(people)
    ], threads=POOL)
    assert not [o for o in outcomes if isinstance(o, Exception)]
    assert Registration.objects.count() == BIG_RUSH
    for ticket, places, holding_state in ((leaders, LEADER_PLACES, RegistrationState.CONFIRMED),
                                          (students, STUDENT_PLACES, RegistrationState.AWAITING_APPROVAL)):
        states = list(Registration.objects.filter(ticket_type=ticket).values_list("state", flat=True))
        assert states.count(holding_state) == places
        assert states.count(RegistrationState.WAITING) == len(states) - places
        assert TicketType.objects.get(pk=ticket.pk).places_held == places


@pytest.mark.django_db(transaction=True)
def test_one_person_registering_twice_at_once_gets_one_registration():
    ticket_type = make_ticket_type(capacity=5)
    leader = UserFactory()
    outcomes = at_once(*(
        lambda: services.register(leader, ticket_type.edition, ticket_type=ticket_type,
                                  organisation="Bromley Healthcare", profession="Nursing")
        for _ in range(4)
    ))
    assert sum(isinstance(o, Registration) for o in outcomes) == 1
    assert Registration.objects.filter(user=leader).count() == 1
    assert TicketType.objects.get(pk=ticket_type.pk).places_held == 1
