"""Starting and running report jobs. The view creates the job; the work runs in Celery after commit."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from academy import queueing
from academy.reports.models import JobStatus, ReportJob
from academy.reports.registry import get_report

log = logging.getLogger("academy.reports")


def can_use_report(user, kind: str, params: dict | None = None) -> bool:
    """May ``user`` make (or download) this report? For a report about one object, the permission is
    checked on that object, found from the job's params; an object that is gone allows nobody."""
    if not (user and user.is_authenticated):
        return False
    report = get_report(kind)
    if report.permission_object is None:
        return bool(user.has_perm(report.permission))
    obj = report.permission_object(params or {})
    return obj is not None and bool(user.has_perm(report.permission, obj))


@transaction.atomic
def start_report(actor, kind: str, params: dict | None = None) -> ReportJob:
    """Create a job for ``actor`` and queue it once the transaction commits."""
    report = get_report(kind)
    if not can_use_report(actor, kind, params):
        raise PermissionDenied(f"You do not have permission to make the {report.title.lower()}.")
    job = ReportJob.objects.create(owner=actor, kind=kind, params=params or {}, message="Waiting to start")

    def could_not_queue(error):  # the broker is down: say so on the job instead of failing the request
        ReportJob.objects.filter(pk=job.pk).update(
            status=JobStatus.FAILED, message="The report could not be started. Try again in a few minutes.",
            finished_at=timezone.now(),
        )

    from academy.reports.tasks import run_report

    queueing.publish_after_commit(run_report, job.pk, on_failure=could_not_queue)
    return job


def run(job_id: int) -> None:
    """Build the report's file, updating the job's percentage as it goes. Safe to run twice."""
    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == JobStatus.DONE:
        return
    report = get_report(job.kind)

    def progress(percent: int, message: str = "") -> None:
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING, percent=max(0, min(99, int(percent))), message=message[:200]
        )

    progress(1, "Started")
    try:
        content = report.build(job, progress)
    except Exception:
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message="Something went wrong making this report. Try again.",
            finished_at=timezone.now(),
        )
        log.exception("report job %s failed", job_id)
        raise
    job.refresh_from_db()
    job.filename = report.filename
    job.content_type = report.content_type
    job.file.save(report.filename, ContentFile(content), save=False)
    job.status = JobStatus.DONE
    job.percent = 100
    job.message = "Ready to download"
    job.finished_at = timezone.now()
    job.save()
