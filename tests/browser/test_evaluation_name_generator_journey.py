"""The quarterly name-generator survey and the evaluation's page on behaviour at three months, in headless
Chromium with axe-core and the layout check on every page (1280 and 320 px): a leader searches the
directory, names two people, makes a mistake and sees the error summary, and changes their answer; an
evaluator reads the shadowing follow-up's usable answers and coaching's counts."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from evaluation.network.models import NameGeneratorName
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.evaluation.overview.helpers import follow_up
from tests.factories import coaching
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_answers_the_name_generator_survey(visit, client):
    me = LeaderProfileFactory(user__first_name="Rita", user__last_name="Respondent").user
    named = [LeaderProfileFactory(user__first_name=first, user__last_name="Okonkwo",
                                  job_title="Consultant community pharmacist").user
             for first in ("Adaeze", "Chidi", "Ngozi")]
    page = visit.page
    visit.sign_in_as(client, me)
    visit.go(reverse("programmes:my_academy"))
    page.get_by_role("link", name="Who did you work with across boundaries this quarter?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who did you work with across boundaries this quarter?")
    visit.check("survey-empty")

    page.get_by_label("Find someone by name").fill("Okonkwo")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_label("Adaeze Okonkwo")).to_be_visible()
    visit.check("survey-search")
    page.get_by_label("Adaeze Okonkwo").check()
    page.get_by_label("Ngozi Okonkwo").check()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_text("naming 2 people has been saved")).to_be_visible()
    expect(page.get_by_label("Adaeze Okonkwo")).to_be_checked()
    visit.check("survey-saved")
    assert set(NameGeneratorName.objects.values_list("person_id", flat=True)) == {named[0].pk, named[2].pk}

    # Untick everyone: refused with the error summary, nothing changed.
    page.get_by_label("Adaeze Okonkwo").uncheck()
    page.get_by_label("Ngozi Okonkwo").uncheck()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    expect_title_starting(page, "Error: ")
    visit.check("survey-error")
    assert NameGeneratorName.objects.count() == 2

    page.get_by_label("Ngozi Okonkwo").check()
    page.get_by_role("button", name="Save your answer").click()
    expect(page.get_by_text("naming 1 person has been saved")).to_be_visible()
    assert list(NameGeneratorName.objects.values_list("person_id", flat=True)) == [named[2].pk]


def test_an_evaluator_reads_behaviour_at_three_months_and_coaching(visit, client):
    for number in range(6):
        follow_up(answer=f"I now call the ward before every discharge meeting ({number}).", may_use=True)
    follow_up(answer="Not for the evaluation", may_use=False)
    follow_up()
    for _ in range(6):
        coaching.request()
    page = visit.page
    visit.sign_in_as(client, make_person("evaluator"))
    visit.go("/evaluation/")
    page.get_by_role("link", name="Behaviour at three months and coaching").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Behaviour at three months and coaching")
    expect(page.get_by_role("heading", name="Behaviour at three months: shadowing")).to_be_visible()
    expect(page.get_by_text("I now call the ward before every discharge meeting (5).")).to_be_visible()
    assert "Not for the evaluation" not in page.content()
    expect(page.get_by_role("heading", name="Coaching", exact=True)).to_be_visible()
    visit.check("behaviour-and-coaching")
