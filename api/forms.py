"""The form a person makes an API token with."""

from __future__ import annotations

from django import forms

from academy.ui.forms import DateInputField
from api.models import Scope


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, so you can recognise it later. For example, 'Board report spreadsheet'.",
        error_messages={"required": "Enter a name for the token"},
    )
    scopes = forms.MultipleChoiceField(
        label="What the token may read",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. The token never reads more than you may read on the portal's pages.",
        error_messages={"required": "Select what the token may read"},
    )
    expires_on = DateInputField(
        label="Stops working after",
        what="The date the token stops working",
        help_text="At most a year from today. For example, 31 3 2027",
        error_messages={"required": "Enter the date the token stops working"},
    )
