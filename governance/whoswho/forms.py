"""Forms for the who's who: the search and filters (signed-in and public), and a holder's own entry."""

from __future__ import annotations

from django import forms

from academy.directory.models import Borough, PriorityFunction, Profession, ProviderCollaborative
from academy.directory.selectors import match_organisation
from governance.models import ClinicalNetwork, WhosWhoEntry
from governance.whoswho import selectors

S = selectors


def where_choices() -> list:
    """The "where" filter's choices, grouped by spatial level (three queries)."""
    collaboratives = [(f"{S.LEVEL_COLLABORATIVE}:{c.slug}", c.name) for c in ProviderCollaborative.objects.all()]
    lcps = [(f"{S.LEVEL_LCP}:{b.slug}", b.lcp_name) for b in Borough.objects.order_by("name")]
    networks = [(f"{S.LEVEL_NETWORK}:{n.pk}", n.name) for n in ClinicalNetwork.objects.all()]
    return [
        ("", "Anywhere"),
        (
            "Levels",
            [
                (S.LEVEL_ICS, "ICS body"),
                (S.LEVEL_COLLABORATIVE, "Any provider collaborative"),
                (S.LEVEL_LCP, "Any Local Care Partnership (borough)"),
                (S.LEVEL_NETWORK, "Any clinical network"),
                (S.LEVEL_CCPLG, "C&CP Leadership Group"),
                (S.LEVEL_ORGANISATION, "Organisations (the 5th space)"),
            ],
        ),
        ("Provider collaboratives", collaboratives),
        ("Local Care Partnerships", lcps),
        ("Clinical networks", networks),
    ]


class WhosWhoSearchForm(forms.Form):
    q = forms.CharField(
        label="Name or role title",
        max_length=200,
        required=False,
        strip=True,
        help_text='For example, a surname or "diabetes".',
    )
    function = forms.ModelChoiceField(
        label="Priority function",
        queryset=PriorityFunction.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label="Any priority function",
        error_messages={"invalid_choice": "Select a priority function from the list"},
    )
    where = forms.ChoiceField(
        label="Where they lead",
        required=False,
        choices=(),
        error_messages={"invalid_choice": "Select where they lead from the list"},
    )
    profession = forms.ModelChoiceField(
        label="Profession",
        queryset=Profession.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label="Any profession",
        error_messages={"invalid_choice": "Select a profession from the list"},
    )
    # A text box (1,600 organisations at scale), as in the leaders directory, with the same suggestions.
    organisation = forms.CharField(
        label="Organisation",
        max_length=200,
        required=False,
        strip=True,
        help_text="Enter all or part of the organisation's name.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def __init__(self, *args, source_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["where"].choices = where_choices()
        for field in self.fields.values():
            field.hide_optional = True  # every filter is optional: "(optional)" on each would be noise
        if source_url:
            self.fields["organisation"].widget.attrs["data-autocomplete-source"] = source_url

    def clean_organisation(self):
        text = self.cleaned_data["organisation"]
        if not text:
            return None
        match = match_organisation(text)
        if match is None:
            raise forms.ValidationError("No organisation has a name like that. Check the spelling or enter less of it")
        return match

    def filters(self) -> selectors.WhosWhoFilters:
        data = {}
        if self.is_bound:
            self.is_valid()  # keep the fields that are valid; the page shows the others' errors
            data = self.cleaned_data
        return selectors.WhosWhoFilters(
            q=data.get("q") or "",
            function=data.get("function"),
            where=data.get("where") or "",
            profession=data.get("profession"),
            organisation=data.get("organisation"),
        )


class PublicSearchForm(WhosWhoSearchForm):
    """The public page filters by the role only: a holder's profession or organisation is not public."""

    q = forms.CharField(
        label="Role title or name",
        max_length=200,
        required=False,
        strip=True,
        help_text="Names are found only where the post holder has agreed to publish them.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["profession"], self.fields["organisation"]


class WhosWhoEntryForm(forms.ModelForm):
    class Meta:
        model = WhosWhoEntry
        fields = ["contact_email", "public_consent"]
        widgets = {"contact_email": forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"})}
        error_messages = {
            "contact_email": {"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
        }
