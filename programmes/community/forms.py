"""Forms for starting and replying to discussions, reporting posts and hiding them."""

from __future__ import annotations

from django import forms

from academy.directory.forms import PriorityFunctionField
from academy.directory.models import PriorityFunction
from academy.ui.forms import AccountEmailField, DateInputField
from programmes.community.models import Idea, IdeaAnswer
from programmes.community.services import MAX_BODY, MAX_COMMENT, MAX_IDEA_BODY, MAX_TITLE

BODY_HELP = (
    "Plain text. You can use simple formatting: **bold**, *italic*, lists starting with - , and links "
    "written as [words](https://address). Mention a member with @ and their handle, for example @sam-okafor."
)


class MentionField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


def _mention_field(members) -> forms.Field:
    return MentionField(
        label="Tell members about this post",
        help_text="They get a notification, as people mentioned with @ do.",
        choices=[(m.person_id, f"{m.person} (@{m.handle})") for m in members],
        coerce=int,
        required=False,
    )


class ThreadForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=MAX_TITLE,
        error_messages={"required": "Enter a title for the discussion",
                        "max_length": f"The title must be {MAX_TITLE} characters or fewer"},
    )
    body = forms.CharField(
        label="Your message", help_text=BODY_HELP, max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter your message",
                        "max_length": f"Your message must be {MAX_BODY:,} characters or fewer"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        if members:
            self.fields["mention"] = _mention_field(members)


class ReplyForm(forms.Form):
    body = forms.CharField(
        label="Your reply", help_text=BODY_HELP, max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your reply",
                        "max_length": f"Your reply must be {MAX_BODY:,} characters or fewer"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        if members:
            self.fields["mention"] = _mention_field(members)


class EditPostForm(forms.Form):
    body = forms.CharField(
        label="Your post", help_text=BODY_HELP, max_length=MAX_BODY, widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter your message",
                        "max_length": f"Your message must be {MAX_BODY:,} characters or fewer"},
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        max_length=500, widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter a reason", "max_length": "The reason must be 500 characters or fewer"},
    )

    def __init__(self, *args, label: str, help_text: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = label
        self.fields["reason"].help_text = help_text


# --- idea challenges --------------------------------------------------------------------------------------

IDEA_HELP = (
    "Say what you would do, for whom, and what difference it would make. You can use simple formatting: "
    "**bold**, *italic*, lists starting with - , and links written as [words](https://address)."
)


class ChallengeForm(forms.Form):
    title = forms.CharField(
        label="Title", max_length=MAX_TITLE,
        error_messages={"required": "Enter a title for the challenge",
                        "max_length": f"The title must be {MAX_TITLE} characters or fewer"},
    )
    question = forms.CharField(
        label="The problem", max_length=MAX_IDEA_BODY, widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The real system problem, as the board or network puts it. Simple formatting allowed.",
        error_messages={"required": "Describe the problem the challenge asks about",
                        "max_length": f"The problem must be {MAX_IDEA_BODY:,} characters or fewer"},
    )
    owner_body = forms.CharField(
        label="Board or network posing it", max_length=200,
        help_text="For example 'SEL ICB Board' or 'The C&CPLG'.",
        error_messages={"required": "Enter the board or network posing the challenge"},
    )
    owner = AccountEmailField(
        label="Challenge owner's email address", required=False,
        help_text="The named person who speaks for the board or network. Leave empty to keep the owner as it is "
        "(a new challenge: you).",
        missing=", or ask them to create an account first",
    )
    priority_functions = PriorityFunctionField(
        queryset=PriorityFunction.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Priority functions",
    )
    opens_on = DateInputField(
        label="Opens", what="Opening date", help_text="For example, 1 12 2026",
        error_messages={"required": "Enter the date the challenge opens"},
    )
    closes_on = DateInputField(
        label="Last day for ideas", what="Last day for ideas", help_text="For example, 31 1 2027",
        error_messages={"required": "Enter the last day ideas may be submitted"},
    )
    supports_per_person = forms.IntegerField(
        label="Supports each person may give", min_value=1, max_value=20, initial=3,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"required": "Enter how many ideas each person may support",
                        "invalid": "Enter a whole number from 1 to 20",
                        "min_value": "Give each person from 1 to 20 supports",
                        "max_value": "Give each person from 1 to 20 supports"},
    )


def _accounts_one_a_line(text: str) -> list:
    """The accounts named by email, one a line (blank lines ignored, each person once); every line that names no
    account is reported, quoted, in one error."""
    field = AccountEmailField(missing="or ask them to create an account first")
    people, errors = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            person = field.clean(line.strip())
        except forms.ValidationError as exc:
            errors.append(f"{line.strip()[:100]}: {' '.join(exc.messages)}")
            continue
        if person not in people:
            people.append(person)
    if errors:
        raise forms.ValidationError(errors)
    return people


class CoAuthorsForm(forms.Form):
    coauthors = forms.CharField(
        label="Co-authors' email addresses", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, up to 3. Each needs an account. Leave empty to name none.",
        max_length=1000,
        error_messages={"max_length": "Enter 1,000 characters or fewer"},
    )

    def clean_coauthors(self):
        return _accounts_one_a_line(self.cleaned_data["coauthors"])


class EvaluatorsForm(forms.Form):
    evaluators = forms.CharField(
        label="Evaluators' email addresses", required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One a line. They score the ideas while the challenge is evaluating them. Each needs an account.",
        max_length=5000,
        error_messages={"max_length": "Enter 5,000 characters or fewer"},
    )

    def clean_evaluators(self):
        return _accounts_one_a_line(self.cleaned_data["evaluators"])


class IdeaForm(forms.Form):
    title = forms.CharField(
        label="Your idea in a line", max_length=MAX_TITLE,
        error_messages={"required": "Enter a title for your idea",
                        "max_length": f"The title must be {MAX_TITLE} characters or fewer"},
    )
    body = forms.CharField(
        label="Your idea", help_text=IDEA_HELP, max_length=MAX_IDEA_BODY, widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Describe your idea",
                        "max_length": f"Your idea must be {MAX_IDEA_BODY:,} characters or fewer"},
    )


class CommentForm(forms.Form):
    body = forms.CharField(
        label="Your comment", max_length=MAX_COMMENT, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Simple formatting allowed: **bold**, *italic*, lists starting with - .",
        error_messages={"required": "Enter your comment",
                        "max_length": f"Your comment must be {MAX_COMMENT:,} characters or fewer"},
    )


def _score_field(label: str, hint: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, help_text=hint, min_value=1, max_value=10,
        widget=forms.NumberInput(attrs={"class": "nhsuk-input--width-2"}),
        error_messages={"required": f"Give {label.lower()} a whole number from 1 to 10",
                        "invalid": f"Give {label.lower()} a whole number from 1 to 10",
                        "min_value": f"Give {label.lower()} a whole number from 1 to 10",
                        "max_value": f"Give {label.lower()} a whole number from 1 to 10"},
    )


class ScoreForm(forms.Form):
    impact = _score_field("Impact", "How much difference would it make? 1 little, 10 a great deal.")
    confidence = _score_field("Confidence", "How sure are you it would work? 1 a guess, 10 proven elsewhere.")
    ease = _score_field("Ease", "How easy is it to do? 1 very hard, 10 very easy.")


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="Official answer", widget=forms.RadioSelect,
        choices=[(IdeaAnswer.MERGED, "Merged into another idea"), (IdeaAnswer.NOT_NOW, "Not now")],
        error_messages={"required": "Choose an answer"},
    )
    merged_into = forms.ModelChoiceField(
        label="Merged into", queryset=None, required=False, empty_label="Choose an idea",
        help_text="Only if merged.",
        error_messages={"invalid_choice": "Choose another idea of this challenge"},
    )
    reason = forms.CharField(
        label="Reason", max_length=MAX_IDEA_BODY, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone sees the answer and the reason, the idea's author too.",
        error_messages={"required": "Give the reason for this answer",
                        "max_length": f"The reason must be {MAX_IDEA_BODY:,} characters or fewer"},
    )

    def __init__(self, *args, others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merged_into"].queryset = Idea.objects.filter(pk__in=[idea.pk for idea in others])
        self.fields["merged_into"].choices = [("", "Choose an idea"), *((i.pk, i.title) for i in others)]

    def clean(self):
        data = super().clean()
        if data.get("answer") == IdeaAnswer.MERGED and not data.get("merged_into"):
            self.add_error("merged_into", "Choose the idea this one is merged into")
        return data


class TakeForwardForm(forms.Form):
    reason = forms.CharField(
        label="Why it is taken forward", max_length=MAX_IDEA_BODY, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Everyone sees the answer and the reason, the idea's author too.",
        error_messages={"required": "Give the reason for this answer",
                        "max_length": f"The reason must be {MAX_IDEA_BODY:,} characters or fewer"},
    )
