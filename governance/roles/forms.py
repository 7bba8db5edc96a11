"""Forms for the leadership roles. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms

from academy.directory.models import Borough, Organisation, PriorityFunction, ProviderCollaborative, SpatialLevel
from academy.ui.forms import AccountEmailField, DateInputField
from governance.models import (
    CarePathwayProgramme,
    ClinicalNetwork,
    FundingSource,
    GovernanceStructure,
    PayBasis,
    RoleType,
)


class RoleFilterForm(forms.Form):
    spatial_level = forms.ChoiceField(
        label="Spatial level", required=False, choices=[("", "All levels"), *SpatialLevel.choices]
    )
    function = forms.ModelChoiceField(
        label="Priority function", required=False, queryset=PriorityFunction.objects.all(), empty_label="All functions"
    )
    status = forms.ChoiceField(
        label="Filled or vacant", required=False,
        choices=[("", "Filled and vacant"), ("filled", "Filled"), ("vacant", "Vacant")],
    )
    ended = forms.ChoiceField(
        label="Roles that have ended", required=False,
        choices=[("", "Leave out roles that have ended"), ("include", "Include roles that have ended")],
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class LeadershipRoleForm(forms.Form):
    title = forms.CharField(
        label="Title of the role", max_length=200,
        help_text='For example, "Workforce resilience lead, Acute provider collaborative".',
        error_messages={"required": "Enter the title of the role"},
    )
    function = forms.ModelChoiceField(
        label="Priority function", queryset=PriorityFunction.objects.all(),
        error_messages={"required": "Select the priority function the role serves"},
    )
    spatial_level = forms.ChoiceField(
        label="Spatial level", choices=SpatialLevel.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the spatial level the role is at"},
    )
    collaborative = forms.ModelChoiceField(
        label="Provider collaborative", queryset=ProviderCollaborative.objects.all(), required=False,
        help_text="Only for a role in a provider collaborative.",
    )
    borough = forms.ModelChoiceField(
        label="Borough (Local Care Partnership)", queryset=Borough.objects.all(), required=False,
        help_text="Only for a role in a Local Care Partnership.",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.all(), required=False,
        help_text="Only for a role at organisation level (the 5th space).",
    )
    clinical_network = forms.ModelChoiceField(
        label="Clinical network", queryset=ClinicalNetwork.objects.all(), required=False,
        help_text="If the role leads or serves a clinical network.",
    )
    programme = forms.ModelChoiceField(
        label="Care pathway programme", queryset=CarePathwayProgramme.objects.all(), required=False,
        help_text="If the role leads or serves a care pathway transformation programme.",
    )
    role_type = forms.ModelChoiceField(
        label="Role type on the rate card", queryset=RoleType.objects.all(),
        help_text="The rate card sets the cost of 1.0 WTE of this type of role.",
        error_messages={"required": "Select the role type, so the role is priced from the rate card"},
    )
    pay_basis = forms.ChoiceField(
        label="Paid as", choices=PayBasis.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether the role is sessional or salaried"},
    )
    wte = forms.DecimalField(
        label="WTE", required=False, max_digits=3, decimal_places=2,
        help_text="From 0.1 to 1.0; 0.2 WTE is one day a week. Leave empty to use the spatial level's default "
        "(0.4 at ICS level, 0.2 elsewhere).",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the WTE as a number, like 0.2",
            "max_decimal_places": "Enter the WTE to 2 decimal places at most, like 0.25",
            "max_digits": "Enter the WTE as a number from 0.1 to 1.0",
            "max_whole_digits": "Enter the WTE as a number from 0.1 to 1.0",
        },
    )
    funding_source = forms.ChoiceField(
        label="Funded by", choices=[("", "Select who funds the role"), *FundingSource.choices],
        error_messages={"required": "Select who funds the role"},
    )
    start_date = DateInputField(
        label="Start date",
        error_messages={"required": "Enter the date the role starts", "invalid": "Enter a real date"},
    )
    end_date = DateInputField(
        label="End date", required=False,
        help_text="Leave empty if the role has no end date.",
        error_messages={"invalid": "Enter a real date"},
    )
    holder_email = AccountEmailField(
        label="Email address of the holder", required=False,
        missing="or leave it empty to record the role as vacant",
        help_text="Leave empty if the role is vacant. The holder needs an account on this portal.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    sessional_overtime_confirmed = forms.BooleanField(
        label="The holder's time over 1.0 WTE across their roles is confirmed as sessional overtime",
        required=False,
    )
    structures = forms.ModelMultipleChoiceField(
        label="Governance structures the role sits on", queryset=GovernanceStructure.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
    )

    def clean_holder_email(self):
        self.holder = self.cleaned_data.get("holder_email")
        return self.holder

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in (
            "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
            "programme", "role_type", "pay_basis", "wte", "funding_source", "start_date", "end_date",
            "sessional_overtime_confirmed",
        )}
        data["holder"] = self.holder
        return data

    @classmethod
    def initial_for(cls, role) -> dict:
        initial = {name: getattr(role, name) for name in (
            "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
            "programme", "role_type", "pay_basis", "wte", "funding_source", "start_date", "end_date",
            "sessional_overtime_confirmed",
        )}
        initial["holder_email"] = role.holder.email if role.holder_id else ""
        initial["structures"] = list(role.structures.all())
        return initial
