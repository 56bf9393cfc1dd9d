"""GCR LET spectra behind shielding, integral-RPP upset rates and Petersen's C (issue #19).

Sources are named in each test; docs/sources/petersen.md lists them in full.
"""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from orbital import radiation as rad
from tests.test_radiation import TEST_GRID, circular_ground_track

MIL_100_MM = 2.54


@pytest.fixture(scope="module")
def geo_spectrum():
    """Interplanetary / GEO solar-minimum spectrum behind 100 mil Al (CREME96's usual case)."""
    return rad.gcr_let_spectrum(free_space=True, shielding_mm=MIL_100_MM)


def synthetic_spectrum(let_grid, integral_flux):
    """A Dataset shaped like gcr_let_spectrum's, holding a chosen Φ(>L) [cm⁻² day⁻¹]."""
    return xr.Dataset(
        {"integral_flux_cm2_day": (("shielding_mm", "let_mev_cm2_mg"), integral_flux[None, :])},
        coords={"shielding_mm": [MIL_100_MM], "let_mev_cm2_mg": let_grid})


# ---------------------------------------------------------------- chords and the RPP integral


@pytest.mark.parametrize("edges_um", [(1.0, 1.0, 1.0), (10.0, 10.0, 1.0), (3.0, 5.0, 0.5)])
def test_mean_chord_of_parallelepiped_is_cauchys_four_volume_over_surface(edges_um):
    # Cauchy's theorem: μ-random chords of any convex body have mean 4V/S; none is longer than
    # the body's diagonal. The Sobol sample of 2^14 chords reaches the mean to < 1 %.
    x, y, z = edges_um
    chords = rad.rpp_chord_lengths_um(x, y, z)
    assert chords.mean() == pytest.approx(4 * x * y * z / (2 * (x * y + y * z + x * z)), rel=0.01)
    assert chords.max() <= np.sqrt(x * x + y * y + z * z) * (1 + 1e-9)


def test_irpp_rate_is_quarter_surface_times_flux_when_every_ion_upsets():
    # Every chord of an isotropic field is counted: S/4 × the omnidirectional flux crosses a
    # convex body of surface S (Cauchy). With Φ(>L) flat at K, R = (S/4) K exactly.
    grid = np.geomspace(1e-3, 1e4, 101)
    k = 50.0
    sat, depth = 1e-8, 2.0
    # Thresholds ≤ 1e-3 MeV cm²/mg: even the shortest corner chords need less than the grid's top.
    rate = rad.irpp_upset_rate(synthetic_spectrum(grid, np.full(grid.size, k)), sat, 1e-4, 1e-4,
                               1.0, depth_um=depth)
    surface = 2 * (sat + 2 * np.sqrt(sat) * depth * 1e-4)
    assert float(rate.squeeze()) == pytest.approx(surface / 4 * k, rel=1e-6)


def test_irpp_of_a_thin_slab_reduces_to_the_cosine_law():
    # A cell much wider than deep, with a sharp threshold L0 at normal incidence, upsets when
    # L > L0 cos θ (chord c/cos θ). For Φ(>L) = K e^{-L/L1}, integrating over the isotropic
    # flux through both faces (2 μ dμ per face) gives
    # R = (2a²/4) K ∫₀¹ 2μ e^{-k μ} dμ = (a²/2) K · 2[1 − (1 + k)e^{-k}]/k², k = L0/L1
    # (Petersen et al. 1992, the effective-LET limit of the RPP). The side faces of a
    # 300 × 300 × 1 µm slab add < 1 %.
    grid = np.geomspace(1e-3, 200.0, 801)
    k_flux, l1, l0 = 80.0, 4.0, 10.0
    spectrum = synthetic_spectrum(grid, k_flux * np.exp(-grid / l1))
    side_cm = 300e-4
    rate = rad.irpp_upset_rate(spectrum, side_cm**2, l0, 1e-4, 1.0, depth_um=1.0)
    k = l0 / l1
    expected = side_cm**2 / 2 * k_flux * 2 * (1 - (1 + k) * np.exp(-k)) / k**2
    assert float(rate.squeeze()) == pytest.approx(expected, rel=0.02)


# ---------------------------------------------------------------- LET of ions in silicon


def test_relativistic_let_is_z_squared_times_the_minimum_ionising_proton_in_silicon():
    # PDG "Atomic and nuclear properties of materials" (silicon): minimum ionisation
    # 1.664 MeV cm²/g, so a fully stripped Fe nucleus at minimum ionisation deposits
    # 26² × 1.664 = 1125 MeV cm²/g = 1.125 MeV cm²/mg. PSTAR (held above 10 GeV) gives the
    # proton side; 3 % covers the table's spacing around the minimum.
    energy = np.geomspace(100.0, 1e5, 400)
    assert rad.ion_let_si_mev_cm2_mg(1, energy).min() == pytest.approx(1.664e-3, rel=0.03)
    assert rad.ion_let_si_mev_cm2_mg(26, energy).min() == pytest.approx(676 * 1.664e-3, rel=0.03)


def test_iron_bragg_peak_in_silicon_sits_at_the_iron_knee_of_let_spectra():
    # The largest LET of iron in Si, ~28–30 MeV cm²/mg near 1–2 MeV/n, is the "iron knee"
    # where CREME integral LET spectra fall by orders of magnitude (Adams 1986, NRL MR 5901;
    # Tylka et al. 1997, IEEE TNS 44, 2150, integral LET spectra figure). Barkas's effective
    # charge is good to ~10 % there: 25–32 accepted.
    energy = np.geomspace(0.1, 20.0, 400)
    let_fe = rad.ion_let_si_mev_cm2_mg(26, energy)
    assert 25.0 < let_fe.max() < 32.0
    assert 0.7 < energy[np.argmax(let_fe)] < 3.0
    # The knee in our spectrum: Φ falls to zero above the Fe–Ni group's peak.
    spectrum = rad.gcr_let_spectrum(free_space=True, let_mev_cm2_mg=[10.0, 20.0, 32.0])
    phi = spectrum.integral_flux_cm2_day.squeeze().values
    assert phi[0] > phi[1] > 0 and phi[2] == 0


def test_effective_charge_is_fully_stripped_when_fast_and_reduced_when_slow():
    # Barkas (1963): Z_eff = Z[1 − exp(−125 β Z^(−2/3))]; at 1 GeV/n (β = 0.875) iron is bare,
    # at 1 MeV/n (β = 0.046) it carries ~half its charge: 26 × (1 − e^{−0.66}) = 12.5.
    assert float(rad.effective_charge(26, 1000.0)) == pytest.approx(26.0, rel=1e-4)
    assert float(rad.effective_charge(26, 1.0)) == pytest.approx(12.5, rel=0.02)


# ---------------------------------------------------------------- the spectrum


def test_integral_let_flux_counts_every_gcr_nucleus_behind_a_thin_shield():
    # Below every LET, Φ is the whole omnidirectional GCR flux: 4π Σ_Z ∫ J_Z dT from the
    # force-field spectra of gcr_flux (an independent quadrature), behind 10 µm of Al.
    energy = np.geomspace(1e-2, 1e6, 4000)
    total = sum(4 * np.pi * np.trapezoid(rad.gcr_flux(energy, species=s), energy)
                for s in rad.GCR_SPECIES) * 86400
    spectrum = rad.gcr_let_spectrum(free_space=True, shielding_mm=0.01, let_mev_cm2_mg=[1e-4])
    assert float(spectrum.integral_flux_cm2_day.squeeze()) == pytest.approx(total, rel=0.01)


def test_dose_from_the_let_spectrum_behind_10_g_cm2_is_near_msl_cruise():
    # ∫ L dΦ is the dose in Si. Behind 10 g/cm² Al (37 mm) in free space at the 2009 minimum,
    # primaries only: 0.43 mGy/day against MSL RAD's cruise 0.481 ± 0.080 mGy/day (Zeitlin et
    # al. 2013, Science 340, 1080; Dec 2011 – Jul 2012, a more modulated sky and ~16 g/cm²
    # average shielding with secondaries). Primaries only should fall at or below it: 0.6–1.05×.
    spectrum = rad.gcr_let_spectrum(free_space=True, shielding_mm=37.05,
                                    modulation="solar-min-2009",
                                    let_mev_cm2_mg=np.geomspace(1e-4, 100.0, 2001))
    phi = spectrum.integral_flux_cm2_day.squeeze().values
    dose_mgy_day = np.trapezoid(phi, spectrum.let_mev_cm2_mg.values) * 1.602e-7 * 1e3
    assert 0.6 * 0.481 < dose_mgy_day < 1.05 * 0.481


def test_let_spectrum_grows_with_inclination_towards_free_space():
    # The Størmer cutoff closes the sky to low-rigidity (high-LET) ions at low magnetic
    # latitude: Φ(>10) rises with inclination at 500 km and stays below free space.
    values = []
    for inclination in (0.0, 30.0, 60.0, 90.0):
        lat, lon, alt = circular_ground_track(500.0, inclination, days=0.25, step_s=60.0)
        ds = rad.gcr_let_spectrum(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                  let_mev_cm2_mg=[10.0])
        values.append(float(ds.integral_flux_cm2_day.squeeze()))
    free = float(rad.gcr_let_spectrum(free_space=True, let_mev_cm2_mg=[10.0])
                 .integral_flux_cm2_day.squeeze())
    assert values == sorted(values) and values[-1] < free


def test_let_spectrum_keeps_the_satellite_dimension_of_a_shell():
    lat, lon, alt = circular_ground_track(550.0, 53.0, days=0.1, step_s=60.0)
    lat2 = np.stack([lat, -lat], axis=1)
    lon2 = np.stack([lon, lon], axis=1)
    alt2 = np.stack([alt, alt], axis=1)
    ds = rad.gcr_let_spectrum(lat_deg=lat2, lon_deg=lon2, altitude_km=alt2,
                              shielding_mm=[1.0, 5.0])
    assert ds.integral_flux_cm2_day.dims == ("satellite", "shielding_mm", "let_mev_cm2_mg")
    assert ds.integral_flux_cm2_day.attrs["units"] == "cm-2 day-1"
    # A thicker shield lets fewer particles through (slowing raises some ions' LET, so only the
    # all-LET count must fall).
    total = ds.integral_flux_cm2_day.isel(let_mev_cm2_mg=0)
    assert (total.isel(shielding_mm=1) < total.isel(shielding_mm=0)).all()


# ---------------------------------------------------------------- Petersen's coefficient


def test_derived_geo_coefficient_agrees_with_petersen_1998_and_is_the_see_default(geo_spectrum):
    # Petersen (1998), IEEE TNS 45, 2550, heavy-ion rate coefficient vs altitude (100 mil Al,
    # solar minimum), read from a public digitisation of the figure: 485 upsets bit⁻¹ day⁻¹
    # (MeV cm²/mg)² cm⁻² at GEO. Ours, IRPP over our GEO spectrum for the reference device:
    # 450 (0.93×). The FOM is a factor-~2 method and the curve is read from a plot: ±50 %.
    c_geo = float(rad.petersen_coefficient(geo_spectrum).squeeze())
    assert c_geo == pytest.approx(485.0, rel=0.5)
    # The constant in see.py is this derived value, not an assumed one.
    assert rad.PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY == pytest.approx(c_geo, rel=0.02)


def test_petersen_coefficient_is_nearly_device_independent_as_the_fom_claims(geo_spectrum):
    # Petersen et al. (1992), IEEE TNS 39, 1577: R ≈ C σ_sat/L₀.₂₅² with C set by the
    # environment, within a factor ~2 across devices. Over cells at least as wide as deep with
    # L₀.₂₅ ≤ 25 MeV cm²/mg (the FOM's stated range: harder devices sit beyond the iron knee)
    # we find C from 76 to 705 around a median of 358: the middle 80 % lie within 2.5× of the
    # median, every device within 5×.
    values = []
    for sat in (1e-8, 1e-7, 1e-6):
        for threshold, width, shape in ((0.5, 5.0, 1.0), (2.0, 15.0, 1.5), (5.0, 30.0, 2.0),
                                        (1.0, 10.0, 0.8)):
            for depth in (0.5, 1.0, 2.0):
                if depth * 1e-4 > np.sqrt(sat):
                    continue
                device = dict(saturation_cm2=sat, threshold=threshold, width=width,
                              shape=shape, depth_um=depth)
                values.append(float(rad.petersen_coefficient(geo_spectrum, device).squeeze()))
    values = np.array(values)
    median = np.median(values)
    ratio = values / median
    assert np.all((ratio > 0.2) & (ratio < 5.0))
    low, high = np.quantile(ratio, [0.1, 0.9])
    assert low > 1 / 2.5 and high < 2.5


@pytest.mark.parametrize("inclination_deg, petersen_c, low, high", [
    # Petersen (1998) heavy-ion coefficients at 500 km (same digitised figure), as a fraction
    # of GEO's 485: 60° 56.0, 90° 97.4: ours within ±40 % (dipole Størmer cutoff vs the
    # CREME transmission functions, Smart & Shea 2005: 10–20 % in cutoff at mid-latitude).
    (60.0, 56.0, 0.6, 1.4),
    (90.0, 97.4, 0.6, 1.4),
    # 0° 5.9 and 30° 9.0: ours are ~0.35× of those. Known gap, not tuned away: near the
    # magnetic equator only >10 GV ions arrive, minimum-ionising, and the rate there comes
    # from the longest chords and from Z > 28 ions (CREME96 carries Z up to 92; we stop at
    # Fe–Ni). Bounded so that a change in it shows: 0.2–0.7×.
    (0.0, 5.9, 0.2, 0.7),
    (30.0, 9.0, 0.2, 0.7),
])
def test_leo_to_geo_coefficient_ratio_follows_petersen_1998(geo_spectrum, inclination_deg,
                                                          petersen_c, low, high):
    lat, lon, alt = circular_ground_track(500.0, inclination_deg, days=1.0, step_s=60.0)
    orbit = rad.gcr_let_spectrum(lat_deg=lat, lon_deg=lon, altitude_km=alt)
    ratio = float(rad.petersen_coefficient(orbit).squeeze()) / float(
        rad.petersen_coefficient(geo_spectrum).squeeze())
    assert low < ratio / (petersen_c / 485.0) < high


def test_fom_rate_with_the_derived_coefficient_tracks_irpp_for_the_reference_device(geo_spectrum):
    # By construction for the reference device; for a second device the FOM (with the
    # reference C) is within the factor 2 Petersen quotes for the method.
    ref = rad.REFERENCE_WEIBULL_DEVICE
    c = float(rad.petersen_coefficient(geo_spectrum).squeeze())
    other = dict(saturation_cm2=1e-8, threshold=1.0, width=10.0, shape=0.8, depth_um=1.0)
    irpp = float(rad.irpp_upset_rate(geo_spectrum, other["saturation_cm2"], other["threshold"],
                                     other["width"], other["shape"]).squeeze())
    fom = float(rad.petersen_upset_rate(
        other["saturation_cm2"], rad.weibull_let_quarter(1.0, 10.0, 0.8), coefficient=c))
    assert 0.5 < fom / irpp < 2.0
    fom_ref = float(rad.petersen_upset_rate(
        ref["saturation_cm2"], rad.weibull_let_quarter(ref["threshold"], ref["width"],
                                                       ref["shape"]), coefficient=c))
    irpp_ref = float(rad.irpp_upset_rate(geo_spectrum, ref["saturation_cm2"], ref["threshold"],
                                         ref["width"], ref["shape"]).squeeze())
    assert fom_ref == pytest.approx(irpp_ref, rel=1e-9)


# ---------------------------------------------------------------- wiring into upset_rates


@pytest.fixture(scope="module")
def orbit_inputs():
    lat, lon, alt = circular_ground_track(650.0, 98.0, days=0.5, step_s=120.0)
    spectra = rad.trapped_spectra(lat_deg=lat, lon_deg=lon, altitude_km=alt, models=("AP8MAX",),
                                  grid=TEST_GRID)
    let_spectrum = rad.gcr_let_spectrum(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                        shielding_mm=[2.0, 10.0])
    sigma = lambda e: rad.weibull_cross_section_cm2(e, 1e-14, 20.0, 30.0, 1.5)  # noqa: E731
    return spectra, let_spectrum, sigma


def test_upset_rates_use_the_orbits_own_let_spectrum(orbit_inputs):
    spectra, let_spectrum, sigma = orbit_inputs
    weibull = {"threshold": 2.0, "width": 15.0, "shape": 1.5, "depth_um": 1.0}
    irpp = rad.upset_rates(spectra, bits_per_device=8e9, proton_cross_section=sigma,
                           heavy_ion_saturation_cm2=1e-7, heavy_ion_weibull=weibull,
                           let_spectrum=let_spectrum, shielding_mm=10.0)
    direct = rad.irpp_upset_rate(let_spectrum.sel(shielding_mm=10.0), 1e-7, 2.0, 15.0, 1.5)
    assert float(irpp.heavy_ion_upsets_per_bit_day) == pytest.approx(float(direct), rel=1e-9)
    fom = rad.upset_rates(spectra, bits_per_device=8e9, proton_cross_section=sigma,
                          heavy_ion_saturation_cm2=1e-7, heavy_ion_let_quarter_mev_cm2_mg=8.54,
                          let_spectrum=let_spectrum, shielding_mm=10.0)
    c = float(rad.petersen_coefficient(let_spectrum.sel(shielding_mm=10.0)))
    assert float(fom.heavy_ion_upsets_per_bit_day) == pytest.approx(c * 1e-7 / 8.54**2)
    assert "IRPP" in irpp.attrs["heavy_ion_method"]
    assert float(fom.upsets_per_device_day) == pytest.approx(8e9 * float(fom.upsets_per_bit_day))


def test_upset_rates_refuse_ambiguous_or_mismatched_heavy_ion_inputs(orbit_inputs):
    spectra, let_spectrum, sigma = orbit_inputs
    base = dict(bits_per_device=1e6, proton_cross_section=sigma, heavy_ion_saturation_cm2=1e-7,
                heavy_ion_let_quarter_mev_cm2_mg=5.0)
    with pytest.raises(ValueError, match="let_spectrum / transmission"):
        rad.upset_rates(spectra, let_spectrum=let_spectrum, transmission=0.2, **base)
    with pytest.raises(ValueError, match="let_spectrum / transmission"):
        rad.upset_rates(spectra, **base)
    with pytest.raises(ValueError, match="shielding_mm"):
        rad.upset_rates(spectra, let_spectrum=let_spectrum, shielding_mm=5.0, **base)
    with pytest.raises(ValueError, match="heavy_ion_weibull"):
        rad.upset_rates(spectra, let_spectrum=let_spectrum, shielding_mm=10.0,
                        heavy_ion_weibull={"threshold": 1.0}, **base)


# ---------------------------------------------------------------- bad input


def test_let_spectrum_bad_inputs_name_the_field():
    with pytest.raises(ValueError, match="free_space"):
        rad.gcr_let_spectrum(free_space=True, lat_deg=[0.0], lon_deg=[0.0], altitude_km=[500.0])
    with pytest.raises(ValueError, match="track"):
        rad.gcr_let_spectrum()
    with pytest.raises(ValueError, match="let_mev_cm2_mg"):
        rad.gcr_let_spectrum(free_space=True, let_mev_cm2_mg=[5.0, 1.0])
    with pytest.raises(ValueError, match="solar-min"):
        rad.gcr_let_spectrum(free_space=True, modulation="solar-minimum")
    with pytest.raises(ValueError, match="altitude_km"):
        rad.gcr_let_spectrum(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[100.0])
    with pytest.raises(ValueError, match="shielding_mm"):
        rad.gcr_let_spectrum(free_space=True, shielding_mm=[5.0, 2.0])


def test_rate_bad_inputs_name_the_field(geo_spectrum):
    with pytest.raises(ValueError, match="samples"):
        rad.rpp_chord_lengths_um(1.0, 1.0, 1.0, samples=1000)
    with pytest.raises(ValueError, match="z_um"):
        rad.rpp_chord_lengths_um(1.0, 1.0, -1.0)
    with pytest.raises(ValueError, match="depth_um"):
        rad.irpp_upset_rate(geo_spectrum, 1e-7, 1.0, 10.0, 1.0, depth_um=0.0)
    with pytest.raises(ValueError, match="width"):
        rad.irpp_upset_rate(geo_spectrum, 1e-7, 1.0, 0.0, 1.0)
    with pytest.raises(ValueError, match="spectrum"):
        rad.irpp_upset_rate(xr.Dataset(), 1e-7, 1.0, 10.0, 1.0)
    with pytest.raises(ValueError, match="device"):
        rad.petersen_coefficient(geo_spectrum, {"threshold": 1.0})


def test_let_spectrum_takes_the_modulation_potential_as_gcr_dose_does():
    # A named state and its potential in MV give the same spectrum (the named sets are φ values
    # of the force field, GCR_MODULATION); a more modulated heliosphere lets fewer heavy ions
    # through at every LET; a potential outside 0–2000 MV is refused by name.
    grid = [1.0, 10.0]
    named = rad.gcr_let_spectrum(free_space=True, modulation="solar-max", let_mev_cm2_mg=grid)
    phi = rad.GCR_MODULATION["solar-max"]["phi_mv"]
    number = rad.gcr_let_spectrum(free_space=True, modulation=phi, let_mev_cm2_mg=grid)
    np.testing.assert_array_equal(named.integral_flux_cm2_day, number.integral_flux_cm2_day)
    assert number.attrs["gcr_modulation_potential_mv"] == phi
    quiet = rad.gcr_let_spectrum(free_space=True, modulation=300.0, let_mev_cm2_mg=grid)
    assert np.all(quiet.integral_flux_cm2_day.values > number.integral_flux_cm2_day.values)
    with pytest.raises(ValueError, match="modulation"):
        rad.gcr_let_spectrum(free_space=True, modulation=5000.0)
    with pytest.raises(ValueError, match="modulation"):
        rad.gcr_let_spectrum(free_space=True, modulation="solar-minimum")
