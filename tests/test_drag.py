"""Tests of orbital.drag against analytic laws, an independent propagator and published figures.

μ = 398 600.4418 km³ s⁻² and R = 6 378.137 km are written out here, so the closed forms below
do not read the implementation's constants.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbital import drag, orbits

MU_M3_S2 = 398600.4418e9
R_KM = 6378.137
OMEGA_EARTH_RAD_S = 7.292115e-5  # IERS 2010 nominal
WGS84_FLATTENING = 1 / 298.257223563
YEAR_S = 365.25 * 86400.0
G0 = 9.80665


# --------------------------------------------------------------------------- density


def test_pymsis_is_never_asked_for_space_weather_when_indices_are_given(monkeypatch):
    # DESIGN "Offline, always": with F10.7, its 81-day mean and Ap passed explicitly, pymsis must
    # not look up (and so never download) its space-weather file.
    import pymsis.msis
    import pymsis.utils

    def refuse(*args, **kwargs):
        raise AssertionError("pymsis tried to read or download space weather")

    monkeypatch.setattr(pymsis.utils, "get_f107_ap", refuse)
    monkeypatch.setattr(pymsis.utils, "download_f107_ap", refuse)
    monkeypatch.setattr(pymsis.msis, "get_f107_ap", refuse)
    rho = drag.density_kg_m3(500.0, f107_sfu=123.0, f107a_sfu=118.0, ap=7.0)  # uncached triple
    assert 1e-13 < float(rho) < 1e-11


def test_coesa76_and_nrlmsis_mean_activity_agree_within_a_factor_two_at_400_to_600_km():
    # The U.S. Standard Atmosphere 1976 is one profile for moderate activity (COESA 1976); the
    # NRLMSIS 2.1 global mean at ECSS moderate activity (F10.7 = 140, Ap = 15) differs from it by
    # the model generations and the index choice. Physics allows order-of-magnitude agreement
    # here; a factor of 2 is what we require (reached: ratio 0.72–0.83).
    altitude = np.array([400.0, 500.0, 600.0])
    msis = drag.density_kg_m3(altitude, "solar-mean")
    coesa = drag.density_kg_m3(altitude, model="coesa76")
    ratio = coesa / msis
    assert np.all((ratio > 0.5) & (ratio < 2.0)), ratio


def test_mean_activity_density_matches_vallado_exponential_atmosphere_table():
    # Vallado 2013, Table 8-4 (exponential atmosphere, base densities from CIRA-72 for mean
    # solar activity) [kg m-3] at its base altitudes. CIRA-72 against NRLMSIS 2.1 global mean at
    # F10.7 = 140, Ap = 15: different model generations and a loosely matched activity, so
    # ±35 % is what we require (reached: 0.86–1.26, worst at 800 km where helium dominates).
    altitude = np.array([200.0, 250.0, 300.0, 350.0, 400.0, 450.0, 500.0, 600.0, 700.0, 800.0,
                         900.0, 1000.0])
    table = np.array([2.789e-10, 7.248e-11, 2.418e-11, 9.518e-12, 3.725e-12, 1.585e-12,
                      6.967e-13, 1.454e-13, 3.614e-14, 1.170e-14, 5.245e-15, 3.019e-15])
    ratio = drag.density_kg_m3(altitude, "solar-mean") / table
    assert np.all((ratio > 0.65) & (ratio < 1.35)), np.round(ratio, 2)


def test_density_at_400_km_spans_more_than_a_decade_between_solar_minimum_and_maximum():
    # Emmert 2015 (Adv. Space Res. 56, 773) and every empirical model: thermospheric density at
    # 400 km varies by a factor ~10–30 over a solar cycle.
    low, high = (float(drag.density_kg_m3(400.0, a)) for a in ("solar-min", "solar-max"))
    assert 10.0 < high / low < 40.0


def test_storm_set_raises_400_km_density_by_less_than_the_observed_storm_peaks():
    # Sutton, Forbes & Nerem 2005 (JGR 110, A09S40), CHAMP accelerometer, October 2003 storms:
    # density at ~400 km rose by up to 200–300 % (ratio 3–4) at the storm peaks. The `storm` set
    # uses a daily-mean Ap of 240, so over the same F10.7 with quiet Ap it must raise density
    # clearly (> 1.3) but below the peak ratio (< 4). Reached: 1.7.
    quiet = drag.density_kg_m3(400.0, f107_sfu=300.0, f107a_sfu=250.0, ap=4.0)
    storm = drag.density_kg_m3(400.0, "storm")
    assert 1.3 < float(storm / quiet) < 4.0


_FLUXES = st.sampled_from([65.0, 100.0, 140.0, 200.0, 250.0])


@settings(max_examples=25, deadline=None)
@given(f107=_FLUXES, low=st.floats(150.0, 1490.0), step=st.floats(1.0, 300.0))
def test_density_decreases_monotonically_with_altitude(f107, low, step):
    high = min(low + step, 1500.0)
    rho = drag.density_kg_m3([low, high], f107_sfu=f107, f107a_sfu=f107, ap=10.0)
    assert rho[1] < rho[0]


@settings(max_examples=25, deadline=None)
@given(pair=st.lists(_FLUXES, min_size=2, max_size=2, unique=True),
       altitude=st.floats(200.0, 1500.0))
def test_density_increases_with_f107(pair, altitude):
    # Above ~200 km EUV heating raises density with F10.7 (below, the lower thermosphere barely
    # responds and MSIS may even cool slightly).
    f_low, f_high = sorted(pair)
    low = drag.density_kg_m3(altitude, f107_sfu=f_low, f107a_sfu=f_low, ap=10.0)
    high = drag.density_kg_m3(altitude, f107_sfu=f_high, f107a_sfu=f_high, ap=10.0)
    assert high > low


# --------------------------------------------------------------------------- area


def test_two_axis_array_flow_fraction_matches_a_numerical_orbit_average():
    # Independent: sample the velocity around the orbit and the Sun line at beta, project.
    u = np.linspace(0.0, 2 * np.pi, 20001)[:-1]
    for beta_deg in (0.0, 30.0, 60.0, 85.0):
        b = np.radians(beta_deg)
        sun = np.array([np.cos(b), 0.0, np.sin(b)])
        velocity = np.stack([-np.sin(u), np.cos(u), np.zeros_like(u)], axis=1)
        numerical = np.abs(velocity @ sun).mean()
        assert float(drag.array_flow_fraction(beta_deg)) == pytest.approx(numerical, rel=1e-6)
    assert float(drag.array_flow_fraction(70.0, "single-axis")) == pytest.approx(2 / np.pi)


def test_drag_area_from_design_parts_adds_bus_and_projected_arrays():
    ds = drag.ballistic_coefficient(1000.0, solar_array_m2=20.0, radiator_m2=15.0,
                                    bus_cross_section_m2=2.0, beta_deg=0.0)
    assert float(ds.drag_area_m2) == pytest.approx(2.0 + 20.0 * 2 / np.pi)
    assert float(ds.ballistic_coefficient_kg_m2) == pytest.approx(
        1000.0 / (2.2 * float(ds.drag_area_m2)))


# --------------------------------------------------------------------------- decay


def test_decay_rate_is_sqrt_mu_a_rho_cd_a_over_m():
    # King-Hele 1987 / Vallado 2013 §9.6 circular-orbit law, with the model's density.
    altitude, beta = 500.0, 0.03
    rho = float(drag.density_kg_m3(altitude, "solar-max"))
    expected = np.sqrt(MU_M3_S2 * (R_KM + altitude) * 1e3) * rho * beta * 86400.0 / 1e3
    assert float(drag.decay_rate_km_day(altitude, beta, "solar-max")) == pytest.approx(
        expected, rel=1e-6)


def test_corotation_factor_matches_king_hele_formula_at_0_90_and_180_degrees():
    # KingHele1987: air turning with the Earth meets a circular orbit at v - omega r cos i along
    # track, so drag scales by F = (1 - r omega cos i / v)^2; exactly 1 on a polar orbit.
    altitude = np.array([200.0, 400.0, 1000.0])
    r_m = (R_KM + altitude) * 1e3
    ratio = OMEGA_EARTH_RAD_S * r_m / np.sqrt(MU_M3_S2 / r_m)
    for inclination, cos_i in ((0.0, 1.0), (90.0, 0.0), (180.0, -1.0)):
        expected = (1 - ratio * cos_i) ** 2
        assert drag.corotation_drag_factor(altitude, inclination) == pytest.approx(expected,
                                                                                   rel=1e-6)
    assert 0.87 < float(drag.corotation_drag_factor(400.0, 0.0)) < 0.88  # the brief's -12 %
    # Orbit-mean height above the WGS84 ellipsoid: R f sin^2 i / 2 (sin^2 of latitude averages
    # to sin^2 i / 2 along a circular orbit): 0 equatorial, 10.69 km polar, 6.57 km at 51.6.
    assert float(drag.orbit_mean_height_offset_km(0.0)) == 0.0
    assert float(drag.orbit_mean_height_offset_km(90.0)) == pytest.approx(
        R_KM * WGS84_FLATTENING / 2, rel=1e-12)
    assert float(drag.orbit_mean_height_offset_km(51.6)) == pytest.approx(6.567, abs=1e-3)


def test_no_inclination_keeps_the_still_spherical_atmosphere_bit_for_bit():
    # Regression: values printed by commit b85e30e (before inclination_deg existed), repr'd.
    assert float(drag.decay_rate_km_day(420.0, 0.01, "solar-max")) == 0.3911079124852623
    assert float(drag.decay_rate_km_day(420.0, 0.01, "solar-max",
                                        inclination_deg=None)) == 0.3911079124852623
    assert float(drag.orbital_lifetime_years(550.0, 0.02, "solar-min",
                                             inclination_deg=None)) == 67.32413410485123
    assert float(drag.altitude_after_km(450.0, 0.02, 200.0,
                                        inclination_deg=None)) == 415.0696420674387
    assert float(drag.drag_makeup_dv_m_s_per_year(500.0, 0.02, band_km=10.0,
                                                  inclination_deg=None)) == 13.316603910027654


def test_inclined_decay_rate_applies_corotation_and_mean_height_above_ellipsoid():
    altitude, beta, inclination = np.array([400.0, 800.0]), 0.02, 51.6
    r_m = (R_KM + altitude) * 1e3
    v = np.sqrt(MU_M3_S2 / r_m)
    factor = (1 - OMEGA_EARTH_RAD_S * r_m / v * np.cos(np.radians(inclination))) ** 2
    offset = R_KM * WGS84_FLATTENING * np.sin(np.radians(inclination)) ** 2 / 2
    rho = drag.density_kg_m3(altitude + offset, "solar-mean")
    expected = np.sqrt(MU_M3_S2 * r_m) * rho * beta * factor * 86400.0 / 1e3
    got = drag.decay_rate_km_day(altitude, beta, inclination_deg=inclination)
    assert got == pytest.approx(expected, rel=1e-6)
    # vectorised over inclination: one call equals the per-inclination calls
    both = drag.decay_rate_km_day(400.0, beta, inclination_deg=[0.0, 97.6])
    assert both[1] == drag.decay_rate_km_day(400.0, beta, inclination_deg=97.6)


def test_inclined_lifetime_matches_quadrature_with_altitude_dependent_corotation():
    # Independent path: Simpson's rule on a 0.05 km grid of
    # t = (m / C_D A) int da / (sqrt(mu a) rho(a - R + dh) F(a)), F evaluated at each a (it
    # varies by 1.5 % between 550 and 120 km at i = 0), against the cached 1 km trapezoid
    # table. Tolerance 0.2 %: the table's trapezoid error (< 0.1 %) with margin. Reached 0.002 %.
    from scipy.integrate import simpson

    beta = 0.02
    h_km = np.linspace(120.0, 550.0, 8601)
    a_m = (R_KM + h_km) * 1e3
    for inclination in (0.0, 51.6, 97.6):
        cos_i = np.cos(np.radians(inclination))
        offset = R_KM * WGS84_FLATTENING * np.sin(np.radians(inclination)) ** 2 / 2
        factor = (1 - OMEGA_EARTH_RAD_S * a_m / np.sqrt(MU_M3_S2 / a_m) * cos_i) ** 2
        rho = drag.density_kg_m3(h_km + offset, "solar-mean")
        seconds = simpson(1.0 / (np.sqrt(MU_M3_S2 * a_m) * rho * factor), x=a_m)
        years = float(drag.orbital_lifetime_years(550.0, beta, inclination_deg=inclination))
        assert years == pytest.approx(seconds / beta / YEAR_S, rel=2e-3), inclination
        # and altitude_after_km inverts the same table
        back = float(drag.altitude_after_km(550.0, beta, years * 365.25 * 0.5,
                                            inclination_deg=inclination))
        half = float(drag.orbital_lifetime_years(back, beta, inclination_deg=inclination))
        assert half == pytest.approx(years / 2, rel=2e-3)


@pytest.mark.parametrize("altitude_km", [400.0, 550.0])
def test_analytic_decay_matches_boinor_cowell_with_j2_and_drag_over_30_days(altitude_km):
    # boinor Cowell (DOP853) with J2 + drag, same density, 30 days. Tolerance 3 %: the analytic
    # law assumes a circular orbit at fixed radius; under J2 the radius oscillates by ~10 km
    # around its mean and the density average over that swing differs by ~1 %. Reached:
    # 0.3 % at 400 km, 0.5 % at 550 km.
    ds = drag.cowell_decay(altitude_km, 0.022, "solar-mean", days=30.0, rtol=1e-8)
    cowell = float(ds.altitude_loss_km[-1])
    analytic = float(ds.analytic_altitude_loss_km[-1])
    assert cowell > 0.5  # the test is only meaningful when drag visibly lowers the orbit
    assert cowell == pytest.approx(analytic, rel=0.03)


@pytest.mark.parametrize("altitude_km, inclination_deg", [(400.0, 0.0), (550.0, 97.6)])
def test_inclined_analytic_decay_matches_cowell_in_a_rotating_atmosphere_over_oblate_earth(
        altitude_km, inclination_deg):
    # Like with like: boinor Cowell with J2 and drag on v - omega x r, density read point by
    # point at the height above the WGS84 ellipsoid, against the analytic law with
    # inclination_deg (F and the orbit-mean height offset in closed form). Tolerance 3 %, as
    # above (the J2 radius swing), which also covers reading the density at the mean height
    # rather than averaging it over the +-dh swing (I0(dh/H) - 1 < 1 % here) and the
    # cross-track wind (< 0.15 %). Reached: 1.2 % at 400 km equatorial, 1.8 % at 550 km
    # sun-synchronous (Cowell higher, as the density average predicts).
    ds = drag.cowell_decay(altitude_km, 0.022, "solar-mean", days=30.0, rtol=1e-8,
                           inclination_deg=inclination_deg, rotating_oblate_atmosphere=True)
    cowell = float(ds.altitude_loss_km[-1])
    analytic = float(ds.analytic_altitude_loss_km[-1])
    assert cowell > 0.5
    assert cowell == pytest.approx(analytic, rel=0.03)
    # the test can tell the atmospheres apart: the still, spherical law misses by more than 3 %
    span_days = float(ds.time_days[-1] - ds.time_days[0])
    still = float(drag.altitude_after_km(altitude_km, 0.022, 0.0)
                  - drag.altitude_after_km(altitude_km, 0.022, span_days))
    assert abs(still / cowell - 1) > 0.03


#: ISS (NORAD 25544) element sets between the reboost-free dates 2025-02-26 and 2025-03-16,
#: CSpOC via CelesTrak/Space-Track (ISS-TLE-2025), quoted as published: every line passes its
#: modulo-10 checksum, the node regresses at 4.95 deg/day and the revolution count advances by
#: n·Δt between them (checked below), so none is a made-up "fallback" set.
ISS_TLES_2025 = """\
1 25544U 98067A   25057.69551956  .00051272  00000-0  91556-3 0  9991
2 25544  51.6387 134.2889 0005831 315.8203 179.6729 15.49515680498024
1 25544U 98067A   25065.79262731  .00012468  00000-0  22778-3 0  9995
2 25544  51.6359  94.1869 0006272 350.9448 346.3820 15.49773953499278
1 25544U 98067A   25069.48991731  .00012244  00000-0  22315-3 0  9993
2 25544  51.6366  75.8722 0006264   7.6024  91.8047 15.49864464499852
1 25544U 98067A   25071.47094811  .00014495  00000-0  26208-3 0  9993
2 25544  51.6351  66.0638 0006419  13.0256 347.0898 15.49921961500167
1 25544U 98067A   25072.43808874  .00018974  00000+0  33994-3 0  9997
2 25544  51.6354  61.2721 0006420  16.6184 343.5014 15.49959635500318
1 25544U 98067A   25073.85652051  .00016840  00000+0  30216-3 0  9992
2 25544  51.6358  54.2440 0006407  21.9595 338.1668 15.50010161500535
1 25544U 98067A   25074.17888493  .00016842  00000+0  30206-3 0  9990
2 25544  51.6358  52.6470 0006442  23.0781 337.0496 15.50021799500580
1 25544U 98067A   25075.85513494  .00023414  00000-0  41535-3 0  9993
2 25544  51.6363  44.3412 0006353  29.6937 330.4411 15.50098504500847
"""

#: Daily indices as NRLMSIS takes them (the convention pymsis applies to the same file):
#: day of 2025 → (observed F10.7 of the previous day [sfu], observed F10.7 81-day centred mean
#: [sfu], daily Ap [1]); columns F10.7_OBS, F10.7_OBS_CENTER81 and AP_AVG of CelesTrak's
#: SW-All.csv (CelesTrak-SW: Penticton F10.7 from NRCan, Kp/ap/Ap from GFZ Potsdam).
ISS_INDICES_2025 = {
    57: (190.1, 179.6, 14.0), 58: (180.2, 178.7, 30.0), 59: (163.9, 178.1, 31.0),
    60: (157.2, 177.0, 18.0), 61: (152.2, 176.3, 5.0), 62: (151.2, 175.4, 4.0),
    63: (163.2, 174.8, 10.0), 64: (160.5, 174.0, 10.0), 65: (156.5, 173.4, 6.0),
    66: (150.0, 173.0, 10.0), 67: (146.5, 172.7, 22.0), 68: (147.5, 172.6, 31.0),
    69: (147.6, 172.5, 8.0), 70: (149.4, 172.2, 9.0), 71: (161.4, 172.0, 30.0),
    72: (160.3, 171.5, 36.0), 73: (175.9, 171.2, 21.0), 74: (180.1, 170.6, 16.0),
    75: (177.9, 169.9, 9.0),
}


def _tle_checksum_ok(line):
    digits = sum(int(c) if c.isdigit() else c == "-" for c in line[:68])
    return digits % 10 == int(line[68])


def test_iss_decay_between_reboosts_in_early_2025_matches_tracking_within_justified_factor():
    # Observed: the ISS lost altitude freely from 2025-02-26 16:42 to 2025-03-16 20:31 UTC
    # (18.16 days): NASA's ephemeris of 2025-02-26 lists no reboost or avoidance burn up to
    # 2025-03-13 (only 91P and Crew-10 arrivals; NASA-ISS-OEM-2025), and the eight element sets
    # show none after (every interval loses 70-135 m/day). Altitude: the semi-major axis of the
    # Brouwer mean motion (sgp4's Satrec.a) minus the equatorial radius, the model's convention;
    # the observed rate is the least-squares slope through all eight.
    # Model: the circular-orbit law da/dt = -sqrt(mu a) rho C_D A/m stepped day by day with that
    # day's measured indices, NASA's mass 454 339 kg and drag area 1 791.9 m2 for this period
    # (NASA-ISS-OEM-2025), and C_D = 2.2 (the project's "classic" set; NASA's file pairs that
    # area with its own fitted C_D = 1.95).
    # Tolerance factor 1.9, two standard deviations of the product of independent multiplicative
    # uncertainties: C_D 2.0-2.6 around 2.2 (±15 %; MoeMoe2005), the ISS drag area (NASA's
    # effective C_D A changed from 4 890 to 3 050 m2 between its 2022-2025 files: ±25 %),
    # NRLMSIS 2.1 density (±20 %; Emmert2021) and the TLE-derived rate (±5 %); sigma_ln = 0.32.
    # Two known physical biases of the still, spherical law are corrected (not tuned): the air
    # co-rotates with the Earth (drag factor F = 0.92 at 51.6°; KingHele1987) and the orbit's
    # mean height above the WGS84 ellipsoid is a - R_eq + 6.6 km at 51.6° (the density is read
    # there), as drag.decay_rate_km_day(..., inclination_deg=51.6) does; the indices here are
    # daily measured ones, so the test steps the same law itself.
    # Reached: observed 90.5 m/day, model 121 m/day, ratio 1.34 (0.9 sigma high); 146 m/day
    # (1.62) without the two corrections. The remaining excess is about what NASA's own fitted
    # C_D = 1.95 instead of 2.2 would remove (1.34 x 1.95 / 2.2 = 1.19); the bound stays 1.9.
    from sgp4.api import Satrec

    lines = ISS_TLES_2025.splitlines()
    assert all(_tle_checksum_ok(line) for line in lines)
    sats = [Satrec.twoline2rv(l1, l2) for l1, l2 in zip(lines[::2], lines[1::2])]
    day = np.array([s.epochdays for s in sats])
    altitude_km = np.array([s.a * s.radiusearthkm for s in sats]) - R_KM
    revolutions = np.array([s.revnum for s in sats])
    node_deg = np.degrees([s.nodeo for s in sats])
    # the sets are one object's consecutive history: node regression and revolution count agree
    assert np.allclose(np.diff(node_deg) / np.diff(day), -4.95, atol=0.05)
    assert np.allclose(np.diff(revolutions), np.diff(day) * 15.5, atol=1.5)
    observed_m_day = -np.polyfit(day, altitude_km, 1)[0] * 1e3

    mass_kg, area_m2 = 454339.0, 1791.90
    beta = float(drag.ballistic_coefficient(mass_kg, area_m2=area_m2,
                                            drag_coefficient="classic").drag_parameter_m2_kg)
    inclination_deg = float(np.degrees(np.mean([s.inclo for s in sats])))  # 51.64
    offset_km = float(drag.orbit_mean_height_offset_km(inclination_deg))

    def model_rate_m_day(inclination):
        height, now = float(altitude_km[0]), float(day[0])
        while now < day[-1]:
            step_days = min(np.floor(now) + 1.0, day[-1]) - now
            f107, f107a, ap = ISS_INDICES_2025[int(now)]
            if inclination is None:  # still air at a - R_eq
                air = drag.density_kg_m3(height, f107_sfu=f107, f107a_sfu=f107a, ap=ap)
            else:  # co-rotating air at the orbit-mean height above the ellipsoid
                air = (drag.density_kg_m3(height + offset_km, f107_sfu=f107, f107a_sfu=f107a,
                                          ap=ap)
                       * drag.corotation_drag_factor(height, inclination))
            height -= (np.sqrt(MU_M3_S2 * (R_KM + height) * 1e3) * float(air) * beta
                       * step_days * 86.4)
            now += step_days
        return (altitude_km[0] - height) / (day[-1] - day[0]) * 1e3

    still_m_day = model_rate_m_day(None)
    model_m_day = model_rate_m_day(inclination_deg)

    assert 80.0 < observed_m_day < 100.0  # the tracked decay itself (checks the TLE reading)
    assert 1 / 1.9 < model_m_day / observed_m_day < 1.9, (model_m_day, observed_m_day)
    # the two corrections lower the rate by their product (F ~ 0.92, density at +6.6 km ~ 0.9)
    assert 0.75 < model_m_day / still_m_day < 0.90, (model_m_day, still_m_day)


def test_lifetimes_follow_nasa_odpo_guideline_for_a_typical_area_to_mass():
    # NASA Orbital Debris Program Office FAQ: "Debris left in orbits below 600 km normally fall
    # back to Earth within several years. At altitudes of 800 km, the time for orbital decay is
    # often measured in decades. Above 1,000 km, orbital debris will normally continue circling
    # the Earth for a century or more." Typical A/m = 0.01 m² kg⁻¹, C_D = 2.2, solar-cycle
    # averaged density. Reached: 5.8 y, 62 y, 416 y.
    years = drag.orbital_lifetime_years([600.0, 800.0, 1000.0], 0.022, "cycle-average")
    assert 1.0 <= years[0] <= 10.0
    assert 10.0 <= years[1] <= 100.0
    assert years[2] >= 100.0


def test_25_year_rule_altitude_lies_in_the_600_to_750_km_class():
    # IADC 2007 / ISO 24113: the 25-year rule is met "from ~600–700 km" for typical spacecraft
    # (A/m ≈ 0.01 m² kg⁻¹); the disposal altitude of the 25-year strategy must fall there and
    # have a 25-year circular lifetime (round trip through the lifetime integral).
    beta = 0.022
    dv = float(drag.deorbit_dv_m_s(900.0, beta, "cycle-average", strategy="25-year"))
    # Find the disposal altitude from the Hohmann Δv: scan, independent of the implementation.
    grid = np.arange(500.0, 900.0, 0.1)
    r1 = (R_KM + 900.0) * 1e3
    r2 = (R_KM + grid) * 1e3
    at = 0.5 * (r1 + r2)
    hohmann = (np.sqrt(MU_M3_S2 / r1) - np.sqrt(MU_M3_S2 * (2 / r1 - 1 / at))
               + np.sqrt(MU_M3_S2 * (2 / r2 - 1 / at)) - np.sqrt(MU_M3_S2 / r2))
    disposal = grid[np.argmin(np.abs(hohmann - dv))]
    assert 600.0 <= disposal <= 750.0
    years = float(drag.orbital_lifetime_years(disposal, beta, "cycle-average"))
    assert years == pytest.approx(25.0, rel=0.02)


def test_lifetime_is_inverse_in_drag_parameter_and_longer_at_solar_minimum():
    one = drag.orbital_lifetime_years(500.0, 0.01, "solar-mean")
    two = drag.orbital_lifetime_years(500.0, 0.02, "solar-mean")
    assert float(one) == pytest.approx(2 * float(two), rel=1e-12)
    ds = drag.lifetime([500.0], [0.01])
    years = ds.lifetime_years.sel(altitude_km=500.0, drag_parameter_m2_kg=0.01)
    assert float(years.sel(activity="solar-min")) > float(years.sel(activity="solar-max"))
    assert ds.lifetime_years.attrs["units"] == "year"


def test_altitude_after_lifetime_is_reentry():
    years = float(drag.orbital_lifetime_years(450.0, 0.02))
    assert float(drag.altitude_after_km(450.0, 0.02, years * 365.25 * 0.5)) > 150.0
    assert float(drag.altitude_after_km(450.0, 0.02, years * 365.25 * 1.01)) == pytest.approx(120)


# --------------------------------------------------------------------------- keeping


def test_continuous_makeup_dv_is_drag_acceleration_times_a_year():
    altitude, beta = 550.0, 0.02
    rho = float(drag.density_kg_m3(altitude))
    v = np.sqrt(MU_M3_S2 / ((R_KM + altitude) * 1e3))
    expected = 0.5 * rho * v**2 * beta * YEAR_S
    # rel 1e-6: astropy's GM_earth (IAU 2015 nominal) differs from the value above by 1e-7.
    assert float(drag.drag_makeup_dv_m_s_per_year(altitude, beta)) == pytest.approx(expected,
                                                                                    rel=1e-6)


def test_banded_makeup_dv_tends_to_continuous_for_a_thin_band():
    thin = float(drag.drag_makeup_dv_m_s_per_year(550.0, 0.02, band_km=0.5))
    continuous = float(drag.drag_makeup_dv_m_s_per_year(550.0, 0.02))
    assert thin == pytest.approx(continuous, rel=0.01)
    # A deeper band spends more time lower in denser air: more Δv per year.
    assert float(drag.drag_makeup_dv_m_s_per_year(550.0, 0.02, band_km=20.0)) > continuous


@settings(max_examples=30, deadline=None)
@given(altitude=st.floats(300.0, 900.0), area_to_mass=st.floats(1e-4, 0.05),
       factor=st.floats(1.1, 5.0))
def test_dv_and_propellant_scale_linearly_with_area_to_mass(altitude, area_to_mass, factor):
    dv1 = drag.keeping_summary(altitude, mass_kg=1000.0, area_m2=1000.0 * area_to_mass)
    dv2 = drag.keeping_summary(altitude, mass_kg=1000.0, area_m2=1000.0 * area_to_mass * factor)
    assert float(dv2.dv_m_s_per_year) == pytest.approx(factor * float(dv1.dv_m_s_per_year),
                                                       rel=1e-9)
    # Propellant is linear while Δv ≪ Isp g0 (rocket equation, first order): the ratio departs
    # from the factor by ≈ (factor − 1) Δv1 / (2 Isp g0).
    dv1_year = float(dv1.dv_m_s_per_year)
    ve = 1600.0 * G0
    if factor * dv1_year < 0.01 * ve:
        ratio = float(dv2.propellant_kg_per_year) / float(dv1.propellant_kg_per_year)
        assert ratio == pytest.approx(factor, rel=0.01)


def test_propellant_follows_the_rocket_equation():
    # Tsiolkovsky: 1 000 kg, Δv 500 m/s, Isp 300 s -> 1000 (1 - exp(-500/2941.995)) = 156.3 kg.
    assert float(drag.propellant_mass_kg(500.0, 1000.0, 300.0)) == pytest.approx(156.3, abs=0.05)


def test_perigee_50_km_deorbit_dv_is_the_first_hohmann_burn():
    # Vis-viva at apogee of the 550 × 50 km ellipse: 7.585 − 7.441 km/s = 143.3 m/s.
    r = (R_KM + 550.0) * 1e3
    rp = (R_KM + 50.0) * 1e3
    expected = np.sqrt(MU_M3_S2 / r) - np.sqrt(MU_M3_S2 * (2 / r - 2 / (r + rp)))
    assert float(drag.deorbit_dv_m_s(550.0)) == pytest.approx(expected, rel=1e-6)
    assert 140.0 < expected < 147.0


def test_thruster_mean_power_is_jet_power_over_efficiency():
    # P̄ = F̄ v_e / (2 η), η = F v_e / (2 P) from the catalogue row (SPT-100: ≈ 0.48).
    row = drag.THRUSTERS["hall"]
    eta = row["thrust_n"] * row["isp_s"] * G0 / (2 * row["power_w"])
    assert 0.4 < eta < 0.6
    out = drag.thruster_power(50.0, 2000.0, "hall")
    mean_thrust = 2000.0 * 50.0 / YEAR_S
    assert float(out["mean_power_w"]) == pytest.approx(
        mean_thrust * row["isp_s"] * G0 / (2 * eta), rel=1e-9)


def test_cluster_node_drift_dv_matches_finite_difference_of_orbits_raan_drift():
    # Independent path: the differential node rate of a member is ∂Ω̇/∂i · δi_x, taken here as a
    # finite difference of orbital.orbits.raan_drift_deg_per_day; the cross-track Δv that
    # cancels it is v sin i |δΩ̇| per unit time.
    cluster = orbits.FormationCluster(orbits.SunSynchronousOrbit(650.0, ltan_hours=18.0))
    ds = drag.cluster_keeping(cluster, 0.02)
    rho_km, alpha = cluster.relative_layout
    a_km = R_KM + 650.0
    inclination = cluster.inclination_deg
    delta_i = np.sqrt(3) / 2 * rho_km / a_km * np.sin(alpha)
    step = 1e-4
    slope = (orbits.raan_drift_deg_per_day(650.0, inclination + step)
             - orbits.raan_drift_deg_per_day(650.0, inclination - step)) / (2 * step)  # deg/deg
    node_rate = np.abs(slope * delta_i) / 86400.0  # (deg/day per deg) × rad = rad/day -> rad/s
    v = np.sqrt(MU_M3_S2 / (a_km * 1e3))
    expected = v * np.sin(np.radians(inclination)) * node_rate * YEAR_S
    assert ds.j2_node_dv_m_s_per_year.values == pytest.approx(expected, rel=2e-3)
    assert float(ds.differential_drag_dv_m_s_per_year.max()) < 1e-9  # identical members


def test_cluster_j2_keeping_matches_sgp4_relative_drift_over_15_orbits():
    # Independent path: propagate the FormationCluster with SGP4 (orbital.orbits.propagate) and
    # measure each member's osculating node and eccentricity vector relative to the reference
    # over 15 orbits (the span of the FormationCluster notes). The Δv that undoes the drift is
    # v sin i |ΔδΩ| (cross-track) and v |Δδe| / 2 (along-track). Tolerances: 1 % for the node
    # (reached 0.02 %); 10 % for the eccentricity vector, whose osculating value carries J2
    # short-period terms the secular rate does not (reached 2–6 %).
    cluster = orbits.FormationCluster(orbits.SunSynchronousOrbit(650.0, ltan_hours=18.0))
    period_s = float(orbits.orbital_period_min(650.0)) * 60.0
    span_s = 15 * period_s
    times = cluster.epoch + (np.array([0.0, span_s]) * 1e9).astype("timedelta64[ns]")
    states = orbits.propagate(cluster, times)
    r = states.position_gcrs_km.values
    v = states.velocity_gcrs_km_s.values
    mu_km = MU_M3_S2 / 1e9
    h = np.cross(r, v)
    h_unit = h / np.linalg.norm(h, axis=-1, keepdims=True)
    node = np.arctan2(h[..., 0], -h[..., 1])
    inclination = np.arccos(h_unit[..., 2])
    node_line = np.cross([0.0, 0.0, 1.0], h_unit)
    node_line /= np.linalg.norm(node_line, axis=-1, keepdims=True)
    in_plane = np.cross(h_unit, node_line)
    radius = np.linalg.norm(r, axis=-1, keepdims=True)
    e_vec = ((np.sum(v * v, -1, keepdims=True) - mu_km / radius) * r
             - np.sum(r * v, -1, keepdims=True) * v) / mu_km
    ex, ey = np.sum(e_vec * node_line, -1), np.sum(e_vec * in_plane, -1)
    relative_node = node - node[:, :1]
    relative_e = np.stack([ex - ex[:, :1], ey - ey[:, :1]], -1)
    a_m = (R_KM + 650.0) * 1e3
    speed = np.sqrt(MU_M3_S2 / a_m)
    node_dv = speed * np.sin(inclination[0, 0]) * np.abs(relative_node[1] - relative_node[0])
    e_dv = speed / 2 * np.linalg.norm(relative_e[1] - relative_e[0], axis=-1)
    ds = drag.cluster_keeping(cluster, 0.02)
    outer = cluster.relative_layout[0] > 0.5  # members whose drift dominates the noise
    scale = span_s / YEAR_S
    # abs 1e-4 m/s (0.5 % of the largest): members on the node line (δi_x = 0) have no
    # first-order node drift; SGP4 shows 1e-5 m/s of second-order terms there.
    assert (ds.j2_node_dv_m_s_per_year.values[outer] * scale) == pytest.approx(
        node_dv[outer], rel=0.01, abs=1e-4)
    assert (ds.j2_eccentricity_dv_m_s_per_year.values[outer] * scale) == pytest.approx(
        e_dv[outer], rel=0.10, abs=1e-4)


def test_cluster_differential_drag_is_the_drag_difference():
    cluster = orbits.FormationCluster(orbits.SunSynchronousOrbit(650.0, ltan_hours=18.0),
                                      n_satellites=7)
    beta = np.array([0.02, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02])
    ds = drag.cluster_keeping(cluster, beta, "solar-max", reference_drag_parameter_m2_kg=0.02)
    full = float(drag.drag_makeup_dv_m_s_per_year(650.0, 0.01, "solar-max"))
    assert float(ds.differential_drag_dv_m_s_per_year[1]) == pytest.approx(full, rel=1e-9)


def test_keeping_summary_is_labelled_and_consistent():
    s = drag.keeping_summary(550.0, mass_kg=1000.0, solar_array_m2=30.0, bus_cross_section_m2=2.0,
                             beta_deg=20.0, activity="solar-max", thruster="gridded-ion")
    for name, var in s.data_vars.items():
        assert "units" in var.attrs and "long_name" in var.attrs, name
    assert float(s.mission_dv_m_s) == pytest.approx(
        5 * float(s.dv_m_s_per_year) + float(s.deorbit_dv_m_s))
    vec = drag.keeping_summary([400.0, 600.0], mass_kg=1000.0, area_m2=10.0)
    assert vec.lifetime_years.dims == ("case",)
    assert vec.dv_m_s_per_year[0] > vec.dv_m_s_per_year[1]


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("call, field", [
    (lambda: drag.orbital_lifetime_years(100.0, 0.02), "altitude_km"),
    (lambda: drag.orbital_lifetime_years(2000.0, 0.02), "altitude_km"),
    (lambda: drag.density_kg_m3(1200.0, model="coesa76"), "altitude_km"),
    (lambda: drag.ballistic_coefficient(1000.0, area_m2=-1.0), "area_m2"),
    (lambda: drag.ballistic_coefficient(-5.0, area_m2=1.0), "mass_kg"),
    (lambda: drag.ballistic_coefficient(100.0, solar_array_m2=-2.0, bus_cross_section_m2=1.0),
     "solar_array_m2"),
    (lambda: drag.propellant_mass_kg(10.0, 100.0, 0.0), "isp_s"),
    (lambda: drag.keeping_summary(500.0, mass_kg=0.0, area_m2=1.0), "mass_kg"),
    (lambda: drag.drag_makeup_dv_m_s_per_year(160.0, 0.02, band_km=20.0), "band_km"),
    (lambda: drag.decay_rate_km_day(400.0, 0.02, inclination_deg=181.0), "inclination_deg"),
    (lambda: drag.orbital_lifetime_years(400.0, 0.02, inclination_deg=[30.0, -1.0]),
     "inclination_deg"),
    (lambda: drag.corotation_drag_factor(400.0, np.nan), "inclination_deg"),
    (lambda: drag.lifetime([400.0], [0.02], inclination_deg=200.0), "inclination_deg"),
])
def test_bad_numbers_raise_value_error_naming_field_value_and_range(call, field):
    with pytest.raises(ValueError, match=field) as info:
        call()
    assert "range" in str(info.value)


@pytest.mark.parametrize("call, hint", [
    (lambda: drag.density_kg_m3(400.0, "solar-maxx"), "solar-max"),
    (lambda: drag.keeping_summary(500.0, mass_kg=100.0, area_m2=1.0, thruster="hal"), "hall"),
    (lambda: drag.keeping_summary(500.0, mass_kg=100.0, area_m2=1.0, thruster="ion"),
     "gridded-ion"),
    (lambda: drag.drag_coefficient("clasic"), "classic"),
    (lambda: drag.deorbit_dv_m_s(500.0, 0.01, strategy="25-years"), "25-year"),
])
def test_unknown_names_suggest_close_matches(call, hint):
    with pytest.raises(ValueError, match=hint):
        call()
