"""Writes for privacy: the access log, and starting a person's data download."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from academy.privacy.models import AccessLogEntry
from academy.reports import services as reports
from academy.reports.models import JobStatus, ReportJob

log = logging.getLogger("academy.privacy")

MY_DATA_REPORT = "privacy.my_data"
EXPIRES_AFTER = timedelta(days=7)
EXPIRED_MESSAGE = "This download has expired and its file was deleted. You can ask for a new one."


def _is_staff(reader) -> bool:
    return bool(reader is not None and reader.is_authenticated and reader.has_staff_role)


def record_access(reader, subjects: Iterable, what: str, path: str = "") -> int:
    """Log that ``reader`` (a member of staff) read the personal data of ``subjects`` (users or user ids) on
    the page or export ``what``. One insert whatever the number of people; a person reading their own data
    and a reader without a staff role are not logged. Returns the number of rows written."""
    if not _is_staff(reader):
        return 0
    listed = {getattr(subject, "pk", subject) for subject in subjects if subject is not None}
    subject_ids = listed - {None, reader.pk}
    if not subject_ids:
        return 0
    label = f"{reader.get_full_name() or reader.email} ({reader.email})"[:200]
    now = timezone.now()
    count = len(listed - {None})
    AccessLogEntry.objects.bulk_create(
        [
            AccessLogEntry(
                reader=reader,
                reader_label=label,
                subject_id=subject_id,
                what=what[:200],
                path=path[:300],
                people_in_export=count,
                at=now,
            )
            for subject_id in sorted(subject_ids)
        ]
    )
    return len(subject_ids)


def record_request(request, subjects: Iterable, what: str) -> int:
    """:func:`record_access` for the person making ``request``, with its path. Only reads (GET) are logged:
    a form posted back with errors was logged when it was first opened."""
    if request.method != "GET":
        return 0
    return record_access(request.user, subjects, what, request.get_full_path())


@transaction.atomic
def start_my_data(person):
    """Start building ``person``'s data download (a report job); its page shows the progress. A copy already
    being made is returned instead of starting a second (a double click, two tabs): the person's row is
    locked while we look, so two requests at once make one job."""
    get_user_model().objects.select_for_update().filter(pk=person.pk).first()
    running = ReportJob.objects.filter(
        owner=person, kind=MY_DATA_REPORT, status__in=[JobStatus.QUEUED, JobStatus.RUNNING]
    ).first()
    return running or reports.start_report(person, MY_DATA_REPORT, {})


def expire_data_downloads(now=None) -> int:
    """Delete the file of every data download finished more than ``EXPIRES_AFTER`` ago (run by beat daily).
    The job stays, saying it expired, so its page no longer offers the download. Returns how many."""
    now = now or timezone.now()
    expired = ReportJob.objects.filter(
        kind=MY_DATA_REPORT, status=JobStatus.DONE, finished_at__lt=now - EXPIRES_AFTER
    ).exclude(file="")
    count = 0
    for job in expired:
        job.file.delete(save=False)
        ReportJob.objects.filter(pk=job.pk).update(file="", message=EXPIRED_MESSAGE, updated_at=now)
        count += 1
    if count:
        log.info("deleted %s expired data downloads", count)
    return count
