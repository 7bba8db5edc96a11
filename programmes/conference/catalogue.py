"""The conference's open calls for proposals, for the programme catalogue (see programmes.core.catalogue)."""

from __future__ import annotations

from django.db.models import Max, Min, Q
from django.urls import reverse

from academy.ui.formats import nhs_date_range, nhs_datetime
from programmes.conference.models import PROGRAMME_SLUG, Edition, EditionState
from programmes.core.catalogue import OpenOffer, register_offer_source


@register_offer_source(PROGRAMME_SLUG, home="conference:index")
def open_calls(now) -> list[OpenOffer]:
    """Published editions whose call takes proposals for at least one session type now (one query)."""
    still_open = Q(session_types__deadline__gt=now)
    editions = (
        Edition.objects.filter(state=EditionState.PUBLISHED, call__isnull=False)
        .annotate(
            first_deadline=Min("session_types__deadline", filter=still_open),
            last_deadline=Max("session_types__deadline", filter=still_open),
        )
        .filter(first_deadline__isnull=False)
        .order_by("first_deadline", "pk")
    )
    offers = []
    for edition in editions:
        closes = f"Send a proposal by {nhs_datetime(edition.first_deadline)}"
        if edition.last_deadline != edition.first_deadline:
            closes += f" (by {nhs_datetime(edition.last_deadline)} for some session types)"
        offers.append(
            OpenOffer(
                title=edition.name,
                detail=f"On {nhs_date_range(edition.starts_on, edition.ends_on)} at {edition.venue_name}. {closes}.",
                url=reverse("conference:call", args=[edition.slug]),
            )
        )
    return offers
