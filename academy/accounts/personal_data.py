"""The accounts part of a person's data download: their account, email addresses and roles."""

from allauth.account.models import EmailAddress

from academy.accounts.models import RoleAssignment, User
from academy.privacy.personal_data import PersonalExport, register_exporter, rows


@register_exporter(
    "account",
    title="Account and roles",
    covers=["account.EmailAddress.user", "accounts.RoleAssignment.user", "accounts.RoleAssignment.granted_by"],
)
def export(person, out: PersonalExport) -> None:
    out.table(
        "account",
        rows(
            User.objects.filter(pk=person.pk),
            ["email", "first_name", "last_name", "date_joined", "last_login", "is_active"],
        ),
    )
    out.table("email_addresses", rows(EmailAddress.objects.filter(user=person), ["email", "verified", "primary"]))
    out.table(
        "roles",
        rows(
            RoleAssignment.objects.filter(user=person), ["role", "programme__name", "granted_at", "granted_by__email"]
        ),
    )
    out.table(
        "roles_you_granted",
        rows(
            RoleAssignment.objects.filter(granted_by=person), ["user__email", "role", "programme__name", "granted_at"]
        ),
    )
