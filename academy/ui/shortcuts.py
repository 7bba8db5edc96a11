"""Small helpers every app's views share: the home breadcrumb, and a service's ValidationError on a form."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse


def home_crumb() -> tuple[str, str]:
    """The first breadcrumb of every page below the home page."""
    return ("Home", reverse("ui:home"))


def apply_validation_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: beside its field when it names one, else above the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
