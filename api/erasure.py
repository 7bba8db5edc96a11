"""Erasure step for the API: the person's tokens go, so nothing can read the Academy as them."""

from __future__ import annotations

from academy.privacy import erasure
from api.models import ApiToken


def erase(user, pseudonym: str) -> None:
    ApiToken.objects.filter(user=user).delete()


erasure.register("api", models=["api.ApiToken"], erase=erase, erased=["Your API tokens"])
