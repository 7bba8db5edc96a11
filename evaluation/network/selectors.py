"""Reads for the network pages: stored snapshots only (pages never compute), each in one query."""

from __future__ import annotations

from academy.directory.attributes import NamedPerson, named_people
from evaluation.network.models import NetworkSnapshot
from governance.investment.quarters import Quarter

TREND_QUARTERS = 8


def computed_snapshots(limit: int = TREND_QUARTERS) -> list[NetworkSnapshot]:
    """The latest computed quarters, oldest first (one query)."""
    snapshots = list(NetworkSnapshot.objects.exclude(computed_at=None).order_by("-year", "-quarter")[:limit])
    return snapshots[::-1]


def snapshot_for(quarter: Quarter) -> NetworkSnapshot | None:
    return NetworkSnapshot.objects.filter(year=quarter.year, quarter=quarter.number).first()


def named_brokers(snapshot: NetworkSnapshot) -> list[tuple[int, NamedPerson, float]]:
    """The top brokers by name, for evaluators only (one query); people who have since closed their
    account are left out."""
    top = snapshot.figures.get("betweenness", {}).get("top", [])
    names = named_people(entry["person"] for entry in top)
    return [(entry["person"], names[entry["person"]], entry["score"]) for entry in top if entry["person"] in names]
