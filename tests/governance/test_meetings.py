"""C&CPLG meetings: an agenda by the 10 functions, asks stated, update-only flagged, time kept,
attendance, decisions, and an action log that carries open actions and chases their owners."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import PriorityFunction
from governance import tasks
from governance.ccplg import services as ccplg_services
from governance.meetings import selectors as meetings_selectors
from governance.meetings import services as meetings_services
from governance.models import Action, AgendaItem, Meeting, Purpose, Seat
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


def at(day: date, hour: int = 14):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def item_data(number=1, purpose=Purpose.DECISION, ask="Agree the plan.", minutes=20, **extra):
    return {"function": PriorityFunction.objects.get(number=number), "title": f"Item for {number}",
            "purpose": purpose, "ask": ask, "minutes": minutes, "lead": "", "paper_url": "", "outcome": "", **extra}


@pytest.fixture
def meeting():
    """A meeting on 7 December 2026 at 2pm; its tests run during it (minutes are recorded once it has started)."""
    with time_machine.travel(at(date(2026, 12, 7), 15), tick=True):
        yield meetings_services.create_meeting(None, at(date(2026, 12, 7)), "Microsoft Teams", 60)


def test_agenda_is_grouped_by_function_and_flags_updates(meeting):
    meetings_services.save_agenda_item(None, meeting, None, item_data(4))
    meetings_services.save_agenda_item(None, meeting, None, item_data(1, purpose=Purpose.UPDATE, ask="", minutes=10))
    meetings_services.save_agenda_item(None, meeting, None, item_data(4, minutes=5))
    view = meetings_selectors.meeting_view(meeting)
    assert [group.function.number for group in view.by_function] == [1, 4]
    assert len(view.by_function[1].items) == 2
    assert view.update_only == 1 and view.agenda_minutes == 35


def test_an_item_must_state_its_ask_unless_an_update(meeting):
    with pytest.raises(ValidationError) as caught:
        meetings_services.save_agenda_item(None, meeting, None, item_data(ask="  "))
    assert "ask" in caught.value.message_dict
    assert not AgendaItem.objects.exists()


def test_the_agenda_cannot_run_longer_than_the_meeting(meeting):
    meetings_services.save_agenda_item(None, meeting, None, item_data(minutes=50))
    with pytest.raises(ValidationError) as caught:
        meetings_services.save_agenda_item(None, meeting, None, item_data(2, minutes=15))
    assert "65 minutes, longer than the meeting's 60" in caught.value.message_dict["minutes"][0]
    # Changing the first item counts it once, not twice.
    first = AgendaItem.objects.get()
    meetings_services.save_agenda_item(None, meeting, first, item_data(minutes=60, outcome="Agreed."))
    first.refresh_from_db()
    assert first.minutes == 60 and first.outcome == "Agreed."


def test_open_actions_are_carried_to_later_agendas_until_done(meeting):
    owner = UserFactory()
    later = meetings_services.create_meeting(None, at(date(2027, 1, 11)), "Microsoft Teams")
    earlier = meetings_services.create_meeting(None, at(date(2026, 11, 2)), "Microsoft Teams")
    open_action = meetings_services.add_action(None, meeting, "Share the plan.", owner, date(2026, 12, 20))
    done = meetings_services.add_action(None, meeting, "Book the room.", owner, date(2026, 12, 10))
    meetings_services.complete_action(None, done, "Booked.")
    assert [a.pk for a in meetings_selectors.meeting_view(later).carried_actions] == [open_action.pk]
    assert meetings_selectors.meeting_view(earlier).carried_actions == []
    assert meetings_selectors.meeting_view(meeting).carried_actions == []  # its own actions are listed apart
    meetings_services.complete_action(None, open_action)
    assert meetings_selectors.meeting_view(later).carried_actions == []
    with pytest.raises(ValidationError):
        meetings_services.complete_action(None, open_action)


def test_action_due_before_its_meeting_is_refused(meeting):
    with pytest.raises(ValidationError) as caught:
        meetings_services.add_action(None, meeting, "Too early.", UserFactory(), date(2026, 12, 1))
    assert "due_date" in caught.value.message_dict


def test_attendance_is_set_with_history(meeting, person):
    secretary = person("governance")
    people = [UserFactory() for _ in range(3)]
    meetings_services.record_attendance(secretary, meeting, people)
    meetings_services.record_attendance(secretary, meeting, people[1:])
    assert set(meeting.attendance.values_list("person_id", flat=True)) == {people[1].pk, people[2].pk}
    from governance.models import Attendance

    assert Attendance.history.filter(history_type="-").count() == 1


@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator", "reviewer", "programme_admin"])
def test_only_the_secretariat_changes_meetings(meeting, person, role_name):
    actor = person(role_name)
    with pytest.raises(PermissionDenied):
        meetings_services.create_meeting(actor, at(date(2027, 2, 1)), "Room")
    with pytest.raises(PermissionDenied):
        meetings_services.save_agenda_item(actor, meeting, None, item_data())
    with pytest.raises(PermissionDenied):
        meetings_services.add_action(actor, meeting, "X", UserFactory(), date(2026, 12, 20))


def test_the_owner_may_close_their_own_action(meeting):
    owner = UserFactory()
    action = meetings_services.add_action(None, meeting, "Do it.", owner, date(2026, 12, 20))
    meetings_services.complete_action(owner, action, "Done.")
    with pytest.raises(PermissionDenied):
        other = meetings_services.add_action(None, meeting, "Another.", owner, date(2026, 12, 20))
        meetings_services.complete_action(UserFactory(), other)


def test_action_reminders_are_sent_once_per_due_date(meeting):
    owner = UserFactory()
    soon = meetings_services.add_action(None, meeting, "Soon.", owner, date(2026, 12, 10))
    meetings_services.add_action(None, meeting, "Later.", owner, date(2027, 3, 1))
    mail.outbox.clear()
    assert tasks.send_action_reminders("2026-12-05") == 1
    assert tasks.send_action_reminders("2026-12-05") == 0
    assert "due on 10 December 2026" in mail.outbox[0].subject
    Action.objects.filter(pk=soon.pk).update(due_date=date(2026, 12, 12))
    assert tasks.send_action_reminders("2026-12-13") == 1  # a new due date, now overdue
    assert mail.outbox[-1].subject.startswith("Overdue")


# --- Views ----------------------------------------------------------------------------------------


def test_secretariat_runs_a_meeting_through_the_pages(client_as):
    client, secretary = client_as("governance")
    day = timezone.localdate() + timedelta(days=10)
    response = client.post(reverse("governance:meeting_add"), {
        "starts_on": day.isoformat(), "starts_at_time": "14:00", "minutes": "90", "location": "Room 1",
    })
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and meeting.minutes == 90
    function = PriorityFunction.objects.get(number=2)
    response = client.post(reverse("governance:item_add", args=[meeting.pk]), {
        "function": function.pk, "title": "Falls pathway", "purpose": "update", "ask": "", "minutes": "10",
    })
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    response = client.post(reverse("governance:item_edit", args=[meeting.pk, item.pk]), {
        "function": function.pk, "title": "Falls pathway", "purpose": "decision", "ask": "Endorse it.",
        "minutes": "10", "outcome": "Endorsed.",
    })
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.purpose == "decision" and item.outcome == ""  # no decision recorded before the meeting
    holder = UserFactory()
    seat = Seat.objects.first()
    ccplg_services.assign_seat(None, seat, holder, timezone.localdate(), timezone.localdate() + timedelta(days=300))
    with time_machine.travel(at(day, 14), tick=True):
        client.force_login(secretary)
        response = client.post(reverse("governance:item_edit", args=[meeting.pk, item.pk]), {
            "function": function.pk, "title": "Falls pathway", "purpose": "decision", "ask": "Endorse it.",
            "minutes": "10", "outcome": "Endorsed.",
        })
        assert response.status_code == 302
        response = client.post(reverse("governance:attendance", args=[meeting.pk]), {"people": [holder.pk]})
        assert response.status_code == 302
        response = client.post(reverse("governance:action_add", args=[meeting.pk]), {
            "description": "Share the model.", "owner_email": holder.email,
            "due_date": (day + timedelta(days=7)).isoformat(),
        })
        assert response.status_code == 302
        action = Action.objects.get()
        page = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
        assert "Endorsed." in page and "Share the model." in page and str(holder) in page
        assert client.get(reverse("governance:action_done", args=[meeting.pk, action.pk])).status_code == 200
        done_url = reverse("governance:action_done", args=[meeting.pk, action.pk])
        assert client.post(done_url, {"note": "Shared"}).status_code == 302
        action.refresh_from_db()
        assert action.completed_at is not None and action.completion_note == "Shared"


@pytest.mark.parametrize(("url_name", "data", "message"), [
    ("meeting_add", {"starts_on": "", "starts_at_time": "14:00", "minutes": "60", "location": "R"},
     "Enter the date of the meeting"),
    ("meeting_add", {"starts_on": "2026-12-01", "starts_at_time": "25:00", "minutes": "60", "location": "R"},
     "Enter a real time"),
    ("item_add", {"title": "X", "purpose": "decision", "ask": "", "minutes": "10"},
     "Enter the decision or action the group is asked for"),
    ("item_add", {"title": "X", "purpose": "decision", "ask": "Y", "minutes": "500"},
     "An item can have at most 120 minutes"),
    ("item_add", {"title": "X", "purpose": "decision", "ask": "Y", "minutes": "70"}, "longer than the meeting"),
    ("item_add", {"title": "X", "purpose": "decision", "ask": "Y", "minutes": "10", "paper_url": "not a link"},
     "Enter the paper&#x27;s link in full"),
    ("action_add", {"description": "X", "owner_email": "nobody@example.nhs.uk", "due_date": "2026-12-20"},
     "No one with this email address has an account"),
    ("action_add", {"description": "X", "owner_email": "closed@example.nhs.uk", "due_date": "2026-12-20"},
     "This account is deactivated"),
    ("action_add", {"description": "", "owner_email": "", "due_date": ""}, "Enter what is to be done"),
])
def test_bad_meeting_input_is_refused(client_as, meeting, url_name, data, message):
    client, _ = client_as("governance")
    UserFactory(email="closed@example.nhs.uk", is_active=False)
    if url_name == "item_add":
        data = {"function": PriorityFunction.objects.get(number=1).pk, **data}
    url = reverse(f"governance:{url_name}", args=[meeting.pk] if url_name != "meeting_add" else [])
    response = client.post(url, data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and message in body
    assert Meeting.objects.count() == 1 and not AgendaItem.objects.exists() and not Action.objects.exists()


def test_executive_reads_meetings_but_cannot_change(client_as, meeting):
    client, _ = client_as("executive")
    assert client.get(reverse("governance:meeting", args=[meeting.pk])).status_code == 200
    assert "Add an agenda item" not in client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert client.post(reverse("governance:item_add", args=[meeting.pk]), {}).status_code == 403


@pytest.mark.parametrize("count", [2, 40])
def test_meeting_page_has_a_fixed_query_count(client_as, meeting, django_assert_max_num_queries, count):
    client, _ = client_as("governance")
    meeting.minutes = 480
    meeting.save()
    earlier = meetings_services.create_meeting(None, at(date(2026, 11, 2)), "Room")
    for index in range(count):
        meetings_services.save_agenda_item(None, meeting, None, item_data(1 + index % 10, minutes=1))
        meetings_services.add_action(None, earlier, f"Carried {index}", UserFactory(), date(2026, 12, 1))
        meetings_services.add_action(None, meeting, f"Own {index}", UserFactory(), date(2026, 12, 20))
    # 14, the progress returns received since the last meeting (2) and the header's unread count (1)
    with django_assert_max_num_queries(17):
        assert client.get(reverse("governance:meeting", args=[meeting.pk])).status_code == 200


def test_meeting_times_are_in_the_nhs_style(client_as):
    """'Monday 7 December 2026, 2pm' and '10:30am', not the 24-hour clock."""
    client, _ = client_as("executive")
    meetings_services.create_meeting(None, at(date(2026, 12, 7)), "Microsoft Teams", 60)
    morning = meetings_services.create_meeting(
        None, timezone.make_aware(datetime(2027, 1, 11, 10, 30)), "Tower Bridge Room", 60
    )
    listing = client.get(reverse("governance:meetings")).content.decode()
    assert "Monday 7 December 2026, 2pm" in listing and "Monday 11 January 2027, 10:30am" in listing
    assert "14:00" not in listing
    page = client.get(reverse("governance:meeting", args=[morning.pk])).content.decode()
    assert "Monday 11 January 2027, 10:30am, Tower Bridge Room" in page


# --- Nothing is minuted before the meeting has started ------------------------------------------------


def test_minutes_are_refused_before_the_meeting_starts(client_as):
    """Attendance, decisions and actions for a meeting that has not started: refused by the services,
    not offered by the pages, and nothing saved."""
    with time_machine.travel(at(date(2026, 12, 7), 13), tick=False):
        client, secretary = client_as("governance")
        meeting = meetings_services.create_meeting(None, at(date(2026, 12, 7)), "Microsoft Teams", 60)
        item = meetings_services.save_agenda_item(secretary, meeting, None, item_data())
        when = "from 7 December 2026 at 2pm"
        with pytest.raises(ValidationError, match=f"Attendance can be recorded once the meeting has started, {when}"):
            meetings_services.record_attendance(secretary, meeting, [UserFactory()])
        with pytest.raises(ValidationError, match=f"Actions can be recorded once the meeting has started, {when}"):
            meetings_services.add_action(secretary, meeting, "Too soon.", UserFactory(), date(2026, 12, 20))
        with pytest.raises(ValidationError) as caught:
            meetings_services.save_agenda_item(secretary, meeting, item, item_data(outcome="Agreed."))
        assert when in caught.value.message_dict["outcome"][0]

        page = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
        assert f"You can record attendance, decisions and actions {when}, when the meeting starts." in page
        assert "Record attendance" not in page and "Add an action" not in page and "record the decision" not in page
        edit = client.get(reverse("governance:item_edit", args=[meeting.pk, item.pk])).content.decode()
        assert 'name="outcome"' not in edit
        for name in ("governance:attendance", "governance:action_add"):
            response = client.post(reverse(name, args=[meeting.pk]), {"people": [secretary.pk]}, follow=True)
            assert response.redirect_chain[-1][0] == reverse("governance:meeting", args=[meeting.pk])
            assert "can be recorded once the meeting has started" in response.content.decode()
    assert not meeting.attendance.exists() and not Action.objects.exists()
    assert AgendaItem.objects.get().outcome == ""


def test_minutes_open_when_the_meeting_starts(client_as):
    with time_machine.travel(at(date(2026, 12, 7), 14), tick=False):
        client, secretary = client_as("governance")
        meeting = meetings_services.create_meeting(None, at(date(2026, 12, 7)), "Microsoft Teams", 60)
        item = meetings_services.save_agenda_item(secretary, meeting, None, item_data())
        meetings_services.record_attendance(secretary, meeting, [secretary])
        meetings_services.add_action(secretary, meeting, "Share it.", UserFactory(), date(2026, 12, 20))
        meetings_services.save_agenda_item(secretary, meeting, item, item_data(outcome="Agreed."))
        page = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
        assert "Record attendance" in page and "Add an action" in page and "record the decision" in page
        edit = client.get(reverse("governance:item_edit", args=[meeting.pk, item.pk])).content.decode()
        assert 'name="outcome"' in edit
    assert meeting.attendance.count() == 1 and Action.objects.count() == 1
    assert AgendaItem.objects.get().outcome == "Agreed."
