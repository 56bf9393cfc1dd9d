"""Radiation environment, dose, single events and fault impact (issue #5).

Grids here are small custom GeomagneticGrids in a temporary cache directory, so the file runs
in well under a minute without touching the user's cache.
"""

import os

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orbital import radiation as rad
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM, EARTH_MU_KM3_S2, EARTH_ROTATION_RAD_S

# Altitudes cover 400–1400 km for the property tests and 650 km for the Suncatcher check.
TEST_GRID = rad.GeomagneticGrid(
    lat_step_deg=6.0, lon_step_deg=10.0,
    altitude_km=(300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 1000.0, 1200.0, 1400.0, 1500.0),
)
# Resolution of the "standard" grid, over a narrow altitude band, for the accuracy test.
FINE_GRID = rad.GeomagneticGrid(lat_step_deg=3.0, lon_step_deg=5.0,
                                altitude_km=(450.0, 500.0, 550.0))


@pytest.fixture(scope="module", autouse=True)
def temporary_cache(tmp_path_factory):
    previous = os.environ.get("ODC_CACHE_DIR")
    os.environ["ODC_CACHE_DIR"] = str(tmp_path_factory.mktemp("odc-cache"))
    yield
    if previous is None:
        os.environ.pop("ODC_CACHE_DIR")
    else:
        os.environ["ODC_CACHE_DIR"] = previous


def circular_ground_track(altitude_km, inclination_deg, *, days=1.0, step_s=60.0, raan_deg=0.0):
    """Geodetic-ish track of a circular orbit on a rotating spherical Earth (two-body)."""
    t = np.arange(0.0, days * 86400.0, step_s)
    radius = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    u = np.sqrt(EARTH_MU_KM3_S2 / radius**3) * t
    inc = np.radians(inclination_deg)
    lat = np.degrees(np.arcsin(np.sin(inc) * np.sin(u)))
    lon = np.degrees(np.arctan2(np.cos(inc) * np.sin(u), np.cos(u)) + np.radians(raan_deg)
                     - EARTH_ROTATION_RAD_S * t)
    return lat, (lon + 180.0) % 360.0 - 180.0, np.full_like(t, altitude_km)


# ---------------------------------------------------------------- stopping powers and ranges


def test_proton_csda_range_matches_pstar_water_table():
    # NIST PSTAR (ICRU 49) tabulates CSDA ranges in water of 0.1230 g/cm² at 10 MeV and
    # 7.718 g/cm² at 100 MeV; ours integrate the shipped PSTAR stopping powers.
    assert rad.proton_csda_range(10.0, "water") == pytest.approx(0.1230, rel=0.005)
    assert rad.proton_csda_range(100.0, "water") == pytest.approx(7.718, rel=0.005)


def test_proton_csda_range_in_aluminium_matches_icru49_as_shieldose2_tabulates_it():
    """ICRU Report 49 CSDA ranges of protons in Al (NIST PSTAR; the same table SHIELDOSE-2 v2.10
    carries in its proton data, "based on ICRU-49"): 0.1705, 1.180, 10.01, 104.8 g/cm² at 10, 30,
    100, 400 MeV. Issue #19 candidate "range–energy tables": ours (the integral of PSTAR's
    stopping powers) agree within 0.1 %, so ranges cannot explain a dose difference; 0.5 % here.
    """
    ranges = rad.proton_csda_range([10.0, 30.0, 100.0, 400.0], "aluminum")
    np.testing.assert_allclose(ranges, [0.1705, 1.180, 10.01, 104.8], rtol=0.005)


def test_electron_stopping_power_and_range_match_estar_water():
    # NIST ESTAR (ICRU 37) for liquid water: collision stopping power 1.849 / 1.968 MeV cm²/g
    # and CSDA range 0.4367 / 4.975 g/cm² at 1 / 10 MeV. The ICRU 37 formula should be within 2 %.
    assert rad.electron_stopping_power([1.0, 10.0], "water") == pytest.approx([1.849, 1.968],
                                                                               rel=0.02)
    assert rad.electron_csda_range([1.0, 10.0], "water") == pytest.approx([0.4367, 4.975],
                                                                           rel=0.02)


def test_electron_csda_range_in_aluminium_exceeds_katz_penfold_practical_range_modestly():
    # Katz & Penfold (1952, Rev. Mod. Phys. 24, 28): practical range R = 0.412 E^(1.265−0.0954 ln E)
    # g/cm² for 0.01–2.5 MeV. Scattering makes the practical range shorter than the CSDA range,
    # by ~10–40 % in aluminium.
    energy = np.array([0.1, 0.3, 1.0, 2.0])
    practical = 0.412 * energy ** (1.265 - 0.0954 * np.log(energy))
    ratio = rad.electron_csda_range(energy, "aluminum") / practical
    assert np.all(ratio > 1.0) and np.all(ratio < 1.6)


# ---------------------------------------------------------------- trapped belts


def direct_aep8(particle, solar, lat, lon, alt, energy):
    """aep8 called directly, with the position rescaled so IRBEM (Re = 6371.2 km) sees it right."""
    import aep8
    from astropy import units as u
    from astropy.coordinates import EarthLocation
    from astropy.time import Time

    location = EarthLocation.from_geodetic(np.asarray(lon) * u.deg, np.asarray(lat) * u.deg,
                                           np.asarray(alt) * u.km)
    scale = (1 * u.earthRad).to_value(u.km) / 6371.2
    x, y, z = (c.to_value(u.km) * scale for c in location.geocentric)
    model = aep8.model(particle, solar)
    shell, ratio = model.geomagnetic_coordinates(
        EarthLocation.from_geocentric(x * u.km, y * u.km, z * u.km), Time("2026-01-01"))
    with np.errstate(invalid="ignore"):
        flux = np.nan_to_num(model.integral_flux_for_geomagnetic_coordinates(
            np.atleast_1d(shell)[:, None], np.atleast_1d(ratio)[:, None], energy * u.MeV).value)
    return np.clip(flux - 1.0, 0.0, None)   # the maps' 1 cm⁻² s⁻¹ floor, removed in ours


def test_ap8max_flux_at_reference_point_matches_direct_aep8():
    # REFERENCES.md: lon −45°, lat −30°, 500 km, E > 20 MeV, AP8-MAX → ~765 protons/cm²/s from
    # aep8 as called naively; with the position in IRBEM's Earth radius (the point really at
    # 500 km, not 7 km lower) aep8 gives ~846, 10 % more.
    flux = rad.trapped_flux(-30.0, -45.0, 500.0, 20.0, model="AP8MAX", grid=FINE_GRID,
                            interpolation="nasa")
    direct = direct_aep8("p", "max", -30.0, -45.0, 500.0, np.array([20.0]))
    assert float(direct[0, 0]) == pytest.approx(846.0, rel=0.01)
    assert float(flux[0]) == pytest.approx(float(direct[0, 0]), rel=0.05)


def test_aep8_positions_are_given_to_irbem_in_its_own_earth_radius():
    """IRBEM reads GEO coordinates in Re = 6371.2 km; aep8 1.1 divides by astropy's 6378.1 km.

    Our direct field coordinates rescale the position, so L at a point must equal naive aep8's L
    at a point 0.108 % (7.5 km at 550 km) further out along the same radius.
    """
    import aep8
    from astropy import units as u
    from astropy.coordinates import EarthLocation
    from astropy.time import Time

    lat, lon, alt = np.array([-30.0, 10.0, 45.0]), np.array([-45.0, 100.0, 0.0]), 550.0
    ours, _ = rad.belts._field_coordinates_direct("jensen-cain-1960", lat, lon, np.full(3, alt))
    location = EarthLocation.from_geodetic(lon * u.deg, lat * u.deg, alt * u.km)
    scale = (1 * u.earthRad).to_value(u.km) / 6371.2
    x, y, z = (c * scale for c in location.geocentric)
    naive, _ = aep8.model("p", "min").geomagnetic_coordinates(
        EarthLocation.from_geocentric(x, y, z), Time("2000-01-01"))
    np.testing.assert_allclose(ours, naive, rtol=1e-5)   # float rounding in the geodetic chain
    unscaled, _ = aep8.model("p", "min").geomagnetic_coordinates(location, Time("2000-01-01"))
    assert np.all(ours > unscaled)


def test_grid_interpolation_error_is_small_where_flux_matters():
    # Against direct aep8 (IRBEM) calls at random points (protons: SAA; electrons: SAA and
    # horns): where the flux is within 10x of its maximum, the median error is a few per cent
    # and the mean flux (what orbit averages and doses see) is within 5 %.
    rng = np.random.default_rng(5)
    lat = np.degrees(np.arcsin(rng.uniform(-1, 1, 1500)))
    lon, alt = rng.uniform(-180, 180, 1500), rng.uniform(450, 550, 1500)
    for name, particle, solar, energy in (("AP8MAX", "p", "max", np.array([10.0, 50.0])),
                                          ("AE8MAX", "e", "max", np.array([0.5, 2.0]))):
        direct = direct_aep8(particle, solar, lat, lon, alt, energy)
        cached = rad.trapped_flux(lat, lon, alt, energy, model=name, grid=FINE_GRID,
                                  interpolation="nasa")
        for j in range(energy.size):
            matters = direct[:, j] > 0.1 * direct[:, j].max()
            assert matters.sum() > 20
            error = np.abs(cached[matters, j] / direct[matters, j] - 1)
            assert np.median(error) < 0.05, name
            assert cached[:, j].mean() == pytest.approx(direct[:, j].mean(), rel=0.05)


def test_flux_table_reproduces_exact_evaluation_of_orbit_averaged_spectra_within_1_percent():
    """The vectorised (L, B/B0) flux table against exact AE8/AP8 at the same (L, B/B0).

    Orbit-averaged integral spectra where the flux is above 10⁻³ of its peak, at 550 km, at
    400 km (the steepest place, near the atmospheric cut-off) and at 1400 km (the belt's core,
    where B/B0 dips just below 1 on the equator): within 1 % (issue #19), for both map
    interpolations. The table's nodes are evaluated as lookups first need them.
    """
    for model, interpolation in (("AP8MIN", "esa"), ("AE8MAX", "esa"), ("AP8MIN", "nasa")):
        energy = rad.default_energy_grid_mev(model)[::4]
        table = rad.belts._flux_table(model, energy, interpolation)
        for altitude, inclination in ((550.0, 55.0), (400.0, 51.6), (1400.0, 30.0)):
            lat, lon, alt = circular_ground_track(altitude, inclination, days=0.5, step_s=60.0)
            shell, ratio = rad.geomagnetic_coordinates(lat, lon, alt, model=model, grid=TEST_GRID)
            exact = rad.belts._integral_flux_lb(model, shell, ratio, energy,
                                                interpolation).mean(0)
            fast = rad.belts._table_lookup(table, shell, ratio).mean(0)
            matters = exact > 1e-3 * exact.max()
            error = np.abs(fast[matters] / exact[matters] - 1)
            assert np.all(error < 0.01), (model, altitude, error.max())


def test_irbem_flux_through_ctypes_reproduces_aep8_with_nasa_interpolation():
    """Our vectorised call into IRBEM (get_AE8_AP8_flux) with NASA's interpolation is aep8's own
    flux function, point for point (same library, same TRARA): exact to float rounding."""
    import aep8
    from astropy import units as u

    rng = np.random.default_rng(3)
    shell, ratio = rng.uniform(1.1, 3.0, 400), np.exp(rng.uniform(0.0, 1.5, 400))
    energy = np.array([0.5, 5.0, 30.0, 100.0, 300.0])
    ours = rad.belts._irbem_integral_flux("AP8MIN", shell, ratio, energy, "nasa")
    with np.errstate(invalid="ignore"):
        theirs = np.nan_to_num(aep8.model("p", "min").integral_flux_for_geomagnetic_coordinates(
            shell[:, None], ratio[:, None], energy * u.MeV).value)
    theirs = np.where(theirs > 1.0, theirs, 0.0)      # IRBEM reports only F above the floor
    np.testing.assert_allclose(ours, theirs, rtol=1e-12)


def test_esa_interpolation_agrees_with_nasa_in_the_belt_and_adds_flux_near_the_cutoff():
    """Daly et al. (1996, IEEE TNS 43, 403): both read the same AP-8 maps, so in the heart of
    the belt (L = 1.4–2, B/B0 ≤ 1.2, far from the cut-off) they agree within 1 %; NASA's
    interpolation at fixed L in B/B0 understates the flux near the atmospheric cut-off, i.e. in
    LEO. At 550 km the orbit-averaged AP8-MIN flux above 10 MeV comes out 10–30 % higher with
    ESA's (measured +21 % at 30°, +16 % at 55°).
    """
    shell, ratio = np.array([1.4, 1.5, 2.0]), np.array([1.2, 1.1, 1.0])
    energy = np.array([1.0, 10.0, 30.0, 100.0])
    core = [rad.belts._irbem_integral_flux("AP8MIN", shell, ratio, energy, i)
            for i in ("esa", "nasa")]
    np.testing.assert_allclose(core[0], core[1], rtol=0.01)
    for inclination in (30.0, 55.0):
        lat, lon, alt = circular_ground_track(550.0, inclination, days=1.0, step_s=60.0)
        means = [rad.trapped_flux(lat, lon, alt, 10.0, model="AP8MIN", grid=TEST_GRID,
                                  interpolation=i).mean() for i in ("esa", "nasa")]
        assert 1.1 < means[0] / means[1] < 1.3, (inclination, means)


def test_unknown_map_interpolation_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"interpolation: 'esa96' .*did you mean 'esa'"):
        rad.trapped_spectra(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[500.0],
                            grid=TEST_GRID, interpolation="esa96")


def test_maximum_10mev_proton_flux_at_500km_lies_in_the_south_atlantic_anomaly():
    # The SAA: latitude −50°…0°, longitude −90°…0° (issue #5; e.g. Heirtzler 2002, JASTP 64).
    m = rad.flux_map(500.0, 10.0, model="AP8MAX", lat_step_deg=2.0, lon_step_deg=4.0,
                     grid=TEST_GRID)
    peak = m.integral_flux_cm2_s.argmax(...)
    lat, lon = float(m.lat[peak["lat"]]), float(m.lon[peak["lon"]])
    assert -50.0 <= lat <= 0.0 and -90.0 <= lon <= 0.0


@settings(max_examples=25, deadline=None)
@given(energy=st.floats(1.0, 100.0), inclination=st.floats(20.0, 98.0))
def test_orbit_averaged_proton_flux_rises_from_400_to_1400_km(energy, inclination):
    # The inner proton belt's flux increases with altitude throughout LEO (AP8; e.g. SPENVIS).
    means = []
    for altitude in (400.0, 1400.0):
        lat, lon, alt = circular_ground_track(altitude, inclination, days=0.5, step_s=120.0)
        means.append(rad.trapped_flux(lat, lon, alt, energy, model="AP8MIN", grid=TEST_GRID).mean())
    assert means[1] > means[0]


def test_trapped_spectra_accepts_a_propagated_dataset_and_averages_over_time():
    from orbital.orbits import propagate, walker_delta

    times = np.datetime64("2026-03-20") + np.arange(0, 6000, 120) * np.timedelta64(1, "s")
    states = propagate(walker_delta(550, 53, 1, 2, 0), times)
    spectra = rad.trapped_spectra(states, grid=TEST_GRID)
    assert spectra.proton_integral_flux_cm2_s.dims == ("time", "satellite", "proton_energy_mev")
    assert spectra.mean_electron_integral_flux_cm2_s.dims == ("satellite", "electron_energy_mev")
    assert all("units" in v.attrs and "long_name" in v.attrs for v in spectra.data_vars.values())
    # Integral spectra never increase with energy.
    assert (spectra.mean_proton_integral_flux_cm2_s.diff("proton_energy_mev") <= 1e-9).all()


# ---------------------------------------------------------------- dose


def test_dose_at_650km_dawn_dusk_sso_behind_10mm_al_is_within_factor_2_of_suncatcher():
    # Suncatcher (arXiv:2511.19468): ~150 rad(Si)/yr behind ~10 mm Al at ~650 km dawn–dusk SSO.
    from orbital.orbits import propagate, sun_synchronous

    times = np.datetime64("2026-03-20") + np.arange(0, 86400, 60) * np.timedelta64(1, "s")
    states = propagate(sun_synchronous(650.0, ltan_hours=18.0), times)
    for models in (("AP8MAX", "AE8MAX"), ("AP8MIN", "AE8MIN")):
        dose = rad.dose_depth(rad.trapped_spectra(states, models=models, grid=TEST_GRID),
                              shielding_mm=[1.0, 10.0]).isel(satellite=0)
        value = float(dose.dose_rad_si_per_year.sel(shielding_mm=10.0))
        assert 75.0 <= value <= 300.0, (models, value)
        # Behind 1 mm the trapped electrons dominate; 10 mm (2.7 g/cm², the CSDA range of
        # ~5.5 MeV electrons) leaves mostly protons (the shape of SHIELDOSE LEO dose–depth curves).
        thin, thick = dose.sel(shielding_mm=1.0), dose.sel(shielding_mm=10.0)
        assert thin.electron_dose_rad_si_per_year > thin.proton_dose_rad_si_per_year
        assert thick.proton_dose_rad_si_per_year > thick.electron_dose_rad_si_per_year > 0


def circular_orbit_track(altitude_km, inclination_deg, *, days=2.0, step_s=60.0):
    """Geodetic track of a circular orbit of radius R_eq + altitude (as SPENVIS's orbit generator
    makes it): constant geocentric radius, so the geodetic altitude is ~5 km higher over the SAA
    (latitude −25°…−35°) than at the equator."""
    from astropy import units as u
    from astropy.coordinates import EarthLocation

    lat, lon, _ = circular_ground_track(altitude_km, inclination_deg, days=days, step_s=step_s)
    radius = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    la, lo = np.radians(lat), np.radians(lon)
    location = EarthLocation.from_geocentric(radius * np.cos(la) * np.cos(lo) * u.km,
                                             radius * np.cos(la) * np.sin(lo) * u.km,
                                             radius * np.sin(la) * u.km)
    geodetic = location.to_geodetic("WGS84")
    return geodetic.lat.deg, geodetic.lon.deg, geodetic.height.to_value(u.km)


# SPENVIS 4.6.11 SHIELDOSE-2, "4pi dose at centre of Al spheres", Si, 550 km circular, AP-8 MIN +
# AE-8 MAX, 1825 days from 2023-01-01: 5-year doses [rad(Si)] (Pfandzelter et al. 2023, LEO edge
# failure models, github.com/pfandzelter/leo-edge-failure-models, compute-failure/results/
# {30,55,95}.txt, columns Total, Electrons, Bremsstrahlung, Trapped Protons).
SPENVIS_550KM_5YR = {
    30.0: {"mm": [0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0],
           "protons": [2369.2, 2055.8, 1783.6, 1618.0, 1428.1, 1192.2, 907.47],
           "electrons": [18994.0, 2621.9, 517.65, 196.98],
           "bremsstrahlung": 3.3678,
           "total": [21454.0, 4708.6, 2315.5, 1824.7, 1461.3, 1195.5, 909.31]},
    55.0: {"mm": [0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0],
           "protons": [3342.8, 1993.3, 1374.1, 1149.5, 950.67, 747.05, 543.65],
           "electrons": [76406.0, 24114.0, 8105.1, 3414.0],
           "bremsstrahlung": 13.916,                    # at 10 mm
           "total": [80049.0, 26242.0, 9545.7, 4607.2, 1598.7, 764.84, 551.93]},
    95.0: {"mm": [0.5, 1.0, 2.0, 3.0, 10.0, 20.0],
           "protons": [2091.3, 1332.3, 960.33, 815.90, 542.38, 396.73],
           "electrons": [82904.0, 29081.0, 9684.6, 3944.3],
           "bremsstrahlung": 14.063,
           "total": [85292.0, 30554.0, 10714.0, 4804.9, 560.28, 405.33]},
}
# Issue #19 target for protons (1–20 mm) and the total (see the test docstring): ±20 %.
SPENVIS_TOLERANCE = (0.8, 1.2)


@pytest.mark.parametrize("inclination", sorted(SPENVIS_550KM_5YR))
def test_dose_depth_at_550km_agrees_with_spenvis_shieldose2(inclination):
    """Same orbit and models as a published SPENVIS SHIELDOSE-2 run (see SPENVIS_550KM_5YR).

    Protons, 1–20 mm (issue #19 target ±20 %): measured ours/SPENVIS here (6° × 10° test grid)
    0.92–0.97 at 30°, 0.94–0.99 at 55°, 0.95–1.01 at 95°; with (L, B/B0) traced at every point
    instead of interpolated, 0.94–0.99, 0.97–1.03 and 0.99–1.04. Candidates, one at a time
    (ratio range over 1–20 mm):

    - IRBEM's Earth radius in aep8 (belts._field_coordinates_direct): 0.70–0.80 → 0.73–0.85;
    - the orbit's constant geocentric radius, as SPENVIS generates it: +4 %;
    - the field model: Jensen–Cain 1960 as ECSS prescribes (kept); IGRF 1964 +8 %, IGRF 2023
      2.7–4.6× (so SPENVIS did not use today's field);
    - the map interpolation: SPENVIS reads AE-8/AP-8 with ESA's (L, φ) interpolation (Daly et
      al. 1996), not NASA's TRARA that aep8 uses: 0.76–0.89 → 0.94–1.04, +16 to +24 %, the
      largest at 20 mm and at 30° (the SAA's core, near the cut-off): this closes the gap;
    - < 1 % each: 40 vs 160 energies, the flux above 300 MeV, the 1 cm⁻² s⁻¹ map floor, 2 vs
      20 days of track, 60 s vs 20 s steps;
    - range–energy table: ours and SHIELDOSE-2's (both ICRU 49) agree within 0.1 %, see
      test_proton_csda_range_in_aluminium_matches_icru49_as_shieldose2_tabulates_it;
    - nuclear interactions: ours attenuates primaries, exp(−ρt/100 g cm⁻²), and drops the
      secondaries: −0.3 % at 1 mm to −5.3 % at 20 mm. SHIELDOSE-2 offers no attenuation
      (INUC 1: ours would be +0.3 to +5.6 %; at 30°, with (L, B/B0) traced, 0.98–1.01) or
      attenuation with local deposition of the charged secondaries' energy (INUC 2: its own
      kernels put 2–33 % more dose than INUC 1 at the surface for 30–200 MeV protons and
      2–12 % less at half their range); the option of the published run is not recorded, so
      ours is kept (physical, the lowest of the three at depth), which is why the 20 mm ratio
      is the lowest.

    Electrons behind 0.5–3 mm with the practical-range penetration: within −40 %/+40 % at 55°
    and 95° (the practical-range approximation of SHIELDOSE-2's Monte Carlo kernels); at 30° the
    electron dose is a few % of the 55° one and is left to the total. Straight-ahead CSDA stays
    an upper bound. Bremsstrahlung, stated good to a factor ~2, within 0.5–2× behind 10 mm.
    Total behind 2–20 mm at 30°, and behind 10–20 mm (proton dominated, the design figure of a
    Suncatcher-like module) everywhere, within the same tolerance as the protons (measured
    0.92–1.00).
    """
    ref = SPENVIS_550KM_5YR[inclination]
    lat, lon, alt = circular_orbit_track(550.0, inclination, days=2.0, step_s=60.0)
    spectra = rad.trapped_spectra(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                  models=("AP8MIN", "AE8MAX"), grid=TEST_GRID)
    five_years = rad.dose_depth(spectra, shielding_mm=ref["mm"]) * 5.0
    mm = np.array(ref["mm"])
    protons = five_years.proton_dose_rad_si_per_year.values / ref["protons"]
    low, high = SPENVIS_TOLERANCE
    assert np.all((protons[mm >= 1] > low) & (protons[mm >= 1] < high)), protons
    total = five_years.dose_rad_si_per_year.values / ref["total"]
    assert np.all((total[mm >= 10] > low) & (total[mm >= 10] < high)), total
    brems = float(five_years.bremsstrahlung_dose_rad_si_per_year.sel(shielding_mm=10.0))
    assert 0.5 < brems / ref["bremsstrahlung"] < 2.0, brems
    if inclination == 30.0:
        assert np.all((total[mm >= 2] > low) & (total[mm >= 2] < high)), total
        return
    csda = rad.dose_depth(spectra, shielding_mm=ref["mm"][:4], electron_penetration="csda")
    electrons = five_years.electron_dose_rad_si_per_year.values[:4] / ref["electrons"]
    upper = 5.0 * csda.electron_dose_rad_si_per_year.values / ref["electrons"]
    assert np.all((electrons > 0.6) & (electrons < 1.4)), electrons
    assert np.all(upper > 1.0), upper


@pytest.mark.parametrize("solar", ["MIN", "MAX"])
def test_trapped_dose_inside_iss_shielding_is_within_the_measured_iss_dose_band(solar):
    """ISS (~400 km, 51.6°): absorbed dose in the pressurized modules is 0.2–0.5 mGy/day
    (NASA GeneLab ISS dosimetry tables; DOSIS/DOSTEL silicon telescopes in Columbus, Berger
    et al. 2017, J. Space Weather Space Clim. 7, A8), roughly half of it from SAA protons, the
    rest from GCR (not modelled here). Behind 10–20 g/cm² of Al (37–74 mm, typical module
    shielding) the trapped dose must lie between 0.05 mGy/day (a quarter of the low total:
    AP8 is known to under-predict at ISS altitudes by up to ~2) and 0.5 mGy/day (the whole
    measured total).
    """
    lat, lon, alt = circular_ground_track(400.0, 51.6, days=1.0, step_s=60.0)
    spectra = rad.trapped_spectra(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                  models=(f"AP8{solar}", f"AE8{solar}"), grid=TEST_GRID)
    dose = rad.dose_depth(spectra, shielding_mm=[37.0, 74.0]).dose_rad_si_per_year
    mgy_per_day = dose.values * 10.0 / 365.25          # 1 rad = 10 mGy
    assert np.all((mgy_per_day > 0.05) & (mgy_per_day < 0.5)), mgy_per_day


@pytest.mark.parametrize("solar", ["MIN", "MAX"])
def test_dose_at_1400km_sso_behind_10mm_is_within_factor_2_of_the_ascend_figure(solar):
    """Thales Alenia Space ASCEND (2024) puts its data centres at ~1 400 km, inside the inner
    proton belt: ~3 krad(Si)/yr behind 10 mm Al (secondary figure, quoted in the project's
    review; not re-checked against the study). A factor 2 covers AP8's own uncertainty there.
    """
    lat, lon, alt = circular_ground_track(1400.0, 101.4, days=1.0, step_s=60.0)
    spectra = rad.trapped_spectra(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                  models=(f"AP8{solar}", f"AE8{solar}"), grid=TEST_GRID)
    value = float(rad.dose_depth(spectra, shielding_mm=[10.0]).dose_rad_si_per_year.squeeze())
    assert 1500.0 <= value <= 6000.0, value


@settings(max_examples=25, deadline=None)
@given(altitude=st.floats(400.0, 1400.0), inclination=st.floats(0.0, 98.0),
       solar=st.sampled_from(["MIN", "MAX"]),
       thickness=st.lists(st.floats(0.1, 50.0), min_size=2, max_size=8, unique=True))
def test_orbit_dose_decreases_monotonically_with_shield_thickness(altitude, inclination, solar,
                                                                  thickness):
    """More aluminium never adds dose (issue #5 property), over all of LEO 400–1400 km, 0–98°.

    In the solid-sphere CSDA geometry the dose is ∫ (S_Si/S_Al)(E') φ(R(E') + ρt) dE' with
    φ = −dF/dR the particles per unit range, so it falls with t wherever φ falls with range.
    AP8/AE8 spectra are piecewise power laws between their tabulated energies (4, 5, 6, 7,
    10 MeV…), and φ can step up by ~10 % at a node: on the 40-point default grid that gives
    dose wiggles of < 1 % (measured 0.9 % at 700 km, 0°, AP8-MIN; 0.06 % on a 160-point grid),
    hence the 1 % allowance. 1e-3 rad/yr absolute covers orbits that only graze the belts' edges
    (total < 1e-3 rad/yr, where AE8's contour steps dominate). The spurious bumps that once
    made 400 km / 30° fail (AP8's 1 cm⁻² s⁻¹ map floor, and all flux above the grid's top put
    at the top energy) are removed at the source, see the two tests below.
    """
    lat, lon, alt = circular_ground_track(altitude, inclination, days=1.0, step_s=120.0)
    spectra = rad.trapped_spectra(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                  models=(f"AP8{solar}", f"AE8{solar}"), grid=TEST_GRID)
    dose = rad.dose_depth(spectra, shielding_mm=np.sort(thickness)).dose_rad_si_per_year
    assert (dose.values[1:] <= 1.01 * dose.values[:-1] + 1e-3).all()


def test_ap8_map_floor_does_not_leave_a_monoenergetic_line_at_the_belt_edge():
    """AE8/AP8 maps stop at the 1 cm⁻² s⁻¹ contour: aep8 gives F ≥ 1 inside and 0 just outside.

    At the inner edge of the belt (400 km, 30°) each point's integral spectrum thus drops from
    ~1 cm⁻² s⁻¹ to 0 at some energy, a spurious line holding up to half the particles. Ours
    subtracts the floor, so each spectrum ends continuously (last non-zero value ≪ 1).
    """
    import aep8
    from astropy import units as u
    from astropy.coordinates import EarthLocation
    from astropy.time import Time

    energy = np.geomspace(0.1, 300.0, 200)
    lat, lon, alt = circular_ground_track(400.0, 30.0, days=0.5, step_s=120.0)
    ours = rad.trapped_flux(lat, lon, alt, energy, model="AP8MAX", grid=TEST_GRID)
    model = aep8.model("p", "max")
    shell, ratio = model.geomagnetic_coordinates(
        EarthLocation.from_geodetic(lon * u.deg, lat * u.deg, alt * u.km), Time("2026-01-01"))
    with np.errstate(invalid="ignore"):
        direct = np.nan_to_num(model.integral_flux_for_geomagnetic_coordinates(
            shell[:, None], ratio[:, None], energy * u.MeV).value)
    edge = direct[direct[:, 0] > 0]
    assert edge.size and np.all(edge[edge > 0] >= 1.0)          # aep8: the floor is there
    inside = ours[ours[:, 0] > 0]
    assert inside.shape[0] >= 1
    last = np.array([row[np.nonzero(row)[0][-1]] for row in inside])
    assert np.all(last < 0.1 * inside[:, 0]) and np.all(last < 0.1)


def test_dose_depth_does_not_depend_on_where_the_energy_grid_stops():
    """Flux above the grid's top energy is continued as a power law, not piled at the top.

    A spectrum F = 1e3 (E/1 MeV)^−1.5 given up to 100 MeV or up to 300 MeV must give the same
    dose–depth curve: before, every proton above 100 MeV sat at exactly 100 MeV and made a
    Bragg peak near R_Al(100 MeV) = 37 mm (PSTAR), a 'dose rising with depth' artefact.
    Agreement within 3 % (the tail's slope is the last interval's, exact for a power law).
    """
    thickness = np.array([5.0, 10.0, 20.0, 30.0, 35.0, 40.0, 45.0, 60.0])
    curves = []
    for top in (100.0, 300.0):
        energy = np.geomspace(0.1, top, 40)
        curves.append(rad.dose_depth(proton_energy_mev=energy,
                                     proton_integral_flux_cm2_s=1e3 * energy**-1.5,
                                     shielding_mm=thickness).dose_rad_si_per_year.values)
    np.testing.assert_allclose(curves[0], curves[1], rtol=0.03)
    assert np.all(np.diff(curves[0]) < 0)


def test_proton_dose_behind_thin_shield_matches_fluence_times_stopping_power():
    # Analytic check of the CSDA engine: monoenergetic 100 MeV protons barely slow down in 1 mm
    # Al, so Ḋ = Φ S_Si(≈99.4 MeV) / 6.2415e7 rad per second.
    energy = np.array([99.99, 100.0, 100.01])
    flux = np.array([1.0, 1.0, 0.0])  # all particles at ~100 MeV
    dose = rad.dose_depth(proton_energy_mev=energy, proton_integral_flux_cm2_s=flux,
                          shielding_mm=[1.0])
    exit_energy = 100.0 - 0.27 * rad.proton_stopping_power(100.0, "aluminum")
    expected = rad.proton_stopping_power(exit_energy, "silicon") / 6.2415e7 * 3.15576e7
    assert float(dose.dose_rad_si_per_year.squeeze()) == pytest.approx(float(expected), rel=0.01)


def test_suncatcher_five_year_dose_stays_below_hbm_threshold():
    # Suncatcher: 150 rad(Si)/yr → 750 rad in 5 years, below the 2 krad HBM threshold.
    assert 5 * 150.0 == 750.0
    years = rad.lifetime_years(150.0, rad.DEVICE_SUSCEPTIBILITY["tpu-v6e-suncatcher"][
        "tid_threshold_rad_si"])
    assert float(years) > 5.0


def test_shielding_for_lifetime_inverts_the_dose_depth_curve():
    energy = np.geomspace(0.1, 400, 50)
    dose = rad.dose_depth(proton_energy_mev=energy,
                          proton_integral_flux_cm2_s=1e3 * (1 + energy / 20) ** -2.5)
    need = rad.shielding_for_lifetime(dose, 5.0, 2000.0, design_margin=2.0)
    # Reading the curve back at the returned thickness gives the allowed rate (log interpolation).
    back = np.exp(np.interp(float(need.shielding_mm), dose.shielding_mm,
                            np.log(dose.dose_rad_si_per_year)))
    assert back == pytest.approx(2000.0 / (5.0 * 2.0), rel=0.02)
    assert float(need.areal_mass_kg_m2) == pytest.approx(2.699 * float(need.shielding_mm))


# ---------------------------------------------------------------- cosmic rays


def test_equatorial_cutoff_matches_stormer_for_the_igrf_2020_dipole():
    # Størmer vertical cutoff at the dipole equator and surface: B0 R_E c / 4 with
    # B0 = 29.81 µT (IGRF-13 2020) → 14.2 GV; and it falls as 1/r² with altitude.
    b0 = np.sqrt(29404.8**2 + 1450.9**2 + 4652.5**2)
    axis_lon = np.degrees(np.arctan2(-4652.5, 1450.9))  # dipole pole at 80.6° N, 72.7° W
    equator_lat = np.degrees(np.arccos(29404.8 / b0))  # magnetic equator on that meridian
    at_surface = rad.dipole_cutoff_rigidity_gv(equator_lat, axis_lon + 180.0, 0.0,
                                                dipole="igrf13-2020")
    assert float(at_surface) == pytest.approx(29806e-9 * 6371.0088e3 * 299792458 / 4e9, rel=0.01)
    r = (6371.0088 + 1000.0) / 6371.0088
    assert float(rad.dipole_cutoff_rigidity_gv(equator_lat, axis_lon + 180.0, 1000.0,
                                        dipole="igrf13-2020")) == pytest.approx(
        float(at_surface) / r**2, rel=1e-6)


def test_eccentric_dipole_sits_in_the_western_pacific_and_lowers_the_saa_cutoff():
    # Fraser-Smith (1987, Rev. Geophys. 25:1): the eccentric dipole's centre lies ~500–600 km
    # from the Earth's centre towards ~15–25° N, 135–150° E, and drifts outwards ~2 km/yr; that
    # offset is why the field, and the cutoff, is weak over the South Atlantic.
    offset = rad.dipole_offset_km()
    distance = np.linalg.norm(offset)
    assert 500.0 < distance < 650.0
    assert 15.0 < np.degrees(np.arcsin(offset[2] / distance)) < 30.0
    assert 130.0 < np.degrees(np.arctan2(offset[1], offset[0])) < 155.0
    saa = dict(lat_deg=-30.0, lon_deg=-45.0, altitude_km=500.0)
    assert rad.dipole_cutoff_rigidity_gv(**saa) < rad.dipole_cutoff_rigidity_gv(
        **saa, dipole="igrf13-2020")


@settings(max_examples=25, deadline=None)
@given(altitude=st.floats(400.0, 1400.0), raan=st.floats(0.0, 360.0))
def test_polar_orbit_has_lower_mean_cutoff_than_53_degree_orbit(altitude, raan):
    # High-inclination orbits spend time at high magnetic latitude where R_c ∝ cos⁴λ_m is small.
    means = {}
    for inclination in (53.0, 98.0):
        lat, lon, alt = circular_ground_track(altitude, inclination, days=1.0, step_s=120.0,
                                              raan_deg=raan)
        shielding = rad.geomagnetic_shielding(lat_deg=lat, lon_deg=lon, altitude_km=alt)
        means[inclination] = float(shielding.mean_cutoff_rigidity_gv)
        assert shielding.gcr_transmission.attrs["units"] == "1"
    assert means[98.0] < means[53.0]


def test_solar_event_protons_reach_polar_orbits_more_than_equatorial_ones():
    # 10 MeV protons (0.14 GV) only get in where the cutoff is below their rigidity: polar caps.
    polar = rad.geomagnetic_shielding(*[None], lat_deg=circular_ground_track(650, 98)[0],
                                      lon_deg=circular_ground_track(650, 98)[1], altitude_km=650.0)
    low = rad.geomagnetic_shielding(lat_deg=circular_ground_track(650, 20)[0],
                                    lon_deg=circular_ground_track(650, 20)[1], altitude_km=650.0)
    assert float(polar.spe_proton_fluence_cm2.sel(spe_energy_mev=10.0)) > 0
    assert float(low.spe_proton_fluence_cm2.sel(spe_energy_mev=10.0)) == 0.0


def test_solar_event_dose_is_larger_on_polar_orbit_and_falls_with_shielding():
    # King's August-1972 spectrum is soft (e-folding 26.5 MeV): shielding cuts it hard, and the
    # geomagnetic field keeps it off low-inclination orbits.
    kwargs = dict(altitude_km=650.0, shielding_mm=[2.0, 5.0, 10.0])
    polar = rad.solar_particle_event_dose(lat_deg=circular_ground_track(650, 98)[0],
                                          lon_deg=circular_ground_track(650, 98)[1], **kwargs)
    low = rad.solar_particle_event_dose(lat_deg=circular_ground_track(650, 20)[0],
                                        lon_deg=circular_ground_track(650, 20)[1], **kwargs)
    dose = polar.dose_rad_si.values
    assert np.all(np.diff(dose) < 0) and dose[0] > 10 * float(low.dose_rad_si[0] + 1e-12)


def test_per_bit_day_input_gives_rate_times_bits():
    # AMD XQR Versal configuration RAM in LEO: 3.5e-9 upsets/bit/day (vendor, REFERENCES.md).
    rates = rad.fault_rates(device=None, upsets_per_bit_day={"config_ram": 3.5e-9},
                            bits={"config_ram": 2e8}, effects={"config_ram": "detected"})
    assert float(rates.detected_per_chip_year) == pytest.approx(3.5e-9 * 2e8 * 365.25)


# ---------------------------------------------------------------- single events


def test_proton_upset_rate_with_flat_cross_section_is_cross_section_times_flux():
    # σ constant above the spectrum's lowest energy: R = σ F(>E_min) per second.
    energy = np.geomspace(1.0, 400.0, 60)
    flux = 50.0 * (1 + energy / 30.0) ** -3
    rate = rad.proton_upset_rate(energy, flux, lambda e: np.full_like(e, 2e-14))
    assert float(rate) == pytest.approx(2e-14 * flux[0] * 86400, rel=0.01)


def test_bendel_cross_section_saturates_at_its_limit():
    # σ(E → ∞) → 1e-12 (B/A)^14 (Bendel & Petersen 1983).
    assert float(rad.bendel_cross_section_cm2(1e7, 12.0, 20.0)) == pytest.approx(
        1e-12 * (20 / 12) ** 14, rel=0.01)
    assert float(rad.bendel_cross_section_cm2(11.0, 12.0)) == 0.0


def test_weibull_cross_section_is_63_percent_of_saturation_one_width_above_onset():
    # 1 − e^(−1) = 0.632 at x = x0 + W, any shape.
    assert float(rad.weibull_cross_section_cm2(30.0, 1e-8, 10.0, 20.0, 2.7)) == pytest.approx(
        1e-8 * (1 - np.exp(-1)))


def test_petersen_rate_scales_with_transmission():
    full = rad.petersen_upset_rate(1e-7, 5.0)
    assert float(full) == pytest.approx(rad.PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY * 1e-7 / 25)
    assert float(rad.petersen_upset_rate(1e-7, 5.0, transmission=0.1)) == pytest.approx(
        0.1 * float(full))


def test_upset_rates_combine_proton_fold_and_petersen_heavy_ions_per_bit_and_device():
    # Per device = per bit × bits; heavy ions = Petersen C σ/L² × orbit transmission; protons
    # fall behind more shielding (the spectrum is slowed and cut).
    lat, lon, alt = circular_ground_track(650.0, 98.0, days=0.5, step_s=120.0)
    spectra = rad.trapped_spectra(lat_deg=lat, lon_deg=lon, altitude_km=alt, models=("AP8MAX",),
                                  grid=TEST_GRID)
    transmission = float(rad.geomagnetic_shielding(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                                   event=None).gcr_transmission)
    sigma = lambda e: rad.weibull_cross_section_cm2(e, 1e-14, 20.0, 30.0, 1.5)  # noqa: E731
    kwargs = dict(bits_per_device=8e9, proton_cross_section=sigma,
                  heavy_ion_saturation_cm2=1e-8, heavy_ion_let_quarter_mev_cm2_mg=3.0,
                  transmission=transmission)
    thin = rad.upset_rates(spectra, shielding_mm=2.0, **kwargs)
    thick = rad.upset_rates(spectra, shielding_mm=20.0, **kwargs)
    assert float(thin.heavy_ion_upsets_per_bit_day) == pytest.approx(
        rad.PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY * transmission * 1e-8 / 9)
    assert float(thin.upsets_per_device_day) == pytest.approx(8e9 * float(thin.upsets_per_bit_day))
    assert 0 < float(thick.proton_upsets_per_bit_day) < float(thin.proton_upsets_per_bit_day)


# ---------------------------------------------------------------- faults and mitigations


def test_suncatcher_per_rad_figures_give_published_chip_year_rates():
    """Suncatcher (arXiv:2511.19468; REFERENCES.md): SDC 1 per 14.4–20 rad, HBM UECC 1 per 44 rad.

    At 150 rad(Si)/yr the SDC range is 150/20 = 7.5 to 150/14.4 = 10.4 per chip-year. The
    catalog uses the range's midpoint, 17.2 rad per SDC → 8.72 per chip-year; the issue's
    "≈ 8.8" is 150/17 (a rounded reading of the same range): 3 % covers that rounding, not
    physics. HBM: 150/44 = 3.41 ≈ the issue's 3.4.
    """
    rates = rad.fault_rates(150.0, device="tpu-v6e-suncatcher")
    assert float(rates.sdc_per_chip_year) == pytest.approx(150.0 / 17.2, rel=1e-9)
    assert float(rates.sdc_per_chip_year) == pytest.approx(8.8, rel=0.03)
    for rad_per_sdc, expected in ((14.4, 10.4), (20.0, 7.5)):        # the published range's ends
        edge = rad.fault_rates(150.0, device="tpu-v6e-suncatcher",
                               rad_per_event={"sdc": rad_per_sdc})
        assert float(edge.sdc_per_chip_year) == pytest.approx(expected, rel=0.01)
    assert float(rates.events_per_chip_year.sel(event="hbm_uncorrectable_ecc")) == pytest.approx(
        3.4, rel=0.02)


def test_cross_section_input_matches_per_rad_input_for_equivalent_device():
    # A device with σ per device under flux Φ: λ = σΦ·yr. The same device described per rad:
    # D_event = Ḋ / λ. Both styles must give the same rates.
    sigma, flux = 1e-9, 100.0
    direct = rad.fault_rates(cross_section_cm2={"sdc": sigma}, flux_cm2_s=flux, device=None,
                             effects={"sdc": "silent"})
    lam = sigma * flux * 365.25 * 86400
    per_rad = rad.fault_rates(150.0, device=None, rad_per_event={"sdc": 150.0 / lam},
                              effects={"sdc": "silent"})
    assert float(direct.sdc_per_chip_year) == pytest.approx(float(per_rad.sdc_per_chip_year))


def test_young_daly_interval_reduces_to_young_for_small_checkpoint_cost():
    # Young (1974): τ ≈ √(2 δ M) when δ ≪ M.
    assert float(rad.young_daly_interval_s(1.0, 1e7)) == pytest.approx(np.sqrt(2e7), rel=0.001)


def test_mitigations_trade_throughput_for_residual_corruption():
    ds = rad.mitigations(8.8, 3.4, 0.5, request_s=2.0)
    p = float(ds.residual_corruption_probability.sel(mitigation="none"))
    assert p == pytest.approx(1 - np.exp(-8.8 * 2.0 / (365.25 * 86400)))
    # TMR: two or more of three wrong ≈ 3p²; dual: p².
    assert float(ds.residual_corruption_probability.sel(mitigation="tmr_voting")) == \
        pytest.approx(3 * p**2, rel=1e-3)
    assert float(ds.throughput_multiplier.sel(mitigation="tmr_voting")) < 1 / 3 + 1e-9
    assert float(ds.energy_multiplier.sel(mitigation="dual_execution")) > 2.0
    assert float(ds.residual_corruption_probability.sel(mitigation="ecc")) < p
    assert all(v.attrs.get("units") for v in ds.data_vars.values())


# ---------------------------------------------------------------- bad input and caching


def test_unknown_model_name_lists_supported_models():
    with pytest.raises(ValueError, match="AP8MAX"):
        rad.trapped_flux(0.0, 0.0, 500.0, 10.0, model="AP9", grid=TEST_GRID)


def test_unknown_names_suggest_the_close_ones():
    with pytest.raises(ValueError, match="did you mean 'AP8MAX'"):
        rad.trapped_flux(0.0, 0.0, 500.0, 10.0, model="AP8MXA", grid=TEST_GRID)
    with pytest.raises(ValueError, match="did you mean 'solar-min'"):
        rad.gcr_flux(100.0, modulation="solar_min")
    with pytest.raises(ValueError, match="did you mean 'august-1972-king'"):
        rad.solar_particle_event_fluence("august-1972", 30.0)


def test_altitude_outside_grid_is_refused_with_the_valid_range():
    with pytest.raises(ValueError, match=r"altitude_km: 3000 km .*\[300, 1500\] km"):
        rad.trapped_flux(0.0, 0.0, 3000.0, 10.0, grid=TEST_GRID)


def test_negative_shield_thickness_is_refused():
    with pytest.raises(ValueError, match="shielding_mm"):
        rad.dose_depth(proton_energy_mev=[1.0, 10.0], proton_integral_flux_cm2_s=[1.0, 0.1],
                       shielding_mm=[-1.0, 2.0])


def test_energy_outside_model_range_and_unknown_grid_are_refused():
    with pytest.raises(ValueError, match=r"energy_mev: 1000 MeV .*\[0.1, 300\]"):
        rad.trapped_flux(0.0, 0.0, 500.0, 1000.0, grid=TEST_GRID)
    with pytest.raises(ValueError, match="coarse"):
        rad.trapped_flux(0.0, 0.0, 500.0, 10.0, grid="ultra")


@pytest.mark.parametrize("call, message", [
    (lambda: rad.total_dose_depth(None, shielding_mm=[-1.0, 2.0]),
     r"shielding_mm: -1 mm is outside the allowed range \[0, 1000\] mm"),
    (lambda: rad.total_dose_depth(None, shielding_mm=[5.0, 2.0, 10.0]),
     r"shielding_mm: \[5.0, 2.0, 10.0\] must be strictly increasing"),
    (lambda: rad.dose_depth(proton_energy_mev=[1.0, 10.0], proton_integral_flux_cm2_s=[1.0, 0.1],
                            shielding_mm=[float("nan")]),
     r"shielding_mm: nan mm is outside the allowed range"),
    (lambda: rad.trapped_spectra(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[120.0],
                                 grid=TEST_GRID),
     r"altitude_km: 120 km is outside .*\[300, 1500\] km"),
    (lambda: rad.dose_depth(proton_energy_mev=[1.0, 10.0], proton_integral_flux_cm2_s=[1.0, 0.1],
                            electron_penetration="practcal"),
     r"electron_penetration: 'practcal' .*did you mean 'practical'"),
    (lambda: rad.equivalent_electron_fluence(
        rad.trapped_spectra(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[550.0], grid=TEST_GRID),
        "triple-junctoin"),
     r"technology: 'triple-junctoin' .*did you mean 'triple-junction'"),
    (lambda: rad.trapped_spectra(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[550.0],
                                 models=("AP8MIN", "AE8MAXX"), grid=TEST_GRID),
     r"model: 'AE8MAXX' .*did you mean 'AE8MAX'"),
    (lambda: rad.shielded_spectrum([1.0, 10.0], [1.0, 0.1], -2.0),
     r"shielding_mm: -2 mm is outside the allowed range \[0, 1000\] mm"),
])
def test_bad_radiation_inputs_are_refused_naming_field_value_and_range(call, message):
    """Issue #19 bad-input list: negative, NaN or non-monotone shield depths, orbits below the
    belts' grid (150 km floor for doses, see test_dose_depth_refuses_spectra_of_an_orbit_below_
    150_km), unknown cell technology, model or option names (with the close match)."""
    with pytest.raises(ValueError, match=message):
        call()


def test_total_dose_refuses_a_track_below_the_grid_before_any_dose_is_computed():
    from orbital.orbits import propagate, walker_delta

    times = np.datetime64("2026-03-20") + np.arange(0, 600, 120) * np.timedelta64(1, "s")
    states = propagate(walker_delta(550, 53, 1, 1, 0), times)
    states["alt_km"] = states["alt_km"] * 0 + 140.0
    with pytest.raises(ValueError, match=r"altitude_km: 140 km is outside"):
        rad.total_dose_depth(states, grid=TEST_GRID, shielding_mm=[2.0, 10.0])


def test_grid_cache_is_written_atomically_and_reused(tmp_path, monkeypatch):
    monkeypatch.setenv("ODC_CACHE_DIR", str(tmp_path))
    small = rad.GeomagneticGrid(lat_step_deg=30.0, lon_step_deg=60.0, altitude_km=(500.0, 600.0))
    first = rad.geomagnetic_grid("jensen-cain-1960", small, progress=False)
    files = list((tmp_path / "radiation").iterdir())
    assert len(files) == 1 and files[0].suffix == ".nc"   # no temporary file left behind
    rad.belts._MEMORY_CACHE.clear()
    again = rad.geomagnetic_grid("jensen-cain-1960", small, progress=False)
    np.testing.assert_allclose(again.l_shell.values, first.l_shell.values)


def test_corrupt_or_interrupted_cache_is_rebuilt_not_used(tmp_path, monkeypatch):
    """A truncated cache file (e.g. a build killed mid-write by an older version) is rebuilt, and
    a write interrupted now leaves neither the final file nor a temporary one."""
    monkeypatch.setenv("ODC_CACHE_DIR", str(tmp_path))
    small = rad.GeomagneticGrid(lat_step_deg=30.0, lon_step_deg=60.0, altitude_km=(500.0, 600.0))
    path = rad.belts._cache_path("jensen-cain-1960", small)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x89HDF\r\n\x1a\n truncated")
    rebuilt = rad.geomagnetic_grid("jensen-cain-1960", small, progress=False)
    assert np.all(rebuilt.l_shell.values >= 1.0)
    rad.belts._MEMORY_CACHE.clear()
    path.unlink()

    def interrupted(self, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(rad.belts.xr.Dataset, "to_netcdf", interrupted)
    with pytest.raises(KeyboardInterrupt):
        rad.geomagnetic_grid("jensen-cain-1960", small, progress=False)
    assert list(path.parent.iterdir()) == []
    rad.belts._MEMORY_CACHE.clear()


# ---------------------------------------------------------------- galactic cosmic rays (issue #19)


def test_force_field_modulation_conserves_phase_space_density_at_high_energy():
    # Gleeson & Axford (1968): far above φ the modulated flux tends to the LIS, and it is always
    # below it; solar maximum (larger φ) lets fewer particles in.
    energy = np.array([100.0, 1000.0, 1e5])
    lis = rad.gcr_lis_flux(energy)
    for modulation in ("solar-min", "solar-max"):
        flux = rad.gcr_flux(energy, modulation=modulation)
        assert np.all(flux < lis)
        # At 100 GeV the energy shift Φ/T is 0.5–1 %; the flux falls by about (γ + 2) Φ/T with
        # γ ≈ 2.8 (shifted LIS and the T² factor of the force field): at most ~5 Φ/T below.
        phi = rad.GCR_MODULATION[modulation]["phi_mv"]
        assert 1 - 5 * phi / 1e5 < flux[-1] / lis[-1] < 1.0
    assert np.all(rad.gcr_flux(energy, modulation="solar-max")
                  < rad.gcr_flux(energy, modulation="solar-min"))


def test_burger_lis_at_1_gev_matches_its_formula():
    # Burger, Potgieter & Heber (2000), as used by Usoskin et al. (2005, eq. 2): at T = 1 GeV,
    # P = √(1 × 2.876) = 1.696 GV, J = 1.9e4 P^−2.78 / (1 + 0.4866 P^−2.51) = 3872 m⁻² s⁻¹ sr⁻¹ GeV⁻¹.
    assert float(rad.gcr_lis_flux(1000.0)) == pytest.approx(3872e-4 / 1000.0, rel=0.005)


def test_gcr_dose_of_minimum_ionizing_protons_in_free_space_matches_fluence_times_stopping():
    # Analytic check far from Earth (cutoff ≈ 0, no shadow): the H dose behind 1 mm is above
    # 4π ∫J dE × S_Si at minimum ionization (1.66 MeV cm²/g, PSTAR at ~2 GeV), and within +50 %
    # of it: the 10–300 MeV part of the spectrum deposits 1.5–5× the minimum (measured +37 %).
    far = rad.gcr_dose(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[1e5], modulation="solar-min",
                       shielding_mm=[1.0])
    energy = np.geomspace(10.0, 1e6, 4000)
    integral = 4 * np.pi * np.trapezoid(rad.gcr_flux(energy), energy)
    minimum_ionizing = integral * 1.66 / 6.2415e7 * 3.15576e7
    hydrogen = float(far.gcr_H_dose_rad_si_per_year.squeeze())
    assert minimum_ionizing < hydrogen < 1.5 * minimum_ionizing


def test_gcr_dose_inside_iss_shielding_is_within_a_factor_2_5_of_the_measured_gcr_share():
    """ISS (400 km, 51.6°): DOSIS 3D (Berger et al. 2017, J. Space Weather Space Clim. 7, A8)
    measured ~0.2–0.3 mGy/day absorbed in Si in Columbus, roughly half of it from GCR (issue #19:
    ~0.1–0.2 mGy/day GCR). Behind 37 mm Al our model (force-field spectra of the 12 charge groups
    H–Ni, Størmer dipole cutoff with the east–west effect, nuclear attenuation with secondaries)
    gives 0.051 mGy/day at solar minimum and 0.029 at solar maximum: a factor ~2–3.5 below the
    measured GCR share. The low-cutoff bins agree within 1.4× (tests/test_gcr.py, ISS Cupola
    table); what is missing is at high cutoff (4–5× there), where the cascades of >10 GV
    primaries in the station's thick walls carry most of the measured dose (HZETRN2020, which
    transports them, matches that table within 4–28 %; the primaries alone are right within
    10 %, tests/test_gcr.py). The test holds the solar-minimum figure
    within a factor 2.5 below 0.1 mGy/day and 2 above, and the ordering solar-min > solar-max.
    """
    lat, lon, alt = circular_ground_track(400.0, 51.6, days=1.0, step_s=60.0)
    doses = {}
    for modulation in ("solar-min", "solar-max"):
        gcr = rad.gcr_dose(lat_deg=lat, lon_deg=lon, altitude_km=alt, modulation=modulation,
                           shielding_mm=[37.0, 74.0])
        assert gcr.gcr_dose_rad_si_per_year.attrs["units"] == "rad(Si) yr-1"
        doses[modulation] = gcr.gcr_dose_rad_si_per_year.values * 10.0 / 365.25   # mGy/day
    assert 0.1 / 2.5 < doses["solar-min"][0] < 0.1 * 2, doses
    assert np.all(doses["solar-min"] > doses["solar-max"])


def test_stormer_directional_transmission_brackets_the_vertical_cutoff():
    # Størmer: from the west particles get in down to 4/(1+√2)² = 0.686 R_v at the equator, from
    # the east only above 4 R_v; at exactly R_v half the sky is open.
    assert float(rad.stormer_transmission(0.68, 1.0, 1.0)) == 0.0
    assert float(rad.stormer_transmission(0.70, 1.0, 1.0)) > 0.0
    assert float(rad.stormer_transmission(1.0, 1.0, 1.0)) == pytest.approx(0.5)
    assert float(rad.stormer_transmission(3.9, 1.0, 1.0)) < 1.0
    assert float(rad.stormer_transmission(4.0, 1.0, 1.0)) == 1.0


@settings(max_examples=10, deadline=None)
@given(altitude=st.floats(400.0, 1400.0), raan=st.floats(0.0, 360.0))
def test_polar_orbit_gets_more_gcr_dose_than_a_30_degree_orbit(altitude, raan):
    # The cutoff falls towards the magnetic poles (R_c ∝ cos⁴λ_m): polar orbits let more in.
    doses = {}
    for inclination in (30.0, 98.0):
        lat, lon, alt = circular_ground_track(altitude, inclination, days=0.5, step_s=120.0,
                                              raan_deg=raan)
        doses[inclination] = float(rad.gcr_dose(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                                shielding_mm=[10.0]).gcr_dose_rad_si_per_year
                                    .squeeze())
    assert doses[98.0] > 2 * doses[30.0]


def test_gcr_dose_refuses_orbits_below_150_km():
    with pytest.raises(ValueError, match=r"altitude_km: 120 km .*\[150"):
        rad.gcr_dose(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[120.0])


# ---------------------------------------------------------------- dose_depth boundary (issue #16)


def test_dose_depth_refuses_mismatched_lengths_decreasing_energies_and_unsorted_depths():
    energy = np.array([1.0, 10.0, 100.0])
    with pytest.raises(ValueError, match="proton_integral_flux_cm2_s: last axis has 2 values"):
        rad.dose_depth(proton_energy_mev=energy, proton_integral_flux_cm2_s=[1.0, 0.1])
    with pytest.raises(ValueError, match="proton_energy_mev: .* strictly increasing"):
        rad.dose_depth(proton_energy_mev=energy[::-1], proton_integral_flux_cm2_s=[1.0, 0.5, 0.1])
    with pytest.raises(ValueError, match=r"shielding_mm: \[5.0, 2.0\] must be strictly increasing"):
        rad.dose_depth(proton_energy_mev=energy, proton_integral_flux_cm2_s=[1.0, 0.5, 0.1],
                       shielding_mm=[5.0, 2.0])


def test_dose_depth_refuses_spectra_of_an_orbit_below_150_km():
    spectra = rad.trapped_spectra(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[500.0],
                                  models=("AP8MIN",), grid=TEST_GRID)
    spectra.attrs["min_altitude_km"] = 140.0
    with pytest.raises(ValueError, match=r"spectra: the orbit goes down to 140 km.*\[150, inf\)"):
        rad.dose_depth(spectra)


def test_grid_cache_key_covers_code_models_grid_and_versions():
    key = rad.belts._cache_key("jensen-cain-1960", TEST_GRID)
    assert key["models"] == ["AE8MAX", "AE8MIN", "AP8MIN"]
    assert {"aep8", "orbital_dc", "code", "grid"} <= set(key)
    other = rad.GeomagneticGrid(lat_step_deg=6.0, lon_step_deg=10.0, altitude_km=(300.0, 400.0))
    assert rad.belts._cache_path("jensen-cain-1960", TEST_GRID) != rad.belts._cache_path(
        "jensen-cain-1960", other)


def test_grid_cache_key_changes_when_the_grid_code_changes(monkeypatch):
    before = rad.belts._cache_path("jensen-cain-1960", TEST_GRID)
    monkeypatch.setattr(rad.belts, "_IRBEM_EARTH_RADIUS_KM", 6378.1)
    assert rad.belts._cache_path("jensen-cain-1960", TEST_GRID) != before


def test_every_public_name_of_the_split_dose_module_is_importable_from_the_package():
    for name in ("MATERIALS", "proton_stopping_power", "proton_csda_range",
                 "electron_stopping_power", "electron_csda_range", "electron_radiation_yield",
                 "electron_practical_range", "shielded_spectrum", "dose_depth", "lifetime_years",
                 "shielding_for_lifetime", "DEFAULT_SHIELDING_MM"):
        assert hasattr(rad, name) and name in rad.__all__, name


def test_total_dose_adds_trapped_gcr_and_solar_events_term_by_term():
    from orbital.orbits import propagate, sun_synchronous

    times = np.datetime64("2026-03-20") + np.arange(0, 6000, 120) * np.timedelta64(1, "s")
    states = propagate(sun_synchronous(650.0, ltan_hours=18.0), times)
    total = rad.total_dose_depth(states, solar_events_per_year=0.1, shielding_mm=[2.0, 10.0],
                                 grid=TEST_GRID)
    parts = (total.dose_rad_si_per_year + total.gcr_dose_rad_si_per_year
             + total.solar_event_dose_rad_si_per_year)
    np.testing.assert_allclose(total.total_dose_rad_si_per_year, parts)
    assert float(total.gcr_dose_rad_si_per_year.sel(shielding_mm=10.0).squeeze()) > 0
    assert all("units" in v.attrs for v in total.data_vars.values())
