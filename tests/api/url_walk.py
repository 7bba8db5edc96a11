"""The API tokens pages for the URL walk (see tests/test_url_walk.py). The API's own addresses (/api/v1/)
are walked per role, scope and token state in tests/api/test_endpoints.py."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from tests.conftest import ROLE_NAMES

OK, LOGIN = 200, "login"
EVERYONE_SIGNED_IN = {name: OK for name in ROLE_NAMES if name != "anonymous"} | {"anonymous": LOGIN}
# Someone else's token: not found for everyone, superusers included (anonymous visitors sign in first).
NOT_THEIRS = dict.fromkeys(ROLE_NAMES, 404) | {"anonymous": LOGIN}

EXPECTATIONS = {
    "api:tokens": EVERYONE_SIGNED_IN,
    "api:token_revoke": NOT_THEIRS,
}


def _someone_elses_token_url() -> str:
    from api import services
    from tests.factories.accounts import UserFactory

    new = services.create_token(
        UserFactory(), name="Walk token", scopes=["public"], expires_on=timezone.localdate() + timedelta(days=30)
    )
    return reverse("api:token_revoke", args=[new.token.pk])


PRIVATE = {"someone else's API token": _someone_elses_token_url}


def url_for(name: str) -> str | None:
    if name not in EXPECTATIONS:
        return None
    if name == "api:token_revoke":
        return _someone_elses_token_url()
    return reverse(name)
