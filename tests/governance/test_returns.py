"""Progress returns to the C&CPLG: the secretariat sets who owes one and when, the owner sends a short
return, beat chases it once per reminder (catching up by due date), and returns received since the last
meeting are listed on the next meeting's agenda."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from governance import tasks
from governance.meetings import services as meetings_services
from governance.models import Frequency, ProgressReturn, ReturnState
from governance.returns import selectors, services
from tests.conftest import make_person
from tests.factories.governance import leadership_role, role_type

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


def schedule_for(
    owner=None, role=None, first_due_on=TODAY + timedelta(days=7), programme="Frailty", every_months=Frequency.QUARTERLY
):
    return services.save_schedule(
        workflow.SYSTEM,
        None,
        {
            "programme": programme,
            "role": role,
            "person": None if role else owner,
            "first_due_on": first_due_on,
            "every_months": every_months,
            "ends_on": None,
        },
    )


def test_months_are_added_the_calendar_way():
    assert services.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert services.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert services.add_months(date(2026, 12, 15), 3) == date(2027, 3, 15)


@time_machine.travel(datetime(2026, 12, 3, 10), tick=False)
def test_a_schedule_opens_the_returns_due_so_far_and_the_next():
    owner = make_person("leader")
    schedule = schedule_for(owner, first_due_on=date(2026, 6, 1))
    assert list(schedule.returns.values_list("due_on", flat=True)) == [
        date(2026, 6, 1),
        date(2026, 9, 1),
        date(2026, 12, 1),
        date(2027, 3, 1),
    ]
    assert services.open_returns(schedule) == 0  # each once


def test_the_secretariat_names_a_role_or_a_person_not_both():
    secretariat = make_person("governance")
    data = {
        "programme": "Cancer",
        "role": leadership_role(),
        "person": make_person("leader"),
        "first_due_on": TODAY,
        "every_months": 3,
        "ends_on": None,
    }
    with pytest.raises(ValidationError):
        services.save_schedule(secretariat, None, data)
    with pytest.raises(PermissionDenied):
        services.save_schedule(make_person("executive"), None, {**data, "person": None})
    assert not ProgressReturn.objects.exists()


def test_a_role_owes_the_return_so_it_follows_the_holder():
    first, second = make_person("leader"), make_person("leader")
    role = leadership_role(holder=first, function=2, title="Frailty programme clinical lead, ICS")
    schedule = schedule_for(role=role)
    due = schedule.returns.get()
    assert first.has_perm("governance.submit_return", due)
    role.holder = second
    role.save()
    due = ProgressReturn.objects.get(pk=due.pk)
    assert second.has_perm("governance.submit_return", due) and not first.has_perm("governance.submit_return", due)


def test_the_owner_sends_their_return_once():
    owner = make_person("leader")
    due = schedule_for(owner).returns.get()
    sent = services.submit_return(owner, due, "Falls response live.", "Winter.", "Champion a frailty score.")
    assert sent.state == ReturnState.RECEIVED and sent.submitted_by == owner and sent.submitted_at
    assert [(t.from_state, t.to_state, t.actor) for t in sent.transitions.all()] == [("due", "received", owner)]
    with pytest.raises(ValidationError) as caught:
        services.submit_return(owner, due, "Again.", "", "")
    assert caught.value.messages == ["This return has already been sent to the C&CPLG."]


def test_nobody_else_sends_it_superusers_included():
    due = schedule_for(make_person("leader")).returns.get()
    for role in ("governance", "executive", "superuser", "leader"):
        with pytest.raises(PermissionDenied):
            services.submit_return(make_person(role), due, "Progress.", "", "")
    with pytest.raises(PermissionDenied):
        services.submit_return(workflow.SYSTEM, due, "Progress.", "", "")
    assert ProgressReturn.objects.get(pk=due.pk).state == ReturnState.DUE


def test_a_return_without_progress_is_refused_and_nothing_saved(client):
    owner = make_person("leader")
    due = schedule_for(owner).returns.get()
    client.force_login(owner)
    response = client.post(reverse("governance:return_submit", args=[due.pk]), {"progress": "  ", "risks": "x"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and "Enter the progress since the last return" in body
    assert ProgressReturn.objects.get(pk=due.pk).state == ReturnState.DUE


def test_someone_elses_return_is_not_found_even_for_a_superuser(client):
    due = schedule_for(make_person("leader")).returns.get()
    for role in ("leader", "governance", "superuser"):
        client.force_login(make_person(role))
        assert client.get(reverse("governance:return_submit", args=[due.pk])).status_code == 404


def run_reminders(day: date) -> int:
    with time_machine.travel(datetime.combine(day, time(10)), tick=False):
        return tasks.send_return_reminders(day.isoformat())


def test_reminders_go_once_each_before_and_after_the_due_date():
    owner = make_person("leader")
    with time_machine.travel(datetime(2026, 12, 3, 10), tick=False):
        schedule_for(owner, first_due_on=date(2026, 12, 20))
    assert run_reminders(date(2026, 12, 10)) == 0  # more than a week before
    assert run_reminders(date(2026, 12, 13)) == 1  # a week before
    assert run_reminders(date(2026, 12, 13)) == 0  # beat firing twice sends nothing more
    assert run_reminders(date(2026, 12, 16)) == 0
    assert run_reminders(date(2026, 12, 21)) == 1  # the day after: overdue
    assert run_reminders(date(2026, 12, 22)) == 0
    assert run_reminders(date(2027, 1, 3)) == 1  # two weeks after
    assert run_reminders(date(2027, 1, 10)) == 0
    subjects = [message.subject for message in mail.outbox]
    assert subjects[0].startswith("Due soon: your Frailty progress return")
    assert subjects[1].startswith("Overdue:") and subjects[2].startswith("Overdue:")


def test_a_missed_run_catches_up_with_one_email_by_the_due_date():
    owner = make_person("leader")
    with time_machine.travel(datetime(2026, 12, 3, 10), tick=False):
        schedule_for(owner, first_due_on=date(2026, 12, 5))
    # Beat did not run for three weeks: the next run sends the reminder the return has reached, and only it.
    assert run_reminders(date(2026, 12, 26)) == 1
    assert mail.outbox[-1].subject.startswith("Overdue:")
    assert run_reminders(date(2026, 12, 27)) == 0


def test_a_received_return_is_not_chased_and_the_next_one_is_opened():
    owner = make_person("leader")
    with time_machine.travel(datetime(2026, 12, 3, 10), tick=False):
        schedule = schedule_for(owner, first_due_on=date(2026, 12, 5))
        services.submit_return(owner, schedule.returns.get(), "Done.", "", "")
    assert run_reminders(date(2026, 12, 10)) == 0
    assert run_reminders(date(2027, 3, 1)) == 1  # the next quarter's return, opened by beat, a week before
    assert schedule.returns.filter(state=ReturnState.DUE).get().due_on == date(2027, 3, 5)


def test_the_reminder_email_is_plain_text_unescaped_and_html_escaped():
    owner = make_person("leader", first_name="Siobhán & <Co>", last_name="O'Neill")
    with time_machine.travel(datetime(2026, 12, 3, 10), tick=False):
        schedule_for(owner, first_due_on=date(2026, 12, 8), programme="Falls & frailty <pilot> O'Brien's")
    assert run_reminders(date(2026, 12, 3)) == 1
    message = mail.outbox[-1]
    assert "Falls & frailty <pilot> O'Brien's" in message.subject
    assert "Dear Siobhán & <Co>," in message.body
    assert "Falls & frailty <pilot> O'Brien's progress return" in message.body
    assert "&amp;" not in message.body and "&lt;" not in message.body and "&#x27;" not in message.body
    html = message.alternatives[0][0]
    assert "Falls &amp; frailty &lt;pilot&gt;" in html and "<pilot>" not in html


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(14)))


def test_returns_received_since_the_last_meeting_are_on_the_next_agenda(client):
    owner = make_person("leader")
    with time_machine.travel(datetime(2026, 10, 1, 10), tick=False):
        early = schedule_for(owner, programme="Cancer", first_due_on=date(2026, 10, 5))
        services.submit_return(owner, early.returns.get(), "Before the last meeting.", "", "")
    last = meetings_services.create_meeting(None, _at(date(2026, 11, 2)), "Room")
    with time_machine.travel(datetime(2026, 11, 20, 10), tick=False):
        later = schedule_for(owner, programme="Frailty", first_due_on=date(2026, 11, 25))
        services.submit_return(owner, later.returns.get(), "Since the last meeting.", "", "Ask: <b>decide</b> & go")
    upcoming = meetings_services.create_meeting(None, _at(date(2026, 12, 14)), "Microsoft Teams")
    assert [r.schedule.programme for r in selectors.returns_for_meeting(upcoming)] == ["Frailty"]
    assert [r.schedule.programme for r in selectors.returns_for_meeting(last)] == ["Cancer"]
    client.force_login(make_person("executive"))
    body = client.get(reverse("governance:meeting", args=[upcoming.pk])).content.decode()
    assert "Progress returns received since the last meeting" in body
    assert "Ask: &lt;b&gt;decide&lt;/b&gt; &amp; go" in body and "Before the last meeting" not in body


@pytest.mark.parametrize("count", [2, 25])
def test_the_returns_pages_take_a_fixed_number_of_queries(client, django_assert_max_num_queries, count):
    owner, rate = make_person("leader"), role_type()
    for index in range(count):
        role = leadership_role(rate, title=f"Programme {index} lead", function=2, holder=make_person("leader"))
        schedule = schedule_for(role=role, programme=f"Programme {index}", first_due_on=TODAY - timedelta(days=40))
        mine = schedule_for(owner, programme=f"Mine {index}")
        services.submit_return(owner, mine.returns.get(), "Progress.", "", "")
        assert schedule.returns.count() == 2
    client.force_login(make_person("governance"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:returns")).status_code == 200
    client.force_login(owner)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("governance:my_returns")).status_code == 200


def test_the_home_page_tells_the_owner_what_returns_are_due(client):
    owner = make_person("leader")
    schedule_for(owner, first_due_on=timezone.localdate() + timedelta(days=9), programme="Cancer")
    client.force_login(owner)
    body = client.get(reverse("ui:home")).content.decode()
    assert "Progress returns to send" in body and reverse("governance:my_returns") in body
    client.force_login(make_person("leader"))
    assert "Progress returns to send" not in client.get(reverse("ui:home")).content.decode()


@time_machine.travel(datetime(2026, 12, 3, 10), tick=False)
def test_changing_the_dates_keeps_received_returns_and_replaces_the_rest():
    owner = make_person("leader")
    schedule = schedule_for(owner, first_due_on=date(2026, 11, 1))
    received = schedule.returns.get(due_on=date(2026, 11, 1))
    services.submit_return(owner, received, "Done.", "", "")
    services.save_schedule(
        make_person("governance"),
        schedule,
        {
            "programme": "Frailty",
            "role": None,
            "person": owner,
            "first_due_on": date(2026, 11, 1),
            "every_months": Frequency.MONTHLY,
            "ends_on": None,
        },
    )
    assert list(schedule.returns.order_by("due_on").values_list("due_on", "state")) == [
        (date(2026, 11, 1), ReturnState.RECEIVED),
        (date(2026, 12, 1), ReturnState.DUE),
        (date(2027, 1, 1), ReturnState.DUE),
    ]
