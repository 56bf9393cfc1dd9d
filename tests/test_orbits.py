"""Validation of orbital.orbits against skyfield, analytic laws, boinor and REFERENCES.md."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbital import orbits
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM

T0 = np.datetime64("2026-03-20T00:00:00", "ns")


def minutes(n, step_s=60):
    return T0 + np.arange(n) * np.timedelta64(step_s, "s")


# --- propagation against skyfield --------------------------------------------------------------


def test_propagate_matches_skyfield_earthsatellite_to_a_metre():
    """Our vectorized path (one SatrecArray call, one rotation per step) must reproduce
    skyfield's per-satellite EarthSatellite.at(t) GCRS and ITRS positions to < 1 m."""
    from skyfield.api import EarthSatellite, wgs84
    from skyfield.framelib import itrs

    from orbital import _data

    shell = orbits.walker_delta(550.0, 53.0, 6, 8, 2)
    times = T0 + np.sort(np.random.default_rng(1).integers(0, 86_400, 40)) * np.timedelta64(1, "s")
    states = orbits.propagate(shell, times)
    constellation = shell.to_constellation()
    sky_times = _data.skyfield_times(times)
    for k in (0, 13, 47):
        satellite = EarthSatellite.from_satrec(constellation.satrecs[k], _data.timescale())
        at = satellite.at(sky_times)
        gcrs_error_m = np.abs(at.position.km.T - states.position_gcrs_km.values[:, k]).max() * 1e3
        itrs_error_m = np.abs(at.frame_xyz(itrs).km.T - states.position_itrs_km.values[:, k]).max() * 1e3
        velocity = states.velocity_gcrs_km_s.values[:, k]
        velocity_error_m_s = np.abs(at.velocity.km_per_s.T - velocity).max() * 1e3
        assert gcrs_error_m < 1.0
        assert itrs_error_m < 1.0
        assert velocity_error_m_s < 1e-3
        geodetic = wgs84.geographic_position_of(at)
        assert np.abs(geodetic.latitude.degrees - states.lat.values[:, k]).max() < 1e-7
        assert np.abs(geodetic.elevation.km - states.alt_km.values[:, k]).max() < 1e-3


def test_itrs_positions_match_astropy_teme_to_itrs_to_a_centimetre():
    """An implementation independent of skyfield: astropy's TEME→ITRS transform (ERFA, IAU
    2006/2000A, IERS polar motion and UT1 from astropy-iers-data) of the same SGP4 TEME
    vectors lands within 1 cm of our ITRS positions while the IERS tables cover the dates
    (polar motion alone is ~10 m at LEO radius, so this also checks it is applied)."""
    import astropy.units as u
    from astropy.coordinates import ITRS, TEME, CartesianRepresentation
    from astropy.time import Time
    from sgp4.api import SatrecArray

    from orbital import _data

    shell = orbits.walker_delta(550.0, 53.0, 2, 3, epoch="2026-03-20")
    times = minutes(12, 600)
    states = orbits.propagate(shell, times)
    jd, fraction = _data.julian_date_parts(times)
    _, r_teme, _ = SatrecArray(list(shell.to_constellation().satrecs)).sgp4(jd, fraction)
    obstime = Time(times, scale="utc")
    for k in (0, 4):
        teme = TEME(CartesianRepresentation(r_teme[k].T * u.km), obstime=obstime)
        itrs = teme.transform_to(ITRS(obstime=obstime)).cartesian.xyz.to_value(u.km).T
        assert np.abs(itrs - states.position_itrs_km.values[:, k]).max() * 1e3 < 0.01


def test_propagate_tle_file_matches_skyfield_loader():
    """A TLE read by load_tle propagates like skyfield's own TLE reader."""
    from importlib.resources import files

    from skyfield.api import EarthSatellite

    from orbital import _data

    path = files("orbital") / "data" / "example_walker.tle"
    lines = path.read_text().splitlines()
    constellation = orbits.load_tle(path)
    times = minutes(30, 120)
    states = orbits.propagate(constellation, times)
    satellite = EarthSatellite(lines[4], lines[5], lines[3], _data.timescale())
    expected = satellite.at(_data.skyfield_times(times)).position.km.T
    assert np.abs(expected - states.position_gcrs_km.values[:, 1]).max() * 1e3 < 1.0


def test_propagate_dataset_is_labelled_with_units():
    states = orbits.propagate(orbits.walker_delta(550, 53, 2, 3), minutes(4))
    assert dict(states.sizes) == {"time": 4, "satellite": 6, "xyz": 3}
    for name, variable in states.data_vars.items():
        assert variable.attrs["units"] and variable.attrs["long_name"], name
    assert states.plane.values.tolist() == [0, 0, 0, 1, 1, 1]
    assert states.lon.min() >= -180 and states.lon.max() <= 180


def test_chunked_propagation_equals_eager():
    shell = orbits.walker_delta(550, 53, 4, 5)
    times = minutes(25)
    eager = orbits.propagate(shell, times)
    lazy = orbits.propagate(shell, times, chunks={"time": 7, "satellite": 6})
    assert lazy.alt_km.chunks == ((7, 7, 7, 4), (6, 6, 6, 2))
    lazy = lazy.compute()
    for name in eager.data_vars:
        np.testing.assert_allclose(lazy[name].values, eager[name].values, rtol=1e-12, atol=1e-12)


def test_gcrs_only_propagation_gives_the_same_gcrs_states_bit_for_bit():
    """earth_fixed=False (what power and thermal need) leaves out ITRS and geodetic variables
    and changes nothing else, eager or chunked; the frame rotations, computed once per set of
    times and shared, give the same bits as those computed afresh for each call."""
    from orbital.orbits import propagation

    shell = orbits.walker_delta(550, 53, 4, 5)
    times, other = minutes(25), minutes(25, step_s=90)
    full = orbits.propagate(shell, times)
    orbits.propagate(shell, other)  # another set of times in between
    for states in (orbits.propagate(shell, times, earth_fixed=False),
                   orbits.propagate(shell, times, earth_fixed=False,
                                    chunks={"satellite": 6}).compute()):
        assert set(states.data_vars) == {"position_gcrs_km", "velocity_gcrs_km_s"}
        for name in states.data_vars:
            assert states[name].values.tobytes() == full[name].values.tobytes(), name
    fresh = propagation._propagate_block(shell.to_constellation(), times,
                                         propagation._frame_rotations(times))
    for name, values in fresh.items():
        assert values.tobytes() == full[name].values.tobytes(), name
    with pytest.raises(ValueError, match="earth_fixed: 'no' must be True or False"):
        orbits.propagate(shell, times, earth_fixed="no")


def test_circular_shell_keeps_its_named_mean_altitude():
    """The Kozai→Brouwer inversion makes SGP4's mean semi-major axis R_eq + h, so the mean
    geocentric radius over an orbit is R_eq + h to within J2 short-period terms (~ km)."""
    shell = orbits.walker_delta(550.0, 53.0, 3, 4)
    states = orbits.propagate(shell, minutes(96))
    radius = np.linalg.norm(states.position_gcrs_km.values, axis=-1)
    assert abs(radius.mean() - (EARTH_EQUATORIAL_RADIUS_KM + 550.0)) < 3.0


# --- orbit design ---------------------------------------------------------------------------


def test_sso_inclination_at_650_km_matches_reference():
    """REFERENCES.md: sun-synchronous inclination at 650 km (circular, J2) is 97.99°."""
    assert abs(orbits.sso_inclination_deg(650.0) - 97.99) < 0.02


def test_sso_node_precession_equals_mean_solar_motion():
    """By definition the SSO node advances 360° per tropical year: 0.9856 °/day. (boinor's Earth
    constants, J2 = 1.08263e-3 and R = 6378.1366 km, differ from ours in the 6th digit.)"""
    rate = orbits.raan_drift_deg_per_day(800.0, orbits.sso_inclination_deg(800.0))
    assert rate == pytest.approx(360 / 365.2422, rel=1e-5)


def test_period_of_550_km_circular_orbit_is_keplerian():
    """T = 2π sqrt(a³/μ) for a = 6378.137 + 550 km and μ = 398 600.4418 km³/s² (WGS84/EGM96):
    95.650 min, within 0.01 min; and Kepler's third law between two orbits, T ∝ a^(3/2)."""
    assert abs(orbits.orbital_period_min(550.0) - 95.650) < 0.01
    low, high = orbits.orbital_period_min(np.array([550.0, 35_786.0]))
    assert high / low == pytest.approx(((6378.137 + 35_786.0) / (6378.137 + 550.0)) ** 1.5,
                                       rel=1e-12)
    assert high == pytest.approx(1436.07, abs=0.01)  # geostationary: one sidereal day


def test_propagated_period_matches_keplerian_period():
    """The time between successive ascending-node crossings of an equatorial-ish SGP4 orbit
    (nodal period) stays within 0.5 % of the Keplerian period (J2 shifts it by ~0.1–0.3 %)."""
    orbit = orbits.sun_synchronous(650.0, 18.0)
    times = T0 + np.arange(0, 3 * 6000, 5) * np.timedelta64(1, "s")
    z = orbits.propagate(orbit, times).position_gcrs_km.values[:, 0, 2]
    up = np.nonzero((z[:-1] < 0) & (z[1:] >= 0))[0]
    crossings_s = (up + (-z[up]) / (z[up + 1] - z[up])) * 5.0
    period_min = np.diff(crossings_s).mean() / 60
    assert period_min == pytest.approx(orbits.orbital_period_min(650.0), rel=5e-3)


def test_boinor_j2_cowell_raan_drift_matches_analytic_formula():
    """Integrate the J2-perturbed two-body problem with boinor's Cowell propagator over
    whole orbits and compare the node drift with -3/2 J2 (R/p)² n cos i (Vallado eq. 9-41)."""
    import astropy.units as u
    from boinor.bodies import Earth
    from boinor.core.perturbations import J2_perturbation
    from boinor.core.propagation import func_twobody
    from boinor.twobody import Orbit
    from boinor.twobody.propagation import CowellPropagator

    altitude_km, inclination_deg = 550.0, 53.0

    def acceleration(t0, state, k):
        du = func_twobody(t0, state, k)
        ax, ay, az = J2_perturbation(t0, state, k, J2=Earth.J2.value, R=Earth.R.to_value(u.km))
        return du + np.array([0, 0, 0, ax, ay, az])

    start = Orbit.circular(Earth, altitude_km * u.km, inc=inclination_deg * u.deg, raan=0 * u.deg)
    n_orbits = 10
    duration = n_orbits * start.period
    end = start.propagate(duration, method=CowellPropagator(f=acceleration, rtol=1e-11))
    drift = (end.raan - start.raan).to_value(u.deg)
    drift = (drift + 180) % 360 - 180
    expected = orbits.raan_drift_deg_per_day(altitude_km, inclination_deg) * duration.to_value(u.day)
    # Osculating vs mean semi-major axis differ by J2 short-period terms (~0.1 %), and the
    # node oscillates within an orbit: agreement to 2 % is what first-order theory promises.
    assert drift == pytest.approx(expected, rel=0.02)


def test_sgp4_propagated_node_drift_matches_analytic_formula():
    """SGP4's own secular J2 node rate, measured from propagated states over one day."""
    shell = orbits.walker_delta(550.0, 53.0, 1, 1)
    times = T0 + np.array([0, 86_400], dtype="timedelta64[s]")
    states = orbits.propagate(shell, times)
    r, v = states.position_gcrs_km.values[:, 0], states.velocity_gcrs_km_s.values[:, 0]
    normal = np.cross(r, v)
    node = np.degrees(np.arctan2(normal[:, 0], -normal[:, 1]))
    measured = (node[1] - node[0] + 180) % 360 - 180
    assert measured == pytest.approx(orbits.raan_drift_deg_per_day(550.0, 53.0), rel=0.02)


def test_dawn_dusk_orbit_plane_faces_the_sun():
    """LTAN 18 h puts the node 90° east of the mean Sun: the orbit normal points near the Sun
    (beta ≈ 90° − (23.4° tilt effects) at the equinox, here > 60°)."""
    from orbital import _data

    orbit = orbits.sun_synchronous(650.0, 18.0, epoch="2026-03-20T12:00")
    states = orbits.propagate(orbit, np.array(["2026-03-20T12:00"], dtype="datetime64[ns]"))
    r, v = states.position_gcrs_km.values[0, 0], states.velocity_gcrs_km_s.values[0, 0]
    normal = np.cross(r, v) / np.linalg.norm(np.cross(r, v))
    earth = _data.ephemeris()["earth"]
    sun = earth.at(_data.skyfield_times(states.time.values)).observe(_data.ephemeris()["sun"])
    sun_unit = sun.position.km[:, 0] / np.linalg.norm(sun.position.km[:, 0])
    beta = np.degrees(np.arcsin(normal @ sun_unit))
    assert beta > 60


# --- Walker geometry -----------------------------------------------------------------------


walker_shells = st.builds(
    lambda alt, inc, planes, per_plane, f, pattern: orbits.WalkerShell(
        alt, inc, planes, per_plane, f % planes, pattern),
    st.floats(300, 2000), st.floats(0, 180), st.integers(1, 40), st.integers(1, 40),
    st.integers(0, 1000), st.sampled_from(["delta", "star"]),
)


@settings(max_examples=50, deadline=None)
@given(walker_shells)
def test_walker_geometry_spacing_and_phasing(shell):
    """Walker (1984): plane RAAN spacing spread/P, in-plane spacing 360°/S, and satellite s of
    plane p+1 leads satellite s of plane p by F·360°/(P·S)."""
    planes, per_plane = shell.planes, shell.sats_per_plane
    raan = shell.raan_deg.reshape(planes, per_plane)
    phase = shell.argument_of_latitude_deg.reshape(planes, per_plane)
    np.testing.assert_allclose(raan[:, 0], np.mod(np.arange(planes) * shell.raan_spread_deg / planes, 360))
    assert np.ptp(raan, axis=1).max() == 0
    wrap = lambda angle: (angle + 180) % 360 - 180  # noqa: E731
    if per_plane > 1:
        np.testing.assert_allclose(wrap(np.diff(phase, axis=1) - 360 / per_plane), 0, atol=1e-9)
    if planes > 1:
        offset = wrap(phase[1:, 0] - phase[:-1, 0] - shell.phasing * 360 / (planes * per_plane))
        np.testing.assert_allclose(offset, 0, atol=1e-9)
    assert shell.n_satellites == planes * per_plane


def test_walker_propagated_planes_are_spaced_by_360_over_p():
    """The propagated orbit normals of a delta shell show the plane spacing, not just the inputs."""
    shell = orbits.walker_delta(550.0, 53.0, 6, 2, 1)
    states = orbits.propagate(shell, minutes(1))
    r, v = states.position_gcrs_km.values[0], states.velocity_gcrs_km_s.values[0]
    from skyfield.framelib import true_equator_and_equinox_of_date as of_date

    from orbital import _data

    # elements are defined on the equator of date (TEME); the GCRS equator is 26 years of
    # precession away, which tilts apparent inclinations by ~0.1°
    to_date = of_date.rotation_at(_data.skyfield_times(states.time.values[:1]))[..., 0]
    normal = np.cross(r, v) @ to_date.T
    node = np.degrees(np.arctan2(normal[:, 0], -normal[:, 1]))[::2]
    spacing = np.mod(np.diff(node), 360)
    # osculating nodes from r×v carry J2 short-period terms (~0.1°) that differ with each
    # satellite's argument of latitude: 0.25° is the tolerance that physics allows
    np.testing.assert_allclose(spacing, 60.0, atol=0.25)
    inclination = np.degrees(np.arccos(normal[:, 2] / np.linalg.norm(normal, axis=1)))
    np.testing.assert_allclose(inclination, 53.0, atol=0.1)


# --- formation cluster ---------------------------------------------------------------------


def test_cluster_members_stay_within_radius_over_one_orbit():
    """Suncatcher-like 81 satellites within 1 km at 650 km dawn–dusk (arXiv:2511.19468): over the
    first orbit from the element epoch every member stays within the radius of the reference,
    at its design distance ρ, and members never come closer than the lattice spacing.

    The layout is exact in Clohessy–Wiltshire (two-body) theory; SGP4's J2 terms (short-period
    terms that differ with each member's inclination, ~15 m, and the slow rotation of
    the relative eccentricity vector) keep |d − ρ| within 2 % of the 1 km radius (20 m) over
    the first orbit (measured)."""
    cluster = orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0), 81, 1.0)
    times = cluster.epoch + np.arange(99) * np.timedelta64(60, "s")
    position = orbits.propagate(cluster, times).position_gcrs_km.values
    distance = np.linalg.norm(position - position[:, :1], axis=-1)
    assert distance.max() <= 1.0 + 0.02
    rho, _ = cluster.relative_layout
    # the relative orbit is a rigid rotation: each member's distance to the reference is ρ
    np.testing.assert_allclose(distance, np.broadcast_to(rho, distance.shape), atol=0.02)
    pairwise = np.linalg.norm(position[:, :, None] - position[:, None, :], axis=-1)
    pairwise[:, np.arange(81), np.arange(81)] = np.inf
    # 81 members fill hexagonal rings 1–4 and part of ring 5: spacing radius/5 = 200 m
    # (Suncatcher's 100–200 m), kept to within the same 20 m
    assert pairwise.min() > 0.2 - 0.02


def test_cluster_differential_j2_drift_grows_over_orbits():
    """The formation is not frozen: J2 turns the relative eccentricity vector at the perigee
    rate ω̇ (~0.2° per orbit at 650 km SSO, D'Amico 2010) and drifts the nodes apart
    (δi ≈ ρ/a), metres per orbit, so a cluster needs station-keeping — the error after
    15 orbits is several times the first orbit's."""
    cluster = orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0), 81, 1.0)
    rho, _ = cluster.relative_layout

    def worst_error_km(start_orbit):
        offset = np.timedelta64(int(start_orbit * cluster.reference.period_min * 60), "s")
        times = cluster.epoch + offset + np.arange(99) * np.timedelta64(60, "s")
        position = orbits.propagate(cluster, times).position_gcrs_km.values
        return np.abs(np.linalg.norm(position - position[:, :1], axis=-1) - rho).max()

    first, later = worst_error_km(0), worst_error_km(15)
    assert later > 3 * first
    assert later < 0.25  # still metres per orbit, not a broken layout


# --- TLE / OMM -----------------------------------------------------------------------------


def test_tle_round_trip_preserves_elements(tmp_path):
    shell = orbits.walker_star(1015.0, 98.98, 3, 4, 1)
    path = orbits.write_tle(shell, tmp_path / "telesat.tle")
    loaded = orbits.load_tle(path)
    assert loaded.n_satellites == 12
    np.testing.assert_allclose(loaded.inclination_deg, 98.98, atol=1e-4)
    np.testing.assert_allclose(loaded.altitude_km, 1015.0, atol=0.01)
    times = minutes(10)
    a = orbits.propagate(shell, times).position_gcrs_km.values
    b = orbits.propagate(loaded, times).position_gcrs_km.values
    assert np.abs(a - b).max() < 0.05  # TLE fields keep 8 decimals: centimetres to metres


def test_omm_csv_loads_like_the_equivalent_tle(tmp_path):
    """A CelesTrak-style OMM CSV record and the TLE with the same elements give one orbit."""
    header = ("OBJECT_NAME,OBJECT_ID,EPOCH,MEAN_MOTION,ECCENTRICITY,INCLINATION,RA_OF_ASC_NODE,"
              "ARG_OF_PERICENTER,MEAN_ANOMALY,EPHEMERIS_TYPE,CLASSIFICATION_TYPE,NORAD_CAT_ID,"
              "ELEMENT_SET_NO,REV_AT_EPOCH,BSTAR,MEAN_MOTION_DOT,MEAN_MOTION_DDOT")
    row = ("TEST SAT,2026-001A,2026-03-20T12:00:00.000000,15.05581646,.0001000,53.0000,"
           "10.0000,90.0000,45.0000,0,U,99999,999,1,0,0,0")
    path = tmp_path / "sats.csv"
    path.write_text(header + "\n" + row + "\n")
    loaded = orbits.load_omm(path)
    assert loaded.names == ("TEST SAT",)
    line1 = "1 99999U 26001A   26079.50000000  .00000000  00000-0  00000-0 0  9999"
    line2 = "2 99999  53.0000  10.0000 0001000  90.0000  45.0000 15.05581646    10"
    line1 = line1[:68] + str(orbits.tle_checksum(line1))
    line2 = line2[:68] + str(orbits.tle_checksum(line2))
    tle = orbits.parse_tle(f"{line1}\n{line2}\n")
    times = minutes(5)
    a = orbits.propagate(loaded, times).position_gcrs_km.values
    b = orbits.propagate(tle, times).position_gcrs_km.values
    assert np.abs(a - b).max() < 1e-3


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(altitude_km=-5), "altitude_km: -5 km is outside the allowed range [150, 40000] km"),
        (dict(altitude_km=120), "altitude_km: 120 km"),
        (dict(inclination_deg=181), "inclination_deg: 181 deg is outside the allowed range [0, 180]"),
        (dict(inclination_deg=float("nan")), "inclination_deg: nan"),
        (dict(planes=0), "planes: 0 must be a whole number >= 1"),
        (dict(sats_per_plane=2.5), "sats_per_plane: 2.5"),
        (dict(phasing=7), "phasing: 7 must be a whole number in [0, 5]"),
    ],
)
def test_bad_shell_parameters_raise_clear_errors(kwargs, message):
    arguments = dict(altitude_km=550.0, inclination_deg=53.0, planes=6, sats_per_plane=4, phasing=1)
    arguments.update(kwargs)
    with pytest.raises(ValueError) as error:
        orbits.walker_delta(**arguments)
    assert message in str(error.value)


def test_bad_sso_and_cluster_parameters():
    with pytest.raises(ValueError, match="ltan_hours: 25 h"):
        orbits.sun_synchronous(650.0, 25.0)
    with pytest.raises(ValueError, match="altitude_km: 7000 km"):
        orbits.sun_synchronous(7000.0, 6.0)
    with pytest.raises(ValueError, match="radius_km: -1 km"):
        orbits.formation_cluster(orbits.sun_synchronous(650.0), 81, -1.0)


def test_times_outside_the_ephemeris_span_are_refused():
    shell = orbits.walker_delta(550, 53, 1, 1)
    with pytest.raises(ValueError, match="outside the DE421 ephemeris span"):
        orbits.propagate(shell, np.array(["2060-01-01"], dtype="datetime64[ns]"))
    with pytest.raises(ValueError, match="epoch: .* outside the DE421"):
        orbits.walker_delta(550, 53, 1, 1, epoch="1800-01-01")


def test_malformed_tle_names_file_and_line(tmp_path):
    good = (tmp_path / "good.tle")
    orbits.write_tle(orbits.walker_delta(550, 53, 1, 2), good)
    lines = good.read_text().splitlines()
    broken = lines[:4] + [lines[4][:40]] + lines[5:]
    path = tmp_path / "broken.tle"
    path.write_text("\n".join(broken) + "\n")
    with pytest.raises(ValueError, match=r"broken\.tle, line 5: TLE line 1 has 40 characters"):
        orbits.load_tle(path)
    bad_checksum = lines[:2] + [lines[2][:68] + str((int(lines[2][68]) + 1) % 10)] + lines[3:]
    path.write_text("\n".join(bad_checksum) + "\n")
    with pytest.raises(ValueError, match=r"line 3: checksum"):
        orbits.load_tle(path)
    with pytest.raises(ValueError, match="is not a file"):
        orbits.load_tle(tmp_path / "missing.tle")


def test_sgp4_failure_far_from_epoch_is_reported_not_nan():
    """A decaying orbit (high drag term) fails in SGP4 years later: a ValueError, not NaNs."""
    constellation = orbits.walker_delta(200, 53, 1, 1).to_constellation()
    decaying = orbits.Constellation.from_mean_elements(
        mean_motion_rad_min=constellation.satrecs[0].no_kozai, eccentricity=0.0,
        inclination_rad=np.radians(53), raan_rad=0.0, argument_of_perigee_rad=0.0,
        mean_anomaly_rad=0.0, epoch=orbits.DEFAULT_EPOCH, names=["decaying"], plane=[-1],
        bstar=0.01)
    with pytest.raises(ValueError, match="SGP4 fails"), pytest.warns(RuntimeWarning,
                                                                   match="1095 days from"):
        orbits.propagate(decaying, np.array([orbits.DEFAULT_EPOCH + np.timedelta64(3 * 365, "D")]))


# --- published figures of a flown sun-synchronous mission -----------------------------------


def _ascending_node_crossings(orbit, n_orbits=3, step_s=2):
    """UTC times [s from epoch] and ITRS longitudes [deg] of the ascending-node crossings."""
    times = orbit.epoch + np.arange(0, int(n_orbits * 6_100), step_s) * np.timedelta64(1, "s")
    states = orbits.propagate(orbit, times)
    z = states.position_gcrs_km.values[:, 0, 2]
    up = np.nonzero((z[:-1] < 0) & (z[1:] >= 0))[0]
    fraction = -z[up] / (z[up + 1] - z[up])
    lon = states.lon.values[:, 0]
    lon_cross = lon[up] + fraction * ((lon[up + 1] - lon[up] + 180) % 360 - 180)
    return (up + fraction) * step_s, lon_cross


def test_sentinel2_nodal_period_matches_its_143_orbit_10_day_repeat_cycle():
    """ESA Sentinel-2 (mean altitude 786 km, SSO): 143 orbits in a 10-day repeat cycle. On a
    sun-synchronous orbit the node keeps pace with the mean Sun, so 143 nodal periods span
    exactly 10 mean solar days: 100.699 min. This checks the altitude convention (SGP4 mean
    a = R_eq + h after the Kozai→Brouwer inversion) and SGP4's J2 nodal period together;
    0.02 min of period is ~1 km of altitude (dT/da = 1.5 T/a)."""
    crossings_s, _ = _ascending_node_crossings(orbits.sun_synchronous(786.0, 22.5,
                                                                      epoch="2026-03-20T00:00"))
    nodal_period_min = np.diff(crossings_s).mean() / 60
    assert abs(nodal_period_min - 10 * 1440 / 143) < 0.02


def test_ascending_node_crosses_at_the_requested_mean_local_solar_time():
    """Local mean solar time at a longitude is UT + λ/15 h (the definition of mean solar time,
    independent of the mean-Sun right ascension the code uses): Sentinel-2's 10:30 descending
    node is a 22:30 ascending node, and the dawn–dusk 18:00 LTAN likewise. Within 1 min
    (UT1−UTC < 0.9 s; J2 short-period node wobble ~0.01° ≈ 2.4 s)."""
    for ltan_hours, altitude_km in ((22.5, 786.0), (18.0, 650.0), (6.0, 1400.0)):
        orbit = orbits.sun_synchronous(altitude_km, ltan_hours, epoch="2026-06-21T03:00")
        crossings_s, lon = _ascending_node_crossings(orbit, n_orbits=2)
        utc = orbit.epoch + (crossings_s * 1e9).astype("timedelta64[ns]")
        ut_hours = (utc - utc.astype("datetime64[D]")) / np.timedelta64(1, "h")
        local_hours = np.mod(ut_hours + lon / 15.0, 24.0)
        error_min = ((local_hours - ltan_hours + 12) % 24 - 12) * 60
        assert np.abs(error_min).max() < 1.0, (ltan_hours, error_min)


def test_sso_inclination_matches_sentinel2a_flown_elements():
    """Sentinel-2A's flown mean elements (heavens-above, epoch 2017-03-09): a = 7167.10 km,
    i = 98.5623°. J2-only theory at a − R_eq = 788.96 km must land within 0.02° (higher
    zonal terms and the frozen eccentricity 1.3e-4 shift it by < 0.01°)."""
    assert abs(orbits.sso_inclination_deg(7167.10 - 6378.137) - 98.5623) < 0.02


# --- bad input at every public boundary ------------------------------------------------------


_T3 = T0 + np.arange(3) * np.timedelta64(60, "s")


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: orbits.walker_delta([550, 600], 53, 2, 2), "altitude_km: [550, 600] must be a single"),
        (lambda: orbits.walker_delta("high", 53, 2, 2), "altitude_km: 'high' is not a number"),
        (lambda: orbits.walker_delta(np.inf, 53, 2, 2), "altitude_km: inf km is outside"),
        (lambda: orbits.walker_delta(550, 53, 2, 2, epoch="soon"), "epoch: cannot read 'soon'"),
        (lambda: orbits.sun_synchronous(650, np.nan), "ltan_hours: nan h is outside"),
        (lambda: orbits.formation_cluster(orbits.walker_delta(550, 0, 1, 1), 7, 1.0),
         "reference: inclination_deg 0 deg is outside the allowed range [0.716"),
        (lambda: orbits.formation_cluster(orbits.sun_synchronous(650), 7, np.nan), "radius_km: nan"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), _T3[::-1]),
         "times: must be strictly increasing, but times[1]"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), np.r_[_T3, _T3[-1:]]),
         "times: must be strictly increasing, but times[3]"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), _T3.reshape(1, 3)),
         "times: shape (1, 3) must be one-dimensional"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), [0.0, 60.0]),
         "times: [0.0, 60.0] are numbers, not UTC datetimes"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), _T3[:0]), "times: no times"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), _T3, chunks={"time": 0}),
         "chunks: time=0 must be a whole number >= 1"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), _T3,
                                  chunks={"satellite": -2}), "chunks: satellite=-2"),
        (lambda: orbits.propagate(orbits.walker_delta(550, 53, 1, 1), _T3, chunks={"time": 1.5}),
         "chunks: time=1.5"),
        (lambda: orbits.describe("starlink"), "orbit: str is not an orbit object"),
        (lambda: orbits.raan_drift_deg_per_day([550, 600], [53, 97, 10]), "do not broadcast"),
    ],
)
def test_bad_input_raises_a_value_error_naming_the_field(call, message):
    with pytest.raises(ValueError) as error:
        call()
    assert message in str(error.value)


@pytest.mark.parametrize(
    "elements, message",
    [
        (dict(mean_motion_rad_min=-0.06), "mean_motion_rad_min: -0.06 rad/min is outside"),
        (dict(mean_motion_rad_min=np.nan), "mean_motion_rad_min: nan"),
        (dict(eccentricity=1.5), "eccentricity: 1.5 is outside the allowed range [0, 1)"),
        (dict(inclination_rad=4.0), "inclination_rad: 4 rad is outside"),
        (dict(raan_rad=np.inf), "raan_rad: inf rad"),
    ],
)
def test_mean_elements_that_would_give_nan_states_are_refused(elements, message):
    """Before the check these built records whose states were NaN (negative or NaN mean
    motion) with no error from SGP4."""
    arguments = dict(mean_motion_rad_min=0.06, eccentricity=0.0, inclination_rad=1.0,
                     raan_rad=0.0, argument_of_perigee_rad=0.0, mean_anomaly_rad=0.0,
                     epoch=orbits.DEFAULT_EPOCH, names=["a"], plane=[-1])
    arguments.update(elements)
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):
        orbits.Constellation.from_mean_elements(**arguments)


def test_shell_fields_are_stored_as_plain_floats():
    """Numpy scalars and numeric strings are accepted and stored as floats, so every later
    formula (RAAN from LTAN, periods) works on numbers."""
    shell = orbits.walker_delta(np.float32(550), "53", np.int64(2), np.int32(3))
    assert isinstance(shell.altitude_km, float) and shell.inclination_deg == 53.0
    orbit = orbits.sun_synchronous("650", "18")
    assert orbit.ltan_hours == 18.0 and np.isfinite(orbit.raan_deg).all()


def test_tle_epoch_far_from_the_times_warns(tmp_path):
    """A TLE's two-digit year 57 is 1957: propagating it to 2026 is 69 years from its epoch,
    which SGP4 cannot mean; the user gets a warning naming the epoch, not silence."""
    line1 = "1 99999U 57001A   57079.50000000  .00000000  00000-0  00000-0 0  9999"
    line2 = "2 99999  53.0000  10.0000 0001000  90.0000  45.0000 15.05581646    10"
    line1 = line1[:68] + str(orbits.tle_checksum(line1))
    line2 = line2[:68] + str(orbits.tle_checksum(line2))
    constellation = orbits.parse_tle(f"{line1}\n{line2}\n")
    assert constellation.epoch == np.datetime64("1957-03-20T12:00")
    with pytest.warns(RuntimeWarning, match="days from the element epoch 1957-03-20"):
        orbits.propagate(constellation, _T3)


def test_omm_json_list_single_object_and_bad_records(tmp_path):
    """CelesTrak serves OMM JSON as a list of records; one record alone also loads, and a
    record SGP4 cannot fly (eccentricity >= 1) or that is not an object is refused at reading."""
    import json

    record = {"OBJECT_NAME": "TEST SAT", "OBJECT_ID": "2026-001A",
              "EPOCH": "2026-03-20T12:00:00.000000", "MEAN_MOTION": 15.05581646,
              "ECCENTRICITY": 0.0001, "INCLINATION": 53.0, "RA_OF_ASC_NODE": 10.0,
              "ARG_OF_PERICENTER": 90.0, "MEAN_ANOMALY": 45.0, "EPHEMERIS_TYPE": 0,
              "CLASSIFICATION_TYPE": "U", "NORAD_CAT_ID": 99999, "ELEMENT_SET_NO": 999,
              "REV_AT_EPOCH": 1, "BSTAR": 0, "MEAN_MOTION_DOT": 0, "MEAN_MOTION_DDOT": 0}
    listed, single = tmp_path / "list.json", tmp_path / "one.json"
    listed.write_text(json.dumps([record, dict(record, OBJECT_NAME="OTHER")]))
    single.write_text(json.dumps(record))
    assert orbits.load_omm(listed).names == ("TEST SAT", "OTHER")
    a = orbits.propagate(orbits.load_omm(single), _T3).position_gcrs_km.values
    b = orbits.propagate(orbits.load_omm(listed), _T3).position_gcrs_km.values[:, :1]
    np.testing.assert_allclose(a, b, rtol=0, atol=1e-9)  # same record, same state
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([dict(record, ECCENTRICITY=1.5)]))
    with pytest.raises(ValueError, match=r"bad\.json, record 1: element set out of range"):
        orbits.load_omm(bad)
    bad.write_text("[1, 2]")
    with pytest.raises(ValueError, match="record 1 is int, not an OMM object"):
        orbits.load_omm(bad)
    bad.write_text(json.dumps([{k: v for k, v in record.items() if k != "MEAN_MOTION"}]))
    with pytest.raises(ValueError, match="record 1 lacks or garbles field 'MEAN_MOTION'"):
        orbits.load_omm(bad)


@pytest.mark.parametrize("altitude_km, inclination_deg",
                         [(150.0, 0.0), (550.0, 53.0), (650.0, 97.99), (1200.0, 63.43),
                          (8000.0, 120.0), (35_786.0, 0.05)])
def test_kozai_inversion_gives_sgp4_mean_semi_major_axis_of_r_plus_h(altitude_km,
                                                                      inclination_deg):
    """sgp4's own initialisation (initl: a1 = (ke/n)^(2/3), δ1, a0, δ0, n'' = n/(1+δ0); Hoots &
    Roehrich 1980, Vallado et al. 2006) turns our Kozai mean motion back into the semi-major
    axis R_eq(WGS72) + h, to a millimetre, at any inclination (the J2 factor 3cos²i − 1 changes
    sign at 54.7°) and in the deep-space branch (GEO)."""
    orbit = orbits.walker_delta(altitude_km, inclination_deg, 1, 1)
    satrec = orbit.to_constellation().satrecs[0]
    assert abs((satrec.a - 1.0) * satrec.radiusearthkm - altitude_km) < 1e-6


def test_cluster_relative_orbits_do_not_drift_along_track_under_j2():
    """D'Amico (2010): the mean relative longitude δλ drifts unless its rate
    δṀ + δω̇ + δΩ̇·cos i vanishes; with J2 that needs a per-member mean motion, not equal ones
    (equal Kozai mean motions drift the relative-orbit centres ~56 m along-track in 15 orbits).
    Measured in the reference's RTN frame: the orbit-averaged along-track offset of every
    member moves < 2 m between orbit 0 and orbit 15, while the J2 rotation of the relative
    eccentricity vector (which leaves the centre in place) still turns the ellipse."""
    cluster = orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0), 81, 1.0)
    period_s = cluster.reference.period_min * 60

    def mean_along_track_km(start_orbit):
        times = (cluster.epoch + np.timedelta64(int(start_orbit * period_s), "s")
                 + np.arange(0, int(period_s), 30) * np.timedelta64(1, "s"))
        states = orbits.propagate(cluster, times)
        r, v = states.position_gcrs_km.values, states.velocity_gcrs_km_s.values
        radial = r[:, :1] / np.linalg.norm(r[:, :1], axis=-1, keepdims=True)
        normal = np.cross(r[:, :1], v[:, :1])
        normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
        along = np.cross(normal, radial)
        return ((r - r[:, :1]) * along).sum(-1).mean(axis=0)

    drift_m = np.abs(mean_along_track_km(15) - mean_along_track_km(0)) * 1e3
    assert drift_m.max() < 2.0
    members = cluster.to_constellation().satrecs
    rate = np.array([s.mdot + s.argpdot + s.nodedot * np.cos(members[0].inclo) for s in members])
    # SGP4's own secular rates [rad/min]: 1e-10 is 1 m/day along-track (equal mean motions: 1e-8)
    assert np.abs(rate - rate[0]).max() < 1e-10


# --- robustness at the boundaries (issue #16) ------------------------------------------------


def test_binary_tle_and_omm_files_are_refused_naming_the_file(tmp_path):
    zipped = tmp_path / "elements.tle"
    zipped.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00binary")
    latin = tmp_path / "elements.omm"
    latin.write_bytes("OBJECT_NAME,caf\xe9\n".encode("latin-1"))
    for load in (orbits.load_tle, orbits.load_omm):
        with pytest.raises(ValueError, match=r"elements\.tle: binary file \(NUL byte at offset 5\)"):
            load(zipped)
        with pytest.raises(ValueError, match=r"elements\.omm: not a UTF-8 text file \(byte 15"):
            load(latin)


def test_times_with_a_utc_offset_are_converted_to_utc_with_one_warning():
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shell = orbits.walker_delta(550.0, 53.0, 1, 1, epoch="2026-03-20T12:00+02:00")
        times = orbits.check_time_span(["2026-03-20T12:00-05:30", "2026-03-20T18:00Z"])
    assert shell.epoch == np.datetime64("2026-03-20T10:00", "ns")
    np.testing.assert_array_equal(times, np.array(["2026-03-20T17:30", "2026-03-20T18:00"],
                                                  dtype="datetime64[ns]"))
    # one for the epoch, one for the list (whose "Z" is UTC already, so not counted)
    messages = [str(w.message) for w in caught]
    assert len(messages) == 2, messages
    assert messages[0].startswith("epoch: 1 time(s) carry a UTC offset")
    assert messages[1].startswith("times: 1 time(s) carry a UTC offset")


def test_a_span_past_the_ephemeris_fails_at_the_check_naming_the_limit():
    """A start inside DE421 with a year-long read past its end (2053-10-08) must fail where
    the span is checked, not deep inside skyfield."""
    orbit = orbits.sun_synchronous(650.0, 18.0, epoch="2053-09-01")  # the start alone is fine
    from orbital import sun

    with pytest.raises(ValueError, match=r"times: 2053-09-01.* DE421 ephemeris span, which "
                                         r"ends on 2053-10-08"):
        sun.beta_angle_over_year(orbit)
    start = np.datetime64("2053-09-01", "ns")
    with pytest.raises(ValueError, match="--start: .*ends on 2053-10-08"):
        orbits.check_time_span([start, start + np.timedelta64(365, "D")], field="--start")


def test_times_past_the_iers_table_warn_once_naming_its_end():
    from orbital import _data

    end = _data.iers_table_end()
    later = end + np.timedelta64(30, "D")
    with pytest.warns(UserWarning, match=f"past {end.astype('datetime64[D]')}, the end of the "
                                         "shipped IERS Bulletin A table"):
        orbits.check_time_span([later])
    # the last tabulated day is inside
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        orbits.check_time_span([end])


def test_a_bad_cache_dir_falls_back_to_a_temporary_one_with_a_warning(tmp_path, monkeypatch):
    from orbital import _data

    fresh = tmp_path / "new" / "cache"
    monkeypatch.setenv("ODC_CACHE_DIR", str(fresh))
    assert _data.cache_dir() == fresh and fresh.is_dir()  # missing: created
    a_file = tmp_path / "not-a-dir"
    a_file.write_text("")
    for bad, why in [(a_file, "is not a directory"),
                     (a_file / "below", "is not a writable directory")]:
        monkeypatch.setenv("ODC_CACHE_DIR", str(bad))
        _data._fallback_cache_dir.cache_clear()
        with pytest.warns(UserWarning, match=f"ODC_CACHE_DIR '{bad}' {why}"):
            fallback = _data.cache_dir()
        assert fallback.is_dir() and fallback != bad
        (fallback / "probe").write_text("ok")  # writable
    # the same bad setting warns once per process, then reuses its temporary directory
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _data.cache_dir() == fallback


# --- lazy element-built constellations and multi-shell definitions (issue #20) ----------------


def _records_by_hand(altitude_km, inclination_deg, planes, per_plane, phasing):
    """Walker 1984 i: T/P/F elements fed to sgp4init one satellite at a time (the pre-#20
    per-satellite construction), independent of Constellation's vectorised path."""
    from sgp4.api import WGS72, Satrec

    from orbital.orbits.constellation import SGP4_EPOCH_ORIGIN, _kozai_mean_motion_for_altitude

    total = planes * per_plane
    motion = float(_kozai_mean_motion_for_altitude(altitude_km, inclination_deg))
    epoch_days = (orbits.DEFAULT_EPOCH - SGP4_EPOCH_ORIGIN) / np.timedelta64(1, "D")
    records = []
    for k in range(total):
        p, s = divmod(k, per_plane)
        raan = np.radians(np.mod(p * 360.0 / planes, 360.0))
        u = np.radians(np.mod(s * 360.0 / per_plane + p * phasing * 360.0 / total, 360.0))
        satrec = Satrec()
        satrec.sgp4init(WGS72, "i", k, epoch_days, 0.0, 0.0, 0.0, 0.0, 0.0,
                        np.radians(inclination_deg), np.mod(u, 2 * np.pi), motion,
                        np.mod(raan, 2 * np.pi))
        records.append(satrec)
    return records


def test_lazily_built_records_fly_bit_for_bit_like_per_satellite_records():
    """A shell's records are built only inside propagation blocks; chunked, unchunked and the
    per-satellite sgp4init records of the same Walker elements give identical positions."""
    from sgp4.api import SatrecArray

    from orbital import _data

    shell = orbits.walker_delta(1100.0, 87.9, 6, 7, 2)
    times = minutes(20)
    jd, fraction = _data.julian_date_parts(times)
    _, r_hand, _ = SatrecArray(_records_by_hand(1100.0, 87.9, 6, 7, 2)).sgp4(jd, fraction)
    _, r_lazy, _ = SatrecArray(shell.to_constellation().build_satrecs()).sgp4(jd, fraction)
    np.testing.assert_array_equal(r_lazy, r_hand)
    whole = orbits.propagate(shell, times)
    chunked = orbits.propagate(shell, times, chunks={"satellite": 10}).compute()
    assert whole.identical(chunked)
    # time chunks evaluate the Earth-rotation matrices per chunk: the ITRS may move by an ulp
    by_time = orbits.propagate(shell, times, chunks={"satellite": 10, "time": 7}).compute()
    np.testing.assert_array_equal(by_time.position_gcrs_km.values, whole.position_gcrs_km.values)
    np.testing.assert_allclose(by_time.position_itrs_km.values, whole.position_itrs_km.values,
                               rtol=0, atol=1e-9)
    constellation = shell.to_constellation()
    eager = orbits.Constellation(constellation.satrecs, constellation.names, constellation.plane,
                                 constellation.name)
    np.testing.assert_array_equal(orbits.propagate(eager, times).position_gcrs_km.values,
                                  whole.position_gcrs_km.values)
    assert eager.names == constellation.names == tuple(shell.satellite_names)


def test_subset_of_a_lazy_constellation_stays_lazy_and_matches_the_whole():
    shell = orbits.walker_delta(550.0, 53.0, 5, 4, 1).to_constellation()
    times = minutes(5)
    whole = orbits.propagate(shell, times)
    for pick in ([3, 17, 0], slice(4, 12), slice(1, None, 3)):
        part = shell.subset(pick)
        assert part._satrecs is None  # no record built by selecting
        expected = whole.isel(satellite=np.arange(shell.n_satellites)[pick])
        states = orbits.propagate(part, times)
        np.testing.assert_array_equal(states.position_gcrs_km.values,
                                      expected.position_gcrs_km.values)
        assert list(states.satellite_name.values) == list(expected.satellite_name.values)
    with pytest.raises(ValueError, match="selects no satellite"):
        shell.subset(slice(30, 40))
    with pytest.raises(AttributeError, match="immutable"):
        shell.name = "other"


def test_vectorised_altitude_matches_sgp4_semi_major_axis():
    """altitude_km from the elements (SGP4's un-Kozai step, vectorised) equals each record's
    a·R − R; for Walker shells it is the shell altitude (the Kozai inversion, to 1e-6 km)."""
    mega = orbits.multi_shell([orbits.walker_delta(a, i, 3, 2) for a, i in
                               ((500.0, 53.0), (800.0, 97.6), (1200.0, 30.0))])
    by_record = np.array([s.a * s.radiusearthkm - s.radiusearthkm for s in mega.satrecs])
    np.testing.assert_allclose(mega.altitude_km, by_record, rtol=0, atol=1e-9)
    np.testing.assert_allclose(mega.altitude_km, np.repeat([500.0, 800.0, 1200.0], 6), atol=1e-6)
    np.testing.assert_allclose(mega.inclination_deg, np.repeat([53.0, 97.6, 30.0], 6), rtol=1e-15)


def test_multi_shell_numbers_planes_on_across_shells_and_labels_shells():
    shells = [orbits.walker_delta(550.0, 53.0, 4, 3, name="low"),
              orbits.walker_star(1150.0, 87.9, 3, 2, name="polar"),
              orbits.sun_synchronous(700.0, 18.0, n_satellites=2)]
    mega = orbits.multi_shell(shells, name="mega")
    assert mega.n_satellites == 12 + 6 + 2 and mega.shell_names == ("low", "polar", "sso")
    np.testing.assert_array_equal(mega.shell, np.repeat([0, 1, 2], [12, 6, 2]))
    # planes 0-3 for the first shell, 4-6 for the second, 7 for the SSO plane: never shared
    np.testing.assert_array_equal(mega.plane, np.r_[np.repeat(np.arange(4), 3),
                                                    np.repeat([4, 5, 6], 2), [7, 7]])
    assert len(set(mega.names)) == mega.n_satellites
    assert mega.names[12] == "polar-P004-S000" and mega.names[-1] == "sso-001"
    states = orbits.propagate(mega, minutes(3))
    assert states.shell.values.tolist() == mega.shell.tolist()
    assert states.attrs["shell_names"] == ["low", "polar", "sso"]
    # each shell flies as it does alone
    alone = orbits.propagate(shells[1], minutes(3))
    np.testing.assert_array_equal(states.position_gcrs_km.values[:, 12:18],
                                  alone.position_gcrs_km.values)
    # a TLE set keeps its records, and concatenates with lazy shells
    tle = orbits.Constellation(mega.subset([0]).satrecs, ("TLE SAT",), [-1], "tle")
    mixed = orbits.Constellation.concatenate([tle, shells[0]])
    assert mixed.plane.tolist()[:2] == [-1, 0] and mixed.names[:2] == ("TLE SAT",
                                                                       "low-P000-S000")


@pytest.mark.parametrize("shells, message", [
    ([], "shells: empty; give at least one shell"),
    (orbits.walker_delta(550.0, 53.0, 2, 2), "shells: pass a list of shells"),
    ([orbits.walker_delta(550.0, 53.0, 2, 2), "walker"], r"shells\[1\]: str is not an orbit"),
    (5, "shells: int is not a list of orbit objects"),
])
def test_bad_shell_lists_are_refused_naming_the_entry(shells, message):
    with pytest.raises(ValueError, match=message):
        orbits.multi_shell(shells)


def test_a_lone_satellite_chunk_joins_its_neighbour_and_stays_bit_identical():
    """numpy computes a lone column with other kernels (last-bit differences), so a last
    chunk of one satellite is merged into the one before; 21 = 5+5+5+6."""
    shell = orbits.walker_delta(550.0, 53.0, 3, 7)
    times = minutes(10)
    chunked = orbits.propagate(shell, times, chunks={"satellite": 5})
    assert chunked.alt_km.chunks[1] == (5, 5, 5, 6)
    assert chunked.compute().identical(orbits.propagate(shell, times))
    assert orbits.lone_satellites_merged((1, 1, 1, 1, 1)) == (2, 3)


def test_element_built_satellites_without_a_plane_are_named_by_a_counter():
    constellation = orbits.Constellation.from_mean_elements(
        mean_motion_rad_min=0.06, eccentricity=0.0, inclination_rad=[1.0, 1.1],
        raan_rad=0.0, argument_of_perigee_rad=0.0, mean_anomaly_rad=0.0,
        epoch=orbits.DEFAULT_EPOCH, name="free")
    assert constellation.names == ("free-000", "free-001")
    assert constellation.plane.tolist() == constellation.slot.tolist() == [-1, -1]
