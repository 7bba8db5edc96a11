"""The Challenge Fund's work attached to a problem in the register of system problems (programmes.core).

A funded project is public (the list of funded projects), so the register names it; a bid still being
assessed is counted without its title, since bids are seen by their applicants and staff alone. Drafts
and withdrawn bids are not listed."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from programmes.challenge_fund.models import PROJECT_STATES, Bid, BidState, Round
from programmes.core.problem_attachments import (
    ProblemAction,
    ProblemAttachment,
    register_problem_action_source,
    register_problem_attachment_source,
)

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


@register_problem_action_source("challenge-fund")
def start_a_bid(problem, user) -> list[ProblemAction]:
    """One click from the register (or an idea taken forward) to a bid on the problem: a link to start a bid in each
    round open now, naming the problem; the start page asks for the project's title and says which problem the bid
    will name (one query)."""
    if not (user and user.is_authenticated and user.has_perm("challenge_fund.apply")):
        return []
    now = timezone.now()
    rounds = Round.objects.filter(published=True, opens_at__lte=now, closes_at__gt=now).order_by("closes_at", "pk")
    return [
        ProblemAction(label=f"Start a Challenge Fund bid on this problem ({round_.title})",
                      url=f"{reverse('challenge_fund:start', args=[round_.pk])}?problem={problem.pk}")
        for round_ in rounds
    ]

