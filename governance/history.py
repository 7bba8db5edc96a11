"""Reads of the history django-simple-history keeps for every governance change: a page of changes to
show, and the rows of a model as they were recorded at a moment (for past quarters)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from academy.ui.formats import nhs_date


@dataclass(frozen=True)
class HistoryEntry:
    record: object
    action: str  # Added, Changed, Removed
    changes: list[tuple[str, str]]  # (what, new value in words)


def field_display(record, field_name: str) -> str:
    field = record._meta.get_field(field_name)
    if field.is_relation:
        related = getattr(record, field_name, None)
        return str(related) if related is not None else "None"
    if field.choices:
        value = getattr(record, field_name)
        return str(dict(field.flatchoices).get(value, value)) if value not in (None, "") else "None"
    value = getattr(record, field_name)
    if isinstance(value, date):
        return nhs_date(value)
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
            changed = [name for name in tracked if field_display(record, name) != "None"]
        elif record.history_type == "-":
            action, changed = "Removed", []
        else:
            action = "Changed"
            changed = [
                name for name in tracked
                if before is None or field_display(record, name) != field_display(before, name)
            ]
        entries.append(HistoryEntry(
            record=record, action=action,
            changes=[(labels.get(name, name.replace("_", " ").capitalize()), field_display(record, name))
                     for name in changed],
        ))
    return page, entries


def as_recorded(model, moment: datetime):
    """Each row of ``model`` as it was recorded at ``moment``, from its history (django-simple-history):
    the latest version of each by then, leaving out rows deleted by then. Versions saved at the same
    moment go by their order. One query however long the history."""
    recorded = model.history.filter(history_date__lte=moment)
    later = recorded.filter(id=OuterRef("id")).filter(
        Q(history_date__gt=OuterRef("history_date"))
        | Q(history_date=OuterRef("history_date"), history_id__gt=OuterRef("history_id"))
    )
    return recorded.filter(~Exists(later)).exclude(history_type="-")
