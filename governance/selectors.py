"""Reads for the governance pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.utils import timezone

from academy.directory.models import (
    Borough,
    LeaderProfile,
    Organisation,
    OrganisationType,
    Profession,
    ProviderCollaborative,
)
from academy.reports.suppression import SuppressedTable, suppress
from governance.kinds import ReferenceKind
from governance.models import Capability, Seat, SpatialLevel

TERM_ENDING_SOON = timedelta(days=90)
NOT_RECORDED = "Not recorded (no leader profile)"


# --- Reference data -------------------------------------------------------------------------------


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


# --- History --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    record: object
    action: str  # Added, Changed, Removed
    changes: list[tuple[str, str]]  # (what, new value in words)


def _display(record, field_name: str) -> str:
    field = record._meta.get_field(field_name)
    if field.is_relation:
        related = getattr(record, field_name, None)
        return str(related) if related is not None else "None"
    if field.choices:
        value = getattr(record, field_name)
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else "None"
    value = getattr(record, field_name)
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return "None" if value in (None, "") else str(value)


def history_page(model, tracked: tuple[str, ...], labels: dict[str, str], page_number,
                 per_page: int = 50, select_related: tuple[str, ...] = ()) -> tuple[Page, list[HistoryEntry]]:
    """One page of ``model``'s history, newest first, each change with what it changed. Three queries
    whatever the page holds: the count, the page, and the earlier versions of the items on it."""
    history = model.history.select_related("history_user", *select_related).order_by("-history_date", "-history_id")
    page = Paginator(history, per_page).get_page(page_number)
    records = list(page.object_list)
    ids = {record.id for record in records}
    previous: dict[int, object] = {}
    if ids:
        last_by_item: dict[int, object] = {}
        for version in model.history.filter(id__in=ids).select_related(*select_related).order_by(
            "history_date", "history_id"
        ):
            previous[version.history_id] = last_by_item.get(version.id)
            last_by_item[version.id] = version
    entries = []
    for record in records:
        before = previous.get(record.history_id)
        if record.history_type == "+":
            action = "Added"
            changed = [name for name in tracked if _display(record, name) != "None"]
        elif record.history_type == "-":
            action, changed = "Removed", []
        else:
            action = "Changed"
            changed = [
                name for name in tracked
                if before is None or _display(record, name) != _display(before, name)
            ]
        entries.append(HistoryEntry(
            record=record, action=action,
            changes=[(labels.get(name, name.replace("_", " ").capitalize()), _display(record, name))
                     for name in changed],
        ))
    return page, entries


# --- The C&CPLG -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CapabilityGroup:
    capability: Capability
    seats: list[Seat]


@dataclass(frozen=True)
class CcplgOverview:
    groups: list[CapabilityGroup]
    seats: int
    filled: int
    vacant: int
    ending_soon: int
    soon_before: date


def ccplg_overview(today: date | None = None) -> CcplgOverview:
    """The C&CPLG's seats grouped by the ten capabilities, with their holders (two queries)."""
    today = today or timezone.localdate()
    soon_before = today + TERM_ENDING_SOON
    seats = list(Seat.objects.select_related("holder"))
    by_capability: dict[int, list[Seat]] = {}
    for seat in seats:
        seat.ending_soon = bool(seat.term_ends and seat.term_ends <= soon_before)
        by_capability.setdefault(seat.capability_id, []).append(seat)
    groups = [
        CapabilityGroup(capability, by_capability.get(capability.pk, [])) for capability in Capability.objects.all()
    ]
    filled = sum(1 for seat in seats if seat.holder_id)
    return CcplgOverview(
        groups=groups, seats=len(seats), filled=filled, vacant=len(seats) - filled,
        ending_soon=sum(1 for seat in seats if seat.ending_soon), soon_before=soon_before,
    )


@dataclass(frozen=True)
class Makeup:
    title: str
    table: SuppressedTable


def ccplg_makeup() -> tuple[int, list[Makeup]]:
    """How many people hold C&CPLG seats, and their make-up by profession, organisation type and borough
    (from their leader profiles), with small-number suppression. A person holding two seats counts once."""
    holder_ids = Seat.objects.filter(holder__isnull=False).values("holder_id").distinct()
    people = holder_ids.count()
    profiles = LeaderProfile.objects.filter(user_id__in=holder_ids)

    def counts(key: str, labels: dict, none_label: str | None = None) -> dict[str, int]:
        rows = profiles.values(key).annotate(n=Count("user_id", distinct=True)).order_by()
        found = {row[key]: row["n"] for row in rows}
        result = {str(label): found.pop(value, 0) for value, label in labels.items()}
        if none_label:
            result[none_label] = found.pop(None, 0)
        result[NOT_RECORDED] = people - sum(result.values()) - sum(found.values())
        return result

    professions = {p.pk: p.name for p in Profession.objects.all()}
    boroughs = {b.pk: b.name for b in Borough.objects.all()}
    return people, [
        Makeup("Profession", suppress(counts("profession", professions))),
        Makeup("Type of organisation", suppress(counts("organisation__org_type", dict(OrganisationType.choices)))),
        Makeup("Borough", suppress(counts("borough", boroughs, "Works across south east London"))),
    ]
