"""The allocation model against reality in headless Chromium, with axe-core on every page: the secretariat
changes the model and sees the gap move; the ICS Executive finds it from the dashboard."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from academy.directory.models import Borough, PriorityFunction, SpatialLevel
from governance.models import ExpectedRole, FundingSource, RoleType
from governance.roles import services as roles_services
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit(page) -> None:
    page.locator("main button[type=submit]").last.click()


def _a_running_role() -> None:
    rate, _ = RoleType.objects.get_or_create(
        name="Nursing, midwifery or AHP system lead", defaults={"annual_rate_per_wte": Decimal("95000")}
    )
    roles_services.save_role(
        None,
        None,
        {
            "title": "Workforce resilience lead, Bexley Local Care Partnership",
            "function": PriorityFunction.objects.get(number=4),
            "spatial_level": SpatialLevel.LCP,
            "borough": Borough.objects.get(name="Bexley"),
            "role_type": rate,
            "pay_basis": "sessional",
            "wte": Decimal("0.2"),
            "funding_source": FundingSource.LCP,
            "start_date": timezone.localdate() - timedelta(days=60),
            "holder": LeaderProfileFactory().user,
        },
    )


def test_secretariat_edits_the_model_and_sees_the_gap(visit, client):
    page = visit.page
    _a_running_role()
    cell = ExpectedRole.objects.get(function__number=4, spatial_level="lcp", borough__name="Bexley")
    visit.sign_in_as(client, make_person("governance"))
    visit.go("/governance/allocation/")
    visit.check("allocation-gap")
    expect(page.get_by_text("Filled").first).to_be_visible()
    page.get_by_role("link", name="Change the allocation model").click()
    visit.check("allocation-model")
    page.locator(f"a[href='/governance/allocation/model/{cell.pk}/']").click()
    visit.check("allocation-edit")
    page.get_by_label("Expected WTE").fill("2")
    submit(page)
    expect_title_starting(page, "Error: ")
    visit.check("allocation-edit-errors")
    page.get_by_label("Expected WTE").fill("0.4")
    submit(page)
    cell.refresh_from_db()
    assert cell.expected_wte == Decimal("0.4")
    visit.go("/governance/allocation/?status=unfunded&function=" + str(cell.function_id))
    row = page.locator("tr", has_text="Bexley Local Care Partnership")
    expect(row.get_by_text("Unfunded")).to_be_visible()
    expect(row.get_by_text("0.20").first).to_be_visible()
    visit.check("allocation-gap-unfunded")
    visit.go("/governance/allocation/model/add/")
    page.get_by_label("Title of the role").fill("Digital clinical lead")
    page.get_by_label("Priority function").select_option(label=PriorityFunction.objects.get(number=7).name)
    page.get_by_role("radio", name="Local Care Partnership").check()
    page.get_by_label("Borough (Local Care Partnership)").select_option(label="Lambeth")
    page.get_by_label("Expected WTE").fill("0.2")
    submit(page)
    assert ExpectedRole.objects.filter(title="Digital clinical lead", borough__name="Lambeth").exists()
    visit.go("/governance/allocation/")
    expect(page.locator("#lcps")).to_be_visible()
    expect(page.get_by_text("Lambeth Local Care Partnership").first).to_be_visible()
    visit.go("/governance/allocation/model/history/")
    expect(page.get_by_text("Digital clinical lead").first).to_be_visible()
    visit.check("allocation-history")
    visit.go(f"/governance/allocation/model/{cell.pk}/retire/")
    visit.check("allocation-retire")
    submit(page)
    cell.refresh_from_db()
    assert cell.retired_on == timezone.localdate()
    visit.go("/governance/allocation/programmes/add/")
    page.get_by_label("Name of the care pathway programme").fill("Frailty")
    submit(page)
    assert ExpectedRole.objects.filter(programme__name="Frailty").count() > 1
    visit.check("allocation-model-after-programme")


def test_executive_finds_the_gap_from_the_dashboard(visit, client):
    page = visit.page
    _a_running_role()
    visit.sign_in_as(client, make_person("executive"))
    visit.go("/governance/investment/")
    expect(page.locator("#allocation")).to_be_visible()
    page.get_by_role("link", name="See the gap for every expected role").click()
    assert page.locator("h1").inner_text() == "The allocation model against reality"
    visit.check("allocation-gap-executive")
