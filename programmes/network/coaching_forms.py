"""Forms of the network's coaching: a leader's request, the coaching lead's pool of coaches and assigning,
and the coach's log of sessions (a date and a count: there is no field for anything said)."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth import get_user_model

from academy.ui.forms import DateInputField
from programmes.network.coaching_services import MAX_COACH_CAPACITY, MAX_SESSIONS_A_DAY, MAX_TEAM_SIZE
from programmes.network.models import (
    AccreditationBody,
    Coach,
    CoachingFor,
    CoachingFormat,
    CoachingUrgency,
    CoachStatus,
)


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class CoachingRequestForm(forms.Form):
    for_whom = forms.ChoiceField(
        label="Who is the coaching for?", choices=CoachingFor.choices, widget=forms.RadioSelect,
        error_messages={"required": "Say whether the coaching is for you or your team"},
    )
    team_size = forms.IntegerField(
        label="If it is for your team, how many people are in it?", required=False, min_value=2,
        max_value=MAX_TEAM_SIZE, widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"invalid": "Enter the team's size as a whole number",
                        "min_value": "A team has at least 2 people",
                        "max_value": f"Enter {MAX_TEAM_SIZE} people or fewer"},
    )
    what_for = forms.CharField(
        label="What would you like coaching for?",
        help_text="One or two sentences, for the coaching lead to find the right coach. Keep anything private "
        "for your coach.",
        max_length=300, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say in a sentence what you would like coaching for",
                        "max_length": "What the coaching is for must be 300 characters or fewer"},
    )
    urgency = forms.ChoiceField(
        label="How soon would you like to start?", choices=CoachingUrgency.choices, widget=forms.RadioSelect,
        error_messages={"required": "Say how soon you would like to start"},
    )
    format = forms.ChoiceField(
        label="How would you like to meet?", choices=CoachingFormat.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose in person, online, or either"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()

    def clean(self):
        data = super().clean()
        if data.get("for_whom") == CoachingFor.TEAM and not data.get("team_size") and "team_size" not in self.errors:
            self.add_error("team_size", "Say how many people are in the team")
        return data


class CoachForm(forms.Form):
    email = forms.EmailField(
        label="The coach's email address",
        help_text="They need an account on the portal: ask them to sign in once first.",
        error_messages={"required": "Enter the coach's email address",
                        "invalid": "Enter an email address like name@nhs.net"},
    )
    accreditation_body = forms.ChoiceField(
        label="Accredited by", choices=AccreditationBody.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the body that accredits the coach"},
    )
    accreditation_level = forms.CharField(
        label="Level of accreditation", max_length=100, help_text="For example Senior Practitioner, PCC or Level 7.",
        error_messages={"required": "Enter the coach's level of accreditation",
                        "max_length": "The level must be 100 characters or fewer"},
    )
    specialisms = forms.CharField(
        label="Specialisms", max_length=300, required=False,
        help_text="For example team coaching, career transitions, leading across organisations.",
        error_messages={"max_length": "Specialisms must be 300 characters or fewer"},
    )
    capacity = forms.IntegerField(
        label="How many coachees at once", min_value=1, max_value=MAX_COACH_CAPACITY, initial=2,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"required": "Enter how many coachees they can take at once",
                        "invalid": "Enter a whole number", "min_value": "Enter at least 1",
                        "max_value": f"Enter {MAX_COACH_CAPACITY} or fewer"},
    )
    status = forms.ChoiceField(
        label="Taking on coachees?", choices=CoachStatus.choices, widget=forms.RadioSelect,
        initial=CoachStatus.ACTIVE, error_messages={"required": "Say whether the coach is taking on coachees"},
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["email"]
        self.helper = _helper()

    def clean_email(self):
        email = self.cleaned_data["email"]
        person = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if person is None:
            raise forms.ValidationError("There is no account with this email address: ask them to sign in once first")
        self.cleaned_data["person"] = person
        return email


class AssignForm(forms.Form):
    coach = forms.ModelChoiceField(
        label="Offer the request to", queryset=Coach.objects.none(), widget=forms.RadioSelect,
        error_messages={"required": "Choose a coach", "invalid_choice": "Choose one of the coaches with a place free"},
    )

    def __init__(self, *args, coaches=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["coach"]
        field.queryset = Coach.objects.filter(pk__in=[c.pk for c in coaches])
        labels = {c.pk: _coach_label(c) for c in coaches}
        field.label_from_instance = lambda coach: labels.get(coach.pk, str(coach))
        self.helper = _helper()


def _coach_label(coach: Coach) -> str:
    free = coach.capacity - coach.taken
    details = "; ".join(filter(None, [coach.get_accreditation_body_display(), coach.accreditation_level,
                                      coach.specialisms]))
    return f"{coach.person.get_full_name() or coach.person.email} ({details}; {free} of {coach.capacity} places free)"


class SessionForm(forms.Form):
    held_on = DateInputField(label="Date of the session", what="The session date",
                             help_text="For example, 27 11 2026",
                             error_messages={"required": "Enter the date of the session"})
    count = forms.IntegerField(
        label="How many sessions on that day", min_value=1, max_value=MAX_SESSIONS_A_DAY, initial=1,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"required": "Enter how many sessions", "invalid": "Enter a whole number",
                        "min_value": "Enter at least 1", "max_value": f"Enter {MAX_SESSIONS_A_DAY} or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
