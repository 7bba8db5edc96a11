"""Writes to the register of other leadership development offers: programme admins add and change
offers, and the service keeps the text the full-text search reads."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from academy import workflow
from programmes.core.models import ExternalOffer, ProviderKind
from programmes.core.rules import ensure_offer_manager

REQUIRED = {
    "name": "Enter the name of the offer",
    "provider_name": "Enter the provider's name",
    "description": "Describe the offer",
    "url": "Enter the offer's web address",
}


def search_document(offer: ExternalOffer, leader_groups, professions, priority_functions, boroughs) -> str:
    parts = [offer.name, offer.provider_name, offer.get_provider_kind_display(), offer.description, offer.cost]
    for related in (leader_groups, professions, priority_functions, boroughs):
        parts.extend(str(item) for item in related)
    return "\n".join(part for part in parts if part)


@transaction.atomic
def save_external_offer(
    actor, offer: ExternalOffer, *, name: str, provider_kind: str, provider_name: str, description: str, url: str,
    cost: str = "", active: bool = True, leader_groups=(), professions=(), priority_functions=(), boroughs=(),
) -> ExternalOffer:
    """Add an offer (``offer`` unsaved) or change one."""
    ensure_offer_manager(actor)
    if offer.pk is not None:
        offer = ExternalOffer.objects.select_for_update().get(pk=offer.pk)
    values = {"name": name, "provider_name": provider_name, "description": description, "url": url}
    errors = {}
    for field, value in values.items():
        value = (value or "").strip()
        if not value:
            errors[field] = REQUIRED[field]
        setattr(offer, field, value)
    if provider_kind not in ProviderKind.values:
        errors["provider_kind"] = "Select the kind of provider"
    if offer.url and not offer.url.lower().startswith(("https://", "http://")):
        errors["url"] = "Enter a web address that starts with https://"
    if errors:
        raise ValidationError(errors)
    offer.provider_kind = provider_kind
    offer.cost = (cost or "").strip()
    offer.active = active
    leader_groups, professions = list(leader_groups), list(professions)
    priority_functions, boroughs = list(priority_functions), list(boroughs)
    offer.search_document = search_document(offer, leader_groups, professions, priority_functions, boroughs)
    if offer.pk is None:
        offer.created_by = workflow.user_or_none(actor)
    offer.save()
    offer.leader_groups.set(leader_groups)
    offer.professions.set(professions)
    offer.priority_functions.set(priority_functions)
    offer.boroughs.set(boroughs)
    return offer
