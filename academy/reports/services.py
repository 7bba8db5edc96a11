"""Starting and running report jobs. The view creates the job; the work runs in Celery after commit."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import InterfaceError, OperationalError, close_old_connections, transaction
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

    # The task module imports this one to do the work, so the task is looked up when queueing.
    from academy.reports.tasks import run_report  # noqa: PLC0415

    queueing.publish_after_commit(run_report, job.pk, on_failure=could_not_queue)
    return job


# A job that has not moved for this long was lost (its worker was killed, Redis lost the task): beat
# marks it failed so its page offers "Try again" instead of polling for ever. Every report reports
# progress far more often than this.
STALE_AFTER = timedelta(minutes=15)
STALE_MESSAGE = "This report stopped before it was finished. Try again."


def run(job_id: int) -> None:
    """Build the report's file, updating the job's percentage as it goes. Safe to run twice.

    A lost database connection is re-raised (after closing the connection) so that the task retries;
    any other error marks the job failed."""
    try:
        _run(job_id)
    except (OperationalError, InterfaceError):
        close_old_connections()
        log.warning("report job %s lost its database connection; the task retries", job_id)
        raise
    except Exception:
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, message="Something went wrong making this report. Try again.",
            finished_at=timezone.now(), updated_at=timezone.now(),
        )
        log.exception("report job %s failed", job_id)
        raise


def _run(job_id: int) -> None:
    job = ReportJob.objects.filter(pk=job_id).first()
    if job is None or job.status == JobStatus.DONE:
        return
    report = get_report(job.kind)

    def progress(percent: int, message: str = "") -> None:
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.RUNNING, percent=max(0, min(99, int(percent))), message=message[:200],
            updated_at=timezone.now(),
        )

    progress(1, "Started")
    content = report.build(job, progress)
    job.refresh_from_db()
    job.filename = report.filename
    job.content_type = report.content_type
    job.file.save(report.filename, ContentFile(content), save=False)
    job.status = JobStatus.DONE
    job.percent = 100
    job.message = "Ready to download"
    job.finished_at = timezone.now()
    with transaction.atomic():
        job.save()
        if report.on_done is not None:
            report.on_done(job)


def fail_stale_jobs(now=None) -> int:
    """Mark failed every unfinished job that has not moved for ``STALE_AFTER`` (run by beat)."""
    now = now or timezone.now()
    stale = ReportJob.objects.filter(
        status__in=[JobStatus.QUEUED, JobStatus.RUNNING], updated_at__lt=now - STALE_AFTER
    )
    count = stale.update(status=JobStatus.FAILED, message=STALE_MESSAGE, finished_at=now, updated_at=now)
    if count:
        log.warning("marked %s stalled report jobs failed", count)
    return count


def try_again(actor, job: ReportJob) -> ReportJob:
    """A new job like a failed one, for its owner (permission checked again, as for any new report)."""
    if job.owner_id != getattr(actor, "pk", None):
        raise PermissionDenied("Only the person who asked for this report can make it again.")
    if job.status != JobStatus.FAILED:
        raise ValidationError("Only a report that failed can be made again.")
    return start_report(actor, job.kind, job.params)
