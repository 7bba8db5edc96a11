"""The round report: a PDF made in the background by academy.reports for the round's programme admins."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.urls import reverse

from academy.accounts.models import Role
from academy.accounts.services import grant_role
from academy.reports import services as reports
from academy.reports.models import JobStatus, ReportJob
from programmes.challenge_fund import services
from programmes.challenge_fund.models import Outcome
from programmes.challenge_fund.reports import ROUND_REPORT, round_report_context
from programmes.core.models import Programme
from tests.conftest import make_person
from tests.factories.challenge_fund import RoundFactory
from tests.programmes.challenge_fund.test_review import closed_round, in_review, make_reviewer, score_all

pytestmark = pytest.mark.django_db


def decided_round(fund_admin):
    round_ = closed_round(budget=Decimal("100000"))
    strong = in_review(round_, fund_admin, Decimal("30000"))
    weak = in_review(round_, fund_admin, Decimal("25000"))
    score_all(services.assign_reviewer(fund_admin, strong, make_reviewer()), [5, 4])
    score_all(services.assign_reviewer(fund_admin, weak, make_reviewer()), [1, 2])
    services.determine(fund_admin, strong, outcome=Outcome.FUNDED, awarded_amount=Decimal("30000"), feedback="f")
    services.determine(fund_admin, weak, outcome=Outcome.DECLINED, feedback="f")
    return round_, strong, weak


def test_the_report_gives_money_ranking_determinations_and_funded_projects(fund_admin):
    round_, strong, weak = decided_round(fund_admin)
    steps = []
    context = round_report_context(round_, lambda percent, message="": steps.append(percent))
    assert steps == sorted(steps) and len(steps) >= 3
    assert context["money"] == {
        "budget": Decimal("100000"), "requested": Decimal("55000"), "awarded": Decimal("30000"),
        "remaining": Decimal("70000"),
    }
    assert [b.pk for b in context["ranking"]] == [strong.pk, weak.pk]
    assert [p.pk for p in context["funded"]] == [strong.pk]
    html = render_to_string("challenge_fund/round_report_pdf.html", context)
    for text in ("£100,000", "£55,000", "£30,000", "£70,000", strong.title, weak.title, "Funded", "Not funded",
                 strong.lead_organisation.name, "System benefit 3"):
        assert text in html, text
    assert strong.lead.email not in html  # no contact details in the report


def test_a_sealed_open_round_shows_money_but_no_bid(fund_admin):
    round_ = RoundFactory(sealed=True)
    context = round_report_context(round_)
    assert context["hidden"] and context["ranking"] == [] and context["funded"] == []
    assert "This round is sealed" in render_to_string("challenge_fund/round_report_pdf.html", context)


def test_the_job_runs_and_only_its_owner_downloads_it(client, fund_admin, django_capture_on_commit_callbacks,
                                                      monkeypatch):
    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    round_, strong, _weak = decided_round(fund_admin)
    client.force_login(fund_admin)
    page = client.get(reverse("challenge_fund:round_manage", args=[round_.pk])).content.decode()
    assert "Download the round report (PDF)" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("challenge_fund:round_report", args=[round_.pk]))
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job", args=[job.pk])
    assert queued == [job.pk] and job.params == {"round": round_.pk} and job.owner == fund_admin
    assert "Challenge Fund round report" in client.get(response["Location"]).content.decode()

    reports.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.percent) == (JobStatus.DONE, 100)
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")

    another_admin = make_person("programme_admin")

    grant_role(None, another_admin, Role.PROGRAMME_ADMIN, programme=Programme.objects.get(slug="challenge-fund"))
    client.force_login(another_admin)
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 403
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 403


def test_the_permission_is_checked_on_the_round(fund_admin, other_admin):
    round_ = RoundFactory()
    assert reports.can_use_report(fund_admin, ROUND_REPORT, {"round": round_.pk})
    assert not reports.can_use_report(other_admin, ROUND_REPORT, {"round": round_.pk})
    assert not reports.can_use_report(fund_admin, ROUND_REPORT, {"round": round_.pk + 1000})
    assert not reports.can_use_report(fund_admin, ROUND_REPORT, {})
    with pytest.raises(PermissionDenied):
        reports.start_report(other_admin, ROUND_REPORT, {"round": round_.pk})
    with pytest.raises(PermissionDenied):
        reports.start_report(make_person("leader"), ROUND_REPORT, {"round": round_.pk})
    assert not ReportJob.objects.exists()


def test_the_start_page_for_each_role(client, fund_admin, other_admin):
    url = reverse("challenge_fund:round_report", args=[RoundFactory().pk])
    assert client.get(url).status_code == 302  # anonymous: to the sign-in page
    assert client.post(url).status_code == 302 and not ReportJob.objects.exists()
    client.force_login(other_admin)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    client.force_login(fund_admin)
    assert client.get(url).status_code == 200
    assert client.get(reverse("challenge_fund:round_report", args=[99999])).status_code == 404
