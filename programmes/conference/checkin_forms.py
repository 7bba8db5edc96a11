"""The check-in desk's forms: they only parse; every rule is in programmes/conference/checkin.py."""

from __future__ import annotations

from django import forms


class CheckInForm(forms.Form):
    """One check-in: a registration chosen from the search results, or a ticket's code (scanned by the phone's
    camera, or typed by a handheld scanner)."""

    registration = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(label="Ticket code", required=False, max_length=200,
                            help_text="Scan the QR code on the person's ticket (a handheld scanner types it here)")

    def clean(self):
        data = super().clean()
        if not data.get("registration") and not (data.get("token") or "").strip():
            raise forms.ValidationError("Scan a ticket, type its code, or search for the person by name or email")
        return data


class UndoCheckInForm(forms.Form):
    """Nothing to fill in: the button confirms."""
