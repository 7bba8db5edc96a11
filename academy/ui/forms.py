"""Form helpers for the nhsuk template pack, and the form fields every app shares."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from django.utils import timezone

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


class DateInputWidget(forms.MultiWidget):
    """The NHS.UK date input: day, month and year as three text boxes (never the browser's date picker,
    whose order follows the browser's language). The pack's fieldset gives the legend and hint; this
    widget's template (``nhsuk/widgets/date_input.html``) gives the ``nhsuk-date-input`` markup."""

    template_name = "nhsuk/widgets/date_input.html"
    parts = ("Day", "Month", "Year")

    def __init__(self, attrs=None):
        boxes = [forms.TextInput(attrs={"inputmode": "numeric"}) for _ in self.parts]
        super().__init__(boxes, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            value = timezone.localtime(value) if timezone.is_aware(value) else value
            return [value.day, value.month, value.year, value.strftime("%H:%M")]
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None] * len(self.widgets)

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        whole = data.get(name)
        if whole and not any(parts):
            # One ISO value under the field's own name, as the browser's date picker sent: still understood.
            match = re.match(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}:\d{2}))?", str(whole).strip())
            if match:
                year, month, day, time_text = match.groups()
                return [day, month, year, time_text or ""][: len(self.widgets)]
            return [str(whole)] * len(self.widgets)  # not a date: the field says it must be a real date
        return parts

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        has_error = "nhsuk-input--error" in (context["widget"]["attrs"].get("class") or "")
        for label, sub in zip(self.parts + ("Time",), context["widget"]["subwidgets"], strict=False):
            sub["label"] = label
            sub["attrs"].pop("aria-invalid", None)
            width = {"Year": 4, "Time": 5}.get(label, 2)
            sub["attrs"]["class"] = (
                f"nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}"
                + (" nhsuk-input--error" if has_error else "")
            )
        return context


class DateTimeInputWidget(DateInputWidget):
    """The NHS.UK date input followed by a time box ("10:30am" or "14:30")."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.widgets.append(forms.TextInput())
        self.widgets_names.append("_3")


_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B").lower(),
        datetime.date(2000, number, 1).strftime("%b").lower(),
    )
}


class DateInputField(forms.MultiValueField):
    """A date entered with the NHS.UK date input, with the design system's error messages, for example
    "Start date must include a month" or "Start date must be a real date". ``what`` names the date in
    those messages (the label by default); ``error_messages={"required": ...}`` says what to enter."""

    widget = DateInputWidget
    default_error_messages = {
        "required": "Enter {what_lower}",
        "incomplete": "{what} must include a {parts}",
        "real": "{what} must be a real date",
        "year": "Year must include 4 numbers",
    }

    def __init__(self, *, what: str = "", **kwargs):
        kwargs.pop("widget", None)
        kwargs.pop("input_formats", None)
        kwargs.pop("max_length", None)
        fields = [forms.CharField(required=False) for _ in range(len(self.widget().widgets))]
        super().__init__(fields, require_all_fields=False, **kwargs)
        self.what = what

    def _message(self, code: str, **extra) -> str:
        what = self.what or str(self.label or "Date")
        return self.error_messages[code].format(what=what, what_lower=what[:1].lower() + what[1:], **extra)

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError as error:
            if getattr(error, "code", None) == "required" and "{" in self.error_messages["required"]:
                raise ValidationError(self._message("required"), code="required") from error
            raise

    def _date(self, day: str, month: str, year: str) -> datetime.date:
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            parts = " and ".join(missing)
            raise ValidationError(self._message("incomplete", parts=parts), code="incomplete")
        month_number = _MONTHS.get(month.lower(), month)
        try:
            day_number, month_number, year_number = int(day), int(month_number), int(year)
        except ValueError:
            raise ValidationError(self._message("real"), code="real") from None
        if len(year) != 4:
            raise ValidationError(self._message("year"), code="year")
        try:
            return datetime.date(year_number, month_number, day_number)
        except ValueError:
            raise ValidationError(self._message("real"), code="real") from None

    def compress(self, data_list):
        if not data_list or not any(part.strip() for part in data_list):
            return None
        day, month, year = (part.strip() for part in data_list[:3])
        return self._date(day, month, year)


_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2}))?\s*(?P<half>am|pm)?$")


class DateTimeInputField(DateInputField):
    """A date and time: the NHS.UK date input and a time box ("10:30am", "2pm" or "14:30"), as an aware
    datetime in the portal's time zone (London)."""

    widget = DateTimeInputWidget
    default_error_messages = {
        "time_missing": "{what} must include a time",
        "time": "Enter the time of {what_lower} like 10:30am or 14:30",
    }

    def compress(self, data_list):
        if not data_list or not any(part.strip() for part in data_list):
            return None
        day, month, year, time_text = (part.strip() for part in data_list)
        date = self._date(day, month, year)
        if not time_text:
            raise ValidationError(self._message("time_missing"), code="time_missing")
        match = _TIME.match(time_text.lower().replace(" ", ""))
        if not match:
            raise ValidationError(self._message("time"), code="time")
        hour, minute = int(match["hour"]), int(match["minute"] or 0)
        if match["half"]:
            if not 1 <= hour <= 12:
                raise ValidationError(self._message("time"), code="time")
            hour = hour % 12 + (12 if match["half"] == "pm" else 0)
        if hour > 23 or minute > 59:
            raise ValidationError(self._message("time"), code="time")
        return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))
