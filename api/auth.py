"""How the API knows who is asking: a bearer token acts as its person; no token is an anonymous caller.

Sessions are not used: a call is anonymous unless it carries a token, so a signed-in browser and a script
see the same answers for the same token.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from ninja.errors import HttpError
from ninja.security import HttpBearer

from api import services
from api.models import Scope


class TokenAuth(HttpBearer):
    """``Authorization: Bearer sela_...``: the live token, or a 401 for anything else."""

    def authenticate(self, request, token: str):
        found = services.authenticate(token)
        if found is None:
            return None
        request.api_token = found
        request.user = found.user
        return found


ANONYMOUS = "anonymous"


def anonymous(request):
    """A call without an Authorization header reads as nobody in particular. A header that is not a live
    token is refused (401) rather than read as anonymous, so a mistyped token is noticed."""
    if request.headers.get("Authorization"):
        return None
    request.api_token = None
    request.user = AnonymousUser()
    return ANONYMOUS


TOKEN = TokenAuth()
TOKEN_OR_ANONYMOUS = [TOKEN, anonymous]


def require(request, scope: Scope, permission: str | None = None) -> None:
    """Let the call through if the token carries ``scope`` and its person has ``permission`` (the same
    permission as the page that shows the same thing). 401 when a signed-in person is needed, 403 when the
    person or the token may not."""
    token = getattr(request, "api_token", None)
    if token is not None and scope not in token.scopes:
        raise HttpError(403, f"This token cannot read this: it needs the \u201c{scope}\u201d scope.")
    if permission is None:
        return
    if not request.user.is_authenticated:
        raise HttpError(401, "Send an API token to read this.")
    if not request.user.has_perm(permission):
        raise HttpError(403, "You do not have permission to read this.")
