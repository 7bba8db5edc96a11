"""The API's part of a person's data download: the tokens they made (never the token or its hash)."""

from academy.privacy.personal_data import PersonalExport, register_exporter, rows
from api.models import ApiToken


@register_exporter("api", title="Your API tokens", covers=["api.ApiToken.user"])
def export(person, out: PersonalExport) -> None:
    out.table(
        "api_tokens",
        rows(
            ApiToken.objects.filter(user=person).order_by("created_at"),
            ["name", "prefix", "scopes", "created_at", "expires_at", "revoked_at", "last_used_at"],
        ),
    )
