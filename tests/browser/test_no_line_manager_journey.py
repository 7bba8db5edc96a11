"""A GP partner with no line manager says so on their profile, applies with a sponsor, shares access needs
with consent; the programme admin sees the route and the access needs. axe-core checks every page."""

from __future__ import annotations

import pytest

from programmes.core.models import AccessNeeds, Application
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_with_no_line_manager_applies_with_a_sponsor(visit, client):
    page = visit.page
    cohort = CohortFactory(title="Core programme 2027", questions=["Why now?"])
    leader = LeaderProfileFactory(user__first_name="Priya", user__last_name="Shah").user
    visit.sign_in_as(client, leader)

    visit.go("/directory/profile/edit/")
    page.get_by_label("No, I have no line manager").check()
    page.get_by_role("button", name="Save your profile").click()
    expect_title_starting(page, "Error: ")
    visit.check("profile-no-reason")
    page.get_by_label("I am self-employed or a partner").check()
    page.get_by_role("button", name="Save your profile").click()
    visit.check("profile-saved")
    assert "No line manager: I am self-employed or a partner" in page.content()

    visit.go(f"/programmes/cohorts/{cohort.pk}/apply/")
    visit.check("apply-no-line-manager")
    page.get_by_label("Why now?").fill("I lead a practice and want to work across the system.")
    page.get_by_label("Which real system problem will you bring?").fill("Same-day access in Bexley.")
    page.get_by_label("Care pathway transformation and innovation").check()
    page.get_by_label("A sponsor", exact=True).check()
    page.get_by_label("Reasonable adjustments or access needs (optional)").fill("A hearing loop, please.")
    page.get_by_role("button", name="Send your application").click()
    expect_title_starting(page, "Error: ")
    visit.check("apply-sponsor-errors")
    page.get_by_label("If a sponsor: their full name").fill("Dr Ada Senior")
    page.get_by_label("If a sponsor: their email address").fill("ada.senior@example.nhs.uk")
    page.get_by_label("If a sponsor: their role").fill("Senior partner, Elm Practice")
    page.get_by_label("I agree that this cohort's programme team may see my access needs").check()
    page.get_by_role("button", name="Send your application").click()
    visit.check("application-sent")
    assert "emailed your sponsor" in page.content()
    application = Application.objects.get(applicant=leader)
    assert application.release_route == "sponsor" and AccessNeeds.objects.filter(application=application).exists()

    page.get_by_role("link", name="Change or withdraw your access needs").click()
    visit.check("access-needs")
    page.get_by_role("button", name="Withdraw your access needs").click()
    visit.check("access-needs-withdrawn")
    assert not AccessNeeds.objects.exists()
    page.get_by_role("link", name="Tell the programme team about your access needs").click()
    page.get_by_label("Reasonable adjustments or access needs").fill("Large print papers.")
    page.get_by_label("I agree that this cohort's programme team may see my access needs").check()
    page.get_by_role("button", name="Save your access needs").click()

    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go(f"/programmes/admin/cohorts/{cohort.pk}/")
    visit.check("cohort-admin")
    content = page.content()
    assert "Protected time: sponsor" in content and "Large print papers." in content
    visit.go(f"/programmes/admin/applications/{application.pk}/")
    visit.check("admin-application")
    assert "Sponsor: Dr Ada Senior" in page.content()
