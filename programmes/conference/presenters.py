"""Display decisions for the conference: the names speakers read for a proposal's states, the NHS.UK tag
colours, and the questions templates ask, so no template compares a state string."""

from __future__ import annotations

from programmes.conference.models import Proposal, ProposalSpeaker, ProposalState, SpeakerState

SPEAKER_STATE_NAMES = {
    ProposalState.DRAFT: "Draft: not sent yet",
    ProposalState.SUBMITTED: "Submitted",
    ProposalState.ACCEPTED: "Accepted: please confirm",
    ProposalState.REJECTED: "Not accepted this time",
    ProposalState.WAITLISTED: "On the reserve list",
    ProposalState.WITHDRAWN: "Withdrawn",
    ProposalState.CONFIRMED: "Confirmed: you are speaking",
}
TAG_CLASSES = {
    ProposalState.DRAFT: "nhsuk-tag--grey",
    ProposalState.ACCEPTED: "nhsuk-tag--green",
    ProposalState.CONFIRMED: "nhsuk-tag--green",
    ProposalState.REJECTED: "nhsuk-tag--red",
    ProposalState.WAITLISTED: "nhsuk-tag--yellow",
    ProposalState.WITHDRAWN: "nhsuk-tag--white",
}


def speaker_state_label(state: str) -> str:
    return SPEAKER_STATE_NAMES[ProposalState(state)]


class ProposalDisplay:
    """What templates ask of a proposal: ``{% if proposal.display.is_draft %}``."""

    def __init__(self, proposal: Proposal) -> None:
        self.state = proposal.state

    @property
    def speaker_state(self) -> str:
        return speaker_state_label(self.state)

    @property
    def admin_state(self) -> str:
        return ProposalState(self.state).label

    @property
    def tag_class(self) -> str:
        modifier = TAG_CLASSES.get(self.state)
        return f" {modifier}" if modifier else ""

    @property
    def is_draft(self) -> bool:
        return self.state == ProposalState.DRAFT

    @property
    def is_editable_state(self) -> bool:
        return self.state in (ProposalState.DRAFT, ProposalState.SUBMITTED)

    @property
    def is_confirmed(self) -> bool:
        return self.state == ProposalState.CONFIRMED

    @property
    def awaits_confirmation(self) -> bool:
        """Accepted, and the speaker has not confirmed yet (the confirm page asks them)."""
        return self.state == ProposalState.ACCEPTED

    @property
    def is_session(self) -> bool:
        """Accepted or confirmed: a session of the edition, with its page, slides and recording."""
        return self.state in (ProposalState.ACCEPTED, ProposalState.CONFIRMED)

    @property
    def can_withdraw(self) -> bool:
        return self.state not in (ProposalState.WITHDRAWN, ProposalState.REJECTED)


INVITATION_TAGS = {
    SpeakerState.INVITED: "nhsuk-tag--blue",
    SpeakerState.ACCEPTED: "nhsuk-tag--green",
    SpeakerState.DECLINED: "nhsuk-tag--grey",
    SpeakerState.WITHDRAWN: "nhsuk-tag--white",
}


class SpeakerDisplay:
    """What templates ask of a co-speaker invitation: ``{% if invitation.display.is_pending %}``."""

    def __init__(self, speaker: ProposalSpeaker) -> None:
        self.state = speaker.state

    @property
    def label(self) -> str:
        return SpeakerState(self.state).label

    @property
    def tag_class(self) -> str:
        return INVITATION_TAGS[SpeakerState(self.state)]

    @property
    def is_pending(self) -> bool:
        return self.state == SpeakerState.INVITED

    @property
    def is_accepted(self) -> bool:
        return self.state == SpeakerState.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return self.state == SpeakerState.DECLINED

    @property
    def is_live(self) -> bool:
        return self.state in (SpeakerState.INVITED, SpeakerState.ACCEPTED)


class WorkshopStatus:
    """What the person's workshops page shows for one workshop: a tag, the line about its places, and the button
    it offers (take a place, join the waiting list, leave, or none once it has started)."""

    def __init__(self, label: str, tag_class: str, places: str, action: str, button: str) -> None:
        self.label, self.tag_class, self.places, self.action, self.button = label, tag_class, places, action, button

    @property
    def offers_choose(self) -> bool:
        return self.action == "choose"

    @property
    def offers_leave(self) -> bool:
        return self.action == "leave"


def places_words(places_left: int, waiting: int) -> str:
    if places_left:
        return f"{places_left} place{'' if places_left == 1 else 's'} left"
    if waiting:
        return f"Full: {waiting} on the waiting list"
    return "Full: nobody on the waiting list yet"


def workshop_status(row) -> WorkshopStatus:
    """``row``: a workshop_selectors.WorkshopRow with the person's choice (or None)."""
    places = places_words(row.places_left, row.waiting)
    if row.has_place:
        return WorkshopStatus("You have a place", "nhsuk-tag--green", places,
                              "" if row.started else "leave", "Give up my place")
    if row.is_waiting:
        return WorkshopStatus(f"Waiting list: number {row.position}", "nhsuk-tag--yellow", places,
                              "" if row.started else "leave", "Leave the waiting list")
    if row.started:
        return WorkshopStatus("", "", places, "", "")
    return WorkshopStatus("", "", places, "choose",
                          "Join the waiting list" if row.is_full else "Take a place")
