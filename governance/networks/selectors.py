"""Reads for the clinical networks page: each network, its current leads and its community (5 queries)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.shortcuts import get_object_or_404
from django.utils import timezone

from governance.models import ClinicalNetwork, LeadershipRole
from programmes.community import selectors as community_selectors


@dataclass
class NetworkRow:
    network: ClinicalNetwork
    leads: list = field(default_factory=list)
    community: dict | None = None  # name, url, archived, lead_ids (see community_selectors.community_links)

    @property
    def leads_to_name(self) -> list:
        """The network's current leads who do not lead its community yet."""
        if not self.community:
            return []
        return [person for person in self.leads if person.pk not in self.community["lead_ids"]]


def current_leads(network_ids=None) -> dict[int, list]:
    """Each clinical network's current leads: the active holders of its leadership roles running today, each once,
    by name (1 query)."""
    today = timezone.localdate()
    roles = (
        LeadershipRole.objects.filter(
            clinical_network__isnull=False, holder__isnull=False, holder__is_active=True, start_date__lte=today
        )
        .exclude(end_date__lt=today)
        .select_related("holder")
        .order_by("holder__last_name", "holder__first_name", "holder_id")
    )
    if network_ids is not None:
        roles = roles.filter(clinical_network_id__in=list(network_ids))
    leads: dict[int, list] = defaultdict(list)
    seen: set[tuple[int, int]] = set()
    for role in roles:
        key = (role.clinical_network_id, role.holder_id)
        if key not in seen:
            seen.add(key)
            leads[role.clinical_network_id].append(role.holder)
    return leads


def network_rows() -> list[NetworkRow]:
    """Every clinical network, by name, with its leads and its community (4 queries whatever the numbers)."""
    networks = list(ClinicalNetwork.objects.order_by("name"))
    leads = current_leads()
    links = community_selectors.community_links(n.community_id for n in networks if n.community_id)
    return [NetworkRow(n, leads.get(n.pk, []), links.get(n.community_id)) for n in networks]


def network_row(pk: int) -> NetworkRow:
    network = get_object_or_404(ClinicalNetwork, pk=pk)
    links = community_selectors.community_links([network.community_id] if network.community_id else [])
    return NetworkRow(network, current_leads([network.pk]).get(network.pk, []), links.get(network.community_id))
