"""Forms for the C&CPLG's seats. They parse and check input; saving goes through the services."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from governance.widgets import DATE_WIDGET


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
