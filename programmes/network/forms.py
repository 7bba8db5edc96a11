"""Forms of the managed network: joining, applying to an intake, the admins' decisions, intakes and
Big Room events. Rendered by the crispy ``nhsuk`` pack; services' errors come back through
``academy.ui.shortcuts.submit``."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from academy.directory.models import PriorityFunction
from academy.ui.forms import DateInputField, DateTimeInputField
from programmes.network.models import Membership, MembershipState, SupporterRole


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def interests_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label="Which of the 10 priority functions interest you?",
        help_text="Choose any that apply. You can change them later.",
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class JoinForm(forms.Form):
    interests = interests_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class InterestsForm(JoinForm):
    pass


class ApplyForm(forms.Form):
    interests = interests_field()
    hopes = forms.CharField(
        label="What do you hope to get from the network?",
        help_text="A few sentences are enough.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Say what you hope to get from the network",
            "max_length": "What you hope for must be 2,000 characters or fewer",
        },
    )
    supporter_role = forms.ChoiceField(
        label="Who supports your time?",
        choices=SupporterRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether your line manager or a sponsor supports your time"},
    )
    supporter_name = forms.CharField(
        label="Their full name", max_length=200, error_messages={"required": "Enter their full name"}
    )
    supporter_email = forms.EmailField(
        label="Their email address",
        help_text="We email them a link to say whether they support your time. They do not need an account.",
        error_messages={"required": "Enter their email address", "invalid": "Enter an email address like name@nhs.net"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class DecideForm(forms.Form):
    """The admins' bulk decision on the applications ticked in the members list."""

    memberships = forms.ModelMultipleChoiceField(
        queryset=Membership.objects.filter(state=MembershipState.APPLIED),
        error_messages={"required": "Choose at least one application", "invalid_choice": "Choose again"},
    )
    decision = forms.ChoiceField(
        choices=[(MembershipState.ACCEPTED, "Accept"), (MembershipState.DECLINED, "Decline")],
        error_messages={"required": "Choose whether to accept or decline"},
    )


class IntakeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the intake's name"})
    opens_on = DateInputField(label="Applications open", what="The opening date",
                              error_messages={"required": "Enter the opening date"})
    closes_on = DateInputField(label="Applications close", what="The closing date",
                               error_messages={"required": "Enter the closing date"})
    starts_on = DateInputField(label="The intake starts", what="The start date",
                               error_messages={"required": "Enter the start date"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class EventForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the event's title"})
    summary = forms.CharField(
        label="What the event is about",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what the event is about"},
    )
    starts_at = DateTimeInputField(
        label="Starts", what="The start", error_messages={"required": "Enter when it starts"}
    )
    ends_at = DateTimeInputField(label="Ends", what="The end", error_messages={"required": "Enter when it ends"})
    venue = forms.CharField(label="Venue", max_length=300, error_messages={"required": "Enter the venue"})
    capacity = forms.IntegerField(
        label="Places", min_value=1, max_value=5000,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4"}),
        error_messages={"required": "Enter how many people can come", "invalid": "Enter a whole number",
                        "min_value": "Enter at least 1 place", "max_value": "Enter 5,000 places or fewer"},
    )
    table_size = forms.IntegerField(
        label="Seats at each table", min_value=2, max_value=20, initial=8,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"required": "Enter the seats at each table", "invalid": "Enter a whole number",
                        "min_value": "A table needs at least 2 seats", "max_value": "Enter 20 seats or fewer"},
    )
    alumni_only = forms.BooleanField(
        label="For alumni only", required=False,
        help_text="Only people who have completed an Academy programme can say they are coming.",
    )
    recording_url = forms.URLField(
        label="Link to the recording", required=False, assume_scheme="https",
        help_text="Once the event has taken place.",
        error_messages={"invalid": "Enter the recording's web address, starting https://"},
    )
    slides_url = forms.URLField(
        label="Link to the slides", required=False, assume_scheme="https",
        help_text="Once the event has taken place.",
        error_messages={"invalid": "Enter the slides' web address, starting https://"},
    )

    def __init__(self, *args, show_links: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_links:
            del self.fields["recording_url"]
            del self.fields["slides_url"]
        self.helper = _helper()
