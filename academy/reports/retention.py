"""Retention for reports: a report and its file go 7 days after it was asked for."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from academy.privacy import retention
from academy.reports.models import ReportJob
from academy.ui.formats import nhs_date

REPORT_DAYS = 7


def due(now):
    return ReportJob.objects.filter(created_at__lt=now - timedelta(days=REPORT_DAYS)).order_by("created_at")


def remove(queryset) -> int:
    removed = 0
    for job in list(queryset):
        if job.file:
            name, storage = job.file.name, job.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        job.delete()
        removed += 1
    return removed


retention.register(
    "report_files",
    label="Report files",
    rule=f"Deleted with their file {REPORT_DAYS} days after they were asked for",
    due=due,
    remove=remove,
    describe=lambda job: f"{job.filename or job.kind}, asked for on {nhs_date(job.created_at)}",
)
