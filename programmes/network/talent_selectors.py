"""Reads of the talent pool. Governance reads the pool only through this module: entries whose member
consented to the secretariat seeing them (``consenting_entries``) and members who asked for vacancy
alerts (``alert_recipients``). Both also require a current membership of the network and an active
account, so withdrawing a consent, withdrawing the entry or leaving the network hides it at once.

A *target* is one opening the reader asks about (a C&CPLG seat or a leadership role): the level it is at
(one of :class:`Aspiration`'s values), its priority function, its place and the date it opens. An entry
fits a target when the member aspires to that level, chose its function, chose its place (a borough's
role fits a member who chose that borough or ICS-wide; an ICS-wide role fits a member who chose
ICS-wide; a seat has no place) and will be ready by the date it opens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet

from programmes.network.models import Aspiration, Membership, MembershipState, Readiness, TalentEntry

ICS_WIDE = "ics_wide"  # a target's place when it is not in one borough


@dataclass(frozen=True)
class Target:
    level: str  # an Aspiration value
    function_id: int | None  # None: any (a C&CPLG seat has no function)
    place: int | str | None  # a borough's id, ICS_WIDE, or None (a seat: anywhere)
    opens_on: date  # the member must be ready by then


def own_entry(person) -> TalentEntry | None:
    if not person.is_authenticated:
        return None
    return (
        TalentEntry.objects.filter(person=person)
        .prefetch_related("functions", "boroughs")
        .first()
    )


def _current_member():
    return Exists(Membership.objects.filter(person_id=OuterRef("person_id"), state=MembershipState.ACCEPTED))


def _has_function(function_id: int):
    through = TalentEntry.functions.through
    return Exists(through.objects.filter(talententry_id=OuterRef("pk"), priorityfunction_id=function_id))


def _in_place(place) -> Q:
    if place is None:
        return Q()
    if place == ICS_WIDE:
        return Q(ics_wide=True)
    through = TalentEntry.boroughs.through
    return Q(ics_wide=True) | Q(Exists(through.objects.filter(talententry_id=OuterRef("pk"), borough_id=place)))


def _fits(target: Target) -> Q:
    q = Q(aspirations__contains=[target.level], ready_by__lte=target.opens_on) & _in_place(target.place)
    if target.function_id is not None:
        q &= Q(_has_function(target.function_id))
    return q


def consenting_entries(
    *,
    targets: list[Target] | None = None,
    aspiration: str = "",
    function_id: int | None = None,
    borough_id: int | None = None,
    readiness: str = "",
) -> QuerySet[TalentEntry]:
    """Entries the governance secretariat may see, soonest ready first. ``targets`` (when given, even
    empty) keeps only entries that fit at least one of them. Paginate the result: a page is the count,
    the page and two prefetches (functions, boroughs), whatever its size."""
    entries = TalentEntry.objects.filter(
        _current_member(), secretariat_consent=True, person__is_active=True
    )
    if aspiration in Aspiration.values:
        entries = entries.filter(aspirations__contains=[aspiration])
    if readiness in Readiness.values:
        entries = entries.filter(readiness=readiness)
    if function_id is not None:
        entries = entries.filter(_has_function(function_id))
    if borough_id is not None:
        entries = entries.filter(_in_place(borough_id))
    if targets is not None:
        fits = Q(pk__in=[])
        for target in targets:
            fits |= _fits(target)
        entries = entries.filter(fits)
    return (
        entries.select_related("person__profile__profession", "person__profile__organisation")
        .prefetch_related("functions", "boroughs")
        .order_by("ready_by", "person__last_name", "person__first_name", "pk")
    )


def fits(entry: TalentEntry, target: Target) -> bool:
    """:func:`consenting_entries`' rule for one entry already read with its prefetches (no query)."""
    if target.level not in entry.aspirations or entry.ready_by > target.opens_on:
        return False
    if target.function_id is not None and target.function_id not in {f.pk for f in entry.functions.all()}:
        return False
    if target.place is None or entry.ics_wide:
        return True
    if target.place == ICS_WIDE:
        return False
    return target.place in {b.pk for b in entry.boroughs.all()}


def alert_recipients(*, function_id: int, place) -> list:
    """People who asked for vacancy alerts and whose functions and place match a vacancy for a role in
    ``function_id`` at ``place`` (a borough's id or ICS_WIDE). One query."""
    entries = (
        TalentEntry.objects.filter(_current_member(), _has_function(function_id), _in_place(place),
                                   alerts_consent=True, person__is_active=True)
        .select_related("person")
        .order_by("pk")
    )
    return [entry.person for entry in entries]


# The choices, for upper layers' filters (they do not import this app's models).
ASPIRATION_CHOICES = list(Aspiration.choices)
READINESS_CHOICES = list(Readiness.choices)
