"""Report jobs: started by a view, built by a Celery task, watched through a progress fragment, and
downloaded by their owner only. A demo report kind is registered here for the test."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from academy.reports import services
from academy.reports.exports import csv_bytes, export_response, xlsx_bytes
from academy.reports.models import JobStatus, ReportJob
from academy.reports.pdf import render_pdf
from academy.reports.registry import CSV, register_report
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@register_report("tests.roster", title="Test roster", permission="accounts.manage_roles",
                 filename="roster.csv", content_type=CSV)
def build_test_roster(job, progress):
    progress(50, "Halfway")
    return csv_bytes(["Name"], [["Ada"], ["=cmd()"]])


@register_report("tests.broken", title="Broken", permission="accounts.manage_roles",
                 filename="x.csv", content_type=CSV)
def build_broken(job, progress):
    raise RuntimeError("boom")


def test_start_run_and_download_by_the_owner_only(client, django_capture_on_commit_callbacks, monkeypatch):
    queued = []
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: queued.append(job_id))
    governance = make_person("governance")
    with django_capture_on_commit_callbacks(execute=True):
        job = services.start_report(governance, "tests.roster")
    assert queued == [job.pk]
    client.force_login(governance)
    fragment = client.get(reverse("reports:status", args=[job.pk])).content.decode()
    assert 'hx-get="' in fragment and "<progress" in fragment and 'hx-swap-oob="innerHTML"' in fragment
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 404

    services.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.percent) == (JobStatus.DONE, 100)
    fragment = client.get(reverse("reports:status", args=[job.pk])).content.decode()
    assert "hx-get" not in fragment and "Download roster.csv" in fragment
    response = client.get(reverse("reports:download", args=[job.pk]))
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines() == ["Name", "Ada", "'=cmd()"]
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 200

    client.force_login(make_person("superuser"))
    assert client.get(reverse("reports:download", args=[job.pk])).status_code == 403


def test_only_people_with_the_reports_permission_may_start_it():
    with pytest.raises(PermissionDenied):
        services.start_report(make_person("leader"), "tests.roster")
    assert not ReportJob.objects.exists()


def test_a_failing_report_says_so():
    job = ReportJob.objects.create(owner=make_person("governance"), kind="tests.broken")
    with pytest.raises(RuntimeError):
        services.run(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "went wrong" in job.message


def test_exports_and_pdf():
    response = export_response("xlsx", "Cohort roster", ["A"], [["+1"]])
    assert response["Content-Disposition"] == 'attachment; filename="cohort-roster.xlsx"'
    assert xlsx_bytes(["A"], [[1]])[:2] == b"PK"
    assert export_response("csv", "x", ["A"], [[1]])["Content-Type"].startswith("text/csv")
    pdf = render_pdf("notifications/email/profile_reminder.html", {"first_name": "Ada", "profile_path": "/"})
    assert pdf.startswith(b"%PDF")
