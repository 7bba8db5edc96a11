"""The kinds of governance reference data the secretariat keeps, described once so that one set of
pages (list, add, change, history) serves them all."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models
from django.http import Http404

from academy.directory.models import PriorityFunction
from governance.models import ClinicalNetwork, GovernanceStructure, Principle, RoleType, SpatialLevelDefinition


@dataclass(frozen=True)
class ReferenceKind:
    slug: str
    model: type[models.Model]
    plural: str  # "Priority functions"
    singular: str  # "priority function"
    fields: tuple[str, ...]  # what the secretariat may change, the first one names the item
    intro: str
    can_add: bool = False
    labels: dict[str, str] = field(default_factory=dict)
    help_texts: dict[str, str] = field(default_factory=dict)


KINDS: dict[str, ReferenceKind] = {
    kind.slug: kind
    for kind in [
        ReferenceKind(
            slug="functions",
            model=PriorityFunction,
            plural="The 10 priority functions",
            singular="priority function",
            fields=("name", "definition"),
            intro="The 10 functions clinical and care professional (C&CP) system leadership in south east London "
            "is organised around. C&CPLG agendas and leadership roles are arranged by them.",
            labels={"name": "Name of the function", "definition": "Definition"},
            help_texts={"definition": "One or two sentences in plain English."},
        ),
        ReferenceKind(
            slug="levels",
            model=SpatialLevelDefinition,
            plural="Spatial levels",
            singular="spatial level",
            fields=("description", "default_wte"),
            intro="Where C&CP system leadership time is paid for and protected: the ICS body, the provider "
            "collaboratives, the six Local Care Partnerships, the C&CPLG and, as a 5th space, organisations. "
            "The default WTE follows the seed's pattern of protected time: 0.4 at ICS level, 0.2 in a "
            "collaborative or LCP.",
            labels={"description": "Description", "default_wte": "Default WTE for a new role"},
            help_texts={"default_wte": "From 0.1 to 1.0. 0.2 WTE is one day a week."},
        ),
        ReferenceKind(
            slug="structures",
            model=GovernanceStructure,
            plural="Governance structures",
            singular="governance structure",
            fields=("name", "kind"),
            intro="The partnerships, boards, committees and groups that C&CP leaders sit on, so that they are "
            "key decision-makers at every level of the system.",
            can_add=True,
            labels={"name": "Name of the structure", "kind": "Type of structure"},
        ),
        ReferenceKind(
            slug="networks",
            model=ClinicalNetwork,
            plural="Clinical networks",
            singular="clinical network",
            fields=("name",),
            intro="The clinical networks of south east London. Their leads develop and implement care standards "
            "with benchmarking, with the regional networks.",
            can_add=True,
            labels={"name": "Name of the clinical network"},
        ),
        ReferenceKind(
            slug="principles",
            model=Principle,
            plural="The six principles",
            singular="principle",
            fields=("name", "description"),
            intro="The six principles C&CP system leadership in south east London follows.",
            labels={"name": "Principle", "description": "What it means"},
        ),
        ReferenceKind(
            slug="rates",
            model=RoleType,
            plural="Rate card",
            singular="role type",
            fields=("name", "annual_rate_per_wte", "description"),
            intro="What 1.0 WTE of each type of C&CP leadership role costs a year, including on-costs, whatever "
            "the organisation, so that pay is fair across the system. A 0.4 WTE role costs 0.4 times the rate. "
            "Changing a rate re-prices the roles of that type that have not ended.",
            can_add=True,
            labels={"name": "Role type", "annual_rate_per_wte": "Annual cost of 1.0 WTE (£)",
                    "description": "Who this rate is for"},
            help_texts={"annual_rate_per_wte": "In pounds, including on-costs, for example 95000."},
        ),
    ]
}


def get_kind(slug: str) -> ReferenceKind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404("No such reference data") from None
