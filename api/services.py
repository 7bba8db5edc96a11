"""Writes for API tokens: a person makes and revokes their own; the API authenticates with them."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from api.models import ApiToken, Scope

TOKEN_START = "sela"  # noqa: S105 - not a secret: "SEL Academy", lets secret scanners recognise a leaked token
PREFIX_BYTES = 6  # 12 hex characters, the lookup key shown in the list of tokens
SECRET_BYTES = 32  # 256 bits of randomness
LONGEST_LIFE = timedelta(days=366)
LAST_USED_EVERY = timedelta(minutes=1)  # record "last used" at most once a minute per token


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    plaintext: str  # shown to the person once, never stored


def hash_secret(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def latest_expiry(today: date | None = None) -> date:
    return (today or timezone.localdate()) + LONGEST_LIFE - timedelta(days=1)


def create_token(actor, *, name: str, scopes: list[str], expires_on: date) -> NewToken:
    """Make a token for ``actor`` (a person makes tokens only for themselves). It ends at the end of
    ``expires_on``, which is after today and at most a year away."""
    if not (actor and actor.is_authenticated and actor.is_active and actor.has_perm("api.manage_own_tokens")):
        raise PermissionDenied
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Enter a name for the token"]
    if not scopes or set(scopes) - set(Scope.values):
        errors["scopes"] = ["Select what the token may read"]
    today = timezone.localdate()
    if expires_on is None:
        errors["expires_on"] = ["Enter the date the token stops working"]
    elif expires_on <= today:
        errors["expires_on"] = ["The date the token stops working must be in the future"]
    elif expires_on > latest_expiry(today):
        errors["expires_on"] = ["A token can last at most a year"]
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(PREFIX_BYTES)
    plaintext = f"{TOKEN_START}_{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    expires_at = timezone.make_aware(datetime.combine(expires_on, time.max))
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=actor,
            name=name,
            prefix=prefix,
            secret_hash=hash_secret(plaintext),
            scopes=[scope for scope in Scope.values if scope in scopes],
            expires_at=expires_at,
        )
    return NewToken(token=token, plaintext=plaintext)


def revoke_token(actor, token: ApiToken) -> ApiToken:
    """Stop a token working at once. Only its owner may (superusers too are refused another's token)."""
    if not (actor and actor.is_authenticated and actor.has_perm("api.revoke_token", token)):
        raise PermissionDenied
    with transaction.atomic():
        locked = ApiToken.objects.select_for_update().get(pk=token.pk)
        if locked.revoked_at is None:
            locked.revoked_at = timezone.now()
            locked.save(update_fields=["revoked_at"])
    return locked


def split_token(plaintext: str) -> str | None:
    """The lookup prefix of a token in the right shape, or None."""
    parts = (plaintext or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_START or len(parts[1]) != PREFIX_BYTES * 2 or not parts[2]:
        return None
    return parts[1]


def authenticate(plaintext: str, now=None) -> ApiToken | None:
    """The live token for this secret, with its person, or None. One query, and one more at most once a
    minute to record when the token was last used."""
    prefix = split_token(plaintext)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, hash_secret(plaintext)):
        return None
    now = now or timezone.now()
    if not token.is_active(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
