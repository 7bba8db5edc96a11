"""Forms of the register of real system problems and of the register of other offers. They only parse
and check input; the services write (and check again, under their transaction)."""

from __future__ import annotations

from django import forms

from academy.directory.forms import PriorityFunctionField
from academy.directory.models import Borough, LeaderGroup, PriorityFunction, Profession, SpatialLevel
from academy.ui.forms import AccountEmailField, DateInputField
from programmes.core.models import AdoptionDecision, ProviderKind, SystemProblemState


class ProblemFilterForm(forms.Form):
    q = forms.CharField(label="Search the problems", max_length=200, required=False, strip=True)
    function = forms.ModelChoiceField(
        queryset=PriorityFunction.objects.order_by("number"), to_field_name="number", required=False,
        empty_label="Any priority function", label="Priority function",
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.order_by("name"), to_field_name="slug", required=False,
        empty_label="Any borough", label="Borough",
    )
    state = forms.ChoiceField(choices=[("", "Any state"), *SystemProblemState.choices], required=False, label="State")

    def filters(self) -> dict:
        """The valid filters (an unknown value counts as no filter)."""
        if not self.is_valid():
            return {"text": self.data.get("q", "")[:200] if hasattr(self.data, "get") else ""}
        data = self.cleaned_data
        return {
            "text": data["q"],
            "function": data["function"].pk if data["function"] else None,
            "borough": data["borough"].pk if data["borough"] else None,
            "state": data["state"],
        }


class SystemProblemForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter a title"})
    description = forms.CharField(
        label="The problem", max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What is the problem, for whom, and why it needs people to work across boundaries.",
        error_messages={"required": "Describe the problem"},
    )
    owner = AccountEmailField(
        label="Owner's email address", required=False,
        help_text="The person who owns the problem and hears what is attached to it. They need an account.",
        missing=", or ask them to create an account first",
    )
    board = forms.CharField(
        label="Board or network", max_length=200,
        help_text="The board or network the problem belongs to and reports back to, for example "
        "'SEL ICB Board' or 'Lewisham Local Care Partnership'.",
        error_messages={"required": "Enter the board or network the problem belongs to"},
    )
    priority_functions = PriorityFunctionField(
        queryset=PriorityFunction.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Priority functions",
    )
    boroughs = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple,
        label="Boroughs", help_text="Leave empty for a problem across all of south east London.",
    )
    spatial_level = forms.ChoiceField(
        choices=[("", "Not set"), *SpatialLevel.choices], required=False, label="Spatial level",
        widget=forms.RadioSelect,
    )


class ReportBackForm(forms.Form):
    board = forms.CharField(
        label="Board or network reported to", max_length=200,
        error_messages={"required": "Enter the board or network it was reported to"},
    )
    reported_on = DateInputField(
        label="Date reported", what="Date reported", help_text="For example, 27 11 2026",
        error_messages={"required": "Enter the date it was reported"},
    )
    summary = forms.CharField(
        label="Summary of what was reported", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a summary of what was reported"},
    )
    decision = forms.ChoiceField(
        choices=AdoptionDecision.choices, widget=forms.RadioSelect, label="Adoption decision",
        error_messages={"required": "Select the adoption decision"},
    )
    decided_by = forms.CharField(
        label="Decided by", max_length=200, required=False,
        help_text="Who made the decision, for example 'the ICB Board' or 'the LCP executive'.",
    )


class MoveProblemForm(forms.Form):
    note = forms.CharField(label="Note (optional)", max_length=500, required=False, widget=forms.Textarea(
        attrs={"rows": 2}
    ))


class OfferFilterForm(forms.Form):
    q = forms.CharField(label="Search the offers", max_length=200, required=False, strip=True)
    kind = forms.ChoiceField(choices=[("", "Any kind of provider"), *ProviderKind.choices], required=False,
                             label="Kind of provider")
    function = forms.ModelChoiceField(
        queryset=PriorityFunction.objects.order_by("number"), to_field_name="number", required=False,
        empty_label="Any priority function", label="Priority function",
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.order_by("name"), to_field_name="slug", required=False,
        empty_label="Any borough", label="Borough",
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "text": data["q"],
            "kind": data["kind"],
            "function": data["function"].pk if data["function"] else None,
            "borough": data["borough"].pk if data["borough"] else None,
        }


class ExternalOfferForm(forms.Form):
    name = forms.CharField(label="Name of the offer", max_length=200,
                           error_messages={"required": "Enter the name of the offer"})
    provider_kind = forms.ChoiceField(choices=ProviderKind.choices, widget=forms.RadioSelect,
                                      label="Kind of provider",
                                      error_messages={"required": "Select the kind of provider"})
    provider_name = forms.CharField(label="Provider", max_length=200,
                                    error_messages={"required": "Enter the provider's name"})
    description = forms.CharField(label="Description", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                                  error_messages={"required": "Describe the offer"})
    url = forms.URLField(label="Web address", max_length=500, assume_scheme="https",
                         help_text="The offer's own page, for example https://www.example.nhs.uk/leadership",
                         error_messages={"required": "Enter the offer's web address",
                                         "invalid": "Enter a web address, like https://www.example.nhs.uk"})
    leader_groups = forms.ModelMultipleChoiceField(
        queryset=LeaderGroup.objects.order_by("position"), required=False, widget=forms.CheckboxSelectMultiple,
        label="Who it is for",
    )
    professions = forms.ModelMultipleChoiceField(
        queryset=Profession.objects.order_by("position", "name"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Professions",
        help_text="Leave empty if it is for every profession.",
    )
    priority_functions = PriorityFunctionField(
        queryset=PriorityFunction.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Priority functions",
    )
    boroughs = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.order_by("name"), required=False, widget=forms.CheckboxSelectMultiple,
        label="Boroughs", help_text="Leave empty if it is open across south east London.",
    )
    cost = forms.CharField(label="Cost", max_length=100, required=False,
                           help_text="For example 'Free' or 'Funded for NHS staff'.")
    active = forms.BooleanField(label="List this offer in the register", required=False, initial=True)
