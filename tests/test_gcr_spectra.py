"""GCR spectra against measured ones, and the free-space dose against two measurements.

Which input makes the free-space dose fall short of MSL RAD? Each candidate, one test each
(sources in docs/sources/gcrspec.md):

- the proton spectrum: with the force field on the Burger et al. (2000) LIS, one potential φ
  fits the PAMELA 2006–2008 spectrum within 7 % and the AMS-02 2011–2013 one within 11 % from
  0.44 to 20 GeV (the measured tables as the Cosmic-Ray DataBase, CRDB, converts them to
  kinetic energy);
- the LIS: the Voyager-1-constrained LIS of Vos & Potgieter (2015), with φ refitted to the same
  PAMELA data, changes the modulated proton spectrum by at most 8 % from 50 MeV to 100 GeV
  (Burger's the higher below 0.5 GeV), so switching LIS would lower the dose, not raise it;
- the dose: at the φ that fits AMS-02 (a period that holds the MSL cruise) the free-space dose
  behind 10 g/cm² is 0.23 mGy/day, 2.1× below RAD's 0.481; but the charged-particle dose that
  Chang'E-4 measured on the lunar surface in 2019 is reproduced at φ ≈ 440 MV, between the
  PAMELA 2006–2008 fit and the 2009 record minimum;
- the heavy species: with the PDG He/H (26/540) our helium sat 18 % below AMS-02's at every
  rigidity; AMS-02's own He/H at 10.6 GeV/n (32.8/540) now fits it within 4 % (+4.6 % on the
  free-space dose); carbon, nitrogen and oxygen match our C–O group within 7 %; the iron
  group is 1.4–1.7× too high at 5–10 GV (one rigidity shape for all species), a ≤ 2.4 %
  effect on dose, left in place.

The spectra and the primaries' dose are therefore consistent with data; what RAD sees above
them lies in its shielded, secondary-rich cruise environment (or in how its dose was reduced),
not in the GCR inputs.
"""

import numpy as np
import pytest

from orbital import radiation as rad

MGY_DAY_PER_RAD_YEAR = 10.0 / 365.25
PROTON_REST_GEV = 0.938272

# PAMELA, Jul 2006 – Dec 2008 average proton spectrum (Adriani et al. 2011, Science 332, 69),
# as tabulated in kinetic energy by CRDB: T [GeV], J [m⁻² s⁻¹ sr⁻¹ GeV⁻¹] (a selection of bins).
PAMELA_2006_2008 = np.array([
    [0.4438, 1584.5], [0.5188, 1527.9], [0.6006, 1443.0], [0.6973, 1347.6], [0.8011, 1231.3],
    [0.9206, 1112.2], [1.0559, 996.0], [1.2118, 870.6], [1.3796, 757.7], [1.5683, 652.7],
    [1.7782, 555.4], [2.0093, 472.0], [2.2616, 396.5], [2.5494, 331.5], [2.8634, 276.1],
    [3.2083, 227.0], [3.5889, 187.3], [4.3495, 130.2], [5.3844, 84.84], [6.6365, 54.48],
    [8.1452, 34.40], [9.970, 21.61], [12.161, 13.35], [19.785, 3.904]])
# AMS-02, May 2011 – Nov 2013 (Aguilar et al. 2015, PRL 114, 171103), same conversion.
AMS02_2011_2013 = np.array([
    [0.4897, 831.5], [0.6179, 830.4], [0.7609, 771.4], [0.9220, 701.7], [1.1017, 624.3],
    [1.2991, 550.0], [1.5189, 478.2], [1.7608, 413.6], [2.0293, 354.1], [2.3248, 300.9],
    [2.6466, 254.2], [2.9998, 212.9], [3.3842, 177.3], [3.8044, 146.7], [4.2655, 120.4],
    [4.7675, 98.25], [5.3104, 79.94], [5.8987, 64.81], [7.2273, 42.28], [9.6433, 21.99],
    [12.633, 11.51], [19.367, 3.898]])
POTENTIALS_MV = np.arange(200.0, 1200.0, 5.0)
# AMS-02, May 2011 – May 2016 (Aguilar et al. 2017, PRL 119, 251101), as the ASDC Cosmic Ray
# Database tabulates it: rigidity bin [GV] and flux per unit rigidity [m⁻² s⁻¹ sr⁻¹ GV⁻¹]
# (a selection of bins), for helium and for carbon and oxygen.
AMS02_HELIUM_2011_2016 = np.array([
    [1.92, 2.15, 59.68], [2.97, 3.29, 40.66], [4.88, 5.37, 18.7], [9.26, 10.1, 4.716],
    [21.1, 22.8, 0.6047], [22.8, 24.7, 0.4925], [41.9, 45.1, 0.09732], [93.0, 100.0, 0.01125],
    [147.0, 160.0, 0.003146]])
AMS02_CARBON_OXYGEN_2011_2016 = np.array([   # R_min, R_max, carbon, oxygen
    [4.88, 5.37, 0.536, 0.5076], [9.26, 10.1, 0.1431, 0.138]])


def model_proton_flux(kinetic_gev, phi_mv):
    """Our modulated proton flux [m⁻² s⁻¹ sr⁻¹ GeV⁻¹] at kinetic energies [GeV]."""
    return rad.gcr_flux(kinetic_gev * 1000.0, modulation=phi_mv, species="H") * 1e7


def vos_potgieter_lis(kinetic_gev):
    """Vos & Potgieter (2015) proton LIS [m⁻² s⁻¹ sr⁻¹ GeV⁻¹]: 2700 T^1.12 β⁻² ((T+0.67)/1.67)^-3.93."""
    beta_squared = 1 - (PROTON_REST_GEV / (kinetic_gev + PROTON_REST_GEV)) ** 2
    return 2700.0 * kinetic_gev**1.12 / beta_squared * ((kinetic_gev + 0.67) / 1.67) ** -3.93


def force_field(lis, kinetic_gev, phi_gv):
    """Gleeson & Axford (1968) force field for protons, written out independently of the code."""
    t, m = kinetic_gev, PROTON_REST_GEV
    return lis(t + phi_gv) * t * (t + 2 * m) / ((t + phi_gv) * (t + phi_gv + 2 * m))


def best_fit(flux_of_phi, table):
    """φ [MV] minimising the rms log-ratio to a measured table, and the ratios model/data there."""
    rms = [np.sqrt(np.mean(np.log(flux_of_phi(table[:, 0], phi) / table[:, 1]) ** 2))
           for phi in POTENTIALS_MV]
    phi = float(POTENTIALS_MV[int(np.argmin(rms))])
    return phi, flux_of_phi(table[:, 0], phi) / table[:, 1], min(rms)


def model_flux_per_gv(species, rigidity_gv, phi_mv):
    """Our modulated flux of a species per unit rigidity [m⁻² s⁻¹ sr⁻¹ GV⁻¹]."""
    spec = rad.GCR_SPECIES[species]
    rest_gev = PROTON_REST_GEV if spec["z"] == 1 else 0.931494
    momentum = rigidity_gv * spec["z"] / spec["a"]                   # GeV/c per nucleon
    total = np.hypot(momentum, rest_gev)
    per_gev = rad.gcr_flux((total - rest_gev) * 1000.0, modulation=phi_mv, species=species) * 1e7
    return per_gev * spec["z"] / spec["a"] * momentum / total        # dT/dR per nucleon


def free_space_mgy_day(phi_mv, shielding_mm):
    far = {"lat_deg": [0.0], "lon_deg": [0.0], "altitude_km": [1e5]}
    ds = rad.gcr_dose(**far, modulation=phi_mv, shielding_mm=shielding_mm)
    return ds.gcr_dose_rad_si_per_year.values.ravel() * MGY_DAY_PER_RAD_YEAR


# ---------------------------------------------------------------- protons


def test_proton_spectrum_fits_pamela_2006_2008_within_8_percent_at_one_potential():
    """PAMELA's 2006–2008 average from 0.44 to 20 GeV: best φ = 505 MV with our (Burger) LIS,
    every bin within −7 %…+3 % (the shape is right; force-field residuals grow above 3 GeV).
    Held: within 8 %, and φ at 450–560 MV (a solar-minimum potential for this LIS)."""
    phi, ratio, _ = best_fit(model_proton_flux, PAMELA_2006_2008)
    assert 450.0 <= phi <= 560.0, phi
    assert np.all(np.abs(ratio - 1) < 0.08), ratio


def test_proton_spectrum_fits_ams02_2011_2013_within_12_percent_at_one_potential():
    """AMS-02's May 2011 – Nov 2013 average (which holds the MSL cruise, Dec 2011 – Jul 2012):
    best φ = 700 MV, bins within −11 %…+10 % (the force field is too flat-topped for a period
    of changing modulation: high at 0.5 GeV, low at 4–7 GeV). Held: within 12 %, φ 640–760."""
    phi, ratio, _ = best_fit(model_proton_flux, AMS02_2011_2013)
    assert 640.0 <= phi <= 760.0, phi
    assert np.all(np.abs(ratio - 1) < 0.12), ratio


def test_a_voyager_constrained_lis_changes_the_modulated_spectrum_by_less_than_10_percent():
    """Vos & Potgieter (2015) fit Voyager 1 beyond the heliopause and PAMELA: below 1 GeV their
    LIS is up to 1.85× below Burger's (50 MeV). Refitted to the same PAMELA table it needs
    φ = 480 MV (ours 505) and fits as well (rms 3.6 % vs 4.0 %); the two modulated spectra then
    differ by at most 8 % from 50 MeV to 100 GeV (ours higher below 0.5 GeV and above 20 GeV).
    Switching LIS (with its own φ) would lower the free-space dose slightly, not raise it: the
    LIS is not the MSL shortfall. Held: within 10 %."""
    energy = np.array([0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 30.0, 100.0])
    assert float(vos_potgieter_lis(0.05) * 1.85 / model_proton_flux(0.05, 0.0)) == \
        pytest.approx(1.0, abs=0.05)
    ours, _, ours_rms = best_fit(model_proton_flux, PAMELA_2006_2008)
    theirs, _, theirs_rms = best_fit(
        lambda t, phi: force_field(vos_potgieter_lis, t, phi / 1000.0), PAMELA_2006_2008)
    assert abs(ours_rms - theirs_rms) < 0.01 and 400.0 < theirs < ours
    ratio = model_proton_flux(energy, ours) / force_field(vos_potgieter_lis, energy, theirs / 1e3)
    assert np.all(np.abs(ratio - 1) < 0.10), ratio


def test_helium_flux_matches_ams02_within_6_percent_from_2_to_160_gv():
    """AMS-02 helium, 2011–2016: with the He/H of GCR_SPECIES (32.8/540, from AMS-02 itself, see
    the next test) and the proton's rigidity shape, one φ (best 805 MV: the period reaches the
    2014 maximum) fits every bin from 2 to 160 GV within −3 %…+4 %. With the PDG table's 26
    every bin sat 16–18 % low at any φ (measured at 750 MV: 0.82 above 40 GV, where modulation
    is < 2 %), a shortfall in a species that carries ~18 % of the free-space dose. Held: 6 %."""
    table = AMS02_HELIUM_2011_2016
    rigidity = np.sqrt(table[:, 0] * table[:, 1])
    rms = [np.sqrt(np.mean(np.log(model_flux_per_gv("He", rigidity, phi) / table[:, 2]) ** 2))
           for phi in POTENTIALS_MV]
    phi = float(POTENTIALS_MV[int(np.argmin(rms))])
    ratio = model_flux_per_gv("He", rigidity, phi) / table[:, 2]
    assert 700.0 <= phi <= 850.0, phi
    assert np.all(np.abs(ratio - 1) < 0.06), ratio


def test_helium_to_proton_ratio_at_10_6_gev_per_nucleon_is_the_ams02_one_not_the_pdg_one():
    """He/H at 10.6 GeV/n from AMS-02: He at R = 23.0 GV (log-interpolated between the 21.1–22.8
    and 22.8–24.7 GV bins: 0.534 GV⁻¹) times dR/dT = 2 E/pc = 2.007 per GeV/n, over the proton
    flux at T = 10.59 GeV (17.64 m⁻² s⁻¹ sr⁻¹ GeV⁻¹, the 2011–2013 table): 0.0608, 32.8 for
    H = 540, where the PDG table (HEAO-3, 1979–80) gives 26 (21 % lower). GCR_SPECIES holds
    the AMS-02 value. Held: within 3 % of it (the He and p periods differ by 2.5 years)."""
    low, high = AMS02_HELIUM_2011_2016[4], AMS02_HELIUM_2011_2016[5]
    r_low, r_high = np.sqrt(low[0] * low[1]), np.sqrt(high[0] * high[1])
    slope = np.log(high[2] / low[2]) / np.log(r_high / r_low)
    helium_per_gv = low[2] * (23.0 / r_low) ** slope
    per_nucleon = np.hypot(11.497, 0.931494)
    helium_per_gev_n = helium_per_gv * 2 * per_nucleon / 11.497
    ams_ratio = helium_per_gev_n / 17.6385
    ours = rad.GCR_SPECIES["He"]["abundance"] / rad.GCR_SPECIES["H"]["abundance"]
    assert ours == pytest.approx(ams_ratio, rel=0.03)
    assert 26.0 / 540.0 < 0.85 * ams_ratio


def test_carbon_to_oxygen_group_matches_ams02_carbon_nitrogen_and_oxygen_within_10_percent():
    """AMS-02 carbon and oxygen, 2011–2016, at 5.1 and 9.7 GV: C + O = 1.044 and 0.281 GV⁻¹;
    nitrogen from the AMS-02 N/O ratio (Aguilar et al. 2021, Phys. Rep. 894, 1: 0.294 and
    0.271 there) makes C + N + O 1.193 and 0.319. Our C–O group (PDG 2.20 at 10.6 GeV/n, the
    He-fitted φ = 805 MV) is 1.06× and 1.01× that. Held: within 10 %."""
    table = AMS02_CARBON_OXYGEN_2011_2016
    rigidity = np.sqrt(table[:, 0] * table[:, 1])
    nitrogen_to_oxygen = np.array([0.2943, 0.2707])
    measured = table[:, 2] + table[:, 3] * (1 + nitrogen_to_oxygen)
    ratio = model_flux_per_gv("C-O", rigidity, 805.0) / measured
    assert np.all(np.abs(ratio - 1) < 0.10), ratio


def test_iron_group_is_overestimated_below_10_gv_by_the_single_rigidity_shape():
    """AMS-02 Fe/O (Aguilar et al. 2021, PRL 126, 041104) rises from 0.081 at 5.1 GV to 0.098 at
    9.7 GV and 0.15 at 100 GV: iron, fragmenting on its way through the Galaxy, has a flatter
    spectrum below ~20 GV than the lighter primaries. With the AMS-02 N/O and C/O above (and Ni
    ≈ 5 % of Fe) the measured Fe–Ni/(C–O) is 0.036 and 0.045; ours, one rigidity shape for all,
    is 0.061 and 0.062 (1.7× and 1.4×; at 24 GV, where the PDG abundances hold, within ~10 %).
    A known shortfall, left in place: scaling the whole Fe–Ni group by 0.65 would lower the
    free-space dose behind 10 g/cm² by only 2.4 %, and in the direction away from MSL RAD.
    Held (documents it): ours 1.2–2.0× the measured ratio at both rigidities."""
    rigidity = np.array([5.119, 9.671])
    iron_to_oxygen = np.array([0.0809, 0.0980])
    nitrogen_to_oxygen = np.array([0.2943, 0.2707])
    carbon_to_oxygen = AMS02_CARBON_OXYGEN_2011_2016[:, 2] / AMS02_CARBON_OXYGEN_2011_2016[:, 3]
    measured = iron_to_oxygen * 1.05 / (1 + nitrogen_to_oxygen + carbon_to_oxygen)
    ours = (model_flux_per_gv("Fe-Ni", rigidity, 805.0)
            / model_flux_per_gv("C-O", rigidity, 805.0))
    assert np.all((ours / measured > 1.2) & (ours / measured < 2.0)), ours / measured


# ---------------------------------------------------------------- dose


def test_free_space_dose_at_the_ams02_potential_is_half_the_msl_rad_cruise_measurement():
    """With the proton spectrum fitted to AMS-02 over 2011–2013 (φ = 700 MV), the free-space
    dose behind 10 g/cm² Al (37 mm) is 0.23 mGy/day (Si); MSL RAD measured 0.481 ± 0.080 in
    cruise (Zeitlin et al. 2013): 2.1× ours. Unshielded it is 0.27, so no primary spectrum
    consistent with AMS-02 reaches RAD's value. Held (documents the gap): 1.8–2.7×."""
    phi, _, _ = best_fit(model_proton_flux, AMS02_2011_2013)
    shielded = free_space_mgy_day(phi, [37.0])[0]
    assert 1.8 < 0.481 / shielded < 2.7, shielded


def test_lunar_surface_charged_dose_of_change4_is_reached_at_a_solar_minimum_potential():
    """Chang'E-4 LND on the lunar far side, 2019 (Zhang et al. 2020, Sci. Adv. 6, eaaz1334):
    13.2 ± 1 µGy/h total and 3.1 ± 0.5 µGy/h neutral in Si, so 10.1 µGy/h = 0.242 mGy/day
    charged. The Moon hides half the sky, so it is half our free-space dose behind a thin
    (1 mm Al) cover: 0.20 mGy/day at the PAMELA 2006–2008 potential (505 MV) and 0.41 at the
    2009 record (270 MV); the measurement sits between them (φ ≈ 440 MV), as the 2019
    minimum, almost as deep as 2009, should. Held: model at 505 MV ≤ measured ≤ at 270 MV,
    measured within 25 % of the model at 440 MV (albedo protons from the regolith, which the
    half-sky figure leaves out, add a few per cent)."""
    measured = (13.2 - 3.1) * 24 / 1000
    half_sky = {phi: free_space_mgy_day(phi, [1.0])[0] / 2 for phi in (270.0, 440.0, 505.0)}
    assert half_sky[505.0] <= measured <= half_sky[270.0], half_sky
    assert measured == pytest.approx(half_sky[440.0], rel=0.25)


# ---------------------------------------------------------------- numeric potential


def test_a_numeric_potential_equals_the_named_state_and_is_range_checked():
    named = rad.gcr_flux(500.0, modulation="solar-min", species="C-O")
    number = rad.gcr_flux(500.0, modulation=rad.GCR_MODULATION["solar-min"]["phi_mv"],
                          species="C-O")
    assert float(number) == float(named)
    ds = rad.gcr_dose_at_cutoff(1.0, modulation=700.0, shielding_mm=[10.0])
    assert ds.attrs["gcr_modulation_potential_mv"] == 700.0
    with pytest.raises(ValueError, match=r"modulation: 2500 MV .*\[0, 2000\] MV"):
        rad.gcr_flux(100.0, modulation=2500.0)
    with pytest.raises(ValueError, match="modulation: .* one potential in MV"):
        rad.gcr_dose(lat_deg=[0.0], lon_deg=[0.0], altitude_km=[500.0], modulation=[300, 400])
