"""Questionnaires for a conference edition in headless Chromium, with axe-core and the layout check on every
page (1280 and 320 px): an evaluator finds an edition among what can be scheduled, schedules its standard
Kirkpatrick waves in one step and sees them in the schedule; then reads a held edition's results (response
rate, each question's aggregate)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy import workflow
from evaluation.surveys import services, subjects
from evaluation.surveys.models import Audience, Wave, WaveKind
from tests.conftest import make_person
from tests.evaluation.surveys.helpers import answers_for, live_version
from tests.evaluation.surveys.subject_helpers import edition_with_people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_evaluator_schedules_an_editions_waves_and_reads_its_results(visit, client):
    page = visit.page
    main = page.locator("main")
    coming, _people = edition_with_people(2, days_to_start=20)
    held, people = edition_with_people(5)
    version = live_version(name="Edition day reaction")
    today = timezone.localdate()
    wave = services.schedule_wave(
        workflow.SYSTEM, subject=subjects.for_scheduling(None, "edition", held.pk), kind=WaveKind.REACTION,
        audience=Audience.PARTICIPANTS, version=version, opens_on=today, closes_on=today + dt.timedelta(days=7),
    )
    services.send_invitations_and_reminders()
    for person in people:
        services.submit_response(person, wave.invitations.get(leader=person), answers_for(version))
    visit.sign_in_as(client, make_person("evaluator"))

    visit.go("/evaluation/surveys/schedule/standard/")
    expect(main.get_by_role("heading", name="Schedule the standard waves")).to_be_visible()
    visit.check("standard-subjects")
    main.get_by_role("link", name=coming.name, exact=True).click()
    expect(main.get_by_role("heading", name=f"Standard schedule: {coming.name}")).to_be_visible()
    expect(main).to_contain_text("Conference edition, Innovation in SEL System Leadership conference")
    visit.check("edition-standard-schedule")
    main.get_by_role("button", name="Schedule these questionnaires").click()
    expect(page.get_by_text(f"6 questionnaires are scheduled for {coming.name}")).to_be_visible()
    assert Wave.objects.filter(edition_id=coming.pk).count() == 6
    expect(main.get_by_role("link", name=coming.name, exact=True).first).to_be_visible()
    visit.check("schedule-with-edition")

    visit.go(f"/evaluation/surveys/results/editions/{held.pk}/")
    expect(main.get_by_role("heading", name=f"Results: {held.name}")).to_be_visible()
    expect(main).to_contain_text("100%")
    visit.check("edition-results")
