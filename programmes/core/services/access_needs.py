"""Reasonable adjustments and access needs a leader shares for an application or booking: stored only
with their explicit consent, changed or withdrawn by them alone (withdrawing deletes them)."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from programmes.core.models import AccessNeeds, Application
from programmes.core.rules import ensure_applicant

log = logging.getLogger(__name__)

ACCESS_NEEDS_MAX = 2000
CONSENT_MESSAGE = (
    "Tick the box to agree that the programme team may see your access needs, or leave the access needs empty"
)


def check_access_needs(needs: str, consent: bool) -> str:
    """The needs to store ("" for none). Raises ValidationError when needs are given without consent."""
    needs = (needs or "").strip()
    if len(needs) > ACCESS_NEEDS_MAX:
        raise ValidationError({"access_needs": f"Describe your access needs in {ACCESS_NEEDS_MAX} characters or fewer"})
    if needs and not consent:
        raise ValidationError({"access_needs_consent": CONSENT_MESSAGE})
    return needs


def store_access_needs(application: Application, needs: str) -> AccessNeeds | None:
    """Keep ``needs`` (already checked, with consent) for ``application``, or delete them when empty.
    Callers check who acts; this is shared by applying, saving a draft and the leader's own page."""
    if not needs:
        AccessNeeds.objects.filter(application=application).delete()
        return None
    record, _ = AccessNeeds.objects.update_or_create(
        application=application, defaults={"needs": needs, "consented_at": timezone.now()}
    )
    return record


@transaction.atomic
def save_access_needs(actor, application: Application, needs: str, consent: bool) -> AccessNeeds:
    """The applicant shares or changes their access needs, with consent. Nothing is stored without it."""
    ensure_applicant(actor, application)
    needs = check_access_needs(needs, consent)
    if not needs:
        raise ValidationError({"access_needs": "Describe your access needs, or withdraw them instead"})
    record = store_access_needs(application, needs)
    log.debug("access needs saved application=%s", application.pk)
    return record


@transaction.atomic
def withdraw_access_needs(actor, application: Application) -> bool:
    """The applicant withdraws their access needs: they are deleted. Returns whether there were any."""
    ensure_applicant(actor, application)
    deleted, _ = AccessNeeds.objects.filter(application=application).delete()
    log.info("access needs withdrawn application=%s deleted=%s", application.pk, bool(deleted))
    return bool(deleted)
