"""Panel review: scoring applications."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from programmes.core.models import (
    Application,
    ApplicationScore,
    ApplicationState,
)

S = ApplicationState


SCORABLE = frozenset({S.UNDER_REVIEW, S.WAITING_LIST})


def score_application(actor, application: Application, score: int, comment: str = "") -> ApplicationScore:
    """A panel member scores an application under review (1 to 5); scoring again replaces their score."""
    if not (actor and actor.has_perm("programmes.score_application", application.cohort)):
        raise PermissionDenied("Only panel members and the programme's admins score applications.")
    if application.applicant_id == actor.pk:
        raise PermissionDenied("You cannot score your own application.")
    if application.state not in SCORABLE:
        raise ValidationError("Only applications under review or on the waiting list can be scored.")
    if not 1 <= int(score) <= 5:
        raise ValidationError({"score": "Select a score from 1 to 5"})
    with transaction.atomic():
        result, _ = ApplicationScore.objects.update_or_create(
            application=application, reviewer=actor, defaults={"score": int(score), "comment": comment.strip()}
        )
    return result
