"""The managed network in the programme catalogue (see programmes.core.catalogue): the open tier, which any
signed-in leader can join at once, and the intakes open for applications now (one query)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from academy.ui.formats import nhs_date
from programmes.core.catalogue import OpenOffer, register_offer_source
from programmes.network.models import PROGRAMME_SLUG, Intake


@register_offer_source(PROGRAMME_SLUG, home="network:index")
def open_to_join(now) -> list[OpenOffer]:
    today = timezone.localdate(now)
    intakes = Intake.objects.filter(state=Intake.State.OPEN, opens_on__lte=today, closes_on__gte=today).order_by(
        "closes_on", "pk")
    return [
        OpenOffer(
            title="Join the open network",
            detail="For frontline and early-career clinicians and care professionals: join at once, choose your "
            "interests, come to Big Room events and ask for a mentor or a coach.",
            url=reverse("network:join"),
        ),
        *(
            OpenOffer(
                title=intake.name,
                detail=f"An intake starting together on {nhs_date(intake.starts_on)}, with your line manager's "
                f"or sponsor's support. Apply by {nhs_date(intake.closes_on)}.",
                url=reverse("network:apply", args=[intake.pk]),
            )
            for intake in intakes
        ),
    ]
