"""Reads for the reference data pages, each in a fixed number of queries."""

from __future__ import annotations

from academy.directory.models import Borough, Organisation, ProviderCollaborative, SpatialLevel
from governance.reference.kinds import ReferenceKind


def reference_items(kind: ReferenceKind) -> list:
    return list(kind.model.objects.all())


def level_bodies() -> dict[str, str]:
    """For each spatial level, the bodies in it, in words (three queries)."""
    collaboratives = [c.name for c in ProviderCollaborative.objects.only("name")]
    lcps = [b.lcp_name for b in Borough.objects.only("lcp_name")]
    organisations = Organisation.objects.count()
    return {
        SpatialLevel.ICS: "NHS South East London Integrated Care Board",
        SpatialLevel.COLLABORATIVE: ", ".join(collaboratives),
        SpatialLevel.LCP: ", ".join(lcps),
        SpatialLevel.CCPLG: "Clinical and Care Professional Leadership Group",
        SpatialLevel.ORGANISATION: f"{organisations} organisations in the leaders directory, including primary "
        "care networks",
    }
