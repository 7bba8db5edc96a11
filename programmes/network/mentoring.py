"""Mentoring's side of the matching: mentees (their requests) to mentors (their offers), turned into a problem
for the generic matcher (programmes/core/matching.py). Pure: it reads the facts it is given and writes nothing.

Score of a pair: one for each boundary crossed (organisation, profession, place), one for each function the
mentee asked about that the mentor offers, and one more when the formats suit both. Hard rules (the pair is
never made): the same person on both sides, and a line-management relation either way (the directory
records each leader's line manager's email on their profile)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from programmes.core import matching

EITHER = "either"


@dataclass(frozen=True)
class Side:
    """What the matcher needs of one side: the request's or offer's id, its person and their profile."""

    key: int
    person_id: int
    email: str = ""
    line_manager_email: str = ""
    organisation_id: int | None = None
    profession_id: int | None = None
    borough_id: int | None = None
    topics: frozenset[int] = field(default_factory=frozenset)
    format: str = EITHER
    capacity: int = 1


def boundaries(mentee: Side, mentor: Side) -> int:
    """How many boundaries the pair crosses (unknown counts as not crossed)."""
    return sum(
        a is not None and b is not None and a != b
        for a, b in (
            (mentee.organisation_id, mentor.organisation_id),
            (mentee.profession_id, mentor.profession_id),
            (mentee.borough_id, mentor.borough_id),
        )
    )


def crossed(mentee: Side, mentor: Side) -> list[str]:
    """The boundaries a pair crosses, in words (unknown counts as not crossed)."""
    return [
        label
        for label, a, b in (
            ("organisation", mentee.organisation_id, mentor.organisation_id),
            ("profession", mentee.profession_id, mentor.profession_id),
            ("place", mentee.borough_id, mentor.borough_id),
        )
        if a is not None and b is not None and a != b
    ]


def formats_suit(mentee: Side, mentor: Side) -> bool:
    return EITHER in (mentee.format, mentor.format) or mentee.format == mentor.format


def line_managed(one: Side, other: Side) -> bool:
    """Whether either manages the other, by the line manager's email on the profile."""
    def manages(boss: Side, report: Side) -> bool:
        return bool(boss.email and report.line_manager_email
                    and boss.email.strip().lower() == report.line_manager_email.strip().lower())
    return manages(one, other) or manages(other, one)


def why_not(mentee: Side, mentor: Side) -> str:
    """Why the pair can never be made ('' when it can), in a person's words."""
    if mentee.person_id == mentor.person_id:
        return "A person cannot mentor themselves."
    if line_managed(mentee, mentor):
        return "One of them line manages the other: a mentor is always outside the line."
    return ""


def score(mentee: Side, mentor: Side) -> float:
    return float(boundaries(mentee, mentor) + len(mentee.topics & mentor.topics) + formats_suit(mentee, mentor))


def build(
    mentees: Iterable[Side], mentors: Iterable[Side], *, pinned: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (), room: dict[int, int] | None = None,
) -> matching.Problem:
    """The problem: people are request ids, slots offer ids (capacity less places already held, in ``room``),
    slots of one mentor share the spreading term; pins and exclusions are the admin's."""
    mentees, mentors = list(mentees), list(mentors)
    scores, forbidden = {}, set(excluded)
    for mentee in mentees:
        for mentor in mentors:
            pair = (mentee.key, mentor.key)
            if why_not(mentee, mentor):
                forbidden.add(pair)
            else:
                scores[pair] = score(mentee, mentor)
    room = room or {}
    slots = [
        matching.Slot(m.key, max(0, room.get(m.key, m.capacity)), group=m.person_id) for m in mentors
    ]
    return matching.problem([m.key for m in mentees], slots, scores, forbidden=forbidden, pinned=set(pinned))


def boundaries_of(mentees: Iterable[Side], mentors: Iterable[Side]):
    """A function (request id, offer id) -> boundaries crossed, for :func:`matching.summary`."""
    by_mentee = {m.key: m for m in mentees}
    by_mentor = {m.key: m for m in mentors}
    return lambda a, b: boundaries(by_mentee[a], by_mentor[b])
