"""Radiation and faults: trapped belts, cosmic rays, dose behind shielding, single events, inference.

Public names are importable from ``orbital.radiation``; the code lives in

- :mod:`orbital.radiation.belts` — AE8/AP8 trapped flux along orbits from a cached (L, B/B0) grid,
  orbit-averaged spectra, SAA maps;
- :mod:`orbital.radiation.cosmic` — geomagnetic cutoff rigidity, GCR transmission, solar-particle
  events;
- :mod:`orbital.radiation.dose` — stopping powers and ranges (PSTAR, ICRU 37), dose–depth curves
  behind spherical aluminium shields, lifetime and shield sizing;
- :mod:`orbital.radiation.see` — single-event upset rates (Weibull/Bendel protons, Petersen FOM);
- :mod:`orbital.radiation.faults` — fault rates per chip-year and mitigations for inference.
"""

from orbital.radiation.belts import (
    GEOMAGNETIC_GRIDS,
    TRAPPED_MODELS,
    GeomagneticGrid,
    cache_dir,
    default_energy_grid_mev,
    flux_map,
    geomagnetic_coordinates,
    geomagnetic_grid,
    trapped_flux,
    trapped_spectra,
)
from orbital.radiation.cosmic import (
    GCR_SPECTRA,
    GEOMAGNETIC_DIPOLES,
    SOLAR_PARTICLE_EVENTS,
    dipole_cutoff_rigidity_gv,
    dipole_offset_km,
    earth_shadow_factor,
    gcr_transmission,
    geomagnetic_shielding,
    proton_rigidity_gv,
    solar_particle_event_dose,
    solar_particle_event_fluence,
)
from orbital.radiation.dose import (
    DEFAULT_SHIELDING_MM,
    MATERIALS,
    dose_depth,
    electron_csda_range,
    electron_practical_range,
    electron_radiation_yield,
    electron_stopping_power,
    lifetime_years,
    proton_csda_range,
    proton_stopping_power,
    shielded_spectrum,
    shielding_for_lifetime,
)
from orbital.radiation.faults import (
    DEVICE_SUSCEPTIBILITY,
    EFFECTS,
    MITIGATION_PARAMETERS,
    fault_rates,
    mitigations,
    request_corruption_probability,
    young_daly_interval_s,
)
from orbital.radiation.see import (
    PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY,
    bendel_cross_section_cm2,
    petersen_upset_rate,
    proton_upset_rate,
    upset_rates,
    weibull_cross_section_cm2,
)

__all__ = [
    "TRAPPED_MODELS",
    "GEOMAGNETIC_GRIDS",
    "GeomagneticGrid",
    "cache_dir",
    "geomagnetic_grid",
    "geomagnetic_coordinates",
    "trapped_flux",
    "trapped_spectra",
    "flux_map",
    "default_energy_grid_mev",
    "MATERIALS",
    "DEFAULT_SHIELDING_MM",
    "proton_stopping_power",
    "proton_csda_range",
    "electron_stopping_power",
    "electron_csda_range",
    "electron_radiation_yield",
    "electron_practical_range",
    "shielded_spectrum",
    "dose_depth",
    "lifetime_years",
    "shielding_for_lifetime",
    "GEOMAGNETIC_DIPOLES",
    "GCR_SPECTRA",
    "SOLAR_PARTICLE_EVENTS",
    "dipole_cutoff_rigidity_gv",
    "dipole_offset_km",
    "proton_rigidity_gv",
    "earth_shadow_factor",
    "gcr_transmission",
    "geomagnetic_shielding",
    "solar_particle_event_fluence",
    "solar_particle_event_dose",
    "DEVICE_SUSCEPTIBILITY",
    "MITIGATION_PARAMETERS",
    "EFFECTS",
    "fault_rates",
    "request_corruption_probability",
    "young_daly_interval_s",
    "mitigations",
    "PETERSEN_COEFFICIENT_UPSETS_PER_BIT_DAY",
    "weibull_cross_section_cm2",
    "bendel_cross_section_cm2",
    "proton_upset_rate",
    "petersen_upset_rate",
    "upset_rates",
]
