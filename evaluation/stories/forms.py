"""Forms: tell a story (a field for each triad corner and each dyad of the collection), the evaluators'
filters, and a new collection."""

from __future__ import annotations

from django import forms

from academy.directory import selectors as directory
from evaluation.stories import services
from evaluation.stories.models import Tone
from evaluation.stories.selectors import StoryFilters
from programmes.core.selectors.catalogue import all_programmes


def _corner(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=0, max_value=100, initial=33,
        error_messages={"required": f"Enter a share for “{label}” from 0 to 100.",
                        "invalid": f"Enter a whole number from 0 to 100 for “{label}”.",
                        "min_value": "A share cannot be less than 0.", "max_value": "A share cannot be more than 100."},
        widget=forms.NumberInput(attrs={"class": "nhsuk-input nhsuk-input--width-3", "inputmode": "numeric",
                                        "data-triad-corner": ""}),
    )


class TellStoryForm(forms.Form):
    title = forms.CharField(label="Give your story a title", max_length=services.TITLE_MAX,
                            error_messages={"required": "Enter a title for your story."})
    text = forms.CharField(label="Your story", max_length=services.TEXT_MAX, widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="A few sentences about one moment: what happened, who was involved, what changed.",
                           error_messages={"required": "Tell your story."})
    tone = forms.ChoiceField(label="How does this story feel to you?", choices=Tone.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the emotional tone of your story."})
    programme = forms.ModelChoiceField(label="Which Academy programme was it part of?",
                                       queryset=all_programmes(), required=False, empty_label="None of them",
                                       error_messages={"invalid_choice": "Select a programme from the list."})
    consent_to_quote = forms.TypedChoiceField(
        label="May the Academy quote your story (without your name) in its evaluation?",
        choices=[("yes", "Yes, it may be quoted"), ("no", "No, use only where I placed it")],
        coerce=lambda value: value == "yes", widget=forms.RadioSelect,
        error_messages={"required": "Say whether your story may be quoted."},
    )

    def __init__(self, *args, collection, **kwargs):
        super().__init__(*args, **kwargs)
        self.collection = collection
        self.triads = list(collection.triads.all())
        self.dyads = list(collection.dyads.all())
        for triad in self.triads:
            for key, label in zip("abc", triad.labels, strict=True):
                self.fields[f"triad_{triad.pk}_{key}"] = _corner(label)
            self.fields[f"triad_{triad.pk}_a"].initial = 34
        for dyad in self.dyads:
            self.fields[f"dyad_{dyad.pk}"] = forms.IntegerField(
                label=dyad.prompt, min_value=0, max_value=100, initial=50,
                error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"),
                                             "Choose a place on the slider."),
                widget=forms.NumberInput(attrs={"type": "range", "class": "academy-dyad__range", "step": "1"}),
            )

    def triad_rows(self):
        """Each triad with its three bound fields, in order, for the template."""
        return [(triad, [self[f"triad_{triad.pk}_{key}"] for key in "abc"]) for triad in self.triads]

    def dyad_rows(self):
        return [(dyad, self[f"dyad_{dyad.pk}"]) for dyad in self.dyads]

    def clean(self):
        data = super().clean()
        for triad in self.triads:
            values = [data.get(f"triad_{triad.pk}_{key}") for key in "abc"]
            if None not in values and sum(values) != 100:
                self.add_error(f"triad_{triad.pk}_a", f"The three shares for “{triad.prompt}” must add up to 100 "
                                                      f"(they add up to {sum(values)}).")
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"], "text": data["text"], "tone": data["tone"], "programme": data["programme"],
            "consent_to_quote": data["consent_to_quote"],
            "triads": {t.pk: [data[f"triad_{t.pk}_{k}"] for k in "abc"] for t in self.triads},
            "dyads": {d.pk: data[f"dyad_{d.pk}"] for d in self.dyads},
        }


class FilterForm(forms.Form):
    programme = forms.ModelChoiceField(queryset=all_programmes(), required=False, empty_label="Any programme",
                                       error_messages={"invalid_choice": "Select a programme from the list."})
    profession = forms.ModelChoiceField(queryset=directory.professions(), to_field_name="slug", required=False,
                                        empty_label="Any profession",
                                        error_messages={"invalid_choice": "Select a profession from the list."})
    borough = forms.ModelChoiceField(label="Place", queryset=directory.boroughs(), to_field_name="slug",
                                     required=False, empty_label="Any place",
                                     error_messages={"invalid_choice": "Select a place from the list."})
    since = forms.DateField(label="Told on or after", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Enter a real date, for example 2026-04-01."})
    until = forms.DateField(label="Told on or before", required=False, widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": "Enter a real date, for example 2027-03-31."})
    density = forms.BooleanField(label="Show the density of stories instead of each story", required=False)

    def __init__(self, *args, programmes=None, density=True, **kwargs):
        """``programmes``: the only programmes the reader may see (a programme admin's); one must be chosen,
        and the first is used until one is. ``density``: whether the reader may choose between dots and
        shading (the Executive always sees shading, so the choice is not offered to them)."""
        super().__init__(*args, **kwargs)
        if not density:
            del self.fields["density"]
        self.scope = None
        if programmes is not None:
            self.scope = list(programmes)
            field = self.fields["programme"]
            field.queryset = all_programmes().filter(pk__in=[p.pk for p in self.scope])
            field.empty_label = None
            field.help_text = "The programmes you run."

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", "The end date must be on or after the start date.")
        return data

    def filters(self) -> StoryFilters:
        """The filters chosen, or none when the form is not valid (the page then shows every story, or a
        programme admin's first programme's)."""
        if not self.is_valid():
            return StoryFilters(programme=self.scope[0] if self.scope else None)
        data = self.cleaned_data
        if self.scope is not None and data["programme"] not in self.scope:
            data["programme"] = self.scope[0]
        return StoryFilters(programme=data["programme"], profession=data["profession"], borough=data["borough"],
                            since=data["since"], until=data["until"])


class CollectionForm(forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title."})
    prompt = forms.CharField(label="The question leaders answer with their story",
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Enter the question leaders answer."})
    triads = forms.CharField(
        label="Triads", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One a line: the question, a colon, then the three corners separated by “/”. For example: "
                  "“In this story, what made the difference?: Relationships / Data / Resources”.",
        error_messages={"required": "Add at least one triad."},
    )
    dyads = forms.CharField(
        label="Dyads (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False,
        help_text="One a line: the question, a colon, then the two poles separated by “/”. For example: "
                  "“Decisions were made: By one organisation / Together across the system”.",
    )

    @staticmethod
    def _lines(text: str, parts: int, field: str):
        specs = []
        for number, line in enumerate((line.strip() for line in text.splitlines()), start=1):
            if not line:
                continue
            prompt, colon, rest = line.rpartition(":")
            labels = [label.strip() for label in rest.split("/")]
            if not colon or not prompt.strip() or len(labels) != parts or not all(labels):
                raise forms.ValidationError(
                    f"Line {number} needs a question, a colon and {parts} labels separated by “/”.")
            if len(prompt.strip()) > 300 or any(len(label) > 80 for label in labels):
                raise forms.ValidationError(
                    f"Line {number} is too long: questions up to 300 characters, labels up to 80.")
            specs.append((prompt.strip(), labels))
        return specs

    def clean_triads(self):
        specs = self._lines(self.cleaned_data["triads"], 3, "triads")
        if not specs:
            raise forms.ValidationError("Add at least one triad.")
        return [services.TriadSpec(prompt, tuple(labels)) for prompt, labels in specs]

    def clean_dyads(self):
        specs = self._lines(self.cleaned_data["dyads"], 2, "dyads")
        return [services.DyadSpec(prompt, *labels) for prompt, labels in specs]
