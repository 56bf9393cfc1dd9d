"""Time-varying shortest-delay routing between ground sites and satellites.

One directed graph per time step, built with vectorized numpy and solved with
``scipy.sparse.csgraph.dijkstra`` from the requested sources only. Node layout::

    0 … N−1          satellites (links both ways between active ISL pairs)
    N … N+S−1        sites, as *sources*: outgoing up-links only (relay sites / gateways also
                     take incoming down-links)

A site is reached as a destination over its last down-link, added after the search:
d(a, b) = min over satellites j in view of b of [d(a, j) + ρ(j, b)]. This is the same as
giving every site a separate sink node with incoming down-links only, and it makes "ground
sites are endpoints, not relays" exact: no path can enter a site and leave it again unless
that site is a chosen relay.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import xarray as xr
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from orbital._checks import check_choice
from orbital.constants import SPEED_OF_LIGHT_KM_S
from orbital.links.geometry import (
    as_sites,
    check_satellites_per_site,
    ground_link_candidates,
    local_frame,
    satellite_positions,
    visibility_rule,
)
from orbital.links.topology import DEFAULT_GRAZING_ALTITUDE_KM, inter_satellite_links

#: Routing modes: shortest path over ISLs, or one satellite with no ISL (bent pipe).
ROUTING_MODES = ("isl", "bent-pipe")

__all__ = ["ROUTING_MODES", "RoutingOptions", "route"]


def _labels(values, what):
    labels = np.asarray([str(v) for v in np.asarray(values).ravel()], dtype=object)
    if len(set(labels)) != labels.size:
        raise ValueError(f"{what}: labels must be unique")
    return labels


def _select(requested, labels, field):
    """Indices of ``requested`` labels among ``labels`` (all when None)."""
    if requested is None:
        return np.arange(labels.size)
    if isinstance(requested, str | int | np.integer):
        requested = [requested]
    lookup = {label: i for i, label in enumerate(labels)}
    out = []
    for item in requested:
        key = str(item)
        if key not in lookup:
            shown = ", ".join(list(labels[:8])) + (" …" if labels.size > 8 else "")
            raise ValueError(f"{field}: {item!r} is not a known label; known: {shown}")
        if lookup[key] in out:
            raise ValueError(f"{field}: {item!r} is listed twice")
        out.append(lookup[key])
    return np.asarray(out, dtype=np.int64)


def _satellite_indices(requested, n_satellites, field):
    if requested is None:
        return np.zeros(0, dtype=np.int64)
    array = np.atleast_1d(np.asarray(requested))
    if array.size and not np.issubdtype(array.dtype, np.integer):
        raise ValueError(f"{field}: satellite indices must be integers, got {requested!r}")
    bad = (array < 0) | (array >= n_satellites)
    if bad.any():
        raise ValueError(f"{field}: satellite {int(array[bad][0])} is unknown; indices run from 0 "
                         f"to {n_satellites - 1}")
    return array.astype(np.int64)


@dataclass(frozen=True, eq=False)
class RoutingOptions:
    """The rules a route obeys: which links exist (ISL topology, ground visibility) and who relays.

    Validated at construction, so one set of rules can be built once and reused over many
    calls of :func:`route` (``route(states, sites, options=rules)``); any field can also be
    given to :func:`route` as a keyword (``route(states, sites, mode="bent-pipe")``).

    Attributes
    ----------
    topology : {"+grid", "mesh", "none"}, array-like (E, 2) or xarray.Dataset, default "+grid"
        ISL topology (see :func:`inter_satellite_links`) or its precomputed result.
    mode : {"isl", "bent-pipe"}, default "isl"
        ``"bent-pipe"`` drops all ISLs: site → one satellite → site (plus relay sites).
    min_elevation_deg, max_range_km : float, optional
        Ground-link visibility rule (see :func:`visibility`); default 25° minimum elevation.
    max_satellites_per_site : int, optional
        Each site links to its nearest N visible satellites only (default: all visible).
    isl_max_range_km : float, optional
        Maximum ISL length [km] (default 5 400 km, ``ISL_PARAMETERS["starlink-optical"]``).
    grazing_altitude_km : float, default 80
        ISLs are cut while their line of sight dips below this altitude [km].
    relay_sites : sequence of site labels or "all", optional
        Ground sites allowed to relay traffic (gateways). Default none: ground sites are
        endpoints only and no path passes through a third site.

    Examples
    --------
    >>> RoutingOptions(mode="bent-pipe", min_elevation_deg=10.0).mode
    'bent-pipe'
    """

    topology: object = "+grid"
    mode: str = "isl"
    min_elevation_deg: float | None = None
    max_range_km: float | None = None
    max_satellites_per_site: int | None = None
    isl_max_range_km: float | None = None
    grazing_altitude_km: float = DEFAULT_GRAZING_ALTITUDE_KM
    relay_sites: object = None

    def __post_init__(self):
        check_choice("mode", self.mode, ROUTING_MODES)
        visibility_rule(self.min_elevation_deg, self.max_range_km)
        check_satellites_per_site(self.max_satellites_per_site)

    @property
    def ground_rule(self) -> tuple[float | None, float, int | None]:
        """(sin of minimum elevation or None, maximum range [km], nearest-N count or None)."""
        sin_min, max_range = visibility_rule(self.min_elevation_deg, self.max_range_km)
        return sin_min, max_range, check_satellites_per_site(self.max_satellites_per_site)


_OPTION_NAMES = tuple(field.name for field in fields(RoutingOptions))


def route(states, sites=None, *, sources=None, destinations=None, source_satellites=None,
          destination_satellites=None, options: RoutingOptions | None = None,
          return_paths=False, **rules) -> xr.Dataset:
    """Shortest propagation-delay routes at every time step: one-way delay, RTT, hops, paths.

    Parameters
    ----------
    states : xarray.Dataset
        Satellite states from :func:`orbital.orbits.propagate` (``position_itrs_km``).
    sites : xarray.Dataset or tuple, optional
        Ground sites (``lat``, ``lon`` [deg], optional ``alt_km`` [km] on ``site``).
    sources, destinations : sequence of site labels, optional
        Ground endpoints (default: every site, unless only satellites are given on that side).
    source_satellites, destination_satellites : sequence of int, optional
        Satellite indices used as endpoints too (e.g. an orbital compute cluster).
    options : RoutingOptions, optional
        The link and relay rules; default ``RoutingOptions()``.
    return_paths : bool, default False
        Also return ``path_node`` (time, source, destination, path_index).
    **rules
        Any :class:`RoutingOptions` field (``topology``, ``mode``, ``min_elevation_deg``,
        ``max_range_km``, ``max_satellites_per_site``, ``isl_max_range_km``,
        ``grazing_altitude_km``, ``relay_sites``), overriding ``options``.

    Returns
    -------
    xarray.Dataset
        On (time, source, destination): ``one_way_ms``, ``rtt_ms``, ``distance_km``, ``hops``
        (links traversed), ``isl_hops``, ``reachable``; NaN delay where unreachable. With
        ``return_paths``: ``path_node``, node numbers along the path, −1 padded, where
        0 … N−1 are satellites and N + i is site i (Hypatia's numbering, N + gid).

    Notes
    -----
    Edge weight = straight-line length of the link at the time step; one-way delay =
    Σ lengths / c (c = 299 792.458 km/s, vacuum), RTT = 2 × one-way (path frozen at the step,
    as in Hypatia's satgenpy analysis). In the per-step graph a site has only up-links (relay
    sites also take down-links); a destination site is reached after the search over its
    best last down-link, d(a, b) = min_j [d(a, j) + ρ(j, b)] over satellites j in view of b.
    Both together equal a graph where each site is split into a source node with only
    up-links and a sink node with only down-links, so a path is site → satellite(s) → site
    and never passes through a third site unless it is a relay.

    References
    ----------
    Dijkstra, E. W., "A note on two problems in connexion with graphs", Numer. Math. 1 (1959);
    Kassing, S. et al., "Exploring the 'Internet from space' with Hypatia", ACM IMC 2020.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> from orbital.links import ground_sites
    >>> pos = np.array([[[6928.137, 0.0, 0.0]]])  # one satellite straight above (0°, 0°)
    >>> states = xr.Dataset({"position_itrs_km": (("time", "satellite", "xyz"), pos)},
    ...                     coords={"time": [np.datetime64("2026-01-01", "ns")], "satellite": [0]})
    >>> sites = ground_sites([0.0], [0.0], names=["A"])
    >>> r = route(states, sites, destination_satellites=[0], topology="none")
    >>> round(float(r.one_way_ms.isel(time=0).sel(source="A", destination="satellite 0")), 4)
    1.8346
    """
    options = _options(options, rules)
    positions, coords = satellite_positions(states)
    n_time, n_sat = positions.shape[:2]
    sin_min, max_range, count = options.ground_rule
    site_labels, site_xyz, frame = _site_geometry(sites)
    n_site = site_labels.size
    if sites is None and (sources is not None or destinations is not None
                          or options.relay_sites):
        raise ValueError("sites: site labels were given as endpoints or relays but no sites")
    src_sites, src_sats, dst_sites, dst_sats = _endpoints(
        site_labels, n_sat, sources, destinations, source_satellites, destination_satellites)
    relay = _relays(options.relay_sites, site_labels)
    isl_a, isl_b, isl_active, isl_length = _isl_edges(states, options, n_time)

    n_nodes = n_sat + n_site
    src_nodes = np.concatenate([n_sat + src_sites, src_sats])
    # Label of each destination in path_node, and down-links already counted before the walk.
    end_nodes = np.concatenate([n_sat + dst_sites, dst_sats])
    first_hops = np.concatenate([np.ones(dst_sites.size, np.int32),
                                 np.zeros(dst_sats.size, np.int32)])
    dst_column = np.full(n_site, -1)
    dst_column[dst_sites] = np.arange(dst_sites.size)
    # Same place on both ends (site to itself, satellite to itself): zero delay, zero hops.
    src_key = np.concatenate([src_sites, n_site + src_sats])
    dst_key = np.concatenate([dst_sites, n_site + dst_sats])
    same = src_key[:, None] == dst_key[None, :]

    shape = (n_time, src_nodes.size, end_nodes.size)
    distance = np.full(shape, np.inf)
    hops = np.zeros(shape, dtype=np.int32)
    isl_hops = np.zeros(shape, dtype=np.int32)
    paths = [] if return_paths else None
    start = np.empty(shape[1:], dtype=np.int64)

    for t in range(n_time):
        site_i, sat_i, rng = ground_link_candidates(positions[t], site_xyz, frame, sin_min,
                                                    max_range, count)
        on = isl_active[t]
        a, b, w = isl_a[on], isl_b[on], isl_length[t, on]
        relayed = relay[site_i]
        rows = np.concatenate([a, b, n_sat + site_i, sat_i[relayed]])
        cols = np.concatenate([b, a, sat_i, n_sat + site_i[relayed]])
        data = np.concatenate([w, w, rng, rng[relayed]])
        graph = csr_matrix((data, (rows, cols)), shape=(n_nodes, n_nodes))
        dist, pred = dijkstra(graph, directed=True, indices=src_nodes, return_predecessors=True)
        n_dst_sites = dst_sites.size
        distance[t, :, :n_dst_sites], start[:, :n_dst_sites] = _down_links(
            dist, dst_column, site_i, sat_i, rng, n_dst_sites)
        distance[t, :, n_dst_sites:] = dist[:, dst_sats]
        start[:, n_dst_sites:] = dst_sats
        step_hops, step_isl, step_path = _walk(pred, src_nodes, start, first_hops, end_nodes,
                                               n_sat, np.isfinite(distance[t]), return_paths)
        hops[t], isl_hops[t] = step_hops, step_isl
        if return_paths:
            paths.append(step_path)

    distance[:, same] = 0.0
    hops[:, same] = 0
    isl_hops[:, same] = 0
    reachable = np.isfinite(distance)
    distance = np.where(reachable, distance, np.nan)
    one_way = distance / SPEED_OF_LIGHT_KM_S * 1e3

    src_labels = np.concatenate([site_labels[src_sites], _sat_labels(coords, src_sats)])
    dst_labels = np.concatenate([site_labels[dst_sites], _sat_labels(coords, dst_sats)])
    src_kind = np.array(["site"] * src_sites.size + ["satellite"] * src_sats.size, dtype=object)
    dst_kind = np.array(["site"] * dst_sites.size + ["satellite"] * dst_sats.size, dtype=object)
    dims = ("time", "source", "destination")
    result = xr.Dataset(
        {
            "one_way_ms": (dims, one_way, {"units": "ms",
                                           "long_name": "one-way propagation delay (vacuum)"}),
            "rtt_ms": (dims, 2.0 * one_way, {"units": "ms", "long_name": "round-trip time"}),
            "distance_km": (dims, distance, {"units": "km", "long_name": "path length"}),
            "hops": (dims, hops, {"units": "1", "long_name": "links traversed"}),
            "isl_hops": (dims, isl_hops, {"units": "1",
                                          "long_name": "inter-satellite links traversed"}),
            "reachable": (dims, reachable, {"units": "1", "long_name": "a path exists"}),
        },
        coords={
            "time": coords["time"].values,
            "source": src_labels.astype(str),
            "destination": dst_labels.astype(str),
            "source_kind": ("source", src_kind.astype(str)),
            "destination_kind": ("destination", dst_kind.astype(str)),
        },
        attrs={"mode": options.mode, "relay_sites": ", ".join(site_labels[relay]),
               "n_satellites": n_sat},
    )
    if return_paths:
        result["path_node"] = _path_nodes(paths, shape, same, src_key, n_site, n_sat, dims)
    return result


def _options(options, rules) -> RoutingOptions:
    """``options`` (default ``RoutingOptions()``) with the keyword ``rules`` replacing fields."""
    if options is not None and not isinstance(options, RoutingOptions):
        raise ValueError(f"options: expected an orbital.links.RoutingOptions, got "
                         f"{type(options).__name__}")
    for name in rules:
        check_choice("route keyword", name, _OPTION_NAMES, where="orbital.links.RoutingOptions")
    options = options or RoutingOptions()
    return replace(options, **rules) if rules else options


def _site_geometry(sites):
    """(labels, ITRS positions (S, 3) [km], local frames (S, 3, 3)) of the ground sites."""
    if sites is None:
        return np.zeros(0, dtype=object), np.zeros((0, 3)), np.zeros((0, 3, 3))
    sites = as_sites(sites)
    return (_labels(sites["site"].values, "sites"), sites["position_itrs_km"].values,
            local_frame(sites))


def _endpoints(site_labels, n_sat, sources, destinations, source_satellites,
               destination_satellites):
    """Indices of (source sites, source satellites, destination sites, destination satellites).

    Site endpoints default to every site, unless satellites alone were asked for on that side.
    """
    src_sats = _satellite_indices(source_satellites, n_sat, "source_satellites")
    dst_sats = _satellite_indices(destination_satellites, n_sat, "destination_satellites")
    no_sites = np.zeros(0, dtype=np.int64)
    src_sites = (no_sites if sources is None and source_satellites is not None
                 else _select(sources, site_labels, "sources"))
    dst_sites = (no_sites if destinations is None and destination_satellites is not None
                 else _select(destinations, site_labels, "destinations"))
    if src_sites.size + src_sats.size == 0 or dst_sites.size + dst_sats.size == 0:
        raise ValueError("sources/destinations: give at least one source and one destination")
    return src_sites, src_sats, dst_sites, dst_sats


def _relays(relay_sites, site_labels) -> np.ndarray:
    """Boolean mask of the sites allowed to relay."""
    if isinstance(relay_sites, str) and relay_sites == "all":
        return np.ones(site_labels.size, dtype=bool)
    relay = np.zeros(site_labels.size, dtype=bool)
    if relay_sites is not None:
        relay[_select(relay_sites, site_labels, "relay_sites")] = True
    return relay


def _isl_edges(states, options: RoutingOptions, n_time: int):
    """(end a, end b, active (time, E), length (time, E) [km]) of the inter-satellite links."""
    if options.mode == "bent-pipe":
        none = np.zeros(0, dtype=np.int64)
        return none, none, np.zeros((n_time, 0), dtype=bool), np.zeros((n_time, 0))
    if isinstance(options.topology, xr.Dataset):
        links = options.topology
        if links.sizes.get("time") != n_time:
            raise ValueError(f"topology: the links Dataset has {links.sizes.get('time')} time "
                             f"steps, the states {n_time}")
    else:
        links = inter_satellite_links(states, options.topology,
                                      max_range_km=options.isl_max_range_km,
                                      grazing_altitude_km=options.grazing_altitude_km)
    return (links["satellite_a"].values.astype(np.int64),
            links["satellite_b"].values.astype(np.int64),
            links["active"].values, links["length_km"].values)


def _path_nodes(paths, shape, same, src_key, n_site, n_sat, dims):
    """The ``path_node`` variable: per-step paths padded to a common width with −1."""
    width = max(p.shape[-1] for p in paths)
    path_node = np.full(shape + (width,), -1, dtype=np.int32)
    for t, p in enumerate(paths):  # copy into a common width (cheap; paths are small)
        path_node[t, ..., : p.shape[-1]] = p
    # A site-to-itself pair is the single node of that site.
    path_node[:, same, :] = -1
    same_src = np.nonzero(same)[0]
    path_node[:, same, 0] = np.where(src_key[same_src] < n_site, n_sat + src_key[same_src],
                                     src_key[same_src] - n_site)
    return (dims + ("path_index",), path_node,
            {"units": "1", "long_name": "node along the path: 0…N−1 satellites, N+i site i, "
                                        "−1 padding"})


def _sat_labels(coords, indices):
    if indices.size == 0:
        return np.zeros(0, dtype=object)
    if "satellite_name" in coords.coords:
        names = np.asarray(coords["satellite_name"].values)[indices]
        return np.asarray([str(n) for n in names], dtype=object)
    return np.asarray([f"satellite {i}" for i in indices], dtype=object)


def _down_links(dist, dst_column, site_i, sat_i, rng, n_columns):
    """Best last down-link to each destination site: (distance (K, D), exit satellite (K, D)).

    d(a, b) = min over satellites j in view of b of [d(a, j) + ρ(j, b)]; the exit satellite is
    the first j (lowest index in view order) reaching the minimum, −1 when none is reachable.
    """
    n_src = dist.shape[0]
    best = np.full((n_src, n_columns), np.inf)
    exit_satellite = np.full((n_src, n_columns), -1, dtype=np.int64)
    column = dst_column[site_i]
    keep = column >= 0
    if not keep.any():
        return best, exit_satellite
    order = np.argsort(column[keep], kind="stable")
    column, satellite, length = column[keep][order], sat_i[keep][order], rng[keep][order]
    present, first, counts = np.unique(column, return_index=True, return_counts=True)
    total = dist[:, satellite] + length  # (K, down-links)
    segment_min = np.minimum.reduceat(total, first, axis=1)
    entry = np.where(total == np.repeat(segment_min, counts, axis=1),
                     np.arange(total.shape[1]), total.shape[1])
    winner = np.minimum.reduceat(entry, first, axis=1)
    best[:, present] = segment_min
    exit_satellite[:, present] = np.where(np.isfinite(segment_min),
                                          satellite[np.minimum(winner, satellite.size - 1)], -1)
    return best, exit_satellite


def _walk(pred, src_nodes, start, first_hops, end_nodes, n_sat, reachable, want_path):
    """Hop counts (and node sequences) by walking predecessors back, all pairs at once.

    The walk begins at ``start`` (the exit satellite of a site destination, or the satellite
    destination itself) with ``first_hops`` links already counted. Only the pairs still
    walking are kept at each iteration, so the work is the total number of hops rather than
    (longest path × pairs).
    """
    n_src, n_dst = start.shape
    n_nodes = pred.shape[1]
    flat_pred = pred.ravel()
    valid = reachable.ravel()
    hops = np.where(valid, np.tile(first_hops, n_src), 0).astype(np.int32)
    isl = np.zeros(n_src * n_dst, dtype=np.int32)
    index = np.flatnonzero(valid)
    column = index % n_dst
    current = start.ravel()[index]
    depth = first_hops[column].astype(np.int64)
    trail = []
    if want_path:
        trail.append((index, end_nodes[column], np.zeros(index.size, dtype=np.int64)))
        counted = depth > 0
        trail.append((index[counted], current[counted], depth[counted]))
    row = index // n_dst
    source = src_nodes[row]
    base = row * n_nodes
    count = np.zeros(index.size, dtype=np.int32)  # ISL hops so far, per walking pair
    going = current != source
    index, current, source, base, depth, count = (index[going], current[going], source[going],
                                                  base[going], depth[going], count[going])
    while index.size:
        previous = flat_pred[base + current]
        count += (previous < n_sat) & (current < n_sat)
        depth = depth + 1
        if want_path:
            trail.append((index, previous, depth))
        done = previous == source
        # Written once per pair, when its walk reaches the source.
        hops[index[done]] = depth[done]
        isl[index[done]] = count[done]
        going = ~done
        index, current, source, base, depth, count = (index[going], previous[going],
                                                      source[going], base[going], depth[going],
                                                      count[going])
    hops = hops.reshape(n_src, n_dst)
    isl = isl.reshape(n_src, n_dst)
    if not want_path:
        return hops, isl, None
    flat_hops = hops.ravel()
    path = np.full((n_src * n_dst, int(flat_hops.max(initial=0)) + 1), -1, dtype=np.int32)
    for where, node, at_depth in trail:  # one entry per walk iteration, not per pair
        path[where, flat_hops[where] - at_depth] = node
    return hops, isl, path.reshape(n_src, n_dst, -1)
