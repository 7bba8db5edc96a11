"""The generic matcher (programmes/core/matching.py): a hand-made case with a known best answer, the hard
rules under random problems (hypothesis), pins, reciprocity and spreading."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from programmes.core import matching
from programmes.core.matching import MatchingError, Slot


def test_hand_made_case_finds_the_known_best():
    # Greedy would give a to X (5) and leave b with Y (1): total 6. The best is a-Y (4) + b-X (4) = 8.
    scores = {("a", "X"): 5, ("a", "Y"): 4, ("b", "X"): 4, ("b", "Y"): 1}
    problem = matching.problem(["a", "b"], [Slot("X", 1), Slot("Y", 1)], scores, spread_penalty=0)
    result = matching.solve(problem)
    assert sorted(result.pairs) == [("a", "Y"), ("b", "X")]
    assert result.objective == pytest.approx(8)
    assert matching.violations(problem, result) == []


def test_forbidden_pairs_are_never_made_and_pins_always_are():
    scores = {("a", "X"): 9, ("a", "Y"): 1, ("b", "X"): 1, ("b", "Y"): 1}
    problem = matching.problem(["a", "b"], [Slot("X", 1), Slot("Y", 1)], scores,
                               forbidden={("a", "X")}, pinned={("b", "Y")})
    result = matching.solve(problem)
    assert ("a", "X") not in result.pairs
    assert ("b", "Y") in result.pairs


def test_a_pin_that_breaks_a_rule_is_refused_in_words():
    scores = {("a", "X"): 1, ("b", "X"): 1}
    with pytest.raises(MatchingError, match="also not allowed"):
        matching.solve(matching.problem(["a"], [Slot("X", 1)], scores, forbidden={("a", "X")}, pinned={("a", "X")}))
    with pytest.raises(MatchingError, match="room for"):
        matching.solve(matching.problem(["a", "b"], [Slot("X", 1)], scores, pinned={("a", "X"), ("b", "X")}))


def test_spreading_fills_hosts_evenly_when_scores_tie():
    scores = {(p, s): 1 for p in "abcd" for s in ("X", "Y")}
    problem = matching.problem("abcd", [Slot("X", 4), Slot("Y", 4)], scores)
    result = matching.solve(problem)
    load = [slot for _p, slot in result.pairs]
    assert load.count("X") == load.count("Y") == 2
    assert matching.summary(problem, result).fullest_group == 0.5


def test_reciprocal_pairs_are_preferred_when_both_ask():
    # a hosts at A and b hosts at B; each asks to shadow the other. Without the bonus C would do as well.
    scores = {("a", "B"): 1, ("a", "C"): 1, ("b", "A"): 1, ("b", "C"): 1}
    slots = [Slot("A", 1), Slot("B", 1), Slot("C", 1)]
    problem = matching.problem("ab", slots, scores, reciprocal=[(("a", "B"), ("b", "A"))])
    result = matching.solve(problem)
    assert sorted(result.pairs) == [("a", "B"), ("b", "A")]
    assert matching.summary(problem, result).reciprocal_pairs == 1


@st.composite
def problems(draw):
    people = [f"p{i}" for i in range(draw(st.integers(1, 8)))]
    slots = [Slot(f"s{j}", draw(st.integers(0, 3)), group=f"h{j % 3}") for j in range(draw(st.integers(1, 6)))]
    scores, forbidden = {}, set()
    for p in people:
        for s in slots:
            kind = draw(st.sampled_from(["score", "score", "absent", "forbidden"]))
            if kind != "absent":
                scores[(p, s.key)] = draw(st.integers(0, 6))
            if kind == "forbidden":
                forbidden.add((p, s.key))
    # Pins that keep the rules: at most one a person, within capacity, on allowed pairs.
    room = {s.key: s.capacity for s in slots}
    pinned = set()
    for p in people:
        candidates = [s for (q, s) in scores if q == p and (q, s) not in forbidden and room[s] > 0]
        if candidates and draw(st.booleans()) and draw(st.booleans()):
            chosen = draw(st.sampled_from(sorted(candidates)))
            pinned.add((p, chosen))
            room[chosen] -= 1
    return matching.problem(people, slots, scores, forbidden=forbidden, pinned=pinned)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems(), st.integers(0, 5))
def test_neither_matcher_ever_breaks_a_hard_rule(problem, seed):
    best = matching.solve(problem)
    assert matching.violations(problem, best) == []
    rand = matching.random_matching(problem, seed=seed)
    assert matching.violations(problem, rand) == []
    # The optimiser is never worse than random on the total score (the spreading term is small).
    total = lambda m: sum(problem.scores[pair] for pair in m.pairs)  # noqa: E731
    assert total(best) + 0.5 * len(problem.people) >= total(rand)
