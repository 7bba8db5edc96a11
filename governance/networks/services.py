"""The secretariat opens a clinical network's community of practice, and names the network's current leads there.

The community lives in `programmes.community` (a lower layer), created through its public service for clinical
networks: open to join, with the holders of the network's current leadership roles as its leads, each emailed once.
When a community of the network's name already exists (the communities' admins may have made it first) it is linked,
not duplicated. The network row is locked, so two of the secretariat opening it at once make one community."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from governance.audit import check_permission, save_with_history
from governance.models import ClinicalNetwork
from governance.networks import selectors
from programmes.community import admin_services as community_services
from programmes.community import selectors as community_selectors


def _require_secretariat(actor) -> None:
    if actor is None:  # the community's log and emails say who acted
        raise TypeError("Say who opens the community: pass the secretariat's user.")
    check_permission(actor, "governance.manage_network_communities",
                     "Only the governance secretariat opens the clinical networks' communities.")


def summary_for(network: ClinicalNetwork) -> str:
    return (
        f"The community of practice of the {network.name} clinical network: its leads, members, discussions and "
        "resources. Anyone signed in may join."
    )


def open_community(actor, network: ClinicalNetwork) -> tuple[ClinicalNetwork, bool]:
    """Give the network a community: link the one of the same name if there is one (naming the network's leads
    there), or open a new one led by them. Returns the network and whether a community was created."""
    _require_secretariat(actor)
    with transaction.atomic():
        network = ClinicalNetwork.objects.select_for_update().get(pk=network.pk)
        if network.community_id:
            raise ValidationError(f"{network.name} already has a community.")
        leads = selectors.current_leads([network.pk]).get(network.pk, [])
        if not leads:
            raise ValidationError(
                f"Nobody holds a current leadership role for {network.name}, so its community would have no lead. "
                "Record the network's lead in the leadership roles first."
            )
        existing = community_selectors.community_id_named(network.name)
        if existing:
            community_services.add_leads(actor, existing, leads)
            network.community_id = existing
        else:
            network.community = community_services.open_clinical_network_community(
                actor, name=network.name, summary=summary_for(network), leads=leads
            )
        save_with_history(network, actor, "Linked to its community" if existing else "Opened its community")
    return network, not existing


def name_leads(actor, network: ClinicalNetwork) -> list:
    """Name the network's current leads who do not lead its community yet; returns those named. People who no longer
    hold a role stay leads until the communities' admins remove them (a community keeps at least one lead)."""
    _require_secretariat(actor)
    with transaction.atomic():
        network = ClinicalNetwork.objects.select_for_update().get(pk=network.pk)
        if not network.community_id:
            raise ValidationError(f"{network.name} has no community yet: open one first.")
        named = community_services.add_leads(
            actor, network.community_id, selectors.current_leads([network.pk]).get(network.pk, [])
        )
        if not named:
            raise ValidationError(f"Every current lead of {network.name} already leads its community.")
    return named
