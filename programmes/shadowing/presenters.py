"""Display decisions for shadowing: state names and tag colours, so templates never compare state strings."""

from __future__ import annotations

from programmes.shadowing.models import PlacementState, RoundState

ROUND_TAGS = {
    RoundState.OPEN: ("Open", "nhsuk-tag--green"),
    RoundState.MATCHING: ("Matching", "nhsuk-tag--yellow"),
    RoundState.PUBLISHED: ("Matches published", "nhsuk-tag--blue"),
    RoundState.CLOSED: ("Closed", "nhsuk-tag--grey"),
}
PLACEMENT_TAGS = {
    PlacementState.PROPOSED: ("Proposed", "nhsuk-tag--yellow"),
    PlacementState.AGREED: ("Agreed", "nhsuk-tag--green"),
    PlacementState.IN_PROGRESS: ("In progress", "nhsuk-tag--blue"),
    PlacementState.COMPLETED: ("Completed", "nhsuk-tag--green"),
    PlacementState.CANCELLED: ("Cancelled", "nhsuk-tag--grey"),
}


def round_tag(round_) -> tuple[str, str]:
    return ROUND_TAGS[RoundState(round_.state)]


def placement_tag(placement) -> tuple[str, str]:
    return PLACEMENT_TAGS[PlacementState(placement.state)]


def round_actions(round_) -> dict[str, bool]:
    """Which of the admin's round actions apply now."""
    return {
        "close_for_matching": round_.state == RoundState.OPEN,
        "reopen": round_.state == RoundState.MATCHING,
        "matching": round_.state == RoundState.MATCHING,
        "close": round_.state == RoundState.PUBLISHED,
    }
