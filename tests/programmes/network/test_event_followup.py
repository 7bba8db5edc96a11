"""After a Big Room: the register (refused before the event starts, walk-ins), the count of organisations
that came from it, the ties the evaluation reads, https-only links, feedback (once, refused before the
event ends, only from those who came), its suppressed figures, the invitation beat, and concurrency."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.notifications.models import Notification
from programmes.network import followup_selectors, followup_services, selectors, services, tasks
from programmes.network.models import Attendance, EventFeedback
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.network import EventFactory

pytestmark = pytest.mark.django_db
HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


def _held(people=(), **fields):
    """An event whose RSVPs were taken before it started, and which ended an hour ago."""
    event = EventFactory(**fields)
    for person in people:
        services.rsvp(person, event)
    start = timezone.now() - dt.timedelta(hours=4)
    type(event).objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    event.refresh_from_db()
    return event


def _feedback(person, event, rating=4, met=True, improve=""):
    return followup_services.give_feedback(person, event, rating=rating, met_other_organisation=met, improve=improve)


def test_the_register_is_refused_before_the_event_starts_and_nothing_is_saved(network_admin):
    event = EventFactory()
    person = UserFactory()
    services.rsvp(person, event)
    with pytest.raises(ValidationError, match="once the event has started"):
        followup_services.take_register(network_admin, event, [person.pk])
    with pytest.raises(ValidationError, match="once the event has started"):
        followup_services.add_walk_in(network_admin, event, UserFactory().email)
    assert not Attendance.objects.exists()


def test_only_the_networks_admins_take_the_register(other_admin):
    event = _held([UserFactory()])
    with pytest.raises(PermissionDenied):
        followup_services.take_register(other_admin, event, [])
    with pytest.raises(PermissionDenied):
        followup_services.add_walk_in(UserFactory(), event, "x@example.org")


def test_the_register_counts_came_no_shows_walk_ins_and_organisations(network_admin):
    shared, other = OrganisationFactory(), OrganisationFactory()
    a, b = LeaderProfileFactory(organisation=shared).user, LeaderProfileFactory(organisation=shared).user
    c = LeaderProfileFactory(organisation=other).user
    event = _held([a, b, c])
    # Before the register everyone with a place counts as having come.
    assert selectors.organisations_that_came(event) == 2
    counts = followup_services.take_register(network_admin, event, [a.pk, b.pk])
    assert counts == {"recorded": True, "came": 2, "no_shows": 1, "walk_ins": 0}
    assert selectors.organisations_that_came(event) == 1  # c did not come
    walk_in = LeaderProfileFactory(organisation=OrganisationFactory()).user
    followup_services.add_walk_in(network_admin, event, walk_in.email.upper())
    assert selectors.organisations_that_came(event) == 2
    with pytest.raises(ValidationError, match="already on the register"):
        followup_services.add_walk_in(network_admin, event, walk_in.email)
    with pytest.raises(ValidationError, match="had a place"):
        followup_services.add_walk_in(network_admin, event, c.email)
    with pytest.raises(ValidationError, match="no account"):
        followup_services.add_walk_in(network_admin, event, "nobody@example.org")
    # Taking it again keeps the walk-in unless unticked; a stranger cannot be ticked.
    counts = followup_services.take_register(network_admin, event, [a.pk, c.pk, walk_in.pk])
    assert counts == {"recorded": True, "came": 3, "no_shows": 1, "walk_ins": 1}
    with pytest.raises(ValidationError, match="did not say they were coming"):
        followup_services.take_register(network_admin, event, [UserFactory().pk])


def test_ties_follow_the_register_once_it_is_taken(network_admin):
    people = [LeaderProfileFactory().user for _ in range(4)]
    event = EventFactory(table_size=2)
    for person in people:
        services.rsvp(person, event)
    services.make_table_plan(network_admin, event)
    start = timezone.now() - dt.timedelta(hours=4)
    type(event).objects.filter(pk=event.pk).update(starts_at=start, ends_at=start + dt.timedelta(hours=3))
    assert len(selectors.event_coattendance_ties()) == 6
    walk_in = UserFactory()
    followup_services.take_register(network_admin, event, [p.pk for p in people[:3]])
    followup_services.add_walk_in(network_admin, event, walk_in.email)
    came = {p.pk for p in people[:3]} | {walk_in.pk}
    co = selectors.event_coattendance_ties()
    assert len(co) == 6 and {p for a, b, _ in co for p in (a, b)} == came
    mates = selectors.table_mate_ties()
    assert people[3].pk not in {p for a, b, _ in mates for p in (a, b)}
    day = timezone.localdate(start)
    between = list(selectors.table_mate_ties_between(day, day))
    assert people[3].pk not in {p for a, b, *_ in between for p in (a, b)}


def test_ties_still_read_in_one_query_with_a_register(network_admin, django_assert_num_queries):
    event = _held([UserFactory(), UserFactory()])
    followup_services.take_register(network_admin, event, [])
    with django_assert_num_queries(1):
        selectors.event_coattendance_ties()
    with django_assert_num_queries(1):
        list(selectors.table_mate_ties_between(dt.date(2020, 1, 1), dt.date(2100, 1, 1)))


@pytest.mark.parametrize("link", ["http://example.org/rec", "javascript:alert(1)", "ftp://example.org/x"])
def test_recording_and_slides_links_must_be_https(network_admin, link):
    event = _held()
    fields = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    for name in ("recording_url", "slides_url"):
        with pytest.raises(ValidationError, match="starting https://"):
            services.save_event(network_admin, event, **fields, **{name: link})
    event.refresh_from_db()
    assert event.recording_url == "" and event.slides_url == ""
    services.save_event(network_admin, event, **fields, recording_url="https://example.org/rec")


def test_feedback_is_refused_before_the_event_ends():
    person = UserFactory()
    event = EventFactory()
    services.rsvp(person, event)
    with time_machine.travel(event.ends_at - dt.timedelta(minutes=1)), pytest.raises(
        ValidationError, match="once the event has ended"
    ):
        _feedback(person, event)
    assert not EventFeedback.objects.exists()


def test_feedback_once_and_only_from_people_who_came(network_admin):
    came, stayed_away, stranger = UserFactory(), UserFactory(), UserFactory()
    event = _held([came, stayed_away])
    # No register yet: everyone with a place may answer.
    assert followup_selectors.may_give_feedback(stayed_away, event)
    followup_services.take_register(network_admin, event, [came.pk])
    with pytest.raises(PermissionDenied):
        _feedback(stayed_away, event)
    with pytest.raises(PermissionDenied):
        _feedback(stranger, event)
    with pytest.raises(ValidationError, match="from 1 to 5"):
        _feedback(came, event, rating=6)
    _feedback(came, event, improve=HOSTILE)
    with pytest.raises(ValidationError, match="already given feedback"):
        _feedback(came, event)
    assert EventFeedback.objects.count() == 1


def test_feedback_figures_are_suppressed_and_comments_carry_no_names(django_assert_num_queries):
    people = [UserFactory() for _ in range(7)]
    event = _held(people)
    for index, person in enumerate(people[:4]):
        _feedback(person, event, rating=5, improve=f"Idea {index}")
    figures = followup_selectors.feedback_figures(event)
    assert not figures["enough"] and figures["comments"] == []  # fewer than 5: nothing shown
    for person in people[4:]:
        _feedback(person, event, rating=2, met=False, improve="")
    with django_assert_num_queries(2):
        figures = followup_selectors.feedback_figures(event)
    assert figures["enough"] and figures["total"] == 7
    cells = {cell.label: cell for cell in figures["ratings"]}
    assert cells["5 out of 5"].suppressed and cells["2 out of 5"].value is None  # 4 and 3: both hidden
    assert figures["comments"] == ["Idea 0", "Idea 1", "Idea 2", "Idea 3"]
    assert all(isinstance(c, str) for c in figures["comments"])


def test_the_beat_invites_each_person_who_came_once(network_admin):
    came, absent = UserFactory(), UserFactory()
    event = _held([came, absent])
    followup_services.take_register(network_admin, event, [came.pk])
    EventFactory()  # a coming event invites nobody
    assert tasks.event_feedback_due() == 1
    assert tasks.event_feedback_due() == 0
    sent = Notification.objects.get(template="network_event_feedback")
    assert sent.recipient == came
    assert reverse("network:event_feedback", args=[event.pk]) in sent.link
    # Someone who has answered is not invited to a later run's (new) key either.
    late = UserFactory()
    followup_services.add_walk_in(network_admin, event, late.email)
    _feedback(late, event)
    assert tasks.event_feedback_due() == 0


def test_the_beat_is_scheduled_in_working_hours():
    from celery.schedules import crontab

    from academy.celery import WORKING_HOURS
    from programmes.network.schedule import BEAT_SCHEDULE

    schedule = BEAT_SCHEDULE["network-event-feedback-due"]["schedule"]
    assert schedule.hour == crontab(hour=WORKING_HOURS).hour


@pytest.mark.django_db(transaction=True)
def test_the_same_person_giving_feedback_twice_at_once_is_saved_once():
    person = UserFactory()
    event = _held([person])
    outcomes = at_once(*[lambda: _feedback(person, event) for _ in range(4)])
    assert len(raised(outcomes)) == 3
    assert EventFeedback.objects.filter(person=person).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_admins_adding_the_same_walk_in_at_once_add_one_line():
    from academy.accounts.models import Role
    from academy.accounts.services import grant_role
    from programmes.core.models import Programme

    admins = []
    for _ in range(3):
        admin = UserFactory()
        grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="network"))
        admins.append(admin)
    event = _held()
    walk_in = UserFactory()
    outcomes = at_once(*[lambda a=a: followup_services.add_walk_in(a, event, walk_in.email) for a in admins])
    assert len(raised(outcomes)) == 2
    assert Attendance.objects.filter(event=event).count() == 1
