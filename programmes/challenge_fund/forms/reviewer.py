"""The reviewers' forms: the declaration of interest and the scores."""

from __future__ import annotations

from django import forms


class DeclareForm(forms.Form):
    conflicted = forms.TypedChoiceField(
        label="Do you have a conflict of interest with this bid?",
        help_text="For example: you, your team or a close colleague would take part in the project or gain from it.",
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict of interest")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you have a conflict of interest"},
    )
    reason = forms.CharField(
        label="If yes, describe the conflict",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreForm(forms.Form):
    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(round_.criteria.all())
        top = round_.score_max
        for criterion in self.criteria:
            message = f"Score '{criterion.title}' from 0 to {top}"
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.title}: score from 0 to {top}",
                help_text=f"{criterion.guidance} Weight {criterion.weight}.",
                min_value=0,
                max_value=top,
                widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
                error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.title}: comment (optional)", required=False, max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"comment_{criterion.pk}"].hide_optional = True
        self.fields["comments"] = forms.CharField(
            label="Overall comments for the panel", required=False, max_length=10000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"]) for c in self.criteria
        }
