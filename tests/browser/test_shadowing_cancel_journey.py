"""Cancelling placements and the home page's prompt, in headless Chromium with axe-core on every page: the host
sees on their home page that they owe a note on a visit that happened and writes it (shared with the shadow);
then cancels the placement
(a blank reason is refused); the programme's admin cancels another placement from the follow page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy import workflow
from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.notifications.models import Notification
from academy.workflow.models import Transition
from programmes.core.models import Programme
from programmes.shadowing.models import Agreement, Placement, PlacementState, Reflection, Visit
from tests.browser.titles import expect_title_starting
from tests.conftest import give_mfa
from tests.factories.accounts import UserFactory
from tests.factories.shadowing import make_placement

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


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
    Visit.objects.create(placement=placement, number=3, on=today + dt.timedelta(days=24))
    workflow.move(placement, PlacementState.AGREED, workflow.SYSTEM)
    workflow.move(placement, PlacementState.IN_PROGRESS, workflow.SYSTEM)
    return placement


def test_the_home_prompt_a_host_cancelling_and_the_admin_cancelling(visit, client):
    page = visit.page
    placement = _under_way()
    other = make_placement()  # proposed, in the same round: the admin cancels it
    Placement.objects.filter(pk=other.pk).update(round=placement.round)
    host = placement.offer.host

    visit.sign_in_as(client, host)
    visit.go("/")
    visit.check("cancel-home-prompt")
    page.get_by_role("link", name=f"Shadowing visits to reflect on ({placement.offer.setting})").click()
    visit.check("cancel-host-note")
    page.get_by_label("Your reflection").fill("A visitor's questions showed how much we rely on one phone")
    page.get_by_label("Share this note with the shadow").check()
    page.get_by_role("button", name="Save your reflection").click()
    expect(page.get_by_text("You have shared it with the shadow.")).to_be_visible()
    assert Reflection.objects.filter(author=host, side="host", shared=True).count() == 1

    page.get_by_role("link", name="Cancel this placement").click()
    visit.check("cancel-placement")
    page.get_by_role("button", name="Cancel the placement").click()
    expect_title_starting(page, "Error: ")
    visit.check("cancel-placement-errors")
    assert Placement.objects.get(pk=placement.pk).state == PlacementState.IN_PROGRESS
    page.get_by_label("Why is the placement being cancelled?").fill(
        "Our service is being recommissioned and cannot host visits")
    page.get_by_role("button", name="Cancel the placement").click()
    expect(page.get_by_text("The placement is cancelled.")).to_be_visible()
    visit.check("cancel-placement-cancelled")
    assert Placement.objects.get(pk=placement.pk).state == PlacementState.CANCELLED
    assert not Visit.objects.filter(placement=placement, cancelled_at__isnull=True, on__gte=timezone.localdate())
    told = Notification.objects.filter(template__startswith="shadowing_placement_cancelled")
    assert sorted(told.values_list("to_email", flat=True)) == sorted(
        [placement.shadow.email, placement.interest.line_manager_email])
    assert all(len(n.context["attachments"]) == 2 for n in told)

    visit.sign_in_as(client, placement.shadow)
    visit.go(f"/shadowing/placements/{placement.pk}/")
    page.get_by_text("Your host's note on visit 1, shared with you").click()
    expect(page.get_by_text("how much we rely on one phone")).to_be_visible()
    visit.check("cancel-shadow-reads-shared-note")

    admin = UserFactory(first_name="Sam", last_name="Admin")
    grant_role(None, admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="shadowing"))
    give_mfa(admin)
    visit.sign_in_as(client, admin)
    visit.go(f"/shadowing/manage/rounds/{placement.round.pk}/follow/")
    visit.check("cancel-admin-follow")
    page.get_by_role("link", name=f"Cancel the placement of {other.shadow.get_full_name()}").click()
    visit.check("cancel-admin-confirm")
    page.get_by_label("Why is the placement being cancelled?").fill("The shadow has moved to a new post")
    page.get_by_role("button", name="Cancel the placement").click()
    expect(page.get_by_text("The placement is cancelled.")).to_be_visible()
    visit.check("cancel-admin-follow-after")
    assert Transition.objects.filter(object_id=other.pk, machine="shadowing.placement", to_state="cancelled",
                                     actor=admin).count() == 1
