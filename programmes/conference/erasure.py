"""Erasure step for the conference: drafts, invitations and the speaker profile go; a proposal the team is
considering, or a session in the programme, needs withdrawing first."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.conference.models import (
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    ProposalState,
    Review,
    Reviewer,
    ReviewScore,
    SpeakerProfile,
)

LIVE_STATES = (ProposalState.SUBMITTED, ProposalState.WAITLISTED, ProposalState.ACCEPTED, ProposalState.CONFIRMED)


def blockers(user) -> list[str]:
    return [
        f"You are the speaker of the conference proposal “{proposal.title}”, which is "
        f"{proposal.get_state_display().lower()}: withdraw it first, or ask the conference team."
        for proposal in Proposal.objects.filter(speaker=user, state__in=LIVE_STATES)
    ]


def erase(user, pseudonym: str) -> None:
    drafts = Proposal.objects.filter(speaker=user, state=ProposalState.DRAFT)
    for proposal_id in list(drafts.values_list("id", flat=True)):
        erasure.delete_with_history(ProposalAnswer, {"proposal_id": proposal_id})
        erasure.delete_with_history(ProposalSpeaker, {"proposal_id": proposal_id})
        erasure.delete_with_history(Proposal, {"id": proposal_id})
    # What was kept of a withdrawn or turned-down proposal no longer says anything about their health.
    erasure.scrub(Proposal, {"speaker": user}, accessibility_needs="")
    erasure.delete_with_history(ProposalSpeaker, {"user": user})
    erasure.delete_with_history(ProposalSpeaker, {"user__isnull": True, "email__iexact": user.email})
    erasure.delete_with_history(SpeakerProfile, {"user": user})
    # Reviews they wrote go with their scores (the ranking is recomputed without them); their place as reviewer too.
    erasure.delete_with_history(ReviewScore, {"review__reviewer": user})
    erasure.delete_with_history(Review, {"reviewer": user})
    erasure.delete_with_history(Reviewer, {"user": user})


erasure.register(
    "conference",
    models=["conference.Proposal", "conference.ProposalSpeaker", "conference.SpeakerProfile", "conference.Reviewer",
            "conference.Review"],
    erase=erase,
    blockers=blockers,
    erased=[
        "Draft conference proposals (nothing was submitted)",
        "Your places as co-speaker, and invitations to be one",
        "Your speaker profile, and the access needs you gave on proposals",
        "Your reviews of conference proposals, their scores, and your place as a reviewer",
    ],
    kept=["Conference proposals that were submitted, with the pseudonym as speaker"],
)
