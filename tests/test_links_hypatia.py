"""Reading Hypatia satellite-network directories (github.com/snkas/hypatia, satgenpy format).

The directory is written here by hand in the format satgenpy writes (tles.txt with a
``n_orbits n_sats_per_orbit`` header and name / line 1 / line 2 triples, isls.txt ``a b``,
ground_stations.txt ``gid,name,lat,lon,elevation_m,x,y,z``, description.txt ``key=value``).
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from orbital.links import ground_sites, plus_grid_edges, read_hypatia, write_hypatia

N_ORBITS, PER_ORBIT = 4, 5
MEAN_MOTION_REV_DAY = 15.19  # Hypatia's "Starlink-550" TLEs: ~509 km, not 550 km


def checksum(line: str) -> int:
    """TLE checksum: digits summed, '-' counts 1, modulo 10 (CelesTrak TLE format notes)."""
    return sum(int(c) if c.isdigit() else (1 if c == "-" else 0) for c in line) % 10


def tle_pair(number: int, raan_deg: float, mean_anomaly_deg: float) -> tuple[str, str]:
    line1 = f"1 {number:05d}U 00000ABC 00001.00000000  .00000000  00000-0  00000+0 0    0"
    fields = [f"{53.0:8.4f}", f"{raan_deg:8.4f}", "0000001", f"{0.0:8.4f}",
              f"{mean_anomaly_deg:8.4f}", f"{MEAN_MOTION_REV_DAY:11.8f}"]
    line2 = f"2 {number:05d} " + " ".join(fields) + "    0"
    return line1 + str(checksum(line1)), line2 + str(checksum(line2))


def write_network(directory, *, edit=None, n_orbits=N_ORBITS, per_orbit=PER_ORBIT,
                  max_gsl_length_m=1089686.4181956202):
    """Write a +Grid network with three ground stations; ``edit(name, lines)`` may spoil it.

    Orbits are spread over 360° of RAAN; odd orbits are shifted by half a slot (satgenpy's
    ``phase_diff``)."""
    files = {}
    tles = [f"{n_orbits} {per_orbit}"]
    for orbit in range(n_orbits):
        shift = 180.0 / per_orbit if orbit % 2 else 0.0
        for slot in range(per_orbit):
            sid = orbit * per_orbit + slot
            line1, line2 = tle_pair(sid + 1, orbit * 360.0 / n_orbits,
                                    shift + slot * 360.0 / per_orbit)
            tles += [f"Starlink-550 {sid}", line1, line2]
    files["tles.txt"] = tles
    isls = []
    for orbit in range(n_orbits):
        for slot in range(per_orbit):
            sid = orbit * per_orbit + slot
            isls.append(f"{sid} {orbit * per_orbit + (slot + 1) % per_orbit}")
            isls.append(f"{sid} {((orbit + 1) % n_orbits) * per_orbit + slot}")
    files["isls.txt"] = isls
    files["ground_stations.txt"] = [
        "0,Tokyo,35.689500,139.691710,0.000000,-3954843.592,3354935.154,3700263.820",
        "1,Delhi,28.704060,77.102493,216.000000,1231017.229,5390187.064,3045720.013",
        "2,Shanghai,31.228611,121.474722,4.000000,-2851230.150,4652008.958,3287691.064",
    ]
    files["description.txt"] = [f"max_gsl_length_m={max_gsl_length_m:.10f}",
                                "max_isl_length_m=5016591.2330984278"]
    for name, lines in files.items():
        if edit is not None:
            lines = edit(name, list(lines))
        (directory / name).write_text("\n".join(lines) + "\n")
    return files


def test_hypatia_directory_reads_back_the_same_satellites_edges_and_sites(tmp_path):
    files = write_network(tmp_path)
    network = read_hypatia(tmp_path)
    assert (network.n_orbits, network.n_sats_per_orbit) == (N_ORBITS, PER_ORBIT)
    assert network.n_satellites == N_ORBITS * PER_ORBIT
    assert network.satellite_names[7] == "Starlink-550 7"
    tle_lines = files["tles.txt"][1:]
    assert network.tle_lines[7] == (tle_lines[3 * 7 + 1], tle_lines[3 * 7 + 2])
    # Epoch "00001.00000000" is 2000-01-01 00:00 UTC (day 1 = 1 January).
    assert network.epoch == np.datetime64("2000-01-01T00:00:00", "ns")
    expected_edges = [tuple(map(int, line.split())) for line in files["isls.txt"]]
    assert [tuple(e) for e in network.isl_edges.tolist()] == expected_edges
    assert list(network.sites.site.values) == ["Tokyo", "Delhi", "Shanghai"]
    np.testing.assert_allclose(network.sites.lat.values, [35.6895, 28.70406, 31.228611])
    np.testing.assert_allclose(network.sites.lon.values, [139.69171, 77.102493, 121.474722])
    np.testing.assert_allclose(network.sites.alt_km.values, [0.0, 0.216, 0.004])
    assert network.max_gsl_length_km == pytest.approx(1089.6864181956202)
    assert network.max_isl_length_km == pytest.approx(5016.5912330984278)
    np.testing.assert_array_equal(network.times([0.0, 1.5]),
                                  np.array(["2000-01-01T00:00:00", "2000-01-01T00:00:01.5"],
                                           dtype="datetime64[ns]"))
    # Hypatia's cartesian columns are WGS72 (a = 6378.135 km); ours are WGS84: metres apart.
    xyz = network.sites.position_itrs_km.sel(site="Tokyo").values
    np.testing.assert_allclose(xyz, [-3954.843592, 3354.935154, 3700.263820], atol=0.01)


def test_hypatia_tles_propagate_as_given_not_as_named(tmp_path):
    """A 15.19 rev/day TLE is a ~6 887 km orbit (a = (μ/n²)^⅓ ≈ 509 km up), whatever its name
    says; routing uses the file's ISLs and ground-link range."""
    pytest.importorskip("orbital.orbits")
    write_network(tmp_path)
    network = read_hypatia(tmp_path)
    states = network.propagate(np.arange(0.0, 6000.0, 600.0))
    n = MEAN_MOTION_REV_DAY * 2 * np.pi / 86_400.0
    kepler_radius = (398_600.4418 / n**2) ** (1 / 3)
    radius = np.linalg.norm(states.position_itrs_km.values, axis=-1)
    assert radius.mean() == pytest.approx(kepler_radius, abs=15.0)
    assert abs(radius.mean() - (6378.137 + 550.0)) > 25.0
    assert states.plane.values.tolist() == np.repeat(np.arange(N_ORBITS), PER_ORBIT).tolist()
    result = network.route([0.0, 600.0])
    assert result.sizes["source"] == 3
    assert result.attrs["relay_sites"] == ""


def test_hypatia_network_rtts_equal_satgenpy_algorithm(tmp_path):
    """satgenpy's ``algorithm_free_one_only_over_isls`` (Kassing et al. 2020): Floyd–Warshall
    over the ISL graph, then for each station pair the best (entry, exit) satellites among
    those within ``max_gsl_length_m``; RTT = (there + back) / c. Written out here with
    networkx and compared with our per-step Dijkstra on the same propagated states."""
    import erfa
    import networkx as nx

    pytest.importorskip("orbital.orbits")
    write_network(tmp_path, n_orbits=12, per_orbit=12, max_gsl_length_m=2_000_000.0)
    network = read_hypatia(tmp_path)
    offsets = [0.0, 400.0, 800.0]
    states = network.propagate(offsets)
    ours = network.route(offsets, geometry="precise")  # same positions as compared below
    sites = network.sites
    ground = erfa.gd2gc(1, np.radians(sites.lon.values), np.radians(sites.lat.values),
                        sites.alt_km.values * 1e3) / 1e3
    positions = states.position_itrs_km.values
    compared = 0
    for t in range(len(offsets)):
        graph = nx.Graph()
        graph.add_nodes_from(range(network.n_satellites))
        for a, b in network.isl_edges:
            length = np.linalg.norm(positions[t, a] - positions[t, b])
            assert length <= network.max_isl_length_km  # satgenpy raises otherwise
            graph.add_edge(int(a), int(b), weight=length)
        distance = nx.floyd_warshall_numpy(graph, weight="weight")
        gsl = np.linalg.norm(positions[t][:, None, :] - ground[None], axis=-1)  # (sat, gs)
        gsl = np.where(gsl <= network.max_gsl_length_km, gsl, np.inf)
        for a, b in itertools.permutations(range(sites.sizes["site"]), 2):
            best = np.min(gsl[:, a][:, None] + distance + gsl[:, b][None, :])
            got = float(ours.rtt_ms.isel(time=t, source=a, destination=b))
            if np.isfinite(best):
                compared += 1
                assert got == pytest.approx(2 * best / 299_792.458 * 1e3, rel=1e-12)
            else:
                assert np.isnan(got)
    assert compared >= 6


def test_written_hypatia_directory_reproduces_the_shell_sites_and_grid(tmp_path):
    """write_hypatia → read_hypatia: same +Grid edges (2·P·S), same sites, and TLEs that
    propagate to the shell's own positions within the TLE format's rounding (4 decimals of a
    degree ≈ 12 m at 6 900 km; SGP4 drift over an hour adds little)."""
    orbits = pytest.importorskip("orbital.orbits")
    shell = orbits.walker_delta(550.0, 53.0, planes=6, sats_per_plane=8, phasing=1)
    sites = ground_sites([48.85, -33.87], [2.35, 151.21], [0.035, 0.0], names=["Paris", "Sydney"])
    network = read_hypatia(write_hypatia(tmp_path, shell, sites, max_gsl_length_km=1089.7,
                                         max_isl_length_km=5016.6))
    assert (network.n_orbits, network.n_sats_per_orbit) == (6, 8)
    np.testing.assert_array_equal(network.isl_edges, plus_grid_edges(6, 8))
    assert list(network.sites.site.values) == ["Paris", "Sydney"]
    np.testing.assert_allclose(network.sites.alt_km.values, [0.035, 0.0], atol=1e-9)
    assert network.max_gsl_length_km == pytest.approx(1089.7)
    offsets = np.array([0.0, 1800.0, 3600.0])
    times = network.times(offsets)
    direct = orbits.propagate(shell, times).position_itrs_km.values
    from_file = network.propagate(offsets).position_itrs_km.values
    assert np.abs(network.epoch - shell.to_constellation().epoch) < np.timedelta64(1, "ms")
    assert np.linalg.norm(direct - from_file, axis=-1).max() < 0.1  # km


@pytest.mark.parametrize(
    ("file", "spoil", "message"),
    [
        ("tles.txt", lambda ls: ["4 five"] + ls[1:], "tles.txt, line 1: expected 'n_orbits"),
        ("tles.txt", lambda ls: ls[:3] + [ls[3][:-1] + str((int(ls[3][-1]) + 1) % 10)] + ls[4:],
         "tles.txt, line 4: TLE checksum"),
        ("tles.txt", lambda ls: ls[:-3], "tles.txt, line 1: header says 4 × 5 = 20"),
        ("isls.txt", lambda ls: ls[:2] + ["3 x"] + ls[3:], "isls.txt, line 3: expected two"),
        ("isls.txt", lambda ls: ls + ["1 20"], "isls.txt, line 41: satellite id 20 is unknown"),
        ("ground_stations.txt", lambda ls: ls[:1] + ["1,Delhi,95.0,77.1,216,0,0,0"] + ls[2:],
         "ground_stations.txt, line 2: latitude: 95"),
        ("ground_stations.txt", lambda ls: ls[:2] + ["7,Shanghai,31,121,4,0,0,0"],
         "ground_stations.txt, line 3: ground station id 7"),
        ("description.txt", lambda ls: ["max_gsl_length_m=-3"] + ls[1:],
         "description.txt, line 1: max_gsl_length_m must be a positive"),
    ],
)
def test_malformed_hypatia_file_names_file_and_line(tmp_path, file, spoil, message):
    write_network(tmp_path, edit=lambda name, lines: spoil(lines) if name == file else lines)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("×", "×")):
        read_hypatia(tmp_path)


def satgenpy_lengths_with_pyephem(directory, network, offset_s):
    """Ground-link (site, satellite) and ISL lengths [m] exactly as satgenpy's
    ``distance_tools`` measures them, through PyEphem: ``satellite.range`` from an observer
    at the station, and ISLs by the law of cosines from an observer at 0°N 0°E with
    ``ephem.separation``; dates are ``str(astropy Time)`` of epoch + offset."""
    import math

    import astropy.units as u
    import ephem
    from astropy.time import Time

    lines = (directory / "tles.txt").read_text().splitlines()
    satellites = [ephem.readtle(*lines[1 + 3 * k: 4 + 3 * k]) for k in range(network.n_satellites)]
    stations = [row.split(",") for row in (directory / "ground_stations.txt").read_text().split()]
    epoch = Time(str(network.epoch.astype("datetime64[s]")).replace("T", " "), scale="tdb")
    epoch_str, date_str = str(epoch), str(epoch + int(round(offset_s * 1e9)) * u.ns)
    gsl = np.empty((len(stations), network.n_satellites))
    for g, row in enumerate(stations):
        for s, satellite in enumerate(satellites):
            observer = ephem.Observer()
            observer.epoch, observer.date = epoch_str, date_str
            observer.lat, observer.lon, observer.elevation = row[2], row[3], float(row[4])
            satellite.compute(observer)
            gsl[g, s] = satellite.range
    isl = []
    for a, b in network.isl_edges:
        observer = ephem.Observer()
        observer.epoch, observer.date = epoch_str, date_str
        observer.lat, observer.lon, observer.elevation = 0, 0, 0
        satellites[a].compute(observer)
        satellites[b].compute(observer)
        angle = float(repr(ephem.separation(satellites[a], satellites[b])))
        ra, rb = satellites[a].range, satellites[b].range
        isl.append(math.sqrt(ra**2 + rb**2 - 2 * ra * rb * math.cos(angle)))
    return gsl, np.array(isl)


def test_hypatia_rtts_match_satgenpy_measured_through_pyephem_to_tens_of_metres(tmp_path):
    """Hypatia's RTTs come from PyEphem distances (satgenpy ``distance_tools``) and
    ``algorithm_free_one_only_over_isls`` (Floyd–Warshall over ISLs + best entry/exit satellite
    within ``max_gsl_length_m``), RTT = (there + back) / c with c = 299 792 458 m/s. Recomputed
    here with PyEphem itself; our default ``geometry="satgenpy"`` must agree to 30 m of
    one-way path (0.1 µs): PyEphem keeps ranges and angles in single precision (1 m at
    10⁴ km, 2.4e-7 rad), a few metres per link. The precise WGS84/ITRS geometry is off by
    more (UT1 − UTC, ellipsoid, PyEphem's 6378.16 km radius scale), which shows the
    difference is the geometry, not the routing."""
    pytest.importorskip("ephem")
    import networkx as nx

    write_network(tmp_path, n_orbits=12, per_orbit=12, max_gsl_length_m=2_000_000.0)
    network = read_hypatia(tmp_path)
    offsets = [0.0, 600.0]
    ours = network.route(offsets)
    precise = network.route(offsets, geometry="precise")
    errors, precise_errors = [], []
    for t, offset in enumerate(offsets):
        gsl, isl = satgenpy_lengths_with_pyephem(tmp_path, network, offset)
        assert (isl <= network.max_isl_length_km * 1e3).all()  # satgenpy raises otherwise
        graph = nx.Graph()
        graph.add_nodes_from(range(network.n_satellites))
        graph.add_weighted_edges_from((int(a), int(b), w)
                                      for (a, b), w in zip(network.isl_edges, isl, strict=True))
        distance = nx.floyd_warshall_numpy(graph)
        gsl = np.where(gsl <= network.max_gsl_length_km * 1e3, gsl, np.inf)
        for a, b in itertools.permutations(range(gsl.shape[0]), 2):
            one_way_m = np.min(gsl[a][:, None] + distance + gsl[b][None, :])
            hypatia_rtt_ms = 2 * one_way_m / 299_792_458.0 * 1e3
            got = float(ours.rtt_ms.isel(time=t, source=a, destination=b))
            if not np.isfinite(one_way_m):
                assert np.isnan(got)
                continue
            errors.append(abs(got - hypatia_rtt_ms) / 2 * 299_792.458)  # metres of one-way path
            precise_errors.append(abs(float(precise.rtt_ms.isel(time=t, source=a, destination=b))
                                      - hypatia_rtt_ms) / 2 * 299_792.458)
    assert len(errors) >= 8
    assert max(errors) < 30.0
    assert max(precise_errors) > 2 * max(errors)


def test_satgenpy_earth_rotation_is_within_a_tenth_of_a_second_of_iau_1982_gmst():
    """PyEphem (hence satgenpy) turns the Earth by Newcomb's sidereal time of the UTC date.
    The IAU 1982 GMST (Aoki et al. 1982, A&A 105, 359: 24 110.54841 s + 8 640 184.812866 T
    + 0.093104 T² − 6.2e-6 T³ at 0h UT1, T in Julian centuries from J2000) was made continuous
    with Newcomb's; the two differ by under 0.1 s of time this century (~45 m at the equator),
    while a wrong day fraction or a solar-instead-of-sidereal rate would be off by minutes."""
    from orbital.links.hypatia import _pyephem_sidereal_angle

    for jd, fraction in ((2451544.5, 0.0), (2451544.5, 0.3), (2461119.5, 0.75)):
        angle = float(_pyephem_sidereal_angle(np.array(jd), np.array(fraction)))
        centuries_at_0h = (jd - 2451545.0) / 36525
        gmst_0h_s = (24_110.54841 + 8_640_184.812866 * centuries_at_0h
                     + 0.093104 * centuries_at_0h**2 - 6.2e-6 * centuries_at_0h**3)
        gmst_s = gmst_0h_s + 1.00273790935 * fraction * 86_400.0
        expected = 2 * np.pi * (gmst_s / 86_400.0 % 1.0)
        difference_s = ((angle - expected + np.pi) % (2 * np.pi) - np.pi) / (2 * np.pi) * 86_164.1
        assert abs(difference_s) < 0.12
