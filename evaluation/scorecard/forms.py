"""The evaluator's form for an indicator's value in a quarter. Saving goes through services.record_value."""

from __future__ import annotations

from django import forms

from evaluation.scorecard.indicators import ENTERED


class IndicatorValueForm(forms.Form):
    indicator = forms.ChoiceField(
        label="Indicator",
        error_messages={"required": "Select the indicator", "invalid_choice": "Select the indicator"},
    )
    quarter = forms.ChoiceField(
        label="Quarter", help_text="The quarter of the NHS financial year the figure is for.",
        error_messages={"required": "Select the quarter", "invalid_choice": "Select the quarter"},
    )
    value = forms.DecimalField(
        label="Value", help_text="A number. For a percentage, enter 72 for 72%.",
        max_digits=12, decimal_places=4,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}),
        error_messages={"required": "Enter the value", "invalid": "Enter the value as a number, like 72",
                        "max_digits": "Enter a smaller value", "max_whole_digits": "Enter a smaller value",
                        "max_decimal_places": "Enter the value with 4 decimal places at most"},
    )
    source = forms.CharField(
        label="Source", max_length=300,
        help_text="Where the figure came from, for example 'Leaders' survey, wave 3 (n = 84)'.",
        error_messages={"required": "Say where the figure came from",
                        "max_length": "The source must be 300 characters or fewer"},
    )

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [("", "Select an indicator"), *[(i.key, i.name) for i in ENTERED]]
        self.fields["quarter"].choices = [("", "Select a quarter"), *[(q.key, q.label) for q in quarters]]
        self.quarters = {q.key: q for q in quarters}

    def service_data(self) -> dict:
        return {
            "indicator_key": self.cleaned_data["indicator"], "quarter": self.quarters[self.cleaned_data["quarter"]],
            "value": self.cleaned_data["value"], "source": self.cleaned_data["source"],
        }
