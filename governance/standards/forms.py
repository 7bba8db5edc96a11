"""Forms for the care standards register. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms

from academy.ui.formats import nhs_date
from academy.ui.forms import DateInputField


class StandardForm(forms.Form):
    network = forms.ModelChoiceField(
        label="Clinical network",
        queryset=None,
        empty_label="Choose a network",
        error_messages={
            "required": "Select the clinical network the standard comes from",
            "invalid_choice": "Select a clinical network from the list",
        },
    )
    title = forms.CharField(
        label="Title of the standard", max_length=200, error_messages={"required": "Enter the title of the standard"}
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        help_text="What the standard asks of services, and how it will be benchmarked to reduce unwarranted variation.",
        error_messages={"required": "Enter a summary of the standard"},
    )
    document_url = forms.URLField(
        label="Link to the standard",
        required=False,
        assume_scheme="https",
        max_length=200,
        help_text="Where the full document is kept, for example on the network's SharePoint site.",
        error_messages={"invalid": "Enter the link in full, starting https://"},
    )

    def __init__(self, *args, networks=None, **kwargs):
        super().__init__(*args, **kwargs)
        if networks is None:  # changing a draft: its network stays
            del self.fields["network"]
        else:
            self.fields["network"].queryset = networks


class ConsultationForm(forms.Form):
    consulted_on = DateInputField(
        label="Date of the ICS Executive's consultation",
        error_messages={"required": "Enter the date of the consultation", "invalid": "Enter a real date"},
    )
    consulted_with = forms.CharField(
        label="Who was consulted",
        max_length=200,
        help_text="For example 'ICS Executive meeting' or the executives who commented.",
        error_messages={"required": "Enter who was consulted"},
    )
    outcome = forms.CharField(
        label="Outcome of the consultation",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter the outcome of the consultation"},
    )


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{nhs_date(item.meeting.starts_at)} meeting: {item.title}"


class ApprovalForm(forms.Form):
    decision = DecisionChoiceField(
        label="The C&CPLG decision that approved it",
        queryset=None,
        empty_label="Choose the decision",
        help_text="Decisions recorded on the agendas of meetings that have taken place.",
        error_messages={
            "required": "Select the decision that approved the standard",
            "invalid_choice": "Select a decision from the list",
        },
    )

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions
