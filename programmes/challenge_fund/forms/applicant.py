"""The applicants' forms: a bid's task-list sections, co-applicants, documents and project reports."""

from __future__ import annotations

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Fieldset, Layout
from django import forms

from academy.directory.models import Organisation, PriorityFunction
from academy.ui.forms import HintedLabel
from programmes.challenge_fund.forms.fields import money_field
from programmes.challenge_fund.models import Bid
from programmes.core.models import SystemProblem
from programmes.core.selectors import attachable_problems

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
        fields = ["title", "summary", "problem", "proposed_change", "system_problem"]
        labels = {
            "system_problem": "Problem in the register of system problems (optional)",
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
            "system_problem": "If your project tackles a problem a board or network has put in the register, "
            "choose it: the problem's page then lists your project once it is funded.",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 6}),
            "proposed_change": forms.Textarea(attrs={"rows": 6}),
        }
        error_messages = {"title": {"required": "Enter a title for your project"}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["system_problem"]
        field.queryset = attachable_problems()
        field.empty_label = "Not one of the problems in the register"
        current = self.instance.system_problem_id if self.instance else None
        if current:  # a problem since adopted or closed stays selectable on the bid that names it
            field.queryset = field.queryset | SystemProblem.objects.filter(pk=current)


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
        help_text="We email them an invitation. They become a co-applicant, and can see and change the bid with "
        "you, once they accept it. To accept, they need an Academy account with this address and a leader profile.",
        error_messages={
            "required": "Enter your colleague's email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )


class InvitationAnswerForm(forms.Form):
    """The invitee's answer to an invitation to be a co-applicant."""

    answer = forms.ChoiceField(
        label="Do you want to be a co-applicant on this bid?",
        choices=[("accept", "Yes, accept the invitation"), ("decline", "No, decline the invitation")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you accept the invitation", "invalid_choice": "Choose yes or no"},
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
