"""Conference registration in headless Chromium, with axe-core and the layout check on every page: a leader
registers for a ticket type that needs approval (a mistake first), sees their registration; the conference
team reads the ticket types and the attendee list (access needs shown to them) and approves the place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.conference.models import Registration, RegistrationState
from programmes.core.models import Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.programmes.conference.helpers import make_edition, make_registration, make_ticket_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_leader_registers_and_the_team_approves(visit, client):
    page = visit.page
    admin = UserFactory(first_name="Grace", last_name="Adeyemi")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="conference"))
    give_mfa(admin)
    leader = UserFactory(first_name="Sam", last_name="Okoro")
    edition = make_edition()
    make_ticket_type(edition, name="C&CP leader", capacity=250)
    student = make_ticket_type(edition, name="Student", capacity=40, needs_approval=True)
    for _ in range(3):
        make_registration(make_ticket_type(edition, name=f"Guest {_}", capacity=5), access_needs="A hearing loop")

    visit.sign_in_as(client, leader)
    visit.go(f"/conference/{edition.slug}/call/")
    page.get_by_role("link", name="Register to attend").click()
    visit.check("register")
    page.get_by_role("button", name="Register").click()
    expect_title_starting(page, "Error: ")
    visit.check("register-errors")
    page.get_by_label("Student (needs the team's approval)").check()
    page.get_by_label("Organisation").fill("Goldsmiths, University of London")
    page.get_by_label("Profession").fill("Nursing student")
    page.get_by_label("Access needs (optional)").fill("Step-free access, please")
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_text("The conference team will approve your place")).to_be_visible()
    visit.check("registration")
    registration = Registration.objects.get(user=leader)
    assert registration.state == RegistrationState.AWAITING_APPROVAL

    visit.sign_in_as(client, admin)
    visit.go(f"/conference/manage/editions/{edition.pk}/tickets/")
    visit.check("ticket-types")
    visit.go(f"/conference/manage/editions/{edition.pk}/attendees/")
    expect(page.get_by_text("Step-free access, please")).to_be_visible()
    visit.check("attendees")
    page.get_by_role("link", name="Approve or decline Sam Okoro").click()
    visit.check("decide")
    page.get_by_label("Approve: confirm the place").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Sam Okoro's registration is now: confirmed")).to_be_visible()
    visit.check("attendees-approved")
    registration.refresh_from_db()
    assert registration.state == RegistrationState.CONFIRMED and student.pk == registration.ticket_type_id
    assert Notification.objects.filter(template="conf_registration_approved", recipient=leader).exists()
