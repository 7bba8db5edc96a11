"""The annex of seed 001 ("Part 1: Infrastructure and capacity", SEL, August 2021): the paid and protected
C&CP leadership time it proposes for each priority function, at ICS level, in each provider collaborative,
in each Local Care Partnership, for each clinical network lead and for each care pathway programme.

This is the source the data migration loads once as the first allocation model; from then on the model is
data the secretariat keeps (governance.models.ExpectedRole, with history), and nothing reads this module
but the migration and the service that adds a new care pathway programme's roles."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

D = Decimal


@dataclass(frozen=True)
class Proposal:
    function: int
    ics_title: str
    ics: Decimal
    per_collaborative: Decimal = D("0")
    per_lcp: Decimal = D("0")
    lead_title: str = ""  # the title of the collaborative's and LCP's roles ("... lead")
    notes: str = ""


ANNEX = [
    Proposal(
        1,
        "Population health and inequalities lead",
        D("0.4"),
        D("0.2"),
        D("0.2"),
        "Population health and inequalities lead",
        "With a DPH representative and the CCIO",
    ),
    Proposal(
        3,
        "Chief Medical Officer",
        D("1.0"),
        D("0.2"),
        D("0.2"),
        "Clinical and care strategy lead",
        "CMO 1.0 WTE; clinical leads in each collaborative and LCP",
    ),
    Proposal(
        4,
        "Workforce resilience lead",
        D("0.4"),
        D("0.2"),
        D("0.2"),
        "Workforce resilience lead",
        "Administrative support through the workforce programme",
    ),
    Proposal(5, "Chief Nurse Officer", D("1.0"), notes="Further quality and safety roles to be decided"),
    Proposal(
        6,
        "Patient and public engagement lead",
        D("0.4"),
        D("0.2"),
        lead_title="Patient and public engagement lead",
        notes="Administrative support through the ICS PPE team",
    ),
    Proposal(
        7,
        "Continuous improvement lead",
        D("0.4"),
        D("0.2"),
        lead_title="Continuous improvement lead",
        notes="Joint with KHP and the HIN; CESEL leads and digital champions in boroughs",
    ),
    Proposal(
        8, "Professional leadership development lead", D("0.4"), notes="Administrative support through the Academy"
    ),
    Proposal(9, "Research and evidence lead", D("0.4"), notes="Joint role with KHP and ARC"),
]
CARE_PATHWAY_FUNCTION = 2
# For each care pathway programme: 0.4 ICS, 0.2 in each provider collaborative and in each LCP.
PROGRAMME_ICS, PROGRAMME_PER_COLLABORATIVE, PROGRAMME_PER_LCP = D("0.4"), D("0.2"), D("0.2")
CARE_STANDARDS_FUNCTION = 10
NETWORK_LEAD = D("0.4")  # for each clinical network lead


def annex_rows(functions: dict, collaboratives, boroughs, networks, programmes=()) -> list[dict]:
    """The annex as one dict of ExpectedRole fields per cell, for the bodies given. ``functions`` maps a
    function's number to the function."""
    rows = []
    for proposal in ANNEX:
        function = functions[proposal.function]
        rows.append(
            {
                "function": function,
                "spatial_level": "ics",
                "title": proposal.ics_title,
                "expected_wte": proposal.ics,
                "notes": proposal.notes,
            }
        )
        if proposal.per_collaborative:
            rows += [
                {
                    "function": function,
                    "spatial_level": "collaborative",
                    "collaborative": collaborative,
                    "title": proposal.lead_title,
                    "expected_wte": proposal.per_collaborative,
                }
                for collaborative in collaboratives
            ]
        if proposal.per_lcp:
            rows += [
                {
                    "function": function,
                    "spatial_level": "lcp",
                    "borough": borough,
                    "title": proposal.lead_title,
                    "expected_wte": proposal.per_lcp,
                }
                for borough in boroughs
            ]
    for programme in programmes:
        rows += programme_rows(functions[CARE_PATHWAY_FUNCTION], programme, collaboratives, boroughs)
    rows += [
        {
            "function": functions[CARE_STANDARDS_FUNCTION],
            "spatial_level": "ics",
            "clinical_network": network,
            "title": "Clinical network lead",
            "expected_wte": NETWORK_LEAD,
            "notes": "Develops care standards with the regional networks",
        }
        for network in networks
    ]
    return rows


def programme_rows(function, programme, collaboratives, boroughs) -> list[dict]:
    """One care pathway programme's cells: its ICS clinical lead and a lead in each collaborative and LCP."""
    rows = [
        {
            "function": function,
            "spatial_level": "ics",
            "programme": programme,
            "title": "Programme clinical lead",
            "expected_wte": PROGRAMME_ICS,
        }
    ]
    rows += [
        {
            "function": function,
            "spatial_level": "collaborative",
            "programme": programme,
            "collaborative": collaborative,
            "title": "Programme lead",
            "expected_wte": PROGRAMME_PER_COLLABORATIVE,
        }
        for collaborative in collaboratives
    ]
    rows += [
        {
            "function": function,
            "spatial_level": "lcp",
            "programme": programme,
            "borough": borough,
            "title": "Programme lead",
            "expected_wte": PROGRAMME_PER_LCP,
        }
        for borough in boroughs
    ]
    return rows


def load(apps) -> None:
    """The data migration (and the tests' reference data after a flush): the annex as the first model, for
    the bodies the directory and governance reference data hold, and the seats linked to their structures.
    Safe to run again (a cell already there is left alone)."""
    PriorityFunction = apps.get_model("directory", "PriorityFunction")
    ProviderCollaborative = apps.get_model("directory", "ProviderCollaborative")
    Borough = apps.get_model("directory", "Borough")
    ClinicalNetwork = apps.get_model("governance", "ClinicalNetwork")
    CarePathwayProgramme = apps.get_model("governance", "CarePathwayProgramme")
    ExpectedRole = apps.get_model("governance", "ExpectedRole")
    HistoricalExpectedRole = apps.get_model("governance", "HistoricalExpectedRole")
    functions = {f.number: f for f in PriorityFunction.objects.all()}
    if len(functions) < 10:
        return  # no reference data (never in a migrated database: the directory's migration loads it)
    rows = annex_rows(
        functions,
        list(ProviderCollaborative.objects.order_by("pk")),
        list(Borough.objects.order_by("pk")),
        list(ClinicalNetwork.objects.order_by("name")),
        list(CarePathwayProgramme.objects.all()),
    )
    for row in rows:
        key = {
            name: row.get(name)
            for name in ("function", "spatial_level", "collaborative", "borough", "clinical_network", "programme")
        }
        if ExpectedRole.objects.filter(retired_on__isnull=True, **key).exists():
            continue
        role = ExpectedRole.objects.create(
            notes=row.get("notes", ""), title=row["title"], expected_wte=row["expected_wte"], **key
        )
        # The migration's models keep no history on save: record each cell's first version by hand.
        HistoricalExpectedRole.objects.create(
            id=role.pk,
            title=role.title,
            function_id=role.function_id,
            spatial_level=role.spatial_level,
            collaborative_id=role.collaborative_id,
            borough_id=role.borough_id,
            clinical_network_id=role.clinical_network_id,
            programme_id=role.programme_id,
            expected_wte=role.expected_wte,
            role_type_id=None,
            notes=role.notes,
            retired_on=None,
            history_date=timezone.now(),
            history_type="+",
            history_change_reason="loaded from the annex of seed 001",
        )
    if "structure" in {field.name for field in apps.get_model("governance", "Seat")._meta.get_fields()}:
        link_seats(apps)


PHM_EXECUTIVE = "Population Health Management and Inequalities Executive"
# The C&CPLG seats whose holders lead on an ICS structure [seed 001, capabilities 1, 3, 4 and 10].
SEAT_STRUCTURES = {
    "Chief Medical Officer (co-chair)": "Integrated Care Board",
    "Integrated Governance and Performance Committee lead": "Integrated Governance and Performance Committee",
    "Patient and Public Involvement Committee lead": "Patient and Public Engagement Group and Involvement Committee",
    "People Board lead": "People Board",
    "Population Health Management and Inequalities Executive lead": PHM_EXECUTIVE,
    "Chief Nurse Officer (co-chair)": "System Quality Board",
    "System leadership development and support link": "Advisory Board of the SEL Systems Leadership Academy",
    "ICS Executive member": "ICS Executive",
}


def link_seats(apps) -> None:
    """The data migration: each of those seats to its structure, where both exist and no link is set yet."""
    Seat = apps.get_model("governance", "Seat")
    GovernanceStructure = apps.get_model("governance", "GovernanceStructure")
    structures = {s.name: s for s in GovernanceStructure.objects.filter(name__in=SEAT_STRUCTURES.values())}
    for seat in Seat.objects.filter(title__in=SEAT_STRUCTURES, structure__isnull=True):
        structure = structures.get(SEAT_STRUCTURES[seat.title])
        if structure is not None:
            seat.structure = structure
            seat.save(update_fields=["structure"])
