"""The standard schedule in headless Chromium, with axe-core and the layout check on every page (1280 and
320 px): an evaluator picks a cohort, posts a forged questionnaire choice (refused, nothing saved), then
schedules the standard Kirkpatrick waves in one step, sees them in the schedule and downloads a wave's
results."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from evaluation.surveys.models import Wave, WaveKind
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import cohort_with_participants

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_evaluator_schedules_the_standard_waves_for_a_cohort(visit, client):
    page = visit.page
    cohort, _apps = cohort_with_participants(2)
    visit.sign_in_as(client, make_person("evaluator"))

    visit.go("/evaluation/surveys/schedule/")
    visit.check("schedule-before")
    page.get_by_role("link", name="Schedule the standard waves for a cohort").click()
    expect(page.get_by_role("heading", name="Schedule the standard waves")).to_be_visible()
    visit.check("standard-cohorts")
    page.get_by_role("link", name=cohort.title).click()
    expect(page.get_by_role("heading", name=f"Standard schedule: {cohort.title}")).to_be_visible()
    visit.check("standard-schedule")

    # A tampered choice (every select has a live default, so only a forged post can be wrong)
    forge = "el => { el.options[0].value = '999999'; el.selectedIndex = 0; }"
    page.eval_on_selector("#id_reaction_participants", forge)
    page.get_by_role("button", name="Schedule these questionnaires").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect_title_starting(page, "Error: ")
    assert not Wave.objects.exists()
    visit.check("standard-schedule-errors")

    page.get_by_label(WaveKind.REACTION.label, exact=False).select_option(label="Academy session reaction, version 1")
    page.get_by_role("button", name="Schedule these questionnaires").click()
    expect(page.get_by_text(f"6 questionnaires are scheduled for {cohort.title}")).to_be_visible()
    assert Wave.objects.filter(cohort_id=cohort.pk).count() == 6
    visit.check("schedule-after")
    visit.go(f"/evaluation/surveys/schedule/cohorts/{cohort.pk}/standard/")
    expect(page.get_by_text("There is nothing left to schedule")).to_be_visible()
    visit.check("standard-schedule-done")

    # The results page offers each wave's aggregate results to download.
    visit.go(f"/evaluation/surveys/results/cohorts/{cohort.pk}/")
    expect(page.get_by_role("heading", name=f"Results: {cohort.title}")).to_be_visible()
    visit.check("results")
    with page.expect_download() as download:
        before = Wave.objects.get(cohort_id=cohort.pk, kind=WaveKind.BEFORE)
        page.locator(f"a[href='/evaluation/surveys/results/waves/{before.pk}/export/?format=csv']").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith('"Cohort, edition, placement or event",Questionnaire,Level') and len(lines) > 1
