"""Attendance: taken by the programme admin, or by the participant with the code shown in the room."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy import workflow
from programmes.core.models import (
    CHECK_IN_MARGIN,
    Application,
    ApplicationState,
    Attendance,
    AttendanceStatus,
    Session,
)
from programmes.core.rules import ensure_cohort_admin

S = ApplicationState


CHECK_IN_WINDOW = 60  # seconds: the check-in code changes every minute


def record_attendance(actor, session: Session, statuses: Mapping[int, str]) -> int:
    """Record attendance for many places at once (``application id -> status``)."""
    ensure_cohort_admin(actor, session.cohort)
    valid = set(
        Application.objects.filter(
            cohort=session.cohort_id, pk__in=list(statuses), state__in=[S.ACCEPTED, S.COMPLETED]
        ).values_list("pk", flat=True)
    )
    saved = 0
    with transaction.atomic():
        for application_id, status in statuses.items():
            if application_id not in valid or status not in AttendanceStatus.values:
                continue
            Attendance.objects.update_or_create(
                session=session,
                application_id=application_id,
                defaults={"status": status, "recorded_by": workflow.user_or_none(actor), "self_checked_in": False},
            )
            saved += 1
    return saved


def check_in_code(session: Session, at=None) -> str:
    """A six-digit code for the room that changes every minute (HMAC of the session and the minute)."""
    minute = int((at or timezone.now()).timestamp() // CHECK_IN_WINDOW)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"check-in:{session.pk}:{minute}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{int(digest[:12], 16) % 1_000_000:06d}"


def self_check_in(actor, session: Session, code: str, now=None) -> Attendance:
    """A participant marks themselves present with the code shown in the room (this or last minute's)."""
    now = now or timezone.now()
    application = Application.objects.filter(
        cohort=session.cohort_id, applicant=actor, state__in=[S.ACCEPTED, S.COMPLETED]
    ).first()
    if application is None:
        raise PermissionDenied("Only people with a place on this cohort can check in.")
    code = "".join(code.split())
    expected = {check_in_code(session, now), check_in_code(session, now - timedelta(seconds=CHECK_IN_WINDOW))}
    if not any(hmac.compare_digest(code, candidate) for candidate in expected):
        raise ValidationError({"code": "That code is not right or has changed. Enter the code shown in the room now"})
    if not (session.starts_at - CHECK_IN_MARGIN <= now <= session.ends_at + CHECK_IN_MARGIN):
        raise ValidationError({"code": "Check-in is open from an hour before the session until an hour after it"})
    attendance, _ = Attendance.objects.update_or_create(
        session=session,
        application=application,
        defaults={"status": AttendanceStatus.PRESENT, "self_checked_in": True, "recorded_by": actor},
    )
    return attendance
