"""Forms for the Challenge Fund. They parse and check input; saving goes through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms
from django.conf import settings

from academy.directory.models import Organisation
from academy.ui.forms import HintedLabel
from governance.models import PriorityFunction
from programmes.challenge_fund.models import MONEY, Bid, Criterion, Outcome, Question, Round

LONDON = ZoneInfo(settings.TIME_ZONE)
MAX_MONEY = Decimal("9999999999.99")


def money_field(
    label: str, required_message: str, *, required: bool = True, help_text: str = "", allow_zero: bool = False
) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        help_text=help_text,
        required=required,
        min_value=Decimal("0") if allow_zero else Decimal("0.01"),
        max_value=MAX_MONEY,
        max_digits=MONEY["max_digits"],
        decimal_places=MONEY["decimal_places"],
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}),
        error_messages={
            "required": required_message,
            "invalid": f"{label} must be an amount in pounds, like 25000 or 25000.50",
            "min_value": f"{label} cannot be negative" if allow_zero else f"{label} must be more than £0",
            "max_value": f"{label} is too large",
            "max_digits": f"{label} is too large",
            "max_decimal_places": f"{label} can have at most 2 decimal places (pence)",
        },
    )


def london_moment(day: dt.date, time: dt.time) -> dt.datetime:
    """The moment a London wall-clock date and time names. A time the clocks skip (the spring change)
    does not exist; a time the clocks repeat (the autumn change) means the first one."""
    aware = dt.datetime.combine(day, time).replace(tzinfo=LONDON, fold=0)
    round_trip = aware.astimezone(dt.UTC).astimezone(LONDON)
    if round_trip.replace(tzinfo=None) != aware.replace(tzinfo=None):
        raise forms.ValidationError("nonexistent")
    return aware


def _date_field(label: str, what: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text="Use the date picker, or type the date, for example 15/01/2027.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": f"Enter the {what} date", "invalid": f"Enter the {what} date as a real date"},
    )


def _time_field(label: str, what: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="London time, 24-hour clock, for example 12:00.",
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": f"Enter the {what} time", "invalid": f"Enter the {what} time, like 12:00"},
    )


class RoundForm(forms.ModelForm):
    budget = money_field("Budget (£)", "Enter the round's budget")
    min_award = money_field("Minimum award (£)", "Enter the minimum award")
    max_award = money_field("Maximum award (£)", "Enter the maximum award")
    opens_on = _date_field("Opening date", "opening")
    opens_time = _time_field("Opening time", "opening")
    closes_on = _date_field("Closing date", "closing")
    closes_time = _time_field("Closing time", "closing")
    min_partner_organisations = forms.IntegerField(
        label="Organisations that must take part",
        help_text="Counting the lead's organisation. For example 2: partners come from at least two organisations.",
        min_value=1,
        max_value=10,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter how many organisations must take part",
            "invalid": "Enter a whole number from 1 to 10",
            "min_value": "Enter a number from 1 to 10",
            "max_value": "Enter a number from 1 to 10",
        },
    )
    score_max = forms.IntegerField(
        label="Top score for each criterion",
        help_text="Reviewers score each criterion from 0 to this number.",
        min_value=1,
        max_value=10,
        initial=5,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter the top score",
            "invalid": "Enter a whole number from 1 to 10",
            "min_value": "Enter a top score from 1 to 10",
            "max_value": "Enter a top score from 1 to 10",
        },
    )

    class Meta:
        model = Round
        fields = [
            "title", "summary", "guidance", "eligibility", "budget", "min_award", "max_award",
            "min_partner_organisations", "require_priority_function", "score_max", "sealed", "blind_review",
        ]
        labels = {
            "title": "Title",
            "summary": "Summary",
            "guidance": "Guidance for applicants",
            "eligibility": "Eligibility rules",
            "require_priority_function": "Bids must address at least one of the 10 priority functions",
            "sealed": "Seal the round: staff see no bid until it closes",
            "blind_review": "Blind review: reviewers do not see applicants' names or organisations",
        }
        help_texts = {
            "require_priority_function": "",
            "sealed": "Counts of bids are still shown.",
            "blind_review": "",
            "eligibility": "In plain English, for example: the lead is a clinical or care professional working "
            "in south east London; partners come from at least two organisations.",
        }
        widgets = {"guidance": forms.Textarea(attrs={"rows": 8}), "eligibility": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Enter the round's title"},
            "summary": {"required": "Enter a one-sentence summary"},
            "guidance": {"required": "Enter the guidance for applicants"},
            "eligibility": {"required": "Enter the eligibility rules"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            opens = self.instance.opens_at.astimezone(LONDON)
            closes = self.instance.closes_at.astimezone(LONDON)
            self.initial.update(
                opens_on=opens.date(), opens_time=opens.time(), closes_on=closes.date(), closes_time=closes.time()
            )
        else:
            self.initial.setdefault("opens_time", dt.time(9, 0))
            self.initial.setdefault("closes_time", dt.time(12, 0))
            self.initial.setdefault("min_partner_organisations", 2)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "title", "summary", "guidance", "eligibility",
            Fieldset("Money", "budget", "min_award", "max_award"),
            Fieldset("Dates", "opens_on", "opens_time", "closes_on", "closes_time"),
            Fieldset("Rules checked for every bid", "min_partner_organisations", "require_priority_function"),
            Fieldset("Review", "score_max", "sealed", "blind_review"),
        )

    def _post_clean(self):
        """No model validation here: the service checks the rules with messages that say how to put them
        right, and the database constraints back them up. Django's generic "Constraint ... is violated"
        would only repeat them unhelpfully. The form never saves the instance."""

    def _moment(self, day_field: str, time_field: str, what: str):
        day, time = self.cleaned_data.get(day_field), self.cleaned_data.get(time_field)
        if day is None or time is None:
            return None
        try:
            return london_moment(day, time)
        except forms.ValidationError:
            self.add_error(
                time_field,
                f"The {what} time does not exist on that day because the clocks go forward. Choose another time",
            )
            return None

    def clean(self):
        data = super().clean()
        data["opens_at"] = self._moment("opens_on", "opens_time", "opening")
        data["closes_at"] = self._moment("closes_on", "closes_time", "closing")
        return data

    def service_values(self) -> dict:
        names = [*self.Meta.fields, "opens_at", "closes_at"]
        return {name: self.cleaned_data[name] for name in names}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "hint"]
        labels = {"text": "Question", "hint": "Hint (optional)"}
        help_texts = {"hint": "Shown under the question to help applicants answer it."}
        error_messages = {"text": {"required": "Enter the question"}}


class CriterionForm(forms.ModelForm):
    weight = forms.IntegerField(
        label="Weight",
        help_text="From 1 to 10. A criterion with weight 2 counts twice as much as one with weight 1.",
        min_value=1,
        max_value=10,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={
            "required": "Enter a weight from 1 to 10",
            "invalid": "Enter a weight from 1 to 10",
            "min_value": "Enter a weight from 1 to 10",
            "max_value": "Enter a weight from 1 to 10",
        },
    )

    class Meta:
        model = Criterion
        fields = ["title", "guidance", "weight"]
        labels = {"title": "Criterion", "guidance": "Score guidance"}
        help_texts = {"guidance": "What a low and a high score look like."}
        widgets = {"guidance": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "title": {"required": "Enter the criterion, for example 'System benefit'"},
            "guidance": {"required": "Enter the score guidance"},
        }

    def _post_clean(self):
        """The service checks the weight and the title (see RoundForm._post_clean)."""


# --- bids ------------------------------------------------------------------------------------------
# A bid is a draft saved section by section: its fields may be left empty for now, but are needed before
# it is submitted, so they do not say "(optional)".


class DraftFieldsMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hide_optional()

    def hide_optional(self) -> None:
        for field in self.fields.values():
            field.hide_optional = True


class StartBidForm(forms.Form):
    title = forms.CharField(
        label="Project title",
        max_length=200,
        help_text="A short name for your project. You can change it later.",
        error_messages={"required": "Enter a title for your project"},
    )


class AboutForm(DraftFieldsMixin, forms.ModelForm):
    class Meta:
        model = Bid
        fields = ["title", "summary", "problem", "proposed_change"]
        labels = {
            "title": "Project title",
            "summary": "Summary",
            "problem": "The problem",
            "proposed_change": "The proposed change",
        }
        help_texts = {
            "summary": "Two or three sentences. If the project is funded, this is shown on the public list of funded "
            "projects.",
            "problem": "What system problem does the project tackle, and for whom?",
            "proposed_change": "What will you do differently, and across which boundaries?",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 6}),
            "proposed_change": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {"title": {"required": "Enter a title for your project"}}


class PriorityFunctionField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PriorityFunction) -> str:
        return HintedLabel(obj.name, obj.definition)


class FunctionsForm(DraftFieldsMixin, forms.Form):
    functions = PriorityFunctionField(
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Which of the 10 priority functions does your project serve?",
        help_text="Select all that apply.",
        error_messages={"invalid_choice": "Select priority functions from the list"},
    )


class PartnersForm(DraftFieldsMixin, forms.Form):
    partners = forms.ModelMultipleChoiceField(
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Partner organisations",
        help_text="Select every organisation, other than your own, that takes part in the project.",
        error_messages={"invalid_choice": "Select partner organisations from the list"},
    )

    def __init__(self, *args, lead_organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = Organisation.objects.exclude(pk=lead_organisation_id).order_by("name")


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Co-applicant's email address",
        help_text="They need an Academy account with a leader profile. They can then change the bid with you.",
        error_messages={
            "required": "Enter your colleague's email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )


class InvolvementForm(DraftFieldsMixin, forms.ModelForm):
    class Meta:
        model = Bid
        fields = ["ppi", "outcomes", "measures"]
        labels = {
            "ppi": "Patient and public involvement",
            "outcomes": "Expected outcomes",
            "measures": "How you will measure the outcomes",
        }
        help_texts = {
            "ppi": "How patients, carers and the public shaped the project and will take part in it.",
            "outcomes": "What will be better for patients, the public and staff, and by when.",
            "measures": "The measures you will use, their baseline and where the data comes from.",
        }
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in ("ppi", "outcomes", "measures")}


class BudgetForm(DraftFieldsMixin, forms.Form):
    """The amount requested and its budget lines, on one page so that their total can be checked
    together. Blank lines are ignored; there is always room for a few more."""

    SPARE_LINES = 3

    def __init__(self, *args, bid: Bid, **kwargs):
        lines = list(bid.budget_lines.all())
        initial = {"amount_requested": bid.amount_requested}
        for number, line in enumerate(lines, start=1):
            initial[f"line_{number}_description"] = line.description
            initial[f"line_{number}_amount"] = line.amount
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        round_ = bid.round
        self.fields["amount_requested"] = money_field(
            "Amount requested (£)",
            "Enter the amount you are asking for",
            required=False,
            help_text=f"From £{round_.min_award:,.0f} to £{round_.max_award:,.0f}. Your budget lines must add up "
            "to this amount.",
        )
        self.line_count = max(len(lines) + self.SPARE_LINES, 5)
        fieldsets = []
        for number in range(1, self.line_count + 1):
            self.fields[f"line_{number}_description"] = forms.CharField(
                label=f"Line {number}: what the money is for", max_length=200, required=False
            )
            self.fields[f"line_{number}_amount"] = money_field(
                f"Line {number}: amount (£)", f"Enter the amount for line {number}", required=False
            )
            fieldsets.append(
                Fieldset(f"Budget line {number}", Field(f"line_{number}_description"), Field(f"line_{number}_amount"))
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout("amount_requested", *fieldsets)
        self.hide_optional()

    def clean(self):
        data = super().clean()
        lines = []
        for number in range(1, self.line_count + 1):
            description = (data.get(f"line_{number}_description") or "").strip()
            amount = data.get(f"line_{number}_amount")
            amount_field = f"line_{number}_amount"
            if description and amount is None and amount_field not in self.errors:
                self.add_error(amount_field, f"Enter the amount for line {number}")
            elif amount is not None and not description:
                self.add_error(f"line_{number}_description", f"Say what the money in line {number} is for")
            elif description and amount is not None:
                lines.append((description, amount))
        data["lines"] = lines
        return data


class AnswersForm(DraftFieldsMixin, forms.Form):
    def __init__(self, *args, bid: Bid, **kwargs):
        questions = list(bid.round.questions.all())
        answers = {answer.question_id: answer.text for answer in bid.answers.all()}
        kwargs.setdefault("initial", {f"question_{q.pk}": answers.get(q.pk, "") for q in questions})
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text,
                help_text=question.hint,
                required=False,
                max_length=10000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        self.hide_optional()

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"question_{q.pk}"] for q in self.questions}


# --- review and determination ----------------------------------------------------------------------


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
        from academy.accounts.models import Role, User

        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = (
            User.objects.filter(role_assignments__role=Role.REVIEWER, is_active=True).distinct().order_by(
                "last_name", "first_name"
            )
        )


class DeclareForm(forms.Form):
    conflicted = forms.TypedChoiceField(
        label="Do you have a conflict of interest with this bid?",
        help_text="For example: you, your team or a close colleague would take part in the project or gain from it.",
        choices=[("no", "No, I have no conflict of interest"), ("yes", "Yes, I have a conflict of interest")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you have a conflict of interest"},
    )
    reason = forms.CharField(
        label="If yes, describe the conflict",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreForm(forms.Form):
    def __init__(self, *args, round_, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(round_.criteria.all())
        top = round_.score_max
        for criterion in self.criteria:
            message = f"Score '{criterion.title}' from 0 to {top}"
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=f"{criterion.title}: score from 0 to {top}",
                help_text=f"{criterion.guidance} Weight {criterion.weight}.",
                min_value=0,
                max_value=top,
                widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
                error_messages={"required": message, "invalid": message, "min_value": message, "max_value": message},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=f"{criterion.title}: comment (optional)", required=False, max_length=4000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"comment_{criterion.pk}"].hide_optional = True
        self.fields["comments"] = forms.CharField(
            label="Overall comments for the panel", required=False, max_length=10000,
            widget=forms.Textarea(attrs={"rows": 4}),
        )

    def scores(self) -> dict[int, tuple[int, str]]:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"]) for c in self.criteria
        }


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
    resubmit_on = forms.DateField(
        label="Resubmission deadline: date",
        required=False,
        help_text="Only for 'Revise and resubmit'. Use the date picker, or type the date, for example 15/01/2027.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": "Enter the resubmission deadline as a real date"},
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


class OpenReviewForm(forms.Form):
    """For a resubmitted bid: who reviews the new version."""

    reviewers = forms.ChoiceField(
        label="Who reviews the revised version?",
        help_text="The last version's scores stay on the bid's page as that version's scores, apart from the new ones.",
        choices=[
            ("keep", "Ask the last version's reviewers again (those without a conflict of interest)"),
            ("new", "Assign reviewers afresh"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who reviews the revised version"},
    )


# --- funded projects -------------------------------------------------------------------------------


class MilestoneForm(forms.Form):
    title = forms.CharField(
        label="Milestone", max_length=200, error_messages={"required": "Enter the milestone, for example 'Pilot live'"}
    )
    due_date = forms.DateField(
        label="Progress report due",
        help_text="Use the date picker, or type the date, for example 15/01/2027.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter the date the report is due", "invalid": "Enter a real date"},
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


class ReportForm(forms.Form):
    def __init__(self, *args, bid: Bid, kind: str, milestones, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(bid.budget_lines.all())
        if kind == "progress":
            self.fields["milestone"] = forms.ModelChoiceField(
                queryset=milestones, label="Which milestone are you reporting on?", widget=forms.RadioSelect,
                empty_label=None, error_messages={"required": "Choose the milestone you are reporting on",
                                                  "invalid_choice": "Choose a milestone from the list"},
            )
        texts = [
            ("done", "What was done", "Enter what was done"),
            ("outcomes", "Outcomes so far", "Enter the outcomes so far"),
            ("learning", "What you have learnt", "Enter what you have learnt"),
            ("risks", "Risks and issues", "Enter the risks and issues, or 'None'"),
        ]
        for name, label, message in texts:
            self.fields[name] = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 4}), error_messages={"required": message}
            )
        for line in self.lines:
            field = money_field(
                f"Spent to date on '{line.description}' (£)", f"Enter the spend to date on '{line.description}', or 0",
                help_text=f"Budget: £{line.amount:,.2f}", allow_zero=True,
            )
            self.fields[f"spend_{line.pk}"] = field

    def spend(self) -> dict[int, Decimal]:
        return {line.pk: self.cleaned_data[f"spend_{line.pk}"] for line in self.lines}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label="Upload a supporting document",
        help_text="A PDF, Word document (.docx) or Excel spreadsheet (.xlsx), smaller than 10 MB. For example, "
        "letters of support from partners or a logic model.",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty. Choose another file"},
    )


class EmailForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Enter the message"},
    )

    def __init__(self, *args, placeholders: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if placeholders:
            from programmes.challenge_fund.services import PLACEHOLDERS

            self.fields["body"].help_text = "You can use " + ", ".join("{" + p + "}" for p in PLACEHOLDERS) + "."


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
        from programmes.challenge_fund.models import BidState
        from programmes.challenge_fund.selectors import REVIEWED_STATES

        super().__init__(*args, **kwargs)
        self.fields["state"].choices = [("", "All statuses")] + [
            (value, label) for value, label in BidState.choices if value in REVIEWED_STATES
        ]

    def choices(self) -> tuple[str, str]:
        """The sort and state asked for; an unknown value falls back to the default."""
        if not self.is_bound or not self.is_valid():
            return "score", ""
        return self.cleaned_data["sort"] or "score", self.cleaned_data["state"]
