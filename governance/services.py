"""Writes for governance. Each takes the acting person, checks their permission and the invariants,
and saves with history (the acting person is recorded as the history's author)."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.urls import Resolver404, resolve
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from academy.accounts.models import User
from academy.directory.models import SpatialLevel
from governance.models import (
    MAX_WTE,
    MIN_WTE,
    Action,
    AgendaItem,
    Attendance,
    FrameworkPoint,
    LeadershipRole,
    Meeting,
    ProgrammeSpend,
    Purpose,
    Rag,
    RoleType,
    Seat,
    SpatialLevelDefinition,
)
from governance.reference.kinds import ReferenceKind
from programmes.challenge_fund.services import PROGRAMME_SLUG as CHALLENGE_FUND_SLUG

log = logging.getLogger(__name__)

MAX_TERM = timedelta(days=5 * 366)


def _check(actor: User | None, perm: str, message: str) -> None:
    """``actor`` None is the system itself (demo data, migrations)."""
    if actor is not None and not actor.has_perm(perm):
        raise PermissionDenied(message)


def _save_with_history(obj, actor: User | None, reason: str) -> None:
    if actor is not None:
        obj._history_user = actor
    obj._change_reason = reason
    obj.save()


@transaction.atomic
def save_reference_item(actor: User | None, kind: ReferenceKind, instance, changes: dict):
    """Create (``instance`` None) or change one item of reference data with ``changes``
    ({field: value}, only the kind's editable fields). Raises ValidationError with field errors."""
    _check(actor, "governance.manage_reference", "Only the governance secretariat can change reference data.")
    unknown = set(changes) - set(kind.fields)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    creating = instance is None
    if creating:
        if not kind.can_add:
            raise ValidationError(f"New {kind.plural.lower()} cannot be added: the list is fixed.")
        instance = kind.model()
        if hasattr(instance, "position"):
            last = kind.model.objects.order_by("-position").values_list("position", flat=True).first()
            instance.position = (last or 0) + 1
    else:
        instance = kind.model.objects.select_for_update().get(pk=instance.pk)
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.full_clean()
    try:
        with transaction.atomic():
            _save_with_history(instance, actor, "added" if creating else "changed")
    except IntegrityError as exc:  # a colleague saved the same name a moment before
        raise ValidationError({kind.fields[0]: f"There is already one with this {kind.fields[0]}."}) from exc
    if isinstance(instance, RoleType) and not creating:
        reprice_roles(instance, actor)
    log.info("governance reference %s %s pk=%s by=%s", kind.slug, "added" if creating else "changed",
             instance.pk, getattr(actor, "pk", None))
    return instance


# --- The C&CPLG's seats ---------------------------------------------------------------------------


@transaction.atomic
def assign_seat(actor: User | None, seat: Seat, holder: User, term_starts: date, term_ends: date,
                today: date | None = None) -> Seat:
    """Give ``seat`` to ``holder`` for a term of office. The seat's earlier holder, if any, is kept in
    its history. A term must end after it starts, not already be over, and last at most five years."""
    _check(actor, "governance.manage_ccplg", "Only the governance secretariat can change C&CPLG seats.")
    today = today or timezone.localdate()
    errors = {}
    if not holder.is_active:
        errors["holder_email"] = "This account is deactivated. Choose someone with an active account."
    if term_ends <= term_starts:
        errors["term_ends"] = "The term must end after the date it starts."
    elif term_ends < today:
        errors["term_ends"] = "This term has already ended. Enter an end date today or later."
    elif term_ends - term_starts > MAX_TERM:
        errors["term_ends"] = "A term of office can be at most 5 years. Check the end date."
    if errors:
        raise ValidationError(errors)
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    changed = (seat.holder_id, seat.term_starts, seat.term_ends) != (holder.pk, term_starts, term_ends)
    if changed:
        reason = "term changed" if seat.holder_id == holder.pk else "holder appointed"
        seat.holder, seat.term_starts, seat.term_ends = holder, term_starts, term_ends
        _save_with_history(seat, actor, reason)
        log.info("ccplg seat pk=%s %s by=%s", seat.pk, reason, getattr(actor, "pk", None))
    return seat


@transaction.atomic
def vacate_seat(actor: User | None, seat: Seat) -> Seat:
    """Leave ``seat`` vacant (its holder stepped down or their term ended)."""
    _check(actor, "governance.manage_ccplg", "Only the governance secretariat can change C&CPLG seats.")
    seat = Seat.objects.select_for_update().get(pk=seat.pk)
    if seat.holder_id is None:
        raise ValidationError("This seat is already vacant.")
    seat.holder, seat.term_starts, seat.term_ends = None, None, None
    _save_with_history(seat, actor, "vacated")
    log.info("ccplg seat pk=%s vacated by=%s", seat.pk, getattr(actor, "pk", None))
    return seat


# --- Paid and protected leadership roles ----------------------------------------------------------

ROLE_FIELDS = (
    "title", "function", "spatial_level", "collaborative", "borough", "organisation", "clinical_network",
    "role_type", "pay_basis", "wte", "funding_source", "start_date", "end_date", "holder",
    "sessional_overtime_confirmed",
)
BODY_FOR_LEVEL = {
    SpatialLevel.COLLABORATIVE: ("collaborative", "Select the provider collaborative the role is in"),
    SpatialLevel.LCP: ("borough", "Select the borough whose Local Care Partnership the role is in"),
    SpatialLevel.ORGANISATION: ("organisation", "Select the organisation the role is in"),
}
PENNY = Decimal("0.01")


def price(wte: Decimal, role_type: RoleType) -> Decimal:
    return (wte * role_type.annual_rate_per_wte).quantize(PENNY, rounding=ROUND_HALF_UP)


def holder_wte_elsewhere(holder: User, start: date, end: date | None, exclude_pk: int | None = None) -> Decimal:
    """The holder's WTE in their other roles that overlap ``start``..``end`` (summed in the database)."""
    overlapping = LeadershipRole.objects.filter(holder=holder).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    if end is not None:
        overlapping = overlapping.filter(start_date__lte=end)
    if exclude_pk:
        overlapping = overlapping.exclude(pk=exclude_pk)
    return overlapping.aggregate(total=Sum("wte"))["total"] or Decimal("0")


@transaction.atomic
def save_role(actor: User | None, role: LeadershipRole | None, data: dict, structures=None) -> LeadershipRole:
    """Create (``role`` None) or change a leadership role. ``data`` holds ROLE_FIELDS; a ``wte`` of None
    takes the spatial level's default. The cost is the WTE times the rate card's rate for the role type.
    A holder's WTE across roles at the same time may not go over 1.0 unless confirmed as sessional
    overtime. Raises ValidationError with field errors; nothing is saved then."""
    _check(actor, "governance.manage_roles", "Only the governance secretariat can change leadership roles.")
    unknown = set(data) - set(ROLE_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    data = dict(data)
    level = data.get("spatial_level")
    for body_level, (field, _) in BODY_FOR_LEVEL.items():
        if level != body_level:
            data[field] = None  # a body only belongs to its own level
    errors = {}
    if level in BODY_FOR_LEVEL:
        field, message = BODY_FOR_LEVEL[level]
        if data.get(field) is None:
            errors[field] = message
    if data.get("wte") is None and level:
        definition = SpatialLevelDefinition.objects.filter(level=level).first()
        data["wte"] = definition.default_wte if definition else None
    wte = data.get("wte")
    if wte is None:
        errors["wte"] = "Enter the WTE, from 0.1 to 1.0"
    elif not MIN_WTE <= wte <= MAX_WTE:
        errors["wte"] = "The WTE must be from 0.1 to 1.0. 0.2 WTE is one day a week."
    start, end = data.get("start_date"), data.get("end_date")
    if start and end and end < start:
        errors["end_date"] = "The end date must be the same as or after the start date"
    holder = data.get("holder")
    if holder is not None:
        holder = User.objects.select_for_update().get(pk=holder.pk)  # one WTE check at a time per person
        if not holder.is_active:
            errors["holder"] = "This account is deactivated. Choose someone with an active account."
        elif wte is not None and start and "wte" not in errors:
            elsewhere = holder_wte_elsewhere(holder, start, end, getattr(role, "pk", None))
            if elsewhere + wte > MAX_WTE and not data.get("sessional_overtime_confirmed"):
                errors["wte"] = (
                    f"{holder} already has {elsewhere:.2f} WTE in other roles at the same time, so this role "
                    f"would bring them to {elsewhere + wte:.2f} WTE, over 1.0. Lower the WTE, or confirm "
                    "that the time over 1.0 is sessional overtime."
                )
    if errors:
        raise ValidationError(errors)
    creating = role is None
    role = LeadershipRole() if creating else LeadershipRole.objects.select_for_update().get(pk=role.pk)
    for field, value in data.items():
        setattr(role, field, value)
    role.annual_cost = price(role.wte, role.role_type)
    role.full_clean()
    _save_with_history(role, actor, "added" if creating else "changed")
    if structures is not None:
        role.structures.set(structures)
    log.info("leadership role pk=%s %s by=%s", role.pk, "added" if creating else "changed", getattr(actor, "pk", None))
    return role


def reprice_roles(role_type: RoleType, actor: User | None, today: date | None = None) -> int:
    """After a rate changes: re-price the roles of that type that have not ended, with history."""
    today = today or timezone.localdate()
    roles = list(
        LeadershipRole.objects.select_for_update().filter(role_type=role_type)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
    )
    changed = []
    for role in roles:
        cost = price(role.wte, role_type)
        if cost != role.annual_cost:
            role.annual_cost = cost
            role._change_reason = "rate card changed"
            changed.append(role)
    if changed:
        bulk_update_with_history(changed, LeadershipRole, ["annual_cost"], default_user=actor,
                                 default_change_reason="rate card changed")
    return len(changed)


# --- C&CPLG meetings, agendas and actions ---------------------------------------------------------


def _check_meetings(actor):
    _check(actor, "governance.manage_meetings", "Only the governance secretariat can change C&CPLG meetings.")


@transaction.atomic
def create_meeting(actor: User | None, starts_at, location: str, minutes: int = 120,
                   title: str = "C&CP Leadership Group") -> Meeting:
    _check_meetings(actor)
    if Meeting.objects.filter(starts_at=starts_at).exists():
        raise ValidationError({"starts_on": "There is already a meeting at this date and time."})
    meeting = Meeting(title=title, starts_at=starts_at, location=location, minutes=minutes)
    meeting.full_clean()
    try:
        with transaction.atomic():
            _save_with_history(meeting, actor, "added")
    except IntegrityError as exc:
        raise ValidationError({"starts_on": "There is already a meeting at this date and time."}) from exc
    return meeting


ITEM_FIELDS = ("function", "title", "purpose", "ask", "lead", "minutes", "paper_url", "outcome")


@transaction.atomic
def save_agenda_item(actor: User | None, meeting: Meeting, item: AgendaItem | None, data: dict) -> AgendaItem:
    """Add or change an agenda item. Every item but an update states the decision or action sought, and
    the agenda may not run longer than the meeting (never enough time is what the group avoids)."""
    _check_meetings(actor)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    errors = {}
    if data.get("purpose") != Purpose.UPDATE and not (data.get("ask") or "").strip():
        errors["ask"] = "Enter the decision or action the group is asked for. If there is none, choose 'Update only'."
    others = meeting.items.exclude(pk=getattr(item, "pk", None)).aggregate(total=Sum("minutes"))["total"] or 0
    if data.get("minutes") and others + data["minutes"] > meeting.minutes:
        errors["minutes"] = (
            f"The agenda would run to {others + data['minutes']} minutes, longer than the meeting's "
            f"{meeting.minutes}. Shorten this item or move one to the next meeting."
        )
    if errors:
        raise ValidationError(errors)
    creating = item is None
    item = AgendaItem(meeting=meeting) if creating else AgendaItem.objects.select_for_update().get(pk=item.pk)
    for field in ITEM_FIELDS:
        if field in data:
            setattr(item, field, data[field] if data[field] is not None else "")
    item.full_clean()
    _save_with_history(item, actor, "added" if creating else "changed")
    return item


@transaction.atomic
def record_attendance(actor: User | None, meeting: Meeting, people) -> int:
    """Set who attended ``meeting``. Returns how many did."""
    _check_meetings(actor)
    wanted = {person.pk for person in people}
    current = set(meeting.attendance.values_list("person_id", flat=True))
    for attendance in meeting.attendance.filter(person_id__in=current - wanted):
        attendance._history_user = actor
        attendance.delete()
    for person_id in wanted - current:
        _save_with_history(Attendance(meeting=meeting, person_id=person_id), actor, "attended")
    return len(wanted)


@transaction.atomic
def add_action(actor: User | None, meeting: Meeting, description: str, owner: User, due_date: date,
               item: AgendaItem | None = None) -> Action:
    _check_meetings(actor)
    errors = {}
    if not owner.is_active:
        errors["owner_email"] = "This account is deactivated. Choose someone with an active account."
    if due_date < timezone.localtime(meeting.starts_at).date():
        errors["due_date"] = "The action cannot be due before the meeting that agreed it. Enter a later date."
    if item is not None and item.meeting_id != meeting.pk:
        errors["item"] = "Choose an item from this meeting's agenda."
    if errors:
        raise ValidationError(errors)
    action = Action(meeting=meeting, item=item, description=description, owner=owner, due_date=due_date)
    action.full_clean()
    _save_with_history(action, actor, "added")
    return action


@transaction.atomic
def complete_action(actor: User | None, action: Action, note: str = "") -> Action:
    """Mark an action done. Its owner may do this as well as the secretariat."""
    if actor is not None and actor.pk != action.owner_id:
        _check_meetings(actor)
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.completed_at is not None:
        raise ValidationError("This action is already done.")
    action.completed_at, action.completion_note = timezone.now(), note
    _save_with_history(action, actor, "completed")
    return action


# --- The NHSEI Design Framework self-assessment -----------------------------------------------------

MAX_EVIDENCE_LINKS = 12


def portal_path_error(path: str) -> str | None:
    """Why ``path`` is not a page of this portal, or None when it is. Only paths inside the portal
    (like /governance/ccplg/) are accepted: no other website, and no path that leads nowhere."""
    parts = urlsplit(path)
    if parts.scheme or parts.netloc or not path.startswith("/"):
        return (f"{path} is not a page of this portal. Enter the part after the portal's address, like "
                "/governance/ccplg/")
    try:
        resolve(parts.path)
    except Resolver404:
        return f"{path} does not lead to a page of this portal. Check the address and try again"
    return None


def clean_evidence(evidence) -> list[dict]:
    """Evidence links as [{'title', 'path'}], checked. Raises ValidationError on the 'evidence' field."""
    cleaned, problems = [], []
    for link in evidence or []:
        title, path = (link.get("title") or "").strip(), (link.get("path") or "").strip()
        if not title:
            problems.append(f"Give the link to {path or 'the page'} a title")
        elif len(title) > 200:
            problems.append(f"The title '{title[:40]}...' must be 200 characters or fewer")
        elif not path:
            problems.append(f"Enter the portal address for '{title}'")
        elif error := portal_path_error(path):
            problems.append(error)
        else:
            cleaned.append({"title": title, "path": path})
    if len(evidence or []) > MAX_EVIDENCE_LINKS:
        problems.append(f"Link to {MAX_EVIDENCE_LINKS} pages at most: choose the strongest evidence")
    if problems:
        raise ValidationError({"evidence": problems})
    return cleaned


@transaction.atomic
def assess_framework_point(actor: User | None, point, *, rag: str, position: str, evidence, owner: User | None,
                           review_date: date | None, today: date | None = None):
    """Record the assessment of one NHSEI Design Framework point, with history (who changed the rating,
    when, from what to what). A rating needs the current position summarised; evidence links must lead
    to portal pages; a new review date cannot be in the past; the owner needs an active account.
    Raises ValidationError with field errors; nothing is saved then."""
    _check(actor, "governance.manage_framework",
           "Only the governance secretariat can change the Design Framework self-assessment.")
    today = today or timezone.localdate()
    point = FrameworkPoint.objects.select_for_update().get(pk=point.pk)
    position = (position or "").strip()
    errors = {}
    if rag not in Rag.values:
        errors["rag"] = "Select a RAG rating"
    elif rag != Rag.NOT_ASSESSED and not position:
        errors["position"] = "Summarise the current position that the rating is based on"
    try:
        evidence = clean_evidence(evidence)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if owner is not None and not owner.is_active:
        errors["owner_email"] = "This account is deactivated. Choose someone with an active account."
    if review_date is not None and review_date != point.review_date and review_date < today:
        errors["review_date"] = "The review date must be today or in the future"
    if errors:
        raise ValidationError(errors)
    before = point.get_rag_display()
    point.rag, point.position, point.evidence, point.owner, point.review_date = (
        rag, position, evidence, owner, review_date
    )
    point.full_clean()
    reason = f"rating changed from {before} to {point.get_rag_display()}" if before != point.get_rag_display() \
        else "assessment changed"
    _save_with_history(point, actor, reason)
    log.info("framework point %s assessed by=%s", point.number, getattr(actor, "pk", None))
    return point


# --- The Academy's spend by programme ---------------------------------------------------------------

SPEND_FIELDS = ("programme", "year", "quarter", "amount", "description")


@transaction.atomic
def record_spend(actor: User | None, spend, data: dict, today: date | None = None):
    """Record (``spend`` None) or correct what the Academy spent on a programme in a quarter, with
    history. The quarter cannot be in the future; the Challenge Fund's awards come from its bids, so they
    are not recorded here. Raises ValidationError with field errors; nothing is saved then."""
    _check(actor, "governance.manage_spend", "Only the governance secretariat can record the Academy's spend.")
    unknown = set(data) - set(SPEND_FIELDS)
    if unknown:
        raise ValidationError(f"These cannot be changed here: {', '.join(sorted(unknown))}.")
    today = today or timezone.localdate()
    errors = {}
    programme = data.get("programme")
    if programme is None:
        errors["programme"] = "Select the programme"
    elif programme.slug == CHALLENGE_FUND_SLUG:  # its spend is its awards
        errors["programme"] = ("The Challenge Fund's spend is its awards, which the dashboard takes from the bids. "
                               "Select another programme")
    year, quarter = data.get("year"), data.get("quarter")
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = "Select the quarter"
    elif year is None or (year, quarter) > (today.year, (today.month - 1) // 3 + 1):
        errors["quarter"] = "The quarter cannot be in the future. Record spend once it is made"
    amount = data.get("amount")
    if amount is None or amount <= 0:
        errors["amount"] = "Enter an amount more than £0"
    elif amount != amount.quantize(PENNY):
        errors["amount"] = "Enter pounds and pence at most, like 1250.50"
    if not (data.get("description") or "").strip():
        errors["description"] = "Describe what the money was spent on"
    if errors:
        raise ValidationError(errors)
    creating = spend is None
    spend = ProgrammeSpend() if creating else ProgrammeSpend.objects.select_for_update().get(pk=spend.pk)
    for field, value in data.items():
        setattr(spend, field, value.strip() if isinstance(value, str) else value)
    spend.full_clean()
    _save_with_history(spend, actor, "recorded" if creating else "corrected")
    log.info("programme spend pk=%s %s by=%s", spend.pk, "recorded" if creating else "corrected",
             getattr(actor, "pk", None))
    return spend
