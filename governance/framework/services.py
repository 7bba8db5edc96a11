"""Writes for the NHSEI Design Framework self-assessment, saved with history."""

from __future__ import annotations

import logging
from datetime import date
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from academy.accounts.models import User
from governance.audit import check_permission, save_with_history
from governance.models import FrameworkPoint, Rag

log = logging.getLogger(__name__)


MAX_EVIDENCE_LINKS = 12


def portal_path_error(path: str) -> str | None:
    """Why ``path`` is not a page of this portal, or None when it is. Only paths inside the portal
    (like /governance/ccplg/) are accepted: no other website, and no path that leads nowhere."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not path.startswith("/"):
        return (f"{path} is not a page of this portal. Enter the part after the portal's address, like "
                "/governance/ccplg/")
    try:
        resolve(parts.path)
    except Resolver404:
        return f"{path} does not lead to a page of this portal. Check the address and try again"
    return None


def clean_evidence(evidence) -> list[dict]:
    """Evidence links as [{'title', 'path'}], checked. Raises ValidationError on the 'evidence' field."""
    cleaned, problems = [], []
    for link in evidence or []:
        title, path = (link.get("title") or "").strip(), (link.get("path") or "").strip()
        if not title:
            problems.append(f"Give the link to {path or 'the page'} a title")
        elif len(title) > 200:
            problems.append(f"The title '{title[:40]}...' must be 200 characters or fewer")
        elif not path:
            problems.append(f"Enter the portal address for '{title}'")
        elif error := portal_path_error(path):
            problems.append(error)
        else:
            cleaned.append({"title": title, "path": path})
    if len(evidence or []) > MAX_EVIDENCE_LINKS:
        problems.append(f"Link to {MAX_EVIDENCE_LINKS} pages at most: choose the strongest evidence")
    if problems:
        raise ValidationError({"evidence": problems})
    return cleaned


@transaction.atomic
def assess_framework_point(actor: User | None, point, *, rag: str, position: str, evidence, owner: User | None,
                           review_date: date | None, today: date | None = None):
    """Record the assessment of one NHSEI Design Framework point, with history (who changed the rating,
    when, from what to what). A rating needs the current position summarised; evidence links must lead
    to portal pages; a new review date cannot be in the past; the owner needs an active account.
    Raises ValidationError with field errors; nothing is saved then."""
    check_permission(actor, "governance.manage_framework",
           "Only the governance secretariat can change the Design Framework self-assessment.")
    today = today or timezone.localdate()
    point = FrameworkPoint.objects.select_for_update().get(pk=point.pk)
    position = (position or "").strip()
    errors = {}
    if rag not in Rag.values:
        errors["rag"] = "Select a RAG rating"
    elif rag != Rag.NOT_ASSESSED and not position:
        errors["position"] = "Summarise the current position that the rating is based on"
    try:
        evidence = clean_evidence(evidence)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if owner is not None and not owner.is_active:
        errors["owner_email"] = "This account is deactivated. Choose someone with an active account."
    if review_date is not None and review_date != point.review_date and review_date < today:
        errors["review_date"] = "The review date must be today or in the future"
    if errors:
        raise ValidationError(errors)
    before = point.get_rag_display()
    point.rag, point.position, point.evidence, point.owner, point.review_date = (
        rag, position, evidence, owner, review_date
    )
    point.full_clean()
    reason = f"rating changed from {before} to {point.get_rag_display()}" if before != point.get_rag_display() \
        else "assessment changed"
    save_with_history(point, actor, reason)
    log.info("framework point %s assessed by=%s", point.number, getattr(actor, "pk", None))
    return point
