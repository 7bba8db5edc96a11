"""The line manager's signed link to a level 3 questionnaire (no account needed), made the same way as the
cohort engine's line-manager link: a signed, compressed token naming the invitation, with its own salt."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.urls import reverse

SURVEY_LINK_SALT = "evaluation.surveys.line-manager"
SURVEY_LINK_MAX_AGE = timedelta(days=90)


def line_manager_token(invitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=SURVEY_LINK_SALT, compress=True)


def invitation_pk_from_token(token: str) -> int:
    """The invitation a link is for. Raises signing.BadSignature (tampered) or signing.SignatureExpired."""
    data = signing.loads(token, salt=SURVEY_LINK_SALT, max_age=SURVEY_LINK_MAX_AGE)
    try:
        return int(data["i"])
    except (KeyError, TypeError, ValueError) as error:
        raise signing.BadSignature("No invitation in the link") from error


def line_manager_path(invitation) -> str:
    return reverse("evaluation_surveys:line_manager", args=[line_manager_token(invitation)])
