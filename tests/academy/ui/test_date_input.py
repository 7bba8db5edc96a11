"""The NHS.UK date input: one reusable field and widget, clear messages, the design system's markup."""

import datetime
import re

import pytest
from django import forms
from django.utils import timezone

from academy.ui.forms import DateInputField, DateTimeInputField
from academy.ui.templatetags.nhsuk import page_has_errors  # noqa: F401  (the pack's tags load)


class _Form(forms.Form):
    starts_on = DateInputField(label="Start date", error_messages={"required": "Enter the date the role starts"})
    review = DateInputField(label="Review date", required=False)


class _TimeForm(forms.Form):
    starts_at = DateTimeInputField(label="Starts")


def _form(**parts):
    data = {f"starts_on_{i}": parts.get(key, "") for i, key in enumerate(("day", "month", "year"))}
    return _Form(data)


@pytest.mark.parametrize(("day", "month", "year", "expected"), [
    ("1", "4", "2026", datetime.date(2026, 4, 1)),
    (" 09 ", "12", "2027", datetime.date(2027, 12, 9)),
    ("29", "2", "2028", datetime.date(2028, 2, 29)),
    ("3", "March", "2026", datetime.date(2026, 3, 3)),
    ("3", "mar", "2026", datetime.date(2026, 3, 3)),
])
def test_valid_dates_clean_to_a_date(day, month, year, expected):
    form = _form(day=day, month=month, year=year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["starts_on"] == expected
    assert form.cleaned_data["review"] is None  # optional and left empty


@pytest.mark.parametrize(("parts", "message"), [
    ({}, "Enter the date the role starts"),
    ({"day": "1", "year": "2026"}, "Start date must include a month"),
    ({"month": "4", "year": "2026"}, "Start date must include a day"),
    ({"year": "2026"}, "Start date must include a day and month"),
    ({"day": "1", "month": "4"}, "Start date must include a year"),
    ({"day": "31", "month": "2", "year": "2026"}, "Start date must be a real date"),
    ({"day": "1", "month": "13", "year": "2026"}, "Start date must be a real date"),
    ({"day": "one", "month": "4", "year": "2026"}, "Start date must be a real date"),
    ({"day": "1", "month": "4", "year": "26"}, "Year must include 4 numbers"),
])
def test_bad_dates_are_refused_with_a_clear_message(parts, message):
    form = _form(**parts)
    assert not form.is_valid()
    assert form.errors["starts_on"] == [message]


def test_an_iso_date_under_the_field_name_is_still_understood():
    assert _Form({"starts_on": "2026-04-01"}).is_valid()
    form = _Form({"starts_on": "1/4/2026"})
    assert form.errors["starts_on"] == ["Start date must be a real date"]


@pytest.mark.parametrize(("time_text", "expected"), [
    ("10:30am", (10, 30)), ("2pm", (14, 0)), ("14:30", (14, 30)), ("12am", (0, 0)), ("12:15pm", (12, 15)),
    ("9.05", (9, 5)),
])
def test_date_and_time_clean_to_an_aware_datetime(time_text, expected):
    form = _TimeForm({"starts_at_0": "2", "starts_at_1": "12", "starts_at_2": "2026", "starts_at_3": time_text})
    assert form.is_valid(), form.errors
    value = form.cleaned_data["starts_at"]
    assert timezone.is_aware(value)
    local = timezone.localtime(value)
    assert (local.date(), (local.hour, local.minute)) == (datetime.date(2026, 12, 2), expected)


@pytest.mark.parametrize(("time_text", "message"), [
    ("", "Starts must include a time"),
    ("25:00", "Enter the time of starts like 10:30am or 14:30"),
    ("13pm", "Enter the time of starts like 10:30am or 14:30"),
    ("soon", "Enter the time of starts like 10:30am or 14:30"),
])
def test_bad_times_are_refused(time_text, message):
    form = _TimeForm({"starts_at_0": "2", "starts_at_1": "12", "starts_at_2": "2026", "starts_at_3": time_text})
    assert form.errors["starts_at"] == [message]


def _render(form) -> str:
    from django.template import Context, Template

    return Template("{% load crispy_forms_tags %}{{ form|crispy }}").render(Context({"form": form}))


def test_renders_the_nhsuk_date_input_in_a_fieldset_with_legend_and_hint():
    class Hinted(forms.Form):
        starts_on = DateInputField(label="Start date", help_text="For example, 15 3 2027")

    html = _render(Hinted(initial={"starts_on": datetime.date(2027, 3, 15)}))
    assert '<fieldset class="nhsuk-fieldset" aria-describedby="id_starts_on-hint">' in html
    assert re.search(r"<legend[^>]*>\s*Start date", html)
    assert '<div class="nhsuk-hint" id="id_starts_on-hint">For example, 15 3 2027</div>' in html
    assert '<div class="nhsuk-date-input" id="id_starts_on">' in html
    for label, name, width, value in (("Day", "starts_on_0", 2, "15"), ("Month", "starts_on_1", 2, "3"),
                                      ("Year", "starts_on_2", 4, "2027")):
        assert f'<label class="nhsuk-label nhsuk-date-input__label" for="id_{name}">{label}</label>' in html
        assert re.search(
            rf'<input class="nhsuk-input nhsuk-date-input__input nhsuk-input--width-{width}" id="id_{name}" '
            rf'name="{name}" type="text" inputmode="numeric" value="{value}">', html
        )
    assert 'type="date"' not in html


def test_errors_mark_every_box_and_keep_what_was_typed():
    form = _form(day="31", month="2", year="2026")
    form.is_valid()
    html = _render(form)
    assert "nhsuk-form-group--error" in html
    assert html.count("nhsuk-input--error") == 3
    assert 'value="31"' in html and 'value="2"' in html
    assert "Start date must be a real date" in html


def test_typed_text_is_escaped():
    form = _form(day='"><script>x</script>', month="2", year="2026")
    form.is_valid()
    html = _render(form)
    assert "<script>x" not in html


SOURCE_DIRS = ("academy", "programmes", "governance", "templates")
NATIVE_PICKERS = ('type="date"', '"type": "date"', "datetime-local", "forms.DateInput(", "forms.DateTimeInput(")


def test_no_form_in_the_project_uses_the_browsers_date_picker():
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    found = []
    for folder in SOURCE_DIRS:
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".html"} and "migrations" not in path.parts:
                text = path.read_text(encoding="utf-8")
                found += [f"{path.relative_to(root)}: {needle}" for needle in NATIVE_PICKERS if needle in text]
    assert found == []


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "url_name", "fields"), [
    ("programme_admin", "programmes:cohort_create",
     ["starts_on", "ends_on", "applications_open", "applications_close"]),
    ("superuser", "challenge_fund:round_create", ["opens_on", "closes_on"]),
    ("governance", "governance:meeting_add", ["starts_on"]),
])
def test_forms_that_used_native_pickers_render_the_date_input(client_as, role, url_name, fields):
    from django.urls import reverse

    client, _ = client_as(role)
    html = client.get(reverse(url_name)).content.decode()
    for name in fields:
        assert f'<div class="nhsuk-date-input" id="id_{name}">' in html, name
        assert f'name="{name}_2"' in html, name
    assert 'type="date"' not in html and "datetime-local" not in html
