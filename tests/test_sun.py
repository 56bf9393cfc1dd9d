"""Validation of orbital.sun against analytic laws, published figures and skyfield.

The states here are Keplerian circular orbits built in the test from an orbit-plane basis,
so that the beta angle is set exactly; they need nothing from orbital.orbits.
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from orbital import orbits, sun
from orbital._data import ephemeris, skyfield_times
from orbital.constants import AU_KM, EARTH_EQUATORIAL_RADIUS_KM, EARTH_J2, EARTH_MU_KM3_S2

R_KM = EARTH_EQUATORIAL_RADIUS_KM


def _times(start: str, count: int, step_s: float) -> np.ndarray:
    return np.datetime64(start, "ns") + (np.arange(count) * step_s * 1e9).astype("timedelta64[ns]")


def _states_from_basis(p_hat, q_hat, altitude_km, times, phase_deg=0.0) -> xr.Dataset:
    """Circular Keplerian orbits r = a (cos u p̂ + sin u q̂); p̂, q̂ of shape (satellite, 3)."""
    p_hat, q_hat = np.atleast_2d(p_hat), np.atleast_2d(q_hat)
    semi_major = R_KM + np.broadcast_to(np.asarray(altitude_km, float), (p_hat.shape[0],))
    mean_motion = np.sqrt(EARTH_MU_KM3_S2 / semi_major**3)
    seconds = (times - times[0]).astype(np.int64) * 1e-9
    u = np.radians(phase_deg) + mean_motion[None, :] * seconds[:, None]
    cos_u, sin_u = np.cos(u)[..., None], np.sin(u)[..., None]
    position = semi_major[None, :, None] * (cos_u * p_hat + sin_u * q_hat)
    velocity = (semi_major * mean_motion)[None, :, None] * (-sin_u * p_hat + cos_u * q_hat)
    dims = ("time", "satellite", "xyz")
    return xr.Dataset(
        {"position_gcrs_km": (dims, position), "velocity_gcrs_km_s": (dims, velocity)},
        coords={"time": times, "satellite": np.arange(p_hat.shape[0]), "xyz": ["x", "y", "z"]})


def _sun_unit(time) -> np.ndarray:
    """Geocentric unit vector towards the Sun at one UTC time (DE421)."""
    vector = sun.sun_position_gcrs_km(np.atleast_1d(np.datetime64(time, "ns"))).values[0]
    return vector / np.linalg.norm(vector)


def _plane_with_beta(sun_unit, beta_deg):
    """Basis (p̂ towards the Sun's projection, q̂) of a plane whose normal is β from ⊥ŝ."""
    beta = np.radians(beta_deg)
    helper = np.array([0.0, 0.0, 1.0])
    e_hat = np.cross(sun_unit, helper)
    e_hat /= np.linalg.norm(e_hat)
    normal = np.sin(beta) * sun_unit + np.cos(beta) * e_hat
    p_hat = sun_unit - np.dot(sun_unit, normal) * normal
    p_hat /= np.linalg.norm(p_hat)
    return p_hat, np.cross(normal, p_hat)


def _states_from_elements(altitude_km, inclination_deg, raan_deg, times, phase_deg=0.0):
    inc, raan = np.radians(np.atleast_1d(inclination_deg)), np.radians(np.atleast_1d(raan_deg))
    inc, raan = np.broadcast_arrays(inc, raan)
    p_hat = np.stack([np.cos(raan), np.sin(raan), np.zeros_like(raan)], -1)
    q_hat = np.stack([-np.sin(raan) * np.cos(inc), np.cos(raan) * np.cos(inc), np.sin(inc)], -1)
    return _states_from_basis(p_hat, q_hat, altitude_km, times, phase_deg)


def _period_s(altitude_km):
    return 2 * np.pi * np.sqrt((R_KM + altitude_km) ** 3 / EARTH_MU_KM3_S2)


# ------------------------------------------------------------------ Sun position and flux


def test_earth_sun_distance_matches_2026_perihelion_and_aphelion():
    # Perihelion 2026-01-03 17:15 UTC at 0.983302 AU; aphelion 2026-07-06 17:31 UTC at
    # 1.016644 AU (US Naval Observatory, "Earth's Seasons and Apsides 2026").
    times = np.array(["2026-01-03T17:15", "2026-07-06T17:31"], dtype="datetime64[ns]")
    distance_au = np.linalg.norm(sun.sun_position_gcrs_km(times).values, axis=1) / AU_KM
    np.testing.assert_allclose(distance_au, [0.983302, 1.016644], atol=2e-5)


def test_solar_flux_varies_by_plus_minus_3_4_percent_over_the_year():
    # REFERENCES.md: TSI 1360.8 W/m² at 1 AU varies ±3.4 % with the Earth–Sun distance.
    flux = sun.solar_flux_w_m2(_times("2026-01-01", 366, 86400.0)).values
    assert flux.max() / 1360.8 - 1 == pytest.approx(0.034, abs=0.002)
    assert 1 - flux.min() / 1360.8 == pytest.approx(0.033, abs=0.002)
    assert flux.mean() == pytest.approx(1360.8 * (1 + 0.0167**2 / 2), rel=1e-3)  # <1/r²> over a year


def test_solar_flux_at_satellite_follows_inverse_square_of_sun_distance():
    # A satellite 7 000 km sunward is that much closer: flux rises by (d / (d - 7000))².
    times = _times("2026-03-20", 1, 60.0)
    sun_vector = sun.sun_position_gcrs_km(times).values[0]
    distance = np.linalg.norm(sun_vector)
    p_hat = sun_vector / distance
    states = _states_from_basis(p_hat, np.cross([0, 0, 1.0], p_hat) / np.linalg.norm(
        np.cross([0, 0, 1.0], p_hat)), 7000.0 - R_KM, times)
    ratio = sun.solar_flux_w_m2(states).values[0, 0] / sun.solar_flux_w_m2(times).values[0]
    assert ratio == pytest.approx((distance / (distance - 7000.0)) ** 2, rel=1e-9)


def test_sun_direction_is_unit_vector_towards_the_sun():
    times = _times("2026-06-01", 3, 600.0)
    states = _states_from_elements(650.0, 53.0, 10.0, times)
    direction = sun.sun_direction_gcrs(states)
    np.testing.assert_allclose(np.linalg.norm(direction.values, axis=-1), 1.0, rtol=1e-12)
    geocentric = sun.sun_position_gcrs_km(times).values
    geocentric /= np.linalg.norm(geocentric, axis=1, keepdims=True)
    # parallax of a LEO satellite: at most (R + h)/1 AU ≈ 4.7e-5 rad
    cosine = np.einsum("tsi,ti->ts", direction.values, geocentric)
    assert np.all(np.arccos(np.clip(cosine, -1, 1)) < 5e-5)


# ------------------------------------------------------------------ analytic eclipse


def test_cylindrical_eclipse_fraction_matches_references_at_650_km():
    # REFERENCES.md: at h = 650 km, β = 0, 36.2 % of a 97.7-minute orbit.
    assert sun.eclipse_fraction(650.0, 0.0) == pytest.approx(0.362, abs=5e-4)
    assert sun.eclipse_minutes_per_orbit(650.0, 0.0) == pytest.approx(0.362 * 97.7, abs=0.1)


def test_critical_beta_is_where_the_cylindrical_fraction_vanishes():
    # β* at 650 km is 65.2° (REFERENCES.md); just below it the cylindrical fraction is
    # positive, just above it zero, at every altitude (the two functions agree on the edge).
    critical = sun.critical_beta_deg(np.array([400.0, 650.0, 1000.0]))
    assert float(sun.critical_beta_deg(650.0)) == pytest.approx(65.2, abs=0.05)
    assert sun.critical_beta_deg is orbits.critical_beta_deg  # one function, two homes
    assert np.all(sun.eclipse_fraction([400, 650, 1000], critical - 0.01) > 0)
    assert np.all(sun.eclipse_fraction([400, 650, 1000], critical + 0.01) == 0)


@pytest.mark.parametrize("altitude_km", [400.0, 650.0, 1000.0])
def test_eclipse_fraction_matches_cylindrical_formula_at_beta_zero(altitude_km):
    # Conical shadow (umbra + penumbra, averaged as the hidden fraction of the disk) vs the
    # cylinder of REFERENCES.md: the penumbra adds as much on one side as the converging umbra
    # takes on the other, so they agree within 0.5 percentage points.
    start = np.datetime64("2026-03-20T00:00", "ns")
    sun_unit = _sun_unit(start)
    p_hat, q_hat = _plane_with_beta(sun_unit, 0.0)
    period = _period_s(altitude_km)
    samples = 2400  # uniform in phase over exactly two orbits: 5 s steps at 400 km
    times = start + (np.arange(samples) * 2 * period / samples * 1e9).astype("timedelta64[ns]")
    states = _states_from_basis(p_hat, q_hat, altitude_km, times)
    hidden = 1.0 - float(sun.shadow_fraction(states).mean())
    assert hidden == pytest.approx(sun.eclipse_fraction(altitude_km, 0.0), abs=0.005)


def test_no_shadow_above_the_critical_beta():
    # Above β* + 0.5° the orbit clears even the penumbra (it widens the shadow by at most
    # ~0.27° · distance behind the Earth, i.e. < 0.2° in β at 650 km).
    start = np.datetime64("2026-03-20T00:00", "ns")
    sun_unit = _sun_unit(start)
    times = _times("2026-03-20", 240, 30.0)
    p_hat, q_hat = _plane_with_beta(sun_unit, float(sun.critical_beta_deg(650.0)) + 0.5)
    states = _states_from_basis(p_hat, q_hat, 650.0, times)
    assert np.all(sun.shadow_fraction(states).values == 1.0)
    assert sun.eclipse_events(states).empty


def test_penumbra_lasts_seconds_and_umbra_is_shorter_than_the_cylinder():
    # At β = 0 the penumbra is crossed in ≈ (2 R☉/AU) · d / (v sin φ) ≈ 8–9 s at 650 km
    # (Montenbruck & Gill 2000 §3.4.2); the umbra cone narrows, the penumbra widens.
    start = np.datetime64("2026-03-20T00:00", "ns")
    sun_unit = _sun_unit(start)
    p_hat, q_hat = _plane_with_beta(sun_unit, 0.0)
    times = _times("2026-03-20", 200, 60.0)
    states = _states_from_basis(p_hat, q_hat, 650.0, times)
    events = {b: sun.eclipse_events(states, boundary=b) for b in ("penumbra", "center", "umbra")}
    full = [e[e.entry_observed & e.exit_observed].duration_s.to_numpy() for e in events.values()]
    penumbra, center, umbra = (x[0] for x in full)
    cylinder_s = sun.eclipse_fraction(650.0, 0.0) * _period_s(650.0)
    assert umbra < center < penumbra
    assert center == pytest.approx(cylinder_s, abs=1.0)
    assert 6.0 < (penumbra - umbra) / 2 < 12.0


# ------------------------------------------------------------------ agreement with skyfield


def test_shadow_agrees_with_skyfield_is_sunlit_on_999_per_mille_of_minute_steps():
    # skyfield's is_sunlit says whether the line to the Sun's centre misses a sphere of
    # 6378.1366 km; a conical model agrees with it except inside the penumbra, where the
    # visible fraction is between 0 and 1.
    from skyfield.positionlib import ICRF

    times = _times("2026-05-01", 1440, 60.0)
    inclinations = np.array([0.0, 28.5, 53.0, 70.0, 87.9, 97.8, 98.0, 51.6])
    raans = np.linspace(0.0, 315.0, inclinations.size)
    states = _states_from_elements(np.linspace(400.0, 1200.0, inclinations.size), inclinations,
                                   raans, times, phase_deg=np.linspace(0.0, 300.0, inclinations.size))
    fraction = sun.shadow_fraction(states).values
    t = skyfield_times(times)
    position_au = np.moveaxis(states.position_gcrs_km.values, 0, -1) / AU_KM  # (sat, xyz, time)
    sunlit = np.stack([ICRF(position_au[k], t=t, center=399).is_sunlit(ephemeris())
                       for k in range(position_au.shape[0])], axis=1)
    agree = (fraction >= 0.5) == sunlit
    assert agree.mean() >= 0.999
    assert np.all((fraction[~agree] > 0) & (fraction[~agree] < 1))


def test_eclipse_events_refine_crossings_to_sub_second_against_dense_sampling():
    # Crossings found on a 60 s grid agree with the sign change of the shadow sampled every
    # 0.25 s: cubic Hermite interpolation in position is accurate to metres at 60 s steps.
    times = _times("2026-08-01", 120, 60.0)
    states = _states_from_elements(550.0, 53.0, 40.0, times)
    events = sun.eclipse_events(states, boundary="center")
    entry = events[events.entry_observed].entry_time.iloc[0].to_datetime64()
    dense_times = entry - np.timedelta64(5, "s") + np.arange(40) * np.timedelta64(250, "ms")
    phase = (dense_times[0] - times[0]).astype(np.int64) * 1e-9 * 360 / _period_s(550.0)
    dense = _states_from_elements(550.0, 53.0, 40.0, dense_times, phase_deg=phase)
    lit = sun.shadow_fraction(dense).values[:, 0] >= 0.5
    first_dark = dense_times[np.argmax(~lit)]
    assert abs((first_dark - entry).astype(np.int64) * 1e-9) <= 0.3


def test_eclipse_events_durations_sum_to_time_in_shadow():
    # Over a day the summed centre-eclipse durations equal the number of dark minutes
    # (to within one step per eclipse edge), including eclipses cut by the span's ends.
    times = _times("2026-11-01", 1440, 60.0)
    states = _states_from_elements([500.0, 800.0], [53.0, 97.5], [0.0, 220.0], times)
    events = sun.eclipse_events(states, boundary="center")
    dark_minutes = (sun.shadow_fraction(states).values < 0.5).sum(axis=0)
    per_satellite = events.groupby("satellite")
    summed = per_satellite.duration_s.sum().reindex([0, 1], fill_value=0).to_numpy() / 60.0
    edges = per_satellite.size().reindex([0, 1], fill_value=0).to_numpy()
    assert np.all(edges > 10)
    assert np.all(np.abs(summed - dark_minutes) <= edges)


# ------------------------------------------------------------------ beta angle


def test_beta_of_equatorial_orbit_equals_solar_declination_at_solstice():
    # An equatorial prograde orbit's normal is the celestial pole: β = δ☉ = +23.44° in June.
    times = np.array(["2026-06-21T08:24"], dtype="datetime64[ns]")
    states = _states_from_elements(650.0, 0.0, 0.0, times)
    assert float(sun.beta_angle_deg(states)[0, 0]) == pytest.approx(23.44, abs=0.02)
    assert float(sun.beta_angle_from_elements_deg(0.0, 0.0, times)[0, 0]) == pytest.approx(
        23.44, abs=0.02)


def test_beta_from_elements_matches_beta_from_states():
    # Two routes to β (states r × v vs orbit elements): frames differ only by precession
    # since J2000 (0.36° in 2026), so they agree within 0.4°.
    times = _times("2026-02-01", 5, 3600.0)
    inclination, raan = np.array([53.0, 97.8, 30.0]), np.array([10.0, 200.0, 300.0])
    states = _states_from_elements(650.0, inclination, raan, times)
    from_states = sun.beta_angle_deg(states).values
    from_elements = sun.beta_angle_from_elements_deg(inclination, raan, times).values
    np.testing.assert_allclose(from_states, from_elements, atol=0.4)


def _sso_elements(altitude_km):
    # J2 sun-synchronous inclination: cos i = -Ω̇☉ / (1.5 n J2 (R/a)²) (Vallado 2013, eq. 11-17)
    semi_major = R_KM + altitude_km
    mean_motion = np.sqrt(EARTH_MU_KM3_S2 / semi_major**3)
    sun_rate = 2 * np.pi / (365.2422 * 86400)
    cos_i = -sun_rate / (1.5 * mean_motion * EARTH_J2 * (R_KM / semi_major) ** 2)
    return np.degrees(np.arccos(cos_i)), np.degrees(sun_rate) * 86400


def _dawn_dusk_beta_over_2026(altitude_km):
    inclination, rate = _sso_elements(altitude_km)
    times = _times("2026-01-01", 365, 86400.0)
    # LTAN 18:00 on 2026-01-01: RAAN = RA of the mean Sun + 90°; the mean Sun's RA at
    # 2026-01-01 0h is 280.46° + 0.9856°·(days since J2000) (Astronomical Almanac low-precision).
    days = (times[0] - np.datetime64("2000-01-01T12:00", "ns")).astype(np.int64) / 86400e9
    raan = (280.460 + 0.9856474 * days + 90.0) % 360.0
    beta = sun.beta_angle_from_elements_deg(inclination, raan, times, raan_rate_deg_per_day=rate)
    return times, beta.values[:, 0]


@pytest.fixture(scope="module")
def ascend_solstice_states():
    """A 1 400 km dawn–dusk SSO (orbital.orbits, SGP4), one orbit a day every 30 s, 4 June–9 July
    2026: the only weeks when β comes within 1° of β* (see the test below)."""
    from orbital.orbits import propagate, sun_synchronous

    orbit = sun_synchronous(1400.0, ltan_hours=18.0, epoch=np.datetime64("2026-06-01"))
    one_orbit = (np.arange(0.0, orbit.period_min * 60.0, 30.0) * 1e9).astype("timedelta64[ns]")
    days = np.arange(np.datetime64("2026-06-04"), np.datetime64("2026-07-10")).astype(
        "datetime64[ns]")
    return propagate(orbit, (days[:, None] + one_orbit[None, :]).ravel())


def test_dawn_dusk_sso_at_1400_km_clears_the_wgs84_earth_all_year_and_grazes_its_atmosphere(
        ascend_solstice_states):
    """ASCEND's ~1 400 km dawn–dusk SSO is eclipse-free by the solid Earth, by ~8 km, no more.

    Geometry: at 1 400 km β* = asin(R/(R + h)) = 55.09° for a sphere of equatorial radius; the
    plane (i = 101.4°, LTAN 18:00) keeps β ≥ 90° − 23.44° − (i − 90°) = 55.13° (June solstice),
    so only the Sun's *centre* clears that sphere, by 0.05° (~3.5 km), and the outer penumbra
    (β* + 0.27° solar radius) is entered: up to ~19 % of the disk hidden. But the shadow-grazing
    point is then on the terminator at 66.6° S, where the Earth's silhouette seen from the Sun
    is the WGS84 ellipse's minor semi-axis √(a² sin²δ + c² cos²δ) = 6 360.2 km, 18 km inside the
    sphere: the lowest ray to the solar disk clears the ellipsoid by ~8 km, i.e. it crosses the
    troposphere. "Eclipse-free all year" therefore holds for the solid (WGS84) Earth only; an
    atmosphere counted opaque up to ~10–30 km (refraction dims grazing sunlight there) hides part
    of the disk for a few weeks, and one opaque to 50 km gives total eclipses around the solstice.
    (Ellipsoid: NIMA TR8350.2; lunar-eclipse practice enlarges the Earth by its atmosphere,
    ~1/85 of the diameter, Danjon 1951 in Espenak & Meeus, *Five Millennium Canon of Lunar
    Eclipses*, NASA/TP-2009-214172.)
    """
    from orbital.orbits import sun_synchronous

    # the whole year, from the J2-precessing plane: β stays > β* + 1° (beyond any penumbra, even
    # of a 50 km atmosphere: 1° of β is ~77 km of Earth radius here) except 4 June–9 July
    year = sun.beta_angle_over_year(sun_synchronous(1400.0, 18.0,
                                                    epoch=np.datetime64("2026-01-01")))
    critical = float(sun.critical_beta_deg(1400.0))
    assert critical == pytest.approx(55.09, abs=0.01)
    near = year.time.values[year.values[:, 0] < critical + 1.0]
    assert near.min() >= np.datetime64("2026-06-04") and near.max() <= np.datetime64("2026-07-09")
    assert float(year.min()) == pytest.approx(55.13, abs=0.03)
    assert np.all(sun.eclipse_fraction(1400.0, year.values) == 0.0)

    # those weeks, sampled every 30 s from SGP4 states (the clearance is a few km: ~0.1°)
    states = ascend_solstice_states

    def least_visible(**shadow):
        return float(sun.shadow_fraction(states, **shadow).min())

    assert least_visible(earth_shape="wgs84") == 1.0
    assert least_visible(earth_shape="wgs84", grazing_height_km=5.0) == 1.0
    assert least_visible(earth_shape="wgs84", grazing_height_km=12.0) < 1.0
    # the equatorial sphere is 18 km too big at the grazing point: outer penumbra, centre clear
    assert 0.5 < least_visible(earth_shape="sphere") < 0.95
    assert least_visible(earth_shape="wgs84", grazing_height_km=50.0) == 0.0


def test_wgs84_shadow_edge_follows_the_ellipsoid_silhouette_at_the_june_solstice():
    # Seen from the Sun at declination δ, the WGS84 ellipsoid is an ellipse of semi-axes a and
    # √(a² sin²δ + c² cos²δ) (minor axis along the projected pole). Moving a satellite 4 000 km
    # behind the Earth along the projected pole, the Sun's centre sets (visible fraction 0.5)
    # where its distance from the shadow axis equals that semi-axis: 6 360.2 km at δ = 23.44°,
    # vs 6 378.1 km along the equator and for the sphere. Tolerance 0.5 km: parallax of the Sun
    # (distance/AU ≈ 4e-5 rad over 4 000 km) and the limb's curvature across the solar disk.
    from scipy.optimize import brentq

    a, c = 6378.137, sun.EARTH_POLAR_RADIUS_KM
    when = np.array(["2026-06-21T08:24"], dtype="datetime64[ns]")
    sun_unit = _sun_unit(when[0])
    declination = np.arcsin(sun_unit[2])
    pole = np.array([0.0, 0.0, 1.0]) - sun_unit[2] * sun_unit
    pole /= np.linalg.norm(pole)
    equator = np.cross(sun_unit, pole)

    def edge_km(direction, earth_shape):
        def half_set(rho):
            position = (-4000.0 * sun_unit + rho * direction)[None, None, :]
            states = xr.Dataset({"position_gcrs_km": (("time", "satellite", "xyz"), position)},
                                coords={"time": when, "satellite": [0], "xyz": ["x", "y", "z"]})
            return float(sun.shadow_fraction(states, earth_shape=earth_shape)[0, 0]) - 0.5
        return brentq(half_set, 6300.0, 6420.0, xtol=1e-3)

    minor = np.sqrt(a**2 * np.sin(declination) ** 2 + c**2 * np.cos(declination) ** 2)
    assert minor == pytest.approx(6360.2, abs=0.1)
    assert edge_km(-pole, "wgs84") == pytest.approx(minor, abs=0.5)
    assert edge_km(pole, "wgs84") == pytest.approx(minor, abs=0.5)
    assert edge_km(equator, "wgs84") == pytest.approx(a, abs=0.5)
    assert edge_km(-pole, "sphere") == pytest.approx(R_KM, abs=0.5)


def test_dawn_dusk_sso_at_680_km_longest_night_is_about_20_minutes_like_hinode():
    # Hinode (Solar-B) flies a ~680 km dawn–dusk SSO; its EIS operations notes give the
    # visible-band night "in the peak of eclipse season ... about 20 minutes" (MSSL Hinode/EIS
    # wiki, "Observing with EIS", eclipse season). Solstice eclipses of the model orbit: centre
    # ~19 min; the tolerance (±2 min) covers the real orbit's LTAN drift and the atmosphere.
    from orbital.orbits import propagate, sun_synchronous

    orbit = sun_synchronous(680.0, ltan_hours=18.0, epoch=np.datetime64("2026-06-21"))
    states = propagate(orbit, _times("2026-06-21", 240, 60.0))
    events = sun.eclipse_events(states, boundary="center", earth_shape="wgs84")
    whole = events[events.entry_observed & events.exit_observed].duration_s.to_numpy() / 60.0
    assert whole.size >= 1
    np.testing.assert_allclose(whole, 20.0, atol=2.0)


def test_dawn_dusk_sso_at_650_km_has_short_eclipses_around_one_solstice_only():
    # At 650 km β* = 65.2°; the dawn–dusk plane's β dips to ≈ 58.6° at the June solstice
    # (LTAN 18:00: the normal leans away from the northern summer Sun by i − 90° = 8°) and rises
    # to ≈ 74.6° at the December one. Eclipses thus occur for a few months around June only,
    # each at most ≈ 20 min of a 97.7-min orbit.
    times, beta = _dawn_dusk_beta_over_2026(650.0)
    minutes = sun.eclipse_minutes_per_orbit(650.0, beta)
    eclipse_days = times[minutes > 0]
    assert 30 < eclipse_days.size < 150
    months = eclipse_days.astype("datetime64[M]").astype(int) % 12 + 1
    assert set(months) <= {4, 5, 6, 7, 8, 9}
    assert np.all(minutes[(times >= np.datetime64("2026-11-01")) | (times < np.datetime64(
        "2026-03-01"))] == 0)
    assert 17.0 < minutes.max() < 23.0


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("call, field", [
    (lambda: sun.eclipse_fraction(-5.0, 0.0), "altitude_km"),
    (lambda: sun.eclipse_fraction(650.0, 95.0), "beta_deg"),
    (lambda: sun.critical_beta_deg(0.0), "altitude_km"),
    (lambda: sun.solar_flux_w_m2(_times("2026-01-01", 2, 60.0), solar_constant_w_m2=-1), "solar"),
    (lambda: sun.sun_position_gcrs_km(np.array(["2090-01-01"], dtype="datetime64[ns]")), "times"),
])
def test_bad_input_raises_value_error_naming_the_field(call, field):
    with pytest.raises(ValueError, match=field):
        call()


def test_shadow_rejects_bad_grazing_height_shape_and_satellites_inside_the_earth():
    times = _times("2026-01-01", 2, 60.0)
    states = _states_from_elements(650.0, 53.0, 0.0, times)
    with pytest.raises(ValueError, match="grazing_height_km"):
        sun.shadow_fraction(states, grazing_height_km=-1.0)
    with pytest.raises(ValueError, match="earth_shape.*sphere"):
        sun.shadow_fraction(states, earth_shape="potato")
    with pytest.raises(ValueError, match="inside"):
        sun.shadow_fraction(_states_from_elements(-100.0, 53.0, 0.0, times))
    with pytest.raises(ValueError, match="velocity"):
        sun.beta_angle_deg(states.drop_vars("velocity_gcrs_km_s"))


def test_wgs84_shadow_is_never_larger_than_the_spherical_one():
    # The WGS84 ellipsoid lies inside the equatorial-radius sphere: it can only let more light by.
    times = _times("2026-06-01", 600, 30.0)
    states = _states_from_elements(500.0, [97.4, 53.0], [30.0, 200.0], times)
    sphere = sun.shadow_fraction(states).values
    ellipsoid = sun.shadow_fraction(states, earth_shape="wgs84").values
    assert np.all(ellipsoid >= sphere - 1e-12)
    assert np.any(ellipsoid > sphere)


def test_beta_over_year_from_j2_elements_agrees_with_sgp4_propagation():
    # Two routes to the yearly β of a precessing plane: secular J2 drift of the mean elements,
    # and SGP4 states sampled weekly. SGP4 adds J2² and J4 secular terms and short-period wobble,
    # which stay below ~1.5° over a year; the plane of a 53° shell sweeps ±76° meanwhile.
    from orbital.orbits import formation_cluster, sun_synchronous, walker_delta

    for orbit in (walker_delta(550.0, 53.0, 3, 1, 0), sun_synchronous(650.0, ltan_hours=18.0)):
        times = orbit.epoch + np.arange(0, 365, 7) * np.timedelta64(1, "D")
        from_elements = sun.beta_angle_over_year(orbit, times, method="elements").values
        from_sgp4 = sun.beta_angle_over_year(orbit, times, method="propagate").values
        assert np.abs(from_elements - from_sgp4).max() < 1.5
    shell_beta = sun.beta_angle_over_year(walker_delta(550.0, 53.0, 1, 1, 0)).values
    assert shell_beta.max() > 60 and shell_beta.min() < -60
    cluster = formation_cluster(sun_synchronous(650.0, ltan_hours=18.0), n_satellites=7)
    assert sun.beta_angle_over_year(cluster).sizes["satellite"] == 7


def test_chunked_states_give_the_same_shadow_flux_and_beta_lazily():
    # Dask-chunked states (propagate(..., chunks=...)) stay lazy and match the in-memory result.
    from orbital.orbits import propagate, walker_delta

    shell = walker_delta(550.0, 53.0, 4, 3, 1)
    times = _times("2026-03-20", 120, 60.0)
    eager = propagate(shell, times)
    lazy = propagate(shell, times, chunks={"time": 50, "satellite": 5})
    for function in (sun.shadow_fraction, sun.solar_flux_w_m2, sun.beta_angle_deg):
        result = function(lazy)
        assert result.chunks is not None
        np.testing.assert_allclose(result.compute().values, function(eager).values, rtol=1e-12)


def test_geostationary_eclipse_lasts_about_72_minutes_at_equinox_and_none_at_solstice():
    # GEO eclipse seasons: up to ~72 min (first to last contact) at the equinoxes, none near the
    # solstices when the Sun is 23° off the equatorial plane (Pratt, Bostian & Allnutt,
    # *Satellite Communications*, 2nd ed., §3.4; Wertz & Larson, SMAD).
    equinox = _states_from_elements(35786.0, 0.0, 0.0, _times("2026-03-20T00:00", 2 * 1440, 60.0))
    durations = sun.eclipse_events(equinox).duration_s.to_numpy() / 60.0
    assert durations.size == 2
    np.testing.assert_allclose(durations, 72.0, atol=1.5)
    solstice = _states_from_elements(35786.0, 0.0, 0.0, _times("2026-06-21T00:00", 1440, 60.0))
    assert sun.eclipse_events(solstice).empty


def test_grazing_height_acts_as_a_larger_earth_in_the_cylindrical_limit():
    # Counting rays below 50 km as blocked is a shadow cast by an Earth of radius R + 50 km:
    # the centre-eclipse duration at β = 0 must match the cylindrical formula with that radius
    # (and the altitude measured from it), within 1 s; it lengthens the eclipse by ~30 s at 650 km.
    start = np.datetime64("2026-03-20T00:00", "ns")
    sun_unit = _sun_unit(start)
    p_hat, q_hat = _plane_with_beta(sun_unit, 0.0)
    states = _states_from_basis(p_hat, q_hat, 650.0, _times("2026-03-20", 200, 60.0))
    events = sun.eclipse_events(states, boundary="center", grazing_height_km=50.0)
    duration = events[events.entry_observed & events.exit_observed].duration_s.to_numpy()[0]
    expected = sun.eclipse_fraction(600.0, 0.0, earth_radius_km=R_KM + 50.0) * _period_s(650.0)
    assert duration == pytest.approx(expected, abs=1.0)
    assert 25.0 < duration - sun.eclipse_fraction(650.0, 0.0) * _period_s(650.0) < 40.0


def test_shadow_and_flux_of_satellite_chunked_states_stay_lazy_and_bit_identical():
    """Issue #20: the conical shadow and 1/r² flux are per (time, satellite) kernels, so
    chunked states give lazy results equal to the in-memory ones bit for bit."""
    shell = orbits.walker_delta(550.0, 53.0, 20, 25, epoch=np.datetime64("2026-06-21T00:00"))
    times = np.datetime64("2026-06-21") + np.arange(100) * np.timedelta64(60, "s")
    states = orbits.propagate(shell, times)
    chunked = orbits.propagate(shell, times, chunks={"satellite": 120})
    for function in (sun.shadow_fraction, sun.solar_flux_w_m2):
        lazy = function(chunked)
        assert lazy.chunks is not None
        np.testing.assert_array_equal(lazy.values, function(states).values)
    shadow = sun.shadow_fraction(states).values
    assert (shadow == 0).any() and (shadow == 1).any()  # the shell crosses the shadow
