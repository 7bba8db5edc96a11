"""The network page in headless Chromium, with axe-core and the layout check on every page: an evaluator
reads a quarter's figures and picture, sees the brokers, and asks for a recompute; the ICS Executive reads
the same quarter with counts only."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from evaluation.network import services, tasks
from governance.investment.quarters import quarter_of
from tests.conftest import make_person
from tests.evaluation.network.helpers import running_cohort
from tests.factories.directory import LeaderProfileFactory
from tests.factories.programmes import ApplicationFactory, CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_evaluator_reads_the_network_and_the_executive_sees_counts(visit, client, monkeypatch):
    monkeypatch.setattr(tasks.compute_snapshot, "delay", lambda *args: None)
    cohort, profiles = running_cohort(8, name="Grace Hopper")
    other = CohortFactory(starts_on=cohort.starts_on, ends_on=cohort.ends_on)
    for _ in range(6):
        ApplicationFactory(cohort=other, applicant=LeaderProfileFactory().user, state="accepted")
    ApplicationFactory(cohort=other, applicant=profiles[0].user, state="accepted")
    quarter = quarter_of(timezone.localdate())
    services.compute_snapshot(quarter.previous())
    services.compute_snapshot(quarter)
    page = visit.page

    visit.sign_in_as(client, make_person("evaluator"))
    visit.go("/evaluation/network/")
    assert page.get_by_role("heading", level=1).inner_text() == "The Academy's network"
    visit.check("index")
    page.get_by_role("link", name=quarter.label).click()
    expect(page.get_by_role("img", name=f"The network in {quarter.label}")).to_be_visible()
    expect(page.get_by_role("heading", name="Top brokers")).to_be_visible()
    assert "Grace Hopper" in page.locator("table").last.inner_text()
    expect(page.locator("main")).to_contain_text("Communities are found by the greedy modularity method")
    visit.check("quarter-evaluator")
    page.get_by_role("button", name="Compute this quarter again").click()
    expect(page.get_by_text("will be computed again in the background")).to_be_visible()
    visit.check("recompute-asked")

    visit.sign_in_as(client, make_person("executive"))
    visit.go(f"/evaluation/network/{quarter.key}/")
    expect(page.get_by_role("img", name=f"The network in {quarter.label}")).to_be_visible()
    assert "Grace Hopper" not in page.content()
    assert page.get_by_role("button", name="Compute this quarter again").count() == 0
    visit.check("quarter-executive")
