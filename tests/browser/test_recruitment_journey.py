"""Recruitment to a vacant leadership role in headless Chromium, with axe-core on every page:
the secretariat publishes, a leader applies, the secretariat scores, shortlists and appoints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from governance.models import (
    ApplicationState,
    LeadershipRole,
    Vacancy,
    VacancyApplication,
)
from tests.browser.dates import fill_date
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import EqualityMonitoringFactory, LeaderProfileFactory
from tests.factories.governance import leadership_role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def test_publish_apply_shortlist_and_appoint(visit, client):
    page = visit.page
    role = leadership_role(function=2)
    secretariat = make_person("governance")
    applicant = LeaderProfileFactory().user
    EqualityMonitoringFactory(user=applicant)

    # The secretariat publishes the vacant role.
    visit.sign_in_as(client, secretariat)
    visit.go("/governance/")
    page.get_by_role("link", name="Recruitment to leadership roles").click()
    visit.check("recruitment")
    page.get_by_role("link", name="Publish a vacancy").click()
    visit.check("publish")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("publish-errors")
    page.get_by_label("Vacant role").select_option(label=role.title)
    page.get_by_label("About the role").fill("Leads frailty across south east London.")
    page.get_by_label("Essential criteria").fill("A registered clinician\nSystem leadership experience")
    page.get_by_label("How to apply").fill("Write a supporting statement.")
    fill_date(page, "Closing date", timezone.localdate() + timedelta(days=14))
    submit(page)
    vacancy = Vacancy.objects.get()
    expect(page.get_by_text("No one has applied yet.")).to_be_visible()
    visit.check("applicants-empty")

    # A leader finds it and applies.
    visit.sign_in_as(client, applicant)
    visit.go("/")
    page.locator("header").get_by_role("link", name="Vacancies").click()
    visit.check("vacancies")
    page.get_by_role("link", name=role.title).click()
    expect(page.get_by_text("£40,000 a year for this role")).to_be_visible()
    visit.check("vacancy")
    page.get_by_role("link", name="Apply for this role").click()
    visit.check("apply")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("apply-errors")
    page.get_by_label("Your supporting statement").fill("I have led the frailty network for three years.")
    submit(page)
    application = VacancyApplication.objects.get()
    expect(page.get_by_text("Applied", exact=True).first).to_be_visible()
    visit.check("my-application")

    # The secretariat scores, shortlists and appoints.
    visit.sign_in_as(client, secretariat)
    visit.go(f"/governance/recruitment/{vacancy.pk}/")
    visit.check("applicants")
    page.get_by_role("link", name=str(applicant)).click()
    visit.check("review")
    first, second = vacancy.criteria.order_by("position")
    page.locator(f"#id_scores-score_{first.pk}_2").check()
    page.locator(f"#id_scores-reason_{first.pk}").fill("Registered nurse")
    page.locator(f"#id_scores-score_{second.pk}_3").check()
    page.locator(f"#id_scores-reason_{second.pk}").fill("Leads a network across six boroughs")
    page.get_by_role("button", name="Save the scores").click()
    assert application.scores.count() == 2
    page.get_by_label("Shortlist", exact=True).check()
    page.get_by_role("button", name="Record the decision").click()
    expect_title_starting(page, "Error: ")
    visit.check("decision-errors")
    page.get_by_label("Shortlist", exact=True).check()
    page.get_by_label("Reason", exact=True).fill("Meets both essential criteria")
    page.get_by_role("button", name="Record the decision").click()
    application.refresh_from_db()
    assert application.state == ApplicationState.SHORTLISTED
    visit.check("shortlisted")
    page.get_by_label("Appoint", exact=True).check()
    page.get_by_label("Reason", exact=True).fill("Highest scores against the person specification")
    page.get_by_role("button", name="Record the decision").click()
    role = LeadershipRole.objects.get(pk=role.pk)
    assert role.holder_id == applicant.pk
    visit.check("appointed")
    visit.go(f"/governance/recruitment/pipeline/?vacancy={vacancy.pk}")
    expect(page.get_by_text("fewer than 5").first).to_be_visible()
    visit.check("pipeline")
