"""Forms for the reference data. They parse and check input; saving goes through the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from governance.models import MAX_WTE, MIN_WTE
from governance.reference.kinds import ReferenceKind


def reference_form_class(kind: ReferenceKind) -> type[forms.ModelForm]:
    """A form for one kind of reference data, with messages that say what to put right."""
    error_messages = {}
    for name in kind.fields:
        label = kind.labels.get(name, name).lower()
        error_messages[name] = {
            "required": f"Enter the {label}" if name != "kind" else "Select the type of structure",
            "unique": f"There is already a {kind.singular} with this {label}. Enter a different one.",
            "max_length": f"The {label} must be %(limit_value)d characters or fewer",
        }
    if "default_wte" in kind.fields:
        error_messages["default_wte"].update(
            invalid="Enter the WTE as a number, like 0.2",
            min_value=f"The default WTE must be {MIN_WTE} or more",
            max_value=f"The default WTE must be {MAX_WTE} or less",
            max_decimal_places="Enter the WTE to 2 decimal places at most, like 0.25",
            max_digits="Enter the WTE as a number from 0.1 to 1.0",
            max_whole_digits="Enter the WTE as a number from 0.1 to 1.0",
        )
    if "annual_rate_per_wte" in kind.fields:
        error_messages["annual_rate_per_wte"].update(
            invalid="Enter the annual cost in pounds, like 95000",
            min_value="The annual cost must be more than £0",
            max_digits="The annual cost must be less than £100,000,000",
            max_whole_digits="The annual cost must be less than £100,000,000",
            max_decimal_places="Enter pounds and pence at most, like 95000.50",
        )
    widgets = {"kind": forms.RadioSelect} if "kind" in kind.fields else {}

    class Meta:
        model = kind.model
        fields = list(kind.fields)
        labels = kind.labels
        help_texts = kind.help_texts

    Meta.error_messages = error_messages
    Meta.widgets = widgets
    attrs = {"Meta": Meta}
    if "default_wte" in kind.fields:
        attrs["default_wte"] = forms.DecimalField(
            label=kind.labels["default_wte"], help_text=kind.help_texts.get("default_wte", ""),
            min_value=MIN_WTE, max_value=MAX_WTE, max_digits=3, decimal_places=2,
            error_messages=error_messages["default_wte"], widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
    if "annual_rate_per_wte" in kind.fields:
        attrs["annual_rate_per_wte"] = forms.DecimalField(
            label=kind.labels["annual_rate_per_wte"], help_text=kind.help_texts.get("annual_rate_per_wte", ""),
            min_value=Decimal("0.01"), max_digits=10, decimal_places=2,
            error_messages=error_messages["annual_rate_per_wte"],
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
    form_class = type(f"{kind.model.__name__}Form", (forms.ModelForm,), attrs)
    if "kind" in kind.fields:
        form_class.base_fields["kind"].choices = [
            choice for choice in form_class.base_fields["kind"].choices if choice[0]
        ]
    return form_class
