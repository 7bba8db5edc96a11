"""Erasure step for the conference: drafts, invitations and the speaker profile go; a proposal the team is
considering, or a session in the programme, needs withdrawing first."""

from __future__ import annotations

from academy.privacy import erasure
from programmes.conference.models import (
    CheckIn,
    DayFeedback,
    Favourite,
    Placement,
    ProgrammeFeed,
    Proposal,
    ProposalAnswer,
    ProposalSpeaker,
    ProposalState,
    Registration,
    Review,
    Reviewer,
    ReviewScore,
    ScheduleVersion,
    SessionFeedback,
    SessionMaterial,
    SpeakerProfile,
    WorkshopChoice,
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
    # The schedule slice: their favourite sessions and their private calendar feed go.
    erasure.delete_with_history(Favourite, {"user": user})
    erasure.delete_with_history(ProgrammeFeed, {"user": user})
    # Who in the team placed a session or released a version is forgotten; the schedule itself stays.
    erasure.scrub(Placement, {"placed_by": user}, placed_by=None)
    erasure.scrub(ScheduleVersion, {"released_by": user}, released_by=None)
    # Reviews they wrote go with their scores (the ranking is recomputed without them); their place as reviewer too.
    erasure.delete_with_history(ReviewScore, {"review__reviewer": user})
    erasure.delete_with_history(Review, {"reviewer": user})
    erasure.delete_with_history(Reviewer, {"user": user})
    # Registrations (with their dietary and access needs) go; a place they held goes to the waiting list.
    from programmes.conference.services import release_for_erasure  # noqa: PLC0415 - services import this app

    release_for_erasure(user)
    # Their workshop places and waiting-list places go (a place goes to the next person waiting).
    from programmes.conference.workshops import release_for_erasure as release_workshops  # noqa: PLC0415

    release_workshops(user)
    erasure.delete_with_history(WorkshopChoice, {"user": user})
    erasure.delete_with_history(CheckIn, {"registration__user": user})
    erasure.delete_with_history(Registration, {"user": user})
    # Feedback they gave goes (the figures are recomputed without it); slides they uploaded stay with the
    # session, no longer saying who uploaded them.
    erasure.delete_with_history(DayFeedback, {"person": user})
    erasure.delete_with_history(SessionFeedback, {"person": user})
    erasure.scrub(SessionMaterial, {"updated_by": user}, updated_by=None)


erasure.register(
    "conference",
    models=["conference.Proposal", "conference.ProposalSpeaker", "conference.SpeakerProfile", "conference.Reviewer",
            "conference.Review", "conference.Registration", "conference.CheckIn", "conference.DayFeedback",
            "conference.SessionFeedback", "conference.SessionMaterial", "conference.Favourite",
            "conference.ProgrammeFeed", "conference.Placement", "conference.ScheduleVersion",
            "conference.WorkshopChoice"],
    erase=erase,
    blockers=blockers,
    erased=[
        "Draft conference proposals (nothing was submitted)",
        "Your places as co-speaker, and invitations to be one",
        "Your speaker profile, and the access needs you gave on proposals",
        "Your reviews of conference proposals, their scores, and your place as a reviewer",
        "Your conference registrations and the answers you gave (dietary and access needs); a place you held goes "
        "to the next person on the waiting list",
        "Your check-ins at the conference",
        "Your feedback on the conference and its sessions",
        "Your favourite conference sessions and your conference calendar feed",
        "Your conference workshop places and waiting-list places; a place you held goes to the next person waiting",
    ],
    kept=["Conference proposals that were submitted, with the pseudonym as speaker",
          "Slides and recording links you added to a session (without your name)"],
)
