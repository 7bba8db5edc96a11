"""Forms for C&CPLG meetings. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from academy.ui.forms import AccountEmailField, DateInputField
from governance.models import AgendaItem, MeetingSettings, PulseAnswer


class MeetingForm(forms.Form):
    starts_on = DateInputField(
        label="Date",
        error_messages={"required": "Enter the date of the meeting", "invalid": "Enter a real date"},
    )
    starts_at_time = forms.TimeField(
        label="Start time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Enter the time the meeting starts", "invalid": "Enter a real time, like 14:00"},
    )
    minutes = forms.IntegerField(
        label="Length in minutes", initial=120, min_value=15, max_value=480,
        error_messages={
            "required": "Enter how long the meeting is, in minutes", "invalid": "Enter the length as a number",
            "min_value": "A meeting is at least 15 minutes", "max_value": "A meeting is at most 480 minutes",
        },
    )
    location = forms.CharField(
        label="Where", max_length=200, help_text="A room, or 'Microsoft Teams'.",
        error_messages={"required": "Enter where the meeting is"},
    )


class AgendaItemForm(forms.ModelForm):
    paper_url = forms.URLField(
        label="Link to the paper", required=False, assume_scheme="https", max_length=200,
        help_text="Papers are short: the meeting settings say how many pages at most. Link to where it is kept.",
        error_messages={"invalid": "Enter the paper's link in full, starting https://"},
    )

    class Meta:
        model = AgendaItem
        fields = ["function", "title", "purpose", "ask", "lead", "minutes", "paper_url", "paper_summary", "paper_pages",
                  "outcome"]
        labels = {
            "function": "Priority function", "title": "Title of the item", "purpose": "What is the group asked to do?",
            "ask": "Decision or action sought", "lead": "Who leads the item", "minutes": "Time in minutes",
            "paper_url": "Link to the paper", "paper_summary": "Summary of the paper",
            "paper_pages": "Number of pages in the paper", "outcome": "Decision recorded",
        }
        help_texts = {
            "paper_summary": "What the paper says and what it asks of the group, in a few sentences. Members read "
            "this first.",
            "paper_pages": "Leave empty if there is no paper.",
            "ask": "In a sentence or two. Not needed for an update.",
            "outcome": "After the meeting: what the group decided or agreed.",
        }
        widgets = {"purpose": forms.RadioSelect, "ask": forms.Textarea(attrs={"rows": 3}),
                   "outcome": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "function": {"required": "Select the priority function the item belongs to"},
            "title": {"required": "Enter the title of the item"},
            "purpose": {"required": "Select what the group is asked to do"},
            "minutes": {"required": "Enter the time for the item in minutes", "invalid": "Enter the time as a number",
                        "min_value": "Give the item at least 1 minute"},
            "paper_url": {"invalid": "Enter the paper's link in full, starting https://"},
            "paper_pages": {"invalid": "Enter the number of pages as a whole number, like 2"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [c for c in self.fields["purpose"].choices if c[0]]
        self.fields["minutes"].validators += [
            MinValueValidator(1, "Give the item at least 1 minute"),
            MaxValueValidator(120, "An item can have at most 120 minutes"),
        ]
        self.fields["paper_summary"].widget = forms.Textarea(attrs={"rows": 4})
        self.fields["paper_summary"].max_length = 2000
        self.fields["paper_summary"].validators.append(
            MaxLengthValidator(2000, "Keep the summary to 2,000 characters or fewer")
        )
        self.fields["paper_pages"].widget.attrs.update({"class": "nhsuk-input--width-4", "inputmode": "numeric"})
        self.fields["paper_pages"].validators += [
            MinValueValidator(1, "A paper has at least 1 page"),
            MaxValueValidator(500, "Enter a number of pages up to 500"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("purpose") and data["purpose"] != "update" and not (data.get("ask") or "").strip():
            self.add_error("ask", "Enter the decision or action the group is asked for. If there is none, choose "
                           "'Update only'")
        return data

    def _post_clean(self):
        """The form only parses: the service checks the item against the model and the meeting, so the
        model's own constraint messages are not added a second time here."""


class AttendanceForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label="Who attended", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="The group's seat holders. Select everyone who attended.",
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queryset


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": "Enter what is to be done"},
    )
    owner_email = AccountEmailField(
        label="Email address of the owner", help_text="They need an account on this portal.",
        error_messages={"required": "Enter the email address of the person who owns the action",
                        "invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    due_date = DateInputField(
        label="Due date",
        error_messages={"required": "Enter the date the action is due", "invalid": "Enter a real date"},
    )

    def clean_owner_email(self):
        self.owner = self.cleaned_data["owner_email"]
        return self.owner


class MeetingSettingsForm(forms.ModelForm):
    class Meta:
        model = MeetingSettings
        fields = ["max_attendees", "max_paper_pages", "max_update_share"]
        labels = {
            "max_attendees": "Most people at a meeting",
            "max_paper_pages": "Longest paper, in pages",
            "max_update_share": "Largest share of update-only items, as a percentage",
        }
        help_texts = {
            "max_attendees": "A meeting with more people than this is flagged.",
            "max_paper_pages": "A paper longer than this is flagged.",
            "max_update_share": "An agenda where more than this share of items are updates only is flagged. "
            "For example, 30.",
        }
        error_messages = {
            "max_attendees": {"required": "Enter the most people at a meeting",
                              "invalid": "Enter the number of people as a whole number, like 12"},
            "max_paper_pages": {"required": "Enter the longest paper in pages",
                                "invalid": "Enter the number of pages as a whole number, like 4"},
            "max_update_share": {"required": "Enter the largest share of update-only items",
                                 "invalid": "Enter the share as a whole number from 0 to 100, like 30"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        messages = {
            "max_attendees": (2, 200, "Enter a number of people from 2 to 200"),
            "max_paper_pages": (1, 100, "Enter a number of pages from 1 to 100"),
            "max_update_share": (0, 100, "Enter a percentage from 0 to 100"),
        }
        for name, (low, high, message) in messages.items():
            field = self.fields[name]
            field.validators = [MinValueValidator(low, message), MaxValueValidator(high, message)]
            field.error_messages["min_value"] = field.error_messages["max_value"] = message
            field.widget.attrs.update({"class": "nhsuk-input--width-4", "inputmode": "numeric"})

    def _post_clean(self):
        """The form only parses: the service saves the one settings row and checks it against the model."""


class PulseForm(forms.Form):
    """The pulse's three questions. Nothing here names the person: the service keeps their answer apart."""

    voices_heard = forms.ChoiceField(
        label="Were all voices heard?", choices=PulseAnswer.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether all voices were heard",
                        "invalid_choice": "Select Yes, Partly or No"},
    )
    action_not_update = forms.ChoiceField(
        label="Was it action, not update?", choices=PulseAnswer.choices, widget=forms.RadioSelect,
        help_text="Did the group decide and agree actions, rather than hear updates?",
        error_messages={"required": "Select whether the meeting was action, not update",
                        "invalid_choice": "Select Yes, Partly or No"},
    )
    keep_in_diary = forms.ChoiceField(
        label="Would you keep this meeting in your diary?", choices=PulseAnswer.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether you would keep this meeting in your diary",
                        "invalid_choice": "Select Yes, Partly or No"},
    )
