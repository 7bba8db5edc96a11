"""The managed network's panel on a leader's home page (issue 13): the next Big Room, a pair to agree, a
check-in due, mentoring under way; two queries whatever the data; only the person's own records."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date
from programmes.network import mentoring_services as services
from programmes.network.home import network_items
from programmes.network.models import Rsvp, RsvpStatus
from tests.factories.network import EventFactory
from tests.programmes.network.test_mentoring_views import leader, make_pair, started

pytestmark = pytest.mark.django_db


def test_a_member_sees_their_next_big_room_with_their_table_and_their_mentoring(client):
    person = leader()
    soon = EventFactory(title="Winter Big Room", starts_at=timezone.now() + dt.timedelta(days=3),
                        ends_at=timezone.now() + dt.timedelta(days=3, hours=3))
    later = EventFactory(title="Spring Big Room", starts_at=timezone.now() + dt.timedelta(days=60),
                         ends_at=timezone.now() + dt.timedelta(days=60, hours=3))
    past = EventFactory(title="Past Big Room", starts_at=timezone.now() - dt.timedelta(days=3),
                        ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=3))
    for event in (soon, later, past):
        Rsvp.objects.create(event=event, person=person, status=RsvpStatus.GOING, table_number=4)
    proposed = make_pair(mentor=person)
    under_way = started(make_pair(mentor=person))
    client.force_login(person)
    html = client.get("/").content.decode()
    assert "The managed network" in html
    assert "Big Room: Winter Big Room" in html and "Your table is table 4." in html
    assert "Spring Big Room" not in html and "Past Big Room" not in html
    assert f"Agree your mentoring with {proposed.mentee.get_full_name()}" in html
    assert f"You mentor {under_way.mentee.get_full_name()}" in html
    first_due = services.checkin_due_on(under_way, 1)
    assert f"Your next check-in is due on {nhs_date(first_due)}" in html


def test_a_check_in_due_is_on_the_home_page_until_answered():
    pair = started(make_pair(), months_ago=1, days=1)
    items = network_items(pair.mentee, timezone.now())
    assert [i.title for i in items] == ["Your 1-month mentoring check-in"]
    assert items[0].url == reverse("network:mentoring_checkin", args=[pair.pk, 1])
    services.check_in(pair.mentee, pair, months=1, met=True, useful=4)
    assert [i.title for i in network_items(pair.mentee, timezone.now())] == [
        f"Your mentor is {pair.mentor.get_full_name()}"]


def test_someone_outside_the_network_sees_no_panel_and_a_waiting_place_says_so():
    person = leader()
    assert network_items(person, timezone.now()) == []
    Rsvp.objects.create(event=EventFactory(), person=person, status=RsvpStatus.WAITING)
    assert network_items(person, timezone.now())[0].text == "You are on the waiting list."


@pytest.mark.parametrize("size", [1, 6])
def test_the_panel_reads_in_two_queries(django_assert_num_queries, size):
    person = leader()
    services.offer_to_mentor(person, capacity=6, topics=[], format="either")
    for n in range(size):
        Rsvp.objects.create(event=EventFactory(), person=person, status=RsvpStatus.GOING)
        pair = make_pair(mentor=person)
        if n % 2:
            started(pair, months_ago=1)
    with django_assert_num_queries(2):
        network_items(person, timezone.now())
