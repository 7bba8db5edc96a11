"""Forms for progress returns. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms

from academy.ui.forms import AccountEmailField, DateInputField
from governance.models import Frequency
from governance.returns.services import MAX_TEXT


class ScheduleForm(forms.Form):
    programme = forms.CharField(
        label="Transformation programme",
        max_length=200,
        help_text="For example 'Cardiovascular disease'.",
        error_messages={"required": "Enter the name of the transformation programme"},
    )
    role = forms.ModelChoiceField(
        label="Leadership role that owes the return",
        queryset=None,
        required=False,
        empty_label="No role",
        help_text="Whoever holds the role owes the return, so it follows the role when its holder changes.",
        error_messages={"invalid_choice": "Select a role from the list"},
    )
    person = AccountEmailField(
        label="Or the email address of the person who owes it",
        required=False,
        help_text="Only if no role fits. They need an account on this portal.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    first_due_on = DateInputField(
        label="First return due",
        error_messages={"required": "Enter the date the first return is due", "invalid": "Enter a real date"},
    )
    every_months = forms.TypedChoiceField(
        label="How often",
        choices=Frequency.choices,
        coerce=int,
        initial=Frequency.QUARTERLY,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how often a return is due"},
    )
    ends_on = DateInputField(
        label="No returns due after",
        required=False,
        error_messages={"invalid": "Enter a real date"},
    )

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = roles

    def clean(self):
        data = super().clean()
        if not self.errors and bool(data.get("role")) == bool(data.get("person")):
            self.add_error("role", "Choose a leadership role or enter a person's email address, not both")
        return data


class ReturnForm(forms.Form):
    progress = forms.CharField(
        label="Progress since the last return",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=MAX_TEXT,
        help_text="What the programme has done and achieved. A few short paragraphs.",
        error_messages={"required": "Enter the progress since the last return"},
    )
    risks = forms.CharField(
        label="Risks and issues",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        required=False,
        help_text="What could stop the programme delivering, and what is being done about it.",
    )
    asks = forms.CharField(
        label="Asks of the group",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_TEXT,
        required=False,
        help_text="A decision or action you need from the C&CPLG. The group is action, not update, oriented.",
    )
