"""The figures against values worked out by hand on small graphs (no database)."""

from datetime import date
from types import SimpleNamespace

import pytest

from evaluation.network import metrics

D = date(2026, 4, 1)


def person(organisation, profession=1, place=1, sector="nhs"):
    return SimpleNamespace(organisation=organisation, profession=profession, place=place, sector=sector)


def two_triangles():
    """Triangles 1-2-3 and 4-5-6 joined by the bridge 3-4: n = 6, m = 7."""
    edges = [(1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (4, 6), (5, 6)]
    return metrics.build_graph((a, b, "cohort", D) for a, b in edges)


def test_density_and_average_degree_by_hand():
    figures = metrics.figures(two_triangles(), {})
    assert figures["people"] == 6
    assert figures["ties"] == 7
    assert figures["density"] == pytest.approx(7 / 15, abs=1e-6)  # 7 of 6 * 5 / 2 possible ties
    assert figures["average_degree"] == pytest.approx(14 / 6, abs=1e-3)


def test_ei_index_and_share_crossing_by_hand():
    attributes = {p: person("A", sector="nhs") for p in (1, 2, 3)} | {
        p: person("B", sector="vcse") for p in (4, 5, 6)
    }
    figures = metrics.figures(two_triangles(), attributes)
    organisation = figures["crossing"]["organisation"]
    # One tie (3-4) crosses, six stay inside: E-I = (1 - 6) / 7.
    assert (organisation["external"], organisation["internal"]) == (1, 6)
    assert organisation["ei_index"] == pytest.approx(-5 / 7, abs=1e-4)
    assert organisation["share"] == pytest.approx(1 / 7, abs=1e-4)
    # Everyone has the same profession: every tie is internal.
    assert figures["crossing"]["profession"]["ei_index"] == -1.0
    assert figures["people_by_sector"] == {"nhs": 3, "vcse": 3}


def test_people_without_attributes_are_left_out_of_crossing():
    graph = metrics.build_graph([(1, 2, "cohort", D), (2, 3, "cohort", D)])
    cross = metrics.crossing(graph, {1: "A", 2: "B"})  # 3 not known: tie 2-3 is not counted
    assert (cross.external, cross.internal) == (1, 0)
    assert cross.ei_index == 1.0
    assert metrics.crossing(graph, {}).ei_index is None


def test_betweenness_by_hand():
    figures = metrics.figures(two_triangles(), {})
    # Node 3 is on the only shortest path between each of {1, 2} and each of {4, 5, 6}: 6 of the 10 pairs
    # of the other five people, 0.6 (and 4 likewise); nobody else is between anyone.
    top = {entry["person"]: entry["score"] for entry in figures["betweenness"]["top"]}
    assert top == {3: pytest.approx(0.6), 4: pytest.approx(0.6)}
    assert figures["betweenness"]["brokers"] == 2
    assert figures["betweenness"]["exact"] is True


def test_star_centre_is_the_only_broker():
    graph = metrics.build_graph((0, leaf, "quad", D) for leaf in (1, 2, 3, 4))
    scores = metrics.betweenness(graph)
    assert scores[0] == pytest.approx(1.0)  # all 6 pairs of leaves pass the centre
    assert all(scores[leaf] == 0 for leaf in (1, 2, 3, 4))


def test_components_and_modularity_by_hand():
    figures = metrics.figures(two_triangles(), {})
    assert figures["components"] == {"count": 1, "largest": 6}
    # Two communities (the triangles): Q = 2 * (3/7 - (7/14)^2) = 6/7 - 1/2.
    assert figures["modularity"]["communities"] == 2
    assert figures["modularity"]["value"] == pytest.approx(6 / 7 - 1 / 2, abs=1e-4)
    assert figures["modularity"]["method"] == "greedy"


def test_a_pair_tied_twice_is_one_tie_with_both_kinds():
    graph = metrics.build_graph([(1, 2, "cohort", D), (1, 2, "quad", D), (3, 4, "cohort", D), (5, 5, "quad", D)])
    figures = metrics.figures(graph, {})
    assert figures["ties"] == 2
    assert figures["ties_by_kind"] == {"cohort": 2, "quad": 1}
    assert figures["components"] == {"count": 2, "largest": 2}


def test_an_empty_network_has_figures_too():
    figures = metrics.figures(metrics.build_graph([]), {})
    assert figures["people"] == 0
    assert figures["density"] == 0.0
    assert figures["modularity"] == {"communities": 0, "value": None, "method": ""}
    assert figures["crossing"]["sector"]["ei_index"] is None
