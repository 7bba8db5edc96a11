"""Meetings that stay "action, not update" (issue 17): warnings against the secretariat's limits, each
member's attendance over 12 months, and the anonymous pulse after each meeting."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import PriorityFunction
from governance import tasks
from governance.ccplg import services as ccplg_services
from governance.meetings import selectors, services
from governance.models import (
    MeetingSettings,
    PulseAnswered,
    PulseTally,
    Purpose,
    Seat,
)
from tests.concurrency import at_once, raised
from tests.conftest import make_person
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

MEETING_DAY = date(2026, 12, 7)
YES = {"voices_heard": "yes", "action_not_update": "yes", "keep_in_diary": "yes"}


def at(day: date, hour: int = 14):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def item_data(number=1, purpose=Purpose.DECISION, ask="Agree the plan.", minutes=10, **extra):
    return {
        "function": PriorityFunction.objects.get(number=number),
        "title": f"Item for {number}",
        "purpose": purpose,
        "ask": ask,
        "minutes": minutes,
        "lead": "",
        "paper_url": "",
        "paper_summary": "",
        "paper_pages": None,
        "outcome": "",
        **extra,
    }


def seat_holder(title=None, co_chair=False, since=date(2025, 1, 1)):
    seat = (
        Seat.objects.filter(is_co_chair=True)
        if co_chair
        else Seat.objects.filter(is_co_chair=False, invited_ad_hoc=False)
    )
    seat = seat.filter(holder__isnull=True).order_by("position").first()
    person = UserFactory()
    ccplg_services.assign_seat(None, seat, person, since, since + timedelta(days=365 * 3))
    return person


def held_meeting(day=MEETING_DAY, people=(), minutes=60):
    """A meeting that happened on ``day`` at 2pm, with ``people`` recorded as attending."""
    with time_machine.travel(at(day, 15)):
        meeting = services.create_meeting(None, at(day), "Microsoft Teams", minutes)
        services.record_attendance(None, meeting, list(people))
    return meeting


# --- Warnings -----------------------------------------------------------------------------------------


def test_warnings_against_the_default_limits():
    meeting = services.create_meeting(None, at(MEETING_DAY), "Microsoft Teams", 120)
    for number in (1, 2, 3):
        services.save_agenda_item(None, meeting, None, item_data(number))
    view = selectors.meeting_view(meeting)
    assert selectors.meeting_warnings(meeting, view, selectors.meeting_settings()) == []

    services.save_agenda_item(
        None, meeting, None, item_data(4, paper_url="https://example.nhs.uk/paper", paper_summary="", paper_pages=9)
    )
    services.save_agenda_item(None, meeting, None, item_data(5, purpose=Purpose.UPDATE, ask=""))
    services.save_agenda_item(None, meeting, None, item_data(6, purpose=Purpose.UPDATE, ask=""))
    view = selectors.meeting_view(meeting)
    texts = [w.text for w in selectors.meeting_warnings(meeting, view, selectors.meeting_settings())]
    assert "The paper for “Item for 4” has no summary." in texts
    assert "The paper for “Item for 4” runs to 9 pages, over the limit of 4." in texts
    # 2 of 6 is 33%, over the default 30%.
    assert any(text.startswith("2 of 6 items (33%) are updates only") for text in texts)


def test_the_secretariats_limits_decide_the_warnings():
    people = [seat_holder() for _ in range(4)]
    meeting = held_meeting(people=people)
    view = selectors.meeting_view(meeting)
    assert selectors.meeting_warnings(meeting, view, selectors.meeting_settings()) == []
    secretary = make_person("governance")
    services.save_meeting_settings(secretary, {"max_attendees": 3, "max_paper_pages": 2, "max_update_share": 10})
    texts = [w.text for w in selectors.meeting_warnings(meeting, view, selectors.meeting_settings())]
    assert texts and texts[0].startswith("4 people attended, more than the 3 the secretariat set")
    settings = MeetingSettings.objects.get()
    assert settings.history.first().history_user == secretary


def test_before_attendance_is_recorded_the_seat_holders_are_expected():
    for _ in range(3):
        seat_holder()
    meeting = services.create_meeting(None, at(MEETING_DAY), "Microsoft Teams", 120)
    services.save_meeting_settings(None, {"max_attendees": 2})
    texts = [
        w.text
        for w in selectors.meeting_warnings(meeting, selectors.meeting_view(meeting), selectors.meeting_settings())
    ]
    assert texts[0].startswith("3 people are expected")


@pytest.mark.parametrize(
    "data, field",
    [
        ({"max_attendees": 1}, "max_attendees"),
        ({"max_paper_pages": 0}, "max_paper_pages"),
        ({"max_update_share": 101}, "max_update_share"),
    ],
)
def test_settings_out_of_range_are_refused_and_nothing_saved(data, field):
    with pytest.raises(ValidationError) as caught:
        services.save_meeting_settings(None, data)
    assert field in caught.value.message_dict
    assert not MeetingSettings.objects.exists()


@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator"])
def test_only_the_secretariat_changes_the_settings(role_name):
    with pytest.raises(PermissionDenied):
        services.save_meeting_settings(make_person(role_name), {"max_attendees": 20})


def test_the_settings_page_refuses_bad_input_with_a_message(client_as):
    client, _ = client_as("governance")
    response = client.post(
        reverse("governance:meeting_settings"),
        {"max_attendees": "lots", "max_paper_pages": "4", "max_update_share": "300"},
    )
    html = response.content.decode()
    assert response.status_code == 400 and "<title>Error: " in html
    assert "Enter the number of people as a whole number, like 12" in html
    assert "Enter a percentage from 0 to 100" in html
    assert not MeetingSettings.objects.exists()
    response = client.post(
        reverse("governance:meeting_settings"),
        {"max_attendees": "15", "max_paper_pages": "3", "max_update_share": "25"},
    )
    assert response.status_code == 302
    assert MeetingSettings.objects.get().max_attendees == 15


def test_warnings_show_to_the_secretariat_and_the_chair_not_the_executive(client, client_as):
    chair = seat_holder(co_chair=True)
    meeting = services.create_meeting(None, at(MEETING_DAY), "Microsoft Teams", 120)
    services.save_agenda_item(
        None,
        meeting,
        None,
        item_data(1, title="<script>alert(1)</script>", paper_url="https://example.nhs.uk/p", paper_pages=12),
    )
    url = reverse("governance:meeting", args=[meeting.pk])
    secretariat, _ = client_as("governance")
    html = secretariat.get(url).content.decode()
    assert "nhsuk-warning-callout" in html and "runs to 12 pages" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    # The item's own page shows them too.
    item = meeting.items.get()
    html = secretariat.get(reverse("governance:item_edit", args=[meeting.pk, item.pk])).content.decode()
    assert "runs to 12 pages" in html
    client.force_login(chair)
    response = client.get(url)
    assert response.status_code == 200 and "runs to 12 pages" in response.content.decode()
    executive, _ = client_as("executive")
    response = executive.get(url)
    assert response.status_code == 200 and "nhsuk-warning-callout" not in response.content.decode()


def test_a_paper_needs_a_sensible_page_count(client_as):
    client, _ = client_as("governance")
    meeting = services.create_meeting(None, at(MEETING_DAY), "Microsoft Teams", 120)
    function = PriorityFunction.objects.get(number=2)
    response = client.post(
        reverse("governance:item_add", args=[meeting.pk]),
        {
            "function": function.pk,
            "title": "Falls",
            "purpose": "decision",
            "ask": "Agree it.",
            "minutes": "10",
            "paper_pages": "0",
        },
    )
    assert response.status_code == 400 and "A paper has at least 1 page" in response.content.decode()
    assert not meeting.items.exists()


# --- Attendance rates ------------------------------------------------------------------------------


def test_attendance_rate_counts_only_meetings_that_happened_with_attendance_recorded():
    member = seat_holder(since=date(2026, 3, 1))
    other = seat_holder()
    held_meeting(date(2025, 11, 3), [member, other])  # over 12 months before "now"
    held_meeting(date(2026, 2, 2), [other])  # before the member's term began
    held_meeting(date(2026, 6, 1), [member, other])
    held_meeting(date(2026, 9, 7), [other])
    with time_machine.travel(at(date(2026, 10, 5), 15)):
        services.create_meeting(None, at(date(2026, 10, 5)), "Microsoft Teams")  # no attendance recorded yet
    services.create_meeting(None, at(date(2026, 12, 21)), "Microsoft Teams")  # in the future
    now = at(date(2026, 12, 1), 9)
    rates = {rate.person: rate for rate in selectors.attendance_rates(now)}
    assert (rates[member].attended, rates[member].held, rates[member].percent) == (1, 2, 50)
    assert (rates[other].attended, rates[other].held, rates[other].percent) == (3, 3, 100)
    assert [rate.person for rate in selectors.attendance_rates(now, person=member)] == [member]


def test_a_member_sees_only_their_own_rate_and_the_chair_sees_everyones(client):
    member = seat_holder()
    other = seat_holder()
    chair = seat_holder(co_chair=True)
    held_meeting(timezone.localdate() - timedelta(days=30), [member, other])
    client.force_login(member)
    assert client.get(reverse("governance:attendance_rates")).status_code == 403
    html = client.get(reverse("programmes:my_academy")).content.decode()
    assert "Your attendance at C&amp;CPLG meetings over the last 12 months" in html and "100%" in html
    assert other.get_full_name() not in html  # full name: factory last names can repeat
    client.force_login(chair)
    html = client.get(reverse("governance:attendance_rates")).content.decode()
    assert member.get_full_name() in html and other.get_full_name() in html


@pytest.mark.parametrize("holders", [3, 30])
def test_attendance_rates_read_in_a_fixed_number_of_queries(holders, django_assert_num_queries):
    Seat.objects.update(holder=None, term_starts=None, term_ends=None)
    seats = list(Seat.objects.order_by("position"))
    people = UserFactory.create_batch(holders)
    for index, person in enumerate(people):
        seat = seats[index % len(seats)]
        if index >= len(seats):
            seat = Seat.objects.create(capability=seat.capability, title=f"Extra seat {index}")
        ccplg_services.assign_seat(None, seat, person, date(2025, 1, 1), date(2028, 1, 1))
    for offset in (30, 60, 90):
        held_meeting(timezone.localdate() - timedelta(days=offset), people[::2])
    with django_assert_num_queries(3):
        rates = selectors.attendance_rates()
    assert len(rates) == holders


# --- The pulse ---------------------------------------------------------------------------------------


def test_an_attendee_answers_once_and_anonymously():
    person, absent = UserFactory(), UserFactory()
    meeting = held_meeting(people=[person])
    after = at(MEETING_DAY, 16)
    services.answer_pulse(person, meeting, YES, now=after)
    with pytest.raises(ValidationError, match="already answered"):
        services.answer_pulse(person, meeting, YES, now=after)
    with pytest.raises(PermissionDenied):
        services.answer_pulse(absent, meeting, YES, now=after)
    assert counted(meeting) == {
        "voices_heard": {"yes": 1},
        "action_not_update": {"yes": 1},
        "keep_in_diary": {"yes": 1},
    }
    assert PulseAnswered.objects.get().person == person


def counted(meeting) -> dict:
    """{question: {answer: count}} for the answers counted so far (zeros left out)."""
    found: dict = {}
    for tally in PulseTally.objects.filter(meeting=meeting, count__gt=0):
        found.setdefault(tally.question, {})[tally.answer] = tally.count
    return found


def test_the_answer_cannot_be_linked_to_the_person_in_the_database():
    """Answers are only counted: no row per answer, nothing on a tally points at a person, no time, no
    history, and the tallies are made together in a fixed order whatever the first answer was."""
    relations = [field for field in PulseTally._meta.get_fields() if field.is_relation]
    assert [field.related_model for field in relations] == [selectors.Meeting]
    assert not any(
        isinstance(field, models.DateField | models.DateTimeField)
        for model in (PulseTally, PulseAnswered)
        for field in model._meta.get_fields()
    )
    assert not hasattr(PulseTally, "history") and not hasattr(PulseAnswered, "history")
    # Nor do any of the answered-marker's fields say what was answered.
    assert {field.name for field in PulseAnswered._meta.get_fields()} == {"id", "meeting", "person"}
    first, second = UserFactory(), UserFactory()
    meeting = held_meeting(people=[first, second])
    services.answer_pulse(
        first,
        meeting,
        {"voices_heard": "no", "action_not_update": "partly", "keep_in_diary": "no"},
        now=meeting.ends_at,
    )
    order = list(PulseTally.objects.filter(meeting=meeting).order_by("pk").values_list("question", "answer"))
    assert order == [
        (q, a) for q in ("voices_heard", "action_not_update", "keep_in_diary") for a in ("yes", "partly", "no")
    ]
    services.answer_pulse(second, meeting, YES, now=meeting.ends_at)
    assert PulseTally.objects.filter(meeting=meeting).count() == 9
    assert counted(meeting)["voices_heard"] == {"yes": 1, "no": 1}


def test_the_pulse_opens_when_the_meeting_ends_and_closes_two_weeks_later():
    person = UserFactory()
    meeting = held_meeting(people=[person], minutes=120)
    with pytest.raises(ValidationError, match="opens when the meeting ends"):
        services.answer_pulse(person, meeting, YES, now=at(MEETING_DAY, 15))
    with pytest.raises(ValidationError, match="closed"):
        services.answer_pulse(person, meeting, YES, now=at(MEETING_DAY + timedelta(days=15)))
    with pytest.raises(ValidationError) as caught:
        services.answer_pulse(person, meeting, {**YES, "voices_heard": "maybe"}, now=at(MEETING_DAY, 17))
    assert "voices_heard" in caught.value.message_dict
    assert not PulseTally.objects.exists() and not PulseAnswered.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_answers_at_once_from_one_person_record_one():
    person = UserFactory()
    meeting = held_meeting(people=[person])
    outcomes = at_once(*[lambda: services.answer_pulse(person, meeting, YES, now=at(MEETING_DAY, 16))] * 2)
    assert len(raised(outcomes, ValidationError)) == 1
    assert counted(meeting)["voices_heard"] == {"yes": 1} and PulseAnswered.objects.count() == 1


def answers(meeting, people, pattern):
    for person, answer in zip(people, pattern, strict=True):
        services.answer_pulse(person, meeting, {**YES, "voices_heard": answer}, now=meeting.ends_at)


def assert_nothing_hidden_can_be_worked_out(table):
    """Every way of filling the hidden cells that agrees with what is shown (a "fewer than 5" cell is 1 to
    4, a "not shown" one anything, the total if shown, else 1 to 4) leaves each hidden cell two values at least."""
    totals = [table.total] if table.total is not None else range(1, 5)
    possible = {cell.label: set() for cell in table}
    for total in totals:
        for yes in range(total + 1):
            for partly in range(total + 1 - yes):
                values = dict(zip([cell.label for cell in table], (yes, partly, total - yes - partly), strict=True))
                if all(
                    values[cell.label] == cell.value
                    if not cell.suppressed
                    else 1 <= values[cell.label] <= 4
                    if cell.status == "small"
                    else values[cell.label] >= 5
                    if cell.status == "secondary"
                    else True
                    for cell in table
                ):
                    for label, value in values.items():
                        possible[label].add(value)
    for cell in table:
        if cell.suppressed:
            assert len(possible[cell.label]) > 1, (cell, possible)


def test_results_are_suppressed_and_shown_only_once_the_pulse_has_closed():
    many, few = UserFactory.create_batch(7), UserFactory.create_batch(3)
    busy = held_meeting(date(2026, 10, 5), many)
    quiet = held_meeting(date(2026, 11, 2), few)
    answers(busy, many, ["yes"] * 5 + ["partly", "no"])
    answers(quiet, few, ["yes", "yes", "no"])
    assert [result.meeting for result in selectors.pulse_results(at(date(2026, 11, 10)))] == [busy]
    results = {result.meeting: result for result in selectors.pulse_results(at(date(2026, 12, 1)))}
    assert results[quiet].hidden and results[quiet].answers_display == "fewer than 5"
    assert not results[busy].hidden and results[busy].answers_display == "7"
    for result in results.values():
        for _question, table in result.questions:
            assert_nothing_hidden_can_be_worked_out(table)
    # 5, 1 and 1 of 7: with the total known, the two ones would be exactly 1, so more is hidden.
    voices = dict(results[busy].questions)["Were all voices heard?"]
    assert voices["Partly"].suppressed and voices["No"].suppressed and voices["Yes"].suppressed
    keep = dict(results[busy].questions)["Would you keep this meeting in your diary?"]
    assert keep.displays() == {"Yes": "7", "Partly": "0", "No": "0"}


@pytest.mark.parametrize(
    "pattern",
    [
        ["yes"] * 6 + ["partly"] * 2 + ["no"],
        ["yes"] * 5 + ["partly"] * 5 + ["no"] * 4,
        ["yes"] * 8 + ["no"] * 4,
        ["no"] * 5,
    ],
)
def test_no_hidden_answer_can_be_worked_out(pattern):
    people = UserFactory.create_batch(len(pattern))
    meeting = held_meeting(date(2026, 10, 5), people)
    answers(meeting, people, pattern)
    for _question, table in selectors.pulse_results(at(date(2026, 12, 1)))[0].questions:
        assert_nothing_hidden_can_be_worked_out(table)


def test_the_results_page_escapes_and_hides_small_meetings(client_as):
    people = UserFactory.create_batch(3)
    answers(held_meeting(timezone.localdate() - timedelta(days=30), people), people, ["yes", "no", "no"])
    client, _ = client_as("executive")
    html = client.get(reverse("governance:pulse_results")).content.decode()
    assert "Fewer than 5 people answered, so the answers are not shown." in html


@pytest.mark.parametrize("meetings", [2, 8])
def test_pulse_results_read_in_a_fixed_number_of_queries(meetings, django_assert_num_queries):
    people = UserFactory.create_batch(6)
    for offset in range(meetings):
        meeting = held_meeting(date(2026, 6, 1) + timedelta(days=7 * offset), people)
        answers(meeting, people, ["yes", "no", "partly", "yes", "yes", "no"])
    with django_assert_num_queries(2):
        results = selectors.pulse_results(at(date(2026, 12, 1)))
    assert len(results) == meetings


def test_pulse_invitations_are_sent_once_to_attendees_who_have_not_answered():
    first, second, late = UserFactory(), UserFactory(), UserFactory()
    meeting = held_meeting(people=[first, second])
    mail.outbox.clear()
    assert tasks.send_meeting_pulses(at(MEETING_DAY, 14).isoformat()) == 0  # not ended yet
    assert tasks.send_meeting_pulses(at(MEETING_DAY, 16).isoformat()) == 2
    assert tasks.send_meeting_pulses(at(MEETING_DAY, 17).isoformat()) == 0  # once per person
    message = mail.outbox[0]
    assert "C&CPLG meeting on 7 December 2026" in message.subject
    assert "C&CP Leadership Group" in message.body and "&amp;" not in message.body
    assert reverse("governance:meeting_pulse", args=[meeting.pk]) in message.body
    # Attendance recorded a day later: the late attendee is invited by the next run, and someone who has
    # answered is not emailed.
    with time_machine.travel(at(MEETING_DAY + timedelta(days=1))):
        services.record_attendance(None, meeting, [first, second, late])
    assert tasks.send_meeting_pulses(at(MEETING_DAY + timedelta(days=1), 10).isoformat()) == 1
    # Missed runs are made up: nothing after the pulse closes.
    assert tasks.send_meeting_pulses(at(MEETING_DAY + timedelta(days=20)).isoformat()) == 0


def test_an_attendee_sees_the_pulse_on_the_home_page_and_answers_it(client):
    person = UserFactory()
    meeting = held_meeting(timezone.localdate() - timedelta(days=2), [person])
    client.force_login(person)
    html = client.get(reverse("ui:home")).content.decode()
    url = reverse("governance:meeting_pulse", args=[meeting.pk])
    assert url in html
    response = client.post(url, {"voices_heard": "yes", "action_not_update": "<script>"})
    assert response.status_code == 400 and "Select Yes, Partly or No" in response.content.decode()
    assert not PulseTally.objects.exists()
    assert client.post(url, {**YES, "keep_in_diary": "no"}).status_code == 302
    assert counted(meeting) == {"voices_heard": {"yes": 1}, "action_not_update": {"yes": 1}, "keep_in_diary": {"no": 1}}
    assert url not in client.get(reverse("ui:home")).content.decode()
    assert "You have answered the pulse" in client.get(url).content.decode()


def test_someone_who_did_not_attend_cannot_open_the_pulse(client):
    meeting = held_meeting(timezone.localdate() - timedelta(days=2), [UserFactory()])
    client.force_login(make_person("superuser"))
    assert client.get(reverse("governance:meeting_pulse", args=[meeting.pk])).status_code == 403
