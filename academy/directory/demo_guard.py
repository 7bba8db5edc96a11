"""Demo and scale data must never be made in production: seed_demo creates staff accounts with the shared
demo password, and the first person to sign in with it would own them."""

from django.conf import settings
from django.core.management.base import CommandError


def refuse_in_production(command) -> None:
    if getattr(settings, "PRODUCTION", False):
        raise CommandError(
            f"{command.__module__.rsplit('.', 1)[-1]} makes demonstration accounts with a shared password, so it "
            "does not run with production settings (ACADEMY_ENV=production). Run it on a development or "
            "demonstration copy instead."
        )
