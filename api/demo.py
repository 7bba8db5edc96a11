"""Demo API tokens, so the tokens page shows realistic rows: the ICS Executive's board spreadsheet (used
today), a revoked old connection, and the secretariat's roles tracker. The tokens themselves are thrown
away (a demo token that worked would be a password in the repository). Idempotent: a person's token of
the same name is left as it is."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from academy.directory.demo import DEMO_BUILDERS, DEMO_DOMAIN, SeedContext
from api import services
from api.models import ApiToken, Scope

DEMO_TOKENS = [
    # (account, name, scopes, days to run, used, revoked)
    ("exec", "Board report spreadsheet", [Scope.PUBLIC, Scope.DASHBOARD, Scope.EVALUATION], 180, True, False),
    ("exec", "Old Power BI connection", [Scope.DASHBOARD], 30, True, True),
    ("governance", "Roles and WTE tracker", [Scope.GOVERNANCE], 365, False, False),
]


def build_api_tokens(ctx: SeedContext) -> None:
    User = get_user_model()  # noqa: N806
    made = 0
    for local, name, scopes, days, used, revoked in DEMO_TOKENS:
        user = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
        if user is None or ApiToken.objects.filter(user=user, name=name).exists():
            continue
        new = services.create_token(
            user, name=name, scopes=list(scopes), expires_on=timezone.localdate() + timedelta(days=days)
        )
        if used:
            services.authenticate(new.plaintext)
        if revoked:
            services.revoke_token(user, new.token)
        made += 1
    ctx.counts["API tokens"] = made


DEMO_BUILDERS.append(("API tokens", build_api_tokens))
