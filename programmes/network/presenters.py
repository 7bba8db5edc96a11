"""Display decisions for the managed network: the words people read for a membership or an RSVP."""

from __future__ import annotations

from programmes.network.models import Membership, MembershipState, RsvpStatus, Tier

MEMBERSHIP_TAGS = {
    MembershipState.APPLIED: ("Waiting for a decision", "nhsuk-tag--blue"),
    MembershipState.ACCEPTED: ("Member", "nhsuk-tag--green"),
    MembershipState.DECLINED: ("Not accepted", "nhsuk-tag--grey"),
    MembershipState.LEFT: ("Left", "nhsuk-tag--grey"),
}

RSVP_TAGS = {
    RsvpStatus.GOING: ("You are coming", "nhsuk-tag--green"),
    RsvpStatus.WAITING: ("On the waiting list", "nhsuk-tag--yellow"),
    RsvpStatus.CANCELLED: ("Not coming", "nhsuk-tag--grey"),
}


def rsvp_tag_after(rsvp, came: bool) -> tuple[str, str] | None:
    """The tag once the Big Room has ended: the register (or, before it is taken, the place) says whether the
    person came, so "You are coming" would now be wrong."""
    if came:
        return ("You came", "nhsuk-tag--green")
    if rsvp is None:
        return None
    if rsvp.status == RsvpStatus.GOING:
        return ("Not recorded as coming", "nhsuk-tag--grey")
    if rsvp.status == RsvpStatus.WAITING:
        return ("You were on the waiting list", "nhsuk-tag--grey")
    return RSVP_TAGS[rsvp.status]


def membership_tag(membership: Membership) -> tuple[str, str]:
    return MEMBERSHIP_TAGS[membership.state]


def membership_summary(membership: Membership) -> str:
    """One sentence on where a person's membership stands, for their member page."""
    if membership.state == MembershipState.ACCEPTED:
        if membership.tier == Tier.OPEN:
            return "You are a member of the open network."
        return f"You are a member of the {membership.intake.name} intake."
    if membership.state == MembershipState.APPLIED:
        return (
            f"You have applied to the {membership.intake.name} intake. The network team will tell you their decision."
        )
    if membership.state == MembershipState.DECLINED:
        return "Your application was not accepted this time."
    return "Your membership has ended."


def is_waiting(membership: Membership) -> bool:
    return membership.state == MembershipState.APPLIED


def is_member(membership: Membership | None) -> bool:
    return membership is not None and membership.state == MembershipState.ACCEPTED


def has_answered(rsvp) -> bool:
    """Coming or on the waiting list (a cancelled answer may be given again)."""
    return rsvp is not None and rsvp.status != RsvpStatus.CANCELLED


def rsvp_tag(rsvp) -> tuple[str, str] | None:
    return RSVP_TAGS.get(rsvp.status) if rsvp is not None else None


def supporter_label(membership: Membership) -> str:
    if not membership.supporter_name:
        return ""
    if membership.supporter_answered_at is None:
        return f"{membership.supporter_name} has not answered yet"
    if membership.supporter_supports:
        return f"{membership.supporter_name} supports their time"
    return f"{membership.supporter_name} cannot support their time"


VOLUNTEER_TAGS = {
    "offered": ("Offered", "nhsuk-tag--blue"),
    "contacted": ("Contacted", "nhsuk-tag--yellow"),
    "placed": ("Placed", "nhsuk-tag--green"),
    "withdrawn": ("Withdrawn", "nhsuk-tag--grey"),
}


def volunteer_tag(offer) -> tuple[str, str]:
    return VOLUNTEER_TAGS[offer.state]


def completions_text(completions) -> str:
    """"Core leadership programme (2025), Systems leadership (2024)" for the directory and the CSV."""
    return ", ".join(f"{name} ({year})" for _slug, name, year in completions)
