"""Reads for the public catalogue: programmes and cohorts open now."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from academy.directory.models import LeaderGroup, PriorityFunction
from programmes.core.catalogue import OFFER_HOMES, OFFER_SOURCES, OpenOffer
from programmes.core.models import (
    Cohort,
    Programme,
    Session,
)

# --- the catalogue ----------------------------------------------------------------------------------


def open_cohorts_q(now=None) -> Q:
    """Published cohorts taking applications or bookings now."""
    now = now or timezone.now()
    return (
        Q(published=True, ends_on__gte=timezone.localdate(now))
        & (Q(applications_open__isnull=True) | Q(applications_open__lte=now))
        & (Q(applications_close__isnull=True) | Q(applications_close__gt=now))
    )


@dataclass
class CatalogueEntry:
    programme: Programme
    cohorts: list[Cohort] = field(default_factory=list)
    offers: list[OpenOffer] = field(default_factory=list)  # open offers that are not cohorts (catalogue.py)

    @property
    def url(self) -> str:
        """The programme's page; a programme with only other offers (a fund) has its own home page."""
        if not self.cohorts and self.programme.slug in OFFER_HOMES:
            return reverse(OFFER_HOMES[self.programme.slug])
        return reverse("programmes:programme", args=[self.programme.slug])

    @property
    def target_groups(self) -> list[LeaderGroup]:
        """Who it is for: the programme's groups and those of its open cohorts, so that a card found by a
        group's filter (which matches a cohort's groups) always names that group."""
        groups = {group.pk: group for group in self.programme.target_groups.all()}
        for cohort in self.cohorts:
            groups.update((group.pk, group) for group in cohort.target_groups.all())
        return sorted(groups.values(), key=lambda group: (group.position, group.name))

    @property
    def formats(self) -> list[str]:
        return sorted({c.get_delivery_format_display() for c in self.cohorts})

    @property
    def next_cohort(self) -> Cohort:
        return min(self.cohorts, key=lambda c: (c.starts_on, c.pk))

    @property
    def time_commitments(self) -> list[str]:
        seen: list[str] = []
        for cohort in sorted(self.cohorts, key=lambda c: (c.starts_on, c.pk)):
            if cohort.time_commitment not in seen:
                seen.append(cohort.time_commitment)
        return seen


def catalogue(
    *, leader_group=None, delivery_format: str = "", priority_function=None, now=None
) -> list[CatalogueEntry]:
    """Programmes with something open now, each with its open cohorts, filtered. Three queries, whatever
    the number of programmes, cohorts or applications."""
    cohorts = Cohort.objects.filter(open_cohorts_q(now)).select_related("programme")
    if leader_group is not None:
        cohorts = cohorts.filter(target_groups=leader_group)
    if delivery_format:
        cohorts = cohorts.filter(delivery_format=delivery_format)
    if priority_function is not None:
        cohorts = cohorts.filter(priority_functions=priority_function)
    entries: dict[int, CatalogueEntry] = {}
    for cohort in cohorts.order_by("programme__position", "starts_on", "pk").distinct():
        entries.setdefault(cohort.programme_id, CatalogueEntry(cohort.programme)).cohorts.append(cohort)
    if not delivery_format:  # offers that are not cohorts have no format: a format filter leaves them out
        _add_open_offers(entries, leader_group, timezone.now() if now is None else now)
    ordered = sorted(entries.values(), key=lambda entry: (entry.programme.position, entry.programme.name))
    programmes = [entry.programme for entry in ordered]
    groups = Prefetch("target_groups", queryset=LeaderGroup.objects.order_by("position"))
    prefetch_related_objects(programmes, groups)
    prefetch_related_objects([cohort for entry in ordered for cohort in entry.cohorts], groups)
    return ordered


def _add_open_offers(entries: dict[int, CatalogueEntry], leader_group, now) -> None:
    """Programmes whose open offers are not cohorts (a Challenge Fund round): one query for their programmes,
    then one for each registered source, whatever the data."""
    if not OFFER_SOURCES:
        return
    programmes = Programme.objects.filter(slug__in=OFFER_SOURCES)
    if leader_group is not None:
        programmes = programmes.filter(target_groups=leader_group)
    for programme in programmes:
        offers = OFFER_SOURCES[programme.slug](now)
        if offers:
            entries.setdefault(programme.pk, CatalogueEntry(programme)).offers.extend(offers)


def programme_open_offers(programme: Programme, now=None) -> list[OpenOffer]:
    """A programme's open offers that are not cohorts (a Challenge Fund round), each with its page: one
    query for a programme with a registered source, none for the others."""
    source = OFFER_SOURCES.get(programme.slug)
    return source(timezone.now() if now is None else now) if source else []


def programme_cohorts(programme: Programme, now=None) -> list[Cohort]:
    """A programme's published cohorts that have not finished, open ones first (one query)."""
    today = timezone.localdate(now)
    return list(
        Cohort.objects.filter(programme=programme, published=True, ends_on__gte=today)
        .select_related("programme")
        .order_by("offer_type", "starts_on", "pk")
    )


def cohort_for_page(user, pk: int) -> Cohort:
    """A published cohort (unpublished ones only for the programme's admins), with its sessions, groups
    and functions (four queries)."""
    cohort = (
        Cohort.objects.filter(pk=pk)
        .select_related("programme")
        .prefetch_related(
            Prefetch("sessions", queryset=Session.objects.order_by("starts_at")),
            Prefetch("target_groups", queryset=LeaderGroup.objects.order_by("position")),
            Prefetch("priority_functions", queryset=PriorityFunction.objects.order_by("number")),
        )
        .first()
    )
    if cohort is None or not (cohort.published or user.has_perm("programmes.manage_cohort", cohort)):
        raise Http404("No such cohort")
    return cohort




def all_programmes() -> QuerySet[Programme]:
    """Every programme in the catalogue's order, for upper layers (spend records, dashboards)."""
    return Programme.objects.order_by("position", "name")


# --- read by the API (api/) ---------------------------------------------------------------------------


def programmes_with_groups() -> QuerySet[Programme]:
    """Every programme in the catalogue's order with its target groups (two queries)."""
    groups = Prefetch("target_groups", queryset=LeaderGroup.objects.order_by("position"))
    return Programme.objects.order_by("position", "name").prefetch_related(groups)


def open_cohorts(
    *, programme_slug: str = "", delivery_format: str = "", priority_function: int | None = None, now=None
) -> QuerySet[Cohort]:
    """Published cohorts taking applications or bookings now, filtered, in the catalogue's order, with
    their programme, groups and functions (three queries whatever the number)."""
    cohorts = Cohort.objects.filter(open_cohorts_q(now))
    if programme_slug:
        cohorts = cohorts.filter(programme__slug=programme_slug)
    if delivery_format:
        cohorts = cohorts.filter(delivery_format=delivery_format)
    if priority_function is not None:
        cohorts = cohorts.filter(priority_functions__number=priority_function)
    return (
        cohorts.select_related("programme")
        .prefetch_related(
            Prefetch("target_groups", queryset=LeaderGroup.objects.order_by("position")),
            Prefetch("priority_functions", queryset=PriorityFunction.objects.order_by("number")),
        )
        .order_by("programme__position", "starts_on", "pk")
        .distinct()
    )
