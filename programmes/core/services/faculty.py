"""A cohort's faculty and coaches."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from academy import workflow
from programmes.core.models import (
    HOLDING_STATES,
    Application,
    Cohort,
    CohortFaculty,
    FacultyRole,
)
from programmes.core.rules import ensure_cohort_admin


def add_faculty(actor, cohort: Cohort, user, role: str = FacultyRole.FACULTY) -> CohortFaculty:
    """Add a portal user (found by their account's email address: the form's AccountEmailField) as faculty
    or a coach of the cohort."""
    ensure_cohort_admin(actor, cohort)
    if user is None or not user.is_active:
        raise ValidationError({"email": "Enter the email address of someone with an active Academy account"})
    if role not in FacultyRole.values:
        raise ValidationError({"role": "Select faculty or coach"})
    if Application.objects.filter(cohort=cohort, applicant=user, state__in=HOLDING_STATES).exists():
        raise ValidationError({"email": "This person has a place on the cohort, so they cannot also teach or coach it"})
    with transaction.atomic():
        try:
            with transaction.atomic():
                member = CohortFaculty.objects.create(
                    cohort=cohort, user=user, role=role, added_by=workflow.user_or_none(actor)
                )
        except IntegrityError as exc:
            raise ValidationError({"email": "This person is already faculty or a coach on this cohort"}) from exc
    return member


def remove_faculty(actor, member: CohortFaculty) -> None:
    """Stop someone being faculty or a coach of a cohort. The row's history keeps that they were."""
    ensure_cohort_admin(actor, member.cohort)
    with transaction.atomic():
        member.delete()
