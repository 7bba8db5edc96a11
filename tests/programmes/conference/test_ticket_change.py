"""Changing ticket type in one step: the place given up goes to the old type's waiting list; a full new type
means its waiting list or keeping the place, as the person chose; two people swapping at once never take more
places than a type has."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from academy.notifications.models import Notification
from programmes.conference.models import Registration, RegistrationState, TicketType
from programmes.conference.ticket_change import change_ticket_type
from tests.concurrency import at_once
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type


def _types(capacity_old=2, capacity_new=2, new_approval=False):
    edition = make_edition()
    return (make_ticket_type(edition, name="C&CP leader", capacity=capacity_old),
            make_ticket_type(edition, name="VCSE", capacity=capacity_new, needs_approval=new_approval))


def _held(ticket_type):
    return TicketType.objects.get(pk=ticket_type.pk).places_held


@pytest.mark.django_db
def test_a_change_moves_the_place_and_the_old_place_goes_to_the_waiting_list():
    old, new = _types(capacity_old=1)
    mine = make_registration(old, dietary_needs="Vegan")
    waiting = make_registration(old, state="waiting")
    changed = change_ticket_type(mine.user, mine, new)
    assert changed.ticket_type == new and changed.state == RegistrationState.CONFIRMED
    assert changed.dietary_needs == "Vegan"
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.state == RegistrationState.CANCELLED and waiting.state == RegistrationState.CONFIRMED
    assert _held(old) == 1 and _held(new) == 1
    assert mine.transitions.filter(to_state=RegistrationState.CANCELLED, note="Changed to VCSE").exists()
    assert changed.transitions.filter(note="Changed from C&CP leader").exists()
    assert Notification.objects.filter(template="conf_registration_place", recipient=waiting.user).exists()
    assert Notification.objects.filter(template="conf_registration_confirmed", recipient=mine.user).exists()


@pytest.mark.django_db
def test_a_full_type_means_its_waiting_list_or_keeping_the_place_as_chosen():
    old, new = _types(capacity_new=1)
    make_registration(new)
    mine = make_registration(old)
    with pytest.raises(ValidationError, match="VCSE is full"):
        change_ticket_type(mine.user, mine, new)
    assert change_ticket_type(mine.user, mine, new, if_full="keep") == mine
    mine.refresh_from_db()
    assert mine.state == RegistrationState.CONFIRMED and _held(old) == 1
    waiting = change_ticket_type(mine.user, mine, new, if_full="wait")
    assert waiting.state == RegistrationState.WAITING and _held(old) == 0 and _held(new) == 1


@pytest.mark.django_db
def test_a_change_is_refused_for_the_same_type_someone_else_or_a_cancelled_registration():
    old, new = _types()
    mine = make_registration(old)
    with pytest.raises(ValidationError, match="different ticket type"):
        change_ticket_type(mine.user, mine, old)
    with pytest.raises(PermissionDenied):
        change_ticket_type(UserFactory(is_superuser=True), mine, new)
    other_edition = make_ticket_type(name="Student")
    with pytest.raises(ValidationError, match="of this edition"):
        change_ticket_type(mine.user, mine, other_edition)
    closed = make_ticket_type(old.edition, name="Later", on_sale=False)
    with pytest.raises(ValidationError, match="on sale from"):
        change_ticket_type(mine.user, mine, closed)
    assert Registration.objects.filter(user=mine.user).count() == 1 and _held(new) == 0


@pytest.mark.django_db
def test_the_change_page_asks_and_takes_bad_input_as_400(client):
    old, new = _types(capacity_new=1)
    mine = make_registration(old)
    client.force_login(mine.user)
    url = reverse("conference:registration_change", args=[mine.pk])
    page = client.get(url).content.decode()
    assert "VCSE: 1 places left" in page and "If the ticket type you choose is full" in page
    assert client.post(url, {"ticket_type": old.pk}).status_code == 400
    make_registration(new)
    response = client.post(url, {"ticket_type": new.pk})
    assert response.status_code == 400 and "nhsuk-error-summary" in response.content.decode()
    assert Registration.objects.filter(user=mine.user).count() == 1
    response = client.post(url, {"ticket_type": new.pk, "if_full": "wait"})
    assert response.status_code == 302
    assert Registration.objects.get(user=mine.user, state=RegistrationState.WAITING).ticket_type == new
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404


@pytest.mark.django_db(transaction=True)
def test_people_changing_at_once_never_exceed_either_capacity():
    """Eight people on each type swap to the other at once, with one place free on each: the locks on both
    types (lowest id first) keep each within its capacity and nobody deadlocks."""
    old, new = _types(capacity_old=9, capacity_new=9)
    on_old = [make_registration(old) for _ in range(8)]
    on_new = [make_registration(new) for _ in range(8)]
    outcomes = at_once(
        *(lambda r=r: change_ticket_type(r.user, r, new, if_full="keep") for r in on_old),
        *(lambda r=r: change_ticket_type(r.user, r, old, if_full="keep") for r in on_new),
    )
    assert not [o for o in outcomes if isinstance(o, Exception)]
    for ticket_type in (old, new):
        held = Registration.objects.filter(ticket_type=ticket_type, state=RegistrationState.CONFIRMED).count()
        assert held == _held(ticket_type) <= 9
    assert Registration.objects.filter(state=RegistrationState.CONFIRMED).count() == 16
    assert Registration.objects.filter(state__in=["confirmed", "waiting"]).count() == 16
