"""Demo data for the allocation model: the six care pathway programmes the demo's roles serve (each with the
annex's roles for it), the rate card line that prices each expected role, the demo roles tied to their
programmes, and a few of the secretariat's own changes to the annex (more time in two boroughs with the
greatest need; the quality and safety roles the annex left to be decided), so the gap shows filled,
vacant, unfunded and missing roles. Idempotent: a programme or cell already there is left as it is."""

from __future__ import annotations

from decimal import Decimal

from simple_history.utils import bulk_update_with_history

from academy.directory.demo import SeedContext
from academy.directory.models import Borough, PriorityFunction, SpatialLevel
from governance.allocation import services
from governance.models import CarePathwayProgramme, ClinicalNetwork, ExpectedRole, LeadershipRole, RoleType
from governance.roles.demo import PATHWAY_PROGRAMMES

# The rate card line of each kind of expected role (the names are the roles demo's rate card).
EXECUTIVE_RATE = "Executive clinical lead (CMO, CNO)"
ICS_RATE = "Medical or dental system lead"
LOCAL_RATE = "Nursing, midwifery or AHP system lead"

# (borough, function number, expected WTE): the secretariat asked for more population health and workforce
# time where need is greatest; today's roles pay for 0.2, so the rest shows as unfunded.
MORE_TIME = [("Lambeth", 1, Decimal("0.4")), ("Southwark", 1, Decimal("0.4")), ("Lewisham", 4, Decimal("0.3"))]
# Quality and safety roles the annex names but left "to be decided": nobody is funded for them yet.
QUALITY_ROLES = [
    ("Infection prevention and control", "Infection prevention and control lead"),
    ("Safeguarding", "Safeguarding lead"),
]


def build_allocation(ctx: SeedContext) -> None:
    rates = {rate.name: rate for rate in RoleType.objects.all()}
    made = 0
    existing = set(CarePathwayProgramme.objects.values_list("name", flat=True))
    for name in PATHWAY_PROGRAMMES:
        if name not in existing:
            services.add_programme(None, name, rates.get(LOCAL_RATE))
            made += 1
    ctx.counts["care pathway programmes created"] = made
    _tie_roles_to_programmes()
    _secretariat_changes()
    _price(rates)


def _tie_roles_to_programmes() -> None:
    """The demo's care pathway roles are titled "<programme> programme ..."; record their programme."""
    programmes = {p.name: p for p in CarePathwayProgramme.objects.all()}
    changed = []
    for role in LeadershipRole.objects.filter(function__number=2, programme__isnull=True):
        for name, programme in programmes.items():
            if role.title.startswith(f"{name} programme"):
                role.programme = programme
                changed.append(role)
                break
    if changed:
        bulk_update_with_history(changed, LeadershipRole, ["programme"], default_change_reason="programme recorded")


def _secretariat_changes() -> None:
    boroughs = {b.name: b for b in Borough.objects.all()}
    for borough, number, wte in MORE_TIME:
        cell = ExpectedRole.objects.filter(
            retired_on__isnull=True,
            function__number=number,
            spatial_level=SpatialLevel.LCP,
            borough=boroughs.get(borough),
            programme__isnull=True,
        ).first()
        if cell is not None and cell.expected_wte < wte:
            data = {name: getattr(cell, name) for name in services.EXPECTED_FIELDS}
            services.save_expected_role(
                None, cell, data | {"expected_wte": wte, "notes": "More time where need is greatest"}
            )
    quality = PriorityFunction.objects.get(number=5)
    networks = {n.name: n for n in ClinicalNetwork.objects.all()}
    for network, title in QUALITY_ROLES:
        if (
            network in networks
            and not ExpectedRole.objects.filter(
                retired_on__isnull=True, function=quality, clinical_network=networks[network]
            ).exists()
        ):
            services.save_expected_role(
                None,
                None,
                {
                    "title": title,
                    "function": quality,
                    "spatial_level": SpatialLevel.ICS,
                    "clinical_network": networks[network],
                    "expected_wte": Decimal("0.4"),
                    "notes": "Named in the annex; reports to the System Quality Board",
                },
            )


def _price(rates: dict) -> None:
    """Each expected role without a rate card line gets one (in one statement, with history)."""
    unpriced = list(ExpectedRole.objects.filter(role_type__isnull=True))
    for cell in unpriced:
        if cell.expected_wte == Decimal("1.0"):
            cell.role_type = rates.get(EXECUTIVE_RATE)
        elif cell.spatial_level == SpatialLevel.ICS:
            cell.role_type = rates.get(ICS_RATE)
        else:
            cell.role_type = rates.get(LOCAL_RATE)
    unpriced = [cell for cell in unpriced if cell.role_type is not None]
    if unpriced:
        bulk_update_with_history(unpriced, ExpectedRole, ["role_type"], default_change_reason="priced")
