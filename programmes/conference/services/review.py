"""Review: its settings, phases, score categories and reviewers; conflicts of interest and scores."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from academy.accounts.models import User
from programmes.conference.models import (
    SCORE_MAX,
    SCORE_MIN,
    Edition,
    Proposal,
    ProposalState,
    Review,
    Reviewer,
    ReviewPhase,
    ReviewScore,
    ReviewSettings,
    ScoreCategory,
    Theme,
)
from programmes.conference.services.common import require_admin

REVIEWABLE_STATES = (ProposalState.SUBMITTED, ProposalState.WAITLISTED, ProposalState.ACCEPTED,
                     ProposalState.REJECTED, ProposalState.CONFIRMED)


@transaction.atomic
def save_review_settings(actor, edition: Edition, *, blind: bool) -> ReviewSettings:
    require_admin(actor)
    settings_row, _ = ReviewSettings.objects.select_for_update().get_or_create(edition=edition)
    settings_row.blind = blind
    settings_row.save()
    return settings_row


@transaction.atomic
def add_review_phase(actor, edition: Edition, *, name: str, opens_at, closes_at) -> ReviewPhase:
    require_admin(actor)
    if closes_at <= opens_at:
        raise ValidationError({"closes_at": "The phase must close after it opens"})
    return ReviewPhase.objects.create(edition=edition, name=name.strip(), opens_at=opens_at, closes_at=closes_at)


@transaction.atomic
def add_score_category(actor, edition: Edition, *, name: str, weight: int, independent: bool = False,
                       description: str = "") -> ScoreCategory:
    require_admin(actor)
    if weight is None or weight < 1:
        raise ValidationError({"weight": "The weight must be 1 or more"})
    name = name.strip()
    if edition.score_categories.filter(name__iexact=name).exists():
        raise ValidationError({"name": "There is already a category with this name"})
    if edition.reviews_started():
        raise ValidationError("Reviewers have started scoring: the categories can no longer change.")
    return ScoreCategory.objects.create(edition=edition, name=name, weight=weight, independent=independent,
                                        description=description.strip())


@transaction.atomic
def add_reviewer(actor, edition: Edition, *, user: User, themes: Iterable[Theme] = ()) -> Reviewer:
    """Ask someone to review the edition's proposals: all of them, or only those on the themes given."""
    require_admin(actor)
    themes = list(themes)
    if any(theme.edition_id != edition.pk for theme in themes):
        raise ValidationError({"themes": "Choose themes of this edition"})
    if Reviewer.objects.filter(edition=edition, user=user).exists():
        raise ValidationError({"user": f"{user.get_full_name() or user.email} already reviews this edition"})
    reviewer = Reviewer.objects.create(edition=edition, user=user, added_by=actor if isinstance(actor, User) else None)
    reviewer.themes.set(themes)
    return reviewer


def open_phase(edition: Edition, now=None) -> ReviewPhase | None:
    now = now or timezone.now()
    return edition.review_phases.filter(opens_at__lte=now, closes_at__gt=now).first()


def _require_reviewer_of(actor, proposal: Proposal) -> Reviewer:
    reviewer = Reviewer.objects.filter(edition=proposal.edition_id, user=actor).prefetch_related("themes").first()
    if reviewer is None:
        raise PermissionDenied("You are not a reviewer of this edition.")
    if proposal.state not in REVIEWABLE_STATES:
        raise PermissionDenied("This proposal is not being reviewed.")
    if proposal.speaker_id == actor.pk or proposal.co_speakers.filter(user=actor).exists():
        raise PermissionDenied("You cannot review a proposal you speak on.")
    themes = {theme.pk for theme in reviewer.themes.all()}
    if themes and not themes & set(proposal.themes.values_list("pk", flat=True)):
        raise PermissionDenied("This proposal is not on the themes you review.")
    return reviewer


@transaction.atomic
def declare_interest(actor, proposal: Proposal, *, conflicted: bool, reason: str = "") -> Review:
    """The reviewer says whether they have a conflict of interest before they see the proposal. Declared once:
    a conflicted reviewer never sees it again."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _require_reviewer_of(actor, proposal)
    if Review.objects.filter(proposal=proposal, reviewer=actor).exists():
        raise ValidationError("You have already declared whether you have a conflict of interest.")
    if conflicted and not reason.strip():
        raise ValidationError({"reason": "Describe your conflict of interest, for example 'I work with the speaker'"})
    return Review.objects.create(proposal=proposal, reviewer=actor, conflicted=conflicted,
                                 conflict_reason=reason.strip() if conflicted else "")


@transaction.atomic
def submit_review(actor, proposal: Proposal, *, scores: dict[int, int], comment: str = "", now=None) -> Review:
    """Score every category of the edition (1 to 5) while a review phase is open. The reviewer may change
    their scores until the phase closes."""
    proposal = Proposal.objects.select_for_update().select_related("edition").get(pk=proposal.pk)
    _require_reviewer_of(actor, proposal)
    review = Review.objects.select_for_update().filter(proposal=proposal, reviewer=actor).first()
    if review is None:
        raise ValidationError("Declare whether you have a conflict of interest first.")
    if review.conflicted:
        raise PermissionDenied("You declared a conflict of interest on this proposal.")
    if open_phase(proposal.edition, now) is None:
        raise ValidationError("Reviewing is closed: no review phase is open now.")
    categories = list(proposal.edition.score_categories.all())
    if not categories:
        raise ValidationError("The conference team has not set the score categories yet.")
    errors = {}
    for category in categories:
        value = scores.get(category.pk)
        if value is None or not (SCORE_MIN <= value <= SCORE_MAX):
            errors[f"score_{category.pk}"] = f"Give {category.name} a score from {SCORE_MIN} to {SCORE_MAX}"
    if errors:
        raise ValidationError(errors)
    for category in categories:
        ReviewScore.objects.update_or_create(review=review, category=category,
                                             defaults={"score": scores[category.pk]})
    review.comment = comment.strip()
    review.submitted_at = now or timezone.now()
    review.save()
    return review
