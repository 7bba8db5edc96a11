"""How action learning sets and quads are proposed: a deterministic algorithm that mixes
organisations, professions and boroughs. Pure functions, no database writes; services and selectors
both use them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError

from programmes.core.models import (
    Application,
    ApplicationState,
)

S = ApplicationState


# --- action learning sets and quads ---------------------------------------------------------------

# Participants who are grouped: people with a current place (accepted) or who completed.
GROUP_STATES = frozenset({S.ACCEPTED, S.COMPLETED})
# The biggest group for each kind; the number of groups is the fewest that keeps every group at or
# below it, so sets come out at about 6 to 8 and quads at 4 (or 3 when the numbers do not divide).
GROUP_MAX_SIZE = {"action_learning_set": 8, "quad": 4}
MIX_DIMENSIONS = ("organisation", "profession", "borough")


def group_count(people: int, max_size: int) -> int:
    """How many groups ``people`` make with groups of at most ``max_size``."""
    if max_size < 2:
        raise ValidationError({"size": "Groups must have at least 2 people"})
    return max(1, -(-people // max_size))


def repeats(members: Iterable[Mapping], dimensions: tuple[str, ...] = MIX_DIMENSIONS) -> dict[str, int]:
    """For one group: how many members share an organisation, profession or borough with someone
    before them in the group (for each dimension, the sum over values of count - 1). Unknown values
    (None) never count as repeats."""
    result = {}
    for dimension in dimensions:
        seen: dict = {}
        for member in members:
            value = member.get(dimension)
            if value is not None:
                seen[value] = seen.get(value, 0) + 1
        result[dimension] = sum(count - 1 for count in seen.values())
    return result


def propose_groups(
    people: list[Mapping], max_size: int, max_passes: int = 20, dimensions: tuple[str, ...] = MIX_DIMENSIONS
) -> list[list[Mapping]]:
    """Split ``people`` (mappings with "id", "organisation", "profession", "borough") into groups that
    mix organisations, professions and boroughs as much as possible.

    Objective: minimise the total number of repeats over all groups, where a group's repeats are, for
    each of organisation, profession and borough, the number of members who share that value with
    another member (count - 1 per value), all three weighted equally. Group sizes differ by at most one
    (the first ``len(people) % groups`` groups take one more).

    Method (deterministic: no randomness, ties broken by the order of ids): people whose values are
    the most common are placed first, each into the group with room where they add the fewest repeats
    (ties: the emptier group, then the lower number). Then improving swaps: passes over every pair of
    people in different groups, swapping any pair whose swap lowers the total, until a pass finds none
    (at most ``max_passes`` passes). Swaps keep the sizes.

    ``dimensions`` names the values to mix (organisation, profession and borough by default; a Big
    Room's table plan mixes organisations and professions only)."""
    people = sorted(people, key=lambda p: p["id"])
    total = len(people)
    if total == 0:
        return []
    count = group_count(total, max_size)
    base, extra = divmod(total, count)
    sizes = [base + (1 if index < extra else 0) for index in range(count)]
    frequency: dict[tuple, int] = {}
    for person in people:
        for dimension in dimensions:
            key = (dimension, person.get(dimension))
            frequency[key] = frequency.get(key, 0) + 1

    def weight(person) -> tuple:
        common = sorted(
            (frequency[(d, person.get(d))] for d in dimensions if person.get(d) is not None), reverse=True
        )
        return (tuple(-c for c in common), person["id"])

    counters: list[dict[tuple, int]] = [{} for _ in range(count)]
    groups: list[list[Mapping]] = [[] for _ in range(count)]

    def added(index: int, person) -> int:
        return sum(
            1 for d in dimensions if person.get(d) is not None and counters[index].get((d, person.get(d)), 0) > 0
        )

    def place(index: int, person, sign: int = 1) -> None:
        for d in dimensions:
            if person.get(d) is not None:
                key = (d, person.get(d))
                counters[index][key] = counters[index].get(key, 0) + sign

    for person in sorted(people, key=weight):
        options = [i for i in range(count) if len(groups[i]) < sizes[i]]
        best = min(options, key=lambda i: (added(i, person), len(groups[i]) / sizes[i], i))
        groups[best].append(person)
        place(best, person)

    def swap_gain(a: int, p, b: int, q) -> int:
        """How many repeats swapping p (in group a) with q (in group b) removes."""
        gain = 0
        for d in dimensions:
            pv, qv = p.get(d), q.get(d)
            if pv == qv:
                continue
            if pv is not None:
                gain += (counters[a][(d, pv)] > 1) - (counters[b].get((d, pv), 0) > 0)
            if qv is not None:
                gain += (counters[b][(d, qv)] > 1) - (counters[a].get((d, qv), 0) > 0)
        return gain

    for _ in range(max_passes):
        improved = False
        for a in range(count):
            for b in range(a + 1, count):
                for i in range(len(groups[a])):
                    for j in range(len(groups[b])):
                        p, q = groups[a][i], groups[b][j]
                        if swap_gain(a, p, b, q) > 0:
                            place(a, p, -1)
                            place(b, q, -1)
                            groups[a][i], groups[b][j] = q, p
                            place(a, q)
                            place(b, p)
                            improved = True
        if not improved:
            break
    return [sorted(group, key=lambda p: p["id"]) for group in groups]


def grouping_person(application: Application) -> dict:
    """What the grouping algorithm knows of a participant: ids of their organisation, profession and
    borough from their leader profile (None when not given)."""
    profile = getattr(application.applicant, "profile", None)
    return {
        "id": application.pk,
        "organisation": profile.organisation_id if profile else None,
        "profession": profile.profession_id if profile else None,
        "borough": profile.borough_id if profile else None,
    }




def carried_problems(assignment: Mapping[int, int], was_in: Mapping[int, int]) -> dict[int, int]:
    """Which old group's shared problem each new group keeps: new group number -> old group id.

    ``assignment`` is application id -> new group number; ``was_in`` is application id -> old group id,
    for old groups that had a shared problem. Each new group takes the old group most of its members came
    from, the largest overlaps first (ties: lower group number, then lower old id), and each old group's
    problem goes to one new group at most, so regrouping never copies a problem into two groups."""
    overlap: dict[tuple[int, int], int] = {}
    for application_id, number in assignment.items():
        old = was_in.get(application_id)
        if old is not None:
            overlap[number, old] = overlap.get((number, old), 0) + 1
    carried: dict[int, int] = {}
    used: set[int] = set()
    for (number, old), _count in sorted(overlap.items(), key=lambda item: (-item[1], item[0])):
        if number not in carried and old not in used:
            carried[number] = old
            used.add(old)
    return carried
