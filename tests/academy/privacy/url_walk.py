"""The privacy pages in the URL walk: every signed-in person has "Download my data" and "Who opened my data";
only the secretariat (and superusers) search the access log. Someone else's data download is not found for
every role, superusers included."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from academy.privacy.services import MY_DATA_REPORT
from academy.reports.models import JobStatus, ReportJob
from tests.conftest import ROLE_NAMES
from tests.factories.accounts import UserFactory

EXPECTATIONS = {
    "privacy:my_data": {name: 200 for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": "login"},
    "privacy:who_opened_my_data": {name: 200 for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": "login"},
    "privacy:access_log": dict.fromkeys(ROLE_NAMES, 403) | {"anonymous": "login", "governance": 200, "superuser": 200},
}


def url_for(name: str) -> str | None:
    if name.startswith("privacy:"):
        return reverse(name)
    return None


def _someones_data_download() -> ReportJob:
    job = ReportJob.objects.create(
        owner=UserFactory(),
        kind=MY_DATA_REPORT,
        status=JobStatus.DONE,
        percent=100,
        filename="my-data.zip",
        content_type="application/zip",
        finished_at=timezone.now(),
    )
    job.file.save("my-data.zip", ContentFile(b"PK"), save=True)
    return job


PRIVATE = {
    f"someone else's data download ({name})": (lambda name=name: reverse(name, args=[_someones_data_download().pk]))
    for name in ("reports:job", "reports:status", "reports:download")
}
