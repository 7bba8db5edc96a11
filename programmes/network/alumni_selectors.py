"""Reads for the network's alumni: who is an alumnus (through programmes.core's selectors: everyone who
completed a cohort), the opt-in directory and the volunteers, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404

from academy.directory.models import PriorityFunction
from programmes.core import selectors as core
from programmes.network.models import (
    LIVE_VOLUNTEER_STATES,
    AlumniListing,
    MentorOffer,
    VolunteerOffer,
    VolunteerRole,
    VolunteerState,
)

DIRECTORY_PAGE_SIZE = 25
VOLUNTEERS_PAGE_SIZE = 50


def is_alumnus(user) -> bool:
    return core.is_alumnus(user)


def my_completions(user) -> list[tuple[str, str, int]]:
    """The programmes the person completed, with the year (one query)."""
    if not user.is_authenticated:
        return []
    return core.completions_by_person([user.pk]).get(user.pk, [])


def listing_of(user) -> AlumniListing | None:
    if not user.is_authenticated:
        return None
    return AlumniListing.objects.filter(person=user).prefetch_related("functions").first()


def programme_choices() -> list[tuple[str, str]]:
    return core.alumni_programmes()


@dataclass(frozen=True)
class DirectoryEntry:
    listing: AlumniListing
    completions: list[tuple[str, str, int]]

    @property
    def person(self):
        return self.listing.person

    @property
    def profile(self):
        return getattr(self.listing.person, "profile", None)


def directory(*, programme: str = "", function: int | None = None, borough: int | None = None,
              profession: int | None = None):
    """Opted-in alumni who are still alumni, by name, with what the directory shows (the queryset; a page
    of it costs three queries: the listings with profile, their functions, their completions)."""
    rows = AlumniListing.objects.filter(person_id__in=core.alumni_ids()).select_related(
        "person", "person__profile__organisation", "person__profile__profession", "person__profile__borough"
    ).prefetch_related(Prefetch("functions", queryset=PriorityFunction.objects.order_by("number")))
    if programme:
        rows = rows.filter(person_id__in=core.completed_places().filter(
            cohort__programme__slug=programme).values("applicant_id"))
    if function:
        rows = rows.filter(functions__pk=function)
    if borough:
        rows = rows.filter(person__profile__borough_id=borough)
    if profession:
        rows = rows.filter(person__profile__profession_id=profession)
    return rows.order_by("person__last_name", "person__first_name", "pk")


def directory_page(page_number, **filters):
    """One page of the directory (25) and its entries (four queries with the count)."""
    page = Paginator(directory(**filters), DIRECTORY_PAGE_SIZE).get_page(page_number)
    listings = list(page.object_list)
    completions = core.completions_by_person([listing.person_id for listing in listings])
    return page, [DirectoryEntry(listing, completions.get(listing.person_id, [])) for listing in listings]


def my_volunteering(user) -> list[VolunteerOffer]:
    """The person's offers to volunteer, live ones first (two queries)."""
    if not user.is_authenticated:
        return []
    return sorted(
        VolunteerOffer.objects.filter(person=user).prefetch_related("functions"),
        key=lambda offer: (not offer.is_live, -offer.pk),
    )


def own_volunteer_offer_or_404(user, pk: int) -> VolunteerOffer:
    offer = VolunteerOffer.objects.filter(pk=pk, person=user, state__in=LIVE_VOLUNTEER_STATES).first()
    if offer is None:
        raise Http404
    return offer


def has_open_mentor_offer(user) -> bool:
    return MentorOffer.objects.filter(mentor=user, withdrawn_at__isnull=True).exists()


def volunteers(*, role: str = "", state: str = ""):
    """Offers to volunteer for the admins, newest first, with the person's profile, their functions and
    whether they have an open offer to mentor (three queries a page)."""
    rows = (
        VolunteerOffer.objects.select_related(
            "person", "person__profile__organisation", "person__profile__profession"
        )
        .prefetch_related(Prefetch("functions", queryset=PriorityFunction.objects.order_by("number")))
        .annotate(mentor_offer=Exists(MentorOffer.objects.filter(mentor=OuterRef("person"),
                                                                   withdrawn_at__isnull=True)))
    )
    if role in VolunteerRole.values:
        rows = rows.filter(role=role)
    states = [state] if state in VolunteerState.values else LIVE_VOLUNTEER_STATES
    rows = rows.filter(state__in=states)
    return rows.order_by("-created_at", "-pk")


def volunteer_for_admin(pk: int) -> VolunteerOffer:
    offer = VolunteerOffer.objects.select_related("person").filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer
