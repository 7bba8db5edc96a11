"""Reads for the C&CPLG's pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count
from django.utils import timezone

from academy.directory.models import Borough, LeaderProfile, OrganisationType, Profession
from academy.reports.suppression import SuppressedTable, suppress
from governance.models import Capability, Seat

TERM_ENDING_SOON = timedelta(days=90)
NOT_RECORDED = "Not recorded (no leader profile)"


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


def ccplg_seats(capability: int | None = None):
    """The C&CPLG's seats in the group's order with their capability and holder (one query), optionally
    those of one capability (by its number)."""
    seats = Seat.objects.select_related("capability", "holder").order_by("capability__number", "position", "title")
    if capability is not None:
        seats = seats.filter(capability__number=capability)
    return seats
