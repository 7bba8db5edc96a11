"""Registration (issue 11): ticket types, registering (confirmed, awaiting approval, waiting list), one live
registration each, approval, cancelling with the waiting list, the team's pages and the CSV."""

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from academy import workflow
from academy.notifications.models import Notification
from academy.workflow.models import Transition
from programmes.conference import services
from programmes.conference.models import Registration, RegistrationState, TicketType
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type

pytestmark = pytest.mark.django_db
FORMULA = '=cmd|" /C calc"!A0'
ANSWERS = {"organisation": "King's College Hospital", "profession": "Medicine"}


def _register(user, ticket_type, **values):
    return services.register(user, ticket_type.edition, ticket_type=ticket_type, **{**ANSWERS, **values})


def test_a_ticket_type_without_approval_confirms_at_once_and_emails(django_capture_on_commit_callbacks):
    ticket_type = make_ticket_type(capacity=2)
    leader = UserFactory()
    with django_capture_on_commit_callbacks():
        registration = _register(leader, ticket_type, access_needs="Step-free access")
    assert registration.state == RegistrationState.CONFIRMED
    assert TicketType.objects.get(pk=ticket_type.pk).places_held == 1
    notification = Notification.objects.get(template="conf_registration_confirmed", recipient=leader)
    assert notification.context["ticket_type"] == "C&CP leader"
    assert Transition.objects.filter(object_id=registration.pk, to_state="confirmed").exists()


def test_approval_holds_a_place_then_the_team_approves_or_declines(conference_admin):
    ticket_type = make_ticket_type(capacity=1, needs_approval=True)
    first, second = UserFactory(), UserFactory()
    registration = _register(first, ticket_type)
    assert registration.state == RegistrationState.AWAITING_APPROVAL
    assert Notification.objects.filter(template="conf_registration_awaiting", recipient=first).exists()
    waiting = _register(second, ticket_type)
    assert waiting.state == RegistrationState.WAITING
    services.decline_registration(conference_admin, registration, "Not a student")
    # The declined place went to the person waiting, who now awaits approval, emailed once.
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.AWAITING_APPROVAL
    assert Notification.objects.filter(template="conf_registration_place", recipient=second).count() == 1
    assert Notification.objects.filter(template="conf_registration_declined", recipient=first).exists()
    services.approve_registration(conference_admin, waiting)
    waiting.refresh_from_db()
    assert waiting.state == RegistrationState.CONFIRMED and waiting.decided_by == conference_admin
    assert TicketType.objects.get(pk=ticket_type.pk).places_held == 1
    with pytest.raises(workflow.NotAllowed):
        services.approve_registration(conference_admin, waiting)


def test_only_the_team_approves():
    registration = make_registration(make_ticket_type(needs_approval=True), state="awaiting_approval")
    with pytest.raises(PermissionDenied):
        services.approve_registration(UserFactory(), registration)


def test_one_live_registration_per_person_per_edition():
    ticket_type = make_ticket_type()
    other = make_ticket_type(ticket_type.edition, name="VCSE")
    leader = UserFactory()
    _register(leader, ticket_type)
    with pytest.raises(ValidationError, match="already registered"):
        _register(leader, other)
    assert Registration.objects.filter(user=leader).count() == 1


def test_tickets_are_sold_only_while_on_sale():
    ticket_type = make_ticket_type(on_sale=False)
    with pytest.raises(ValidationError, match="on sale from"):
        _register(UserFactory(), ticket_type)
    assert not Registration.objects.exists()


def test_cancelling_gives_the_place_to_the_oldest_waiting_once(django_capture_on_commit_callbacks):
    ticket_type = make_ticket_type(capacity=1)
    holder, first_waiting, second_waiting = UserFactory(), UserFactory(), UserFactory()
    held = _register(holder, ticket_type)
    a = _register(first_waiting, ticket_type)
    b = _register(second_waiting, ticket_type)
    assert a.state == b.state == RegistrationState.WAITING
    with django_capture_on_commit_callbacks() as callbacks:
        services.cancel_registration(holder, held)
    assert callbacks  # the email goes after commit
    a.refresh_from_db()
    b.refresh_from_db()
    assert a.state == RegistrationState.CONFIRMED and b.state == RegistrationState.WAITING
    assert Notification.objects.filter(template="conf_registration_place").count() == 1
    with pytest.raises(workflow.NotAllowed):
        services.cancel_registration(holder, held)
    with pytest.raises(PermissionDenied):
        services.cancel_registration(holder, a)


def test_capacity_cannot_drop_below_places_taken(conference_admin):
    ticket_type = make_ticket_type(capacity=3)
    make_registration(ticket_type)
    make_registration(ticket_type)
    with pytest.raises(ValidationError, match="below the 2 places"):
        services.save_ticket_type(conference_admin, ticket_type.edition, ticket_type, name="C&CP leader",
                                  capacity=1, needs_approval=False, on_sale_from=ticket_type.on_sale_from,
                                  on_sale_until=ticket_type.on_sale_until)
    assert TicketType.objects.get(pk=ticket_type.pk).capacity == 3


def test_the_team_adds_a_ticket_type_and_bad_input_saves_nothing(client, conference_admin):
    edition = make_edition()
    client.force_login(conference_admin)
    url = reverse("conference:ticket_type_add", args=[edition.pk])
    start = timezone.localtime() + dt.timedelta(days=1)
    end = start + dt.timedelta(days=20)
    data = {"name": "Student", "capacity": "0",
            **{f"on_sale_from_{i}": v for i, v in enumerate([start.day, start.month, start.year, "9am"])},
            **{f"on_sale_until_{i}": v for i, v in enumerate([end.day, end.month, end.year, "5pm"])}}
    response = client.post(url, data)
    assert response.status_code == 400 and "The capacity must be 1 or more" in response.content.decode()
    assert not TicketType.objects.exists()
    response = client.post(url, {**data, "capacity": "40", "needs_approval": "on"})
    assert response.status_code == 302
    assert TicketType.objects.get(edition=edition, name="Student").needs_approval


def test_a_leader_registers_with_the_form_and_sees_their_registration(client):
    ticket_type = make_ticket_type(needs_approval=True)
    leader = UserFactory()
    client.force_login(leader)
    url = reverse("conference:register", args=[ticket_type.edition.slug])
    assert client.post(url, {"organisation": "", "profession": ""}).status_code == 400
    response = client.post(url, {"ticket_type": ticket_type.pk, **ANSWERS, "dietary_needs": "Vegetarian"})
    registration = Registration.objects.get(user=leader)
    assert response.status_code == 302 and response.url == reverse("conference:registration", args=[registration.pk])
    page = client.get(response.url).content.decode()
    assert "Awaiting approval" in page and "Vegetarian" in page
    # Registering again leads to the registration, not a second one.
    assert client.get(url).url == response.url


def test_attendee_list_shows_access_needs_to_the_team_and_neutralises_the_csv(client, conference_admin):
    ticket_type = make_ticket_type()
    make_registration(ticket_type, access_needs="<b>Hearing loop</b>", dietary_needs=FORMULA)
    client.force_login(conference_admin)
    page = client.get(reverse("conference:attendees", args=[ticket_type.edition_id])).content.decode()
    assert "&lt;b&gt;Hearing loop&lt;/b&gt;" in page and "<b>Hearing loop" not in page
    export = client.get(reverse("conference:attendees_export", args=[ticket_type.edition_id]))
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert "Access needs" in rows[0]
    assert rows[1][rows[0].index("Dietary needs")] == "'" + FORMULA


@pytest.mark.parametrize("size", [3, 30])
def test_the_attendee_list_reads_in_fixed_queries(client, conference_admin, django_assert_num_queries, size):
    ticket_type = make_ticket_type(capacity=100)
    for _ in range(size):
        make_registration(ticket_type)
    client.force_login(conference_admin)
    client.get(reverse("conference:attendees", args=[ticket_type.edition_id]))  # warm sessions and caches
    with django_assert_num_queries(QUERIES_ATTENDEES):
        assert client.get(reverse("conference:attendees", args=[ticket_type.edition_id])).status_code == 200


# Session, user, permission look-ups, the edition, the count and the page: the same at 3 and at 30.
QUERIES_ATTENDEES = 10


def test_closing_an_account_erases_registrations_and_the_place_goes_to_the_waiting_list():
    from academy.privacy import erasure  # noqa: PLC0415

    ticket_type = make_ticket_type(capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    _register(holder, ticket_type, access_needs="A hearing loop")
    next_in_line = _register(waiting, ticket_type)
    erasure.close_account(holder)
    assert not Registration.objects.filter(access_needs="A hearing loop").exists()
    next_in_line.refresh_from_db()
    assert next_in_line.state == RegistrationState.CONFIRMED
    assert TicketType.objects.get(pk=ticket_type.pk).places_held == 1
