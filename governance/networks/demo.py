"""Demo data for the clinical networks page: the secretariat (governance@) has opened communities for most
networks with a current lead, and left two to open, so both the links and the action show (idempotent: nothing is
done once a network has a community)."""

from __future__ import annotations

from academy.accounts.models import User
from academy.directory.demo import SeedContext
from governance.models import ClinicalNetwork
from governance.networks import selectors, services

SECRETARIAT_EMAIL = "governance@demo.academy.test"
LEFT_TO_OPEN = 2


def build_network_communities(ctx: SeedContext) -> None:
    secretariat = User.objects.filter(email=SECRETARIAT_EMAIL).first()
    if secretariat is None or ClinicalNetwork.objects.filter(community__isnull=False).exists():
        ctx.counts["clinical network communities opened"] = 0
        return
    with_leads = [row.network for row in selectors.network_rows() if row.leads]
    opened = 0
    for network in with_leads[:-LEFT_TO_OPEN] if len(with_leads) > LEFT_TO_OPEN else []:
        services.open_community(secretariat, network)
        opened += 1
    ctx.counts["clinical network communities opened"] = opened
