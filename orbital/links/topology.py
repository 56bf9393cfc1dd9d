"""Inter-satellite topologies (+Grid, full mesh, edge list), line-of-sight cuts and link capacities."""

from __future__ import annotations

import erfa
import numpy as np
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital.links.geometry import satellite_positions

#: Inter-satellite link parameter sets: capacity per link and maximum range, with sources.
ISL_PARAMETERS = {
    "starlink-optical": {
        "capacity_bps": 100e9,
        "max_range_km": 5400.0,
        "source": "[StarlinkISL2024]: Starlink optical ISLs ~100 Gbps per link, > 5 400 km range "
                  "(SPIE 2024, secondary)",
    },
    "suncatcher-optical": {
        "capacity_bps": 800e9,
        "max_range_km": 2.0,
        "source": "[Suncatcher2025]: Suncatcher (arXiv:2511.19468) bench demo 800 Gbps each way over "
                  "one transceiver pair; range = diameter of its 1 km-radius 81-satellite cluster",
    },
}

#: Ground (RF) link parameter sets: capacity per link, with sources.
GROUND_LINK_PARAMETERS = {
    "landsat8-x-band": {
        "capacity_bps": 384e6,
        "source": "[Landsat8]: Landsat 8 X-band downlink 384 Mbps",
    },
    "planet-dove-x-band": {
        "capacity_bps": 160e6,
        "source": "[PlanetDove]: Planet Dove ~160 Mbps average (12–15 GB per 7–10 min pass)",
    },
}

#: Line-of-sight grazing altitude below which an inter-satellite link is cut [km]
#: (Kassing et al., IMC 2020: ISLs cut where the line of sight dips below 80 km).
DEFAULT_GRAZING_ALTITUDE_KM = 80.0

#: Topology names accepted by :func:`inter_satellite_links` (or pass an edge list).
TOPOLOGIES = ("+grid", "mesh", "none")


def link_parameters(table: dict, name: str) -> dict:
    """Row ``name`` of a parameter table, or a ValueError suggesting the closest names."""
    check_choice("link", name, tuple(table), where="orbital.links.ISL_PARAMETERS or "
                 "orbital.links.GROUND_LINK_PARAMETERS")
    return table[name]


def plus_grid_edges(n_planes: int, sats_per_plane: int, cross_plane_shift: int = 0) -> np.ndarray:
    """Undirected +Grid edges of a Walker shell numbered ``plane * sats_per_plane + slot``.

    Each satellite links to the next one in its plane and to the satellite with slot
    ``slot + cross_plane_shift`` in the next plane (wrapping around the last plane), which
    gives every satellite four links: two intra-plane, two cross-plane.

    Parameters
    ----------
    n_planes : int
        Number of orbital planes, ≥ 1.
    sats_per_plane : int
        Satellites per plane, ≥ 1.
    cross_plane_shift : int, default 0
        Slot offset of the cross-plane neighbour (Hypatia's ``isl_shift``; 0 links equal slots).

    Returns
    -------
    numpy.ndarray
        (E, 2) int array of satellite pairs with a < b, unique, sorted.

    Notes
    -----
    Same numbering and wiring as Hypatia's ``generate_plus_grid_isls``: satellite
    i·S + j links to i·S + (j+1) mod S and to ((i+1) mod P)·S + (j + shift) mod S.
    For P, S ≥ 3 there are exactly 2·P·S edges.

    References
    ----------
    Kassing, S. et al., "Exploring the 'Internet from space' with Hypatia", ACM IMC 2020;
    Bhattacherjee, D. & Singla, A., "Network topology design at 27,000 km/hour", CoNEXT 2019.

    Examples
    --------
    >>> plus_grid_edges(72, 22).shape
    (3168, 2)
    """
    planes = int(check_range("n_planes", n_planes, 1, None))
    per_plane = int(check_range("sats_per_plane", sats_per_plane, 1, None))
    shift = int(np.asarray(cross_plane_shift))
    plane, slot = np.divmod(np.arange(planes * per_plane), per_plane)
    ids = plane * per_plane + slot
    same = plane * per_plane + (slot + 1) % per_plane
    cross = ((plane + 1) % planes) * per_plane + (slot + shift) % per_plane
    pairs = np.concatenate([np.stack([ids, same], 1), np.stack([ids, cross], 1)])
    return _unique_edges(pairs)


def _unique_edges(pairs: np.ndarray) -> np.ndarray:
    pairs = np.sort(np.asarray(pairs, dtype=np.int64).reshape(-1, 2), axis=1)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    return np.unique(pairs, axis=0) if pairs.size else pairs.reshape(0, 2)


def check_edges(edges, n_satellites: int) -> np.ndarray:
    """Validate a user edge list of satellite indices; return unique sorted (E, 2) pairs."""
    try:
        array = np.asarray(edges)
    except (TypeError, ValueError):
        raise ValueError(f"edges: cannot read {edges!r} as pairs of satellite ids") from None
    if array.size == 0:
        return np.zeros((0, 2), dtype=np.int64)
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"edges: expected an (E, 2) list of satellite-id pairs, got shape "
                         f"{array.shape}")
    if not np.issubdtype(array.dtype, np.integer):
        if not np.issubdtype(array.dtype, np.number) or (array != np.round(array)).any():
            raise ValueError("edges: satellite ids must be whole numbers")
        array = array.astype(np.int64)
    bad = (array < 0) | (array >= n_satellites)
    if bad.any():
        raise ValueError(f"edges: satellite id {int(array[bad][0])} is unknown; ids run from 0 to "
                         f"{n_satellites - 1}")
    if (array[:, 0] == array[:, 1]).any():
        loop = int(array[array[:, 0] == array[:, 1]][0, 0])
        raise ValueError(f"edges: satellite {loop} is linked to itself")
    return _unique_edges(array)


def _shell_index(states: xr.Dataset, n_satellites: int) -> np.ndarray:
    """(planes, slots) array of satellite positions for a Walker shell, from the plane coord."""
    if "plane" not in states.coords:
        raise ValueError("topology '+grid' needs a Walker shell: states have no 'plane' coordinate")
    plane = np.asarray(states["plane"].values, dtype=np.int64)
    if (plane < 0).any():
        raise ValueError("topology '+grid' needs a Walker shell: some satellites have plane -1")
    labels, counts = np.unique(plane, return_counts=True)
    if (counts != counts[0]).any():
        raise ValueError(f"topology '+grid' needs equal planes; plane sizes are {sorted(set(counts))}")
    # Stable order: satellites of each plane in index order give the slot numbers.
    order = np.argsort(plane, kind="stable")
    return order.reshape(labels.size, counts[0])


def _edge_list(states, positions, topology, max_range_km, cross_plane_shift):
    n_sat = positions.shape[1]
    if isinstance(topology, str):
        check_choice("topology", topology, TOPOLOGIES)
        if topology == "none":
            return np.zeros((0, 2), dtype=np.int64)
        if topology == "+grid":
            index = _shell_index(states, n_sat)
            grid = plus_grid_edges(*index.shape, cross_plane_shift=cross_plane_shift)
            return _unique_edges(index.ravel()[grid])
        a, b = np.triu_indices(n_sat, 1)
        pairs = np.stack([a, b], 1)
        # Keep the pairs that are ever within range, so the link dimension stays small.
        ever = np.zeros(pairs.shape[0], dtype=bool)
        step = max(1, 4_000_000 // max(pairs.shape[0], 1))
        for start in range(0, positions.shape[0], step):
            chunk = positions[start:start + step]
            length = np.linalg.norm(chunk[:, pairs[:, 0]] - chunk[:, pairs[:, 1]], axis=-1)
            ever |= (length <= max_range_km).any(axis=0)
        return pairs[ever]
    return check_edges(topology, n_sat)


def line_of_sight_clear(position_a_km, position_b_km, grazing_altitude_km=DEFAULT_GRAZING_ALTITUDE_KM):
    """Whether the straight line between two points stays above a grazing altitude.

    Parameters
    ----------
    position_a_km, position_b_km : array-like (..., 3)
        Earth-fixed (ITRS) positions [km].
    grazing_altitude_km : float, default 80
        Lowest altitude the line of sight may reach [km], ≥ 0.

    Returns
    -------
    numpy.ndarray of bool
        True where the segment never enters the WGS84 ellipsoid inflated by the altitude.

    Notes
    -----
    The ellipsoid with semi-axes (a + h, a + h, b + h) becomes a sphere of radius a + h after
    scaling z by (a + h)/(b + h); segments map to segments, so the closest approach of the
    scaled segment to the centre, ‖A + t(B − A)‖ with t = clip(−A·(B − A)/‖B − A‖², 0, 1), is
    compared with a + h. Offsetting an ellipsoid by h is not exactly an ellipsoid; the
    difference is metres at h = 80 km.

    References
    ----------
    Kassing et al., ACM IMC 2020 (ISLs cut where the line of sight dips below 80 km).

    Examples
    --------
    >>> bool(line_of_sight_clear([7000.0, 0, 0], [-7000.0, 0, 0]))
    False
    """
    altitude = float(check_range("grazing_altitude_km", grazing_altitude_km, 0, None, unit="km"))
    a_m, flattening = erfa.eform(1)
    a = a_m / 1e3 + altitude
    b = a_m / 1e3 * (1 - flattening) + altitude
    scale = np.array([1.0, 1.0, a / b])
    first = np.asarray(position_a_km, dtype=float) * scale
    second = np.asarray(position_b_km, dtype=float) * scale
    direction = second - first
    length_sq = (direction * direction).sum(-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.clip(-(first * direction).sum(-1) / length_sq, 0.0, 1.0)
    t = np.where(length_sq > 0, t, 0.0)
    closest = first + t[..., None] * direction
    return (closest * closest).sum(-1) >= a * a


def inter_satellite_links(states, topology="+grid", *, max_range_km=None,
                          grazing_altitude_km=DEFAULT_GRAZING_ALTITUDE_KM,
                          cross_plane_shift=0) -> xr.Dataset:
    """Inter-satellite links over time: which exist at each step and how long they are.

    Parameters
    ----------
    states : xarray.Dataset
        Satellite states from :func:`orbital.orbits.propagate` (``position_itrs_km``; the
        ``plane`` coordinate for ``"+grid"``).
    topology : {"+grid", "mesh", "none"} or array-like (E, 2)
        ``"+grid"``: two intra-plane and two cross-plane neighbours per satellite (Walker
        shells); ``"mesh"``: every pair within ``max_range_km`` (formation clusters);
        ``"none"``: no ISL (bent pipe); or an edge list of satellite indices.
    max_range_km : float, optional
        Maximum link length [km], > 0. Default: the ``"starlink-optical"`` range (5 400 km).
    grazing_altitude_km : float, default 80
        A link is cut while its line of sight dips below this altitude [km].
    cross_plane_shift : int, default 0
        Slot offset of the cross-plane neighbour for ``"+grid"``.

    Returns
    -------
    xarray.Dataset
        On (time, link): ``length_km`` and boolean ``active``; ``satellite_a``,
        ``satellite_b`` (satellite indices) on ``link``.

    Notes
    -----
    A link is active when ‖r_a − r_b‖ ≤ ρ_max and the line of sight clears the grazing
    altitude (:func:`line_of_sight_clear`).

    References
    ----------
    Kassing et al., ACM IMC 2020 [Kassing2020]; [StarlinkISL2024] (ISL range > 5 400 km).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> pos = np.array([[[7000.0, 0, 0], [7000.0, 1.0, 0], [-7000.0, 0, 0]]])
    >>> states = xr.Dataset({"position_itrs_km": (("time", "satellite", "xyz"), pos)},
    ...                     coords={"time": [np.datetime64("2026-01-01", "ns")],
    ...                             "satellite": [0, 1, 2]})
    >>> links = inter_satellite_links(states, "mesh", max_range_km=20000)
    >>> links.active.values.ravel().tolist()
    [True, False, False]
    """
    positions, coords = satellite_positions(states)
    if max_range_km is None:
        max_range_km = ISL_PARAMETERS["starlink-optical"]["max_range_km"]
    max_range = float(check_range("max_range_km", max_range_km, 0, None, low_inclusive=False,
                                  unit="km"))
    check_range("grazing_altitude_km", grazing_altitude_km, 0, None, unit="km")
    edges = _edge_list(states if isinstance(states, xr.Dataset) else coords, positions, topology,
                       max_range, cross_plane_shift)
    first, second = positions[:, edges[:, 0]], positions[:, edges[:, 1]]
    length = np.linalg.norm(first - second, axis=-1)
    active = (length <= max_range) & line_of_sight_clear(first, second, grazing_altitude_km)
    return xr.Dataset(
        {
            "length_km": (("time", "link"), length, {"units": "km",
                                                     "long_name": "inter-satellite distance"}),
            "active": (("time", "link"), active,
                       {"units": "1", "long_name": "link within range and line of sight"}),
        },
        coords={
            "time": coords["time"].values,
            "satellite_a": ("link", edges[:, 0], {"long_name": "first satellite index"}),
            "satellite_b": ("link", edges[:, 1], {"long_name": "second satellite index"}),
        },
        attrs={"max_range_km": max_range, "grazing_altitude_km": float(grazing_altitude_km),
               "topology": topology if isinstance(topology, str) else "edge list"},
    )
