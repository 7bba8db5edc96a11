"""A rush for the last places of one workshop never takes more places than it has: the person's registration
is locked, then the workshop's row while its places are counted, and the database refuses more places than
the capacity. 50 people (each in their own thread and database connection) race for the last 3 places."""

import pytest

from programmes.conference import workshops
from programmes.conference.models import Workshop, WorkshopChoice
from programmes.conference.workshop_models import WorkshopChoiceState
from tests.concurrency import at_once
from tests.programmes.conference.workshop_helpers import attendee, workshop_edition

RUSH = 50
SEATS = 5
TAKEN = 2


@pytest.mark.django_db(transaction=True)
def test_a_rush_for_the_last_places_of_a_workshop_never_exceeds_its_capacity():
    edition, (workshop, _other) = workshop_edition(seats=SEATS)
    for _ in range(TAKEN):
        workshops.choose_workshop(attendee(edition), edition, workshop)
    people = [attendee(edition) for _ in range(RUSH)]
    outcomes = at_once(*(lambda person=person: workshops.choose_workshop(person, edition, workshop)
                         for person in people))
    assert not [o for o in outcomes if isinstance(o, Exception)]
    states = list(WorkshopChoice.objects.filter(user__in=people).values_list("state", flat=True))
    assert states.count(WorkshopChoiceState.PLACE) == SEATS - TAKEN
    assert states.count(WorkshopChoiceState.WAITING) == RUSH - (SEATS - TAKEN)
    assert Workshop.objects.get(proposal=workshop).places_held == SEATS


@pytest.mark.django_db(transaction=True)
def test_the_first_choices_of_a_new_workshop_at_once_make_one_workshop_and_one_choice_each():
    edition, (workshop, _other) = workshop_edition(seats=2)
    people = [attendee(edition) for _ in range(6)]
    leader = people[0]
    outcomes = at_once(*(lambda person=person: workshops.choose_workshop(person, edition, workshop)
                         for person in people), *(lambda: workshops.choose_workshop(leader, edition, workshop)
                                                  for _ in range(3)))
    assert Workshop.objects.filter(proposal=workshop).count() == 1
    assert WorkshopChoice.objects.filter(user=leader).count() == 1
    assert sum(isinstance(o, WorkshopChoice) for o in outcomes) == 6
    assert Workshop.objects.get(proposal=workshop).places_held == 2
