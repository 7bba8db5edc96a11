"""Display decisions for bids: the names applicants read for each state (internal review steps all read
"Being reviewed"), the NHS.UK tag colours, and the questions templates ask, so no template compares a
state string."""

from __future__ import annotations

from programmes.challenge_fund.models import REVIEW_STATES, Bid, BidState, CoApplicant, CoApplicantState, Outcome

APPLICANT_STATE_NAMES = {
    BidState.DRAFT: "Draft",
    BidState.SUBMITTED: "Submitted",
    BidState.ELIGIBILITY: "Being reviewed",
    BidState.IN_REVIEW: "Being reviewed",
    BidState.PANEL: "Being reviewed",
    BidState.DETERMINED: "Decision made",
    BidState.WITHDRAWN: "Withdrawn",
    BidState.ACTIVE: "Funded: project under way",
    BidState.OVERDUE: "Funded: progress report overdue",
    BidState.CLOSED: "Funded: project closed",
}
# The tag's colour in the applicants' list: blue (the default) unless listed.
TAG_CLASSES = {BidState.DRAFT: "nhsuk-tag--grey", BidState.WITHDRAWN: "nhsuk-tag--white"}


def applicant_state_label(state: str, outcome: str = "", version: int = 1) -> str:
    """The state as applicants see it: internal review steps all read "Being reviewed"."""
    if state == BidState.DETERMINED and outcome == Outcome.REVISE:
        return "Revise and resubmit: invited"
    if state == BidState.DETERMINED and outcome:
        return Outcome(outcome).label
    if version > 1 and state == BidState.DRAFT:
        return "Revise and resubmit: revising"
    if version > 1 and state == BidState.SUBMITTED:
        return "Revise and resubmit: resubmitted"
    return APPLICANT_STATE_NAMES[BidState(state)]


class BidDisplay:
    """What templates ask of a bid: ``{% if bid.display.is_draft %}``."""

    def __init__(self, bid: Bid) -> None:
        self.bid = bid
        self.state = bid.state

    @property
    def applicant_state(self) -> str:
        return applicant_state_label(self.state, self.bid.outcome, self.bid.version)

    @property
    def tag_class(self) -> str:
        """The modifier class for the applicants' list, with its leading space ("" for the default blue)."""
        modifier = TAG_CLASSES.get(self.state)
        return f" {modifier}" if modifier else ""

    @property
    def is_draft(self) -> bool:
        return self.state == BidState.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.state == BidState.SUBMITTED

    @property
    def is_withdrawn(self) -> bool:
        return self.state == BidState.WITHDRAWN

    @property
    def is_determined(self) -> bool:
        return self.state == BidState.DETERMINED

    @property
    def report_overdue(self) -> bool:
        return self.state == BidState.OVERDUE

    @property
    def in_review(self) -> bool:
        """With the reviewers or the panel."""
        return self.state in REVIEW_STATES


# A co-applicant's state as the bid's applicants read it, and its tag colour.
COAPPLICANT_STATE_NAMES = {
    CoApplicantState.INVITED: "Invited: waiting for an answer",
    CoApplicantState.ACCEPTED: "Co-applicant",
    CoApplicantState.DECLINED: "Declined",
    CoApplicantState.WITHDRAWN: "Invitation withdrawn",
    CoApplicantState.REMOVED: "Removed",
}
COAPPLICANT_TAG_CLASSES = {
    CoApplicantState.INVITED: "nhsuk-tag--yellow",
    CoApplicantState.ACCEPTED: "nhsuk-tag--green",
    CoApplicantState.DECLINED: "nhsuk-tag--grey",
    CoApplicantState.WITHDRAWN: "nhsuk-tag--white",
    CoApplicantState.REMOVED: "nhsuk-tag--white",
}


class CoApplicantDisplay:
    """What templates ask of a co-applicant: ``{% if coapplicant.display.is_pending %}``."""

    def __init__(self, coapplicant: CoApplicant) -> None:
        self.coapplicant = coapplicant
        self.state = coapplicant.state

    @property
    def label(self) -> str:
        return COAPPLICANT_STATE_NAMES[CoApplicantState(self.state)]

    @property
    def tag_class(self) -> str:
        return COAPPLICANT_TAG_CLASSES[CoApplicantState(self.state)]

    @property
    def is_pending(self) -> bool:
        return self.state == CoApplicantState.INVITED

    @property
    def is_accepted(self) -> bool:
        return self.state == CoApplicantState.ACCEPTED

    @property
    def is_declined(self) -> bool:
        return self.state == CoApplicantState.DECLINED

    @property
    def is_withdrawn(self) -> bool:
        return self.state == CoApplicantState.WITHDRAWN

    @property
    def is_removed(self) -> bool:
        return self.state == CoApplicantState.REMOVED
