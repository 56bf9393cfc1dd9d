"""Galactic cosmic rays (issue #19): composition, modulation, cutoff, transport; against data.

References (docs/sources/gcr.md): PDG "Cosmic rays" (all-nucleon intensity, eq. 30.2, and the
abundance table); Zeitlin et al. 2013 (MSL RAD cruise dose); the Artemis-I validation paper in
npj Microgravity (2025), Table 2 (ISS Cupola REM / US Lab RAD silicon dose rate by vertical
cutoff rigidity, Nov–Dec 2022).
"""

import numpy as np
import pytest

from orbital import radiation as rad

# Artemis-I validation paper (npj Microgravity 2025, doi:10.1038/s41526-025-00459-y), Table 2:
# measured silicon dose rate [mGy/day] in the ISS Cupola (REM) by vertical cutoff bin [GV].
CUTOFF_EDGES_GV = np.array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, np.inf])
CUPOLA_MGY_DAY = np.array([.248, .219, .180, .151, .125, .109, .097, .087, .078, .070, .059,
                           .052, .045])
# Same table, the HZETRN2020 model column for the Cupola (GCR transport through the ISS mass
# model, no trapped particles): within 4–28 % of the measurement in every bin.
CUPOLA_HZETRN_MGY_DAY = np.array([.238, .211, .168, .137, .113, .095, .081, .070, .061, .054,
                                  .045, .038, .032])
MGY_DAY_PER_RAD_YEAR = 10.0 / 365.25


def circular_track(altitude_km, inclination_deg, *, days=1.0, step_s=60.0):
    """Ground track of a circular orbit over a rotating spherical Earth (two-body)."""
    mu, radius, spin = 398600.4418, 6378.137, 7.2921159e-5
    t = np.arange(0.0, days * 86400.0, step_s)
    n = np.sqrt(mu / (radius + altitude_km) ** 3)
    u, inc = n * t, np.radians(inclination_deg)
    lat = np.degrees(np.arcsin(np.sin(inc) * np.sin(u)))
    lon = np.degrees(np.arctan2(np.cos(inc) * np.sin(u), np.cos(u)) - spin * t)
    return lat, (lon + 180.0) % 360.0 - 180.0, np.full_like(t, altitude_km)


def points_at(altitude_km, n=301):
    """Points along one meridian, as (time=1, satellite=n): a dose per point, not averaged."""
    lat = np.linspace(-75.0, 75.0, n)[None, :]
    return {"lat_deg": lat, "lon_deg": np.full_like(lat, 30.0),
            "altitude_km": np.full_like(lat, altitude_km)}


# ---------------------------------------------------------------- spectra


@pytest.mark.parametrize("energy_gev_per_nucleon", [10.0, 20.0, 50.0, 100.0])
def test_all_nucleon_intensity_matches_the_pdg_power_law(energy_gev_per_nucleon):
    """PDG Review "Cosmic rays" eq. 30.2: I_N(E) ≈ 1.8e4 (E/GeV)^-2.7 nucleons m⁻² s⁻¹ sr⁻¹ GeV⁻¹
    from a few GeV to > 100 TeV, E the total energy per nucleon. The sum over our species of
    A × J(E) (free protons plus bound nucleons, He 18 % of them) must match within 15 %,
    the spread of the data the PDG fit summarises (measured: −3 % to +3 %; −1 % to −6 % with
    the PDG table's He, 21 % below AMS-02's)."""
    kinetic_mev = energy_gev_per_nucleon * 1000.0 - 938.272
    nucleons = sum(spec["a"] * rad.gcr_flux(kinetic_mev, modulation="solar-min", species=name)
                   for name, spec in rad.GCR_SPECIES.items())
    per_m2_gev = float(nucleons) * 1e4 * 1e3
    assert per_m2_gev == pytest.approx(1.8e4 * energy_gev_per_nucleon ** -2.7, rel=0.15)


def test_species_groups_follow_the_pdg_abundance_table_and_heavier_nuclei_are_less_modulated():
    # PDG Table 30.1 (HEAO-3, 10.6 GeV/n, O = 1): H 540, C–O 2.20, Fe–Ni 0.12; He from AMS-02
    # (He/H = 0.0608 at 10.6 GeV/n, i.e. 32.8 for H = 540, where the PDG table gives 26: see
    # tests/test_gcr_spectra.py).
    energy = 10_600.0
    ratio = {name: float(rad.gcr_flux(energy, species=name) / rad.gcr_flux(energy, species="H"))
             for name in ("He", "C-O", "Fe-Ni")}
    # Force field: Φ = (Z/A) φ is half the proton's for A = 2Z. At 10.6 GeV/n the flux is
    # suppressed by ≈ (γ + 2) Φ/(T + m) with γ ≈ 2.8: 19 % for protons at 450 MV, 9 % for
    # nuclei, so their ratio to H sits ~10 % above the interstellar one (less than 15 %).
    for name, abundance in (("He", 540 * 0.0608), ("C-O", 2.20), ("Fe-Ni", 0.12)):
        assert 1.0 < ratio[name] / (abundance / 540) < 1.15, (name, ratio[name])


def test_proton_integral_flux_above_10_gv_matches_the_pdg_nucleon_power_law():
    """PDG eq. 30.2 integrated: nucleons above total energy E per nucleon, (1.8e4/1.7) E^-1.7
    m⁻² s⁻¹ sr⁻¹; at R = 10 GV (E = 10.04 GeV) and with the free protons' 74 % share of the
    nucleons (our abundance table, A-weighted), 154 m⁻² s⁻¹ sr⁻¹. Ours at 450 MV: 154 (0 %).
    Held within 15 % (the PDG fit's spread): the primaries reaching high cutoffs are right.
    """
    energy = np.geomspace(1.0, 1e6, 4001)
    flux = rad.gcr_flux(energy, species="H")
    rigidity = rad.proton_rigidity_gv(energy)
    above = rigidity >= 10.0
    integral = np.trapezoid(flux[above], energy[above]) * 1e4
    nucleons = sum(s["a"] * s["abundance"] for s in rad.GCR_SPECIES.values())
    pdg = 1.8e4 / 1.7 * np.hypot(10.0, 0.938) ** -1.7 * 540.0 / nucleons
    assert integral == pytest.approx(pdg, rel=0.15)


def test_interaction_lengths_in_aluminium_follow_the_geometric_cross_sections():
    # Letaw et al. (1983): σ(p–Al) ≈ 0.45 b → λ ≈ 99 g/cm²; Sihver et al. (1993): Fe–Al ≈ 2.2 b
    # → λ ≈ 20 g/cm²; λ falls with projectile mass.
    lengths = [rad.nuclear_interaction_length_g_cm2(s["z"], s["a"])
               for s in rad.GCR_SPECIES.values()]
    assert lengths[0] == pytest.approx(26.98 / (6.022e23 * 0.454e-24), rel=0.01)
    assert lengths[-1] == pytest.approx(20.0, rel=0.1)
    assert np.all(np.diff(lengths) < 0)


def test_secondary_multiplicity_grows_with_energy_and_fragments_keep_less_ionisation():
    # The pp charged multiplicity (Thomé et al. 1977) is 2 below ~1 GeV (the two baryons) and
    # grows as ln² s; a fragmenting iron nucleus spreads its charge, Σz² < Z².
    low, high = rad.secondary_ionisation_ratio([500.0, 100_000.0])
    assert low == pytest.approx((1 + 26.98 * 30 / 454) / 2 * 2.0, rel=0.02)
    assert high > 3 * low
    assert float(rad.secondary_ionisation_ratio(10_000.0, 26, 56)) < 1.0


# ---------------------------------------------------------------- free space


def test_free_space_dose_is_below_the_msl_cruise_measurement_by_the_missing_secondaries():
    """MSL RAD cruise to Mars (Dec 2011 – Jul 2012): 481 ± 80 µGy/day in Si (Zeitlin et al. 2013,
    Science 340, 1080), behind the spacecraft's varied shielding (most directions under
    ~10 g/cm²), at moderate solar modulation (rising phase of cycle 24). Our free-space dose
    behind 10 g/cm² Al (37 mm) is 0.37 mGy/day at the typical minimum (450 MV) and 0.59 at the
    2009 deep minimum (270 MV): the 2012 measurement, taken at more modulation than a typical
    minimum, is 1.29× our typical-minimum figure, and 2.1× our figure at the potential that fits
    AMS-02's 2011–2013 protons (700 MV, tests/test_gcr_spectra.py), so the model is ≥ 30 % low
    at the 2012 modulation. The spectra are not the cause (they fit PAMELA and AMS-02, and
    Chang'E-4's lunar dose, see tests/test_gcr_spectra.py); what is left is what RAD's
    shielded cruise environment adds (light secondaries our straight-ahead multiplicity model
    leaves out: target fragments, neutrons, π⁰ showers). Held: 1.0–1.8×, and the deep minimum
    within 30 % of it (+23 %).
    """
    far = {"lat_deg": [0.0], "lon_deg": [0.0], "altitude_km": [1e5]}
    doses = {m: float(rad.gcr_dose(**far, modulation=m, shielding_mm=[37.0])
                      .gcr_dose_rad_si_per_year.squeeze()) * MGY_DAY_PER_RAD_YEAR
             for m in ("solar-min", "solar-min-2009", "solar-max")}
    assert 1.0 < 0.481 / doses["solar-min"] < 1.8, doses
    assert doses["solar-min-2009"] == pytest.approx(0.481, rel=0.3)
    assert doses["solar-min-2009"] > doses["solar-min"] > doses["solar-max"]


def test_free_space_dose_falls_slowly_through_1_to_30_g_cm2_of_aluminium():
    # 30 g/cm² stops protons below ~250 MeV and heavy ions below a few hundred MeV/n, and
    # fragments a third of the iron, but the minimum-ionising bulk goes through and its
    # secondaries build up: the dose falls by less than 30 % (ours: −26 %; transport codes
    # such as HZETRN, with all light secondaries, find it flatter still).
    mm = np.array([3.7, 37.0, 111.0])
    ds = rad.gcr_dose(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[1e5], shielding_mm=mm)
    dose = ds.gcr_dose_rad_si_per_year.values.ravel()
    assert np.all(np.diff(dose) < 0) and dose[-1] > 0.7 * dose[0], dose
    # The iron group alone falls fastest (fragmentation); protons alone build up past 10 g/cm².
    iron = ds["gcr_Fe-Ni_dose_rad_si_per_year"].values.ravel()
    protons = ds["gcr_H_dose_rad_si_per_year"].values.ravel()
    assert iron[-1] / iron[0] < dose[-1] / dose[0] and protons[-1] > protons[1]


def test_heavy_nuclei_carry_at_least_their_high_energy_z_squared_share_of_the_dose():
    # Dose ∝ Z² × flux. Weighting the abundances at 10.6 GeV/n (PDG, He from AMS-02) with Z²
    # gives Z > 2 a 34 % share of the ionisation of minimum-ionising particles; at lower energies per nucleon
    # nuclei are relatively more abundant (higher rigidity, flatter spectrum) and less
    # modulated (Φ = Zφ/A), so behind 1 g/cm² in free space their share is higher, below 60 %.
    weights = {name: s["z"] ** 2 * s["abundance"] for name, s in rad.GCR_SPECIES.items()}
    high_energy_share = 1 - (weights["H"] + weights["He"]) / sum(weights.values())
    assert high_energy_share == pytest.approx(0.336, abs=0.005)
    ds = rad.gcr_dose(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[1e5], shielding_mm=[3.7])
    total = float(ds.gcr_dose_rad_si_per_year.squeeze())
    light = sum(float(ds[f"gcr_{name}_dose_rad_si_per_year"].squeeze()) for name in ("H", "He"))
    assert high_energy_share < 1 - light / total < 0.6


# ---------------------------------------------------------------- low Earth orbit


@pytest.mark.parametrize("cutoff_gv", [11.0, 15.0])
def test_dose_at_high_cutoff_is_the_minimum_ionising_dose_of_the_primaries_above_it(cutoff_gv):
    """Hand estimate, independent of the code's spectra: behind a thin shield at vertical cutoff
    R_v, Ḋ = shadow × 4π Σ_Z Z² I_Z(>R_v) S_min(Si), I_Z from the PDG nucleon power law (eq. 30.2)
    split by the PDG abundance table, S_min(Si) = 1.664 MeV cm²/g (PDG "Atomic and nuclear
    properties", minimum ionisation in Si), shadow 0.673 at 420 km: 0.0099 mGy/day at 11 GV and
    0.0059 at 15 GV. Ours: 1.13× and 1.15× (the east–west effect lets some lower rigidities in
    from the west; the Fermi-plateau rise is held at its 10 GeV PSTAR value). Held within 25 %.
    So at the cutoffs where ISS data sit 4–6× above us, the primaries themselves are right.
    """
    nucleons = sum(s["a"] * s["abundance"] for s in rad.GCR_SPECIES.values())
    rate = 0.0
    for spec in rad.GCR_SPECIES.values():
        total_energy = np.hypot(cutoff_gv * spec["z"] / spec["a"], 0.938)   # GeV per nucleon
        integral = 1.8e4 / 1.7 * total_energy ** -1.7 * spec["abundance"] / nucleons   # m⁻²s⁻¹sr⁻¹
        rate += spec["z"] ** 2 * integral * 1e-4
    shadow = float(rad.earth_shadow_factor(420.0))
    hand = shadow * 4 * np.pi * rate * 1.664 * 1.602e-10 * 86400 * 1e3      # mGy/day
    model = float(rad.gcr_dose_at_cutoff(cutoff_gv, shielding_mm=[0.1])
                  .gcr_dose_rad_si_per_year.squeeze()) * MGY_DAY_PER_RAD_YEAR
    assert model == pytest.approx(hand, rel=0.25)


def test_fixed_cutoff_evaluation_agrees_with_the_orbit_binned_model():
    """The dose at a bin's mid cutoff (gcr_dose_at_cutoff) and the mean of the points along a
    meridian whose dipole cutoff falls in the bin (gcr_dose) differ by < 5 % at 0–1, 1–2 and
    10–12 GV (measured: 1–5 %): binning by our eccentric dipole is not what separates us from
    the ISS table (whose cutoffs come from IGRF trajectory tracing).
    """
    points = points_at(420.0)
    cutoff = rad.dipole_cutoff_rigidity_gv(**points).ravel()
    along = rad.gcr_dose(**points, shielding_mm=[37.0]).gcr_dose_rad_si_per_year.values.ravel()
    fixed = rad.gcr_dose_at_cutoff([0.5, 1.5, 11.0], shielding_mm=[37.0])
    for (low, high), value in zip(((0, 1), (1, 2), (10, 12)),
                                  fixed.gcr_dose_rad_si_per_year.values.ravel()):
        assert along[(cutoff >= low) & (cutoff < high)].mean() == pytest.approx(value, rel=0.05)


def test_cupola_gap_is_at_high_cutoff_where_hzetrn2020_builds_up_secondaries_we_lack():
    """The npj Microgravity (2025) Table 2 gives, beside the Cupola measurement, HZETRN2020 for the
    same bins: GCR transported through the ISS mass model, within 4–28 % of the data in every
    bin (the paper's methods were not reachable offline; that the column holds no trapped
    particles or albedo is our reading of HZETRN's LEO practice: flagged). So the table is GCR
    dose, SAA passes left out: our AP8MIN dose behind 10 g/cm² averages 0.4–2.6 mGy/day in the
    4–10 GV bins along the ISS orbit, 3–30× the measured values, and the table has no such bump.
    At the bins' mid cutoffs behind 10 g/cm², HZETRN2020/ours is 0.98 and 1.28 at 0–1 and 1–2 GV but 3.8 at
    10–12 GV and 4.4 above 14 GV: HZETRN's nucleon, pion and electromagnetic cascade in the
    ISS's thick walls multiplies the ionisation of >10 GV primaries, which our first-generation
    multiplicity in a 10 g/cm² sphere (+8 %) does not. Held: 0.85–1.6 below 2 GV, 2.5–6 above
    10 GV, rising with cutoff.
    """
    mids = np.array([0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 11.0, 13.0, 15.0])
    model = rad.gcr_dose_at_cutoff(mids, shielding_mm=[37.0]).gcr_dose_rad_si_per_year
    ratio = CUPOLA_HZETRN_MGY_DAY / (model.values.ravel() * MGY_DAY_PER_RAD_YEAR)
    assert np.all((ratio[:2] > 0.85) & (ratio[:2] < 1.6)), ratio
    assert np.all((ratio[10:] > 2.5) & (ratio[10:] < 6.0)), ratio
    assert np.all(np.diff(ratio) > 0), ratio


def test_iss_dose_at_low_cutoff_is_within_40_percent_of_the_cupola_measurement():
    """ISS Cupola (REM), Artemis-I period (Nov–Dec 2022), Table 2 of the npj Microgravity (2025)
    validation paper: 0.248 and 0.219 mGy/day in Si at vertical cutoffs 0–1 and 1–2 GV. At
    420 km behind 10 g/cm² Al our typical-minimum model gives 0.24 and 0.17: measured/model
    1.03 and 1.31. 2022 was more modulated than a typical minimum, so the model is 5–40 % low
    there (the same missing secondaries as in free space). Held: 1.0–1.6.
    """
    points = points_at(420.0)
    cutoff = rad.dipole_cutoff_rigidity_gv(**points).ravel()
    dose = rad.gcr_dose(**points, shielding_mm=[37.0]).gcr_dose_rad_si_per_year.values.ravel()
    dose = dose * MGY_DAY_PER_RAD_YEAR
    for low, high, measured in ((0, 1, 0.248), (1, 2, 0.219)):
        model = dose[(cutoff >= low) & (cutoff < high)].mean()
        assert 1.0 < measured / model < 1.6, (low, model)


def test_iss_dose_falls_with_cutoff_faster_than_measured_without_thick_shield_cascades():
    """Same table: the measured dose falls 4.2× from 0–1 GV to 10–12 GV; ours falls 21×, as
    the primaries above the cutoff do (their integral flux ∝ R^-1.7, checked against the PDG
    power law above). The rest of the measured dose at high cutoff is the cascade that >10 GV
    primaries start in the ISS's thick walls (HZETRN2020 reproduces it, see the test above);
    not the SAA (see there) and, as far as we can tell, not the albedo. At 10–12 GV ours is ~5×
    low (a 100 g/cm² sphere adds only 50 %: first-generation charged products only). Held: our
    fall is 2–8× steeper than measured, and falls bin after bin.
    """
    points = points_at(420.0)
    cutoff = rad.dipole_cutoff_rigidity_gv(**points).ravel()
    dose = rad.gcr_dose(**points, shielding_mm=[37.0]).gcr_dose_rad_si_per_year.values.ravel()
    by_bin = np.array([dose[(cutoff >= lo) & (cutoff < hi)].mean()
                       for lo, hi in ((0, 1), (10, 12))])
    model_fall, measured_fall = by_bin[0] / by_bin[1], 0.248 / 0.059
    assert 2.0 < model_fall / measured_fall < 8.0, model_fall
    means = [dose[(cutoff >= lo) & (cutoff < hi)].mean()
             for lo, hi in zip(CUTOFF_EDGES_GV[:11], CUTOFF_EDGES_GV[1:12])]
    assert np.all(np.diff(means) < 0), means


def test_iss_orbit_average_is_within_a_factor_3_of_the_cutoff_weighted_measurement():
    """ISS (420 km, 51.6°): weighting the Cupola dose-by-cutoff table with the time our orbit
    spends in each bin gives 0.116 mGy/day; the model (typical minimum, 10 g/cm²) gives 0.054,
    2.2× low — up from 0.031 (3.7×) before the heavy nuclei and secondaries were added. The
    gap is the thick-shield cascade of the >10 GV primaries (previous tests). Held: 1.5–3.0× low.
    """
    lat, lon, alt = circular_track(420.0, 51.6)
    cutoff = rad.dipole_cutoff_rigidity_gv(lat, lon, alt)
    bins = np.clip(np.searchsorted(CUTOFF_EDGES_GV, cutoff, side="right") - 1, 0, 12)
    measured = CUPOLA_MGY_DAY[bins].mean()
    model = float(rad.gcr_dose(lat_deg=lat, lon_deg=lon, altitude_km=alt, shielding_mm=[37.0])
                  .gcr_dose_rad_si_per_year.squeeze()) * MGY_DAY_PER_RAD_YEAR
    assert measured == pytest.approx(0.116, abs=0.01)
    assert 1.5 < measured / model < 3.0, (measured, model)


def test_polar_orbit_at_550_km_gets_several_times_the_gcr_dose_of_a_30_degree_orbit():
    """R_c ∝ cos⁴λ_m: a 95° orbit spends time at cutoffs near zero, a 30° one never below ~4 GV.
    The Cupola table weighted with each orbit's cutoffs gives 95°/30° = 2.1; our primaries-
    dominated model gives 7.3 (the same missing cascade build-up at high cutoff). Held: 3–10, and both
    orbits between the solar-max and solar-min figures in the right order.
    """
    doses = {}
    for inclination in (30.0, 95.0):
        lat, lon, alt = circular_track(550.0, inclination)
        doses[inclination] = {m: float(rad.gcr_dose(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                                    modulation=m, shielding_mm=[10.0])
                                       .gcr_dose_rad_si_per_year.squeeze())
                              for m in ("solar-min", "solar-max")}
    ratio = doses[95.0]["solar-min"] / doses[30.0]["solar-min"]
    assert 3.0 < ratio < 10.0, ratio
    for inclination in (30.0, 95.0):
        assert doses[inclination]["solar-min"] > doses[inclination]["solar-max"]


# ---------------------------------------------------------------- contract and bad input


def test_gcr_dose_dataset_is_labelled_and_sums_its_species():
    ds = rad.gcr_dose(lat_deg=[0.0, 60.0], lon_deg=[0.0, 10.0], altitude_km=[550.0, 550.0],
                      shielding_mm=[2.0, 10.0])
    parts = sum(ds[f"gcr_{name}_dose_rad_si_per_year"] for name in rad.GCR_SPECIES)
    np.testing.assert_allclose(ds.gcr_dose_rad_si_per_year, parts)
    for variable in ds.data_vars.values():
        assert variable.attrs["units"] and variable.attrs["long_name"]
    assert ds.shielding_mm.attrs["units"] == "mm"


def test_gcr_dose_refuses_unknown_modulation_negative_depths_and_low_orbits():
    where = {"lat_deg": [0.0], "lon_deg": [0.0], "altitude_km": [500.0]}
    with pytest.raises(ValueError, match="modulation: 'solar-minimum'.*did you mean 'solar-min'"):
        rad.gcr_dose(**where, modulation="solar-minimum")
    with pytest.raises(ValueError, match=r"shielding_mm: -1 mm .*\[0, 1000\]"):
        rad.gcr_dose(**where, shielding_mm=[-1.0, 2.0])
    with pytest.raises(ValueError, match=r"altitude_km: 120 km .*\[150, 100000\] km"):
        rad.gcr_dose(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[120.0])
    with pytest.raises(ValueError, match="species: 'Fe'.*GCR_SPECIES"):
        rad.gcr_flux(100.0, species="Fe")


def test_gcr_dose_at_cutoff_refuses_negative_or_2d_cutoffs_and_low_altitudes():
    with pytest.raises(ValueError, match=r"vertical_cutoff_gv: -1 GV .*\[0, 100\] GV"):
        rad.gcr_dose_at_cutoff([-1.0, 2.0])
    with pytest.raises(ValueError, match="vertical_cutoff_gv: give a scalar or a 1-D array"):
        rad.gcr_dose_at_cutoff([[1.0, 2.0]])
    with pytest.raises(ValueError, match=r"altitude_km: 100 km .*\[150, 100000\] km"):
        rad.gcr_dose_at_cutoff(1.0, altitude_km=100.0)
    ds = rad.gcr_dose_at_cutoff(1.0, shielding_mm=[10.0])
    assert ds.vertical_cutoff_gv.attrs["units"] == "GV"
    assert ds.gcr_dose_rad_si_per_year.attrs["units"] == "rad(Si) yr-1"
