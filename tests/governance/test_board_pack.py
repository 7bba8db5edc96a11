"""The board pack (PDF): its content (with the profession table suppressed), the button that starts it
for the quarter shown, the job run through services.run, and the download for its owner only."""

from __future__ import annotations

from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import Profession, SpatialLevel
from academy.reports import services as report_services
from academy.reports.models import JobStatus, ReportJob
from governance.investment.quarters import Quarter, past_quarters, quarter_from_key, quarter_of
from governance.investment.reports import BOARD_PACK, TEMPLATE, board_pack_context
from governance.models import RoleType
from tests.conftest import make_person
from tests.factories.directory import LeaderProfileFactory
from tests.governance.test_dashboard import make

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles():
    """Three care pathway roles held by nurses (0.4 WTE each at £100,000 a WTE) and one vacant workforce
    role (0.2): 4 roles, 1.4 WTE, £140,000; care pathway £120,000 = 85.7%."""
    from decimal import Decimal

    rate = RoleType.objects.create(name="Flat rate", annual_rate_per_wte=Decimal("100000"))
    nurse = Profession.objects.get(name="Nursing")
    start = date(2025, 1, 1)
    for n in range(3):
        make(rate, f"Nurse lead {n}", 2, SpatialLevel.ICS, "0.4", start=start,
             holder=LeaderProfileFactory(profession=nurse).user)
    make(rate, "Workforce lead", 4, SpatialLevel.ICS, "0.2", start=start)


@pytest.fixture
def no_queue(monkeypatch):
    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    return queued


def test_quarter_from_key():
    assert quarter_from_key("2026-27-q2") == Quarter(2026, 2)
    assert Quarter(2026, 2).key == "2026-27-q2" and Quarter(1999, 4).key == "1999-00-q4"
    assert quarter_from_key("1999-00-q4") == Quarter(1999, 4)
    for bad in ("", "2026-27-q5", "2026-28-q1", "2026-q2", "x"):
        assert quarter_from_key(bad) is None


def test_the_board_pack_shows_the_summary_tables_and_intended_shares_with_small_numbers_suppressed(roles):
    html = render_to_string(TEMPLATE, board_pack_context(None))
    assert "1 of 4 roles" in html and "£140,000" in html
    # The headline figures first, each with its target and its rating in colour and in words.
    headlines = html.split("Headline figures</h2>", 1)[1].split("</table>", 1)[0]
    pathway = headlines.split("To care pathway transformation</th>", 1)[1].split("</tr>", 1)[0]
    assert "85.7%" in pathway and "Intended: over 50%" in pathway
    assert '<span class="rag rag-green">Green</span>' in pathway
    networks = headlines.split("To clinical networks</th>", 1)[1].split("</tr>", 1)[0]
    assert "0.0%" in networks and "Intended: almost 25%" in networks
    assert '<span class="rag rag-red">Red</span>' in networks
    assert html.index("Headline figures") < html.index("By priority function")
    assert "Target WTE (annex)" in html and "2. " in html and "Days a week" in html
    # NHS branding: the NHS blue header and the NHS.UK font stack (Frutiger, then Arial) everywhere.
    assert 'class="header"><span class="logo">NHS</span>' in html and "background: #005eb8" in html
    assert html.count('font-family: Frutiger, "Frutiger W01", Arial, Helvetica, sans-serif') == 3
    assert ".rag-green { background: #cce2d8" in html and ".rag-red { background: #f6d7d2" in html
    # Three nurses: fewer than 5, and their WTE and cost are not shown.
    nursing = html.split("<th scope=\"row\">Nursing</th>", 1)[1].split("</tr>", 1)[0]
    # (Every profession row is "not shown": no non-zero one is shown beside them; docs/suppression.md.)
    assert nursing.count("not shown") == 4 and "1.20" not in nursing
    past = render_to_string(TEMPLATE, board_pack_context(Quarter(2026, 2)))
    assert "at the end of 2026/27 Q2 (July to September 2026), as the roles were then" in past
    assert "To clinical networks (intended: almost 25%)" in past


def test_the_button_starts_the_job_for_the_quarter_shown_and_the_owner_downloads_the_pdf(
    client_as, roles, no_queue, django_capture_on_commit_callbacks
):
    client, executive = client_as("executive")
    page = client.get(reverse("governance:dashboard")).content.decode()
    assert "Download the board pack (PDF)" in page and reverse("governance:board_pack") in page
    quarter = past_quarters(timezone.localdate())[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("governance:board_pack"), {"quarter": quarter.key})
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert (job.owner, job.kind, job.params, no_queue) == (executive, BOARD_PACK, {"quarter": quarter.key}, [job.pk])
    assert "Board pack" in client.get(response["Location"]).content.decode()

    report_services.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.percent, job.filename) == (JobStatus.DONE, 100, "board-pack.pdf")
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    for other in ("governance", "superuser", "leader"):
        client.force_login(make_person(other))
        assert client.get(reverse("reports:download", args=[job.pk])).status_code == 403


def test_an_unknown_quarter_makes_todays_pack(client_as, no_queue):
    client, _ = client_as("governance")
    client.post(reverse("governance:board_pack"), {"quarter": "1999-q9"})
    assert ReportJob.objects.get().params == {"quarter": ""}


@pytest.mark.parametrize("role_name", ["leader", "programme_admin", "evaluator"])
def test_people_without_the_dashboard_cannot_start_it(client_as, role_name, no_queue):
    client, _ = client_as(role_name)
    assert client.post(reverse("governance:board_pack"), {"quarter": ""}).status_code == 403
    assert not ReportJob.objects.exists() and no_queue == []


def test_progress_is_reported_while_it_builds(roles, monkeypatch):
    job = ReportJob.objects.create(owner=make_person("executive"), kind=BOARD_PACK, params={"quarter": ""})
    seen = []

    def spy(template, context):
        job.refresh_from_db()
        seen.append((job.status, job.percent, job.message))
        return b"%PDF-fake"

    monkeypatch.setattr("governance.investment.reports.render_pdf", spy)
    report_services.run(job.pk)
    assert seen == [(JobStatus.RUNNING, 60, "Making the PDF")]


# --- The monthly email ----------------------------------------------------------------------------


def test_the_monthly_summary_goes_to_each_executive_once_a_month(roles, mailoutbox):
    from governance import tasks

    first, second = make_person("executive"), make_person("executive")
    make_person("governance")
    assert tasks.send_investment_summaries("2026-11-01") == 2
    assert tasks.send_investment_summaries("2026-11-01") == 0  # beat firing twice: nothing more
    assert tasks.send_investment_summaries("2026-11-15") == 0  # same month
    assert sorted(m.to[0] for m in mailoutbox) == sorted([first.email, second.email])
    message = mailoutbox[0]
    assert message.subject == "Investment in C&CP system leadership: November 2026"
    assert "4 (3 filled, 1 vacant)" in message.body and "£140,000" in message.body
    assert "85.7% of the annual cost (intended: over 50%), met" in message.body
    assert reverse("governance:dashboard") in message.body
    html = message.alternatives[0][0]
    assert reverse("governance:dashboard") in html and "C&amp;CP" in html
    assert tasks.send_investment_summaries("2026-12-01") == 2  # a new month


def test_the_monthly_summary_is_on_the_beat_schedule():
    from academy.celery import app_beat_schedules

    entry = app_beat_schedules()["governance-monthly-investment-summary"]
    assert entry["task"] == "governance.tasks.send_investment_summaries"


def test_the_board_pack_has_the_awards_the_spend_and_the_design_framework_assessment(roles):
    from decimal import Decimal

    from governance.framework import services as framework_services
    from governance.investment import services as investment_services
    from governance.models import FrameworkPoint, Rag
    from programmes.core.models import Programme

    framework_services.assess_framework_point(
        None, FrameworkPoint.objects.get(number=7), rag=Rag.RED, position="No peer review agreed yet.",
        evidence=[], owner=None, review_date=None,
    )
    quarter = quarter_of(timezone.localdate())
    investment_services.record_spend(None, None, {
        "programme": Programme.objects.get(slug="curriculum"), "year": quarter.year,
        "quarter": quarter.number, "amount": Decimal("4321"), "description": "Facilitation",
    })
    html = render_to_string(TEMPLATE, board_pack_context(None))
    assert "Challenge Fund awards by priority function" in html and "All awards, each bid counted once" in html
    assert "The Academy&#x27;s spend by programme" in html and "£4,321" in html
    point = html.split("7. Peer review and buddying with other systems</th>", 1)[1].split("</tr>", 1)[0]
    assert '<span class="rag rag-red">Red</span>' in point and "No peer review agreed yet." in point


def test_a_past_quarters_board_pack_shows_the_framework_assessment_as_it_stood_then(roles):
    from datetime import datetime, time, timedelta

    from governance.framework import services as framework_services
    from governance.models import FrameworkPoint, Rag

    quarter = past_quarters(timezone.localdate())[0]
    point = FrameworkPoint.objects.get(number=7)
    framework_services.assess_framework_point(None, point, rag=Rag.RED, position="No peer review agreed yet.",
                                    evidence=[], owner=None, review_date=None)
    # That rating was recorded in the middle of the last quarter; the rating was raised since.
    during = timezone.make_aware(datetime.combine(quarter.end - timedelta(days=30), time(12)))
    FrameworkPoint.history.filter(number=7).update(history_date=during)
    framework_services.assess_framework_point(None, point, rag=Rag.GREEN, position="Peer review with Kent and Medway.",
                                    evidence=[], owner=None, review_date=None)

    then = render_to_string(TEMPLATE, board_pack_context(quarter))
    row = then.split("7. Peer review and buddying with other systems</th>", 1)[1].split("</tr>", 1)[0]
    assert '<span class="rag rag-red">Red</span>' in row and "No peer review agreed yet." in row
    assert f"As it stood at the end of {quarter.label}." in then
    # Point 1 was assessed only after the quarter: the pack for the quarter shows it not assessed yet.
    framework_services.assess_framework_point(None, FrameworkPoint.objects.get(number=1), rag=Rag.AMBER,
                                    position="Group meets monthly.", evidence=[], owner=None, review_date=None)
    then = render_to_string(TEMPLATE, board_pack_context(quarter))
    framework = then.split("NHSEI Design Framework self-assessment</h2>", 1)[1]
    assert framework.count("<tr><th scope=\"row\">") == 9
    row = framework.split("<th scope=\"row\">1. ", 1)[1].split("</tr>", 1)[0]
    assert ">Not assessed</span>" in row and "Group meets monthly." not in then
    now = render_to_string(TEMPLATE, board_pack_context(None))
    row = now.split("7. Peer review and buddying with other systems</th>", 1)[1].split("</tr>", 1)[0]
    assert '<span class="rag rag-green">Green</span>' in row and "Kent and Medway" in row
    assert "As it stands on the day this pack was made." in now
