"""Forms for the C&CPLG's seats. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms

from academy.ui.forms import AccountEmailField, DateInputField


class SeatForm(forms.Form):
    holder_email = AccountEmailField(
        label="Email address of the person who holds the seat",
        help_text="They need an account on this portal.", missing="or ask them to create an account first",
        error_messages={
            "required": "Enter the email address of the person who holds the seat",
            "invalid": "Enter an email address in the correct format, like name@example.nhs.uk",
        },
    )
    term_starts = DateInputField(
        label="Term of office starts", help_text="For example, 1 April 2026.",
        error_messages={"required": "Enter the date the term starts", "invalid": "Enter a real date"},
    )
    term_ends = DateInputField(
        label="Term of office ends",
        help_text="The holder and the secretariat are reminded 60 days before.",
        error_messages={"required": "Enter the date the term ends", "invalid": "Enter a real date"},
    )

    def clean_holder_email(self):
        self.holder = self.cleaned_data["holder_email"]
        return self.holder
