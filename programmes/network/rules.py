"""Who may do what in the managed network: the network's admins (Programme admins of the network
programme, and superusers) and signed-in people. Services and views import these; this module imports
only models."""

from __future__ import annotations

import rules
from django.core.exceptions import PermissionDenied

from academy import workflow
from academy.accounts.rules import is_signed_in
from programmes.network.models import PROGRAMME_SLUG


@rules.predicate
def is_network_admin(user) -> bool:
    """A Programme admin of the network, or a superuser."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or PROGRAMME_SLUG in user.administered_programme_slugs)
    )


rules.add_perm("network.take_part", is_signed_in)
rules.add_perm("network.administer", is_network_admin)


def ensure_network_admin(actor) -> None:
    """Services call this before an admin's write; ``workflow.SYSTEM`` acts for demo data and tasks."""
    if workflow.is_system(actor):
        return
    if not is_network_admin(actor):
        raise PermissionDenied("Only the network's admins can do this.")


# --- coaching --------------------------------------------------------------------------------------
# The coaching lead is a Programme admin of the network, granted by name. A superuser is not the coaching
# lead by being a superuser: who is coached by whom is seen only by the lead (to assign a coach), the
# coach and the coachee.


# Views check this predicate directly, never through has_perm: Django grants a superuser every permission.
@rules.predicate
def is_coaching_lead(user) -> bool:
    return bool(user and user.is_authenticated and PROGRAMME_SLUG in user.administered_programme_slugs)


def ensure_coaching_lead(actor) -> None:
    if workflow.is_system(actor):
        return
    if not is_coaching_lead(actor):
        raise PermissionDenied("Only the coaching lead can do this.")
