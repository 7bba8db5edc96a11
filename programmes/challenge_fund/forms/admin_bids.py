"""The fund's programme admins' forms for bids: reviewers, review, the decision and milestones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import forms

from academy.accounts.models import Role, User
from academy.ui.forms import DateInputField
from programmes.challenge_fund.forms.fields import london_moment, money_field
from programmes.challenge_fund.models import BidState, Outcome
from programmes.challenge_fund.selectors import REVIEWED_STATES


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.get_full_name()} ({obj.email})"


class AssignForm(forms.Form):
    reviewer = ReviewerChoiceField(
        queryset=None,
        label="Reviewer",
        empty_label="Choose a reviewer",
        error_messages={"required": "Choose a reviewer", "invalid_choice": "Choose a reviewer from the list"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (
            User.objects.filter(role_assignments__role=Role.REVIEWER, is_active=True).distinct().order_by(
                "last_name", "first_name"
            )
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    awarded_amount = money_field(
        "Amount awarded (£)", "Enter the amount awarded", required=False,
        help_text="Only for a bid that is funded. No more than the amount asked for.",
    )
    conditions = forms.CharField(
        label="Conditions of the award", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for 'Funded with conditions'.",
    )
    feedback = forms.CharField(
        label="Feedback for the applicants",
        help_text="The applicants read this. Do not name reviewers or quote individual scores.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter the feedback the applicants will read"},
    )
    resubmit_on = DateInputField(
        label="Resubmission deadline: date",
        what="The resubmission deadline",
        required=False,
        help_text="Only for 'Revise and resubmit'. For example, 15 1 2027.",
    )
    resubmit_time = forms.TimeField(
        label="Resubmission deadline: time",
        required=False,
        help_text="London time, 24-hour clock. Leave empty for 12:00 (midday).",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"invalid": "Enter the resubmission time, like 12:00"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Needed for some decisions only, as their hints say: "(optional)" would mislead.
        for name in ("awarded_amount", "conditions", "resubmit_on", "resubmit_time"):
            self.fields[name].hide_optional = True

    def clean(self):
        """The resubmission deadline as a moment: the date and time in London. Whether the decision needs
        one is the service's rule."""
        data = super().clean()
        data["resubmit_by"] = None
        day = data.get("resubmit_on")
        if day is not None:
            try:
                data["resubmit_by"] = london_moment(day, data.get("resubmit_time") or dt.time(12, 0))
            except forms.ValidationError:
                self.add_error(
                    "resubmit_time",
                    "The resubmission time does not exist on that day because the clocks go forward. "
                    "Choose another time",
                )
        return data


class EligibilityForm(forms.Form):
    """The eligibility check's outcome, with its reason (required when the bid is not eligible)."""

    eligible = forms.TypedChoiceField(
        label="Is the bid eligible?",
        help_text="Check it against the round's eligibility rules.",
        choices=[("yes", "Yes, send it to review"), ("no", "No, it is not eligible: decide it 'Not funded'")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the bid is eligible"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Needed if the bid is not eligible: the applicants read it. Kept with the bid's history.",
        required=False,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Give the reason in 250 characters or fewer"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].hide_optional = True

    def clean(self):
        data = super().clean()
        if data.get("eligible") is False and not (data.get("reason") or "").strip():
            self.add_error("reason", "Say why the bid is not eligible")
        return data


class OpenReviewForm(EligibilityForm):
    """For a resubmitted bid: the eligibility check, and who reviews the new version."""
    reviewers = forms.ChoiceField(
        required=False,
        label="Who reviews the revised version?",
        help_text="The last version's scores stay on the bid's page as that version's scores, apart from the new ones.",
        choices=[
            ("keep", "Ask the last version's reviewers again (those without a conflict of interest)"),
            ("new", "Assign reviewers afresh"),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].hide_optional = True

    def clean(self):
        data = super().clean()
        if data.get("eligible") and not data.get("reviewers"):
            self.add_error("reviewers", "Choose who reviews the revised version")
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Milestone", max_length=200, error_messages={"required": "Enter the milestone, for example 'Pilot live'"}
    )
    due_date = DateInputField(
        label="Progress report due",
        what="The date the report is due",
        help_text="For example, 15 1 2027.",
        error_messages={"required": "Enter the date the report is due"},
    )
    payment_amount = money_field(
        "Payment released at this milestone (£)", "Enter the payment, or 0", required=False,
        help_text="Leave empty for no payment.", allow_zero=True,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["payment_amount"].hide_optional = True

    def clean_payment_amount(self):
        return self.cleaned_data["payment_amount"] or Decimal("0")


class BidListForm(forms.Form):
    """The round's bid list: how to sort it and which bids to show, kept in the URL."""

    sort = forms.ChoiceField(
        label="Sort by", required=False,
        choices=[
            ("score", "Weighted score, best first"), ("title", "Title, A to Z"),
            ("requested", "Amount requested, largest first"), ("status", "Status"),
        ],
    )
    state = forms.ChoiceField(label="Status", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "All statuses")] + [
            (value, label) for value, label in BidState.choices if value in REVIEWED_STATES
        ]

    def choices(self) -> tuple[str, str]:
        """The sort and state asked for; an unknown value falls back to the default."""
        if not self.is_bound or not self.is_valid():
            return "score", ""
        return self.cleaned_data["sort"] or "score", self.cleaned_data["state"]
