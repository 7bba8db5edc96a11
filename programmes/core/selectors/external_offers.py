"""Reads of the register of other leadership development offers across south east London (training hubs,
professional bodies, universities, organisations' own programmes, networks): searched with PostgreSQL
full-text search as the leaders directory is, and paged; a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchRank
from django.core.paginator import Page, Paginator
from django.db.models import F, QuerySet
from django.http import Http404

from academy.directory.selectors import search_query
from programmes.core.models import ExternalOffer, ProviderKind

OFFERS_PAGE_SIZE = 25


@dataclass(frozen=True)
class OfferFilters:
    text: str = ""
    kind: str = ""
    function: int | None = None
    borough: int | None = None
    include_inactive: bool = False  # programme admins see the offers that are no longer listed


def filtered_offers(filters: OfferFilters) -> QuerySet[ExternalOffer]:
    offers = ExternalOffer.objects.prefetch_related("priority_functions", "boroughs", "leader_groups", "professions")
    if not filters.include_inactive:
        offers = offers.filter(active=True)
    if filters.kind in ProviderKind.values:
        offers = offers.filter(provider_kind=filters.kind)
    if filters.function:
        offers = offers.filter(priority_functions=filters.function)
    if filters.borough:
        offers = offers.filter(boroughs=filters.borough)
    if filters.function or filters.borough:
        offers = offers.distinct()
    query = search_query(filters.text)
    if query is not None:
        return offers.filter(search_vector=query).annotate(rank=SearchRank(F("search_vector"), query)).order_by(
            "-rank", "name", "pk"
        )
    return offers.order_by("name", "pk")


def external_offers_page(filters: OfferFilters, page_number) -> Page:
    """One page of the register (a count, the page and four prefetches: six queries)."""
    return Paginator(filtered_offers(filters), OFFERS_PAGE_SIZE).get_page(page_number)


def external_offer(pk: int) -> ExternalOffer:
    offer = ExternalOffer.objects.prefetch_related(
        "priority_functions", "boroughs", "leader_groups", "professions"
    ).filter(pk=pk).first()
    if offer is None:
        raise Http404("No offer in the register has this number.")
    return offer
