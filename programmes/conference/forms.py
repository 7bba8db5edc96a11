"""The conference's forms: the team's edition set-up, and leaders' proposals and invitations. They parse
input; the services decide the rules (capacities, deadlines) and their ValidationErrors come back onto the
form through academy.ui.shortcuts.submit."""

from __future__ import annotations

from django import forms

from academy.directory.models import PriorityFunction
from academy.ui.forms import AccountEmailField, DateInputField, DateTimeInputField
from programmes.conference.models import (
    SCORE_MAX,
    SCORE_MIN,
    Decision,
    Proposal,
    ProposalState,
    SessionKind,
    SessionType,
    Theme,
    TicketType,
)


def _whole_number(label: str, what: str, *, min_value: int | None = None) -> forms.IntegerField:
    # The service decides the lowest value allowed, so a capacity of 0 reads its message, not the browser's.
    return forms.IntegerField(
        label=label,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-5"}),
        min_value=min_value,
        error_messages={"required": f"Enter {what}", "invalid": f"Enter {what} as a whole number, like 40"},
    )


class EditionForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=200, help_text="For example, Innovation in SEL System Leadership 2027.",
        error_messages={"required": "Enter the edition's name"},
    )
    starts_on = DateInputField(label="First day", what="The first day", help_text="For example, 12 5 2027.",
                               error_messages={"required": "Enter the first day"})
    ends_on = DateInputField(label="Last day", what="The last day", help_text="The same as the first day for a "
                             "one-day conference.", error_messages={"required": "Enter the last day"})
    venue_name = forms.CharField(label="Venue", max_length=200, error_messages={"required": "Enter the venue"})
    description = forms.CharField(label="Description", required=False, widget=forms.Textarea(attrs={"rows": 5}))


class RoomForm(forms.Form):
    name = forms.CharField(label="Room name", max_length=120, error_messages={"required": "Enter the room's name"})
    capacity = _whole_number("Capacity", "the room's capacity")


class ThemeForm(forms.Form):
    name = forms.CharField(label="Theme", max_length=200, error_messages={"required": "Enter the theme's name"})
    priority_functions = forms.ModelMultipleChoiceField(
        label="Priority functions this theme serves",
        queryset=PriorityFunction.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class SessionTypeForm(forms.Form):
    kind = forms.ChoiceField(label="Type of session", choices=SessionKind.choices,
                             error_messages={"required": "Choose the type of session"})
    length_minutes = _whole_number("Length in minutes", "the length in minutes")
    deadline = DateTimeInputField(
        label="Proposal deadline", what="The proposal deadline",
        help_text="London time. For example, 15 1 2027 at 5pm.",
        error_messages={"required": "Enter the proposal deadline"},
    )
    max_co_speakers = _whole_number("Most co-speakers", "the most co-speakers")


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=300, error_messages={"required": "Enter the question"})
    hint = forms.CharField(label="Hint (optional)", max_length=300, required=False)
    required = forms.BooleanField(label="Speakers must answer it", required=False, initial=True)


class CallForm(forms.Form):
    guidance = forms.CharField(
        label="Guidance for speakers", widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter the guidance for speakers"},
    )
    ask_accessibility = forms.BooleanField(label="Ask speakers about their access needs", required=False)
    ask_av = forms.BooleanField(label="Ask speakers about their audio-visual needs", required=False)


class ProposalForm(forms.Form):
    """A proposal for one edition: its session types and themes, and each type's questions (the questions of
    every type are shown; only the chosen type's answers are kept)."""

    session_type = forms.ModelChoiceField(
        label="Type of session", queryset=SessionType.objects.none(), widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of session", "invalid_choice": "Choose a type of session"},
    )
    title = forms.CharField(label="Title", max_length=200, error_messages={"required": "Enter the title"})
    abstract = forms.CharField(
        label="Abstract", required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What the session is about and what people will take away. You can save a draft without it.",
    )
    themes = forms.ModelMultipleChoiceField(
        label="Themes", queryset=Theme.objects.none(), widget=forms.CheckboxSelectMultiple, required=False,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )
    accessibility_needs = forms.CharField(
        label="Your access needs (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the conference team sees this.",
    )
    av_needs = forms.CharField(
        label="Audio-visual needs (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, sound for a video, a flip chart, a second microphone.",
    )

    def __init__(self, *args, edition, session_types, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session_type"].queryset = SessionType.objects.filter(pk__in=[st.pk for st in session_types])
        self.fields["session_type"].label_from_instance = (
            lambda st: f"{st.get_kind_display()} ({st.length_minutes} minutes)"
        )
        self.fields["themes"].queryset = Theme.objects.filter(edition=edition).order_by("name")
        if not edition.themes.exists():
            del self.fields["themes"]
        call = getattr(edition, "call", None)
        if call is None or not call.ask_accessibility:
            del self.fields["accessibility_needs"]
        if call is None or not call.ask_av:
            del self.fields["av_needs"]
        self.question_fields = []
        for session_type in session_types:
            for question in session_type.questions.all():
                name = f"question_{question.pk}"
                self.fields[name] = forms.CharField(
                    label=f"{question.text} ({session_type.get_kind_display().lower()} proposals)",
                    help_text=question.hint, required=False, widget=forms.Textarea(attrs={"rows": 4}),
                )
                self.question_fields.append(name)

    def service_values(self) -> dict:
        data = self.cleaned_data
        session_type = data["session_type"]
        own = {f"question_{q.pk}": q.pk for q in session_type.questions.all()}
        return {
            "session_type": session_type,
            "title": data["title"],
            "abstract": data.get("abstract", ""),
            "themes": list(data.get("themes") or []),
            "answers": {own[name]: data.get(name, "") for name in self.question_fields if name in own},
            "accessibility_needs": data.get("accessibility_needs", ""),
            "av_needs": data.get("av_needs", ""),
        }


class InviteForm(forms.Form):
    email = forms.EmailField(
        label="Co-speaker's email address",
        help_text="We email them an invitation. They are a co-speaker once they accept it, which needs an "
        "Academy account with this address.",
        error_messages={
            "required": "Enter your colleague's email address",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )


class InvitationAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Do you want to co-speak on this session?",
        choices=[("accept", "Yes, accept the invitation"), ("decline", "No, decline the invitation")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you accept the invitation", "invalid_choice": "Choose yes or no"},
    )


class SpeakerProfileForm(forms.Form):
    bio = forms.CharField(label="Biography", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                          help_text="A few sentences about you and your work.")
    share_bio = forms.BooleanField(label="Share my biography with the conference team", required=False)
    role = forms.CharField(label="Your role, as shown on the published programme (optional)", max_length=200,
                           required=False, help_text="For example, Clinical director, Lewisham PCN.")
    organisation = forms.CharField(label="Your organisation, as shown on the published programme (optional)",
                                   max_length=200, required=False)
    public_bio = forms.BooleanField(label="Show my biography on the published programme (anyone can read it)",
                                    required=False)


# --- review (issue 11, second slice) -------------------------------------------------------------------


class ReviewSettingsForm(forms.Form):
    blind = forms.BooleanField(label="Blind review: reviewers do not see the speakers' names", required=False)


class ReviewPhaseForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, help_text="For example, First review.",
                           error_messages={"required": "Enter the phase's name"})
    opens_at = DateTimeInputField(label="Opens", what="When the phase opens", help_text="London time.",
                                  error_messages={"required": "Enter when the phase opens"})
    closes_at = DateTimeInputField(label="Closes", what="When the phase closes", help_text="London time.",
                                   error_messages={"required": "Enter when the phase closes"})


class ScoreCategoryForm(forms.Form):
    name = forms.CharField(label="Category", max_length=120, help_text="For example, Relevance to SEL.",
                           error_messages={"required": "Enter the category's name"})
    description = forms.CharField(label="What reviewers should look for (optional)", max_length=300, required=False)
    weight = _whole_number("Weight", "the weight")
    independent = forms.BooleanField(
        label="Independent: shown beside the total, not counted in it", required=False,
    )


class ReviewerForm(forms.Form):
    user = AccountEmailField(label="Reviewer's email address", missing=", or ask them to create an account first")
    themes = forms.ModelMultipleChoiceField(
        label="Themes they review (leave empty for every proposal)", queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple, required=False,
        error_messages={"invalid_choice": "Choose themes from the list"},
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = Theme.objects.filter(edition=edition).order_by("name")


class DeclareInterestForm(forms.Form):
    conflicted = forms.ChoiceField(
        label="Do you have a conflict of interest with this proposal?",
        help_text="For example, you work with the speaker, manage them, or helped write the proposal.",
        choices=[("no", "No"), ("yes", "Yes")], widget=forms.RadioSelect,
        error_messages={"required": "Say whether you have a conflict of interest",
                        "invalid_choice": "Choose yes or no"},
    )
    reason = forms.CharField(label="If yes, describe it", required=False, widget=forms.Textarea(attrs={"rows": 3}))


SCORE_CHOICES = [(str(n), str(n)) for n in range(SCORE_MIN, SCORE_MAX + 1)]


class ReviewForm(forms.Form):
    comment = forms.CharField(label="Comments for the conference team", required=False,
                              widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        comment = self.fields.pop("comment")
        for category in categories:
            label = f"{category.name} (weight {category.weight})"
            if category.independent:
                label = f"{category.name} (not counted in the total)"
            self.fields[f"score_{category.pk}"] = forms.ChoiceField(
                label=label, help_text=category.description, choices=SCORE_CHOICES,
                widget=forms.RadioSelect(attrs={"class": "nhsuk-radios--inline"}),
                error_messages={"required": f"Give {category.name} a score from {SCORE_MIN} to {SCORE_MAX}",
                                "invalid_choice": f"Choose a score from {SCORE_MIN} to {SCORE_MAX}"},
            )
        self.fields["comment"] = comment
        self.categories = categories

    def service_values(self) -> dict:
        return {
            "scores": {c.pk: int(self.cleaned_data[f"score_{c.pk}"]) for c in self.categories},
            "comment": self.cleaned_data.get("comment", ""),
        }


# --- decisions, their outbox and speakers' confirmation (issue 11, third slice) -------------------------

CLEAR = "clear"


class BulkDecisionForm(forms.Form):
    """Proposals ticked on the ranked list and the decision to record on them (pending: nothing is sent)."""

    proposals = forms.ModelMultipleChoiceField(
        label="Proposals", queryset=Proposal.objects.none(), widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one proposal",
                        "invalid_choice": "Select proposals from the list",
                        "invalid_pk_value": "Select proposals from the list"},
    )
    decision = forms.ChoiceField(
        label="Decision to record", widget=forms.RadioSelect,
        choices=[*Decision.choices, (CLEAR, "Clear the pending decision")],
        help_text="Nothing is sent to speakers until you send the outbox.",
        error_messages={"required": "Choose a decision", "invalid_choice": "Choose a decision from the list"},
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposals"].queryset = Proposal.objects.filter(edition=edition).exclude(
            state=ProposalState.DRAFT
        )

    def service_values(self) -> dict:
        decision = self.cleaned_data["decision"]
        return {"proposals": self.cleaned_data["proposals"], "decision": "" if decision == CLEAR else decision}


class DecisionTemplateForm(forms.Form):
    subject = forms.CharField(label="Subject", max_length=200, error_messages={"required": "Enter the subject"})
    body = forms.CharField(
        label="Message", widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Enter the message"},
        help_text="Plain text. Placeholders are filled in for each person: {first_name}, {speaker_name}, {title}, "
                  "{session_type}, {edition}, {dates}, {venue}, {proposal_link}, {confirm_link}.",
    )


class SendDecisionsForm(forms.Form):
    """The confirm page's form: the number of emails the team checked, so a changed outbox sends nothing."""

    expected = forms.IntegerField(widget=forms.HiddenInput, min_value=0,
                                  error_messages={"required": "Check the outbox again, then send",
                                                  "invalid": "Check the outbox again, then send"})


class ConfirmSessionForm(forms.Form):
    answer = forms.ChoiceField(
        label="Will you speak at the conference?", widget=forms.RadioSelect,
        choices=[("confirm", "Yes, I confirm I will speak"), ("withdraw", "No, I cannot speak: withdraw my session")],
        error_messages={"required": "Say whether you will speak", "invalid_choice": "Choose yes or no"},
    )
    reason = forms.CharField(label="If you cannot speak, tell us why", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}))


# --- registration --------------------------------------------------------------------------------------------


class TicketTypeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120, help_text="For example, C&CP leader, VCSE or Student.",
                           error_messages={"required": "Enter the ticket type's name"})
    capacity = _whole_number("Capacity", "the number of places")
    needs_approval = forms.BooleanField(
        label="The conference team approves each registration of this type", required=False,
    )
    on_sale_from = DateTimeInputField(label="On sale from", what="When sales start", help_text="London time.",
                                      error_messages={"required": "Enter when sales start"})
    on_sale_until = DateTimeInputField(label="On sale until", what="When sales end", help_text="London time.",
                                       error_messages={"required": "Enter when sales end"})


class RegistrationForm(forms.Form):
    ticket_type = forms.ModelChoiceField(
        label="Ticket type", queryset=None, widget=forms.RadioSelect, empty_label=None,
        error_messages={"required": "Choose a ticket type", "invalid_choice": "Choose a ticket type on sale"},
    )
    organisation = forms.CharField(label="Organisation", max_length=200,
                                   error_messages={"required": "Enter your organisation"})
    profession = forms.CharField(label="Profession", max_length=200,
                                 error_messages={"required": "Enter your profession"})
    dietary_needs = forms.CharField(label="Dietary needs (optional)", required=False, max_length=2000,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    access_needs = forms.CharField(
        label="Access needs (optional)", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only the conference team sees this, to make the day work for you.",
    )

    def __init__(self, *args, ticket_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["ticket_type"]
        field.queryset = TicketType.objects.filter(pk__in=[t.pk for t in ticket_types])
        labels = {t.pk: _ticket_label(t) for t in ticket_types}
        field.label_from_instance = lambda t: labels.get(t.pk, t.name)


def _ticket_label(ticket_type) -> str:
    parts = [ticket_type.name]
    if ticket_type.needs_approval:
        parts.append("(needs the team's approval)")
    if not ticket_type.places_left:
        parts.append("(full: you will join the waiting list)")
    return " ".join(parts)


class CancelRegistrationForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, cancel my registration",
                                 error_messages={"required": "Tick the box to cancel your registration"})


class DecideRegistrationForm(forms.Form):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[("approve", "Approve: confirm the place"), ("decline", "Decline: the place goes to the waiting list")],
        error_messages={"required": "Choose approve or decline", "invalid_choice": "Choose approve or decline"},
    )
    reason = forms.CharField(label="Reason (optional, kept in the history)", required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))


class WorkshopCapacityForm(forms.Form):
    capacity = _whole_number("Capacity", "the number of places")
