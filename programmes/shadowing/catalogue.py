"""Shadowing's open rounds, for the programme catalogue (see programmes.core.catalogue)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date
from programmes.core.catalogue import OpenOffer, register_offer_source
from programmes.shadowing.models import Round, RoundState


@register_offer_source("shadowing", home="shadowing:index")
def open_rounds(now) -> list[OpenOffer]:
    today = timezone.localdate(now)
    rounds = Round.objects.filter(state=RoundState.OPEN, interest_closes_on__gte=today).order_by("interest_closes_on")
    return [
        OpenOffer(
            title=round_.name,
            detail=f"Shadowing visits from {nhs_date(round_.visits_from)} to {nhs_date(round_.visits_until)}. "
            f"Offer a placement or say you want to shadow by {nhs_date(round_.interest_closes_on)}.",
            url=reverse("shadowing:index"),
        )
        for round_ in rounds
    ]
