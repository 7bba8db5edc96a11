"""Reads for the governance secretariat's talent pool page: the openings (C&CPLG seats and leadership roles
that are vacant, or whose terms end within the next N months) and the network members who consented to
the secretariat seeing their talent pool entry and fit one of them.

The pool itself is the managed network's: it is read only through ``programmes.network.talent_selectors``,
which returns consenting entries only. An opening is turned into that module's ``Target``: the level it
is at (a C&CPLG seat, or a role's spatial level, or a clinical network), its priority function, its place
(a Local Care Partnership's borough, else ICS-wide; a seat has none) and the date it opens (the end of the
term, or today when it is vacant). A page is a fixed number of queries: the seats, the roles, the count, the
page and the entries' functions and places."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone

from academy.directory.models import SpatialLevel
from governance.models import LeadershipRole, Seat
from programmes.network import talent_selectors
from programmes.network.talent_selectors import ICS_WIDE, Target

PAGE_SIZE = 25
WINDOWS = (3, 6, 12, 24)
DEFAULT_MONTHS = 12
EVERYONE = "everyone"  # the opening filter's value for every consenting entry, fitting an opening or not
LEVEL_CCPLG, LEVEL_NETWORK = "ccplg", "network"
LEVELS = {SpatialLevel.ICS, SpatialLevel.COLLABORATIVE, SpatialLevel.LCP, LEVEL_CCPLG, LEVEL_NETWORK}


@dataclass(frozen=True)
class Opening:
    key: str
    title: str
    where: str
    function: str
    opens_on: date
    vacant: bool
    target: Target


def role_target(role: LeadershipRole, opens_on: date) -> Target:
    """A leadership role as the talent pool sees it: its level, function and place."""
    level = LEVEL_NETWORK if role.clinical_network_id else role.spatial_level
    place = role.borough_id if role.spatial_level == SpatialLevel.LCP and role.borough_id else ICS_WIDE
    return Target(level=level, function_id=role.function_id, place=place, opens_on=opens_on)


def openings(months: int = DEFAULT_MONTHS, today: date | None = None) -> list[Opening]:
    """Vacant seats and roles, and held ones whose term ends within ``months``: soonest first. Two queries.
    Roles at an organisation (the 5th space) are not talent pool roles and are left out."""
    today = today or timezone.localdate()
    horizon = today + relativedelta(months=months)
    seats = Seat.objects.filter(
        Q(holder__isnull=True) | Q(term_ends__gte=today, term_ends__lte=horizon)
    ).select_related("capability")
    roles = (
        LeadershipRole.objects.filter(start_date__lte=horizon)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .filter(Q(holder__isnull=True) | Q(end_date__lte=horizon))
        .exclude(spatial_level=SpatialLevel.ORGANISATION, clinical_network__isnull=True)
        .select_related("function", "borough", "collaborative", "organisation", "clinical_network")
    )
    found = []
    for seat in seats:
        opens_on = today if seat.holder_id is None else seat.term_ends
        found.append(Opening(
            key=f"seat:{seat.pk}", title=seat.title, where="C&CP Leadership Group", function=seat.capability.name,
            opens_on=opens_on, vacant=seat.holder_id is None,
            target=Target(level=LEVEL_CCPLG, function_id=None, place=None, opens_on=opens_on),
        ))
    for role in roles:
        vacant = role.holder_id is None
        opens_on = max(today, role.start_date) if vacant else role.end_date
        target = role_target(role, opens_on)
        if target.level not in LEVELS:
            continue
        where = role.clinical_network.name if role.clinical_network_id else role.body
        found.append(Opening(
            key=f"role:{role.pk}", title=role.title, where=where, function=role.function.name,
            opens_on=opens_on, vacant=vacant, target=target,
        ))
    return sorted(found, key=lambda o: (o.opens_on, o.title, o.key))


@dataclass(frozen=True)
class TalentFilters:
    months: int = DEFAULT_MONTHS
    opening: str = ""  # "" any opening, EVERYONE, or one opening's key
    aspiration: str = ""
    function_id: int | None = None
    borough_id: int | None = None
    readiness: str = ""

    @property
    def active(self) -> bool:
        return self != TalentFilters()


def talent_page(filters: TalentFilters, found: list[Opening], page_number) -> Page:
    """One page of consenting entries that fit the chosen opening (or any of ``found``)."""
    if filters.opening == EVERYONE:
        targets = None
    elif filters.opening:
        targets = [o.target for o in found if o.key == filters.opening]
    else:
        targets = [o.target for o in found]
    entries = talent_selectors.consenting_entries(
        targets=targets, aspiration=filters.aspiration, function_id=filters.function_id,
        borough_id=filters.borough_id, readiness=filters.readiness,
    )
    return Paginator(entries, PAGE_SIZE).get_page(page_number)


def fitting(entry, found: list[Opening]) -> list[Opening]:
    """The openings ``entry`` fits (no query: the entry's functions and places are prefetched)."""
    return [o for o in found if talent_selectors.fits(entry, o.target)]
