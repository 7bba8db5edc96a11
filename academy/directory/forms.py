"""Forms for leader profiles, equality monitoring and the directory search. They only parse and check
input; saving goes through :mod:`academy.directory.services`."""

from __future__ import annotations

from django import forms

from academy.directory.models import (
    AgeBand,
    Borough,
    CareerStage,
    Disability,
    Ethnicity,
    GenderIdentitySameAsBirth,
    LeaderGroup,
    LeaderProfile,
    NoLineManagerReason,
    Organisation,
    PriorityFunction,
    Profession,
    Religion,
    Sex,
    SexualOrientation,
)
from academy.directory.selectors import DirectoryFilters, match_organisation
from academy.directory.services import OWN_EMAIL_MESSAGE
from academy.ui.forms import HintedLabel


class LeaderGroupField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LeaderGroup) -> str:
        return HintedLabel(obj.name, obj.key_features)


class PriorityFunctionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PriorityFunction) -> str:
        return HintedLabel(obj.name, obj.definition)


# The purpose of each field that holds the person's own details (WCAG 1.3.5, HTML autofill tokens).
OWN_DETAILS_AUTOCOMPLETE = {
    "first_name": "given-name",
    "last_name": "family-name",
    "job_title": "organization-title",
    "organisation": "organization",
}


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": "Enter your first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": "Enter your last name"}
    )
    leader_group = LeaderGroupField(
        queryset=LeaderGroup.objects.order_by("position"),
        widget=forms.RadioSelect,
        empty_label=None,
        label="Which of the Academy's four leader groups fits you best?",
        help_text="The Academy shapes its programmes around these groups. Choose the closest.",
        error_messages={"required": "Select the leader group that fits you best"},
    )
    has_line_manager = forms.ChoiceField(
        label="Do you have a line manager?",
        help_text="GP partners, contractors, locums, volunteers and experts by experience often do not. "
        "Without one, you ask a sponsor to support your time, or confirm you can protect it yourself, "
        "when you apply.",
        choices=[("yes", "Yes"), ("no", "No, I have no line manager")],
        widget=forms.RadioSelect,
        required=False,  # checked in clean(), which reads an unanswered question from the fields filled in
    )
    interests = PriorityFunctionField(
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which of the 10 priority functions interest you?",
        help_text="Select all that apply.",
    )

    class Meta:
        model = LeaderProfile
        fields = [
            "profession",
            "organisation",
            "borough",
            "leader_group",
            "career_stage",
            "job_title",
            "formal_system_roles",
            "interests",
            "line_manager_name",
            "line_manager_email",
            "no_line_manager_reason",
            "no_line_manager_detail",
            "listed_in_directory",
        ]
        labels = {
            "profession": "Profession",
            "organisation": "Organisation you work for",
            "borough": "Borough",
            "career_stage": "Career stage",
            "job_title": "Job title",
            "formal_system_roles": "Formal system leadership roles you hold",
            "line_manager_name": "If you have one: your line manager's full name",
            "line_manager_email": "If you have one: your line manager's email address",
            "no_line_manager_reason": "If you have no line manager: why not?",
            "no_line_manager_detail": "If it is another reason: tell us in a few words",
            "listed_in_directory": "Show me in the leaders directory",
        }
        help_texts = {
            "organisation": "If you work for more than one, choose the one you spend most time with.",
            "line_manager_email": "We ask your line manager to support your time for Academy programmes.",
        }
        widgets = {
            "career_stage": forms.RadioSelect,
            "no_line_manager_reason": forms.RadioSelect,
            "formal_system_roles": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "profession": {"required": "Select your profession"},
            "organisation": {"required": "Select the organisation you work for"},
            "career_stage": {"required": "Select your career stage"},
            "job_title": {"required": "Enter your job title"},
            "line_manager_name": {"required": "Enter your line manager's full name"},
            "line_manager_email": {
                "required": "Enter your line manager's email address",
                "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
            },
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        initial = kwargs.setdefault("initial", {})
        initial.setdefault("first_name", user.first_name)
        initial.setdefault("last_name", user.last_name)
        super().__init__(*args, **kwargs)
        self.fields["profession"].empty_label = "Select your profession"
        self.fields["organisation"].empty_label = "Select your organisation"
        self.fields["borough"].empty_label = "I work across south east London"
        self.fields["borough"].queryset = Borough.objects.order_by("name")
        self.fields["career_stage"].choices = CareerStage.choices
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["profession"].queryset = Profession.objects.order_by("position", "name")
        self.fields["no_line_manager_reason"].choices = NoLineManagerReason.choices
        for name in ("line_manager_name", "line_manager_email", "no_line_manager_reason"):
            self.fields[name].required = False  # which are needed depends on has_line_manager (clean)
        for name in ("has_line_manager", "line_manager_name", "line_manager_email", "no_line_manager_reason",
                     "no_line_manager_detail"):
            self.fields[name].hide_optional = True  # needed for one answer or the other, so not "(optional)"
        if not self.is_bound and self.instance.pk:
            self.initial.setdefault("has_line_manager", "no" if self.instance.no_line_manager_reason else "yes")
        names = list(self.fields)
        names.remove("has_line_manager")
        at = names.index("line_manager_name")
        self.order_fields(["first_name", "last_name", *names[:at], "has_line_manager", *names[at:]])
        # WCAG 1.3.5: browsers and assistive tools may fill in the person's own details.
        for name, purpose in OWN_DETAILS_AUTOCOMPLETE.items():
            self.fields[name].widget.attrs["autocomplete"] = purpose

    def clean_line_manager_email(self) -> str:
        email = self.cleaned_data["line_manager_email"].strip().lower()
        if email and email == self.user.email.lower():
            raise forms.ValidationError(OWN_EMAIL_MESSAGE)
        return email

    def clean(self):
        data = super().clean()
        if not data.get("has_line_manager"):  # not answered: read it from what was filled in, if anything
            if data.get("line_manager_email") or data.get("line_manager_name", "").strip():
                data["has_line_manager"] = "yes"
            elif data.get("no_line_manager_reason"):
                data["has_line_manager"] = "no"
            elif "has_line_manager" not in self.errors:
                self.add_error("has_line_manager", "Select whether you have a line manager")
        # Keep only what the answer needs, so the instance checked against the database constraints is right.
        if data.get("has_line_manager") == "yes":
            data["no_line_manager_reason"] = data["no_line_manager_detail"] = ""
        elif data.get("has_line_manager") == "no":
            data["line_manager_name"] = data["line_manager_email"] = ""
            if data.get("no_line_manager_reason") != NoLineManagerReason.OTHER:
                data["no_line_manager_detail"] = ""
        if data.get("has_line_manager") == "yes":
            if not data.get("line_manager_name", "").strip() and "line_manager_name" not in self.errors:
                self.add_error("line_manager_name", "Enter your line manager's full name")
            if not data.get("line_manager_email") and "line_manager_email" not in self.errors:
                self.add_error("line_manager_email", "Enter your line manager's email address")
        elif data.get("has_line_manager") == "no":
            reason = data.get("no_line_manager_reason")
            if not reason:
                self.add_error("no_line_manager_reason", "Select why you have no line manager")
            elif reason == NoLineManagerReason.OTHER and not data.get("no_line_manager_detail", "").strip():
                self.add_error("no_line_manager_detail", "Tell us why you have no line manager")
        return data

    def service_kwargs(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("has_line_manager", None)  # clean() has emptied the fields the answer does not need
        return {
            "first_name": data.pop("first_name"),
            "last_name": data.pop("last_name"),
            "interests": data.pop("interests"),
            **data,
        }


def _question(label: str, choices, required_message: str, help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices.choices,
        widget=forms.RadioSelect,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": required_message},
    )


class EqualityForm(forms.Form):
    ethnicity = _question(
        "What is your ethnic group?", Ethnicity, "Select your ethnic group, or 'Prefer not to say'"
    )
    sex = _question("What is your sex?", Sex, "Select your sex, or 'Prefer not to say'")
    gender_identity_same_as_birth = _question(
        "Is the gender you identify with the same as your sex registered at birth?",
        GenderIdentitySameAsBirth,
        "Select whether your gender identity is the same as your sex registered at birth, "
        "or 'Prefer not to say'",
    )
    sexual_orientation = _question(
        "Which of the following best describes your sexual orientation?",
        SexualOrientation,
        "Select your sexual orientation, or 'Prefer not to say'",
    )
    disability = _question(
        "Do you consider yourself to have a disability?",
        Disability,
        "Select whether you consider yourself to have a disability, or 'Prefer not to say'",
        help_text="The Equality Act 2010 describes disability as a physical or mental impairment that has a "
        "substantial and long-term effect on your ability to carry out normal day-to-day activities.",
    )
    age_band = _question("What is your age?", AgeBand, "Select your age group, or 'Prefer not to say'")
    religion = _question(
        "What is your religion or belief?", Religion, "Select your religion or belief, or 'Prefer not to say'"
    )
    consent = forms.BooleanField(
        label="I agree that the Academy may keep these answers and use them only in anonymous counts, "
        "until I withdraw my consent",
        error_messages={
            "required": "You must tick the box to give your consent, or leave this page without saving"
        },
    )

    def answers(self) -> dict[str, str]:
        return {name: value for name, value in self.cleaned_data.items() if name != "consent"}


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label="Search by name, job, organisation or interest", max_length=200, required=False, strip=True
    )
    profession = forms.ModelChoiceField(
        queryset=Profession.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label="Any profession",
        error_messages={"invalid_choice": "Select a profession from the list"},
    )
    # A text box, not a list of every organisation (1,600 at scale): the server matches the name typed,
    # and static/js/organisation-autocomplete.js suggests names as the person types when scripts run.
    organisation = forms.CharField(
        label="Organisation", max_length=200, required=False, strip=True,
        help_text="Enter all or part of the organisation's name.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any borough",
        error_messages={"invalid_choice": "Select a borough from the list"},
    )
    interest = forms.ModelChoiceField(
        queryset=PriorityFunction.objects.order_by("number"),
        to_field_name="number",
        required=False,
        label="Priority function they are interested in",
        empty_label="Any priority function",
        error_messages={"invalid_choice": "Select a priority function from the list"},
    )

    def __init__(self, *args, source_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if source_url:
            self.fields["organisation"].widget.attrs["data-autocomplete-source"] = source_url

    def clean_organisation(self):
        """The organisation whose name was typed (any case), or, for part of a name, the text itself:
        the search then finds leaders at every organisation whose name contains it. Two queries at most."""
        text = self.cleaned_data["organisation"]
        if not text:
            return None
        match = match_organisation(text)
        if match is None:
            raise forms.ValidationError("No organisation has a name like that. Check the spelling or enter less of it")
        return match

    def filters(self):
        data = {}
        if self.is_bound:
            self.is_valid()  # keep the fields that are valid; the page shows the others' errors
            data = self.cleaned_data
        return DirectoryFilters(
            q=data.get("q") or "",
            profession=data.get("profession"),
            organisation=data.get("organisation"),
            borough=data.get("borough"),
            interest=data.get("interest"),
        )
