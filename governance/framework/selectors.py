"""Reads for the NHSEI Design Framework self-assessment, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count

from governance.history import as_recorded, field_display
from governance.models import RAG_TAG_CLASS, FrameworkPoint, Rag


def framework_points(as_of: datetime | None = None) -> list:
    """The nine points with their owners: as they stand now (one query), or as they were recorded at
    ``as_of`` (two queries: the points, and their history). A point with no history by then had not been
    assessed yet: the points are loaded unassessed, and every assessment since is recorded."""
    points = list(FrameworkPoint.objects.select_related("owner"))
    if as_of is None:
        return points
    then = {record.id: record for record in as_recorded(FrameworkPoint, as_of).select_related("owner")}
    return [then.get(point.pk) or FrameworkPoint(pk=point.pk, number=point.number, title=point.title)
            for point in points]


def framework_summary() -> list[tuple[str, str, int]]:
    """How many points have each RAG rating: (rating, tag class, count), in the order red, amber, green,
    not assessed (one query)."""
    counts = dict(FrameworkPoint.objects.values_list("rag").annotate(n=Count("id")).order_by())
    order = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NOT_ASSESSED]
    return [(rag.label, RAG_TAG_CLASS[rag], counts.get(rag.value, 0)) for rag in order]


@dataclass(frozen=True)
class PointChange:
    record: object
    changes: list[tuple[str, str, str]]  # (what, from, to) in words


POINT_HISTORY_FIELDS = (("rag", "RAG rating"), ("position", "Current position"), ("evidence", "Evidence"),
                        ("owner", "Owner"), ("review_date", "Review date"))


def _point_value(record, name: str) -> str:
    if name == "evidence":
        return "; ".join(link["title"] for link in record.evidence) or "None"
    return field_display(record, name)


def framework_point_history(point) -> list[PointChange]:
    """Every change to one point, newest first: who made it, when, and each field from what to what
    (one query: a point has a short history)."""
    versions = list(point.history.select_related("history_user", "owner").order_by("history_date", "history_id"))
    # The nine points are loaded not yet assessed, without a history record: the first change is from that.
    changes, before = [], None
    if versions and versions[0].history_type != "+":
        before = FrameworkPoint(number=point.number, title=point.title)
    for version in versions:
        fields = []
        for name, label in POINT_HISTORY_FIELDS:
            now = _point_value(version, name)
            was = _point_value(before, name) if before is not None else None
            if was is None:
                if now != "None" and not (name == "rag" and version.rag == "not_assessed"):
                    fields.append((label, "", now))
            elif now != was:
                fields.append((label, was, now))
        changes.append(PointChange(record=version, changes=fields))
        before = version
    return list(reversed(changes))
