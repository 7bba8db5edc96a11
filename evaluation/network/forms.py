"""The name-generator survey's form: the people a person names this quarter (directory user ids). The
service checks them (how many, not themselves, no one twice, listed in the directory) and refuses the lot
on any mistake."""

from __future__ import annotations

from django import forms


class _People(forms.MultipleChoiceField):
    """Ticked people: the choices are whoever the page offered (their saved names and the search results),
    so any value is accepted here and the service decides."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value) -> bool:
        return True


class NameGeneratorForm(forms.Form):
    person = _People(label="People you worked with across boundaries this quarter", required=False)

    def people(self) -> list[str]:
        return self.cleaned_data["person"]
