"""Form helpers for the nhsuk template pack, and the form fields every app shares."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator

from academy.accounts.models import User


class HintedLabel(str):
    """A choice label that carries a hint: the nhsuk pack shows it under that radio or checkbox option.

    Return one from ``label_from_instance`` (or use it in ``choices``): ``HintedLabel(name, hint)``.
    """

    hint: str = ""

    def __new__(cls, label: str, hint: str = ""):
        obj = super().__new__(cls, label)
        obj.hint = hint
        return obj


class AccountEmailField(forms.EmailField):
    """An email address that must belong to an active account on the portal; cleans to that ``User``.

    Every form that names a person by their account (a role holder, a seat holder, faculty, an owner)
    uses this one field, so they all match addresses the same way (case-insensitively) and all refuse a
    closed (inactive) account with the same clear message. ``missing`` says what to do when there is no
    such account, for example "or ask them to create one first".
    """

    default_error_messages = {
        "no_account": "No one with this email address has an account on the portal. Check the address{missing}.",
        "inactive": "This account is deactivated. Choose someone with an active account.",
    }

    def __init__(self, *, missing: str = "", **kwargs):
        self.missing = missing
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return value.strip().lower() if value else value

    def clean(self, value):
        email = super().clean(value)
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            missing = f", {self.missing}" if self.missing else ""
            raise ValidationError(self.error_messages["no_account"].format(missing=missing), code="no_account")
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")
        return user


class ReferenceChoiceIterator(ModelChoiceIterator):
    """Choices of a model choice field read with one plain query (``academy.ui`` installs it on every
    ``ModelChoiceField``). Django's own iterator calls ``QuerySet.iterator()``, which on PostgreSQL opens
    a server-side cursor (``DECLARE ... CURSOR WITH HOLD``, a fetch, a close: three round trips) for lists
    of a few dozen rows, and breaks behind a pooler in transaction mode."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)
