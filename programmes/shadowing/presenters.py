"""Display decisions for shadowing: state names and tag colours, so templates never compare state strings."""

from __future__ import annotations

from academy.ui.formats import nhs_date
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


def round_can_chase(round_) -> bool:
    return round_.state in (RoundState.PUBLISHED, RoundState.CLOSED)


def follow_up_label(placement) -> str:
    follow_up = getattr(placement, "follow_up", None)
    if follow_up is None:
        return "Not due"
    if follow_up.answered_at:
        return "Answered"
    if follow_up.invited_at:
        return "Invited, not answered"
    return f"Due {nhs_date(follow_up.due_on)}"


def agreement_label(placement) -> str:
    if placement.state != PlacementState.PROPOSED:
        return "Agreed" if placement.state != PlacementState.CANCELLED else "Cancelled"
    agreement = getattr(placement, "agreement", None)
    if agreement is None:
        return "Not written"
    signed = sum(bool(x) for x in (agreement.shadow_signed_at, agreement.host_signed_at, agreement.manager_signed_at))
    return f"Signed by {signed} of 3"


def follow_row(placement) -> dict:
    """One row of the admin's follow page: progress as counts, never the reflections' words."""
    return {
        "placement": placement,
        "tag": placement_tag(placement),
        "agreement": agreement_label(placement),
        "visits": f"{placement.visits_done} of {placement.visits_total}" if placement.visits_total else "None yet",
        "reflections": f"Shadow {placement.shadow_reflections}, host {placement.host_reflections}",
        "follow_up": follow_up_label(placement),
        "people": [placement.shadow_id, placement.offer.host_id],
    }


def visit_rows(placement, own_reflections: dict, today, shared: dict | None = None) -> list[dict]:
    """The placement page's visits for one side: what each visit allows now (calendar, rearrange or cancel
    before it happens; the reader's own reflection after it)."""
    live = placement.state in (PlacementState.AGREED, PlacementState.IN_PROGRESS)
    reflectable = live or placement.state == PlacementState.COMPLETED
    rows = []
    for visit in sorted(placement.visits.all(), key=lambda v: (v.on, v.number)):
        cancelled = visit.cancelled_at is not None
        rows.append({
            "visit": visit,
            "cancelled": cancelled,
            "calendar": not cancelled,
            "changeable": live and not cancelled and visit.on >= today,
            "reflect": reflectable and not cancelled and visit.on < today,
            "reflected": visit.pk in own_reflections,
            "shared": (shared or {}).get(visit.pk),
        })
    return rows
