"""Big Room events: RSVPs, the waiting list, capacity under concurrency, invitations, after the event,
and the ties the evaluation app reads."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from programmes.network import selectors, services
from programmes.network.models import Event, Rsvp, RsvpStatus
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory

pytestmark = pytest.mark.django_db


def _fields(**extra):
    start = timezone.now() + dt.timedelta(days=10)
    return {
        "title": "Big Room: winter pressures", "summary": "Round tables", "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3), "venue": "Guy's", "capacity": 2, "table_size": 8,
    } | extra


def test_a_full_event_puts_people_on_the_waiting_list_and_a_cancellation_moves_the_first_up():
    event = EventFactory(capacity=2)
    first, second, third, fourth = (UserFactory() for _ in range(4))
    assert services.rsvp(first, event).status == RsvpStatus.GOING
    assert services.rsvp(second, event).status == RsvpStatus.GOING
    assert services.rsvp(third, event).status == RsvpStatus.WAITING
    assert services.rsvp(fourth, event).status == RsvpStatus.WAITING
    with pytest.raises(ValidationError, match="already answered"):
        services.rsvp(first, event)
    services.cancel_rsvp(first, event)
    statuses = dict(Rsvp.objects.filter(event=event).values_list("person_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "going", third.pk: "going", fourth.pk: "waiting"}
    assert Notification.objects.filter(template="network_place_from_waiting_list", recipient=third).count() == 1
    # Answering again after cancelling joins the back of the queue.
    assert services.rsvp(first, event).status == RsvpStatus.WAITING


def test_raising_the_capacity_fills_places_from_the_waiting_list(network_admin):
    event = EventFactory(capacity=1)
    people = [UserFactory() for _ in range(3)]
    for person in people:
        services.rsvp(person, event)
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS} | {"capacity": 3}
    services.save_event(network_admin, event, **fields)
    assert Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).count() == 3
    with pytest.raises(ValidationError, match="cannot be lower"):
        services.save_event(network_admin, event, **(fields | {"capacity": 2}))


def test_bad_events_are_refused_and_nothing_is_saved(network_admin, other_admin):
    with pytest.raises(PermissionDenied):
        services.save_event(other_admin, None, **_fields())
    start = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(ValidationError, match="end after it starts"):
        services.save_event(network_admin, None, **_fields(starts_at=start, ends_at=start))
    # Nothing is recorded as happened before it happened: no recording before the event.
    with pytest.raises(ValidationError, match="once the event has taken place"):
        services.save_event(network_admin, None, **_fields(recording_url="https://example.org/rec"))
    assert not Event.objects.exists()


def test_rsvp_closes_when_the_event_starts():
    event = EventFactory()
    with time_machine.travel(event.starts_at + dt.timedelta(minutes=1)), pytest.raises(
        ValidationError, match="already started"
    ):
        services.rsvp(UserFactory(), event)


def test_an_invitation_link_names_the_event_and_the_inviter():
    event, inviter, colleague = EventFactory(), UserFactory(), UserFactory()
    token = services.invite_token(event, inviter)
    assert services.read_invite(token) == (event.pk, inviter.pk)
    answer = services.rsvp(colleague, event, invited_by=inviter)
    assert answer.invited_by == inviter


def test_after_the_event_the_count_of_organisations_that_came():
    event = EventFactory()
    shared = OrganisationFactory()
    people = [LeaderProfileFactory(organisation=shared).user, LeaderProfileFactory(organisation=shared).user,
              LeaderProfileFactory().user, UserFactory()]
    for person in people:
        services.rsvp(person, event)
    assert selectors.organisations_that_came(event) is None  # not before it ends
    assert selectors.organisations_that_came(event, now=event.ends_at + dt.timedelta(minutes=1)) == 2


def test_ties_pair_everyone_who_came_and_everyone_at_a_table(network_admin):
    event = EventFactory(table_size=2)
    people = [LeaderProfileFactory().user for _ in range(4)]
    for person in people:
        services.rsvp(person, event)
    services.make_table_plan(network_admin, event)
    later = event.ends_at + dt.timedelta(days=1)
    assert selectors.event_coattendance_ties(now=timezone.now()) == []  # not before it has happened
    co = selectors.event_coattendance_ties(now=later)
    assert len(co) == 6 and all(a < b and n == 1 for a, b, n in co)
    mates = selectors.table_mate_ties(now=later)
    assert len(mates) == 2 and {p for a, b, _ in mates for p in (a, b)} == {p.pk for p in people}


def test_ties_read_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.event_coattendance_ties()
    with django_assert_num_queries(1):
        selectors.table_mate_ties()


@pytest.mark.django_db(transaction=True)
def test_many_rsvps_at_the_same_moment_never_go_over_capacity():
    event = EventFactory(capacity=3)
    people = [UserFactory() for _ in range(8)]
    outcomes = at_once(*[lambda p=p: services.rsvp(p, event) for p in people])
    assert raised(outcomes) == []
    assert Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).count() == 3
    assert Rsvp.objects.filter(event=event, status=RsvpStatus.WAITING).count() == 5


@pytest.mark.django_db(transaction=True)
def test_cancellations_and_rsvps_at_once_keep_within_capacity():
    event = EventFactory(capacity=2)
    holders = [UserFactory() for _ in range(2)]
    for person in holders:
        services.rsvp(person, event)
    newcomers = [UserFactory() for _ in range(4)]
    calls = [lambda p=p: services.cancel_rsvp(p, event) for p in holders]
    calls += [lambda p=p: services.rsvp(p, event) for p in newcomers]
    outcomes = at_once(*calls)
    assert raised(outcomes) == []
    assert Rsvp.objects.filter(event=event, status=RsvpStatus.GOING).count() == 2


def test_system_actor_is_explicit():
    with pytest.raises(TypeError):
        services.make_table_plan(None, EventFactory())
    with pytest.raises(ValidationError, match="Nobody is coming"):
        services.make_table_plan(workflow.SYSTEM, EventFactory())
