"""Forms for C&CPLG meetings. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from academy.ui.forms import AccountEmailField, DateInputField
from governance.models import AgendaItem


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
        help_text="Papers are short: two sides at most. Link to where it is kept.",
        error_messages={"invalid": "Enter the paper's link in full, starting https://"},
    )

    class Meta:
        model = AgendaItem
        fields = ["function", "title", "purpose", "ask", "lead", "minutes", "paper_url", "outcome"]
        labels = {
            "function": "Priority function", "title": "Title of the item", "purpose": "What is the group asked to do?",
            "ask": "Decision or action sought", "lead": "Who leads the item", "minutes": "Time in minutes",
            "paper_url": "Link to the paper", "outcome": "Decision recorded",
        }
        help_texts = {
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
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [c for c in self.fields["purpose"].choices if c[0]]
        self.fields["minutes"].validators += [
            MinValueValidator(1, "Give the item at least 1 minute"),
            MaxValueValidator(120, "An item can have at most 120 minutes"),
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
