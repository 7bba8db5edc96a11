"""A programme admin creates a programme (a clash first), changes it, and pages through a large roster.
axe-core checks every page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from programmes.core.models import Application, ApplicationState, Cohort, Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_create_and_change_a_programme(visit, client):
    page = visit.page
    admin = make_person("programme_admin")
    visit.sign_in_as(client, admin)
    visit.go("/programmes/admin/")
    visit.check("admin")
    page.get_by_role("link", name="Create a programme").click()
    visit.check("create")
    page.get_by_label("Title").fill("Systems leadership development curriculum")
    page.get_by_role("button", name="Create the programme").click()
    expect_title_starting(page, "Error: ")
    visit.check("create-errors")
    page.get_by_label("Title").fill("Clinical and care professional leadership network")
    page.get_by_label("Community").check()
    page.get_by_label("Summary").fill("A network for clinical and care professional leaders.")
    page.get_by_label("Frontline clinicians and care professionals").check()
    page.get_by_label("Time commitment").fill("Two hours a month")
    page.get_by_role("button", name="Create the programme").click()
    visit.check("created")
    assert "Saved Clinical and care professional leadership network" in page.content()
    programme = Programme.objects.get(slug="clinical-and-care-professional-leadership-network")
    page.get_by_role("link", name="Change Clinical and care professional leadership network").click()
    visit.check("change")
    page.get_by_label("Time commitment").fill("Three hours a month")
    page.get_by_role("button", name="Save the changes").click()
    programme.refresh_from_db()
    assert programme.time_commitment == "Three hours a month"


def test_page_through_a_large_roster(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Core programme 2027", capacity=200)
    profiles = LeaderProfileFactory.create_batch(120)
    Application.objects.bulk_create(
        [Application(cohort=cohort, applicant=p.user, state=ApplicationState.ACCEPTED, submitted_at=timezone.now())
         for p in profiles]
    )
    Cohort.objects.filter(pk=cohort.pk).update(places_held=120)
    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/")
    visit.check("roster-page-1")
    assert "Showing 1 to 20 of 120" in page.content()
    page.get_by_role("link", name="Next page").click()
    visit.check("roster-page-2")
    assert "Showing 21 to 40 of 120" in page.content()
