"""The Challenge Fund's work attached to a problem in the register of system problems (programmes.core).

A funded project is public (the list of funded projects), so the register names it; a bid still being
assessed is counted without its title, since bids are seen by their applicants and staff alone. Drafts
and withdrawn bids are not listed."""

from __future__ import annotations

from django.urls import reverse

from programmes.challenge_fund.models import PROJECT_STATES, Bid, BidState
from programmes.core.problem_attachments import ProblemAttachment, register_problem_attachment_source

NOT_LISTED = (BidState.DRAFT, BidState.WITHDRAWN)


@register_problem_attachment_source("challenge-fund")
def bids_attached(problem) -> list[ProblemAttachment]:
    bids = list(
        Bid.objects.filter(system_problem=problem).exclude(state__in=NOT_LISTED).select_related("round")
        .order_by("round__opens_at", "pk")
    )
    attached = [
        ProblemAttachment(
            kind="Challenge Fund project", title=bid.title, detail=f"Funded in {bid.round.title}",
            url=reverse("challenge_fund:funded"),
        )
        for bid in bids if bid.state in PROJECT_STATES
    ]
    assessed = [bid for bid in bids if bid.state not in PROJECT_STATES]
    for round_title in dict.fromkeys(bid.round.title for bid in assessed):
        count = sum(1 for bid in assessed if bid.round.title == round_title)
        attached.append(
            ProblemAttachment(
                kind="Challenge Fund bids",
                title=f"{count} bid{'s' if count != 1 else ''} to {round_title}",
                detail="Submitted, or assessed and decided, but not funded as a project",
            )
        )
    return attached
