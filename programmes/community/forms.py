"""Forms for starting and replying to discussions, reporting posts and hiding them."""

from __future__ import annotations

from django import forms

from academy.directory.forms import PriorityFunctionField
from academy.directory.models import PriorityFunction, Profession
from academy.ui.forms import AccountEmailField, DateInputField
from programmes.community import resource_services
from programmes.community.models import CommunityKind, Idea, IdeaAnswer, ResourceKind, ResourceVisibility
from programmes.community.services import (
    MAX_BODY,
    MAX_COMMENT,
    MAX_GROUP_NAME,
    MAX_GROUP_TEXT,
    MAX_IDEA_BODY,
    MAX_OUTCOME,
    MAX_TITLE,
)

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
    priority_functions = forms.ModelMultipleChoiceField(
        queryset=PriorityFunction.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Which of the challenge's priority functions is it about?",
        help_text="Choose any that apply. People looking through the ideas can filter by them.",
    )

    def __init__(self, *args, functions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if functions:
            self.fields["priority_functions"].queryset = PriorityFunction.objects.filter(
                pk__in=[f.pk for f in functions]).order_by("number")
        else:
            del self.fields["priority_functions"]


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


# --- resources library ------------------------------------------------------------------------------------


class ResourceForm(forms.Form):
    """Add a file or a link to a community's library (``editing``: words and tags only)."""

    kind = forms.ChoiceField(
        label="What are you adding?", choices=ResourceKind.choices, widget=forms.RadioSelect,
        error_messages={"required": "Choose whether you are adding a file or a link"},
    )
    title = forms.CharField(label="Title", max_length=200,
                            error_messages={"required": "Enter a title",
                                            "max_length": "The title must be 200 characters or fewer"})
    description = forms.CharField(
        label="Description", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What it is and who will find it useful.",
        error_messages={"max_length": "The description must be 2,000 characters or fewer"},
    )
    file = forms.FileField(
        label="File", required=False,
        help_text="A PDF, Word (.docx), PowerPoint (.pptx) or Excel (.xlsx) file, smaller than 25 MB.",
    )
    url = forms.CharField(label="Link", required=False, max_length=500,
                          help_text="The web address, starting with https://",
                          error_messages={"max_length": "The link must be 500 characters or fewer"})
    priority_functions = PriorityFunctionField(
        queryset=PriorityFunction.objects.order_by("number"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Priority functions",
    )
    professions = forms.ModelMultipleChoiceField(
        queryset=Profession.objects.order_by("position", "name"), required=False,
        widget=forms.CheckboxSelectMultiple, label="Professions",
    )
    themes = forms.CharField(
        label="Themes", required=False, max_length=500,
        help_text="Separate themes with commas, for example: falls, workforce, quality improvement",
    )
    visibility = forms.ChoiceField(label="Who can see it?", choices=ResourceVisibility.choices,
                                   widget=forms.RadioSelect, initial=ResourceVisibility.COMMUNITY,
                                   error_messages={"required": "Choose who can see this resource"})

    def __init__(self, *args, community=None, editing: bool = False, in_group: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            for name in ("kind", "file", "url"):
                del self.fields[name]
        if in_group:  # a task-and-finish group's resources are for the group's readers only
            del self.fields["visibility"]
            return
        if community is not None and community.closed:
            self.fields["visibility"].choices = [(ResourceVisibility.COMMUNITY, "Members of the community only")]
            self.fields["visibility"].help_text = "This is a closed community: its resources are for members only."

    def clean_themes(self):
        return resource_services.parse_themes(self.cleaned_data.get("themes", ""))

    def clean(self):
        data = super().clean()
        if "kind" not in self.fields:
            return data
        if data.get("kind") == ResourceKind.FILE and not data.get("file"):
            self.add_error("file", "Choose the file to add")
        if data.get("kind") == ResourceKind.LINK and not data.get("url"):
            self.add_error("url", "Enter the link, starting with https://")
        return data


class ResourceSearchForm(forms.Form):
    q = forms.CharField(label="Search resources", required=False, max_length=200)
    function = forms.TypedChoiceField(label="Priority function", required=False, coerce=int, empty_value=None)
    profession = forms.TypedChoiceField(label="Profession", required=False, coerce=int, empty_value=None)
    theme = forms.ChoiceField(label="Theme", required=False)

    def __init__(self, *args, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["function"].choices = [("", "Any priority function"), *choices["functions"]]
        self.fields["profession"].choices = [("", "Any profession"), *choices["professions"]]
        self.fields["theme"].choices = [("", "Any theme"), *((t, t) for t in choices["themes"])]
# --- task-and-finish groups -------------------------------------------------------------------------------


def _group_members_field(members) -> forms.Field:
    return forms.TypedMultipleChoiceField(
        label="Members", widget=forms.CheckboxSelectMultiple, coerce=int, required=False,
        help_text="Choose from the community's current members. Only they and the community's leads read the group.",
        choices=[(m.person_id, str(m.person)) for m in members],
        error_messages={"invalid_choice": "Choose the group's members from the community's current members"},
    )


class TaskGroupForm(forms.Form):
    name = forms.CharField(
        label="Name of the group", max_length=MAX_GROUP_NAME,
        error_messages={"required": "Enter a name for the group",
                        "max_length": f"The name must be {MAX_GROUP_NAME} characters or fewer"},
    )
    objective = forms.CharField(
        label="Objective", help_text="The single thing the group is for.", max_length=MAX_GROUP_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the group's objective",
                        "max_length": f"The objective must be {MAX_GROUP_TEXT:,} characters or fewer"},
    )
    mandate = forms.CharField(
        label="Mandate", help_text="What the group may decide or do, and who asked for it.",
        max_length=MAX_GROUP_TEXT, widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the group's mandate",
                        "max_length": f"The mandate must be {MAX_GROUP_TEXT:,} characters or fewer"},
    )
    ends_on = DateInputField(
        label="End date", what="End date", help_text="For example, 31 3 2027. It must be in the future.",
        error_messages={"required": "Enter the date the group ends"},
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"] = _group_members_field(members)


class TaskGroupMembersForm(forms.Form):
    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"] = _group_members_field(members)


class TaskGroupPostForm(forms.Form):
    body = forms.CharField(
        label="Your message", help_text=BODY_HELP.split(" Mention")[0], max_length=MAX_BODY,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter your message",
                        "max_length": f"Your message must be {MAX_BODY:,} characters or fewer"},
    )


class CloseTaskGroupForm(forms.Form):
    outcome_note = forms.CharField(
        label="Outcome", help_text="A short note of what the group achieved or decided. Members and leads read it.",
        max_length=MAX_OUTCOME, widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a short note of the group's outcome",
                        "max_length": f"The outcome must be {MAX_OUTCOME:,} characters or fewer"},
    )


# --- running communities (the programme's admins) ---------------------------------------------------------


class CommunityForm(forms.Form):
    name = forms.CharField(
        label="Name", max_length=160,
        help_text="Its address is made from the name when it is created, and stays the same if the name changes.",
        error_messages={"required": "Enter a name for the community",
                        "max_length": "The name must be 160 characters or fewer"},
    )
    kind = forms.ChoiceField(
        label="Kind of community", widget=forms.RadioSelect,
        choices=[(CommunityKind.PROFESSIONAL, "Professional network"), (CommunityKind.CLINICAL, "Clinical network"),
                 (CommunityKind.INSPIRATION, "Inspiration")],
        error_messages={"required": "Choose what kind of community this is",
                        "invalid_choice": "Choose what kind of community this is"},
    )
    summary = forms.CharField(
        label="Summary", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the community is for and who it is for. Shown on its page and in the directory.",
        error_messages={"required": "Enter a short summary of what the community is for",
                        "max_length": "The summary must be 5,000 characters or fewer"},
    )
    closed = forms.TypedChoiceField(
        label="Who can join", widget=forms.RadioSelect, coerce=lambda value: value == "closed",
        choices=[("open", "Open: anyone signed in reads it and joins"),
                 ("closed", "Closed: its leads approve who joins, and only members read its discussions")],
        error_messages={"required": "Choose whether the community is open or closed"},
    )

    def __init__(self, *args, with_lead: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_lead:
            self.fields["lead"] = AccountEmailField(
                label="First lead's email address",
                help_text="A community always has at least one lead. You can name more leads afterwards.",
                missing=", or ask them to create an account first",
                error_messages={"required": "Enter the email address of the community's first lead"},
            )


class LeadForm(forms.Form):
    person = AccountEmailField(
        label="Email address of the new lead",
        help_text="The email address they sign in with. They get an email saying you named them.",
        missing=", or ask them to create an account first",
        error_messages={"required": "Enter the email address of the person to name as a lead"},
    )


# --- the discussions board's filters ----------------------------------------------------------------------


class ThreadFilterForm(forms.Form):
    unanswered = forms.BooleanField(label="Unanswered (no replies yet)", required=False)
    following = forms.BooleanField(label="Discussions I follow", required=False)
    mine = forms.BooleanField(label="Discussions I started", required=False)
    sort = forms.ChoiceField(
        label="Order", required=False,
        choices=[("active", "Latest activity first"), ("newest", "Newest discussions first")],
    )


class IdeaBoardFilterForm(forms.Form):
    """The ideas board's filters (GET): the official answer, a priority function of the challenge, words, and the
    order. A value that is not one of the choices is reported and ignored."""

    answer = forms.ChoiceField(
        label="Official answer", required=False,
        choices=[("", "Any"), *IdeaAnswer.choices, ("unanswered", "Not answered yet")],
        error_messages={"invalid_choice": "Choose an official answer from the list"},
    )
    function = forms.TypedChoiceField(
        label="Priority function", required=False, coerce=int, empty_value=None,
        error_messages={"invalid_choice": "Choose one of the challenge's priority functions"},
    )
    q = forms.CharField(label="Words in the idea", required=False, max_length=100,
                        error_messages={"max_length": "Search for 100 characters or fewer"})
    sort = forms.ChoiceField(
        label="Order", required=False,
        choices=[("newest", "Newest first"), ("supported", "Most supported first")],
        error_messages={"invalid_choice": "Choose an order from the list"},
    )

    def __init__(self, *args, functions=(), **kwargs):
        super().__init__(*args, **kwargs)
        if functions:
            self.fields["function"].choices = [("", "Any"), *((f.pk, f.name) for f in functions)]
        else:
            del self.fields["function"]

    def chosen(self) -> dict:
        """The valid choices (the fields with errors left out)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}
