"""Forms of the schedule: placing a session (room and start time, keyboard-friendly selects), the day's hours,
the release's confirm page, and the speaker's unavailable times. They parse input; schedule_services decides
the rules (the edition's days and hours, its rooms) and its ValidationErrors come back onto the form."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from academy.ui.formats import nhs_date, nhs_time
from programmes.conference.models import Room

SLOT_CHOICES = [(str(m), f"{m} minutes") for m in (5, 10, 15, 20, 30, 45, 60)]
HOUR_CHOICES = [(f"{h:02d}:{m:02d}", nhs_time(dt.time(h, m))) for h in range(6, 23) for m in (0, 30)]


def start_choices(moments) -> list[tuple[str, str]]:
    choices, days = [], {timezone.localtime(m).date() for m in moments}
    for moment in moments:
        local = timezone.localtime(moment)
        label = nhs_time(local) if len(days) == 1 else f"{nhs_date(local)}, {nhs_time(local)}"
        choices.append((local.isoformat(), label))
    return choices


class PlaceForm(forms.Form):
    """Place (or move) one session. ``room`` accepts any room so that another edition's room reaches the
    service, which refuses it; ``starts_at`` is parsed here and checked against the days and hours there."""

    room = forms.ModelChoiceField(
        label="Room", queryset=Room.objects.all(), empty_label="Choose a room",
        error_messages={"required": "Choose a room", "invalid_choice": "Choose one of this edition's rooms"},
    )
    starts_at = forms.CharField(label="Starts at", widget=forms.Select,
                                error_messages={"required": "Choose a start time"})
    length_minutes = forms.IntegerField(
        label="Length in minutes (optional)", required=False, min_value=5, max_value=24 * 60,
        help_text="Leave empty for the session type's length.",
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-3"}),
        error_messages={"invalid": "Enter the length as a whole number of minutes, like 45",
                        "min_value": "Enter a length from 5 minutes", "max_value": "Enter a length within a day"},
    )

    def __init__(self, data=None, *, rooms, moments, proposal, choices=None, **kwargs):
        """``choices``: the start times already made by :func:`start_choices` from ``moments`` (the editor makes
        one form a session, so it works them out once for all)."""
        super().__init__(data, prefix=f"s{proposal.pk}", **kwargs)
        self.proposal = proposal
        self.fields["room"].widget.choices = [("", "Choose a room")] + [(r.pk, r.name) for r in rooms]
        self.fields["starts_at"].widget.choices = [("", "Choose a time")] + (choices or start_choices(moments))
        self.fields["room"].label = "Room"
        self.fields["starts_at"].label = "Starts at"

    def clean_starts_at(self):
        value = parse_datetime(self.cleaned_data["starts_at"] or "")
        if value is None:
            raise forms.ValidationError("Choose a start time from the list")
        if timezone.is_naive(value):
            value = timezone.make_aware(value)
        return value


class HoursForm(forms.Form):
    day_starts = forms.TypedChoiceField(label="Each day starts at", choices=HOUR_CHOICES,
                                        coerce=lambda v: dt.time.fromisoformat(v),
                                        error_messages={"required": "Choose when the day starts",
                                                        "invalid_choice": "Choose a time from the list"})
    day_ends = forms.TypedChoiceField(label="Each day ends at", choices=HOUR_CHOICES,
                                      coerce=lambda v: dt.time.fromisoformat(v),
                                      error_messages={"required": "Choose when the day ends",
                                                      "invalid_choice": "Choose a time from the list"})
    slot_minutes = forms.TypedChoiceField(label="Rows of the grid", choices=SLOT_CHOICES, coerce=int,
                                          error_messages={"required": "Choose the rows' length",
                                                          "invalid_choice": "Choose a length from the list"})


class ReleaseForm(forms.Form):
    """The confirm page's form: the version number the team checked, so a release meanwhile releases nothing."""

    expected_number = forms.IntegerField(widget=forms.HiddenInput, min_value=1,
                                         error_messages={"required": "Check the changes again, then release",
                                                         "invalid": "Check the changes again, then release"})
    note = forms.CharField(label="A note for the changelog (optional)", required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="For example, the workshop moved to a bigger room.")


def unavailable_field(choices) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Are there times you cannot speak? (optional)", required=False, choices=choices,
        widget=forms.CheckboxSelectMultiple, help_text="Tick any you cannot do. The team will try to avoid them.",
        error_messages={"invalid_choice": "Choose from the times listed"},
    )
