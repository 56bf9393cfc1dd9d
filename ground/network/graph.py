"""The backbone graph: terrestrial fiber corridors and submarine cable systems between metros.

Nodes are metro points of presence and cable-landing towns (``ground/data/network_nodes.csv``);
links are long-haul terrestrial corridors and submarine cable segments
(``ground/data/network_links.csv``), every row with its source. A link's fiber length is the
operator's published system length where the cable is a single segment between the two nodes,
and otherwise the great-circle distance times a route factor:

- submarine: the median of published length ÷ great circle over the shipped single-segment
  systems (MAREA, Dunant, AEC-1, SACS, SAIL, Curie, FASTER, Unity, ASC, TGA, i2i), computed from
  the catalog itself (``submarine_route_factor``);
- terrestrial: ``TERRESTRIAL_ROUTE_FACTOR`` (road and rail circuity, which long-haul fiber
  follows).

All-pairs shortest one-way delays between nodes are computed once per graph and traffic kind
with ``scipy.sparse.csgraph`` (Dijkstra), with the path's fiber length split into terrestrial
and submarine parts and its hop count, so that a query for (sources × destinations) is a k-d
tree look-up of the nearest nodes plus array indexing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd

from ground._checks import check_range
from ground.constants import FIBER_GROUP_INDEX, SPEED_OF_LIGHT_KM_S
from ground.sites import great_circle_km, unit_vectors

__all__ = [
    "TERRESTRIAL_ROUTE_FACTOR",
    "BackboneGraph",
    "backbone_graph",
    "backbone_links",
    "backbone_nodes",
    "submarine_route_factor",
]

#: Terrestrial fiber route length ÷ great-circle distance between two metros [-]. Long-haul
#: fiber is laid along roads and railways (Durairajan et al. 2015, the US InterTubes map), whose
#: network circuity is ≈ 1.2 in North America and Europe (Ballou et al. 2002, road circuity
#: factors by country); the extra 0.05 is cable slack and the detours of splice and regeneration
#: huts (stated assumption).
TERRESTRIAL_ROUTE_FACTOR = 1.25

_MEDIA = ("terrestrial", "submarine")


def _read(name: str) -> pd.DataFrame:
    with resources.files("ground").joinpath("data", name).open("r", encoding="utf-8") as f:
        return pd.read_csv(f, keep_default_na=False, na_values={"length_km": [""]})


@lru_cache(maxsize=1)
def _nodes_table() -> pd.DataFrame:
    return _read("network_nodes.csv")


@lru_cache(maxsize=1)
def _links_table() -> pd.DataFrame:
    return _read("network_links.csv")


def backbone_nodes() -> pd.DataFrame:
    """The shipped nodes: metro points of presence and cable-landing towns.

    Returns
    -------
    pandas.DataFrame
        Columns ``name``, ``country``, ``lat`` [deg], ``lon`` [deg], ``role`` (``metro`` or
        ``landing``), ``source``.

    Examples
    --------
    >>> nodes = backbone_nodes()
    >>> bool((nodes.role == "landing").any()), bool(nodes.name.is_unique)
    (True, True)
    """
    return _nodes_table().copy()


def backbone_links() -> pd.DataFrame:
    """The shipped links: terrestrial corridors and submarine cable segments.

    Returns
    -------
    pandas.DataFrame
        Columns ``node_a``, ``node_b``, ``medium`` (``terrestrial`` or ``submarine``),
        ``system`` (cable or corridor name), ``length_km`` (published fiber length, NaN when
        the route factor applies), ``source``. Add or drop rows and pass the table to
        ``backbone_graph(links=...)`` to study a cable cut or a new system.

    Examples
    --------
    >>> links = backbone_links()
    >>> links.loc[links.system == "MAREA", ["node_a", "node_b", "length_km"]].values.tolist()
    [['Virginia Beach', 'Bilbao', 6605.0]]
    """
    return _links_table().copy()


@lru_cache(maxsize=1)
def submarine_route_factor() -> float:
    """Median published length ÷ great-circle distance of the shipped single-segment cables [-].

    Examples
    --------
    >>> 1.0 < submarine_route_factor() < 1.3
    True
    """
    nodes = _nodes_table().set_index("name")
    links = _links_table()
    published = links[(links.medium == "submarine") & links.length_km.notna()]
    a, b = nodes.loc[published.node_a], nodes.loc[published.node_b]
    gc = great_circle_km(a.lat.to_numpy(), a.lon.to_numpy(), b.lat.to_numpy(), b.lon.to_numpy())
    return float(np.median(published.length_km.to_numpy() / gc))


def _check_tables(nodes: pd.DataFrame, links: pd.DataFrame) -> None:
    missing = {"name", "lat", "lon"} - set(nodes.columns)
    if missing:
        raise ValueError(f"nodes: missing columns {sorted(missing)}")
    missing = {"node_a", "node_b", "medium"} - set(links.columns)
    if missing:
        raise ValueError(f"links: missing columns {sorted(missing)}")
    if not nodes.name.is_unique:
        raise ValueError(f"nodes: duplicate names {sorted(nodes.name[nodes.name.duplicated()])}")
    check_range("nodes.lat", nodes.lat.to_numpy(), -90.0, 90.0, unit="deg")
    check_range("nodes.lon", nodes.lon.to_numpy(), -180.0, 360.0, unit="deg")
    known = set(nodes.name)
    for column in ("node_a", "node_b"):
        unknown = sorted(set(links[column]) - known)
        if unknown:
            raise ValueError(f"links.{column}: unknown node(s) {unknown[:5]}; every link end must "
                             "be a row of nodes")
    bad = sorted(set(links.medium) - set(_MEDIA))
    if bad:
        raise ValueError(f"links.medium: unknown medium {bad[0]!r}; choose one of {_MEDIA}")


@dataclass(frozen=True, eq=False)
class BackboneGraph:
    """Nodes, links with resolved fiber lengths, and a nearest-node index; all-pairs shortest
    paths per traffic kind are computed on first use and kept (``paths``).

    Build one with ``backbone_graph``; its fields are read-only by convention.
    """

    nodes: pd.DataFrame
    links: pd.DataFrame
    group_index: float
    router_delay_ms: float
    _cache: dict = field(default_factory=dict, repr=False)

    @property
    def unit_vectors(self) -> np.ndarray:
        return unit_vectors(self.nodes.lat.to_numpy(), self.nodes.lon.to_numpy()).reshape(-1, 3)

    def tree(self):
        """``scipy.spatial.cKDTree`` over the nodes' unit vectors (built once)."""
        if "tree" not in self._cache:
            from scipy.spatial import cKDTree

            self._cache["tree"] = cKDTree(self.unit_vectors)
        return self._cache["tree"]

    def paths(self, route_inflation: float = 1.0) -> dict:
        """All-pairs shortest paths for links stretched by ``route_inflation`` [-].

        Returns a dict of (n, n) arrays: ``delay_ms`` (one way: propagation at c/n_g over the
        inflated length plus ``router_delay_ms`` per link), ``terrestrial_km`` and
        ``submarine_km`` (uninflated fiber length along that path) and ``hops`` (links on it;
        -1 where unreachable). The path minimises the delay itself, so adding a link can only
        lower any delay and removing one only raise it.
        """
        key = ("paths", float(route_inflation))
        if key not in self._cache:
            self._cache[key] = _all_pairs(self, float(route_inflation))
        return self._cache[key]


def _all_pairs(graph: BackboneGraph, route_inflation: float) -> dict:
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import dijkstra

    n = len(graph.nodes)
    index = {name: i for i, name in enumerate(graph.nodes.name)}
    a = graph.links.node_a.map(index).to_numpy()
    b = graph.links.node_b.map(index).to_numpy()
    length = graph.links.length_km.to_numpy(dtype=float)
    submarine = (graph.links.medium == "submarine").to_numpy()
    ms_per_km = graph.group_index / SPEED_OF_LIGHT_KM_S * 1e3
    weight = route_inflation * length * ms_per_km + graph.router_delay_ms

    # Parallel links between the same two nodes: keep the fastest (and its medium).
    edge_delay = np.full((n, n), np.inf)
    edge_terrestrial = np.zeros((n, n))
    edge_submarine = np.zeros((n, n))
    order = np.argsort(-weight)  # slowest first, so the fastest is written last
    for i, j, w, km, sub in zip(a[order], b[order], weight[order], length[order],
                                submarine[order]):
        for p, q in ((i, j), (j, i)):
            edge_delay[p, q] = w
            edge_terrestrial[p, q] = 0.0 if sub else km
            edge_submarine[p, q] = km if sub else 0.0
    finite = np.isfinite(edge_delay)
    rows, cols = np.nonzero(finite)
    # A zero-delay link would vanish from a sparse matrix; weights are > 0 since lengths are.
    matrix = coo_matrix((edge_delay[rows, cols], (rows, cols)), shape=(n, n)).tocsr()
    delay, predecessor = dijkstra(matrix, directed=False, return_predecessors=True)

    # Walk every path back from its end to its start at once: one predecessor step per
    # iteration for all (start, end) pairs, summing the links' media and counting hops.
    start = np.arange(n)[:, None]
    current = np.broadcast_to(np.arange(n)[None, :], (n, n)).copy()
    reachable = np.isfinite(delay)
    terrestrial = np.zeros((n, n))
    submarine_km = np.zeros((n, n))
    hops = np.where(reachable, 0, -1)
    active = reachable & (current != start)
    while active.any():
        previous = np.where(active, predecessor[start, current], current)
        terrestrial += np.where(active, edge_terrestrial[previous, current], 0.0)
        submarine_km += np.where(active, edge_submarine[previous, current], 0.0)
        hops += active
        current = previous
        active &= current != start
    return {"delay_ms": delay, "terrestrial_km": terrestrial, "submarine_km": submarine_km,
            "hops": hops}


def _resolve_lengths(nodes: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    located = nodes.set_index("name")
    a, b = located.loc[links.node_a], located.loc[links.node_b]
    gc = great_circle_km(a.lat.to_numpy(), a.lon.to_numpy(), b.lat.to_numpy(), b.lon.to_numpy())
    links = links.copy()
    if "length_km" not in links:
        links["length_km"] = np.nan
    published = pd.to_numeric(links.length_km, errors="coerce").to_numpy(dtype=float)
    factor = np.where(links.medium == "submarine", submarine_route_factor(),
                      TERRESTRIAL_ROUTE_FACTOR)
    # Light cannot follow a cable shorter than the great circle between its ends (1 km slack
    # for the town-level coordinates of landing points).
    short = published < gc - 1.0
    if short.any():
        row = links[short].iloc[0]
        raise ValueError(f"links.length_km: {row.length_km:g} km for {row.node_a}–{row.node_b} "
                         f"is shorter than the great circle between them "
                         f"({gc[np.argmax(short)]:.0f} km)")
    links["great_circle_km"] = gc
    links["length_source"] = np.where(np.isfinite(published), "published", "route factor")
    links["length_km"] = np.where(np.isfinite(published), published, gc * factor)
    return links


_DEFAULT_GRAPHS: dict = {}


def backbone_graph(links=None, nodes=None, *, group_index=FIBER_GROUP_INDEX,
                   router_delay_ms=None) -> BackboneGraph:
    """The backbone graph, from the shipped catalog or from tables you edited.

    Parameters
    ----------
    links : pandas.DataFrame, optional
        Link table shaped like ``backbone_links()`` (``length_km`` may be NaN: the route factor
        of the medium applies). Default: the shipped links.
    nodes : pandas.DataFrame, optional
        Node table shaped like ``backbone_nodes()``. Default: the shipped nodes.
    group_index : float, default 1.468
        Group index of the fiber [-].
    router_delay_ms : float, optional
        One-way delay per router (one per link traversed) [ms]; default
        ``ground.network.ROUTER_DELAY_MS``.

    Returns
    -------
    BackboneGraph
        The shipped graph is built once per (group index, router delay) and reused.

    Examples
    --------
    >>> graph = backbone_graph()
    >>> len(graph.nodes) > 150 and len(graph.links) > 250
    True
    """
    from ground.network.latency import ROUTER_DELAY_MS

    router_delay_ms = ROUTER_DELAY_MS if router_delay_ms is None else router_delay_ms
    router_delay_ms = float(check_range("router_delay_ms", router_delay_ms, 0.0, 100.0, unit="ms"))
    group_index = float(check_range("group_index", group_index, 1.0, 3.0))
    default = links is None and nodes is None
    key = (group_index, router_delay_ms)
    if default and key in _DEFAULT_GRAPHS:
        return _DEFAULT_GRAPHS[key]
    nodes = _nodes_table() if nodes is None else pd.DataFrame(nodes).reset_index(drop=True)
    links = _links_table() if links is None else pd.DataFrame(links).reset_index(drop=True)
    _check_tables(nodes, links)
    graph = BackboneGraph(nodes=nodes.copy(), links=_resolve_lengths(nodes, links),
                          group_index=group_index, router_delay_ms=router_delay_ms)
    if default:
        _DEFAULT_GRAPHS[key] = graph
    return graph
