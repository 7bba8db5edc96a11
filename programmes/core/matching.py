"""Matching people to capacitated slots: the optimiser every programme's matching uses.

Pure functions and dataclasses, no models: a programme turns its rows into a :class:`Problem` (people on side
A, slots on side B with capacities, a score for each allowed pair, hard-forbidden pairs, pinned pairs,
reciprocal pairs) and reads a :class:`Matching` back. Shadowing matches shadows to placements; the
network's mentoring will match mentees to mentors the same way.

:func:`solve` maximises, with scipy's ``milp`` (HiGHS):

    sum  score(a, b) x_ab                      every allowed pair, x_ab in {0, 1}
  + sum  reciprocal_bonus y_r                  y_r <= x of each of the reciprocal pair's two sides
  - sum  spread_penalty (k - 1) z_gk           the k-th person placed with one host group costs more

subject to: each person at most once; each slot at most its capacity; each pinned pair fixed to 1;
forbidden pairs (and pairs with no score) absent. The spreading term is convex (placing the k-th person
with a host costs ``(k - 1)`` times the penalty), so the optimiser fills hosts evenly when scores tie and
never crowds one host to leave another empty for a small gain.

:func:`random_matching` is the baseline the admin compares with: the same hard constraints, chosen at
random. :func:`summary` gives the figures both are compared on.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array

Key = Hashable
Pair = tuple[Key, Key]


class MatchingError(ValueError):
    """The problem cannot be solved as asked (a pin that breaks a hard rule); the message is for a person."""


@dataclass(frozen=True)
class Slot:
    """Something people are matched to: ``capacity`` people at once. Slots with the same ``group`` (one host's
    several offers) share the spreading term; the group defaults to the slot itself."""

    key: Key
    capacity: int
    group: Key | None = None

    @property
    def group_key(self) -> Key:
        return self.key if self.group is None else self.group


@dataclass(frozen=True)
class Problem:
    """What to match.

    ``scores`` holds every allowed pair (person, slot) and its score (higher is better); a pair not in it is
    never made. ``forbidden`` pairs are removed even if scored (same organisation, excluded by the admin,
    dates that do not meet). ``pinned`` pairs must be made. ``reciprocal`` lists pairs of pairs that earn
    ``reciprocal_bonus`` when both are made (two people who each offered to host the other).
    """

    people: tuple[Key, ...]
    slots: tuple[Slot, ...]
    scores: Mapping[Pair, float]
    forbidden: frozenset[Pair] = frozenset()
    pinned: frozenset[Pair] = frozenset()
    reciprocal: tuple[tuple[Pair, Pair], ...] = ()
    reciprocal_bonus: float = 2.0
    spread_penalty: float = 0.05

    def allowed(self) -> list[Pair]:
        """Every pair the optimiser may make, in a fixed order."""
        people = set(self.people)
        slots = {slot.key for slot in self.slots}
        return sorted(
            (pair for pair in self.scores if pair not in self.forbidden and pair[0] in people and pair[1] in slots),
            key=repr,
        )


@dataclass(frozen=True)
class Matching:
    """The pairs made, with the people left out; ``objective`` is the optimiser's value (0 for random)."""

    pairs: tuple[Pair, ...]
    unmatched: tuple[Key, ...]
    objective: float = 0.0

    def slot_of(self) -> dict[Key, Key]:
        return dict(self.pairs)


@dataclass(frozen=True)
class Figures:
    """What the admin compares: pairs made, people unmatched, the mean score and boundaries crossed per
    pair, reciprocal pairs made (both sides), and the fullest host's share of its capacity."""

    pairs: int
    unmatched: int
    mean_score: float
    mean_boundaries: float
    reciprocal_pairs: int
    fullest_group: float
    boundaries: dict[int, int] = field(default_factory=dict)


def check(problem: Problem) -> None:
    """Refuse a problem whose pins break a hard rule, in words a person reads."""
    capacity = {slot.key: slot.capacity for slot in problem.slots}
    for slot in problem.slots:
        if slot.capacity < 0:
            raise MatchingError("A capacity cannot be negative.")
    people = set(problem.people)
    seen: dict[Key, Key] = {}
    used: Counter = Counter()
    for person, slot in sorted(problem.pinned, key=repr):
        if person not in people or slot not in capacity:
            raise MatchingError("A pinned pair names someone or something that is not in this round.")
        if (person, slot) in problem.forbidden:
            raise MatchingError("A pinned pair is also not allowed (same organisation, excluded or dates that "
                                "do not meet). Remove the pin or the exclusion.")
        if (person, slot) not in problem.scores:
            raise MatchingError("A pinned pair is not one that can be made.")
        if person in seen:
            raise MatchingError("Someone is pinned to two places; a person is matched once.")
        seen[person] = slot
        used[slot] += 1
        if used[slot] > capacity[slot]:
            raise MatchingError("More pairs are pinned to one place than it has room for.")


def solve(problem: Problem, *, time_limit: float = 60.0) -> Matching:
    """The matching with the highest total (see the module's note). Raises :class:`MatchingError` for pins
    that break a hard rule."""
    check(problem)
    pairs = problem.allowed()
    if not pairs:
        return Matching(pairs=(), unmatched=tuple(problem.people))
    n_x = len(pairs)
    index = {pair: i for i, pair in enumerate(pairs)}
    person_row = {person: i for i, person in enumerate(dict.fromkeys(problem.people))}
    slot_row = {slot.key: i for i, slot in enumerate(problem.slots)}

    # Host groups: one z variable for each possible k-th person placed with the group.
    group_capacity: dict[Key, int] = defaultdict(int)
    slot_group = {}
    for slot in problem.slots:
        group_capacity[slot.group_key] += slot.capacity
        slot_group[slot.key] = slot.group_key
    groups = list(group_capacity)
    group_row = {g: i for i, g in enumerate(groups)}
    z_start = n_x
    z_index: list[tuple[Key, int]] = [(g, k) for g in groups for k in range(1, group_capacity[g] + 1)]
    reciprocal = [
        (index[one], index[other]) for one, other in problem.reciprocal if one in index and other in index
    ]
    y_start = z_start + len(z_index)
    n = y_start + len(reciprocal)

    objective = np.zeros(n)
    for pair, i in index.items():
        objective[i] = -float(problem.scores[pair])  # milp minimises
    for j, (_group, k) in enumerate(z_index):
        objective[z_start + j] = problem.spread_penalty * (k - 1)
    objective[y_start:] = -problem.reciprocal_bonus

    rows, cols, vals, lower, upper = [], [], [], [], []
    row = 0
    # Each person at most once.
    for pair, i in index.items():
        rows.append(person_row[pair[0]])
        cols.append(i)
        vals.append(1.0)
    row += len(person_row)
    lower += [0.0] * len(person_row)
    upper += [1.0] * len(person_row)
    # Each slot at most its capacity.
    for pair, i in index.items():
        rows.append(row + slot_row[pair[1]])
        cols.append(i)
        vals.append(1.0)
    lower += [0.0] * len(slot_row)
    upper += [float(slot.capacity) for slot in problem.slots]
    row += len(slot_row)
    # Each group's people placed equals the sum of its z: sum x - sum z = 0.
    for pair, i in index.items():
        rows.append(row + group_row[slot_group[pair[1]]])
        cols.append(i)
        vals.append(1.0)
    for j, (group, _k) in enumerate(z_index):
        rows.append(row + group_row[group])
        cols.append(z_start + j)
        vals.append(-1.0)
    lower += [0.0] * len(groups)
    upper += [0.0] * len(groups)
    row += len(groups)
    # A reciprocal bonus only when both of its pairs are made: y - x <= 0 for each side.
    for r, (one, other) in enumerate(reciprocal):
        for side in (one, other):
            rows += [row, row]
            cols += [y_start + r, side]
            vals += [1.0, -1.0]
            lower.append(-np.inf)
            upper.append(0.0)
            row += 1

    matrix = coo_array((vals, (rows, cols)), shape=(row, n)).tocsr()
    low = np.zeros(n)
    high = np.ones(n)
    for pair in problem.pinned:
        low[index[pair]] = 1.0
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
        integrality=np.ones(n),
        bounds=Bounds(low, high),
        options={"time_limit": time_limit, "disp": False},
    )
    if result.x is None:
        raise MatchingError("The optimiser found no matching that keeps every rule: check the pinned pairs.")
    chosen = tuple(pair for pair, i in index.items() if result.x[i] > 0.5)
    matched = {person for person, _slot in chosen}
    return Matching(
        pairs=chosen,
        unmatched=tuple(p for p in problem.people if p not in matched),
        objective=float(-result.fun),
    )


def random_matching(problem: Problem, *, seed: int = 0) -> Matching:
    """A matching chosen at random under the same hard rules: pins first, then each person in a random order
    takes a random allowed slot with room left."""
    check(problem)
    rng = random.Random(seed)
    room = {slot.key: slot.capacity for slot in problem.slots}
    options: dict[Key, list[Key]] = defaultdict(list)
    for person, slot in problem.allowed():
        options[person].append(slot)
    pairs: list[Pair] = []
    placed: set[Key] = set()
    for person, slot in sorted(problem.pinned, key=repr):
        pairs.append((person, slot))
        placed.add(person)
        room[slot] -= 1
    people = [p for p in dict.fromkeys(problem.people) if p not in placed]
    rng.shuffle(people)
    for person in people:
        open_slots = [slot for slot in options[person] if room[slot] > 0]
        if open_slots:
            slot = rng.choice(open_slots)
            pairs.append((person, slot))
            placed.add(person)
            room[slot] -= 1
    return Matching(pairs=tuple(pairs), unmatched=tuple(p for p in problem.people if p not in placed))


def violations(problem: Problem, matching: Matching) -> list[str]:
    """Every hard rule the matching breaks (none, for a matching from :func:`solve` or
    :func:`random_matching`): used by the tests and as a last check before publishing."""
    broken = []
    capacity = {slot.key: slot.capacity for slot in problem.slots}
    allowed = set(problem.allowed())
    people = Counter(person for person, _ in matching.pairs)
    slots = Counter(slot for _, slot in matching.pairs)
    broken += [f"{person!r} is matched {n} times" for person, n in people.items() if n > 1]
    broken += [
        f"{slot!r} has {n} for {capacity.get(slot, 0)}" for slot, n in slots.items() if n > capacity.get(slot, 0)
    ]
    broken += [f"{pair!r} is not allowed" for pair in matching.pairs if pair not in allowed]
    made = set(matching.pairs)
    broken += [f"{pair!r} is pinned but not made" for pair in problem.pinned if pair not in made]
    return broken


def summary(
    problem: Problem, matching: Matching, *, boundaries: Callable[[Key, Key], int] | None = None
) -> Figures:
    """The figures of a matching: pairs, unmatched people, the mean score and (with ``boundaries``, a count
    for each pair) the mean boundaries crossed, reciprocal pairs made, and the fullest host group's share."""
    pairs = matching.pairs
    made = set(pairs)
    scores = [float(problem.scores.get(pair, 0.0)) for pair in pairs]
    crossed = [boundaries(*pair) for pair in pairs] if boundaries else []
    group_of = {slot.key: slot.group_key for slot in problem.slots}
    group_capacity: Counter = Counter()
    for slot in problem.slots:
        group_capacity[slot.group_key] += slot.capacity
    load = Counter(group_of[slot] for _person, slot in pairs)
    fullest = max((load[g] / group_capacity[g] for g in load if group_capacity[g]), default=0.0)
    return Figures(
        pairs=len(pairs),
        unmatched=len(matching.unmatched),
        mean_score=round(sum(scores) / len(scores), 2) if scores else 0.0,
        mean_boundaries=round(sum(crossed) / len(crossed), 2) if crossed else 0.0,
        reciprocal_pairs=sum(1 for one, other in problem.reciprocal if one in made and other in made),
        fullest_group=round(fullest, 2),
        boundaries=dict(sorted(Counter(crossed).items())),
    )


def problem(
    people: Iterable[Key],
    slots: Iterable[Slot],
    scores: Mapping[Pair, float],
    **kwargs,
) -> Problem:
    """Build a :class:`Problem` from any iterables (the keyword arguments are :class:`Problem`'s)."""
    for name in ("forbidden", "pinned"):
        if name in kwargs:
            kwargs[name] = frozenset(kwargs[name])
    if "reciprocal" in kwargs:
        kwargs["reciprocal"] = tuple(kwargs["reciprocal"])
    return Problem(people=tuple(people), slots=tuple(slots), scores=dict(scores), **kwargs)
