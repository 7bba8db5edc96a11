"""Forms for the Academy's spend by programme. Saving goes through the services."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from programmes.challenge_fund.services import PROGRAMME_SLUG as CHALLENGE_FUND_SLUG
from programmes.core import selectors as programmes


class ProgrammeSpendForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Programme", queryset=None, empty_label="Select a programme",
        error_messages={"required": "Select the programme", "invalid_choice": "Select the programme"},
    )
    quarter = forms.ChoiceField(
        label="Quarter", help_text="The quarter of the NHS financial year the money was spent in.",
        error_messages={"required": "Select the quarter", "invalid_choice": "Select the quarter"},
    )
    amount = forms.DecimalField(
        label="Amount (£)", min_value=Decimal("0.01"), max_digits=12, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}),
        error_messages={
            "required": "Enter the amount", "invalid": "Enter the amount in pounds, like 1250.50",
            "min_value": "Enter an amount more than £0", "max_decimal_places": "Enter pounds and pence at most",
            "max_digits": "The amount must be less than £10,000,000,000",
            "max_whole_digits": "The amount must be less than £10,000,000,000",
        },
    )
    description = forms.CharField(
        label="What it was spent on", max_length=300,
        help_text="For example, 'Facilitators and venue for cohort 2'.",
        error_messages={"required": "Describe what the money was spent on",
                        "max_length": "The description must be 300 characters or fewer"},
    )

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The Challenge Fund's spend is its awards, so it is not recorded here.
        self.fields["programme"].queryset = programmes.all_programmes().exclude(slug=CHALLENGE_FUND_SLUG)
        self.fields["quarter"].choices = [("", "Select a quarter"), *[(q.key, q.label) for q in quarters]]
        self.quarters = {q.key: q for q in quarters}

    def service_data(self) -> dict:
        quarter = self.quarters[self.cleaned_data["quarter"]]
        return {
            "programme": self.cleaned_data["programme"], "year": quarter.year, "quarter": quarter.number,
            "amount": self.cleaned_data["amount"], "description": self.cleaned_data["description"],
        }
