"""The Challenge Fund's open rounds, for the programme catalogue (see programmes.core.catalogue)."""

from __future__ import annotations

from django.urls import reverse

from academy.ui.formats import money, nhs_datetime
from programmes.challenge_fund.models import Round
from programmes.core.catalogue import OpenOffer, register_offer_source


@register_offer_source("challenge-fund", home="challenge_fund:index")
def open_rounds(now) -> list[OpenOffer]:
    rounds = Round.objects.filter(published=True, opens_at__lte=now, closes_at__gt=now).order_by("closes_at")
    return [
        OpenOffer(
            title=round_.title,
            detail=f"Awards from {money(round_.min_award)} to {money(round_.max_award)}. "
            f"Closes on {nhs_datetime(round_.closes_at)}.",
            url=reverse("challenge_fund:round", args=[round_.pk]),
        )
        for round_ in rounds
    ]
