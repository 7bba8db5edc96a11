"""After the agreement, in headless Chromium with axe-core on every page: the shadow rearranges a visit (a
blank form is refused), reflects privately on the visit that happened, cancels the other and so completes the
placement; three months on they answer the follow-up; the programme's admin follows the round (counts only)
and chases the people who are stuck."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from programmes.core.models import Programme
from programmes.shadowing import services
from programmes.shadowing.models import Agreement, FollowUp, PlacementState, Reflection, Visit
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.shadowing import make_placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fill_date(page, label: str, day: dt.date) -> None:
    group = page.get_by_role("group", name=label)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))


def _under_way():
    today = timezone.localdate()
    placement = make_placement(interest_closes_on=today - dt.timedelta(days=30),
                               visits_from=today - dt.timedelta(days=20), visits_until=today + dt.timedelta(days=60))
    now = timezone.now()
    Agreement.objects.create(placement=placement, learning_goals="See discharge from the inside",
                             confidentiality="Nothing identifiable leaves the team",
                             practical_arrangements="Arrive at 9am", shadow_signed_at=now, host_signed_at=now,
                             manager_signed_at=now)
    Visit.objects.create(placement=placement, number=1, on=today - dt.timedelta(days=3))
    Visit.objects.create(placement=placement, number=2, on=today + dt.timedelta(days=10))
    workflow.move(placement, PlacementState.AGREED, workflow.SYSTEM)
    workflow.move(placement, PlacementState.IN_PROGRESS, workflow.SYSTEM)
    return placement


def test_visits_changed_reflections_follow_up_and_the_admins_follow_page(visit, client):
    page = visit.page
    placement = _under_way()
    stuck = make_placement()  # a second placement in the round whose agreement nobody has written
    stuck.round = placement.round
    stuck.save(update_fields=["round"])
    first, second = placement.visits.order_by("number")

    visit.sign_in_as(client, placement.shadow)
    visit.go(f"/shadowing/placements/{placement.pk}/")
    visit.check("followup-placement")
    page.get_by_role("link", name="Rearrange visit 2").click()
    page.get_by_role("button", name="Rearrange the visit").click()
    expect_title_starting(page, "Error: ")
    visit.check("followup-rearrange-errors")
    new_day = second.on + dt.timedelta(days=2)
    _fill_date(page, "New date", new_day)
    page.get_by_label("Why is the visit being rearranged?").fill("The team has an inspection that day")
    page.get_by_role("button", name="Rearrange the visit").click()
    expect(page.get_by_text("The other side has been told.")).to_be_visible()
    told = Notification.objects.filter(template="shadowing_visit_changed", to_email=placement.offer.host.email)
    assert told.count() == 1

    page.get_by_role("link", name="Write your reflection on visit 1").click()
    visit.check("followup-reflection")
    page.get_by_label("What I saw").fill("The discharge huddle and the calls to social care")
    page.get_by_label("What surprised me").fill("How much of the day is spent on the phone")
    page.get_by_label("What I'll do differently").fill("Ring the ward before sending a referral")
    page.get_by_role("button", name="Save your reflection").click()
    expect(page.get_by_text("Only you can read it.")).to_be_visible()
    assert Reflection.objects.filter(author=placement.shadow).count() == 1

    page.get_by_role("link", name="cancel visit 2").click()
    visit.check("followup-cancel")
    page.get_by_label("Why is the visit being cancelled?").fill("We covered everything in the first visit")
    page.get_by_role("button", name="Cancel the visit").click()
    placement.refresh_from_db()
    assert placement.state == PlacementState.COMPLETED
    visit.check("followup-placement-completed")

    FollowUp.objects.filter(placement=placement).update(due_on=timezone.localdate())
    assert services.follow_ups_due() == 1
    visit.go(f"/shadowing/placements/{placement.pk}/")
    page.get_by_role("link", name="Three months on: what have you done differently?").click()
    visit.check("followup-three-months")
    page.get_by_label("What have you done differently since your placement?").fill(
        "I now ring the ward before every referral, and we meet their team monthly")
    page.get_by_label("The Academy's evaluation may use my answer (without my name)").check()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_text("your follow-up is saved")).to_be_visible()

    admin = UserFactory(first_name="Sam", last_name="Admin")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="shadowing"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go(f"/shadowing/manage/rounds/{placement.round.pk}/")
    page.get_by_role("link", name="Follow the placements: agreements, visits, reflections and follow-ups").click()
    visit.check("followup-admin-follow")
    assert "How much of the day" not in page.content()
    page.get_by_label("Show").select_option("agreement")
    page.get_by_role("button", name="Show").click()
    visit.check("followup-admin-follow-filtered")
    page.get_by_role("link", name="Chase everyone who is stuck").click()
    visit.check("followup-admin-chase")
    page.get_by_role("button", name="Send the reminders").click()
    expect(page.get_by_text("people have been reminded")).to_be_visible()
    assert Notification.objects.filter(template="shadowing_chase").count() >= 2
