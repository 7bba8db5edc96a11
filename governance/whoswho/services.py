"""Writes for the who's who: a person's own entry (the address they publish, and whether their name may be shown
publicly). Only the person themselves changes it: not the secretariat, not a superuser."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied
from django.db import transaction

from academy.accounts.models import User
from governance.audit import check_permission, save_with_history
from governance.models import WhosWhoEntry

log = logging.getLogger(__name__)


@transaction.atomic
def save_own_entry(actor: User | None, user: User, contact_email: str, public_consent: bool) -> WhosWhoEntry:
    """Publish ``contact_email`` (empty: none) beside the roles and seats ``user`` holds, and show their name on the
    public who's who only if ``public_consent``. ``actor`` None is the system (demo data)."""
    check_permission(actor, "governance.edit_own_whoswho_entry", "Sign in to change your who's who entry.")
    if actor is not None and actor.pk != user.pk:
        raise PermissionDenied("Only the person themselves can change what their who's who entry publishes.")
    # get_or_create copes with two first saves at once (the unique user); the row is then locked for the change.
    created = WhosWhoEntry.objects.get_or_create(user=user)[1]
    entry = WhosWhoEntry.objects.select_for_update().get(user=user)
    contact_email = (contact_email or "").strip()
    reasons = []
    if created or entry.public_consent != public_consent:
        reasons.append("public consent given" if public_consent else "public consent not given")
    if entry.contact_email != contact_email:
        reasons.append("contact address changed")
    if not reasons:
        return entry
    entry.contact_email, entry.public_consent = contact_email, public_consent
    save_with_history(entry, actor, "; ".join(reasons))
    log.info("whoswho entry user=%s saved: %s", user.pk, "; ".join(reasons))
    return entry
