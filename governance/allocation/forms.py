"""Forms for the allocation model. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms

from academy.directory.models import Borough, PriorityFunction, ProviderCollaborative
from governance.allocation.selectors import Status
from governance.models import MODEL_LEVELS, CarePathwayProgramme, ClinicalNetwork, RoleType

LEVEL_CHOICES = [(level.value, level.label) for level in MODEL_LEVELS]


class ExpectedRoleForm(forms.Form):
    title = forms.CharField(
        label="Title of the role",
        max_length=200,
        help_text='For example, "Workforce resilience lead".',
        error_messages={"required": "Enter the title of the role"},
    )
    function = forms.ModelChoiceField(
        label="Priority function",
        queryset=PriorityFunction.objects.all(),
        error_messages={"required": "Select the priority function"},
    )
    spatial_level = forms.ChoiceField(
        label="Spatial level",
        choices=LEVEL_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the spatial level"},
    )
    collaborative = forms.ModelChoiceField(
        label="Provider collaborative",
        queryset=ProviderCollaborative.objects.all(),
        required=False,
        help_text="Only for a role in a provider collaborative.",
    )
    borough = forms.ModelChoiceField(
        label="Borough (Local Care Partnership)",
        queryset=Borough.objects.all(),
        required=False,
        help_text="Only for a role in a Local Care Partnership.",
    )
    clinical_network = forms.ModelChoiceField(
        label="Clinical network",
        queryset=ClinicalNetwork.objects.all(),
        required=False,
        help_text="For a clinical network lead.",
    )
    programme = forms.ModelChoiceField(
        label="Care pathway programme",
        queryset=CarePathwayProgramme.objects.all(),
        required=False,
        help_text="For a care pathway transformation role.",
    )
    expected_wte = forms.DecimalField(
        label="Expected WTE",
        max_digits=3,
        decimal_places=2,
        help_text="From 0.1 to 1.0; 0.2 WTE is one day a week.",
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-4"}),
        error_messages={
            "required": "Enter the expected WTE, from 0.1 to 1.0",
            "invalid": "Enter the expected WTE as a number, like 0.2",
            "max_digits": "Enter the expected WTE from 0.1 to 1.0",
            "max_decimal_places": "Enter the expected WTE with no more than 2 decimal places, like 0.25",
            "max_whole_digits": "Enter the expected WTE from 0.1 to 1.0",
        },
    )
    role_type = forms.ModelChoiceField(
        label="Rate card line",
        queryset=RoleType.objects.all(),
        required=False,
        help_text="Prices the time no role pays for yet. Leave empty if you do not know yet: the gap in money "
        "then leaves this role out and says so.",
    )
    notes = forms.CharField(
        label="Notes (optional)", max_length=300, required=False, help_text="For example, who the role is joint with."
    )

    FIELDS = (
        "title",
        "function",
        "spatial_level",
        "collaborative",
        "borough",
        "clinical_network",
        "programme",
        "expected_wte",
        "role_type",
        "notes",
    )

    def service_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.FIELDS}

    @classmethod
    def initial_for(cls, expected) -> dict:
        return {name: getattr(expected, name) for name in cls.FIELDS}


class ProgrammeForm(forms.Form):
    name = forms.CharField(
        label="Name of the care pathway programme",
        max_length=200,
        help_text='For example, "Cancer" or "Urgent and emergency care".',
        error_messages={"required": "Enter the name of the programme"},
    )
    role_type = forms.ModelChoiceField(
        label="Rate card line for its roles (optional)",
        queryset=RoleType.objects.all(),
        required=False,
        help_text="Prices the programme's time that no role pays for yet.",
    )


class GapFilterForm(forms.Form):
    """Narrows the gap table. Never shows errors: an unknown choice shows every cell."""

    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Every status"), *[(status, Status.LABELS[status]) for status in Status.ORDER]],
    )
    function = forms.ModelChoiceField(
        label="Priority function",
        required=False,
        queryset=PriorityFunction.objects.all(),
        empty_label="All functions",
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "function_id": data["function"].pk if data.get("function") else None,
        }
