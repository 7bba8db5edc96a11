"""Forms for governance pages. They parse and check input; saving goes through governance.services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from governance.kinds import ReferenceKind
from governance.models import MAX_WTE, MIN_WTE

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


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
    form_class = type(f"{kind.model.__name__}Form", (forms.ModelForm,), attrs)
    if "kind" in kind.fields:
        form_class.base_fields["kind"].choices = [
            choice for choice in form_class.base_fields["kind"].choices if choice[0]
        ]
    return form_class


class SeatForm(forms.Form):
    holder_email = forms.EmailField(
        label="Email address of the person who holds the seat",
        help_text="They need an account on this portal.",
        error_messages={
            "required": "Enter the email address of the person who holds the seat",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    term_starts = forms.DateField(
        label="Term of office starts", widget=DATE_WIDGET, help_text="For example, 1 April 2026.",
        error_messages={"required": "Enter the date the term starts", "invalid": "Enter a real date"},
    )
    term_ends = forms.DateField(
        label="Term of office ends", widget=DATE_WIDGET,
        help_text="The holder and the secretariat are reminded 60 days before.",
        error_messages={"required": "Enter the date the term ends", "invalid": "Enter a real date"},
    )

    def clean_holder_email(self):
        email = self.cleaned_data["holder_email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                "No one with this email address has an account on the portal. Check the address, or ask them "
                "to create an account first"
            )
        self.holder = user
        return email
