"""The line manager's signed link (no account needed): making it, reading it back, and the email
that carries it."""

from __future__ import annotations

from datetime import timedelta

from django.core import signing
from django.urls import reverse

from programmes.core.models import (
    Application,
    ReleaseRoute,
)
from programmes.core.presenters import site_url

LINE_MANAGER_SALT = "programmes.core.line-manager"
LINE_MANAGER_MAX_AGE = timedelta(days=21)


def line_manager_email_context(application: Application) -> dict:
    user = application.applicant
    cohort = application.cohort
    return {
        "line_manager_name": application.line_manager_name,
        # A leader with no line manager names a sponsor, who answers through the same link.
        "named_as": "sponsor" if application.release_route == ReleaseRoute.SPONSOR else "line manager",
        "applicant_name": user.get_full_name(),
        "cohort": cohort.title,
        "time_commitment": cohort.time_commitment,
        "url": site_url(reverse("programmes:line_manager", args=[line_manager_token(application)])),
    }



# --- line manager (no account: a signed link) --------------------------------------------------------


def line_manager_token(application: Application) -> str:
    return signing.dumps({"a": application.pk}, salt=LINE_MANAGER_SALT, compress=True)


def application_from_line_manager_token(token: str) -> Application:
    """The application a line manager link is for. Raises signing.BadSignature (tampered) or
    signing.SignatureExpired (too old), and Application.DoesNotExist."""
    data = signing.loads(token, salt=LINE_MANAGER_SALT, max_age=LINE_MANAGER_MAX_AGE)
    return Application.objects.select_related("cohort", "applicant").get(pk=data["a"])
