"""The person's Challenge Fund bids on My Academy (see programmes/core/my_academy.py)."""

from __future__ import annotations

from django.urls import reverse

from academy.ui.formats import nhs_date
from programmes.challenge_fund.selectors import own_bids
from programmes.core.my_academy import MyAcademySection, SectionItem, register_my_academy_section


@register_my_academy_section(order=10)
def challenge_fund_bids(user) -> MyAcademySection | None:
    """The bids the person leads or is a co-applicant on, as they read them on their own list (one query)."""
    bids = own_bids(user)
    if not bids:
        return None
    items = [
        SectionItem(
            title=bid.title,
            url=reverse("challenge_fund:bid", args=[bid.pk]),
            status=bid.applicant_state,
            tag_class=bid.display.tag_class.strip() or "nhsuk-tag--blue",
            detail=f"{bid.round.title}"
            + (f". Submitted {nhs_date(bid.submitted_at)}" if bid.submitted_at else "")
            + ("" if bid.lead_id == user.pk else ". You are a co-applicant"),
        )
        for bid in bids
    ]
    return MyAcademySection("Your Challenge Fund bids", items, reverse("challenge_fund:own_bids"),
                            "See all your bids")
