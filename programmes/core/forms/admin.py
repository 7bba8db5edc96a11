"""Forms for programme admins and panel members: programmes, cohorts, sessions, decisions, scores,
messages, groups and faculty. They only parse and check input; writes go through services."""

from __future__ import annotations

from django import forms

from academy.directory.models import LeaderGroup, PriorityFunction
from academy.ui.forms import AccountEmailField, DateInputField, DateTimeInputField
from programmes.core.grouping import GROUP_MAX_SIZE
from programmes.core.models import (
    OFFER_TYPE_LABELS,
    Cohort,
    CoreArea,
    DeliveryFormat,
    FacultyRole,
    Programme,
    SelectionMethod,
    Session,
)


class CohortForm(forms.ModelForm):
    """A cohort's details. Checks that belong to the data (dates in order, capacity not below the places
    taken, the window) are made again by ``services.save_cohort`` under a lock."""

    questions_text = forms.CharField(
        label="Questions every applicant answers",
        help_text="One question a line. Leave empty for open booking.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )

    class Meta:
        model = Cohort
        fields = [
            "programme", "title", "offer_type", "summary", "delivery_format", "time_commitment", "target_groups",
            "priority_functions", "capacity", "starts_on", "ends_on", "selection_method", "applications_open",
            "applications_close", "criteria", "offer_days", "completion_percent", "requires_final_reflection",
            "cpd_hours", "published",
        ]
        labels = {
            "title": "Title",
            "delivery_format": "Format",
            "target_groups": "Who it is for",
            "priority_functions": "Priority functions it works on",
            "starts_on": "Start date",
            "ends_on": "End date",
            "selection_method": "How people join",
            "applications_open": "Applications or bookings open",
            "applications_close": "Applications or bookings close",
            "criteria": "Selection criteria (published to applicants)",
            "offer_days": "Days to accept an offer",
            "completion_percent": "Share of sessions to attend to complete (%)",
            "requires_final_reflection": "Require a final reflection to complete",
            "published": "Publish it in the catalogue",
        }
        # NHS.UK date input (day, month, year), not the browser's date picker.
        field_classes = {
            "starts_on": DateInputField,
            "ends_on": DateInputField,
            "applications_open": DateTimeInputField,
            "applications_close": DateTimeInputField,
        }
        widgets = {
            "target_groups": forms.CheckboxSelectMultiple,
            "priority_functions": forms.CheckboxSelectMultiple,
            "selection_method": forms.RadioSelect,
            "delivery_format": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "criteria": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "summary": {"required": "Enter a summary of what the cohort covers and who it is for"},
            "time_commitment": {"required": "Enter the time commitment"},
            "capacity": {
                "required": "Enter the number of places",
                "invalid": "Enter the number of places as a whole number",
            },
            "starts_on": {"required": "Enter the start date", "invalid": "Enter a real start date"},
            "ends_on": {"required": "Enter the end date", "invalid": "Enter a real end date"},
            "selection_method": {"required": "Select how people join"},
            "delivery_format": {"required": "Select the format"},
            "programme": {"required": "Select the programme"},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        programmes = Programme.objects.order_by("position")
        if not user.is_superuser:
            programmes = programmes.filter(slug__in=user.administered_programme_slugs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = None
        if self.instance.pk:
            self.fields["programme"].disabled = True
        offer_choices = [("", "Not applicable")]
        for labels in OFFER_TYPE_LABELS.values():
            offer_choices += [(value, label) for value, label in labels.items() if (value, label) not in offer_choices]
        self.fields["offer_type"] = forms.ChoiceField(
            label="Kind of offer", choices=offer_choices, required=False, initial=self.instance.offer_type
        )
        self.fields["delivery_format"].choices = DeliveryFormat.choices
        self.fields["selection_method"].choices = SelectionMethod.choices
        self.fields["target_groups"].queryset = LeaderGroup.objects.order_by("position")
        self.fields["priority_functions"].queryset = PriorityFunction.objects.order_by("number")
        self.fields["questions_text"].initial = "\n".join(self.instance.questions or [])
        self.order_fields(["programme", "title", "offer_type", "summary"])

    def clean(self):
        data = super().clean()
        programme, offer_type = data.get("programme"), data.get("offer_type")
        if programme and offer_type and offer_type not in OFFER_TYPE_LABELS.get(programme.slug, {}):
            self.add_error("offer_type", "Choose a kind of offer that belongs to this programme, or none")
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be the same as or after the start date")
        opens, closes = data.get("applications_open"), data.get("applications_close")
        if opens and closes and closes <= opens:
            self.add_error("applications_close", "Applications must close after they open")
        method = data.get("selection_method")
        if method == SelectionMethod.SELECTION and not data.get("applications_close"):
            self.add_error(
                "applications_close", "Enter when applications close: cohorts with selection need a deadline"
            )
        return data

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["questions"] = [line.strip() for line in data.pop("questions_text", "").splitlines() if line.strip()]
        return data


class SessionForm(forms.ModelForm):
    online_link = forms.URLField(
        label="Online link (for online or hybrid)",
        required=False,
        assume_scheme="https",
        error_messages={"invalid": "Enter the online link as a full web address, starting https://"},
    )

    class Meta:
        model = Session
        fields = ["title", "starts_at", "ends_at", "delivery_format", "venue", "online_link", "faculty", "description"]
        labels = {
            "starts_at": "Starts",
            "ends_at": "Ends",
            "delivery_format": "Format",
            "venue": "Venue (for in person or hybrid)",
            "online_link": "Online link (for online or hybrid)",
            "faculty": "Faculty: who leads it",
        }
        field_classes = {"starts_at": DateTimeInputField, "ends_at": DateTimeInputField}
        widgets = {
            "delivery_format": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Enter a title"},
            "starts_at": {"required": "Enter when it starts", "invalid": "Enter a real date and time"},
            "ends_at": {"required": "Enter when it ends", "invalid": "Enter a real date and time"},
            "delivery_format": {"required": "Select the format"},
            "online_link": {"invalid": "Enter the online link as a full web address, starting https://"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["delivery_format"].choices = DeliveryFormat.choices

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", "The session must end after it starts")
        return data


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="What to do with the selected applications",
        choices=[
            ("offer", "Offer a place"),
            ("waiting_list", "Put on the waiting list"),
            ("unsuccessful", "Tell them they have not been offered a place"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what to do with the selected applications"},
    )
    applications = forms.TypedMultipleChoiceField(
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Applications",
        error_messages={"required": "Select at least one application"},
    )

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].choices = [(a.pk, str(a.pk)) for a in applications]


class ScoreForm(forms.Form):
    score = forms.TypedChoiceField(
        label="How well does this application meet the cohort's published criteria?",
        choices=[
            (5, "5: meets them strongly"),
            (4, "4: meets them well"),
            (3, "3: meets them"),
            (2, "2: partly meets them"),
            (1, "1: does not meet them"),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a score from 1 to 5"},
    )
    comment = forms.CharField(
        label="Comment for the panel",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only the panel and the programme team see it.",
    )


class CohortMessageForm(forms.Form):
    subject = forms.CharField(
        label="Subject", max_length=150, error_messages={"required": "Enter a subject"}
    )
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        help_text="Sent by email to everyone with a place on the cohort.",
        error_messages={"required": "Enter the message"},
    )


# --- action learning sets and quads ---------------------------------------------------------------


class ProposeGroupsForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of groups?",
        choices=[
            ("action_learning_set", "Action learning sets of about 6 to 8"),
            ("quad", "Quads of 4"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select action learning sets or quads"},
    )
    size = forms.IntegerField(
        label="Largest group size",
        help_text="Leave empty for sets of up to 8 or quads of 4. Group sizes differ by at most one.",
        required=False,
        min_value=2,
        max_value=20,
        error_messages={
            "min_value": "Groups must have at least 2 people",
            "max_value": "Groups can have at most 20 people",
            "invalid": "Enter the group size as a number, like 6",
        },
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-4"}),
    )

    def max_size(self) -> int:
        return self.cleaned_data["size"] or GROUP_MAX_SIZE[self.cleaned_data["kind"]]


# --- programme admins create programmes -------------------------------------------------------------


class ProgrammeForm(forms.ModelForm):
    """A programme's details; the service makes the slug and checks the title is not taken."""

    class Meta:
        model = Programme
        fields = ["name", "core_area", "summary", "target_groups", "delivery_summary", "time_commitment", "position"]
        labels = {
            "name": "Title",
            "core_area": "Core area",
            "summary": "Summary",
            "target_groups": "Who it is for",
            "delivery_summary": "Format",
            "position": "Position in the catalogue",
        }
        help_texts = {
            "name": "Its web address is made from the title when you create it.",
            "summary": "What the programme offers and who it is for, in plain English.",
            "position": "Lower numbers come first in the catalogue.",
        }
        widgets = {
            "core_area": forms.RadioSelect,
            "target_groups": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs={"rows": 4}),
            "position": forms.NumberInput(attrs={"class": "nhsuk-input--width-4"}),
        }
        error_messages = {
            "name": {"required": "Enter a title"},
            "core_area": {"required": "Select the core area"},
            "summary": {"required": "Enter a summary of the programme"},
            "position": {"invalid": "Enter the position as a whole number, like 7"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["core_area"].choices = CoreArea.choices
        self.fields["target_groups"].queryset = LeaderGroup.objects.order_by("position")
        self.fields["name"].validators = []  # uniqueness is the service's check, with a clearer message

    def validate_unique(self):
        """The service checks the title and slug (with a clear message), under its transaction."""


class FacultyForm(forms.Form):
    email = AccountEmailField(
        label="Email address of their Academy account",
        help_text="They need an account on the portal first.",
        missing="or ask them to create an account first",
        error_messages={"required": "Enter the email address of the person's Academy account",
                        "invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    role = forms.ChoiceField(
        label="Their role on the cohort",
        choices=FacultyRole.choices,
        widget=forms.RadioSelect,
        initial=FacultyRole.FACULTY,
        error_messages={"required": "Select faculty or coach"},
    )
