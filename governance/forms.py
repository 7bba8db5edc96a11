"""Forms for governance pages. They parse and check input; saving goes through governance.services."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxValueValidator, MinValueValidator

from academy.directory.models import Borough, Organisation, PriorityFunction, ProviderCollaborative, SpatialLevel
from governance.models import (
    MAX_WTE,
    MIN_WTE,
    AgendaItem,
    ClinicalNetwork,
    FundingSource,
    GovernanceStructure,
    PayBasis,
    RoleType,
)
from governance.reference.kinds import ReferenceKind
from programmes.challenge_fund.services import PROGRAMME_SLUG as CHALLENGE_FUND_SLUG
from programmes.core import selectors as programmes

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def reference_form_class(kind: ReferenceKind) -> type[forms.ModelForm]:
    """A form for one kind of reference data, with messages that say what to put right."""
    error_messages = {}
    for name in kind.fields:
        label = kind.labels.get(name, name).lower()
        error_messages[name] = {
            "required": f"Enter the {label}" if name != "kind" else "Select the type of structure",
            "unique": f"There is already a {kind.singular} with this {label}. Enter a different one.",
            "max_length": f"The {label} must be %(limit_value)d characters or fewer",
        }
    if "default_wte" in kind.fields:
        error_messages["default_wte"].update(
            invalid="Enter the WTE as a number, like 0.2",
            min_value=f"The default WTE must be {MIN_WTE} or more",
            max_value=f"The default WTE must be {MAX_WTE} or less",
            max_decimal_places="Enter the WTE to 2 decimal places at most, like 0.25",
            max_digits="Enter the WTE as a number from 0.1 to 1.0",
            max_whole_digits="Enter the WTE as a number from 0.1 to 1.0",
        )
    if "annual_rate_per_wte" in kind.fields:
        error_messages["annual_rate_per_wte"].update(
            invalid="Enter the annual cost in pounds, like 95000",
            min_value="The annual cost must be more than £0",
            max_digits="The annual cost must be less than £100,000,000",
            max_whole_digits="The annual cost must be less than £100,000,000",
            max_decimal_places="Enter pounds and pence at most, like 95000.50",
        )
    widgets = {"kind": forms.RadioSelect} if "kind" in kind.fields else {}

    class Meta:
        model = kind.model
        fields = list(kind.fields)
        labels = kind.labels
        help_texts = kind.help_texts

    Meta.error_messages = error_messages
    Meta.widgets = widgets
    attrs = {"Meta": Meta}
    if "default_wte" in kind.fields:
        attrs["default_wte"] = forms.DecimalField(
            label=kind.labels["default_wte"], help_text=kind.help_texts.get("default_wte", ""),
            min_value=MIN_WTE, max_value=MAX_WTE, max_digits=3, decimal_places=2,
            error_messages=error_messages["default_wte"], widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
    if "annual_rate_per_wte" in kind.fields:
        attrs["annual_rate_per_wte"] = forms.DecimalField(
            label=kind.labels["annual_rate_per_wte"], help_text=kind.help_texts.get("annual_rate_per_wte", ""),
            min_value=Decimal("0.01"), max_digits=10, decimal_places=2,
            error_messages=error_messages["annual_rate_per_wte"],
            widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        )
    form_class = type(f"{kind.model.__name__}Form", (forms.ModelForm,), attrs)
    if "kind" in kind.fields:
        form_class.base_fields["kind"].choices = [
            choice for choice in form_class.base_fields["kind"].choices if choice[0]
        ]
    return form_class


class SeatForm(forms.Form):
    holder_email = forms.EmailField(
        label="Email address of the person who holds the seat",
        help_text="They need an account on this portal.",
        error_messages={
            "required": "Enter the email address of the person who holds the seat",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    term_starts = forms.DateField(
        label="Term of office starts", widget=DATE_WIDGET, help_text="For example, 1 April 2026.",
        error_messages={"required": "Enter the date the term starts", "invalid": "Enter a real date"},
    )
    term_ends = forms.DateField(
        label="Term of office ends", widget=DATE_WIDGET,
        help_text="The holder and the secretariat are reminded 60 days before.",
        error_messages={"required": "Enter the date the term ends", "invalid": "Enter a real date"},
    )

    def clean_holder_email(self):
        email = self.cleaned_data["holder_email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                "No one with this email address has an account on the portal. Check the address, or ask them "
                "to create an account first"
            )
        self.holder = user
        return email


class RoleFilterForm(forms.Form):
    spatial_level = forms.ChoiceField(
        label="Spatial level", required=False, choices=[("", "All levels"), *SpatialLevel.choices]
    )
    function = forms.ModelChoiceField(
        label="Priority function", required=False, queryset=PriorityFunction.objects.all(), empty_label="All functions"
    )
    status = forms.ChoiceField(
        label="Filled or vacant", required=False,
        choices=[("", "Filled and vacant"), ("filled", "Filled"), ("vacant", "Vacant")],
    )
    ended = forms.ChoiceField(
        label="Roles that have ended", required=False,
        choices=[("", "Leave out roles that have ended"), ("include", "Include roles that have ended")],
    )

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}


class LeadershipRoleForm(forms.Form):
    title = forms.CharField(
        label="Title of the role", max_length=200,
        help_text='For example, "Workforce resilience lead, Acute provider collaborative".',
        error_messages={"required": "Enter the title of the role"},
    )
    function = forms.ModelChoiceField(
        label="Priority function", queryset=PriorityFunction.objects.all(),
        error_messages={"required": "Select the priority function the role serves"},
    )
    spatial_level = forms.ChoiceField(
        label="Spatial level", choices=SpatialLevel.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select the spatial level the role is at"},
    )
    collaborative = forms.ModelChoiceField(
        label="Provider collaborative", queryset=ProviderCollaborative.objects.all(), required=False,
        help_text="Only for a role in a provider collaborative.",
    )
    borough = forms.ModelChoiceField(
        label="Borough (Local Care Partnership)", queryset=Borough.objects.all(), required=False,
        help_text="Only for a role in a Local Care Partnership.",
    )
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.all(), required=False,
        help_text="Only for a role at organisation level (the 5th space).",
    )
    clinical_network = forms.ModelChoiceField(
        label="Clinical network", queryset=ClinicalNetwork.objects.all(), required=False,
        help_text="If the role leads or serves a clinical network.",
    )
    role_type = forms.ModelChoiceField(
        label="Role type on the rate card", queryset=RoleType.objects.all(),
        help_text="The rate card sets the cost of 1.0 WTE of this type of role.",
        error_messages={"required": "Select the role type, so the role is priced from the rate card"},
    )
    pay_basis = forms.ChoiceField(
        label="Paid as", choices=PayBasis.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether the role is sessional or salaried"},
    )
    wte = forms.DecimalField(
        label="WTE", required=False, max_digits=3, decimal_places=2,
        help_text="From 0.1 to 1.0; 0.2 WTE is one day a week. Leave empty to use the spatial level's default "
        "(0.4 at ICS level, 0.2 elsewhere).",
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "invalid": "Enter the WTE as a number, like 0.2",
            "max_decimal_places": "Enter the WTE to 2 decimal places at most, like 0.25",
            "max_digits": "Enter the WTE as a number from 0.1 to 1.0",
            "max_whole_digits": "Enter the WTE as a number from 0.1 to 1.0",
        },
    )
    funding_source = forms.ChoiceField(
        label="Funded by", choices=[("", "Select who funds the role"), *FundingSource.choices],
        error_messages={"required": "Select who funds the role"},
    )
    start_date = forms.DateField(
        label="Start date", widget=DATE_WIDGET,
        error_messages={"required": "Enter the date the role starts", "invalid": "Enter a real date"},
    )
    end_date = forms.DateField(
        label="End date", widget=DATE_WIDGET, required=False,
        help_text="Leave empty if the role has no end date.",
        error_messages={"invalid": "Enter a real date"},
    )
    holder_email = forms.EmailField(
        label="Email address of the holder", required=False,
        help_text="Leave empty if the role is vacant. The holder needs an account on this portal.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    sessional_overtime_confirmed = forms.BooleanField(
        label="The holder's time over 1.0 WTE across their roles is confirmed as sessional overtime",
        required=False,
    )
    structures = forms.ModelMultipleChoiceField(
        label="Governance structures the role sits on", queryset=GovernanceStructure.objects.all(),
        required=False, widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
    )

    def clean_holder_email(self):
        email = self.cleaned_data.get("holder_email")
        self.holder = None
        if email:
            self.holder = get_user_model().objects.filter(email__iexact=email).first()
            if self.holder is None:
                raise forms.ValidationError(
                    "No one with this email address has an account on the portal. Check the address, or leave "
                    "it empty to record the role as vacant"
                )
        return email

    def service_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in (
            "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
            "role_type", "pay_basis", "wte", "funding_source", "start_date", "end_date",
            "sessional_overtime_confirmed",
        )}
        data["holder"] = self.holder
        return data

    @classmethod
    def initial_for(cls, role) -> dict:
        initial = {name: getattr(role, name) for name in (
            "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
            "role_type", "pay_basis", "wte", "funding_source", "start_date", "end_date",
            "sessional_overtime_confirmed",
        )}
        initial["holder_email"] = role.holder.email if role.holder_id else ""
        initial["structures"] = list(role.structures.all())
        return initial


class MeetingForm(forms.Form):
    starts_on = forms.DateField(
        label="Date", widget=DATE_WIDGET,
        error_messages={"required": "Enter the date of the meeting", "invalid": "Enter a real date"},
    )
    starts_at_time = forms.TimeField(
        label="Start time", widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": "Enter the time the meeting starts", "invalid": "Enter a real time, like 14:00"},
    )
    minutes = forms.IntegerField(
        label="Length in minutes", initial=120, min_value=15, max_value=480,
        error_messages={
            "required": "Enter how long the meeting is, in minutes", "invalid": "Enter the length as a number",
            "min_value": "A meeting is at least 15 minutes", "max_value": "A meeting is at most 480 minutes",
        },
    )
    location = forms.CharField(
        label="Where", max_length=200, help_text="A room, or 'Microsoft Teams'.",
        error_messages={"required": "Enter where the meeting is"},
    )


class AgendaItemForm(forms.ModelForm):
    paper_url = forms.URLField(
        label="Link to the paper", required=False, assume_scheme="https", max_length=200,
        help_text="Papers are short: two sides at most. Link to where it is kept.",
        error_messages={"invalid": "Enter the paper's link in full, starting https://"},
    )

    class Meta:
        model = AgendaItem
        fields = ["function", "title", "purpose", "ask", "lead", "minutes", "paper_url", "outcome"]
        labels = {
            "function": "Priority function", "title": "Title of the item", "purpose": "What is the group asked to do?",
            "ask": "Decision or action sought", "lead": "Who leads the item", "minutes": "Time in minutes",
            "paper_url": "Link to the paper", "outcome": "Decision recorded",
        }
        help_texts = {
            "ask": "In a sentence or two. Not needed for an update.",
            "outcome": "After the meeting: what the group decided or agreed.",
        }
        widgets = {"purpose": forms.RadioSelect, "ask": forms.Textarea(attrs={"rows": 3}),
                   "outcome": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "function": {"required": "Select the priority function the item belongs to"},
            "title": {"required": "Enter the title of the item"},
            "purpose": {"required": "Select what the group is asked to do"},
            "minutes": {"required": "Enter the time for the item in minutes", "invalid": "Enter the time as a number",
                        "min_value": "Give the item at least 1 minute"},
            "paper_url": {"invalid": "Enter the paper's link in full, starting https://"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purpose"].choices = [c for c in self.fields["purpose"].choices if c[0]]
        self.fields["minutes"].validators += [
            MinValueValidator(1, "Give the item at least 1 minute"),
            MaxValueValidator(120, "An item can have at most 120 minutes"),
        ]

    def clean(self):
        data = super().clean()
        if data.get("purpose") and data["purpose"] != "update" and not (data.get("ask") or "").strip():
            self.add_error("ask", "Enter the decision or action the group is asked for. If there is none, choose "
                           "'Update only'")
        return data

    def _post_clean(self):
        """The form only parses: the service checks the item against the model and the meeting, so the
        model's own constraint messages are not added a second time here."""


class AttendanceForm(forms.Form):
    people = forms.ModelMultipleChoiceField(
        label="Who attended", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="The group's seat holders. Select everyone who attended.",
    )

    def __init__(self, *args, queryset=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = queryset


class ActionForm(forms.Form):
    description = forms.CharField(
        label="Action", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
        error_messages={"required": "Enter what is to be done"},
    )
    owner_email = forms.EmailField(
        label="Email address of the owner", help_text="They need an account on this portal.",
        error_messages={"required": "Enter the email address of the person who owns the action",
                        "invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    due_date = forms.DateField(
        label="Due date", widget=DATE_WIDGET,
        error_messages={"required": "Enter the date the action is due", "invalid": "Enter a real date"},
    )

    def clean_owner_email(self):
        email = self.cleaned_data["owner_email"]
        self.owner = get_user_model().objects.filter(email__iexact=email).first()
        if self.owner is None:
            raise forms.ValidationError(
                "No one with this email address has an account on the portal. Check the address"
            )
        return email


# --- The NHSEI Design Framework self-assessment -----------------------------------------------------


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
    owner_email = forms.EmailField(
        label="Email address of the owner", required=False,
        help_text="The person who keeps this point up to date. They need an account on this portal.",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )
    review_date = forms.DateField(
        label="Review date", required=False, widget=DATE_WIDGET,
        help_text="The owner is reminded by email 14 days before.",
        error_messages={"invalid": "Enter a real date"},
    )

    def __init__(self, *args, **kwargs):
        from governance.models import Rag

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
        email = self.cleaned_data["owner_email"]
        if email:
            self.owner = get_user_model().objects.filter(email__iexact=email).first()
            if self.owner is None:
                raise forms.ValidationError(
                    "No one with this email address has an account on the portal. Check the address, or ask "
                    "them to create an account first"
                )
        return email


# --- The Academy's spend by programme ---------------------------------------------------------------


class ProgrammeSpendForm(forms.Form):
    programme = forms.ModelChoiceField(
        label="Programme", queryset=None, empty_label="Select a programme",
        error_messages={"required": "Select the programme", "invalid_choice": "Select the programme"},
    )
    quarter = forms.ChoiceField(
        label="Quarter", help_text="The calendar quarter the money was spent in.",
        error_messages={"required": "Select the quarter", "invalid_choice": "Select the quarter"},
    )
    amount = forms.DecimalField(
        label="Amount (£)", min_value=Decimal("0.01"), max_digits=12, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "nhsuk-input--width-10"}),
        error_messages={
            "required": "Enter the amount", "invalid": "Enter the amount in pounds, like 1250.50",
            "min_value": "Enter an amount more than £0", "max_decimal_places": "Enter pounds and pence at most",
            "max_digits": "The amount must be less than £10,000,000,000",
            "max_whole_digits": "The amount must be less than £10,000,000,000",
        },
    )
    description = forms.CharField(
        label="What it was spent on", max_length=300,
        help_text="For example, 'Facilitators and venue for cohort 2'.",
        error_messages={"required": "Describe what the money was spent on",
                        "max_length": "The description must be 300 characters or fewer"},
    )

    def __init__(self, *args, quarters=(), **kwargs):
        super().__init__(*args, **kwargs)
        # The Challenge Fund's spend is its awards, so it is not recorded here.
        self.fields["programme"].queryset = programmes.all_programmes().exclude(slug=CHALLENGE_FUND_SLUG)
        self.fields["quarter"].choices = [("", "Select a quarter"), *[(q.key, q.label) for q in quarters]]
        self.quarters = {q.key: q for q in quarters}

    def service_data(self) -> dict:
        quarter = self.quarters[self.cleaned_data["quarter"]]
        return {
            "programme": self.cleaned_data["programme"], "year": quarter.year, "quarter": quarter.number,
            "amount": self.cleaned_data["amount"], "description": self.cleaned_data["description"],
        }
