"""Forms for accounts and roles."""

from __future__ import annotations

from django import forms

from academy.accounts.models import Role, RoleAssignment, User


class SignupNamesForm(forms.Form):
    """Extra fields on allauth's sign-up form: the person's name."""

    first_name = forms.CharField(
        label="First name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    field_order = ["first_name", "last_name", "email", "password1", "password2"]

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class GrantRoleForm(forms.Form):
    email = forms.EmailField(
        label="Email address of the person",
        help_text="They must already have an account on the portal.",
    )
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)
    programme = forms.ModelChoiceField(
        label="Programme",
        queryset=None,  # set in __init__
        required=False,
        empty_label="Choose a programme",
        help_text="Only for a Programme admin: they run only the programme you choose here.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The programme model belongs to the programmes layer: reached through the role's own field, so
        # the foundation does not import an upper layer.
        self.fields["programme"].queryset = RoleAssignment._meta.get_field("programme").related_model.objects.all()

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        programme = cleaned.get("programme")
        if role == Role.PROGRAMME_ADMIN and programme is None:
            self.add_error("programme", "Choose the programme this Programme admin will run.")
        if role and role != Role.PROGRAMME_ADMIN and programme is not None:
            self.add_error("programme", "Only a Programme admin is given a programme. Choose no programme.")
        return cleaned
