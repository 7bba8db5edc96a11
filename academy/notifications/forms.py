"""How a person gets each kind of message."""

from __future__ import annotations

from django import forms

from academy.notifications import kinds
from academy.notifications.models import Delivery


class PreferencesForm(forms.Form):
    """One question per choosable kind: email now, a daily digest, or the inbox only."""

    def __init__(self, *args, current: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        for kind in kinds.choosable():
            self.fields[kind.slug] = forms.ChoiceField(
                label=kind.label,
                help_text=kind.hint,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=current.get(kind.slug, Delivery.EMAIL),
                error_messages={
                    "required": f"Select how you want to get {kind.label.lower()}",
                    "invalid_choice": f"Select how you want to get {kind.label.lower()}",
                },
            )
