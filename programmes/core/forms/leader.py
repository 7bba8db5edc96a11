"""Forms outside the admin area: the catalogue filter, applying, the line manager's decision, checking
in, the learning log and a group's shared problem. They only parse and check input; writes go through
services."""

from __future__ import annotations

import copy

from django import forms

from academy.directory.models import LeaderGroup, PriorityFunction
from academy.ui.forms import HintedLabel
from academy.ui.fragments import register_reference_fragment
from programmes.core.models import (
    DeliveryFormat,
    ReleaseRoute,
    SystemProblem,
)
from programmes.core.selectors.problems import attachable_problems
from programmes.core.services.access_needs import ACCESS_NEEDS_MAX, CONSENT_MESSAGE

SHARING_CHOICES = [
    ("private", HintedLabel("Private", "Only you can read it.")),
    (
        "shared",
        HintedLabel(
            "Shared with your faculty and coaches", "They can read it and reply. You can make it private later."
        ),
    ),
]


class LineManagerDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you support protected time for them to take part?",
        choices=[("approve", "Yes, I support their protected time"), ("decline", "No, I cannot support it now")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you support their protected time"},
    )


class CatalogueFilterForm(forms.Form):
    # The leader groups are read once, lazily, for both checking the choice and listing the options (a
    # ModelChoiceField reads them twice when filtered; the unfiltered page reads neither: its form is cached).
    leader_group = forms.ChoiceField(
        required=False,
        label="Who it is for",
        error_messages={"invalid_choice": "Select a valid choice. That choice is not one of the available choices."},
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._leader_groups: dict[str, LeaderGroup] | None = None
        self.fields["leader_group"].choices = self._leader_group_choices  # a callable: read on first use

    def leader_groups(self) -> dict[str, LeaderGroup]:
        if self._leader_groups is None:
            self._leader_groups = {group.slug: group for group in LeaderGroup.objects.order_by("position")}
        return self._leader_groups

    def _leader_group_choices(self) -> list[tuple[str, str]]:
        return [("", "Any leader group"), *((slug, group.name) for slug, group in self.leader_groups().items())]

    def clean_leader_group(self) -> LeaderGroup | None:
        slug = self.cleaned_data["leader_group"]
        return self.leader_groups()[slug] if slug else None

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "leader_group": data["leader_group"],
            "delivery_format": data["delivery_format"],
            "priority_function": data["priority_function"],
        }


# The unfiltered catalogue caches the form above as this template fragment (catalogue.html): its options are
# the leader groups and the priority functions, and nothing about the person or the request.
CATALOGUE_FILTERS_FRAGMENT = "catalogue-filters"


def watch_catalogue_filters() -> None:
    """Drop the cached filter form whenever a leader group or a priority function changes (AppConfig.ready)."""
    register_reference_fragment(CATALOGUE_FILTERS_FRAGMENT, LeaderGroup, PriorityFunction)


ACCESS_NEEDS_HINT = (
    "For example step-free access, a hearing loop, large print or easy read papers, an interpreter, "
    "dementia-friendly arrangements, breaks, or joining online. Only this cohort's programme team see "
    "them. You can change or withdraw them at any time from your application."
)


class AccessNeedsForm(forms.Form):
    """Reasonable adjustments and access needs, kept only with the person's explicit consent."""

    access_needs = forms.CharField(
        label="Reasonable adjustments or access needs",
        help_text=ACCESS_NEEDS_HINT,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=ACCESS_NEEDS_MAX,
        required=False,
        error_messages={"max_length": f"Describe your access needs in {ACCESS_NEEDS_MAX} characters or fewer"},
    )
    access_needs_consent = forms.BooleanField(
        label="I agree that this cohort's programme team may see my access needs, to make adjustments for me",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_needs"].hide_optional = True  # on its own page it is what the page is for

    def clean(self):
        data = super().clean()
        if data.get("access_needs", "").strip() and not data.get("access_needs_consent"):
            self.add_error("access_needs_consent", CONSENT_MESSAGE)
        return data


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

    def __init__(self, *args, cohort, draft=False, no_line_manager=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.no_line_manager = no_line_manager
        self.draft = draft
        if no_line_manager:
            self._ask_for_sponsor_or_declaration(cohort)
        self.fields["access_needs"] = copy.deepcopy(AccessNeedsForm.base_fields["access_needs"])
        self.fields["access_needs"].hide_optional = False  # optional here (the pack says so); needed on its own page
        self.fields["access_needs_consent"] = copy.deepcopy(AccessNeedsForm.base_fields["access_needs_consent"])
        self.order_fields([
            "applied_problem", "priority_function", "release_route", "line_manager_name", "line_manager_email",
            "sponsor_role", "declare_protected_time", "access_needs", "access_needs_consent",
        ])
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
        if draft:  # application drafts: saving a draft needs no answers yet (they are checked on sending)
            for form_field in self.fields.values():
                form_field.required = False

    def _ask_for_sponsor_or_declaration(self, cohort) -> None:
        """A leader with no line manager: a sponsor confirms their time, or they declare it themselves."""
        self.fields["release_route"] = forms.ChoiceField(
            label="Who will confirm your protected time?",
            help_text="Your profile says you have no line manager.",
            choices=[
                (ReleaseRoute.SPONSOR, HintedLabel(
                    "A sponsor",
                    "Someone who can support your time, for example a senior partner, a primary care network "
                    "clinical director, or your organisation's chief executive or volunteer lead. We email "
                    "them a link; they do not need an account.",
                )),
                (ReleaseRoute.DECLARATION, HintedLabel(
                    "I will protect the time myself",
                    "You confirm below that you can set the time aside.",
                )),
            ],
            widget=forms.RadioSelect,
            error_messages={"required": "Select who will confirm your protected time"},
        )
        self.fields["line_manager_name"].label = "If a sponsor: their full name"
        self.fields["line_manager_email"].label = "If a sponsor: their email address"
        self.fields["line_manager_email"].help_text = ""
        self.fields["sponsor_role"] = forms.CharField(
            label="If a sponsor: their role", max_length=200,
            help_text="For example 'Senior partner, Elm Practice'.",
        )
        self.fields["declare_protected_time"] = forms.BooleanField(
            label="If you protect the time yourself: I confirm I can protect the time this programme needs "
            f"({cohort.time_commitment})" if cohort.time_commitment else
            "If you protect the time yourself: I confirm I can protect the time this programme needs",
        )
        for name in ("line_manager_name", "line_manager_email", "sponsor_role", "declare_protected_time"):
            self.fields[name].required = False  # which are needed depends on the route (clean)
            self.fields[name].hide_optional = True  # needed for one route, so not "(optional)"

    def clean(self):
        data = super().clean()
        if data.get("access_needs", "").strip() and not data.get("access_needs_consent"):
            self.add_error("access_needs_consent", CONSENT_MESSAGE)
        if not self.no_line_manager or self.draft:
            return data
        route = data.get("release_route")
        if route == ReleaseRoute.SPONSOR:
            for name, message in (
                ("line_manager_name", "Enter your sponsor's full name"),
                ("line_manager_email", "Enter your sponsor's email address"),
                ("sponsor_role", "Enter your sponsor's role"),
            ):
                if not str(data.get(name) or "").strip() and name not in self.errors:
                    self.add_error(name, message)
        elif route == ReleaseRoute.DECLARATION and not data.get("declare_protected_time"):
            self.add_error("declare_protected_time", "Tick the box to confirm you can protect the time yourself")
        return data

    @classmethod
    def initial_from(cls, application) -> dict:
        """A saved draft's answers as the form's initial values."""
        initial = {
            "applied_problem": application.applied_problem,
            "priority_function": application.priority_function,
            "line_manager_name": application.line_manager_name,
            "line_manager_email": application.line_manager_email,
            "sponsor_role": application.sponsor_role,
        }
        if application.release_route and application.release_route != ReleaseRoute.LINE_MANAGER:
            initial["release_route"] = application.release_route
        needs = getattr(application, "access_needs", None)
        if needs is not None:
            initial.update(access_needs=needs.needs, access_needs_consent=True)
        questions = list(application.cohort.questions or [])
        for item in application.answers or []:
            if item.get("question") in questions:
                initial[f"answer_{questions.index(item['question']) + 1}"] = item.get("answer", "")
        return initial

    def answers(self) -> list[dict]:
        return [
            {"question": question, "answer": self.cleaned_data.get(f"answer_{number}") or ""}
            for number, question in enumerate(self.questions, start=1)
        ]

    def service_kwargs(self) -> dict:
        """The keyword arguments ``services.apply`` and ``services.save_draft`` take from the form."""
        data = self.cleaned_data
        return {
            "answers": self.answers(),
            "applied_problem": data["applied_problem"],
            "priority_function": data["priority_function"],
            "line_manager_name": data["line_manager_name"],
            "line_manager_email": data["line_manager_email"],
            "release_route": data.get("release_route") or ReleaseRoute.LINE_MANAGER,
            "sponsor_role": data.get("sponsor_role", ""),
            "declare_protected_time": bool(data.get("declare_protected_time")),
            "access_needs": data.get("access_needs", ""),
            "access_needs_consent": bool(data.get("access_needs_consent")),
        }


# --- programme admins ------------------------------------------------------------------------------


class CheckInForm(forms.Form):
    code = forms.CharField(
        label="The code shown in the room",
        help_text="Six digits. It changes every minute.",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": "Enter the code shown in the room"},
    )


class SharedProblemForm(forms.Form):
    shared_problem = forms.CharField(
        label="The group's shared problem or priority",
        help_text="The real system problem the group works on together, in a few sentences.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        error_messages={"required": "Describe the problem or priority your group is working on"},
    )
    priority_function = forms.ModelChoiceField(
        queryset=PriorityFunction.objects.order_by("number"),
        required=False,
        empty_label="Not one of the priority functions",
        label="Which priority function does it sit in?",
    )
    system_problem = forms.ModelChoiceField(
        queryset=SystemProblem.objects.none(),
        required=False,
        empty_label="Not one of the problems in the register",
        label="Is it a problem in the register of system problems?",
        help_text="The problem's page then lists your group's work.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = attachable_problems()
        current = self.initial.get("system_problem")
        if current is not None:  # a problem since adopted or closed stays selectable on the group that names it
            queryset = queryset | SystemProblem.objects.filter(pk=current.pk)
        self.fields["system_problem"].queryset = queryset


class ReflectionForm(forms.Form):
    text = forms.CharField(
        label="Your reflection",
        help_text="What did you notice, what will you try, and what do you want to ask?",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=10000,
        error_messages={"required": "Enter your reflection"},
    )
    sharing = forms.ChoiceField(
        label="Who can read it?",
        choices=SHARING_CHOICES,
        widget=forms.RadioSelect,
        initial="private",
        error_messages={"required": "Select who can read it"},
    )
    keep = forms.BooleanField(
        label="Keep this reflection after the usual two years",
        help_text="We delete reflections two years after the cohort's last session, unless you tick this.",
        required=False,
    )


class ReplyForm(forms.Form):
    text = forms.CharField(
        label="Your reply",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter your reply"},
    )
