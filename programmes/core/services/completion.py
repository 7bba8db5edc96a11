"""Completing places against the cohort's rule, and issuing certificates."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from academy import workflow
from academy.ui.formats import nhs_datetime
from programmes.core.models import (
    Application,
    ApplicationState,
    AttendanceStatus,
    Certificate,
    Cohort,
)
from programmes.core.rules import ensure_cohort_admin
from programmes.core.selectors.completion import final_reflection_exists, last_session_end
from programmes.core.services.confirmations import send_certificate_issued
from programmes.core.services.workflow import transition

S = ApplicationState


def ensure_cohort_ended(cohort: Cohort, what: str, now=None) -> None:
    """Refuse, with a ValidationError that says when it opens, what may only happen once the cohort's last
    session has ended (``what`` starts the sentence: "Places can be completed")."""
    end = last_session_end(cohort)
    if end is None:
        raise ValidationError(f"{what} once the cohort has sessions and the last one has ended.")
    if end > (now or timezone.now()):
        raise ValidationError(f"{what} once the cohort's last session has ended, from {nhs_datetime(end)}.")


def issue_certificate(actor, application: Application) -> Certificate:
    ensure_cohort_admin(actor, application.cohort)
    if application.state != S.COMPLETED:
        raise ValidationError("Certificates are issued only to people who completed the cohort.")
    if not Certificate.objects.filter(application=application).exists():
        ensure_cohort_ended(application.cohort, "Certificates can be issued")
    certificate, created = Certificate.objects.get_or_create(
        application=application,
        defaults={
            "code": secrets.token_urlsafe(18),
            "cpd_hours": application.cohort.cpd_hours,
            "issued_by": workflow.user_or_none(actor),
        },
    )
    if created:
        send_certificate_issued(certificate)
    return certificate


def complete_places(actor, cohort: Cohort, application_ids: Iterable[int]) -> dict:
    """Mark places completed, and issue their certificates, for people who meet the cohort's rule: at
    least ``completion_percent`` of its sessions attended (rounded up; a cohort with no sessions cannot
    be completed) and, when the cohort requires it, a final reflection written in their learning log.
    Others are counted by what is missing, not changed. Nothing is completed before the cohort's last
    session has ended."""
    ensure_cohort_admin(actor, cohort)
    ensure_cohort_ended(cohort, "Places can be completed")
    total = cohort.sessions.count()
    needed = -(-total * cohort.completion_percent // 100)  # round up
    done = skipped = 0
    missing = {"attendance": 0, "final": 0, "both": 0}
    applications = (
        Application.objects.filter(cohort=cohort, pk__in=list(application_ids))
        .select_related("applicant", "cohort__programme")
        .annotate(
            attended=Count("attendances", filter=Q(attendances__status=AttendanceStatus.PRESENT)),
            has_final=final_reflection_exists(),
        )
    )
    # All or nothing, as decide_applications: one transaction, the cohort row locked first.
    with transaction.atomic():
        Cohort.objects.select_for_update().get(pk=cohort.pk)
        for application in applications:
            short = total == 0 or application.attended < needed
            no_final = cohort.requires_final_reflection and not application.has_final
            if short or no_final:
                missing["both" if short and no_final else "attendance" if short else "final"] += 1
                continue
            try:
                if application.state != S.COMPLETED:
                    transition(actor, application, S.COMPLETED, note="Met the cohort's completion rule")
                    application.refresh_from_db()
                issue_certificate(actor, application)
            except ValidationError:
                skipped += 1
            else:
                done += 1
    return {
        "done": done, "not_met": sum(missing.values()), "missing": missing, "skipped": skipped,
        "needed": needed, "total": total,
    }
