"""The contribution log's forms (crispy nhsuk). Saving goes through services, which check everything again."""

from __future__ import annotations

from django import forms

from academy.directory.models import Borough, PriorityFunction
from academy.ui.forms import DateInputField
from evaluation.contribution import selectors
from evaluation.contribution.models import SourceKind, Stage
from evaluation.contribution.services import EntryData

# The log shows identified, adopted and scaled innovations; proposals and declined ones only when asked for.
SHOWN_STAGES = [(s.value, s.label) for s in (Stage.IDENTIFIED, Stage.ADOPTED, Stage.SCALED, Stage.PROPOSED,
                                               Stage.DECLINED)]


class LogFilterForm(forms.Form):
    stage = forms.ChoiceField(choices=[("", "Identified, adopted or scaled"), *SHOWN_STAGES], required=False,
                              label="Stage")
    function = forms.ModelChoiceField(
        queryset=PriorityFunction.objects.order_by("number"), to_field_name="number", required=False,
        empty_label="Any priority function", label="Priority function",
    )
    borough = forms.ModelChoiceField(
        queryset=Borough.objects.order_by("name"), to_field_name="slug", required=False, empty_label="Any borough",
        label="Borough",
    )

    def filters(self) -> selectors.LogFilters:
        """The valid filters (an unknown value counts as no filter)."""
        if not self.is_valid():
            return selectors.LogFilters()
        data = self.cleaned_data
        return selectors.LogFilters(
            stage=data["stage"], function=data["function"].pk if data["function"] else None,
            borough=data["borough"].pk if data["borough"] else None,
        )


class EntryForm(forms.Form):
    title = forms.CharField(label="Name of the innovation", max_length=200,
                            error_messages={"required": "Enter the innovation's name",
                                            "max_length": "The name must be 200 characters or fewer"})
    description = forms.CharField(
        label="The innovation", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What it is, what it changes, and for whom.",
        error_messages={"required": "Describe the innovation",
                        "max_length": "The description must be 5,000 characters or fewer"},
    )
    source_kind = forms.ChoiceField(
        label="Where did it come from?", choices=SourceKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select where the innovation came from",
                        "invalid_choice": "Select where the innovation came from"},
    )
    system_problem = forms.ModelChoiceField(
        queryset=None, required=False, label="System problem", empty_label="Select a problem",
        help_text="If it came from a system problem in the register.",
        error_messages={"invalid_choice": "Select a problem from the list"},
    )
    project = forms.ModelChoiceField(
        queryset=None, required=False, label="Challenge Fund project", empty_label="Select a project",
        help_text="If it came from a funded Challenge Fund project.",
        error_messages={"invalid_choice": "Select a project from the list"},
    )
    source_text = forms.CharField(
        label="Source", max_length=300, required=False,
        help_text="If it came from elsewhere, for example 'Curriculum cohort 2 learning set'.",
        error_messages={"max_length": "The source must be 300 characters or fewer"},
    )
    programme = forms.ModelChoiceField(
        queryset=None, required=False, label="Programme", empty_label="No programme",
        help_text="The Academy programme the innovation came from, if any.",
        error_messages={"invalid_choice": "Select a programme from the list"},
    )
    owner = forms.CharField(
        label="Owner", max_length=200,
        help_text="The person or team who owns the innovation, for example 'Frailty team, Lewisham and "
                  "Greenwich NHS Trust'.",
        error_messages={"required": "Enter who owns the innovation",
                        "max_length": "The owner must be 200 characters or fewer"},
    )
    priority_functions = forms.ModelMultipleChoiceField(
        queryset=PriorityFunction.objects.order_by("number"), required=False, label="Priority functions",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select priority functions from the list",
                        "invalid_pk_value": "Select priority functions from the list"},
    )
    boroughs = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.order_by("name"), required=False, label="Boroughs",
        widget=forms.CheckboxSelectMultiple, help_text="Leave empty if it works across south east London.",
        error_messages={"invalid_choice": "Select boroughs from the list",
                        "invalid_pk_value": "Select boroughs from the list"},
    )
    board = forms.CharField(
        label="Board reported to", max_length=200, required=False,
        help_text="The board the innovation was reported to, for example 'SEL ICB Board'.",
        error_messages={"max_length": "The board must be 200 characters or fewer"},
    )

    def __init__(self, *args, user=None, proposal=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system_problem"].queryset = selectors.problem_choices()
        self.fields["project"].queryset = selectors.project_choices()
        if proposal:
            del self.fields["programme"]
        else:
            self.fields["programme"].queryset = selectors.programme_choices(user)

    def entry_data(self) -> EntryData:
        data = self.cleaned_data
        return EntryData(
            title=data["title"], description=data["description"], source_kind=data["source_kind"],
            owner=data["owner"], system_problem=data["system_problem"], project=data["project"],
            source_text=data["source_text"], programme=data.get("programme"), board=data["board"],
            priority_functions=list(data["priority_functions"]), boroughs=list(data["boroughs"]),
        )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Is this an innovation for the log?", widget=forms.RadioSelect,
        choices=[("confirm", "Yes, confirm it as identified"), ("decline", "No, do not take it forward")],
        error_messages={"required": "Select whether to confirm the innovation",
                        "invalid_choice": "Select whether to confirm the innovation"},
    )
    note = forms.CharField(
        label="Note", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Needed if you decline it: the person who proposed it reads why.",
        error_messages={"max_length": "The note must be 300 characters or fewer"},
    )


class AdoptionForm(forms.Form):
    adopted_by = forms.CharField(label="Adopting organisation", max_length=200,
                                 error_messages={"required": "Enter the organisation that adopted the innovation",
                                                 "max_length": "The organisation must be 200 characters or fewer"})
    adopted_where = forms.CharField(
        label="Where it was adopted", max_length=200,
        help_text="The service, site or borough, for example 'Queen Elizabeth Hospital frailty unit'.",
        error_messages={"required": "Enter where the innovation was adopted",
                        "max_length": "Where it was adopted must be 200 characters or fewer"},
    )
    adopted_on = DateInputField(label="Date adopted", what="The date it was adopted",
                                help_text="For example, 15 3 2026. Today or in the past.")
    evidence = forms.CharField(
        label="Evidence of adoption", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, a board decision, a changed pathway, figures before and after.",
        error_messages={"required": "Describe the evidence of adoption",
                        "max_length": "The evidence must be 5,000 characters or fewer"},
    )
    link = forms.URLField(label="Link to the evidence", required=False, max_length=500,
                          assume_scheme="https",
                          error_messages={"invalid": "Enter a link starting with https://",
                                          "max_length": "The link must be 500 characters or fewer"})


class ScalingForm(forms.Form):
    scaled_to = forms.CharField(
        label="Further organisations", max_length=500, required=False,
        help_text="The organisations that have taken it up since it was first adopted.",
        error_messages={"max_length": "The organisations must be 500 characters or fewer"},
    )
    boroughs = forms.ModelMultipleChoiceField(
        queryset=Borough.objects.order_by("name"), required=False, label="Further boroughs",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select boroughs from the list",
                        "invalid_pk_value": "Select boroughs from the list"},
    )
    scaled_on = DateInputField(label="Date scaled", what="The date it was scaled",
                               help_text="For example, 15 3 2026. Today or in the past.")
    evidence = forms.CharField(
        label="Evidence of scaling", max_length=5000, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Describe the evidence of scaling",
                        "max_length": "The evidence must be 5,000 characters or fewer"},
    )
    link = forms.URLField(label="Link to the evidence", required=False, max_length=500,
                          assume_scheme="https",
                          error_messages={"invalid": "Enter a link starting with https://",
                                          "max_length": "The link must be 500 characters or fewer"})
