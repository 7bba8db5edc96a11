"""Who may do what in shadowing. Any leader signed in offers placements and says they are interested; the
shadowing programme's admins (and superusers) run rounds, matching and publishing. This module imports only
models."""

from __future__ import annotations

import rules

from academy.accounts.rules import add_private_perm, is_admin_of_programme, is_signed_in, is_superuser
from programmes.shadowing.models import PROGRAMME_SLUG


@rules.predicate
def is_shadowing_admin(user) -> bool:
    """A Programme admin of the shadowing programme, or a superuser."""
    return bool(is_superuser(user) or is_admin_of_programme(user, PROGRAMME_SLUG))


@rules.predicate
def is_host(user, offer) -> bool:
    return bool(offer is not None and user and user.is_authenticated and offer.host_id == user.pk)


rules.add_perm("shadowing.take_part", is_signed_in)
rules.add_perm("shadowing.manage", is_shadowing_admin)


# Access needs a shadow shares are seen by the shadowing programme's own admins alone: a private permission,
# so a superuser who is not one of them does not see them (docs/privacy-rules-and-check-in-limits.md).
@rules.predicate
def administers_shadowing(user) -> bool:
    return bool(is_admin_of_programme(user, PROGRAMME_SLUG))


add_private_perm("shadowing.see_access_needs", administers_shadowing)
