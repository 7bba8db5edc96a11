from django import forms

from academy.ui.forms import DateInputField


class AccessLogSearchForm(forms.Form):
    """The secretariat's search of the access log (a GET form: every field optional)."""

    person = forms.CharField(
        label="Whose data (name or email)",
        max_length=200,
        required=False,
        strip=True,
        help_text="Enter all or part of the person's name or email address.",
    )
    reader = forms.CharField(
        label="Who opened it (name or email)",
        max_length=200,
        required=False,
        strip=True,
    )
    since = DateInputField(label="From", required=False, help_text="For example, 1 12 2026")
    until = DateInputField(label="To", required=False, help_text="For example, 31 12 2026")

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", "The 'to' date must be the same as or after the 'from' date")
        return cleaned

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {key: value for key, value in self.cleaned_data.items() if value}
