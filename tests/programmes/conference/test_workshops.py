"""Workshop choices (issue 11): places within capacity, the waiting list served oldest first with an email, no
two workshops at once, the team's capacity (never below the places taken), cancelling a registration giving
its places on, the pages for leaders and the team, hostile input and the pages' query budgets."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy import workflow
from academy.notifications.models import Notification
from academy.notifications.services import render_email
from programmes.conference import services, ticket_change, workshop_selectors, workshops
from programmes.conference.models import Workshop, WorkshopChoice
from programmes.conference.workshop_models import WorkshopChoiceState
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_ticket_type
from tests.programmes.conference.workshop_helpers import attendee, workshop_edition

pytestmark = pytest.mark.django_db
W = WorkshopChoiceState


def _workshop(proposal) -> Workshop:
    return Workshop.objects.get(proposal=proposal)


def test_a_confirmed_attendee_takes_a_place_and_the_move_is_logged():
    edition, (first, _second) = workshop_edition()
    leader = attendee(edition)
    choice = workshops.choose_workshop(leader, edition, first)
    assert choice.state == W.PLACE
    workshop = _workshop(first)
    assert (workshop.capacity, workshop.places_held) == (30, 1)  # the room's seats by default
    assert choice.transitions.get().to_state == W.PLACE


def test_a_full_workshop_puts_people_on_its_waiting_list_and_leaving_promotes_the_oldest_once(
        django_capture_on_commit_callbacks):
    edition, (first, _second) = workshop_edition(seats=1, titles=["Frailty & falls <b>together</b>"])
    holder, early, late = attendee(edition), attendee(edition), attendee(edition)
    workshops.choose_workshop(holder, edition, first)
    assert workshops.choose_workshop(early, edition, first).state == W.WAITING
    assert workshops.choose_workshop(late, edition, first).state == W.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        workshops.leave_workshop(holder, edition, first)
    states = dict(WorkshopChoice.objects.values_list("user", "state"))
    assert states == {holder.pk: W.LEFT, early.pk: W.PLACE, late.pk: W.WAITING}
    assert _workshop(first).places_held == 1
    email = Notification.objects.get(template="conf_workshop_place")
    assert email.recipient == early
    # The plain-text part is never HTML-escaped; the HTML part is.
    _subject, text, html = render_email(email.template, email.context)
    assert "Frailty & falls <b>together</b>" in text
    assert "Frailty &amp; falls &lt;b&gt;" in html
    with pytest.raises(ValidationError, match="not chosen"):
        workshops.leave_workshop(holder, edition, first)
    assert Notification.objects.filter(template="conf_workshop_place").count() == 1


def test_only_a_confirmed_registration_may_choose():
    edition, (first, _second) = workshop_edition()
    with pytest.raises(ValidationError, match="confirmed registration"):
        workshops.choose_workshop(UserFactory(), edition, first)
    waiting = attendee(edition, state="awaiting_approval")
    with pytest.raises(ValidationError, match="confirmed registration"):
        workshops.choose_workshop(waiting, edition, first)
    with pytest.raises(PermissionDenied):
        workshops.choose_workshop(workflow.SYSTEM, edition, first)
    assert not WorkshopChoice.objects.exists()


def test_choosing_twice_or_a_talk_is_refused_and_saves_nothing():
    edition, (first, _second) = workshop_edition()
    leader = attendee(edition)
    workshops.choose_workshop(leader, edition, first)
    with pytest.raises(ValidationError, match="already chosen this workshop"):
        workshops.choose_workshop(leader, edition, first)
    talk = edition.proposals.get(title="A talk, not a workshop")
    with pytest.raises(ValidationError, match="not a workshop"):
        workshops.choose_workshop(leader, edition, talk)
    assert WorkshopChoice.objects.count() == 1
    assert _workshop(first).places_held == 1


def test_two_workshops_at_the_same_time_are_refused_with_the_other_named():
    edition, (first, second) = workshop_edition(same_time=True)
    leader = attendee(edition)
    workshops.choose_workshop(leader, edition, first)
    with pytest.raises(ValidationError, match="already chosen “Workshop 1” at the same time"):
        workshops.choose_workshop(leader, edition, second)
    assert WorkshopChoice.objects.count() == 1
    workshops.leave_workshop(leader, edition, first)
    assert workshops.choose_workshop(leader, edition, second).state == W.PLACE


def test_a_workshop_that_has_started_cannot_be_chosen_or_left():
    edition, (first, _second) = workshop_edition()
    leader = attendee(edition)
    workshops.choose_workshop(leader, edition, first)
    later = dt.datetime.combine(edition.starts_on, dt.time(12, 0), tzinfo=dt.UTC)
    with pytest.raises(ValidationError, match="already started"):
        workshops.choose_workshop(attendee(edition), edition, first, now=later)
    with pytest.raises(ValidationError, match="already started"):
        workshops.leave_workshop(leader, edition, first, now=later)


def test_the_team_sets_a_capacity_within_the_room_and_never_below_the_places_taken(conference_admin):
    edition, (first, _second) = workshop_edition(seats=3)
    people = [attendee(edition) for _ in range(4)]
    for person in people:
        workshops.choose_workshop(person, edition, first)
    for bad, message in [(2, "below the 3 places already taken"), (0, "1 or more"), (4, "more than the 3 seats")]:
        with pytest.raises(ValidationError, match=message):
            workshops.set_workshop_capacity(conference_admin, edition, first, bad)
    assert _workshop(first).capacity == 3
    with pytest.raises(PermissionDenied):
        workshops.set_workshop_capacity(people[0], edition, first, 3)


def test_a_capacity_set_lower_then_raised_lets_the_waiting_list_in(conference_admin):
    edition, (first, _second) = workshop_edition(seats=5)
    workshops.set_workshop_capacity(conference_admin, edition, first, 1)
    holder, waiting = attendee(edition), attendee(edition)
    workshops.choose_workshop(holder, edition, first)
    assert workshops.choose_workshop(waiting, edition, first).state == W.WAITING
    workshops.set_workshop_capacity(conference_admin, edition, first, 2)
    assert WorkshopChoice.objects.get(user=waiting).state == W.PLACE
    assert _workshop(first).places_held == 2


def test_cancelling_the_registration_gives_every_workshop_place_to_the_waiting_list():
    edition, (first, second) = workshop_edition(seats=1)
    leaver, waiting = attendee(edition), attendee(edition)
    workshops.choose_workshop(leaver, edition, first)
    workshops.choose_workshop(leaver, edition, second)
    workshops.choose_workshop(waiting, edition, first)
    services.cancel_registration(leaver, leaver.conf_registrations.get())
    assert not WorkshopChoice.objects.filter(user=leaver, state__in=[W.PLACE, W.WAITING]).exists()
    assert WorkshopChoice.objects.get(user=waiting).state == W.PLACE
    assert (_workshop(first).places_held, _workshop(second).places_held) == (1, 0)


def test_changing_to_a_full_ticket_type_gives_up_workshop_places_but_a_confirmed_change_keeps_them():
    edition, (first, _second) = workshop_edition()
    leader = attendee(edition)
    workshops.choose_workshop(leader, edition, first)
    roomy = make_ticket_type(edition, name="VCSE", capacity=10)
    registration = ticket_change.change_ticket_type(leader, leader.conf_registrations.get(), roomy)
    assert WorkshopChoice.objects.get(user=leader).state == W.PLACE
    full = make_ticket_type(edition, name="Student", capacity=1)
    full.places_held = 1  # someone else holds its one place
    full.save()
    ticket_change.change_ticket_type(leader, registration, full, if_full=ticket_change.IF_FULL_WAIT)
    assert WorkshopChoice.objects.get(user=leader).state == W.LEFT
    assert _workshop(first).places_held == 0


def test_closing_an_account_gives_the_place_on_and_erases_the_choices():
    from programmes.conference.erasure import erase  # noqa: PLC0415

    edition, (first, _second) = workshop_edition(seats=1)
    leaver, waiting = attendee(edition), attendee(edition)
    workshops.choose_workshop(leaver, edition, first)
    workshops.choose_workshop(waiting, edition, first)
    erase(leaver, "Former member 1")
    assert not WorkshopChoice.objects.filter(user=leaver).exists()
    assert WorkshopChoice.objects.get(user=waiting).state == W.PLACE


# --- the pages ------------------------------------------------------------------------------------------------


def test_the_leaders_page_takes_a_place_joins_a_waiting_list_and_leaves(client):
    edition, (first, second) = workshop_edition(seats=1)
    workshops.choose_workshop(attendee(edition), edition, second)
    leader = attendee(edition)
    client.force_login(leader)
    url = reverse("conference:workshops", args=[edition.slug])
    page = client.get(url).content.decode()
    assert "1 place left" in page and "Take a place" in page and "Join the waiting list" in page
    response = client.post(reverse("conference:workshop_choose", args=[edition.slug, first.pk]), follow=True)
    assert "You have a place at “Workshop 1”" in response.content.decode()
    response = client.post(reverse("conference:workshop_choose", args=[edition.slug, second.pk]), follow=True)
    assert "you are on its waiting list" in response.content.decode()
    assert "Waiting list: number 1" in response.content.decode()
    response = client.post(reverse("conference:workshop_leave", args=[edition.slug, second.pk]), follow=True)
    assert "no longer down for “Workshop 2”" in response.content.decode()
    response = client.post(reverse("conference:workshop_choose", args=[edition.slug, first.pk]), follow=True)
    assert "already chosen this workshop" in response.content.decode()
    assert WorkshopChoice.objects.filter(user=leader).count() == 2


def test_someone_not_registered_is_told_to_register_and_cannot_choose(client):
    edition, (first, _second) = workshop_edition()
    client.force_login(UserFactory())
    page = client.get(reverse("conference:workshops", args=[edition.slug])).content.decode()
    assert "once you have registered" in page and "Take a place" not in page
    response = client.post(reverse("conference:workshop_choose", args=[edition.slug, first.pk]), follow=True)
    assert "need a confirmed registration" in response.content.decode()
    assert not WorkshopChoice.objects.exists()


def test_the_team_sees_places_waiting_lists_and_names_escaped(client, conference_admin):
    hostile = "<script>alert(1)</script>"
    edition, (first, _second) = workshop_edition(seats=1, titles=[hostile])
    workshops.choose_workshop(attendee(edition, first_name="=HYPERLINK(\"http://x\")"), edition, first)
    workshops.choose_workshop(attendee(edition, first_name="Ngozi"), edition, first)
    client.force_login(conference_admin)
    listing = client.get(reverse("conference:workshops_admin", args=[edition.pk])).content.decode()
    assert hostile not in listing and "&lt;script&gt;" in listing
    names = client.get(reverse("conference:workshop_admin", args=[edition.pk, first.pk])).content.decode()
    assert "Ngozi" in names and hostile not in names
    csv = client.get(reverse("conference:workshops_export", args=[edition.pk])).content.decode()
    assert "'=HYPERLINK" in csv and "\n=HYPERLINK" not in csv and ",=HYPERLINK" not in csv
    assert "Has a place" in csv and "On the waiting list" in csv


def test_the_capacity_form_shows_the_services_message_and_saves_nothing(client, conference_admin):
    edition, (first, _second) = workshop_edition(seats=2)
    workshops.choose_workshop(attendee(edition), edition, first)
    workshops.choose_workshop(attendee(edition), edition, first)
    client.force_login(conference_admin)
    url = reverse("conference:workshop_capacity", args=[edition.pk, first.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"capacity": "1"})
    assert response.status_code == 400
    assert "cannot be below the 2 places already taken" in response.content.decode()
    assert _workshop(first).capacity == 2
    assert client.post(url, {"capacity": "two"}).status_code == 400


def test_the_choices_page_before_the_release_says_so(client):
    from tests.programmes.conference.helpers import make_edition  # noqa: PLC0415

    edition = make_edition()
    client.force_login(attendee(edition))
    assert "has not been released yet" in client.get(reverse("conference:workshops", args=[edition.slug])
                                                     ).content.decode()


# The pages' queries, the same at 2 and at 24 workshops with people on their lists: session, user, permissions
# and messages, then the page's own reads.
CHOICES_QUERIES = 11
TEAM_QUERIES = 13  # with the two reads of people down for two workshops at once


def _filled(count):
    """Each workshop (one seat) chosen by two people: one place, one waiting. Workshops repeat their hours every
    eight, so each block of eight has its own two people (no clashes)."""
    edition, proposals = workshop_edition(count, seats=1)
    people = [attendee(edition) for _ in range(2 * ((count + 7) // 8))]
    for index, proposal in enumerate(proposals):
        block = index // 8
        workshops.choose_workshop(people[2 * block + index % 2], edition, proposal)
        workshops.choose_workshop(people[2 * block + 1 - index % 2], edition, proposal)
    return edition, proposals, people


@pytest.mark.parametrize("count", [2, 24])
def test_the_choices_page_reads_in_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    edition, _proposals, people = _filled(count)
    client.force_login(people[0])
    url = reverse("conference:workshops", args=[edition.slug])
    client.get(url)
    with django_assert_num_queries(CHOICES_QUERIES):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("count", [2, 24])
def test_the_team_list_reads_in_a_fixed_number_of_queries(client, conference_admin, count,
                                                          django_assert_num_queries):
    edition, _proposals, _people = _filled(count)
    client.force_login(conference_admin)
    url = reverse("conference:workshops_admin", args=[edition.pk])
    client.get(url)
    with django_assert_num_queries(TEAM_QUERIES):
        assert client.get(url).status_code == 200


def test_the_selectors_count_places_and_waiting():
    edition, (first, _second) = workshop_edition(seats=1)
    workshops.choose_workshop(attendee(edition), edition, first)
    workshops.choose_workshop(attendee(edition), edition, first)
    row = workshop_selectors.team_workshops(edition)[0]
    assert (row.places_held, row.capacity, row.waiting, row.is_full) == (1, 1, 1, True)


@time_machine.travel(dt.datetime(2026, 12, 5, 10, 0, tzinfo=dt.UTC), tick=False)
def test_position_on_the_waiting_list_counts_those_ahead():
    edition, (first, _second) = workshop_edition(seats=1)
    people = [attendee(edition) for _ in range(3)]
    for person in people:
        workshops.choose_workshop(person, edition, first)
    page = workshop_selectors.choices_page(edition.slug, people[2])
    assert page.rows[0].position == 2


# --- a released version that moves a workshop to another room ------------------------------------------------


def _move(edition, proposal, room, number):
    from programmes.conference import schedule_services  # noqa: PLC0415
    from tests.programmes.conference.schedule_helpers import at  # noqa: PLC0415

    schedule_services.place_session(workflow.SYSTEM, proposal, room=room, starts_at=at(edition, 9))
    return schedule_services.release_schedule(workflow.SYSTEM, edition, expected_number=number)


def test_a_move_to_a_bigger_room_raises_a_capacity_that_follows_the_room_and_gives_the_new_places(
        django_capture_on_commit_callbacks):
    from programmes.conference.models import Room  # noqa: PLC0415

    edition, (first, _second) = workshop_edition(seats=1)
    holder, waiting = attendee(edition), attendee(edition)
    workshops.choose_workshop(holder, edition, first)
    assert workshops.choose_workshop(waiting, edition, first).state == W.WAITING
    with django_capture_on_commit_callbacks(execute=True):
        _move(edition, first, Room.objects.create(edition=edition, name="Lecture theatre", capacity=2), 2)
    workshop = _workshop(first)
    assert (workshop.capacity, workshop.places_held, workshop.follows_room) == (2, 2, True)
    assert WorkshopChoice.objects.get(user=waiting).state == W.PLACE
    assert Notification.objects.get(template="conf_workshop_place").recipient == waiting


def test_a_capacity_the_team_set_is_kept_in_a_bigger_room_and_comes_down_in_a_smaller_one(conference_admin):
    from programmes.conference.models import Room  # noqa: PLC0415

    edition, (first, _second) = workshop_edition(seats=30)
    workshops.set_workshop_capacity(conference_admin, edition, first, 12)
    assert _workshop(first).follows_room is False
    _move(edition, first, Room.objects.create(edition=edition, name="Lecture theatre", capacity=80), 2)
    assert _workshop(first).capacity == 12
    _move(edition, first, Room.objects.create(edition=edition, name="Meeting room", capacity=8), 3)
    assert _workshop(first).capacity == 8
    # Setting it to the room's seats makes it follow the room again.
    workshops.set_workshop_capacity(conference_admin, edition, first, 8)
    assert _workshop(first).follows_room is True


def test_a_move_to_a_smaller_room_never_goes_below_the_places_taken_and_the_team_is_told(client, conference_admin):
    from programmes.conference.models import Room  # noqa: PLC0415

    edition, (first, second) = workshop_edition(seats=30, titles=["Frailty <b>&</b> falls"])
    people = [attendee(edition) for _ in range(3)]
    for person in people:
        workshops.choose_workshop(person, edition, first)
    small = Room.objects.create(edition=edition, name="Quiet room", capacity=2)
    client.force_login(conference_admin)
    from programmes.conference import schedule_services  # noqa: PLC0415
    from tests.programmes.conference.schedule_helpers import at  # noqa: PLC0415

    schedule_services.place_session(workflow.SYSTEM, first, room=small, starts_at=at(edition, 9))
    response = client.post(reverse("conference:schedule_release", args=[edition.pk]),
                           {"expected_number": "2", "note": ""}, follow=True)
    page = response.content.decode()
    assert "“Frailty &lt;b&gt;&amp;&lt;/b&gt; falls” now has 3 places taken and its room, Quiet room, seats 2" in page
    workshop = _workshop(first)
    assert (workshop.capacity, workshop.places_held) == (3, 3)
    rows = {row.proposal.pk: row for row in workshop_selectors.team_workshops(edition)}
    assert rows[first.pk].over_room and not rows[second.pk].over_room
    team = client.get(reverse("conference:workshops_admin", args=[edition.pk])).content.decode()
    assert "Over the room&#x27;s 2 seats" in team or "Over the room's 2 seats" in team
    # A place freed while the workshop is over its room is not given again: the capacity comes down with it.
    waiting = attendee(edition)
    assert workshops.choose_workshop(waiting, edition, first).state == W.WAITING
    workshops.leave_workshop(people[0], edition, first)
    workshop.refresh_from_db()
    assert (workshop.capacity, workshop.places_held) == (2, 2)
    assert WorkshopChoice.objects.get(user=waiting).state == W.WAITING
    assert not workshop_selectors.team_workshops(edition)[0].over_room


def test_a_version_that_moves_a_workshop_onto_anothers_time_shows_the_people_down_for_both(client,
                                                                                          conference_admin):
    from programmes.conference import schedule_services  # noqa: PLC0415
    from programmes.conference.models import Room  # noqa: PLC0415
    from tests.programmes.conference.schedule_helpers import at  # noqa: PLC0415

    edition, (first, second) = workshop_edition(seats=30, titles=["Huddles", "Frailty"])
    both = attendee(edition, first_name="<b>Ada</b>", last_name="Okafor")
    one = attendee(edition)
    for proposal in (first, second):
        workshops.choose_workshop(both, edition, proposal)
    workshops.choose_workshop(one, edition, first)
    assert workshop_selectors.clashes(edition) == []
    annexe = Room.objects.create(edition=edition, name="Annexe", capacity=30)
    schedule_services.place_session(workflow.SYSTEM, second, room=annexe, starts_at=at(edition, 9))
    client.force_login(conference_admin)
    response = client.post(reverse("conference:schedule_release", args=[edition.pk]),
                           {"expected_number": "2", "note": ""}, follow=True)
    assert "1 person is now down for two workshops at the same time" in response.content.decode()
    clashes = workshop_selectors.clashes(edition)
    assert [(c.person, c.first, c.second) for c in clashes] == [(both, "Frailty", "Huddles")]
    page = client.get(reverse("conference:workshops_admin", args=[edition.pk])).content.decode()
    assert "Down for two workshops at the same time" in page
    assert "&lt;b&gt;Ada&lt;/b&gt; Okafor" in page and "<b>Ada</b>" not in page
    assert "Frailty; Huddles" in page
    # Leaving one ends the clash.
    workshops.leave_workshop(both, edition, second)
    assert workshop_selectors.clashes(edition) == []
