"""Erasure step for reports: the person's report jobs and their files go."""

from __future__ import annotations

from django.db import transaction

from academy.privacy import erasure
from academy.reports.models import ReportJob


def erase(user, pseudonym: str) -> None:
    for job in ReportJob.objects.filter(owner=user):
        if job.file:
            name, storage = job.file.name, job.file.storage
            transaction.on_commit(lambda name=name, storage=storage: storage.delete(name))
        job.delete()


erasure.register(
    "reports",
    models=["reports.ReportJob"],
    erase=erase,
    erased=["Reports you asked for, and their files"],
)
