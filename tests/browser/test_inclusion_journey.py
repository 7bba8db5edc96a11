"""The inclusion measures in headless Chromium, with axe-core on every page: an evaluator downloads the
benchmark template, uploads a file with a mistake (refused, nothing saved), then a good one, and reads the
inclusion page against it; a programme admin reads their own programme; the ICS Executive the headline."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from evaluation.inclusion.models import Benchmark
from programmes.core.models import Programme
from tests.browser.titles import expect_title_starting
from tests.conftest import make_person
from tests.evaluation.inclusion.data import applications
from tests.factories.programmes import CohortFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BAD = b"dimension,date,group,share,people\nethnicity,2026-03-31,White,50,\nethnicity,2026-03-31,Martian,50,\n"
GOOD = (b"dimension,date,group,share,people\n"
        b"ethnicity,2026-03-31,White,48,\nethnicity,2026-03-31,Mixed,4,\n"
        b"ethnicity,2026-03-31,Asian or Asian British,17,\nethnicity,2026-03-31,Black or Black British,24,\n"
        b"ethnicity,2026-03-31,Other ethnic group,7,\n")


def test_an_evaluator_uploads_a_benchmark_and_reads_the_inclusion_page(visit, client, tmp_path):
    page = visit.page
    cohort = CohortFactory(programme=Programme.objects.get(slug="curriculum"))
    applications(10, "applied", cohort=cohort)
    applications(10, "offered", cohort=cohort)
    applications(15, "applied", cohort=cohort, ethnicity="black_african")
    applications(5, "offered", cohort=cohort, ethnicity="black_caribbean", sex="male")

    visit.sign_in_as(client, make_person("evaluator"))
    visit.go("/evaluation/inclusion/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Inclusion measures")
    visit.check("inclusion")
    page.get_by_role("link", name="Workforce benchmarks").click()
    visit.check("benchmarks")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the template (CSV)").click()
    assert "Black or Black British" in download.value.path().read_text(encoding="utf-8-sig")

    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_bytes(BAD)
    good.write_bytes(GOOD)
    page.get_by_label("Benchmark file (CSV)").set_input_files(str(bad))
    page.get_by_label("Where the figures come from").fill("SEL workforce, March 2026 (illustrative)")
    page.get_by_role("button", name="Upload benchmarks").click()
    expect_title_starting(page, "Error: ")
    expect(page.get_by_text("Row 3: the group “Martian” is not one of").first).to_be_visible()
    assert not Benchmark.objects.exists()
    visit.check("benchmarks-errors")
    page.get_by_label("Benchmark file (CSV)").set_input_files(str(good))
    page.get_by_label("Where the figures come from").fill("SEL workforce, March 2026 (illustrative)")
    page.get_by_role("button", name="Upload benchmarks").click()
    expect(page.get_by_text("1 benchmark saved.")).to_be_visible()
    visit.check("benchmarks-saved")

    page.get_by_role("link", name="Inclusion measures").first.click()
    tables = page.locator("table").first.inner_text()
    assert "48%" in tables and "2.00" in tables and "outside the usual range" in tables
    page.get_by_label("Programme").select_option(label="Systems leadership development curriculum")
    page.get_by_role("button", name="Show").click()
    assert "programme=curriculum" in page.url
    visit.check("inclusion-curriculum")

    # A programme admin reads their own programme; the ICS Executive the headline figures.
    visit.sign_in_as(client, make_person("programme_admin"))
    visit.go("/evaluation/inclusion/")
    assert "Systems leadership development curriculum" in page.get_by_role("heading", level=1).inner_text()
    assert "C&CPLG members" not in page.content()
    visit.sign_in_as(client, make_person("executive"))
    visit.go("/evaluation/inclusion/headline/")
    assert "2.00" in page.locator("table").first.inner_text()
    visit.check("headline")
