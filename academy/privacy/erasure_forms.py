from __future__ import annotations

from django import forms


class CloseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label="I understand that closing my account cannot be undone",
        error_messages={"required": "Confirm that you understand closing your account cannot be undone"},
    )
