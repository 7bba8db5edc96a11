"""Evaluation questionnaires in headless Chromium, with axe-core and the layout check on every page: an
evaluator builds a questionnaire and schedules it for a cohort, a leader answers it, a line manager answers
through their link, and the evaluator reads the results."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy import workflow
from evaluation.surveys import links, services
from evaluation.surveys.models import Audience, Instrument, Wave, WaveKind
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import cohort_with_participants

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_build_schedule_answer_and_read_results(visit, client):
    page = visit.page
    cohort, apps = cohort_with_participants(2)
    evaluator = make_person("evaluator")

    # The evaluator builds a questionnaire.
    visit.sign_in_as(client, evaluator)
    visit.go("/evaluation/surveys/instruments/")
    visit.check("instruments")
    page.get_by_role("link", name="Create a questionnaire").click()
    page.get_by_role("button", name="Create questionnaire").click()
    expect_title_starting(page, "Error: ")
    visit.check("instrument-errors")
    page.get_by_label("Name").fill("Leading across boundaries")
    page.get_by_label("What it measures and when it is used").fill("Before and after the core programme.")
    page.get_by_role("button", name="Create questionnaire").click()
    page.get_by_label("Agreement on a 5-point scale").check()
    page.get_by_label("Question", exact=True).fill("I feel I belong to the ICS leadership community.")
    page.get_by_label("What it measures").fill("Belonging and commitment to the ICS")
    page.get_by_role("button", name="Add question").click()
    page.get_by_label("Free text").check()
    page.get_by_label("Question", exact=True).fill("What have you done differently?")
    page.get_by_role("button", name="Add question").click()
    expect(page.get_by_text("The question is added.")).to_be_visible()
    visit.check("draft-version")
    page.get_by_role("link", name="Publish this version").click()
    visit.check("publish")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("The version is live.")).to_be_visible()
    visit.check("live-version")

    # ...and schedules it for the cohort.
    visit.go("/evaluation/surveys/schedule/new/")
    visit.check("schedule-form")
    page.get_by_label("Cohort").select_option(label=f"{cohort.programme.name}: {cohort.title}")
    page.get_by_label("Level 2: capability and confidence before").check()
    page.get_by_label("Participants").check()
    page.get_by_label("Questionnaire").select_option(label="Leading across boundaries, version 1")
    today = timezone.localdate()
    for name, day in (("opens_on", today), ("closes_on", today + timezone.timedelta(days=14))):
        page.locator(f"input[name='{name}_0']").fill(str(day.day))
        page.locator(f"input[name='{name}_1']").fill(str(day.month))
        page.locator(f"input[name='{name}_2']").fill(str(day.year))
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_text("The questionnaire is scheduled.")).to_be_visible()
    visit.check("schedule")
    version = Instrument.objects.get(name="Leading across boundaries").versions.get()
    services.schedule_wave(
        workflow.SYSTEM, cohort=cohort, kind=WaveKind.BEHAVIOUR, audience=Audience.LINE_MANAGERS, version=version,
        opens_on=today, closes_on=today + timezone.timedelta(days=14),
    )
    services.send_invitations_and_reminders()  # what Celery beat does

    # A leader answers.
    leader = apps[0].applicant
    visit.sign_in_as(client, leader)
    visit.go("/evaluation/surveys/")
    visit.check("mine")
    page.get_by_role("link", name=f"{WaveKind.BEFORE.label}: {cohort.title}").click()
    page.get_by_role("button", name="Send answers").click()
    expect_title_starting(page, "Error: ")
    visit.check("respond-errors")
    page.get_by_label("Agree", exact=True).check()
    page.get_by_label("What have you done differently?").fill("I chair a cross-borough group.")
    page.get_by_label("You may quote what I wrote").check()
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_text("Thank you: your answers are saved.")).to_be_visible()
    expect(page.get_by_text("I chair a cross-borough group.")).to_be_visible()
    visit.check("answered")

    # A line manager answers through the link in their email, with no account.
    page.context.clear_cookies()
    invitation = Wave.objects.get(cohort=cohort, kind=WaveKind.BEHAVIOUR).invitations.get(leader=leader)
    visit.go(links.line_manager_path(invitation))
    visit.check("line-manager")
    page.get_by_label("Strongly agree").check()
    page.get_by_role("button", name="Send answers").click()
    expect(page.get_by_text("Thank you: these answers have been sent.")).to_be_visible()

    # The evaluator reads the results: aggregate, small numbers hidden.
    visit.sign_in_as(client, evaluator)
    visit.go("/evaluation/surveys/results/")
    visit.check("results-index")
    page.get_by_role("link", name=cohort.title).click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Results: {cohort.title}"
    assert "I chair a cross-borough group." not in page.content()  # fewer than 5 answered: no quotes
    assert page.get_by_text("fewer than 5").first.is_visible() or page.get_by_text("not shown").first.is_visible()
    visit.check("cohort-results")
