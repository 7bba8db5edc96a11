"""The talent pool page's filters: how far ahead to look, which opening, and the entry's own fields."""

from __future__ import annotations

from django import forms

from academy.directory.models import Borough, PriorityFunction
from governance.talent import selectors
from programmes.network.talent_selectors import ASPIRATION_CHOICES, READINESS_CHOICES


class TalentFilterForm(forms.Form):
    months = forms.TypedChoiceField(
        label="Terms ending within",
        coerce=int,
        choices=[(m, f"{m} months") for m in selectors.WINDOWS],
        required=False,
        error_messages={"invalid_choice": "Select how far ahead to look from the list"},
    )
    opening = forms.ChoiceField(
        label="Ready for",
        required=False,
        error_messages={"invalid_choice": "Select an opening from the list"},
    )
    aspiration = forms.ChoiceField(
        label="Aspires to",
        choices=[("", "Any kind of role"), *ASPIRATION_CHOICES],
        required=False,
        error_messages={"invalid_choice": "Select a kind of role from the list"},
    )
    function = forms.ModelChoiceField(
        label="Priority function",
        queryset=PriorityFunction.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label="Any priority function",
        error_messages={"invalid_choice": "Select a priority function from the list"},
    )
    borough = forms.ModelChoiceField(
        label="Place",
        queryset=Borough.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any place",
        error_messages={"invalid_choice": "Select a place from the list"},
    )
    readiness = forms.ChoiceField(
        label="Ready",
        choices=[("", "Any time"), *READINESS_CHOICES],
        required=False,
        error_messages={"invalid_choice": "Select when from the list"},
    )

    def __init__(self, *args, found: list[selectors.Opening] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["months"].initial = selectors.DEFAULT_MONTHS
        self.fields["opening"].choices = [
            ("", "Any of the openings below"),
            (selectors.EVERYONE, "Everyone in the pool, whether or not they fit an opening"),
            *[(o.key, f"{o.title} ({o.where})") for o in found],
        ]
        for field in self.fields.values():
            field.hide_optional = True

    def filters(self) -> selectors.TalentFilters:
        data = {}
        if self.is_bound:
            self.is_valid()  # keep the fields that are valid; the page shows the others' errors
            data = self.cleaned_data
        function, borough = data.get("function"), data.get("borough")
        return selectors.TalentFilters(
            months=data.get("months") or selectors.DEFAULT_MONTHS,
            opening=data.get("opening") or "",
            aspiration=data.get("aspiration") or "",
            function_id=function.pk if function else None,
            borough_id=borough.pk if borough else None,
            readiness=data.get("readiness") or "",
        )


def months_from(params) -> int:
    """The window is read before the form is built (the openings it lists depend on it)."""
    try:
        months = int(params.get("months") or selectors.DEFAULT_MONTHS)
    except ValueError:
        return selectors.DEFAULT_MONTHS
    return months if months in selectors.WINDOWS else selectors.DEFAULT_MONTHS
