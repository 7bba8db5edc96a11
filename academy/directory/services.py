"""Writes for leader profiles and equality monitoring. Each takes the acting person and checks them."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from academy.directory.models import CareerStage, EqualityMonitoring, LeaderProfile

log = logging.getLogger(__name__)

PROFILE_FIELDS = (
    "profession",
    "organisation",
    "borough",
    "leader_group",
    "career_stage",
    "job_title",
    "formal_system_roles",
    "line_manager_name",
    "line_manager_email",
    "no_line_manager_reason",
    "no_line_manager_detail",
    "listed_in_directory",
)

EQUALITY_FIELDS = (
    "ethnicity",
    "sex",
    "gender_identity_same_as_birth",
    "sexual_orientation",
    "disability",
    "age_band",
    "religion",
)

OWN_EMAIL_MESSAGE = "Enter your line manager's email address, not your own"
NO_LINE_MANAGER_MESSAGE = "Enter your line manager's email address, or say why you have no line manager"


def _check_self(actor: User | None, user: User) -> None:
    """Equality answers are given and withdrawn by their owner only: no role, not even a superuser."""
    if actor is not None and (not actor.is_authenticated or actor.pk != user.pk):
        raise PermissionDenied("Only the person themselves can give or withdraw equality monitoring answers.")


def _check_own(actor: User | None, user: User) -> None:
    """A person changes their own profile; a superuser may too; ``actor`` None is the system itself."""
    if actor is None:
        return
    if not actor.is_authenticated or (actor.pk != user.pk and not actor.is_superuser):
        raise PermissionDenied("You can only change your own profile.")


def build_search_document(profile: LeaderProfile, interest_names: Iterable[str] | None = None) -> str:
    """The text the directory search reads: what a listed leader's card shows, never equality data."""
    user = profile.user
    if interest_names is None:
        interest_names = [interest.name for interest in profile.interests.all()]
    parts = [
        user.first_name,
        user.last_name,
        profile.job_title,
        profile.formal_system_roles,
        profile.profession.name,
        profile.organisation.name,
        profile.borough.name if profile.borough_id else "",
        profile.leader_group.name,
        CareerStage(profile.career_stage).label if profile.career_stage else "",
        *interest_names,
    ]
    return " ".join(" ".join(part.split()) for part in parts if part)


def refresh_search_document(profile: LeaderProfile) -> None:
    """Bring one profile's search text up to date (after a name, organisation or interest change)."""
    document = build_search_document(profile)
    if document != profile.search_document:
        LeaderProfile.objects.filter(pk=profile.pk).update(search_document=document)
        profile.search_document = document


@transaction.atomic
def save_profile(
    actor: User | None,
    user: User,
    *,
    first_name: str,
    last_name: str,
    interests: Iterable = (),
    **fields,
) -> LeaderProfile:
    """Create or update ``user``'s leader profile, their names, interests and search text."""
    _check_own(actor, user)
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown profile fields: {', '.join(sorted(unknown))}")
    email = (fields.get("line_manager_email") or "").strip().lower()
    if email and email == user.email.lower():
        raise ValidationError({"line_manager_email": OWN_EMAIL_MESSAGE})
    first_name, last_name = first_name.strip(), last_name.strip()
    if not first_name:
        raise ValidationError({"first_name": "Enter your first name"})
    if not last_name:
        raise ValidationError({"last_name": "Enter your last name"})

    if (user.first_name, user.last_name) != (first_name, last_name):
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])

    profile = LeaderProfile.objects.select_for_update().filter(user=user).first() or LeaderProfile(user=user)
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.line_manager_email = email
    profile.no_line_manager_detail = profile.no_line_manager_detail.strip()
    if email and profile.no_line_manager_reason:
        raise ValidationError({"no_line_manager_reason": "You gave a line manager: leave the reason empty"})
    if not email and not profile.no_line_manager_reason:
        raise ValidationError({"line_manager_email": NO_LINE_MANAGER_MESSAGE})
    if profile.no_line_manager_reason == "other" and not profile.no_line_manager_detail:
        raise ValidationError({"no_line_manager_detail": "Tell us why you have no line manager"})
    profile.user = user
    profile.full_clean(exclude=["user", "search_document"])
    profile.save()
    interests = list(interests)
    profile.interests.set(interests)
    profile.search_document = build_search_document(profile, [interest.name for interest in interests])
    LeaderProfile.objects.filter(pk=profile.pk).update(search_document=profile.search_document)
    log.debug("leader profile saved profile=%s", profile.pk)
    return profile


@transaction.atomic
def give_equality_answers(actor: User | None, user: User, answers: Mapping[str, str]) -> EqualityMonitoring:
    """Store ``user``'s equality-monitoring answers with their consent, now. Replaces earlier answers."""
    _check_self(actor, user)
    if set(answers) != set(EQUALITY_FIELDS):
        raise ValidationError("Answer every question, choosing 'Prefer not to say' where you wish.")
    record = EqualityMonitoring.objects.select_for_update().filter(user=user).first() or EqualityMonitoring(
        user=user
    )
    for name, value in answers.items():
        setattr(record, name, value)
    record.consented_at = timezone.now()
    record.full_clean(exclude=["user"])
    record.save()
    log.debug("equality monitoring answers given user=%s", user.pk)
    return record


@transaction.atomic
def withdraw_equality_consent(actor: User | None, user: User) -> bool:
    """Delete ``user``'s equality-monitoring answers. Returns whether there were any."""
    _check_self(actor, user)
    deleted, _ = EqualityMonitoring.objects.filter(user=user).delete()
    log.info("equality monitoring consent withdrawn user=%s deleted=%s", user.pk, bool(deleted))
    return bool(deleted)
