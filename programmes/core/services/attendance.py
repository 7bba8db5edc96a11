"""Attendance: taken by the programme admin, or by the participant with the code shown in the room."""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from academy import workflow
from academy.ui.formats import nhs_datetime
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
log = logging.getLogger(__name__)


def ensure_session_started(session: Session, now=None) -> None:
    """Attendance is taken once the session has started (participants' own check-in keeps its window)."""
    if session.starts_at > (now or timezone.now()):
        raise ValidationError(
            f"Attendance can be recorded once the session has started, from {nhs_datetime(session.starts_at)}."
        )


def record_attendance(actor, session: Session, statuses: Mapping[int, str]) -> int:
    """Record attendance for many places at once (``application id -> status``), once the session has
    started."""
    ensure_cohort_admin(actor, session.cohort)
    ensure_session_started(session)
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


def mark_everyone_present(actor, session: Session) -> int:
    """Mark present everyone with a place whose attendance is not recorded yet, once the session has
    started; statuses already recorded (apologies, absent, checked in) are kept. One transaction, the
    session row locked first, the attendance history written in bulk. Returns how many were marked."""
    ensure_cohort_admin(actor, session.cohort)
    ensure_session_started(session)
    recorder = workflow.user_or_none(actor)
    try:
        with transaction.atomic():
            Session.objects.select_for_update().get(pk=session.pk)
            recorded = Attendance.objects.filter(session=session).values("application_id")
            missing = list(
                Application.objects.filter(cohort=session.cohort_id, state__in=[S.ACCEPTED, S.COMPLETED])
                .exclude(pk__in=recorded)
                .values_list("pk", flat=True)
            )
            rows = [
                Attendance(session=session, application_id=application_id, status=AttendanceStatus.PRESENT,
                           recorded_by=recorder, self_checked_in=False)
                for application_id in missing
            ]
            bulk_create_with_history(rows, Attendance, default_user=recorder)
    except IntegrityError as exc:  # someone checked in at the same moment
        raise ValidationError("Attendance changed while you were saving it. Try again.") from exc
    return len(rows)


def check_in_code(session: Session, at=None) -> str:
    """A six-digit code for the room that changes every minute (HMAC of the session and the minute)."""
    minute = int((at or timezone.now()).timestamp() // CHECK_IN_WINDOW)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"check-in:{session.pk}:{minute}".encode(), hashlib.sha256
    ).hexdigest()
    return f"{int(digest[:12], 16) % 1_000_000:06d}"


# Wrong check-in codes allowed in one minute, per person and per session, before codes are refused for the
# rest of that minute: enough for typing slips in a full room, far too few to guess a six-digit code.
CHECK_IN_WRONG_PER_PERSON = 5
CHECK_IN_WRONG_PER_SESSION = 50
CHECK_IN_TOO_MANY = (
    "Too many wrong codes. Wait a minute and try again, or ask the session's organiser to mark you present."
)


def _wrong_check_in_keys(actor, session: Session, now) -> dict[str, int]:
    minute = int(now.timestamp() // CHECK_IN_WINDOW)
    return {
        f"check-in-wrong:person:{actor.pk}:{session.pk}:{minute}": CHECK_IN_WRONG_PER_PERSON,
        f"check-in-wrong:session:{session.pk}:{minute}": CHECK_IN_WRONG_PER_SESSION,
    }


def _too_many_wrong_check_ins(actor, session: Session, now) -> bool:
    """Whether this person or this session has had its wrong codes for the minute. Fails open: if the cache
    cannot answer, nobody is held back (the code itself still has to be right)."""
    keys = _wrong_check_in_keys(actor, session, now)
    try:
        counts = cache.get_many(list(keys))
    except Exception:  # any cache failure: let people check in
        log.warning("check-in rate limit: cache unavailable, not limiting", exc_info=True)
        return False
    return any((counts.get(key) or 0) >= limit for key, limit in keys.items())


def _count_wrong_check_in(actor, session: Session, now) -> None:
    for key in _wrong_check_in_keys(actor, session, now):
        try:
            cache.add(key, 0, timeout=2 * CHECK_IN_WINDOW)
            cache.incr(key)
        except Exception:  # fail open: better uncounted than locked out
            log.warning("check-in rate limit: cache unavailable, not counting", exc_info=True)


def self_check_in(actor, session: Session, code: str, now=None) -> Attendance:
    """A participant marks themselves present with the code shown in the room (this or last minute's).
    Wrong codes are limited per person and per session each minute (see CHECK_IN_WRONG_PER_PERSON)."""
    now = now or timezone.now()
    application = Application.objects.filter(
        cohort=session.cohort_id, applicant=actor, state__in=[S.ACCEPTED, S.COMPLETED]
    ).first()
    if application is None:
        raise PermissionDenied("Only people with a place on this cohort can check in.")
    if _too_many_wrong_check_ins(actor, session, now):
        raise ValidationError({"code": CHECK_IN_TOO_MANY})
    code = "".join(code.split())
    expected = {check_in_code(session, now), check_in_code(session, now - timedelta(seconds=CHECK_IN_WINDOW))}
    if not any(hmac.compare_digest(code, candidate) for candidate in expected):
        _count_wrong_check_in(actor, session, now)
        raise ValidationError({"code": "That code is not right or has changed. Enter the code shown in the room now"})
    if not (session.starts_at - CHECK_IN_MARGIN <= now <= session.ends_at + CHECK_IN_MARGIN):
        raise ValidationError({"code": "Check-in is open from an hour before the session until an hour after it"})
    attendance, _ = Attendance.objects.update_or_create(
        session=session,
        application=application,
        defaults={"status": AttendanceStatus.PRESENT, "self_checked_in": True, "recorded_by": actor},
    )
    return attendance
