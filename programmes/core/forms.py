"""Forms for the cohort engine. They only parse and check input; writes go through services."""

from __future__ import annotations

from django import forms


class LineManagerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you support protected time for them to take part?",
        choices=[("approve", "Yes, I support their protected time"), ("decline", "No, I cannot support it now")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you support their protected time"},
    )
