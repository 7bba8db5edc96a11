"""The C&CPLG: seats, holders and terms, vacancies, make-up with suppression, term reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import Borough, Organisation, OrganisationType, Profession
from academy.notifications.models import Notification
from governance import tasks
from governance.ccplg import selectors as ccplg_selectors
from governance.ccplg import services as ccplg_services
from governance.models import Capability, Seat
from governance.reference.seed import SEATS
from tests.concurrency import at_once, raised
from tests.factories.accounts import UserFactory
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory

TODAY = date(2026, 11, 23)


def _seat(title="People Board lead") -> Seat:
    return Seat.objects.get(title=title)


def _new_history(seat: Seat, before: set[int]):
    """The seat's history since ``before`` (reloading reference data in a flushed database adds its own)."""
    return seat.history.exclude(history_id__in=before).order_by("history_date", "history_id")


def _history_ids(seat: Seat) -> set[int]:
    return set(seat.history.values_list("history_id", flat=True))


@pytest.mark.django_db
def test_seats_grouped_by_the_ten_capabilities():
    overview = ccplg_selectors.ccplg_overview(TODAY)
    assert [group.capability.number for group in overview.groups] == list(range(1, 11))
    assert overview.seats == len(SEATS)
    assert overview.vacant == len(SEATS) and overview.filled == 0
    experts = next(group for group in overview.groups if group.capability.number == 7)
    assert {seat.title for seat in experts.seats} >= {
        "Expert by experience: Local Authority", "Expert by experience: Optometry", "Expert by experience: VCSE",
    }
    co_chairs = Seat.objects.filter(is_co_chair=True).values_list("title", flat=True)
    assert set(co_chairs) == {"Chief Medical Officer (co-chair)", "Chief Nurse Officer (co-chair)"}
    assert Capability.objects.count() == 10


@pytest.mark.django_db
def test_assign_and_vacate_keep_history(person):
    secretary = person("governance")
    holder = UserFactory()
    before = _history_ids(_seat())
    seat = ccplg_services.assign_seat(secretary, _seat(), holder, TODAY, TODAY + timedelta(days=730), today=TODAY)
    assert seat.holder == holder and seat.term_ends == TODAY + timedelta(days=730)
    ccplg_services.vacate_seat(secretary, seat)
    seat.refresh_from_db()
    assert seat.holder is None and seat.term_ends is None
    history = _new_history(seat, before)
    reasons = list(history.values_list("history_change_reason", "holder_id"))
    assert reasons == [("holder appointed", holder.pk), ("vacated", None)]
    assert {record.history_user for record in history} == {secretary}


@pytest.mark.django_db
def test_saving_the_same_holder_and_term_twice_adds_no_history(person):
    secretary = person("governance")
    holder = UserFactory()
    before = _history_ids(_seat())
    for _ in range(2):
        ccplg_services.assign_seat(secretary, _seat(), holder, TODAY, TODAY + timedelta(days=365), today=TODAY)
    assert _new_history(_seat(), before).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(("starts", "ends", "field", "message"), [
    (TODAY, TODAY, "term_ends", "must end after"),
    (TODAY - timedelta(days=900), TODAY - timedelta(days=1), "term_ends", "already ended"),
    (TODAY, TODAY + timedelta(days=6 * 365), "term_ends", "at most 5 years"),
])
def test_bad_terms_are_refused(person, starts, ends, field, message):
    with pytest.raises(ValidationError) as caught:
        ccplg_services.assign_seat(person("governance"), _seat(), UserFactory(), starts, ends, today=TODAY)
    assert message in " ".join(caught.value.message_dict[field])
    assert _seat().holder_id is None


@pytest.mark.django_db
def test_deactivated_holder_is_refused(person):
    with pytest.raises(ValidationError):
        ccplg_services.assign_seat(person("governance"), _seat(), UserFactory(is_active=False), TODAY,
                             TODAY + timedelta(days=30), today=TODAY)


@pytest.mark.django_db
@pytest.mark.parametrize("role_name", ["leader", "executive", "evaluator", "reviewer", "programme_admin"])
def test_only_the_secretariat_changes_seats(person, role_name):
    with pytest.raises(PermissionDenied):
        ccplg_services.assign_seat(person(role_name), _seat(), UserFactory(), TODAY, TODAY + timedelta(days=30),
                             today=TODAY)
    ccplg_services.assign_seat(None, _seat(), UserFactory(), TODAY, TODAY + timedelta(days=30), today=TODAY)
    with pytest.raises(PermissionDenied):
        ccplg_services.vacate_seat(person(role_name), _seat())
    assert _seat().holder_id is not None


@pytest.mark.django_db
def test_vacating_a_vacant_seat_is_refused(person):
    with pytest.raises(ValidationError):
        ccplg_services.vacate_seat(person("governance"), _seat())


# --- Views ----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_appoint_through_the_form(client_as):
    client, secretary = client_as("governance")
    holder = UserFactory(email="ola.ade@example.nhs.uk")
    seat = _seat()
    today = timezone.localdate()
    response = client.post(reverse("governance:seat_edit", args=[seat.pk]), {
        "holder_email": "OLA.ADE@example.nhs.uk", "term_starts": today.isoformat(),
        "term_ends": (today + timedelta(days=700)).isoformat(),
    })
    assert response.status_code == 302
    seat.refresh_from_db()
    assert seat.holder == holder
    page = client.get(reverse("governance:ccplg")).content.decode()
    assert str(holder) in page


@pytest.mark.django_db
@pytest.mark.parametrize(("data", "message"), [
    ({"holder_email": "nobody@example.nhs.uk"}, "No one with this email address has an account"),
    ({"holder_email": "closed@example.nhs.uk"}, "This account is deactivated"),
    ({"holder_email": "not an email"}, "Enter an email address in the correct format"),
    ({"term_ends": "2026-02-30"}, "Term of office ends must be a real date"),
    ({"term_ends": ""}, "Enter the date the term ends"),
    ({"term_starts": "2030-01-01", "term_ends": "2029-01-01"}, "The term must end after the date it starts"),
])
def test_bad_seat_input_is_refused_and_nothing_saved(client_as, data, message):
    client, _ = client_as("governance")
    UserFactory(email="holder@example.nhs.uk")
    UserFactory(email="closed@example.nhs.uk", is_active=False)
    seat = _seat()
    today = timezone.localdate()
    post = {"holder_email": "holder@example.nhs.uk", "term_starts": today.isoformat(),
            "term_ends": (today + timedelta(days=365)).isoformat(), **data}
    response = client.post(reverse("governance:seat_edit", args=[seat.pk]), post)
    assert response.status_code == 400
    body = response.content.decode()
    assert "<title>Error: " in body and message in body
    seat.refresh_from_db()
    assert seat.holder_id is None


@pytest.mark.django_db
def test_vacate_through_the_page(client_as):
    client, _ = client_as("governance")
    seat = ccplg_services.assign_seat(None, _seat(), UserFactory(), timezone.localdate(),
                                timezone.localdate() + timedelta(days=300))
    page = client.get(reverse("governance:seat_vacate", args=[seat.pk]))
    assert page.status_code == 200
    assert f"Make {seat.title} vacant?" in page.content.decode() and "Make the seat vacant" in page.content.decode()
    assert client.post(reverse("governance:seat_vacate", args=[seat.pk])).status_code == 302
    seat.refresh_from_db()
    assert seat.holder_id is None
    # A second visit has nothing to do: back to the list with a message.
    assert client.get(reverse("governance:seat_vacate", args=[seat.pk])).status_code == 302
    # A second press of the button (say, from another tab) says why on the confirm page and changes nothing.
    again = client.post(reverse("governance:seat_vacate", args=[seat.pk]))
    assert again.status_code == 400
    assert "<title>Error: " in again.content.decode() and "This seat is already vacant." in again.content.decode()


@pytest.mark.django_db
def test_executive_reads_but_cannot_change(client_as):
    client, _ = client_as("executive")
    seat = _seat()
    page = client.get(reverse("governance:ccplg")).content.decode()
    assert "Appoint a holder" not in page
    assert client.get(reverse("governance:seat_history")).status_code == 200
    response = client.post(reverse("governance:seat_edit", args=[seat.pk]), {"holder_email": "x@example.nhs.uk"})
    assert response.status_code == 403
    assert client.post(reverse("governance:seat_vacate", args=[seat.pk])).status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("holders", [3, 30])
def test_seat_list_and_history_have_fixed_query_counts(client_as, django_assert_max_num_queries, holders):
    client, secretary = client_as("governance")
    today = timezone.localdate()
    for seat in Seat.objects.all()[:holders]:
        holder = LeaderProfileFactory().user
        ccplg_services.assign_seat(secretary, seat, holder, today, today + timedelta(days=400))
        ccplg_services.assign_seat(secretary, seat, holder, today, today + timedelta(days=500))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:ccplg")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("governance:seat_history")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("governance:ccplg_makeup")).status_code == 200


# --- Make-up --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_makeup_counts_people_once_and_suppresses_small_numbers():
    nursing = Profession.objects.get(name="Nursing")
    medicine = Profession.objects.get(name="Medicine")
    borough = Borough.objects.get(name="Lambeth")
    trust = OrganisationFactory(name="A trust", org_type=OrganisationType.ACUTE_TRUST, borough=borough)
    seats = list(Seat.objects.order_by("position"))
    people = [LeaderProfileFactory(profession=nursing, organisation=trust, borough=borough).user for _ in range(6)]
    people.append(LeaderProfileFactory(profession=medicine, organisation=trust, borough=borough).user)
    people.append(UserFactory())  # no leader profile
    for seat, holder in zip(seats, people, strict=False):
        ccplg_services.assign_seat(None, seat, holder, TODAY, TODAY + timedelta(days=400), today=TODAY)
    # The same nurse holds a second seat: still one person.
    ccplg_services.assign_seat(None, seats[10], people[0], TODAY, TODAY + timedelta(days=400), today=TODAY)

    count, tables = ccplg_selectors.ccplg_makeup()
    assert count == 8
    profession = {table.title: table for table in tables}["Profession"].table
    assert profession["Nursing"].display == "6"
    assert profession["Medicine"].display == "fewer than 5"
    assert profession["Medicine"].value is None
    assert profession["Not recorded (no leader profile)"].display == "fewer than 5"
    organisation = {table.title: table for table in tables}["Type of organisation"].table
    # One small cell alone (the person without a profile) would be given away by the total, so the
    # next-smallest count is hidden too.
    # ... and with no non-zero count left shown, the zeros beside them are masked too (docs/suppression.md).
    assert organisation["Not recorded (no leader profile)"].display == "not shown"
    assert organisation["Acute trust"].display == "not shown"
    assert {cell.display for cell in organisation} == {"not shown"}
    borough_table = {table.title: table for table in tables}["Borough"].table
    assert borough_table["Lambeth"].display == "not shown"
    assert borough_table["Bexley"].display == "not shown"  # a 0 beside only hidden counts is masked too
    assert Organisation.objects.filter(name="A trust").exists()


@pytest.mark.django_db
def test_makeup_csv_never_gives_a_small_number(client_as):
    client, _ = client_as("leader")
    medicine = Profession.objects.get(name="Medicine")
    for seat in Seat.objects.order_by("position")[:2]:
        ccplg_services.assign_seat(None, seat, LeaderProfileFactory(profession=medicine).user, TODAY,
                             TODAY + timedelta(days=400), today=TODAY)
    response = client.get(reverse("governance:ccplg_makeup_csv"))
    assert response.status_code == 200
    body = response.content.decode()
    # The only group with anyone in it is hidden, so the zeros beside it are masked too.
    assert "Profession,Medicine,not shown" in body and "Profession,Nursing,0" not in body
    assert "Profession,Total,not shown" in body
    assert ",2\r\n" not in body


# --- Term reminders -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_term_reminder_is_sent_once_to_holder_and_secretariat(person):
    secretary = person("governance")
    holder = UserFactory()
    soon = _seat("People Board lead")
    later = _seat("Research and evidence lead")
    ccplg_services.assign_seat(None, soon, holder, TODAY - timedelta(days=700), TODAY + timedelta(days=40), today=TODAY)
    ccplg_services.assign_seat(None, later, UserFactory(), TODAY, TODAY + timedelta(days=200), today=TODAY)
    mail.outbox.clear()

    assert tasks.send_term_reminders(TODAY.isoformat()) == 2
    assert tasks.send_term_reminders(TODAY.isoformat()) == 0  # beat firing twice: nothing more
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted([holder.email, secretary.email])
    to_holder = next(message for message in mail.outbox if message.to == [holder.email])
    assert "People Board lead" in to_holder.body and "ends on" in to_holder.subject
    assert "&amp;" not in to_holder.subject

    # A new term for the same holder is a new reminder when it, too, comes close to its end.
    ccplg_services.assign_seat(None, soon, holder, TODAY, TODAY + timedelta(days=50), today=TODAY)
    assert tasks.send_term_reminders(TODAY.isoformat()) == 2
    assert Notification.objects.filter(key__startswith=f"seat-term-ending:{soon.pk}:").count() == 4


@pytest.mark.django_db
def test_no_reminder_for_terms_far_off_or_vacant_seats():
    ccplg_services.assign_seat(None, _seat(), UserFactory(), TODAY, TODAY + timedelta(days=61), today=TODAY)
    assert tasks.send_term_reminders(TODAY.isoformat()) == 0


def test_term_reminders_are_on_the_beat_schedule():
    from academy.celery import app_beat_schedules

    entry = app_beat_schedules()["governance-seat-term-reminders"]
    assert entry["task"] == "governance.tasks.send_term_reminders"


# --- Two secretaries at once ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_secretaries_appointing_at_once_leave_one_consistent_holder(person):
    first, second = person("governance"), person("governance")
    holders = [UserFactory(), UserFactory()]
    seat = _seat()
    before = _history_ids(seat)

    def appoint(actor, holder, days):
        return lambda: ccplg_services.assign_seat(actor, seat, holder, TODAY, TODAY + timedelta(days=days), today=TODAY)

    outcomes = at_once(appoint(first, holders[0], 300), appoint(second, holders[1], 400))
    assert not raised(outcomes)
    seat.refresh_from_db()
    final = {(holders[0].pk, 300), (holders[1].pk, 400)}
    assert (seat.holder_id, (seat.term_ends - TODAY).days) in final
    history = list(_new_history(seat, before).values_list("holder_id", flat=True))
    assert len(history) == 2 and history[-1] == seat.holder_id
