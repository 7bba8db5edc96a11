"""Display words for the communities: membership states as a person reads them, and tag colours."""

from __future__ import annotations

from programmes.community.models import CommunityKind, MembershipState

STATE_WORDS = {
    MembershipState.MEMBER: ("Member", "nhsuk-tag--green"),
    MembershipState.REQUESTED: ("Asked to join", "nhsuk-tag--yellow"),
    MembershipState.DECLINED: ("Request declined", "nhsuk-tag--grey"),
    MembershipState.LEFT: ("", ""),
    "": ("", ""),
}

KIND_HEADINGS = {
    CommunityKind.PROFESSIONAL: "Professional networks",
    CommunityKind.CLINICAL: "Clinical networks",
    CommunityKind.INSPIRATION: "Inspiration",
    CommunityKind.OTHER: "Other communities",
}


def membership_tag(state: str) -> tuple[str, str]:
    """The words and tag colour for the person's own membership ('' when there is nothing to show)."""
    return STATE_WORDS.get(state, ("", ""))


def join_words(community, state: str) -> str:
    """The button a person sees on a community's page, or '' when there is none to show."""
    if state == MembershipState.MEMBER or state == MembershipState.REQUESTED or community.is_archived:
        return ""
    return "Ask to join" if community.closed else "Join this community"


def grouped_directory(communities) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for community in communities:
        words, colour = membership_tag(community.viewer_state)
        community.tag_words, community.tag_colour = words, colour
        groups.setdefault(community.kind, []).append(community)
    return [(KIND_HEADINGS[CommunityKind(kind)], items) for kind, items in groups.items()]
