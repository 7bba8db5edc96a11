"""The table plan: every attendee seated once, no table over its seats, and mixing far better than a
random seating (the figure is printed; run with -s to see it)."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.core.grouping import propose_groups
from programmes.network import selectors, services
from programmes.network.models import Rsvp, RsvpStatus
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory

DIMENSIONS = services.TABLE_DIMENSIONS

people_strategy = st.lists(
    st.tuples(st.one_of(st.none(), st.integers(0, 12)), st.one_of(st.none(), st.integers(0, 6))),
    min_size=0,
    max_size=90,
).map(lambda rows: [{"id": i + 1, "organisation": o, "profession": p} for i, (o, p) in enumerate(rows)])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(people=people_strategy, seats=st.integers(2, 12))
def test_everyone_is_seated_once_and_no_table_is_over_its_seats(people, seats):
    tables = propose_groups(people, seats, dimensions=DIMENSIONS)
    seated = [p["id"] for table in tables for p in table]
    assert sorted(seated) == sorted(p["id"] for p in people)
    assert all(len(table) <= seats for table in tables)
    if people:
        assert max(len(t) for t in tables) - min(len(t) for t in tables) <= 1


def _random_tables(people, seats, rng):
    shuffled = people[:]
    rng.shuffle(shuffled)
    count = max(1, -(-len(shuffled) // seats))
    return [shuffled[i::count] for i in range(count)]


def test_mixing_is_better_than_random_with_the_figure():
    rng = random.Random(13)
    people = [
        {"id": i, "organisation": rng.choice(range(25)), "profession": rng.choice(range(10))} for i in range(1, 301)
    ]
    planned = selectors.mixing_repeats(propose_groups(people, 8, dimensions=DIMENSIONS))
    randoms = [selectors.mixing_repeats(_random_tables(people, 8, rng)) for _ in range(20)]
    average = sum(randoms) / len(randoms)
    print(f"\n300 people, tables of 8: {planned} repeats with the plan, {average:.1f} on average seated at random")
    assert planned < min(randoms)
    assert planned <= average / 2


@pytest.mark.django_db
def test_the_plan_seats_everyone_coming_and_each_sees_their_table(client, network_admin):
    event = EventFactory(table_size=3, capacity=7)
    shared = OrganisationFactory()
    people = [LeaderProfileFactory(organisation=shared).user for _ in range(3)]
    people += [LeaderProfileFactory().user for _ in range(4)]
    for person in people:
        services.rsvp(person, event)
    waiting = LeaderProfileFactory().user
    services.rsvp(waiting, event)
    tables = services.make_table_plan(network_admin, event)
    assert len(tables) == 3
    rows = Rsvp.objects.filter(event=event, status=RsvpStatus.GOING)
    assert all(row.table_number for row in rows)
    assert Rsvp.objects.get(person=waiting).table_number is None
    # The three from one organisation sit at three different tables.
    assert len({Rsvp.objects.get(person=p).table_number for p in people[:3]}) == 3
    client.force_login(people[0])
    number = Rsvp.objects.get(person=people[0]).table_number
    assert f"table {number}" in client.get(f"/network/events/{event.pk}/").content.decode()
