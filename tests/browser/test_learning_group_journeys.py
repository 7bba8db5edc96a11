"""A programme admin groups a cohort into quads, moves one person and saves; a leader sees their group
in My Academy and records its shared problem. axe-core checks every page."""

from __future__ import annotations

import pytest
from django.db.models import F
from django.utils import timezone

from academy.directory.models import Profession
from programmes.core.models import Application, ApplicationState, Cohort, LearningGroupMember
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory, OrganisationFactory
from tests.factories.programmes import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_propose_move_save_and_the_leader_sees_their_set(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Core programme 2027")
    professions = list(Profession.objects.order_by("position"))
    profiles = [
        LeaderProfileFactory(
            user__first_name=f"Leader{index}",
            organisation=OrganisationFactory(name=f"Journey organisation {index % 3}"),
            profession=professions[index % len(professions)],
        )
        for index in range(6)
    ]
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=p.user, state=ApplicationState.ACCEPTED, submitted_at=timezone.now())
         for p in profiles]
    )
    Cohort.objects.filter(pk=cohort.pk).update(places_held=F("places_held") + len(profiles))
    admin = make_person("programme_admin")
    visit.sign_in_as(client, admin)

    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/")
    page.get_by_role("link", name="Action learning sets and quads").click()
    visit.check("groups")
    page.locator("main button[type=submit]").last.click()
    expect_title_starting(page, "Error: ")
    visit.check("groups-error")
    page.get_by_label("Quads of 4").check()
    page.get_by_role("button", name="Propose groups").click()
    visit.check("proposal")
    assert "Group 2" in page.content()
    leader = profiles[0].user
    select = page.get_by_label(f"Group for {leader.get_full_name()}")
    moved_to = "2" if select.input_value() == "1" else "1"
    select.select_option(moved_to)
    page.get_by_role("button", name="Update the mix").click()
    visit.check("proposal-updated")
    page.get_by_role("button", name="Save these groups").click()
    visit.check("saved")
    assert "Saved 2 groups" in page.content()
    assert LearningGroupMember.objects.get(application__applicant=leader).group.number == int(moved_to)

    visit.sign_in_as(client, leader)
    visit.go("/programmes/my-academy/")
    visit.check("my-academy")
    assert "Your quad: Core programme 2027" in page.content()
    page.get_by_role("link", name="Change the shared problem for your quad").click()
    visit.check("shared-problem")
    page.get_by_label("The group's shared problem or priority").fill("Discharge delays across Lewisham")
    page.get_by_role("button", name="Save the shared problem").click()
    visit.check("my-academy-with-problem")
    assert "Discharge delays across Lewisham" in page.content()
