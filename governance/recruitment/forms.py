"""Forms for recruitment to vacant leadership roles. They parse and check input; saving goes through
governance.recruitment.services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils import timezone

from academy.ui.forms import DateInputField
from governance.models import CRITERION_SCORES, ApplicationState, LeadershipRole, Vacancy, VacancyState
from governance.recruitment.services import MAX_STATEMENT

S = ApplicationState


def vacant_roles():
    """Roles with no holder that have not ended and have no open vacancy."""
    today = timezone.localdate()
    return (
        LeadershipRole.objects.filter(holder__isnull=True)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .exclude(pk__in=Vacancy.objects.filter(state=VacancyState.OPEN).values("role_id"))
        .order_by("title")
    )


class PublishVacancyForm(forms.Form):
    role = forms.ModelChoiceField(
        label="Vacant role", queryset=LeadershipRole.objects.none(), empty_label="Select the vacant role",
        error_messages={"required": "Select the vacant role to publish"},
    )
    about = forms.CharField(
        label="About the role", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the role does, who it works with and why it matters.",
        error_messages={"required": "Enter what the role does"},
    )
    essential = forms.CharField(
        label="Essential criteria", widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Put each criterion on its own line. Every applicant is scored against each one.",
        error_messages={"required": "Enter at least one essential criterion"},
    )
    desirable = forms.CharField(
        label="Desirable criteria", widget=forms.Textarea(attrs={"rows": 4}), required=False,
        help_text="Put each criterion on its own line.",
    )
    how_to_apply = forms.CharField(
        label="How to apply", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the supporting statement should cover, and what happens after the closing date.",
        error_messages={"required": "Enter how to apply"},
    )
    closes_on = DateInputField(
        label="Closing date",
        help_text="Applications are taken until 11:59pm (London time) on this day.",
        error_messages={"required": "Enter the closing date", "invalid": "Enter a real date"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].queryset = vacant_roles()


class ApplyForm(forms.Form):
    statement = forms.CharField(
        label="Your supporting statement", max_length=MAX_STATEMENT,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Show how you meet each essential criterion, and any desirable ones, with examples.",
        error_messages={
            "required": "Enter your supporting statement",
            "max_length": f"Your supporting statement must be {MAX_STATEMENT:,} characters or fewer",
        },
    )


class ScoreForm(forms.Form):
    """A score (0 to 3) and a reason for each criterion of the vacancy."""

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion, current in self.criteria:
            label = f"{criterion.get_kind_display()}: {criterion.text}"
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=label, choices=CRITERION_SCORES, coerce=int, required=False, widget=forms.RadioSelect,
                initial=current.score if current else None,
            )
            self.fields[f"reason_{criterion.pk}"] = forms.CharField(
                label="Reason for the score", required=False, max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}), initial=current.reason if current else "",
            )

    def scores(self) -> dict:
        result = {}
        for criterion, _ in self.criteria:
            score = self.cleaned_data.get(f"score_{criterion.pk}")
            reason = self.cleaned_data.get(f"reason_{criterion.pk}", "")
            if score in ("", None):
                if reason.strip():
                    self.add_error(f"score_{criterion.pk}", "Choose a score for this criterion, or remove the reason")
                continue
            result[criterion.pk] = (score, reason)
        return result


DECISIONS = {
    S.APPLIED: [(S.SHORTLISTED, "Shortlist"), (S.NOT_SHORTLISTED, "Do not shortlist")],
    S.NOT_SHORTLISTED: [(S.SHORTLISTED, "Shortlist after all")],
    S.SHORTLISTED: [(S.INTERVIEWED, "Record an interview"), (S.APPOINTED, "Appoint"),
                    (S.UNSUCCESSFUL, "Not successful")],
    S.INTERVIEWED: [(S.APPOINTED, "Appoint"), (S.UNSUCCESSFUL, "Not successful")],
}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", widget=forms.RadioSelect, error_messages={"required": "Choose a decision"},
    )
    reason = forms.CharField(
        label="Reason", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
        help_text="Why, against the person specification. For an interview, the panel's notes.",
        error_messages={"required": "Enter the reason for this decision"},
    )
    confirm_overtime = forms.BooleanField(
        label="If this takes the person over 1.0 WTE across their roles, I confirm the time over is sessional "
        "overtime", required=False,
    )

    def __init__(self, *args, state: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = DECISIONS.get(state, [])
        if not any(choice == S.APPOINTED for choice, _ in DECISIONS.get(state, [])):
            del self.fields["confirm_overtime"]
