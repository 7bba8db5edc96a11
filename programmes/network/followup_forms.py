"""Forms after a Big Room: the register, a walk-in, and an attendee's feedback."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms


def _helper() -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    return helper


class RegisterForm(forms.Form):
    """Tick who came among the register's lines (everyone with a place, and walk-ins)."""

    came = forms.TypedMultipleChoiceField(
        label="Who came", coerce=int, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Tick everyone who came. Anyone not ticked is recorded as did not come.",
        error_messages={"invalid_choice": "Someone ticked is not on the register: take the register again"},
    )

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["came"].choices = [
            (line["person"].pk, _line_label(line)) for line in lines
        ]
        self.helper = _helper()


def _line_label(line) -> str:
    person = line["person"]
    name = person.get_full_name() or person.email
    organisation = getattr(getattr(getattr(person, "profile", None), "organisation", None), "name", "")
    label = f"{name}, {organisation}" if organisation else name
    return f"{label} (walk-in)" if line["walk_in"] else label


class WalkInForm(forms.Form):
    email = forms.EmailField(
        label="Add someone who came without a place",
        help_text="The email address of their account on the portal.",
        error_messages={"required": "Enter the email address of the account of the person who came",
                        "invalid": "Enter an email address like name@nhs.net"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="Overall, how good was the event?", help_text="1 is poor, 5 is excellent.",
        choices=[(str(n), str(n)) for n in range(1, 6)], coerce=int, widget=forms.RadioSelect,
        error_messages={"required": "Choose how good the event was, from 1 to 5",
                        "invalid_choice": "Choose how good the event was, from 1 to 5"},
    )
    met_other_organisation = forms.TypedChoiceField(
        label="Did you meet someone from another organisation?", choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes", widget=forms.RadioSelect,
        error_messages={"required": "Say whether you met someone from another organisation",
                        "invalid_choice": "Say whether you met someone from another organisation"},
    )
    improve = forms.CharField(
        label="What would make the next Big Room better? (optional)",
        help_text="The network's admins see this without your name. Do not include anything that identifies you.",
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "What would make it better must be 2,000 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class SlidesForm(forms.Form):
    file = forms.FileField(
        label="The slides file",
        help_text="A PDF or a PowerPoint file (.pptx), smaller than 25 MB. A new file replaces the one before.",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty. Choose another file"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()
