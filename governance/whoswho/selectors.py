"""Reads for the who's who of C&CP leadership: the people who hold leadership roles and C&CPLG seats today.

The who's who reads roles and seats as one list (a UNION of two value queries), so a page is two queries
whatever the number of roles: the count and the page. Each query selects only the columns named in
``ENTRY_COLUMNS`` or ``PUBLIC_COLUMNS``: never a role's WTE, pay, cost or funding, and nothing from equality
monitoring. ``tests/governance/test_whoswho.py`` holds the selectors to that.

Only current holders are listed: a role that has started and not ended, a seat whose term of office runs today,
and an active account. What a holder publishes (a contact address, their name on the public page) is their own
choice, kept in :class:`governance.models.WhosWhoEntry`; without one, nothing is published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.core.paginator import Page, Paginator
from django.db.models import Case, CharField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone

from academy.directory.models import Organisation, Profession, SpatialLevel
from governance.models import LeadershipRole, Seat, WhosWhoEntry

PAGE_SIZE = 20
MAX_SEARCH_WORDS = 8
SEATS_SORT = 99  # seats have no priority function: they come after the ten functions' roles

# Every column the signed-in who's who reads, in the order the two halves of the UNION select them.
ENTRY_COLUMNS = (
    "kind",
    "entry_id",
    "entry_title",
    "sort_function",
    "function_number",
    "function_name",
    "level",
    "body_name",
    "network",
    "capability_name",
    "first_name",
    "last_name",
    "profession",
    "organisation_name",
    "directory_profile",
    "contact_email",
)
# The public page's columns: the role, and a name only where its holder agreed.
PUBLIC_COLUMNS = (
    "kind",
    "entry_id",
    "entry_title",
    "sort_function",
    "function_number",
    "function_name",
    "level",
    "body_name",
    "network",
    "capability_name",
    "public_name",
)
ORDER = ("sort_function", "entry_title", "kind", "entry_id")

# The "where" filter: a spatial level, or one body at that level ("collaborative:acute", "lcp:bexley",
# "network:12"). The clinical networks are where a role serves a network (recorded on the role).
LEVEL_ICS, LEVEL_COLLABORATIVE, LEVEL_LCP, LEVEL_NETWORK, LEVEL_CCPLG, LEVEL_ORGANISATION = (
    "ics",
    "collaborative",
    "lcp",
    "network",
    "ccplg",
    "organisation",
)


@dataclass(frozen=True)
class WhosWhoFilters:
    q: str = ""
    function: object | None = None  # a PriorityFunction
    where: str = ""
    profession: Profession | None = None
    organisation: Organisation | str | None = None  # an organisation, or part of a name

    @property
    def active(self) -> bool:
        return bool(self.q or self.function or self.where or self.profession or self.organisation)


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text or "")[:MAX_SEARCH_WORDS]


def _current_roles(today: date) -> QuerySet[LeadershipRole]:
    started = LeadershipRole.objects.filter(start_date__lte=today)
    return started.filter(Q(end_date__isnull=True) | Q(end_date__gte=today))


def _held_seat(today: date) -> Q:
    return Q(holder__isnull=False, holder__is_active=True, term_starts__lte=today, term_ends__gte=today)


def _where_filters(where: str) -> tuple[Q | None, bool]:
    """(the roles' condition, whether seats are included) for the "where" filter."""
    level, _, body = where.partition(":")
    if not level:
        return Q(), True
    if level == LEVEL_ICS:
        return Q(spatial_level=SpatialLevel.ICS), False
    if level == LEVEL_COLLABORATIVE:
        return Q(spatial_level=SpatialLevel.COLLABORATIVE, **({"collaborative__slug": body} if body else {})), False
    if level == LEVEL_LCP:
        return Q(spatial_level=SpatialLevel.LCP, **({"borough__slug": body} if body else {})), False
    if level == LEVEL_NETWORK:
        if body:
            return Q(clinical_network_id=int(body)) if body.isdigit() else None, False
        return Q(clinical_network__isnull=False), False
    if level == LEVEL_CCPLG:
        return Q(spatial_level=SpatialLevel.CCPLG), True
    if level == LEVEL_ORGANISATION:
        return Q(spatial_level=SpatialLevel.ORGANISATION), False
    return None, False


def _role_columns(roles: QuerySet[LeadershipRole]) -> QuerySet[LeadershipRole]:
    """The columns every who's who reads from a role: what it is and what it leads, never what it pays."""
    return roles.annotate(
        kind=Value("role", output_field=CharField()),
        entry_id=F("pk"),
        entry_title=F("title"),
        sort_function=F("function__number"),
        function_number=F("function__number"),
        function_name=F("function__name"),
        level=F("spatial_level"),
        body_name=Case(
            When(spatial_level=SpatialLevel.COLLABORATIVE, then=F("collaborative__name")),
            When(spatial_level=SpatialLevel.LCP, then=F("borough__lcp_name")),
            When(spatial_level=SpatialLevel.ORGANISATION, then=F("organisation__name")),
            default=Value(""),
            output_field=CharField(),
        ),
        network=Coalesce(F("clinical_network__name"), Value(""), output_field=CharField()),
        capability_name=Value("", output_field=CharField()),
    )


def _seat_columns(seats: QuerySet[Seat]) -> QuerySet[Seat]:
    return seats.annotate(
        kind=Value("seat", output_field=CharField()),
        entry_id=F("pk"),
        entry_title=F("title"),
        sort_function=Value(SEATS_SORT, output_field=IntegerField()),
        function_number=Value(None, output_field=IntegerField()),
        function_name=Value("", output_field=CharField()),
        level=Value(SpatialLevel.CCPLG.value, output_field=CharField()),
        body_name=Value("", output_field=CharField()),
        network=Value("", output_field=CharField()),
        capability_name=F("capability__name"),
    )


def _holder_columns(rows: QuerySet) -> QuerySet:
    """The holder's name, profession and organisation (from their leader profile), the directory page when they
    chose to be listed there, and the contact address they chose to publish."""
    return rows.annotate(
        first_name=F("holder__first_name"),
        last_name=F("holder__last_name"),
        profession=Coalesce(F("holder__profile__profession__name"), Value(""), output_field=CharField()),
        directory_profile=Case(
            When(holder__profile__listed_in_directory=True, then=F("holder__profile__id")),
            default=Value(None),
            output_field=IntegerField(),
        ),
        contact_email=Coalesce(F("holder__whoswho_entry__contact_email"), Value(""), output_field=CharField()),
    )


def _matches_words(words: list[str], fields: tuple[str, ...]) -> Q:
    """Every word must be in one of ``fields`` (any case)."""
    condition = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    return condition


def _union(roles: QuerySet, seats: QuerySet, columns: tuple[str, ...]) -> QuerySet:
    """Roles and seats as one list of ``columns``. Each half drops its model's default ordering (PostgreSQL allows
    one ORDER BY, on the whole UNION)."""
    return roles.order_by().values(*columns).union(seats.order_by().values(*columns), all=True).order_by(*ORDER)


def search_whoswho(filters: WhosWhoFilters, today: date | None = None) -> QuerySet:
    """The current holders of leadership roles and C&CPLG seats the filters select, as dicts of
    ``ENTRY_COLUMNS``, ordered by priority function (the C&CPLG's seats last), then role title."""
    today = today or timezone.localdate()
    role_where, with_seats = _where_filters(filters.where)
    roles = _current_roles(today).filter(holder__isnull=False, holder__is_active=True)
    seats = Seat.objects.filter(_held_seat(today))
    roles = roles.none() if role_where is None else roles.filter(role_where)
    if not with_seats or filters.function:
        seats = seats.none()
    if filters.function:
        roles = roles.filter(function=filters.function)
    if filters.profession:
        roles = roles.filter(holder__profile__profession=filters.profession)
        seats = seats.filter(holder__profile__profession=filters.profession)
    if isinstance(filters.organisation, str):
        roles = roles.filter(
            Q(holder__profile__organisation__name__icontains=filters.organisation)
            | Q(organisation__name__icontains=filters.organisation)
        )
        seats = seats.filter(holder__profile__organisation__name__icontains=filters.organisation)
    elif filters.organisation:
        roles = roles.filter(
            Q(holder__profile__organisation=filters.organisation) | Q(organisation=filters.organisation)
        )
        seats = seats.filter(holder__profile__organisation=filters.organisation)
    words = _words(filters.q)
    if filters.q and not words:
        roles, seats = roles.none(), seats.none()
    elif words:
        names = ("holder__first_name", "holder__last_name", "title")
        roles = roles.filter(_matches_words(words, (*names, "clinical_network__name")))
        seats = seats.filter(_matches_words(words, names))
    roles = _holder_columns(_role_columns(roles)).annotate(
        organisation_name=Coalesce(
            F("holder__profile__organisation__name"), F("organisation__name"), Value(""), output_field=CharField()
        ),
    )
    seats = _holder_columns(_seat_columns(seats)).annotate(
        organisation_name=Coalesce(F("holder__profile__organisation__name"), Value(""), output_field=CharField()),
    )
    return _union(roles, seats, ENTRY_COLUMNS)


def whoswho_page(filters: WhosWhoFilters, page_number, per_page: int = PAGE_SIZE, today: date | None = None) -> Page:
    """One page of the who's who: two queries (the count and the page)."""
    return Paginator(search_whoswho(filters, today), per_page).get_page(page_number)


def search_public(filters: WhosWhoFilters, today: date | None = None) -> QuerySet:
    """The public who's who: every current role and every C&CPLG seat, with its holder's name only where the
    holder agreed (and holds it today, with an active account). Vacant roles are listed too. Filters by priority
    function, where, and text; a name matches only where it is published, so a search can never reveal who holds
    a role without their consent."""
    today = today or timezone.localdate()
    role_where, with_seats = _where_filters(filters.where)
    roles = _current_roles(today)
    seats = Seat.objects.all()
    roles = roles.none() if role_where is None else roles.filter(role_where)
    if not with_seats or filters.function:
        seats = seats.none()
    if filters.function:
        roles = roles.filter(function=filters.function)
    role_published = Q(holder__is_active=True, holder__whoswho_entry__public_consent=True)
    seat_published = _held_seat(today) & Q(holder__whoswho_entry__public_consent=True)
    words = _words(filters.q)
    if filters.q and not words:
        roles, seats = roles.none(), seats.none()
    for word in words:
        names = Q(holder__first_name__icontains=word) | Q(holder__last_name__icontains=word)
        roles = roles.filter(
            Q(title__icontains=word) | Q(clinical_network__name__icontains=word) | (role_published & names)
        )
        seats = seats.filter(Q(title__icontains=word) | (seat_published & names))

    def public_name(published: Q):
        return Case(
            When(published, then=Concat(F("holder__first_name"), Value(" "), F("holder__last_name"))),
            default=Value(""),
            output_field=CharField(),
        )

    roles = _role_columns(roles).annotate(public_name=public_name(role_published))
    seats = _seat_columns(seats).annotate(public_name=public_name(seat_published))
    return _union(roles, seats, PUBLIC_COLUMNS)


def public_page(filters: WhosWhoFilters, page_number, per_page: int = PAGE_SIZE, today: date | None = None) -> Page:
    """One page of the public who's who: two queries."""
    return Paginator(search_public(filters, today), per_page).get_page(page_number)


@dataclass(frozen=True)
class HeldPost:
    title: str
    kind: str


def own_entry(user) -> WhosWhoEntry | None:
    return WhosWhoEntry.objects.filter(user=user).first()


def own_posts(user, today: date | None = None) -> list[HeldPost]:
    """The roles and seats ``user`` holds today, which their entry is shown beside (two queries)."""
    today = today or timezone.localdate()
    roles = _current_roles(today).filter(holder=user).order_by("title").values_list("title", flat=True)
    seats = Seat.objects.filter(_held_seat(today), holder=user).order_by("title").values_list("title", flat=True)
    return [HeldPost(title, "Leadership role") for title in roles] + [
        HeldPost(title, "C&CP Leadership Group seat") for title in seats
    ]
