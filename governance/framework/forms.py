"""Forms for the NHSEI Design Framework self-assessment. Saving goes through the services."""

from __future__ import annotations

from django import forms

from academy.ui.forms import AccountEmailField, DateInputField
from governance.models import Rag


class FrameworkPointForm(forms.Form):
    rag = forms.ChoiceField(
        label="RAG rating", widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating", "invalid_choice": "Select a RAG rating"},
    )
    position = forms.CharField(
        label="Current position", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What is in place, what is not yet, and what happens next. A rating needs this.",
    )
    evidence = forms.CharField(
        label="Evidence in the portal", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One link a line: a title, a vertical bar, then the page's address in this portal. For "
        "example: C&CPLG seats | /governance/ccplg/",
    )
    owner_email = AccountEmailField(
        label="Email address of the owner", required=False, missing="or ask them to create an account first",
        help_text="The person who keeps this point up to date. They need an account on this portal.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    review_date = DateInputField(
        label="Review date", required=False,
        help_text="The owner is reminded by email 14 days before.",
        error_messages={"invalid": "Enter a real date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = Rag.choices
        self.owner = None

    @staticmethod
    def initial_for(point) -> dict:
        return {
            "rag": point.rag, "position": point.position, "owner_email": point.owner.email if point.owner else "",
            "review_date": point.review_date,
            "evidence": "\n".join(f"{link['title']} | {link['path']}" for link in point.evidence),
        }

    def clean_evidence(self) -> list[dict]:
        links = []
        for number, line in enumerate(self.cleaned_data["evidence"].splitlines(), start=1):
            if not line.strip():
                continue
            title, bar, path = line.rpartition("|")
            if not bar:
                raise forms.ValidationError(
                    f"Line {number}: put a vertical bar between the title and the address, like "
                    "C&CPLG seats | /governance/ccplg/"
                )
            links.append({"title": title.strip(), "path": path.strip()})
        return links

    def clean_owner_email(self):
        self.owner = self.cleaned_data["owner_email"]
        return self.owner
