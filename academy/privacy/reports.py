"""The "Download my data" report: a ZIP of everything the portal holds about the person who asked."""

from __future__ import annotations

import io
import json
import os
import zipfile

from django.urls import reverse
from django.utils import timezone

from academy.notifications.services import email_user_after_commit
from academy.privacy.personal_data import PersonalExport, exporters
from academy.privacy.services import EXPIRES_AFTER, MY_DATA_REPORT
from academy.reports.exports import csv_bytes
from academy.reports.registry import ZIP, register_report
from academy.ui.formats import nhs_date

README = """Your data from the SEL Systems Leadership Academy portal
=======================================================

Made {made} for {email}. This file can be downloaded until {expires}; then it is deleted.

Each folder is one part of the portal. Each table is there twice: as JSON (exactly as held) and as CSV
(for a spreadsheet: a cell that a spreadsheet would run as a formula starts with an apostrophe).
Files you uploaded are in each folder's "files" folder.

{contents}
"""


def _cell(value):
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return value


def _headers(table: list[dict]) -> list[str]:
    headers: list[str] = []
    for row in table:
        headers.extend(key for key in row if key not in headers)
    return headers or ["none"]


def _file_bytes(content) -> bytes:
    if isinstance(content, bytes):
        return content
    with content.open("rb") as handle:
        return handle.read()


def build_zip(person, progress=lambda percent, message="": None) -> bytes:
    """Every exporter's tables (JSON and CSV) and files for ``person``, in one ZIP."""
    found = exporters()
    buffer = io.BytesIO()
    contents = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, exporter in enumerate(found):
            progress(5 + 90 * index // max(1, len(found)), f"Adding {exporter.title.lower()}")
            out = PersonalExport()
            exporter.export(person, out)
            for name, table in out.tables.items():
                base = f"{exporter.name}/{name}"
                archive.writestr(f"{base}.json", json.dumps(table, indent=2, ensure_ascii=False, default=str))
                headers = _headers(table)
                archive.writestr(
                    f"{base}.csv", csv_bytes(headers, ([_cell(row.get(h)) for h in headers] for row in table))
                )
                contents.append(f"- {base}: {len(table)} {'row' if len(table) == 1 else 'rows'}")
            for path, content in out.files.items():
                try:
                    data = _file_bytes(content)
                except OSError:  # a file the storage has lost: say so rather than fail the whole download
                    contents.append(f"- {exporter.name}/files/{os.path.basename(path)}: missing from storage")
                    continue
                archive.writestr(f"{exporter.name}/files/{os.path.basename(path)}", data)
                contents.append(f"- {exporter.name}/files/{os.path.basename(path)}")
        now = timezone.now()
        archive.writestr(
            "README.txt",
            README.format(
                made=nhs_date(now),
                email=person.email,
                expires=nhs_date(now + EXPIRES_AFTER),
                contents="\n".join(contents) or "Nothing is held about you yet.",
            ),
        )
    return buffer.getvalue()


def email_when_ready(job) -> None:
    person = job.owner
    email_user_after_commit(
        f"privacy-my-data-ready-{job.pk}",
        "my_data_ready",
        person,
        {"job_path": reverse("reports:job", args=[job.pk]), "expires": nhs_date(job.finished_at + EXPIRES_AFTER)},
    )


@register_report(
    MY_DATA_REPORT,
    title="Your data",
    permission="privacy.download_own_data",
    filename="my-data.zip",
    content_type=ZIP,
    private=True,
    on_done=email_when_ready,
)
def build_my_data(job, progress) -> bytes:
    return build_zip(job.owner, progress)
