"""The reports the portal can build in the background. An app registers each of its reports once:

    @register_report("governance.board_pack", title="Board pack", permission="governance.view_dashboard",
                     filename="board-pack.pdf", content_type=PDF)
    def build_board_pack(job, progress) -> bytes:
        progress(10, "Adding up WTE by function")
        ...
        return render_pdf("governance/board_pack.html", context)

``permission`` is a `rules` permission checked against the person asking (and again when they download).
For a report about one thing (a round, a cohort), pass ``permission_object``: a function from the job's
params to that object (or None when it no longer exists), and the permission is checked against it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.module_loading import autodiscover_modules

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
ZIP = "application/zip"


@dataclass(frozen=True)
class Report:
    kind: str
    title: str
    permission: str
    filename: str
    content_type: str
    build: Callable  # (job: ReportJob, progress: Callable[[int, str], None]) -> bytes
    permission_object: Callable | None = None  # (params: dict) -> the object the permission is checked on
    # A private report (a person's own data): anyone but its owner, superusers included, gets 404, not 403.
    private: bool = False
    on_done: Callable | None = None  # (job: ReportJob) -> None, called in the transaction that finishes the job


REPORTS: dict[str, Report] = {}


def register_report(kind: str, *, title: str, permission: str, filename: str, content_type: str,
                    permission_object: Callable | None = None, private: bool = False,
                    on_done: Callable | None = None):
    def decorator(build):
        REPORTS[kind] = Report(kind, title, permission, filename, content_type, build, permission_object,
                               private, on_done)
        return build

    return decorator


def get_report(kind: str) -> Report:
    if kind not in REPORTS:
        autodiscover_modules("reports")  # apps register in their reports.py
    return REPORTS[kind]


def is_private(kind: str) -> bool:
    """Whether a kind of report is a person's own data (anyone else is told it does not exist)."""
    try:
        return get_report(kind).private
    except KeyError:
        return False
