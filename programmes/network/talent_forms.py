"""The talent pool form: what a member aspires to, where, when they would be ready, and their two
consents. The service checks the rules again (at least one of each, the statement's length)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from academy.directory.models import Borough, PriorityFunction
from programmes.network.models import Aspiration, Readiness
from programmes.network.talent_services import STATEMENT_MAX


class TalentEntryForm(forms.Form):
    aspirations = forms.MultipleChoiceField(
        label="Which formal roles do you aspire to?",
        help_text="Choose any that apply.",
        choices=Aspiration.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of role you aspire to",
                        "invalid_choice": "Choose from the list"},
    )
    functions = forms.ModelMultipleChoiceField(
        label="For which of the 10 priority functions?",
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one priority function",
                        "invalid_choice": "Choose from the list"},
    )
    boroughs = forms.ModelMultipleChoiceField(
        label="Where?",
        help_text="Choose the boroughs where you would take on a role, or ICS-wide below, or both.",
        queryset=Borough.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list"},
    )
    ics_wide = forms.BooleanField(
        label="ICS-wide: anywhere across south east London, including roles for the whole ICS",
        required=False,
    )
    readiness = forms.ChoiceField(
        label="When would you be ready?",
        choices=Readiness.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say when you would be ready"},
    )
    statement = forms.CharField(
        label="A short statement",
        help_text=f"What you would bring, in a few sentences. Up to {STATEMENT_MAX:,} characters.",
        max_length=STATEMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"max_length": f"Your statement must be {STATEMENT_MAX:,} characters or fewer"},
    )
    secretariat_consent = forms.BooleanField(
        label="The governance secretariat may see my entry",
        help_text="They look for people ready for C&CPLG seats and leadership roles whose terms end. "
        "They see your name, email, organisation, profession and this entry; never your equality information.",
        required=False,
    )
    alerts_consent = forms.BooleanField(
        label="Send me vacancy alerts",
        help_text="An email when a leadership role opens in one of your functions and places.",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boroughs"].hide_optional = True  # a borough or ICS-wide is needed: the service says so
        self.helper = FormHelper()
        self.helper.form_tag = False

    @classmethod
    def initial_from(cls, entry) -> dict:
        if entry is None:
            return {}
        return {
            "aspirations": entry.aspirations, "functions": list(entry.functions.all()),
            "boroughs": list(entry.boroughs.all()), "ics_wide": entry.ics_wide, "readiness": entry.readiness,
            "statement": entry.statement, "secretariat_consent": entry.secretariat_consent,
            "alerts_consent": entry.alerts_consent,
        }
