"""Forms after the conference: attendees' feedback on the day and on a session, and a session's slides and
recording. They only parse: every rule (when, who, once, https, file type) is the services'."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


def _rating_field(label: str, what: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, help_text="1 is poor, 5 is excellent.",
        choices=[(str(n), str(n)) for n in range(1, 6)], coerce=int, widget=forms.RadioSelect,
        error_messages={"required": f"Choose how good {what} was, from 1 to 5",
                        "invalid_choice": f"Choose how good {what} was, from 1 to 5"},
    )


def _text_field(label: str, what: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The conference team sees this without your name. Do not include anything that identifies you.",
        error_messages={"max_length": f"{what} must be 2,000 characters or fewer"},
    )


class DayFeedbackForm(forms.Form):
    rating = _rating_field("Overall, how good was the conference?", "the conference")
    improve = _text_field("What would make the next conference better? (optional)", "What would make it better")
    comment = _text_field("Anything else you want to tell the conference team? (optional)", "Anything else")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class SessionFeedbackForm(forms.Form):
    rating = _rating_field("How good was this session?", "the session")
    comment = _text_field("Your comment on the session (optional)", "Your comment")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class MaterialForm(forms.Form):
    file = forms.FileField(
        label="The slides file (optional)", required=False,
        help_text="A PDF or a PowerPoint file (.pptx), smaller than 25 MB. A new file replaces the one before.",
        error_messages={"empty": "The file is empty. Choose another file"},
    )
    recording_url = forms.URLField(
        label="Link to the recording (optional)", required=False, assume_scheme="https", max_length=500,
        help_text="A web address starting https://. Leave it empty to remove the link.",
        error_messages={"invalid": "Enter the recording's web address, starting https://",
                        "max_length": "The recording's web address must be 500 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class ChangeTicketForm(forms.Form):
    """Choose another ticket type; and, should it be full, whether to join its waiting list or keep the place."""

    ticket_type = forms.ModelChoiceField(
        label="New ticket type", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose a ticket type", "invalid_choice": "Choose a ticket type on sale"},
    )
    if_full = forms.ChoiceField(
        label="If the ticket type you choose is full", required=False, widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose what happens if the ticket type is full"},
    )

    def __init__(self, *args, ticket_types=(), **kwargs):
        from programmes.conference.models import TicketType  # noqa: PLC0415 - forms here parse only
        from programmes.conference.ticket_change import IF_FULL_CHOICES  # noqa: PLC0415

        super().__init__(*args, **kwargs)
        field = self.fields["ticket_type"]
        field.queryset = TicketType.objects.filter(pk__in=[t.pk for t in ticket_types])
        labels = {t.pk: f"{t.name}: {t.places_left} places left" if t.places_left else f"{t.name}: full"
                  for t in ticket_types}
        field.label_from_instance = lambda t: labels.get(t.pk, t.name)
        self.fields["if_full"].choices = IF_FULL_CHOICES
        self.helper = _helper()
