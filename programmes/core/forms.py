"""Forms for the cohort engine. They only parse and check input; writes go through services."""

from __future__ import annotations

from django import forms

from academy.directory.models import LeaderGroup
from academy.ui.forms import HintedLabel
from governance.models import PriorityFunction
from programmes.core.models import DeliveryFormat


class LineManagerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you support protected time for them to take part?",
        choices=[("approve", "Yes, I support their protected time"), ("decline", "No, I cannot support it now")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you support their protected time"},
    )


class CatalogueFilterForm(forms.Form):
    leader_group = forms.ModelChoiceField(
        queryset=LeaderGroup.objects.order_by("position"),
        to_field_name="slug",
        required=False,
        empty_label="Any leader group",
        label="Who it is for",
    )
    delivery_format = forms.ChoiceField(
        choices=[("", "Any format"), *DeliveryFormat.choices], required=False, label="Format"
    )
    priority_function = forms.ModelChoiceField(
        queryset=PriorityFunction.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label="Any priority function",
        label="Priority function",
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "leader_group": data["leader_group"],
            "delivery_format": data["delivery_format"],
            "priority_function": data["priority_function"],
        }


class PriorityFunctionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: PriorityFunction) -> str:
        return HintedLabel(obj.name, obj.definition)


class ApplicationForm(forms.Form):
    """Answers to the cohort's own questions, the applied problem, and the line manager."""

    applied_problem = forms.CharField(
        label="Which real system problem will you bring?",
        help_text="The programme is applied: you work on a real problem in your system. "
        "Describe it in a few sentences.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={"required": "Describe the system problem you will bring"},
    )
    priority_function = PriorityFunctionChoice(
        queryset=PriorityFunction.objects.order_by("number"),
        to_field_name="number",
        widget=forms.RadioSelect,
        empty_label=None,
        label="Which priority function does it sit in?",
        error_messages={"required": "Select the priority function your problem sits in"},
    )
    line_manager_name = forms.CharField(
        label="Your line manager's name",
        max_length=200,
        error_messages={"required": "Enter your line manager's name"},
    )
    line_manager_email = forms.EmailField(
        label="Your line manager's email address",
        help_text="We will email them a link to support your protected time. They do not need an account.",
        error_messages={
            "required": "Enter your line manager's email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(cohort.questions or [])
        question_fields = {}
        for number, question in enumerate(self.questions, start=1):
            question_fields[f"answer_{number}"] = forms.CharField(
                label=question,
                widget=forms.Textarea(attrs={"rows": 5}),
                max_length=3000,
                error_messages={"required": f"Answer the question: {question}"},
            )
        # The cohort's own questions come first.
        self.fields = {**question_fields, **self.fields}

    def answers(self) -> list[dict]:
        return [
            {"question": question, "answer": self.cleaned_data[f"answer_{number}"]}
            for number, question in enumerate(self.questions, start=1)
        ]
