"""Erasure step for the Challenge Fund: awarded money is kept; a live bid needs a new lead first."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.challenge_fund.models import Answer, Bid, BidState, BudgetLine, CoApplicant, OutboxMessage

# A bid in these states has a panel, a funder or a project team relying on its lead.
LIVE_STATES = (
    BidState.SUBMITTED,
    BidState.ELIGIBILITY,
    BidState.IN_REVIEW,
    BidState.PANEL,
    BidState.DETERMINED,
    BidState.ACTIVE,
    BidState.OVERDUE,
)


def blockers(user) -> list[str]:
    return [
        f"You lead the bid “{bid.title}”, which is {bid.get_state_display().lower()}: ask the Challenge Fund "
        "team to make someone else its lead (or withdraw it) first."
        for bid in Bid.objects.filter(lead=user, state__in=LIVE_STATES).exclude(
            state=BidState.DETERMINED, outcome="declined"
        )
    ]


def erase(user, pseudonym: str) -> None:
    for bid_id in list(Bid.objects.filter(lead=user, state=BidState.DRAFT).values_list("id", flat=True)):
        erasure.delete_with_history(Answer, {"bid_id": bid_id})
        erasure.delete_with_history(BudgetLine, {"bid_id": bid_id})
        erasure.delete_with_history(CoApplicant, {"bid_id": bid_id})
        erasure.delete_with_history(Bid, {"id": bid_id})
    erasure.delete_with_history(CoApplicant, {"user": user})
    # Invitations sent to their address before it had an account carry the address itself.
    erasure.delete_with_history(CoApplicant, {"user__isnull": True, "email__iexact": user.email})
    erasure.delete_with_history(OutboxMessage, {"recipient": user})


erasure.register(
    "challenge_fund",
    models=[
        "challenge_fund.Bid",
        "challenge_fund.CoApplicant",
        "challenge_fund.OutboxMessage",
        "challenge_fund.Round",
        "challenge_fund.ReviewAssignment",
        "challenge_fund.Milestone",
        "challenge_fund.ProgressReport",
        "challenge_fund.Attachment",
        "challenge_fund.BidVersion",
    ],
    erase=erase,
    blockers=blockers,
    erased=[
        "Draft bids you lead (nothing was submitted)",
        "Your places as co-applicant, and invitations to be one",
        "Messages the Challenge Fund team sent you",
    ],
    kept=[
        "Bids that were submitted or funded, and the money awarded and paid, with the pseudonym as lead",
        "Reviews and scores you gave as a panel member, by the pseudonym",
    ],
)
