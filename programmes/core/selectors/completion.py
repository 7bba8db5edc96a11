"""Reads for attendance, completion and certificates."""

from __future__ import annotations

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.http import Http404

from programmes.core.models import (
    Application,
    ApplicationState,
    Attendance,
    AttendanceStatus,
    Certificate,
    Cohort,
    Reflection,
    Session,
)

# --- attendance, completion, certificates ---------------------------------------------------------------

PARTICIPANT_STATES = [ApplicationState.ACCEPTED, ApplicationState.SUSPENDED, ApplicationState.COMPLETED]


def final_reflection_exists():
    """An annotation for applications: has the applicant written their final reflection on the cohort?"""
    return Exists(
        Reflection.objects.filter(cohort=OuterRef("cohort"), author=OuterRef("applicant"), session__isnull=True)
    )


def last_session_end(cohort: Cohort):
    """When the cohort's last session ends, or None if it has no sessions (one query). Completion,
    certificates and the final reflection wait for it: nothing is recorded before it happened."""
    return Session.objects.filter(cohort_id=cohort.pk).aggregate(end=Max("ends_at"))["end"]


def session_for_admin(pk: int) -> Session:
    return Session.objects.select_related("cohort__programme").get(pk=pk)


def attendance_sheet(session: Session) -> list[tuple[Application, str]]:
    """Participants of the session's cohort with their recorded status ('' if none), by name (two queries)."""
    participants = list(
        Application.objects.filter(cohort_id=session.cohort_id, state__in=PARTICIPANT_STATES)
        .select_related("applicant")
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )
    recorded = dict(Attendance.objects.filter(session=session).values_list("application_id", "status"))
    return [(application, recorded.get(application.pk, "")) for application in participants]


def completion_rows(cohort: Cohort) -> tuple[list[dict], int, int]:
    """Each participant with sessions attended and whether their final reflection is written, against
    the cohort's rule, and any certificate (two queries). Returns (rows, sessions in the cohort, sessions needed)."""
    total = cohort.sessions.count()
    needed = -(-total * cohort.completion_percent // 100)
    participants = (
        Application.objects.filter(cohort=cohort, state__in=PARTICIPANT_STATES)
        .select_related("applicant", "certificate")
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            has_final=final_reflection_exists(),
        )
        .order_by("applicant__last_name", "applicant__first_name", "pk")
    )
    rows = []
    for application in participants:
        attendance_met = total > 0 and application.attended >= needed
        final_met = application.has_final or not cohort.requires_final_reflection
        rows.append(
            {
                "application": application,
                "attended": application.attended,
                "percent": round(100 * application.attended / total) if total else 0,
                "attendance_met": attendance_met,
                "has_final": application.has_final,
                "meets_rule": attendance_met and final_met,
                "certificate": getattr(application, "certificate", None),
            }
        )
    return rows, total, needed


def certificate_by_code(code: str) -> Certificate:
    certificate = (
        Certificate.objects.filter(code=code)
        .select_related("application__applicant", "application__cohort__programme")
        .first()
    )
    if certificate is None:
        raise Http404("No such certificate")
    return certificate
