"""The scorecard: RAG and trend, the evaluator's values (permission, bad input, quarters not begun), the
computed indicators (leaders developed, network density), the page for each reader within a query budget,
and hostile sources shown escaped."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from academy.directory.demo import DEMO_DOMAIN, SeedContext
from academy.reports import services as report_services
from academy.reports.models import JobStatus, ReportJob
from academy.ui.home import home_panels
from evaluation.network.models import NetworkSnapshot
from evaluation.scorecard import selectors, services
from evaluation.scorecard.demo import VALUES, build_scorecard_values
from evaluation.scorecard.indicators import AMBER, GREEN, NO_VALUE, RED, rag
from evaluation.scorecard.models import IndicatorValue
from evaluation.scorecard.reports import EVALUATION_REPORT, TEMPLATE, report_context
from governance.investment.quarters import quarter_of
from tests.conftest import make_person

pytestmark = pytest.mark.django_db

HOSTILE = '<script>alert(1)</script> =HYPERLINK("x")'


@pytest.mark.parametrize(("value", "expected"), [
    (None, NO_VALUE), (Decimal(75), GREEN), (Decimal(80), GREEN), (Decimal("67.5"), AMBER),
    (Decimal("67.4"), RED), (Decimal(0), RED),
])
def test_rag_against_a_target_of_75(value, expected):
    assert rag(value, Decimal(75)) == expected


def this_quarter():
    return quarter_of(timezone.localdate())


def test_an_evaluator_records_and_corrects_a_value():
    evaluator = make_person("evaluator")
    quarter = this_quarter()
    services.record_value(evaluator, "belonging", quarter, Decimal(60), "Leaders' survey")
    services.record_value(evaluator, "belonging", quarter, Decimal(64), " Leaders' survey, wave 2 ")
    row = IndicatorValue.objects.get()
    assert (row.value, row.source, row.recorded_by) == (Decimal(64), "Leaders' survey, wave 2", evaluator)


@pytest.mark.parametrize("role", ["executive", "programme_admin", "leader"])
def test_only_evaluators_record(role):
    with pytest.raises(PermissionDenied):
        services.record_value(make_person(role), "belonging", this_quarter(), Decimal(60), "Survey")
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(("key", "value", "source", "field"), [
    ("leaders_developed", Decimal(3), "Counted", "indicator"),  # computed, never entered
    ("nonsense", Decimal(3), "Counted", "indicator"),
    ("belonging", Decimal(-1), "Survey", "value"),
    ("belonging", Decimal(101), "Survey", "value"),
    ("belonging", Decimal(50), "   ", "source"),
])
def test_bad_values_are_refused_with_a_message(key, value, source, field):
    with pytest.raises(ValidationError) as error:
        services.record_value(make_person("evaluator"), key, this_quarter(), value, source)
    assert field in error.value.message_dict
    assert not IndicatorValue.objects.exists()


def test_no_value_for_a_quarter_not_yet_begun():
    with pytest.raises(ValidationError) as error:
        services.record_value(make_person("evaluator"), "belonging", this_quarter().next(), Decimal(50), "Survey")
    assert "has not begun" in error.value.message_dict["quarter"][0]


def test_the_scorecard_reads_entered_and_computed_values_with_trend():
    evaluator = make_person("evaluator")
    today = timezone.localdate()
    quarters = services.recordable_quarters(today, 2)[::-1]
    services.record_value(evaluator, "belonging", quarters[0], Decimal(50), "Survey")
    services.record_value(evaluator, "belonging", quarters[1], Decimal(72), "Survey")
    NetworkSnapshot.objects.create(year=quarters[1].year, quarter=quarters[1].number, figures={"density": 0.06},
                                   computed_at=timezone.now())
    rows = {row.indicator.key: row for row in selectors.scorecard(quarters, today)}
    assert [c.value for c in rows["belonging"].cells] == [Decimal(50), Decimal(72)]
    assert rows["belonging"].trend == "up"
    assert rows["belonging"].rag == GREEN
    assert [c.value for c in rows["network_density"].cells] == [None, Decimal("0.06")]
    assert rows["network_density"].rag == GREEN
    assert rows["leaders_developed"].cells[-1].value == 0
    assert rows["leaders_developed"].rag == RED
    assert rows["confidence"].rag == NO_VALUE


@pytest.mark.parametrize("role", ["evaluator", "executive", "superuser"])
def test_the_page_for_each_reader_within_a_query_budget(client, role, django_assert_max_num_queries):
    evaluator = make_person("evaluator")
    for quarter in services.recordable_quarters(timezone.localdate(), 4):
        services.record_value(evaluator, "confidence", quarter, Decimal(70), f"Survey {HOSTILE}")
    client.force_login(make_person(role))
    # The signed-in page's own (session, user, roles, notifications count and the layout's), then the
    # entered values, the snapshots, the innovations adopted from the contribution log (one for all quarters),
    # the leaders developed by the end of each of the four quarters, the spend (three) and the leaders
    # developed for the cost per leader: the same however many values.
    with django_assert_max_num_queries(21):
        response = client.get(reverse("evaluation_scorecard:index"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Close to target" in body
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert ("Record a value" in body) == (role != "executive")


def test_the_form_shows_errors_and_saves_nothing(client):
    client.force_login(make_person("evaluator"))
    response = client.post(reverse("evaluation_scorecard:record"), {
        "indicator": "belonging", "quarter": this_quarter().key, "value": "lots", "source": HOSTILE,
    })
    body = response.content.decode()
    assert response.status_code == 400
    assert "Enter the value as a number" in body
    assert "<script>alert(1)" not in body
    assert not IndicatorValue.objects.exists()


def test_the_form_records_a_value(client):
    client.force_login(make_person("evaluator"))
    response = client.post(reverse("evaluation_scorecard:record"), {
        "indicator": "belonging", "quarter": this_quarter().key, "value": "66.5", "source": "Leaders' survey",
    })
    assert response.status_code == 302
    assert IndicatorValue.objects.get().value == Decimal("66.5")


def test_the_form_offers_no_future_quarter(client):
    client.force_login(make_person("evaluator"))
    future = quarter_of(timezone.localdate() + timedelta(days=120))
    response = client.post(reverse("evaluation_scorecard:record"), {
        "indicator": "belonging", "quarter": future.key, "value": "50", "source": "Survey",
    })
    assert response.status_code == 400
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize(("role", "shown"), [("executive", True), ("evaluator", True), ("leader", False),
                                             ("programme_admin", False)])
def test_the_home_page_links_readers_to_the_scorecard(role, shown):
    panels = home_panels(make_person(role))
    links = [item.url for panel in panels for item in panel.items]
    assert (reverse("evaluation_scorecard:index") in links) == shown


def test_the_demo_records_a_year_of_values_again_in_place():
    make_person("evaluator", email=f"evaluator@{DEMO_DOMAIN}")
    context = SeedContext(password="unused-demo-password")
    build_scorecard_values(context)
    build_scorecard_values(context)
    assert IndicatorValue.objects.count() == len(VALUES) * 4
    assert context.counts["scorecard values"] == len(VALUES) * 4


def test_the_report_is_made_in_the_background_and_its_owner_downloads_the_pdf(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    evaluator = make_person("evaluator")
    quarter = this_quarter()
    services.record_value(evaluator, "belonging", quarter, Decimal(72), f"Survey {HOSTILE}")
    client.force_login(evaluator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("evaluation_scorecard:report"), {"quarter": quarter.key})
    job = ReportJob.objects.get()
    assert response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.kind, job.params, queued) == (EVALUATION_REPORT, {"quarter": quarter.key}, [job.pk])
    report_services.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.percent, job.filename) == (JobStatus.DONE, 100, "evaluation-report.pdf")
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_report_shows_the_scorecard_and_sources_escaped():
    evaluator = make_person("evaluator")
    quarter = this_quarter()
    services.record_value(evaluator, "belonging", quarter, Decimal(72), f"Survey {HOSTILE}")
    html = render_to_string(TEMPLATE, report_context(quarter, timezone.localdate()))
    assert "72%" in html and "On target" in html
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "has not been computed yet" in html


def test_a_future_quarter_is_never_asked_for(client, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)
    client.force_login(make_person("executive"))
    client.post(reverse("evaluation_scorecard:report"), {"quarter": this_quarter().next().key})
    assert ReportJob.objects.get().params == {"quarter": this_quarter().key}
