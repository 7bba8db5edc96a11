"""Reads for the governance pages, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from academy.directory.models import (
    Borough,
    LeaderProfile,
    Organisation,
    OrganisationType,
    Profession,
    ProviderCollaborative,
    SpatialLevel,
)
from academy.reports.suppression import SuppressedTable, suppress
from governance.models import (
    DAYS_PER_WTE,
    RAG_TAG_CLASS,
    Action,
    Capability,
    FrameworkPoint,
    LeadershipRole,
    Meeting,
    ProgrammeSpend,
    Rag,
    Seat,
)
from governance.reference.kinds import ReferenceKind

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


# --- Leadership roles -----------------------------------------------------------------------------

ROLE_HISTORY_FIELDS = (
    "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
    "role_type", "pay_basis", "wte", "annual_cost", "funding_source", "start_date", "end_date", "holder",
    "sessional_overtime_confirmed",
)
ROLE_HISTORY_LABELS = {
    "function": "Priority function", "spatial_level": "Spatial level", "collaborative": "Provider collaborative",
    "borough": "Borough", "organisation": "Organisation", "clinical_network": "Clinical network",
    "role_type": "Role type", "pay_basis": "Paid as", "wte": "WTE", "annual_cost": "Annual cost (£)",
    "funding_source": "Funded by", "start_date": "Start date", "end_date": "End date", "holder": "Holder",
    "sessional_overtime_confirmed": "Sessional overtime confirmed", "title": "Title",
}
ROLE_RELATED = ("function", "role_type", "holder", "collaborative", "borough", "organisation", "clinical_network")


@dataclass(frozen=True)
class RoleTotals:
    roles: int
    filled: int
    vacant: int
    wte: Decimal
    days_per_week: Decimal
    annual_cost: Decimal


def roles_queryset(filters: dict, today: date | None = None):
    today = today or timezone.localdate()
    roles = LeadershipRole.objects.all()
    if filters.get("ended") != "include":
        roles = roles.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    if filters.get("spatial_level"):
        roles = roles.filter(spatial_level=filters["spatial_level"])
    if filters.get("function"):
        roles = roles.filter(function=filters["function"])
    if filters.get("status") == "filled":
        roles = roles.filter(holder__isnull=False)
    elif filters.get("status") == "vacant":
        roles = roles.filter(holder__isnull=True)
    return roles


def roles_page(filters: dict, page_number, per_page: int = 50, today: date | None = None):
    """One page of roles with the totals of every role the filters select (totals summed in the
    database). Three queries: the totals, the page count and the page."""
    roles = roles_queryset(filters, today)
    totals = roles.aggregate(
        roles=Count("pk"), filled=Count("pk", filter=Q(holder__isnull=False)),
        wte=Coalesce(Sum("wte"), Decimal("0")), annual_cost=Coalesce(Sum("annual_cost"), Decimal("0")),
    )
    page = Paginator(
        roles.select_related(*ROLE_RELATED).order_by("function__number", "spatial_level", "title", "pk"), per_page
    ).get_page(page_number)
    return page, RoleTotals(
        roles=totals["roles"], filled=totals["filled"], vacant=totals["roles"] - totals["filled"],
        wte=totals["wte"], days_per_week=totals["wte"] * DAYS_PER_WTE, annual_cost=totals["annual_cost"],
    )


# --- C&CPLG meetings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunctionItems:
    function: object
    items: list


@dataclass(frozen=True)
class MeetingView:
    meeting: object
    by_function: list[FunctionItems]  # only the functions with items, in the functions' order
    agenda_minutes: int
    update_only: int
    carried_actions: list  # open actions from earlier meetings, carried to this agenda
    actions: list  # actions agreed at this meeting
    attendees: list


def meetings_list(today: date | None = None) -> tuple[list, list]:
    """Upcoming meetings (soonest first) and past ones (latest first), with their item counts."""
    now = timezone.now()
    meetings = Meeting.objects.annotate(item_count=Count("items"))
    return list(meetings.filter(starts_at__gte=now).order_by("starts_at")), list(
        meetings.filter(starts_at__lt=now).order_by("-starts_at")[:20]
    )


def meeting_view(meeting) -> MeetingView:
    """A meeting's agenda by the 10 functions, the open actions carried to it from earlier meetings,
    its own actions and attendance (five queries)."""
    items = list(meeting.items.select_related("function").order_by("function__number", "pk"))
    grouped: dict[int, FunctionItems] = {}
    for item in items:
        grouped.setdefault(item.function_id, FunctionItems(item.function, [])).items.append(item)
    carried = list(
        Action.objects.filter(completed_at__isnull=True, meeting__starts_at__lt=meeting.starts_at)
        .select_related("owner", "meeting").order_by("due_date", "pk")
    )
    actions = list(meeting.actions.select_related("owner", "item").order_by("due_date", "pk"))
    attendees = [a.person for a in meeting.attendance.select_related("person").order_by("person__last_name")]
    return MeetingView(
        meeting=meeting, by_function=list(grouped.values()), agenda_minutes=sum(i.minutes for i in items),
        update_only=sum(1 for i in items if i.is_update_only), carried_actions=carried, actions=actions,
        attendees=attendees,
    )


def current_seat_holders():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(ccplg_seats__isnull=False).distinct().order_by("last_name", "first_name")


# --- The NHSEI Design Framework self-assessment -----------------------------------------------------


def framework_points(as_of: datetime | None = None) -> list:
    """The nine points with their owners: as they stand now (one query), or as they were recorded at
    ``as_of`` (two queries: the points, and their history). A point with no history by then had not been
    assessed yet: the points are loaded unassessed, and every assessment since is recorded."""
    points = list(FrameworkPoint.objects.select_related("owner"))
    if as_of is None:
        return points
    from governance.dashboard import as_recorded

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
    return _display(record, name)


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


# --- The Academy's spend by programme ---------------------------------------------------------------


def spend_page(page_number, per_page: int = 50) -> Page:
    """Recorded spend, newest quarter first, with the programme (two queries: the count and the page)."""
    return Paginator(ProgrammeSpend.objects.select_related("programme"), per_page).get_page(page_number)
