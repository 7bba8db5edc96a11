"""Reads for the API tokens page."""

from __future__ import annotations

from django.http import Http404

from api.models import ApiToken


def own_tokens(user) -> list[ApiToken]:
    """A person's tokens, newest first (one query)."""
    return list(ApiToken.objects.filter(user=user).order_by("-created_at", "-pk"))


def own_token(user, pk: int) -> ApiToken:
    """One of the person's own tokens; anyone else's is not found, superusers' included."""
    token = ApiToken.objects.filter(user=user, pk=pk).first()
    if token is None:
        raise Http404("No such token")
    return token
