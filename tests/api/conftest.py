"""API test helpers: a token for a person in any role, and a client call with it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from api import services
from api.models import Scope
from tests.conftest import make_person

ALL_SCOPES = list(Scope.values)


def token_for(user, scopes=None, days: int = 30) -> str:
    new = services.create_token(
        user, name="Test token", scopes=scopes or ALL_SCOPES, expires_on=timezone.localdate() + timedelta(days=days)
    )
    return new.plaintext


def bearer(plaintext: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


@pytest.fixture
def api_get(client):
    """``api_get(path, role=None, scopes=None, **params)``: a GET of /api/v1/<path> as ``role`` (a name from
    ROLE_NAMES; None or "anonymous" without a token)."""

    def _get(path: str, role: str | None = None, scopes=None, **params):
        headers = {}
        if role and role != "anonymous":
            headers = bearer(token_for(make_person(role), scopes))
        return client.get(f"/api/v1/{path}", params, **headers)

    return _get
