"""The network's figures, computed with networkx from ties and people's attributes. Pure functions: no
database, so they are tested against figures worked out by hand on small graphs.

Definitions (docs/evaluation-network.md):

* **density**: ties / possible ties, 2m / (n(n - 1)); **average degree**: 2m / n.
* For each attribute (organisation, profession, place, sector), over the ties whose two people both have
  it known: the **share crossing** is E / (E + I), and the **E-I index** (Krackhardt and Stern) is
  (E - I) / (E + I), where E counts ties between people of different groups and I ties within a group:
  -1 when every tie stays inside a group, +1 when every tie crosses.
* **betweenness**: networkx's normalised betweenness centrality; exact up to ``EXACT_BETWEENNESS_LIMIT``
  people, above that estimated from ``BETWEENNESS_SAMPLES`` sources chosen with a fixed seed. Above
  ``NETWORKX_BETWEENNESS_LIMIT`` people the same figures are computed with scipy sparse matrices
  (``brandes.py``: the same sources and formula, all sources of a level at once; 15 times faster).
* **components**: connected components; **modularity**: of the greedy modularity communities
  (Clauset-Newman-Moore), with the number of communities; Louvain above ``GREEDY_LIMIT`` people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms import community

from evaluation.network import brandes

ATTRIBUTES = ("organisation", "profession", "place", "sector")
EXACT_BETWEENNESS_LIMIT = 2000
NETWORKX_BETWEENNESS_LIMIT = 300  # networkx's own code up to here (the hand-worked tests' graphs)
BETWEENNESS_SAMPLES = 100
SEED = 20260401
TOP_BROKERS = 10
GREEDY_LIMIT = 3000
UNKNOWN = "unknown"  # a person without a leader profile


def build_graph(ties: Iterable[tuple[int, int, str, object]]) -> nx.Graph:
    """One undirected simple graph: a pair tied several ways (same cohort and same quad) is one tie, with
    the set of its kinds on the edge."""
    graph = nx.Graph()
    for a, b, kind, _on in ties:
        if a == b:
            continue
        if graph.has_edge(a, b):
            graph[a][b]["kinds"].add(kind)
        else:
            graph.add_edge(a, b, kinds={kind})
    return graph


@dataclass(frozen=True)
class Crossing:
    external: int
    internal: int

    @property
    def known(self) -> int:
        return self.external + self.internal

    @property
    def share(self) -> float | None:
        return self.external / self.known if self.known else None

    @property
    def ei_index(self) -> float | None:
        return (self.external - self.internal) / self.known if self.known else None


def crossing(graph: nx.Graph, groups: Mapping[int, object]) -> Crossing:
    """E and I for one attribute (``groups``: each person's group; people absent are not known)."""
    return crossings(graph, {None: groups})[None]


def crossings(graph: nx.Graph, attributes: Mapping[object, Mapping[int, object]]) -> dict[object, Crossing]:
    """E and I for several attributes, reading the ties from the graph once (``attributes``: name to
    groups)."""
    counts = {}  # name: [external, internal]
    pairs = list(graph.edges())
    for name, groups in attributes.items():
        external = internal = 0
        get = groups.get
        for a, b in pairs:
            group_a, group_b = get(a, _ABSENT), get(b, _ABSENT)
            if group_a is _ABSENT or group_b is _ABSENT:
                continue
            if group_a == group_b:
                internal += 1
            else:
                external += 1
        counts[name] = [external, internal]
    return {name: Crossing(*counted) for name, counted in counts.items()}


_ABSENT = object()


def betweenness_sources(n: int) -> int | None:
    """How many sources betweenness is estimated from for ``n`` people (None: exact, every person)."""
    return None if n <= EXACT_BETWEENNESS_LIMIT else BETWEENNESS_SAMPLES


def betweenness(graph: nx.Graph) -> dict[int, float]:
    n = graph.number_of_nodes()
    sources = betweenness_sources(n)
    if n <= NETWORKX_BETWEENNESS_LIMIT:
        return nx.betweenness_centrality(graph, normalized=True)
    if sources is None:
        return brandes.exact_betweenness(graph)
    return brandes.sampled_betweenness(graph, sources, SEED)


def modularity(graph: nx.Graph) -> tuple[int, float | None, str]:
    """(number of communities, modularity, method) of the greedy modularity communities, or above
    ``GREEDY_LIMIT`` people of the Louvain communities with a fixed seed (on 20,000 people greedy had not
    finished after two minutes, Louvain took 10 s; see bench/README.md); (0, None, "") without ties."""
    if graph.number_of_edges() == 0:
        return 0, None, ""
    if graph.number_of_nodes() <= GREEDY_LIMIT:
        communities = community.greedy_modularity_communities(graph)
        return len(communities), community.modularity(graph, communities), "greedy"
    communities = community.louvain_communities(graph, seed=SEED)
    return len(communities), partition_modularity(graph, communities), "louvain"


def partition_modularity(graph: nx.Graph, communities) -> float:
    """networkx's ``community.modularity`` of an unweighted graph (resolution 1) in one pass over the ties:
    the sum over communities of (ties inside / m) - (degrees / 2m)^2."""
    m = graph.number_of_edges()
    label = {person: number for number, members in enumerate(communities) for person in members}
    inside = [0] * len(communities)
    degrees = [0] * len(communities)
    for a, b in graph.edges():
        if label[a] == label[b]:
            inside[label[a]] += 1
    for person, degree in graph.degree():
        degrees[label[person]] += degree
    return sum(inside) / m - sum((degree / (2 * m)) ** 2 for degree in degrees)


def _rounded(value: float | None, places: int = 4) -> float | None:
    return None if value is None else round(value, places)


def figures(graph: nx.Graph, attributes: Mapping[int, object]) -> dict:
    """Every figure of one quarter's network as plain JSON. ``attributes``: person id to an object with
    ``organisation``, ``profession``, ``place`` and ``sector`` (people without one are not known)."""
    n, m = graph.number_of_nodes(), graph.number_of_edges()
    kinds = Counter(kind for _a, _b, edge_kinds in graph.edges(data="kinds") for kind in edge_kinds)
    result: dict = {
        "people": n,
        "ties": m,
        "ties_by_kind": dict(sorted(kinds.items())),
        "density": _rounded(nx.density(graph) if n > 1 else 0.0, 6),
        "average_degree": _rounded(2 * m / n if n else 0.0, 3),
        "crossing": {},
        "people_by_sector": dict(sorted(Counter(
            getattr(attributes.get(person), "sector", UNKNOWN) for person in graph.nodes()
        ).items())),
    }
    crossed = crossings(graph, {
        attribute: {person: getattr(attrs, attribute) for person, attrs in attributes.items() if person in graph}
        for attribute in ATTRIBUTES
    })
    for attribute, cross in crossed.items():
        result["crossing"][attribute] = {
            "external": cross.external, "internal": cross.internal,
            "share": _rounded(cross.share), "ei_index": _rounded(cross.ei_index),
        }
    scores = betweenness(graph) if n else {}
    ranked = sorted(((score, person) for person, score in scores.items() if score > 0), key=lambda s: (-s[0], s[1]))
    result["betweenness"] = {
        "exact": n <= EXACT_BETWEENNESS_LIMIT,
        "sources": betweenness_sources(n) or n,  # the people the shortest paths were counted from
        "brokers": len(ranked),  # people on at least one shortest path between two others
        "top": [{"person": person, "score": _rounded(score, 6)} for score, person in ranked[:TOP_BROKERS]],
    }
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True) if n else []
    result["components"] = {"count": len(components), "largest": components[0] if components else 0}
    communities, value, method = modularity(graph)
    result["modularity"] = {"communities": communities, "value": _rounded(value), "method": method}
    return result
