"""Forms of the network's alumni: the directory entry and an offer to volunteer. Services check again."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from academy.directory.models import PriorityFunction
from programmes.network.models import VolunteerRole


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _functions(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        help_text="Choose any of the 10 priority functions that apply.",
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list", "invalid_pk_value": "Choose from the list"},
    )


class ListingForm(forms.Form):
    functions = _functions("Which functions do you work on?")
    line = forms.CharField(
        label="A short line about you", required=False, max_length=200,
        help_text="For example what you are working on now, or what other alumni could ask you about. "
                  "200 characters at most.",
        error_messages={"max_length": "Your short line must be 200 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class VolunteerForm(forms.Form):
    role = forms.ChoiceField(
        label="How would you like to volunteer?", choices=VolunteerRole.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose mentor, faculty or panel member",
                        "invalid_choice": "Choose mentor, faculty or panel member"},
    )
    functions = _functions("Which functions could you help with?")
    availability = forms.CharField(
        label="When are you available?", max_length=200,
        help_text="For example 'Two afternoons a month from January'.",
        error_messages={"required": "Say when you are available",
                        "max_length": "Your availability must be 200 characters or fewer"},
    )
    note = forms.CharField(
        label="Anything else the network's admins should know", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your note must be 1,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
