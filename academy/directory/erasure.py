"""Erasure step for the directory: the profile keeps only what aggregates count; equality answers go."""

from __future__ import annotations

from academy.directory.models import EqualityMonitoring, LeaderProfile, NoLineManagerReason
from academy.privacy import erasure


def erase(user, pseudonym: str) -> None:
    EqualityMonitoring.objects.filter(user=user).delete()
    erasure.scrub(
        LeaderProfile,
        {"user": user},
        job_title="",
        formal_system_roles="",
        line_manager_name="",
        line_manager_email="",
        no_line_manager_reason=NoLineManagerReason.OTHER,
        no_line_manager_detail="Account closed",
        listed_in_directory=False,
        search_document="",
    )


erasure.register(
    "directory",
    models=["directory.LeaderProfile", "directory.EqualityMonitoring"],
    erase=erase,
    erased=[
        "Your equality monitoring answers (deleted outright)",
        "Your job title, formal roles and line manager's details, and your directory listing",
    ],
    kept=[
        "Your profession, organisation, borough, leader group and career stage, without your name, "
        "so counts and network figures do not change"
    ],
)
