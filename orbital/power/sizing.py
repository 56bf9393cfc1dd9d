"""Array and battery sizing for the worst eclipse of a year."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital import sun
from orbital._checks import check_range
from orbital.constants import SOLAR_CONSTANT_W_M2
from orbital.orbits import orbital_period_min
from orbital.power.components import Battery, SolarArray


def _sunlit_incidence_mean(array: SolarArray, beta_deg: np.ndarray, eclipse: np.ndarray,
                           samples: int = 360) -> np.ndarray:
    """Mean cos incidence over the sunlit arc of a circular orbit at each beta."""
    beta = np.radians(beta_deg)[..., None]
    # orbit phase u from the subsolar point; the eclipse is centred on u = π
    u = (np.arange(samples) + 0.5) * 2 * np.pi / samples
    sun_lvlh = np.stack(np.broadcast_arrays(np.cos(beta) * np.cos(u), -np.cos(beta) * np.sin(u),
                                            np.sin(beta)), axis=-1)
    if array.pointing == "sun-tracking":
        cosine = np.ones(sun_lvlh.shape[:-1])
    else:
        projection = sun_lvlh @ np.asarray(array.pointing_vector_lvlh)
        cosine = (np.sqrt(np.clip(1 - projection**2, 0, 1)) if array.pointing == "single-axis"
                  else np.clip(projection, 0, 1))
    sunlit = np.abs(u - np.pi) >= np.pi * eclipse[..., None]
    return (cosine * sunlit).sum(-1) / np.maximum(sunlit.sum(-1), 1)


def size_power_system(orbit, compute_load_w: float, housekeeping_w: float = 0.0, *,
                      array: SolarArray | None = None, battery: Battery | None = None,
                      mission_years: float = 5.0, array_margin: float = 0.10,
                      battery_margin: float = 0.10, power_conditioning_efficiency: float = 0.95,
                      solar_constant_w_m2: float = SOLAR_CONSTANT_W_M2,
                      fluence_e_cm2: float | None = None,
                      array_temperature_k: float | None = None) -> xr.Dataset:
    """Array area and battery capacity that carry the full load through a year's worst eclipse.

    Parameters
    ----------
    orbit : orbit object from :mod:`orbital.orbits`
        With ``altitude_km``, ``inclination_deg``, ``raan_deg``, ``epoch`` (all planes counted).
    compute_load_w : float
        Compute load to carry continuously [W], ≥ 0.
    housekeeping_w : float, default 0
        Bus housekeeping load [W], ≥ 0.
    array : SolarArray, optional
        Template for cells, pointing and temperature (its area is ignored); default triple-junction
        sun-tracking.
    battery : Battery, optional
        Template for DoD and efficiencies (its capacity is ignored); default Li-ion.
    mission_years : float, default 5
        End of life for the array degradation [years], in [0, 30].
    array_margin, battery_margin : float, default 0.10
        Design margins on array area and battery capacity, in [0, 2].
    power_conditioning_efficiency : float, default 0.95
        Array-to-bus efficiency, in (0, 1].
    fluence_e_cm2 : float, optional
        1-MeV-equivalent electron fluence at end of life [e/cm²] for the array's
        ``fluence_degradation`` (e.g. :func:`orbital.radiation.array_remaining_factor`); its
        ``degradation_per_year`` still applies, so set it to 0 if it stood for radiation.
    array_temperature_k : float, optional
        Array operating temperature [K] (e.g. the sunlit mean of
        :func:`orbital.radiation.array_temperature_k`); default the array's own.

    Returns
    -------
    xarray.Dataset
        Scalars: ``array_area_m2``, ``battery_capacity_wh``, ``array_mass_kg``,
        ``battery_mass_kg``, ``worst_beta_deg``, ``worst_eclipse_min``, ``orbit_period_min``,
        ``array_power_eol_w``.

    Notes
    -----
    For each day of a year the beta angle of every plane (J2 RAAN precession) gives the eclipse
    time Tₑ (cylindrical shadow) and the sunlit time T_d of an orbit of period T. The battery
    delivers Eₑ = P·Tₑ/η_d of stored energy and is recharged in sunlight through η_c, so the array
    must produce (SMAD eq. 11-5 with explicit efficiencies)

        P_sa = (P·T_d + P·Tₑ/(η_c η_d)) / (T_d · η_pc)

    at the aphelion flux S_min = S₀/1.0167², the end-of-life efficiency and the mean sunlit
    incidence of the pointing mode. The area is the worst day's; the capacity is Eₑ/DoD at the
    worst eclipse. Margins multiply both.

    Examples
    --------
    >>> from orbital.orbits import sun_synchronous
    >>> sizing = size_power_system(sun_synchronous(650.0, ltan_hours=18.0), 10_000.0, 500.0)
    >>> round(float(sizing.worst_eclipse_min), 1), round(float(sizing.array_area_m2), 1)
    (19.7, 47.5)
    """
    template = array if array is not None else SolarArray.from_technology("triple-junction", 1.0)
    cells = battery if battery is not None else Battery.from_chemistry("li-ion", 1.0)
    load = float(check_range("compute_load_w", compute_load_w, 0.0, None, unit="W")) + float(
        check_range("housekeeping_w", housekeeping_w, 0.0, None, unit="W"))
    years = float(check_range("mission_years", mission_years, 0.0, 30.0, unit="years"))
    margin_a = float(check_range("array_margin", array_margin, 0.0, 2.0))
    margin_b = float(check_range("battery_margin", battery_margin, 0.0, 2.0))
    eta_pc = float(check_range("power_conditioning_efficiency", power_conditioning_efficiency,
                               0.0, 1.0, low_inclusive=False))
    reference = getattr(orbit, "reference", orbit)  # a formation cluster flies its reference orbit
    for attribute in ("altitude_km", "inclination_deg", "raan_deg", "epoch"):
        if not hasattr(reference, attribute):
            raise ValueError(f"orbit: {type(orbit).__name__} has no {attribute!r}; pass a Walker "
                             "shell, a sun-synchronous orbit or a formation cluster")
    altitude = float(np.max(reference.altitude_km))
    signed_beta = sun.beta_angle_over_year(reference).values           # (day, satellite)
    beta = np.abs(signed_beta)
    eclipse = sun.eclipse_fraction(altitude, beta)
    period_h = orbital_period_min(altitude) / 60.0
    eclipse_h, sunlit_h = eclipse * period_h, (1.0 - eclipse) * period_h
    eta_c, eta_d = cells.charge_efficiency, cells.discharge_efficiency
    array_power_w = load * (sunlit_h + eclipse_h / (eta_c * eta_d)) / (sunlit_h * eta_pc)
    aphelion_flux = solar_constant_w_m2 / 1.0167**2
    incidence = _sunlit_incidence_mean(template, signed_beta, eclipse)
    if np.any(incidence <= 0):
        raise ValueError("array: its pointing never sees the Sun on some days of the year; choose "
                         "another pointing_vector_lvlh")
    eol_w_per_m2 = (aphelion_flux * template.packing_factor
                    * template.efficiency(array_temperature_k, years, fluence_e_cm2))
    area = np.max(array_power_w / (eol_w_per_m2 * incidence)) * (1.0 + margin_a)
    # the longest eclipse; in an eclipse-free orbit, the day and plane closest to one (lowest |β|)
    worst = np.unravel_index(np.argmax(eclipse_h) if eclipse_h.max() > 0 else np.argmin(beta),
                             eclipse_h.shape)
    stored_wh = load * eclipse_h[worst] / eta_d
    capacity = stored_wh / cells.max_depth_of_discharge * (1.0 + margin_b)

    def scalar(value, units, long_name):
        return ((), float(value), {"units": units, "long_name": long_name})

    return xr.Dataset({
        "array_area_m2": scalar(area, "m2", "solar array area"),
        "battery_capacity_wh": scalar(capacity, "Wh", "battery nameplate capacity"),
        "array_mass_kg": scalar(area * template.mass_kg_per_m2, "kg", "solar array mass"),
        "battery_mass_kg": scalar(capacity / cells.specific_energy_wh_per_kg, "kg",
                                  "battery mass"),
        "worst_beta_deg": scalar(signed_beta[worst], "degree",
                                 "beta angle of the longest eclipse (or lowest |beta|)"),
        "worst_eclipse_min": scalar(eclipse_h[worst] * 60.0, "min", "longest eclipse per orbit"),
        "orbit_period_min": scalar(period_h * 60.0, "min", "orbital period"),
        "array_power_eol_w": scalar(area * eol_w_per_m2, "W",
                                    "array output at end of life, aphelion, normal incidence"),
    }, attrs={"mission_years": years, "array_margin": margin_a, "battery_margin": margin_b})
