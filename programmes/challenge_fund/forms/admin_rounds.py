"""The fund's programme admins' forms for a round: its details, questions, review rubric and emails."""

from __future__ import annotations

import datetime as dt

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms

from programmes.challenge_fund.forms.fields import LONDON, date_field, london_moment, money_field, time_field
from programmes.challenge_fund.models import Criterion, Question, Round
from programmes.challenge_fund.services import PLACEHOLDERS


class RoundForm(forms.ModelForm):
    budget = money_field("Budget (£)", "Enter the round's budget")
    min_award = money_field("Minimum award (£)", "Enter the minimum award")
    max_award = money_field("Maximum award (£)", "Enter the maximum award")
    opens_on = date_field("Opening date", "opening")
    opens_time = time_field("Opening time", "opening")
    closes_on = date_field("Closing date", "closing")
    closes_time = time_field("Closing time", "closing")
    min_partner_organisations = forms.IntegerField(
        label="Organisations that must take part",
        help_text="Counting the lead's organisation. For example 2: partners come from at least two organisations.",
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter how many organisations must take part",
            "invalid": "Enter a whole number from 1 to 10",
            "min_value": "Enter a number from 1 to 10",
            "max_value": "Enter a number from 1 to 10",
        },
    )
    score_max = forms.IntegerField(
        label="Top score for each criterion",
        help_text="Reviewers score each criterion from 0 to this number.",
        min_value=1,
        max_value=10,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter the top score",
            "invalid": "Enter a whole number from 1 to 10",
            "min_value": "Enter a top score from 1 to 10",
            "max_value": "Enter a top score from 1 to 10",
        },
    )

    class Meta:
        model = Round
        fields = [
            "title", "summary", "guidance", "eligibility", "budget", "min_award", "max_award",
            "min_partner_organisations", "require_priority_function", "score_max", "sealed", "blind_review",
        ]
        labels = {
            "title": "Title",
            "summary": "Summary",
            "guidance": "Guidance for applicants",
            "eligibility": "Eligibility rules",
            "require_priority_function": "Bids must address at least one of the 10 priority functions",
            "sealed": "Seal the round: staff see no bid until it closes",
            "blind_review": "Blind review: reviewers do not see applicants' names or organisations",
        }
        help_texts = {
            "require_priority_function": "",
            "sealed": "Counts of bids are still shown.",
            "blind_review": "",
            "eligibility": "In plain English, for example: the lead is a clinical or care professional working "
            "in south east London; partners come from at least two organisations.",
        }
        widgets = {"guidance": forms.Textarea(attrs={"rows": 8}), "eligibility": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Enter the round's title"},
            "summary": {"required": "Enter a one-sentence summary"},
            "guidance": {"required": "Enter the guidance for applicants"},
            "eligibility": {"required": "Enter the eligibility rules"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            opens = self.instance.opens_at.astimezone(LONDON)
            closes = self.instance.closes_at.astimezone(LONDON)
            self.initial.update(
                opens_on=opens.date(), opens_time=opens.time(), closes_on=closes.date(), closes_time=closes.time()
            )
        else:
            self.initial.setdefault("opens_time", dt.time(9, 0))
            self.initial.setdefault("closes_time", dt.time(12, 0))
            self.initial.setdefault("min_partner_organisations", 2)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title", "summary", "guidance", "eligibility",
            Fieldset("Money", "budget", "min_award", "max_award"),
            Fieldset("Dates", "opens_on", "opens_time", "closes_on", "closes_time"),
            Fieldset("Rules checked for every bid", "min_partner_organisations", "require_priority_function"),
            Fieldset("Review", "score_max", "sealed", "blind_review"),
        )

    def _post_clean(self):
        """No model validation here: the service checks the rules with messages that say how to put them
        right, and the database constraints back them up. Django's generic "Constraint ... is violated"
        would only repeat them unhelpfully. The form never saves the instance."""
    def _moment(self, day_field: str, time_field: str, what: str):
        day, time = self.cleaned_data.get(day_field), self.cleaned_data.get(time_field)
        if day is None or time is None:
            return None
        try:
            return london_moment(day, time)
        except forms.ValidationError:
            self.add_error(
                time_field,
                f"The {what} time does not exist on that day because the clocks go forward. Choose another time",
            )
            return None

    def clean(self):
        data = super().clean()
        data["opens_at"] = self._moment("opens_on", "opens_time", "opening")
        data["closes_at"] = self._moment("closes_on", "closes_time", "closing")
        return data

    def service_values(self) -> dict:
        names = [*self.Meta.fields, "opens_at", "closes_at"]
        return {name: self.cleaned_data[name] for name in names}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "hint"]
        labels = {"text": "Question", "hint": "Hint (optional)"}
        help_texts = {"hint": "Shown under the question to help applicants answer it."}
        error_messages = {"text": {"required": "Enter the question"}}


class CriterionForm(forms.ModelForm):
    weight = forms.IntegerField(
        label="Weight",
        help_text="From 1 to 10. A criterion with weight 2 counts twice as much as one with weight 1.",
        min_value=1,
        max_value=10,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter a weight from 1 to 10",
            "invalid": "Enter a weight from 1 to 10",
            "min_value": "Enter a weight from 1 to 10",
            "max_value": "Enter a weight from 1 to 10",
        },
    )

    class Meta:
        model = Criterion
        fields = ["title", "guidance", "weight"]
        labels = {"title": "Criterion", "guidance": "Score guidance"}
        help_texts = {"guidance": "What a low and a high score look like."}
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Enter the criterion, for example 'System benefit'"},
            "guidance": {"required": "Enter the score guidance"},
        }

    def _post_clean(self):
        """The service checks the weight and the title (see RoundForm._post_clean)."""


class EmailForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Enter the message"},
    )

    def __init__(self, *args, placeholders: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if placeholders:

            self.fields["body"].help_text = "You can use " + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + "."
