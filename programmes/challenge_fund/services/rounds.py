"""Setting up a round: its details, questions and review rubric, publishing it, and releasing feedback."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from academy import workflow
from programmes.challenge_fund.models import (
    Criterion,
    Question,
    Round,
)
from programmes.challenge_fund.services.common import require_admin

ROUND_FIELDS = (
    "title",
    "summary",
    "guidance",
    "eligibility",
    "budget",
    "min_award",
    "max_award",
    "opens_at",
    "closes_at",
    "min_partner_organisations",
    "require_priority_function",
    "score_max",
    "sealed",
    "blind_review",
)


# --- rounds ----------------------------------------------------------------------------------------


def _check_round(values: dict, instance: Round | None = None) -> None:
    errors: dict[str, list[str]] = {}
    if values["min_award"] > values["max_award"]:
        errors.setdefault("max_award", []).append(
            "The maximum award must be the same as or more than the minimum award"
        )
    if values["max_award"] > values["budget"]:
        errors.setdefault("max_award", []).append("The maximum award cannot be more than the round's budget")
    if values["closes_at"] <= values["opens_at"]:
        errors.setdefault("closes_on", []).append("The closing date must be after the opening date")
    if values["min_partner_organisations"] < 1 or values["min_partner_organisations"] > 10:
        errors.setdefault("min_partner_organisations", []).append("Enter a number from 1 to 10")
    if values["score_max"] < 1 or values["score_max"] > 10:
        errors.setdefault("score_max", []).append("Enter a top score from 1 to 10")
    closed = instance is not None and instance.pk and instance.closes_at <= timezone.now()
    if closed and (values["closes_at"] != instance.closes_at or values["score_max"] != instance.score_max):
        errors.setdefault("closes_on", []).append(
                "This round has closed, so its closing date and scoring scale cannot change"
            )
    duplicate = Round.objects.filter(title__iexact=values["title"])
    if instance is not None and instance.pk:
        duplicate = duplicate.exclude(pk=instance.pk)
    if duplicate.exists():
        errors.setdefault("title", []).append("There is already a round with this title. Choose another title")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_round(actor, **values) -> Round:
    require_admin(actor)
    _check_round(values)
    return Round.objects.create(
        created_by=workflow.user_or_none(actor), **{name: values[name] for name in ROUND_FIELDS}
    )


@transaction.atomic
def update_round(actor, round_: Round, **values) -> Round:
    require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    _check_round(values, round_)
    for name in ROUND_FIELDS:
        setattr(round_, name, values[name])
    round_.save()
    return round_


@transaction.atomic
def publish_round(actor, round_: Round) -> Round:
    """Make the round visible to leaders (from its opening time). It needs its review rubric first."""
    require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.published:
        return round_
    if not round_.criteria.exists():
        raise ValidationError("Add at least one review criterion before you publish the round.")
    if round_.closes_at <= timezone.now():
        raise ValidationError("The closing date has passed. Change the dates before you publish the round.")
    round_.published = True
    round_.save(update_fields=["published"])
    return round_


def _check_form_can_change(round_: Round, what: str) -> None:
    if round_.closes_at <= timezone.now():
        raise ValidationError(f"This round has closed, so its {what} cannot change.")


@transaction.atomic
def save_question(actor, round_: Round, *, text: str, hint: str = "", question: Question | None = None):
    require_admin(actor)
    _check_form_can_change(round_, "questions")
    if question is None:
        position = (round_.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        return Question.objects.create(round=round_, text=text, hint=hint, position=position)
    question.text, question.hint = text, hint
    question.save()
    return question


@transaction.atomic
def delete_question(actor, question: Question) -> None:
    require_admin(actor)
    _check_form_can_change(question.round, "questions")
    if question.answers.exists():
        raise ValidationError(
            "Applicants have answered this question, so it cannot be removed. You can change its wording."
        )
    question.delete()


@transaction.atomic
def save_criterion(
    actor, round_: Round, *, title: str, guidance: str, weight: int, criterion: Criterion | None = None
):
    require_admin(actor)
    _check_form_can_change(round_, "review rubric")
    if not 1 <= weight <= 10:
        raise ValidationError({"weight": "Enter a weight from 1 to 10"})
    duplicate = round_.criteria.filter(title__iexact=title)
    if criterion is not None:
        duplicate = duplicate.exclude(pk=criterion.pk)
    if duplicate.exists():
        raise ValidationError({"title": "This round already has a criterion with this title"})
    if criterion is None:
        position = (round_.criteria.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        return Criterion.objects.create(round=round_, title=title, guidance=guidance, weight=weight, position=position)
    criterion.title, criterion.guidance, criterion.weight = title, guidance, weight
    criterion.save()
    return criterion


@transaction.atomic
def delete_criterion(actor, criterion: Criterion) -> None:
    require_admin(actor)
    _check_form_can_change(criterion.round, "review rubric")
    if criterion.round.published and criterion.round.criteria.count() == 1:
        raise ValidationError("A published round needs at least one review criterion. Add another one first.")
    criterion.delete()


@transaction.atomic
def release_feedback(actor, round_: Round) -> Round:
    """Let applicants with a decision see the reviewers' scores and comments, without reviewers' names."""
    require_admin(actor)
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closes_at > timezone.now():
        raise ValidationError("Release the reviewers' feedback after the round has closed.")
    round_.feedback_released = True
    round_.save(update_fields=["feedback_released"])
    return round_
