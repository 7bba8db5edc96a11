"""Report jobs that stop moving: a killed worker, a dropped database connection, a lost task.

Before, a job whose worker died stayed "60% done" for good while its page polled every second."""

from datetime import timedelta

import pytest
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils import timezone

from academy.celery import app_beat_schedules
from academy.reports import services
from academy.reports.models import JobStatus, ReportJob
from academy.reports.registry import CSV, register_report
from academy.reports.tasks import REPORT_TIME_LIMIT, run_report
from tests.academy.reports.test_report_jobs import build_test_roster  # noqa: F401  (registers "tests.roster")
from tests.conftest import make_person

pytestmark = pytest.mark.django_db


@register_report("tests.loses_connection", title="Connection lost", permission="accounts.manage_roles",
                 filename="x.csv", content_type=CSV)
def build_losing_connection(job, progress):
    progress(60, "Most of the way")
    raise OperationalError("server closed the connection unexpectedly")


def stalled_job(owner, minutes_ago: int) -> ReportJob:
    job = ReportJob.objects.create(owner=owner, kind="tests.roster", status=JobStatus.RUNNING, percent=60)
    ReportJob.objects.filter(pk=job.pk).update(updated_at=timezone.now() - timedelta(minutes=minutes_ago))
    return job


def test_beat_fails_jobs_that_stopped_moving_and_leaves_moving_ones():
    owner = make_person("governance")
    stalled, moving = stalled_job(owner, 20), stalled_job(owner, 2)
    waiting = ReportJob.objects.create(owner=owner, kind="tests.roster")
    ReportJob.objects.filter(pk=waiting.pk).update(updated_at=timezone.now() - timedelta(hours=1))
    assert services.fail_stale_jobs() == 2
    for job in (stalled, moving, waiting):
        job.refresh_from_db()
    assert (stalled.status, stalled.message) == (JobStatus.FAILED, services.STALE_MESSAGE)
    assert waiting.status == JobStatus.FAILED
    assert moving.status == JobStatus.RUNNING
    assert services.fail_stale_jobs() == 0
    assert app_beat_schedules()["reports-fail-stale-jobs"]["task"] == "academy.reports.tasks.fail_stale_report_jobs"


def test_progress_keeps_a_job_fresh():
    owner = make_person("governance")
    job = stalled_job(owner, 20)
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.QUEUED)
    services.run(job.pk)  # progresses and finishes
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert timezone.now() - job.updated_at < services.STALE_AFTER


def test_a_failed_job_offers_try_again_to_its_owner_only(client, django_capture_on_commit_callbacks, monkeypatch):
    monkeypatch.setattr("academy.reports.tasks.run_report.delay", lambda job_id: None)
    owner = make_person("governance")
    job = stalled_job(owner, 20)
    services.fail_stale_jobs()
    client.force_login(owner)
    fragment = client.get(reverse("reports:status", args=[job.pk])).content.decode()
    assert "hx-get" not in fragment, "a failed job stops polling"
    assert services.STALE_MESSAGE in fragment and "Try again</button>" in fragment
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:try_again", args=[job.pk]))
    again = ReportJob.objects.exclude(pk=job.pk).get(owner=owner)
    assert response["Location"] == reverse("reports:job", args=[again.pk])
    assert (again.kind, again.status) == ("tests.roster", JobStatus.QUEUED)

    client.force_login(make_person("governance"))
    assert client.post(reverse("reports:try_again", args=[job.pk])).status_code == 403
    assert ReportJob.objects.count() == 2


def test_a_dropped_database_connection_is_retried_not_left_running():
    owner = make_person("governance")
    job = ReportJob.objects.create(owner=owner, kind="tests.loses_connection")
    with pytest.raises(OperationalError):
        services.run(job.pk)
    assert OperationalError in run_report.autoretry_for and InterfaceError in run_report.autoretry_for
    assert run_report.max_retries >= 1


def test_the_report_task_is_acked_late_and_ends_before_the_visibility_timeout(settings):
    assert run_report.acks_late is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > REPORT_TIME_LIMIT
