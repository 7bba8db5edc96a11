"""Small helpers every app's views share: the home breadcrumb, and a service's ValidationError on a form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.urls import reverse

T = TypeVar("T")


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


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What :func:`submit` did: ``ok`` when the form was valid and the service accepted it, with what the service
    returned in ``result`` (which may well be None). Truthy exactly when ``ok``."""

    ok: bool
    result: T | None = None

    def __bool__(self) -> bool:
        return self.ok


def submit(form: BaseForm, action: Callable[[dict[str, Any]], T]) -> Outcome[T]:
    """Run ``action(form.cleaned_data)`` if the form is valid, and say whether it went through.

    An invalid form never reaches the action. When the action (a service) raises ValidationError, its messages are
    put on the form (beside the field it names, else above the form) and the outcome is not ok, so the view can
    show the form again. Any other exception passes through untouched.
    """
    if not form.is_valid():
        return Outcome(ok=False)
    try:
        result = action(form.cleaned_data)
    except ValidationError as exc:
        apply_validation_error(form, exc)
        return Outcome(ok=False)
    return Outcome(ok=True, result=result)
