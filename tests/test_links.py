"""Tests of orbital.links: geometry, visibility, topologies, routing, transfer time.

Satellite positions are built here from closed-form circular orbits (or placed by hand),
so every expected value comes from geometry written out in the test, not from the code.
"""

from __future__ import annotations

import itertools

import erfa
import networkx as nx
import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st

from orbital import StatesError
from orbital.links import (
    RoutingOptions,
    contact_windows,
    ground_sites,
    inter_satellite_links,
    line_of_sight_clear,
    look_angles,
    plus_grid_edges,
    route,
    slant_range_km,
    transfer_time,
    visibility,
)

C_KM_S = 299_792.458  # speed of light in vacuum (SI definition)
A_KM = 6378.137  # WGS84 equatorial radius
B_KM = A_KM * (1 - 1 / 298.257223563)  # WGS84 polar radius
T0 = np.datetime64("2026-03-20T00:00:00", "ns")


def states_from(positions_km, seconds=None, plane=None):
    """A states Dataset (time, satellite, xyz) from Earth-fixed positions [km]."""
    positions = np.asarray(positions_km, dtype=float)
    if positions.ndim == 2:
        positions = positions[None]
    n_time, n_sat = positions.shape[:2]
    seconds = np.arange(n_time) * 60.0 if seconds is None else np.asarray(seconds)
    coords = {"time": T0 + (seconds * 1e9).astype("timedelta64[ns]"),
              "satellite": np.arange(n_sat), "xyz": ["x", "y", "z"]}
    if plane is not None:
        coords["plane"] = ("satellite", np.asarray(plane))
    return xr.Dataset({"position_itrs_km": (("time", "satellite", "xyz"), positions)},
                      coords=coords)


def circular_walker(planes, per_plane, altitude_km, inclination_deg, phasing, seconds):
    """Earth-fixed positions of a Walker delta shell of two-body circular orbits."""
    n = planes * per_plane
    plane, slot = np.divmod(np.arange(n), per_plane)
    raan = 2 * np.pi * plane / planes
    radius = A_KM + altitude_km
    rate = np.sqrt(398_600.4418 / radius**3)
    u = 2 * np.pi * (slot / per_plane + phasing * plane / n) + rate * np.asarray(seconds)[:, None]
    inc = np.radians(inclination_deg)
    x = radius * (np.cos(raan) * np.cos(u) - np.sin(raan) * np.sin(u) * np.cos(inc))
    y = radius * (np.sin(raan) * np.cos(u) + np.cos(raan) * np.sin(u) * np.cos(inc))
    z = radius * np.sin(u) * np.sin(inc)
    spin = 7.292115e-5 * np.asarray(seconds)[:, None]  # Earth rotation, inertial → Earth-fixed
    x, y = np.cos(spin) * x + np.sin(spin) * y, -np.sin(spin) * x + np.cos(spin) * y
    return states_from(np.stack([x, y, z], -1), seconds, plane)


def geodetic_point_km(lat_deg, lon_deg, height_km):
    return erfa.gd2gc(1, np.radians(lon_deg), np.radians(lat_deg), height_km * 1e3) / 1e3


# ----------------------------------------------------------------------------- geometry


def test_straight_down_one_way_delay_at_550_km_is_1_83_ms():
    """REFERENCES.md: straight-down one-way delay at 550 km is 1.83 ms (550 km / c)."""
    satellite = geodetic_point_km(48.85, 2.35, 550.0)  # 550 km along Paris's vertical
    sites = ground_sites([48.85], [2.35], names=["Paris"])
    result = route(states_from(satellite[None]), sites, destination_satellites=[0],
                   topology="none")
    one_way = float(result.one_way_ms.isel(time=0, source=0, destination=0))
    assert one_way == pytest.approx(550.0 / C_KM_S * 1e3, rel=1e-9)
    assert one_way == pytest.approx(1.83, abs=0.005)
    assert int(result.hops.isel(time=0, source=0, destination=0)) == 1
    angles = look_angles(states_from(satellite[None]), sites)
    assert float(angles.elevation_deg[0, 0, 0]) == pytest.approx(90.0, abs=1e-6)


def test_slant_range_at_10_deg_elevation_matches_spherical_earth_formula():
    """Law of cosines (Wertz & Larson, SMAD eq. 5-17) at an equatorial site, where the WGS84
    vertical is radial and the local radius is the equatorial radius."""
    elevation = np.radians(10.0)
    radius = A_KM + 550.0
    expected = np.sqrt(radius**2 - (A_KM * np.cos(elevation)) ** 2) - A_KM * np.sin(elevation)
    central_angle = np.arccos(A_KM * np.cos(elevation) / radius) - elevation
    satellite = radius * np.array([np.cos(central_angle), np.sin(central_angle), 0.0])
    angles = look_angles(states_from(satellite[None]), ground_sites([0.0], [0.0]))
    assert float(angles.elevation_deg[0, 0, 0]) == pytest.approx(10.0, abs=1e-9)
    assert float(angles.azimuth_deg[0, 0, 0]) == pytest.approx(90.0, abs=1e-9)  # due east
    assert float(angles.slant_range_km[0, 0, 0]) == pytest.approx(expected, rel=1e-12)
    assert float(slant_range_km(10.0, 550.0)) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(1_815.0, abs=15.0)  # SMAD-style order of magnitude


def test_min_elevation_and_equivalent_max_range_select_the_same_satellites():
    """On a circular orbit, elevation ≥ ε ⇔ range ≤ ρ(ε): both rules pick the same set."""
    rng = np.random.default_rng(1)
    directions = rng.normal(size=(40000, 3))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    directions = directions[directions[:, 0] > 0.975]  # near the site, around the mask edge
    satellites = (A_KM + 550.0) * directions
    states = states_from(satellites[None])
    site = ground_sites([0.0], [0.0])
    by_elevation = visibility(states, site, min_elevation_deg=25.0).visible.values
    equivalent = float(slant_range_km(25.0, 550.0))
    by_range = visibility(states, site, max_range_km=equivalent).visible.values
    assert 50 < by_elevation.sum() < by_elevation.size - 50  # the test straddles the edge
    np.testing.assert_array_equal(by_elevation, by_range)


@settings(max_examples=40, deadline=None)
@given(lat=st.floats(-89.0, 89.0), lon=st.floats(-180.0, 180.0), alt=st.floats(0.0, 3.0),
       elevation=st.floats(-30.0, 89.0), azimuth=st.floats(0.0, 359.9),
       distance=st.floats(300.0, 3000.0))
def test_satellite_placed_at_known_look_angles_is_seen_there_and_visible_iff_above_mask(
        lat, lon, alt, elevation, azimuth, distance):
    """Topocentric east-north-up geometry (Vallado 2013, sec. 4.4.3): a satellite placed at
    (azimuth, elevation, range) from a site is reported there, and visible iff above the mask."""
    phi, lam = np.radians(lat), np.radians(lon)
    up = np.array([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    east = np.array([-np.sin(lam), np.cos(lam), 0.0])
    north = np.cross(up, east)
    el, az = np.radians(elevation), np.radians(azimuth)
    line = np.cos(el) * np.sin(az) * east + np.cos(el) * np.cos(az) * north + np.sin(el) * up
    satellite = geodetic_point_km(lat, lon, alt) + distance * line
    result = visibility(states_from(satellite[None]), ground_sites([lat], [lon], [alt]),
                        min_elevation_deg=10.0)
    assert float(result.elevation_deg[0, 0, 0]) == pytest.approx(elevation, abs=1e-7)
    assert float(result.slant_range_km[0, 0, 0]) == pytest.approx(distance, rel=1e-10)
    if elevation < 89.0:
        assert (float(result.azimuth_deg[0, 0, 0]) - azimuth + 180) % 360 - 180 == pytest.approx(
            0.0, abs=1e-5)
    if abs(elevation - 10.0) > 1e-6:
        assert bool(result.visible[0, 0, 0]) == (elevation > 10.0)


def test_contact_window_matches_analytic_pass_duration_and_refines_between_steps():
    """A satellite crossing an equatorial site's zenith at angular rate ω is in view while its
    central angle is below γ = arccos(R cos ε / r) − ε: duration 2γ/ω (SMAD sec. 5.3)."""
    radius, mask = A_KM + 550.0, np.radians(25.0)
    rate = np.radians(0.06)  # rad/s, a LEO-like Earth-fixed angular rate
    gamma = np.arccos(A_KM * np.cos(mask) / radius) - mask
    seconds = np.arange(-400.0, 400.0, 30.0) + 7.0  # steps do not fall on the edges
    angle = rate * seconds
    positions = radius * np.stack([np.cos(angle), np.sin(angle), 0 * angle], -1)[:, None, :]
    windows = contact_windows(states_from(positions, seconds), ground_sites([0.0], [0.0]),
                              min_elevation_deg=25.0)
    assert windows.sizes["contact"] == 1
    expected = 2 * gamma / rate
    assert float(windows.duration_s[0]) == pytest.approx(expected, abs=2.0)  # ≪ the 30 s step
    start = (windows.start.values[0] - T0) / np.timedelta64(1, "s")
    assert start == pytest.approx(-gamma / rate, abs=1.0)
    assert not bool(windows.truncated[0])
    assert float(windows.max_elevation_deg[0]) > 80.0


def test_nearest_satellite_rule_keeps_only_the_closest():
    """max_satellites_per_site=1 keeps the satellite at the shortest slant range."""
    satellites = np.array([geodetic_point_km(0.0, d, 550.0) for d in (0.0, 2.0, -3.0)])
    result = visibility(states_from(satellites[None]), ground_sites([0.0], [0.5]),
                        min_elevation_deg=10.0, max_satellites_per_site=1)
    assert result.visible.values[0, :, 0].tolist() == [True, False, False]


# ----------------------------------------------------------------------------- topology


def test_plus_grid_wires_each_slot_to_next_in_plane_and_same_slot_next_plane():
    """Hypatia's +Grid (generate_plus_grid_isls, isl_shift=0): i·S+j ↔ i·S+(j+1) mod S and
    ↔ ((i+1) mod P)·S + j; four links per satellite, 2·P·S links in all."""
    planes, per_plane = 5, 4
    edges = plus_grid_edges(planes, per_plane)
    expected = set()
    for i, j in itertools.product(range(planes), range(per_plane)):
        me = i * per_plane + j
        for other in (i * per_plane + (j + 1) % per_plane, ((i + 1) % planes) * per_plane + j):
            expected.add((min(me, other), max(me, other)))
    assert set(map(tuple, edges.tolist())) == expected
    assert len(edges) == 2 * planes * per_plane
    degree = np.bincount(edges.ravel(), minlength=planes * per_plane)
    assert (degree == 4).all()
    assert plus_grid_edges(72, 22).shape == (3168, 2)


def test_plus_grid_from_states_uses_plane_coordinate():
    """On a 4×12 Walker shell the +Grid links join neighbours in a plane and equal slots of
    adjacent planes; intra-plane neighbours 30° apart at 550 km keep line of sight."""
    states = circular_walker(4, 12, 550.0, 53.0, 1, [0.0])
    links = inter_satellite_links(states, "+grid")
    pairs = list(zip(links.satellite_a.values.tolist(), links.satellite_b.values.tolist(),
                     strict=True))
    assert {(0, 1), (0, 11), (0, 12), (0, 36), (14, 26)} <= set(pairs)
    assert links.sizes["link"] == 2 * 48
    intra = np.array([a // 12 == b // 12 for a, b in pairs])
    assert bool(links.active.values[0, intra].all())


def test_isl_is_cut_where_line_of_sight_dips_below_grazing_altitude():
    """A chord between two points at radius r and central angle θ passes r·cos(θ/2) from the
    centre; in the equatorial plane the 80 km shell has radius a + 80 km."""
    radius = A_KM + 550.0
    for clearance_km, expected in ((79.0, False), (81.0, True)):
        half = np.arccos((A_KM + clearance_km) / radius)
        a = radius * np.array([np.cos(half), np.sin(half), 0.0])
        b = radius * np.array([np.cos(half), -np.sin(half), 0.0])
        assert bool(line_of_sight_clear(a, b, 80.0)) is expected
        links = inter_satellite_links(states_from(np.stack([a, b])[None]), [[0, 1]],
                                      max_range_km=1e5)
        assert bool(links.active[0, 0]) is expected
        assert float(links.length_km[0, 0]) == pytest.approx(2 * radius * np.sin(half))


def test_mesh_links_only_pairs_within_range():
    """Full mesh within a range limit (Suncatcher-style cluster, 150 m spacing)."""
    centre = geodetic_point_km(0.0, 0.0, 650.0)
    offsets = np.array([[0, 0, 0], [0, 0.15, 0], [0, 0.30, 0], [0, 0, 0.15]])
    links = inter_satellite_links(states_from((centre + offsets)[None]), "mesh",
                                  max_range_km=0.2)
    active = {(a, b) for a, b, on in zip(links.satellite_a.values, links.satellite_b.values,
                                         links.active.values[0], strict=True) if on}
    assert active == {(0, 1), (1, 2), (0, 3)}  # 0.15 km apart; the 0.21 / 0.30 km pairs are cut


# ----------------------------------------------------------------------------- routing


def _tiny_network():
    """Two satellite groups with no ISL between them, four sites; G sees both groups."""
    group_west = [geodetic_point_km(0.0, lon, 550.0) for lon in (-8.0, -4.0, 0.0)]
    group_east = [geodetic_point_km(lat, lon, 550.0) for lat, lon in ((1.0, 12.0), (-1.0, 16.0),
                                                                       (0.0, 20.0))]
    second = [geodetic_point_km(0.0, lon, 550.0) for lon in (-7.0, -3.0, 1.0)]
    second += [geodetic_point_km(lat, lon, 550.0) for lat, lon in ((1.0, 13.0), (-1.0, 17.0),
                                                                     (0.0, 21.0))]
    positions = np.stack([np.stack(group_west + group_east), np.stack(second)])
    edges = [[0, 1], [1, 2], [3, 4], [4, 5]]
    sites = ground_sites([0.0, 0.5, 0.0, -0.5], [-7.0, -1.0, 6.0, 19.0],
                         names=["A", "C", "G", "B"])
    return states_from(positions), sites, edges


def _brute_force(states, sites, edges, min_elevation_deg, relays):
    """Shortest site-to-site paths by enumerating every simple path (networkx), written
    independently of the routing graph: interior sites allowed only if they are relays."""
    positions = states.position_itrs_km.values
    site_xyz = geodetic_point_km(sites.lat.values, sites.lon.values, sites.alt_km.values)
    names = list(sites.site.values)
    results = []
    for t in range(positions.shape[0]):
        graph = nx.Graph()
        for a, b in edges:
            graph.add_edge(a, b, weight=np.linalg.norm(positions[t, a] - positions[t, b]))
        for s, name in enumerate(names):
            normal = site_xyz[s] * [1, 1, 1 / (1 - 0.00669437999014)]
            up = normal / np.linalg.norm(normal)  # ellipsoid normal ∝ (x, y, z/(1−e²))
            for k in range(positions.shape[1]):
                d = positions[t, k] - site_xyz[s]
                if d @ up / np.linalg.norm(d) >= np.sin(np.radians(min_elevation_deg)):
                    graph.add_edge(name, k, weight=np.linalg.norm(d))
        best = {}
        for a, b in itertools.permutations(names, 2):
            options = []
            if a in graph and b in graph:
                for path in nx.all_simple_paths(graph, a, b):
                    interior = [n for n in path[1:-1] if isinstance(n, str)]
                    if all(n in relays for n in interior):
                        length = sum(graph[u][v]["weight"] for u, v in itertools.pairwise(path))
                        options.append((length, path))
            best[a, b] = min(options, key=lambda item: item[0]) if options else None
        results.append(best)
    return results


@pytest.mark.parametrize("relays", [(), ("G",)])
def test_routes_equal_brute_force_search_with_and_without_ground_relaying(relays):
    """Dijkstra per step equals exhaustive enumeration of simple paths on a tiny network;
    with relaying off no path passes through a third site."""
    states, sites, edges = _tiny_network()
    result = route(states, sites, topology=edges, min_elevation_deg=20.0,
                   relay_sites=list(relays) or None, return_paths=True, isl_max_range_km=5000)
    truth = _brute_force(states, sites, edges, 20.0, set(relays))
    names = list(sites.site.values)
    n_sat = states.sizes["satellite"]
    reachable_count = 0
    for t, best in enumerate(truth):
        for (a, b), answer in best.items():
            cell = result.isel(time=t).sel(source=a, destination=b)
            if answer is None:
                assert not bool(cell.reachable)
                continue
            reachable_count += 1
            length, path = answer
            assert float(cell.distance_km) == pytest.approx(length, rel=1e-12)
            assert float(cell.rtt_ms) == pytest.approx(2 * length / C_KM_S * 1e3, rel=1e-12)
            assert int(cell.hops) == len(path) - 1
            nodes = [int(n) for n in cell.path_node.values if n >= 0]
            expected = [n if isinstance(n, int | np.integer) else n_sat + names.index(n)
                        for n in path]
            assert nodes == expected
            interior_sites = [n for n in nodes[1:-1] if n >= n_sat]
            assert all(names[n - n_sat] in relays for n in interior_sites)
    assert reachable_count > 0
    # The east and west groups only meet through G: A→B needs relaying.
    assert bool(result.reachable.isel(time=0).sel(source="A", destination="B")) is bool(relays)


def test_bent_pipe_uses_one_satellite_seen_by_both_sites():
    """Bent pipe: min over satellites in common view of (ρ_a + ρ_b), two hops, no ISL."""
    states = circular_walker(6, 8, 550.0, 53.0, 1, [0.0, 600.0])
    sites = ground_sites([40.0, 41.0], [-3.0, 2.0], names=["Madrid", "Barcelona-ish"])
    result = route(states, sites, mode="bent-pipe", min_elevation_deg=10.0)
    angles = look_angles(states, sites)
    ok = (angles.elevation_deg >= 10.0).values
    rng = angles.slant_range_km.values
    total = np.where(ok[..., 0] & ok[..., 1], rng[..., 0] + rng[..., 1], np.inf).min(axis=1)
    assert np.isfinite(total).any()
    got = result.distance_km.sel(source="Madrid", destination="Barcelona-ish").values
    np.testing.assert_allclose(np.where(np.isfinite(total), total, np.nan), got, rtol=1e-12)
    hops = result.hops.sel(source="Madrid", destination="Barcelona-ish").values
    assert ((hops == 2) | ~np.isfinite(total)).all()
    assert int(result.isl_hops.max()) == 0


@pytest.fixture(scope="module")
def shell_routes():
    """A 12×10 shell at 550 km and 8 sites, all ordered pairs, two steps."""
    states = circular_walker(12, 10, 550.0, 53.0, 1, [0.0, 300.0])
    lat = [48.9, 40.7, 35.7, -33.9, 19.4, 28.6, -23.5, 55.8]
    lon = [2.35, -74.0, 139.7, 151.2, -99.1, 77.2, -46.6, 37.6]
    sites = ground_sites(lat, lon, names=list("PNTSMDRK"))
    plain = route(states, sites, min_elevation_deg=10.0)
    relayed = route(states, sites, min_elevation_deg=10.0, relay_sites="all")
    return sites, plain, relayed


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_rtt_is_symmetric_and_obeys_triangle_inequality_when_sites_relay(shell_routes, data):
    """RTT is a metric with relaying on (symmetric links, concatenable paths); with relaying
    off it is still symmetric. Property test over (time, a, b, c)."""
    sites, plain, relayed = shell_routes
    names = list(sites.site.values)
    t = data.draw(st.integers(0, 1))
    a, b, c = (data.draw(st.sampled_from(names)) for _ in range(3))
    for result in (plain, relayed):
        rtt = result.rtt_ms.isel(time=t)
        ab, ba = float(rtt.sel(source=a, destination=b)), float(rtt.sel(source=b, destination=a))
        assert (np.isnan(ab) and np.isnan(ba)) or ab == pytest.approx(ba, rel=1e-12)
    rtt = relayed.rtt_ms.isel(time=t)
    ac = float(rtt.sel(source=a, destination=c))
    via = float(rtt.sel(source=a, destination=b)) + float(rtt.sel(source=b, destination=c))
    if np.isfinite(via):
        assert ac <= via * (1 + 1e-12)
    assert (relayed.rtt_ms <= plain.rtt_ms * (1 + 1e-12)).where(plain.reachable).fillna(True).all()


def test_relay_and_endpoint_routing_equal_networkx_dijkstra_on_a_shell(shell_routes):
    """On a 12×10 +Grid shell with 8 sites (10° mask): relaying through every site equals
    networkx Dijkstra with sites as ordinary nodes linked both ways to every satellite they
    see; without relaying it equals Dijkstra on a graph where each site is split into a
    source (up-links only) and a sink (down-links only). Ground links are rebuilt here from
    the WGS84 ellipsoid normal, ISLs from ``inter_satellite_links`` (tested above)."""
    sites, plain, relayed = shell_routes
    # Relaying must matter somewhere here, or the two graphs would not be told apart.
    assert (relayed.distance_km < plain.distance_km * (1 - 1e-9)).any()
    states = circular_walker(12, 10, 550.0, 53.0, 1, [0.0, 300.0])
    links = inter_satellite_links(states, "+grid")
    positions = states.position_itrs_km.values
    site_xyz = geodetic_point_km(sites.lat.values, sites.lon.values, sites.alt_km.values)
    names = list(sites.site.values)
    for t in range(positions.shape[0]):
        shared, split = nx.Graph(), nx.DiGraph()
        on = links.active.values[t]
        for a, b, w in zip(links.satellite_a.values[on], links.satellite_b.values[on],
                           links.length_km.values[t, on], strict=True):
            shared.add_edge(int(a), int(b), weight=w)
            split.add_edge(int(a), int(b), weight=w)
            split.add_edge(int(b), int(a), weight=w)
        for s, name in enumerate(names):
            normal = site_xyz[s] * [1, 1, 1 / (1 - 0.00669437999014)]
            up = normal / np.linalg.norm(normal)
            for k in range(positions.shape[1]):
                d = positions[t, k] - site_xyz[s]
                if d @ up / np.linalg.norm(d) >= np.sin(np.radians(10.0)):
                    shared.add_edge(name, k, weight=np.linalg.norm(d))
                    split.add_edge(("up", name), k, weight=np.linalg.norm(d))
                    split.add_edge(k, ("down", name), weight=np.linalg.norm(d))
        for a, b in itertools.permutations(names, 2):
            for graph, ends, result in ((shared, (a, b), relayed),
                                        (split, (("up", a), ("down", b)), plain)):
                try:
                    expected = nx.dijkstra_path_length(graph, *ends)
                except (nx.NetworkXNoPath, nx.NodeNotFound):
                    expected = np.nan
                got = float(result.distance_km.isel(time=t).sel(source=a, destination=b))
                assert got == pytest.approx(expected, rel=1e-12, nan_ok=True)


def test_rtt_is_never_below_great_circle_light_time_in_vacuum(shell_routes):
    """Any path outside the Earth is longer than the great circle on the polar-radius sphere
    (which lies inside the WGS84 ellipsoid): RTT ≥ 2 · b · θ / c."""
    sites, plain, relayed = shell_routes
    xyz = geodetic_point_km(sites.lat.values, sites.lon.values, sites.alt_km.values)
    unit = xyz / np.linalg.norm(xyz, axis=1, keepdims=True)
    theta = np.arccos(np.clip(unit @ unit.T, -1, 1))
    bound_ms = 2 * B_KM * theta / C_KM_S * 1e3
    for result in (plain, relayed):
        rtt = result.rtt_ms.values
        ok = np.isfinite(rtt) & ~np.eye(theta.shape[0], dtype=bool)  # skip each site to itself
        assert ok.sum() > 50
        assert (rtt[ok] >= np.broadcast_to(bound_ms, rtt.shape)[ok]).all()


def test_site_to_orbital_cluster_reaches_satellites_as_destinations():
    """A satellite destination (an orbital compute node) is reached over ground link + ISLs;
    the delay equals the straight-line distance when it is directly overhead."""
    states = circular_walker(6, 12, 650.0, 97.9, 1, [0.0])
    xyz = states.position_itrs_km.values[0, 0]
    lat = np.degrees(np.arcsin(xyz[2] / np.linalg.norm(xyz)))
    lon = np.degrees(np.arctan2(xyz[1], xyz[0]))
    result = route(states, ground_sites([lat], [lon], names=["below"]),
                   destination_satellites=[0, 1], sources=["below"], min_elevation_deg=10.0)
    straight = np.linalg.norm(xyz - geodetic_point_km(lat, lon, 0.0))
    assert float(result.distance_km.isel(time=0, source=0, destination=0)) == pytest.approx(
        straight, rel=1e-12)
    assert list(result.destination_kind.values) == ["satellite", "satellite"]
    assert bool(result.reachable.isel(time=0, destination=1))


# ----------------------------------------------------------------------------- transfer time


def _routes(reachable, one_way=10.0, hops=3, isl_hops=1):
    reachable = np.asarray(reachable, dtype=bool)[:, None, None]
    dims = ("time", "source", "destination")
    shape = reachable.shape
    return xr.Dataset(
        {"one_way_ms": (dims, np.where(reachable, one_way, np.nan)),
         "hops": (dims, np.full(shape, hops)), "isl_hops": (dims, np.full(shape, isl_hops)),
         "reachable": (dims, reachable)},
        coords={"time": T0 + np.arange(shape[0]) * np.timedelta64(60, "s"),
                "source": ["a"], "destination": ["b"]})


def test_transfer_time_is_serialization_at_bottleneck_plus_propagation_plus_processing():
    """Kurose & Ross sec. 1.4: 1 GB over a 384 Mbps ground link (the bottleneck of a path with
    100 Gbps ISLs) takes 8e9/384e6 s, plus 10 ms propagation, plus 3 hops × 0.5 ms."""
    result = transfer_time(_routes([True]), 1e9, processing_delay_ms=0.5)
    assert float(result.serialization_ms[0, 0, 0]) == pytest.approx(8e9 / 384e6 * 1e3)
    assert float(result.total_ms[0, 0, 0]) == pytest.approx(8e9 / 384e6 * 1e3 + 10.0 + 1.5)
    isl_only = transfer_time(_routes([True], hops=2, isl_hops=2), 1e9)
    assert float(isl_only.bottleneck_capacity_bps[0, 0, 0]) == 100e9


def test_store_and_forward_waits_until_the_next_contact():
    """Out of reach at steps 0–1 (60 s apart): waits 120 s, then 60 s, then none; never
    reachable again → not delivered."""
    result = transfer_time(_routes([False, False, True, False]), 1e3)
    wait = result.wait_ms.values[:, 0, 0]
    np.testing.assert_allclose(wait[:3], [120e3, 60e3, 0.0])
    assert result.delivered.values[:, 0, 0].tolist() == [True, True, True, False]
    assert np.isnan(wait[3])


# ----------------------------------------------------------------------------- bad input


def test_bad_inputs_raise_clear_errors():
    states = circular_walker(3, 3, 550.0, 53.0, 1, [0.0])
    sites = ground_sites([0.0, 10.0], [0.0, 10.0])
    with pytest.raises(ValueError, match="min_elevation_deg: 90"):
        visibility(states, sites, min_elevation_deg=90.0)
    with pytest.raises(ValueError, match="min_elevation_deg: -1"):
        route(states, sites, min_elevation_deg=-1.0)
    with pytest.raises(ValueError, match="max_range_km: -5"):
        visibility(states, sites, max_range_km=-5.0)
    with pytest.raises(ValueError, match="topology: 'ring' is not supported"):
        inter_satellite_links(states, "ring")
    with pytest.raises(ValueError, match="edges: satellite id 9 is unknown"):
        route(states, sites, topology=[[0, 1], [2, 9]])
    with pytest.raises(ValueError, match="lat_deg: 91"):
        ground_sites([91.0], [0.0])
    bad_sites = xr.Dataset({"lat": ("site", [-95.0]), "lon": ("site", [0.0])})
    with pytest.raises(ValueError, match="sites.lat: -95"):
        route(states, bad_sites)
    with pytest.raises(ValueError, match="mode"):
        route(states, sites, mode="laser")
    with pytest.raises(ValueError, match="sources: 'Atlantis'"):
        route(states, sites, sources=["Atlantis"])
    with pytest.raises(ValueError, match="starlink-optical"):
        transfer_time(_routes([True]), 1.0, isl_link="warp")
    with pytest.raises(ValueError, match="topology '\\+grid' needs a Walker shell"):
        inter_satellite_links(states.drop_vars("plane"), "+grid")
    with pytest.raises(ValueError, match="did you mean 'min_elevation_deg'"):
        route(states, sites, min_elevation=10.0)
    with pytest.raises(ValueError, match="mode: 'laser'"):
        RoutingOptions(mode="laser")
    with pytest.raises(StatesError, match="position_itrs_km"):
        route(states.drop_vars("position_itrs_km"), sites)


def test_routing_options_object_gives_the_same_routes_as_keywords():
    """One RoutingOptions reused over calls is the keyword call, field for field; keywords
    given with it override its fields."""
    states = circular_walker(6, 8, 550.0, 53.0, 1, [0.0, 600.0])
    sites = ground_sites([40.0, 41.0, 48.9], [-3.0, 2.0, 2.35], names=["M", "B", "P"])
    rules = RoutingOptions(mode="bent-pipe", min_elevation_deg=10.0, relay_sites=["P"])
    by_keywords = route(states, sites, mode="bent-pipe", min_elevation_deg=10.0,
                        relay_sites=["P"])
    xr.testing.assert_identical(route(states, sites, options=rules), by_keywords)
    xr.testing.assert_identical(route(states, sites, options=rules, mode="isl"),
                                route(states, sites, min_elevation_deg=10.0, relay_sites=["P"]))
