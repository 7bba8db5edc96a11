"""``submit``: a valid form goes to the service; the service's ValidationError comes back onto the form."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from academy.ui.shortcuts import submit


class NameForm(forms.Form):
    name = forms.CharField(max_length=20)


def test_a_valid_form_the_service_accepts_is_ok_with_the_services_result():
    form = NameForm({"name": "Ada"})

    outcome = submit(form, lambda data: f"saved {data['name']}")

    assert outcome.ok and outcome
    assert outcome.result == "saved Ada"
    assert not form.errors


def test_an_invalid_form_never_reaches_the_service():
    form = NameForm({"name": ""})
    calls = []

    outcome = submit(form, calls.append)

    assert not outcome.ok and not outcome
    assert outcome.result is None
    assert calls == []
    assert "name" in form.errors


def test_a_service_error_naming_a_field_is_shown_beside_that_field():
    def refuse(data):
        raise ValidationError({"name": "That name is taken."})

    form = NameForm({"name": "Ada"})

    outcome = submit(form, refuse)

    assert not outcome.ok
    assert form.errors["name"] == ["That name is taken."]
    assert form.non_field_errors() == []


def test_a_service_error_naming_no_field_is_shown_above_the_form():
    def refuse(data):
        raise ValidationError("Applications have closed.")

    form = NameForm({"name": "Ada"})

    outcome = submit(form, refuse)

    assert not outcome.ok
    assert form.non_field_errors() == ["Applications have closed."]
    assert "name" not in form.errors


def test_a_service_error_naming_a_field_the_form_lacks_is_shown_above_the_form():
    def refuse(data):
        raise ValidationError({"cohort": "This cohort is full."})

    form = NameForm({"name": "Ada"})

    assert not submit(form, refuse).ok
    assert form.non_field_errors() == ["This cohort is full."]


def test_a_service_that_returns_none_still_counts_as_ok():
    form = NameForm({"name": "Ada"})

    outcome = submit(form, lambda data: None)

    assert outcome.ok and outcome
    assert outcome.result is None
    assert not form.errors
