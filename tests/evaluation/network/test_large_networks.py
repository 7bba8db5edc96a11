"""The large-network path of the figures (no database): above the size limits betweenness is computed with
scipy sparse matrices (sampled above 2,000 people) and communities are Louvain's. The sparse figures must be
networkx's own, the method must be recorded, and the same ties must give the same figures. No timings."""

import random
from datetime import date
from types import SimpleNamespace

import networkx as nx
import pytest
from networkx.algorithms import community

from evaluation.network import brandes, metrics

D = date(2026, 4, 1)
SECTORS = ("nhs", "primary_care", "local_government", "social_care", "vcse")


def synthetic_ties(people: int, seed: int = 3):
    """Cohorts of 20 (each a clique) and random ties across cohorts, as bench/network_snapshot.py makes
    them: 3,000 people give about 28,500 cohort ties and 3,000 across."""
    rng = random.Random(seed)
    ties = []
    for start in range(0, people, 20):
        cohort = range(start + 1, min(start + 21, people + 1))
        ties += [(a, b, "cohort", D) for a in cohort for b in cohort if a < b]
    ties += [(rng.randrange(1, people + 1), rng.randrange(1, people + 1), "quad", D) for _ in range(people)]
    return ties


def attributes(people: int, seed: int = 4):
    rng = random.Random(seed)
    return {p: SimpleNamespace(organisation=rng.randrange(40), profession=rng.randrange(10), place=rng.randrange(6),
                               sector=rng.choice(SECTORS)) for p in range(1, people + 1)}


@pytest.fixture(scope="module")
def large():
    graph = metrics.build_graph(synthetic_ties(3000))
    return graph, metrics.figures(graph, attributes(3000))


def test_above_the_limits_the_methods_switch_and_are_recorded(large):
    graph, figures = large
    assert graph.number_of_nodes() == 3000 > metrics.EXACT_BETWEENNESS_LIMIT
    assert figures["betweenness"]["exact"] is False
    assert figures["betweenness"]["sources"] == metrics.BETWEENNESS_SAMPLES
    assert figures["modularity"]["method"] == "greedy"  # 3,000 is still greedy's; Louvain above
    bigger = metrics.build_graph(synthetic_ties(metrics.GREEDY_LIMIT + 20))
    communities, value, method = metrics.modularity(bigger)
    assert method == "louvain"
    assert 0.3 < value < 1  # cohorts of 20 joined by a few random ties: strong communities
    assert communities >= 20


def test_large_figures_are_the_same_however_often_they_run(large):
    graph, figures = large
    again = metrics.figures(metrics.build_graph(synthetic_ties(3000)), attributes(3000))
    assert again == figures
    assert figures["betweenness"]["brokers"] > 0
    assert len(figures["betweenness"]["top"]) == metrics.TOP_BROKERS
    assert 0 < figures["modularity"]["value"] < 1


def test_sampled_betweenness_is_networkx_own_estimate():
    graph = metrics.build_graph(synthetic_ties(3000))
    ours = metrics.betweenness(graph)
    theirs = nx.betweenness_centrality(graph, k=metrics.BETWEENNESS_SAMPLES, normalized=True, seed=metrics.SEED)
    assert ours.keys() == theirs.keys()
    assert max(abs(ours[p] - theirs[p]) for p in graph) < 1e-9
    assert {p for p in graph if ours[p] > 0} == {p for p in graph if theirs[p] > 0}


@pytest.mark.parametrize("graph", [
    nx.gnm_random_graph(600, 2400, seed=5),  # one big component and a few loose people
    nx.disjoint_union(nx.path_graph(400), nx.complete_graph(30)),  # long thin and dense, apart
    nx.relabel_nodes(nx.connected_watts_strogatz_graph(500, 6, 0.1, seed=6), lambda p: 10_000 - 7 * p),
], ids=["random", "path-and-clique", "small-world"])
def test_sparse_exact_betweenness_is_networkx_own(graph):
    assert graph.number_of_nodes() > metrics.NETWORKX_BETWEENNESS_LIMIT
    ours = metrics.betweenness(graph)
    theirs = nx.betweenness_centrality(graph, normalized=True)
    assert max(abs(ours[p] - theirs[p]) for p in graph) < 1e-9
    sampled = brandes.sampled_betweenness(graph, 50, seed=9)
    expected = nx.betweenness_centrality(graph, k=50, normalized=True, seed=9)
    assert max(abs(sampled[p] - expected[p]) for p in graph) < 1e-9


def test_fast_modularity_is_networkx_own():
    graph = metrics.build_graph(synthetic_ties(1000))
    communities = community.louvain_communities(graph, seed=metrics.SEED)
    assert metrics.partition_modularity(graph, communities) == pytest.approx(
        community.modularity(graph, communities), abs=1e-12)


def test_crossing_in_one_read_matches_one_attribute_at_a_time():
    graph = metrics.build_graph(synthetic_ties(1000))
    people = attributes(1000)
    del people[5], people[17]  # people without a profile are not known
    groups = {name: {p: getattr(a, name) for p, a in people.items()} for name in metrics.ATTRIBUTES}
    together = metrics.crossings(graph, groups)
    for name in metrics.ATTRIBUTES:
        external = sum(1 for a, b in graph.edges() if a in groups[name] and b in groups[name]
                       and groups[name][a] != groups[name][b])
        internal = sum(1 for a, b in graph.edges() if a in groups[name] and b in groups[name]
                       and groups[name][a] == groups[name][b])
        assert together[name] == metrics.Crossing(external, internal) == metrics.crossing(graph, groups[name])


def test_sampling_more_sources_than_people_is_refused():
    with pytest.raises(ValueError, match="fewer sources"):
        brandes.sampled_betweenness(nx.path_graph(5), 5, seed=1)
