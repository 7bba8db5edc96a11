"""Forms for building questionnaires, scheduling waves and answering. They parse input; the services
check the rules and save."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms

from academy.ui.formats import nhs_date
from academy.ui.forms import DateInputField
from evaluation.surveys.models import LIKERT_LABELS, Audience, ItemKind, WaveKind


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class InstrumentForm(_Form):
    name = forms.CharField(label="Name", max_length=200, error_messages={"required": "Enter the questionnaire's name"})
    purpose = forms.CharField(
        label="What it measures and when it is used", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": "Say what the questionnaire measures"},
    )


class ItemForm(_Form):
    kind = forms.ChoiceField(
        label="Kind of question", choices=ItemKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of question", "invalid_choice": "Choose the kind of question"},
    )
    text = forms.CharField(label="Question", max_length=500, error_messages={"required": "Enter the question"})
    construct = forms.CharField(
        label="What it measures", max_length=200, required=False,
        help_text="Questions measuring the same thing are combined before and after, e.g. "
        "“belonging and commitment to the ICS”.",
    )
    options = forms.CharField(
        label="Answers to choose from", required=False, max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}), help_text="For multiple choice only: one answer a line.",
    )

    def clean_options(self):
        return [line.strip() for line in self.cleaned_data["options"].splitlines() if line.strip()]


class CohortChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.programme.name}: {obj.title}"


class VersionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.instrument.name}, version {obj.number}"


SUBJECT_GROUPS = (
    ("cohort", "Cohorts"), ("edition", "Conference editions"), ("placement", "Shadowing placements"),
    ("event", "Big Room events"),
)


def subject_choices(subjects) -> list:
    """The subjects for a select, grouped by kind (cohorts labelled with their programme)."""
    groups = []
    for kind, heading in SUBJECT_GROUPS:
        options = [
            (subject.key, subject.label if kind == "cohort" else subject.title)
            for subject in subjects if subject.kind == kind
        ]
        if options:
            groups.append((heading, options))
    return groups


class WaveForm(_Form):
    subject = forms.ChoiceField(
        label="Cohort, conference edition, shadowing placement or Big Room event",
        error_messages={"required": "Choose what the questionnaire is about",
                        "invalid_choice": "Choose a cohort, edition, placement or event from the list"},
    )
    kind = forms.ChoiceField(label="Kirkpatrick level", choices=WaveKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the level", "invalid_choice": "Choose the level"})
    audience = forms.ChoiceField(label="Who answers", choices=Audience.choices, widget=forms.RadioSelect,
                                 initial=Audience.PARTICIPANTS,
                                 error_messages={"required": "Choose who answers",
                                                 "invalid_choice": "Choose who answers"})
    version = VersionChoiceField(queryset=None, label="Questionnaire", empty_label="Choose a live questionnaire",
                                 error_messages={"required": "Choose the questionnaire",
                                                 "invalid_choice": "Choose a live questionnaire from the list"})
    opens_on = DateInputField(label="Opens on", what="the opening date")
    closes_on = DateInputField(label="Closes on", what="the closing date")

    def __init__(self, *args, subjects, versions, **kwargs):
        super().__init__(*args, **kwargs)
        self.subjects = {subject.key: subject for subject in subjects}
        self.fields["subject"].choices = [("", "Choose one")] + subject_choices(subjects)
        self.fields["version"].queryset = versions

    def clean_subject(self):
        return self.subjects[self.cleaned_data["subject"]]


class StandardScheduleForm(_Form):
    """One questionnaire to choose for each wave of the standard schedule still to make, defaulting to
    the newest live version of the questionnaire that wave usually uses."""

    def __init__(self, *args, plan, versions, defaults, **kwargs):
        super().__init__(*args, **kwargs)
        for planned in plan:
            if not planned.to_make:
                continue
            label = (
                f"{WaveKind(planned.kind).label} ({Audience(planned.audience).label.lower()}), "
                f"{nhs_date(planned.opens_on)} to {nhs_date(planned.closes_on)}"
            )
            self.fields[planned.field_name] = VersionChoiceField(
                queryset=versions, label=label, empty_label="Choose a live questionnaire",
                initial=defaults.get(planned.field_name),
                error_messages={"required": "Choose the questionnaire",
                                "invalid_choice": "Choose a live questionnaire from the list"},
            )


class AnswerForm(_Form):
    """The questions of one version, one field an item."""

    consent_to_quote = forms.BooleanField(
        label="You may quote what I wrote, without my name, in evaluation reports", required=False
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        fields = {}
        for item in items:
            name = f"item_{item.pk}"
            label = item.text
            if item.kind == ItemKind.LIKERT:
                fields[name] = forms.TypedChoiceField(
                    label=label, coerce=int, widget=forms.RadioSelect,
                    choices=[(i, text) for i, text in enumerate(LIKERT_LABELS, start=1)],
                    error_messages={"required": "Answer this question", "invalid_choice": "Choose one of the answers"},
                )
            elif item.kind == ItemKind.SLIDER:
                fields[name] = forms.IntegerField(
                    label=label, min_value=0, max_value=100,
                    widget=forms.NumberInput(attrs={"type": "range", "min": 0, "max": 100, "step": 1}),
                    help_text="0 is not at all, 100 is completely.", initial=50,
                    error_messages={
                        "required": "Answer this question", "invalid": "Give a number from 0 to 100",
                        "min_value": "Give a number from 0 to 100", "max_value": "Give a number from 0 to 100",
                    },
                )
            elif item.kind == ItemKind.CHOICE:
                fields[name] = forms.ChoiceField(
                    label=label, widget=forms.RadioSelect, choices=[(o, o) for o in item.options],
                    error_messages={"required": "Answer this question", "invalid_choice": "Choose one of the answers"},
                )
            else:
                fields[name] = forms.CharField(
                    label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
                    error_messages={"max_length": "Your answer must be 2000 characters or fewer"},
                )
        consent = self.fields.pop("consent_to_quote")
        self.fields.update(fields)
        self.has_text = any(item.kind == ItemKind.TEXT for item in items)
        if self.has_text:
            self.fields["consent_to_quote"] = consent
        self.items = items

    def answers(self) -> dict:
        return {item.pk: self.cleaned_data.get(f"item_{item.pk}") for item in self.items}
