"""Forms for starting and replying to discussions, reporting posts and hiding them."""

from __future__ import annotations

from django import forms

from programmes.community.services import MAX_BODY, MAX_TITLE

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
