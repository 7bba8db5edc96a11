"""Forms of the network's mentoring: the offer, the request, the pair's agreement, a check-in and the
admins' pin or exclusion. Services check everything again."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from academy.directory.models import PriorityFunction
from academy.ui.forms import DateInputField
from programmes.network.mentoring_services import MAX_CAPACITY
from programmes.network.models import MentoringFormat


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _topics(label: str) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=label,
        help_text="Choose any of the 10 priority functions that apply.",
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the list", "invalid_pk_value": "Choose from the list"},
    )


def _format(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, choices=MentoringFormat.choices, widget=forms.RadioSelect, initial=MentoringFormat.EITHER,
        error_messages={"required": "Choose in person, online, or either", "invalid_choice": "Choose in person, "
                        "online, or either"},
    )


class OfferForm(forms.Form):
    capacity = forms.IntegerField(
        label="How many people could you mentor at once?", min_value=1, max_value=MAX_CAPACITY, initial=1,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"required": "Enter how many people you could mentor", "invalid": "Enter a whole number",
                        "min_value": f"Enter a number of people from 1 to {MAX_CAPACITY}",
                        "max_value": f"Enter a number of people from 1 to {MAX_CAPACITY}"},
    )
    topics = _topics("Which functions could you mentor on?")
    format = _format("How would you meet?")
    experience = forms.CharField(
        label="Your experience as a system leader", required=False, max_length=2000,
        help_text="A few sentences for the network's admins when they match.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "Your experience must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class RequestForm(forms.Form):
    hopes = forms.CharField(
        label="What would you like from a mentor?", required=False, max_length=2000,
        help_text="For example, a move you are thinking about, or a part of the system you want to understand.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "What you would like must be 2,000 characters or fewer"},
    )
    topics = _topics("Which functions would you like help with?")
    format = _format("How would you prefer to meet?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class AgreementForm(forms.Form):
    goals = forms.CharField(
        label="What is the mentoring for?", max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the mentoring is for",
                        "max_length": "The goals must be 3,000 characters or fewer"},
    )
    frequency = forms.CharField(
        label="How often will you meet?", max_length=200, help_text="For example, an hour once a month.",
        error_messages={"required": "Say how often you will meet",
                        "max_length": "How often must be 200 characters or fewer"},
    )
    confidentiality = forms.CharField(
        label="What stays between you?", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what stays between you",
                        "max_length": "What stays between you must be 2,000 characters or fewer"},
    )
    ends_on = DateInputField(label="When will the mentoring end?", what="The end date",
                             error_messages={"required": "Enter the end date"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CheckInForm(forms.Form):
    met = forms.TypedChoiceField(
        label="Have you met since the last check-in?", choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        error_messages={"required": "Say whether you have met", "invalid_choice": "Say whether you have met"},
    )
    useful = forms.TypedChoiceField(
        label="How useful is the mentoring?", help_text="1 is not useful, 5 is very useful.",
        choices=[(str(n), str(n)) for n in range(1, 6)], coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Choose how useful the mentoring is",
                        "invalid_choice": "Choose how useful the mentoring is"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class PinForm(forms.Form):
    """The admins pin a pair (it must be made) or exclude it (it must not), for the next run."""

    request = forms.TypedChoiceField(
        label="Mentee", coerce=int,
        error_messages={"required": "Choose a mentee", "invalid_choice": "Choose a mentee"},
    )
    offer = forms.TypedChoiceField(
        label="Mentor", coerce=int,
        error_messages={"required": "Choose a mentor", "invalid_choice": "Choose a mentor"},
    )
    kind = forms.ChoiceField(
        label="This pair", choices=[("pin", "Must be made (pin)"), ("exclude", "Must not be made (exclude)")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose pin or exclude", "invalid_choice": "Choose pin or exclude"},
    )

    def __init__(self, *args, requests=(), offers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = [("", "Choose a mentee")] + [
            (r.pk, r.mentee.get_full_name() or r.mentee.email) for r in requests]
        self.fields["offer"].choices = [("", "Choose a mentor")] + [
            (o.pk, o.mentor.get_full_name() or o.mentor.email) for o in offers]
        self.helper = _helper()
