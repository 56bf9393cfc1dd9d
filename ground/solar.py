"""Ground solar yield at a site (pvlib), for the orbit-versus-ground productivity comparison.

The chain, hourly over a year: Sun position → Ineichen–Perez clear sky with pvlib's shipped
monthly Linke turbidity (offline) → all-sky GHI = clear-sky index × clear-sky GHI → Erbs split
into beam and diffuse → Perez transposition to a fixed tilt or a single-axis tracker → DC energy
per m² of module at a given efficiency and system losses.

The clear-sky index of a climate is not a guess: each named climate is a representative site
with a published long-term annual GHI, and the index is that figure divided by the modelled
clear-sky GHI at the same site (computed once, cached). Applied elsewhere, it transfers the
climate's cloudiness, not its latitude.

``ground`` does not import ``orbital``: :func:`productivity_ratio` takes the orbital energy per m²
per year as a number (``orbital.power.power_figures(...).energy_kwh_m2_year``); the study layer
or a notebook composes the two.

References
----------
.. [1] P. Ineichen and R. Perez, "A new airmass independent formulation for the Linke turbidity
   coefficient", Solar Energy 73(3), 151–157, 2002.
.. [2] D. G. Erbs, S. A. Klein and J. A. Duffie, "Estimation of the diffuse radiation fraction
   for hourly, daily and monthly-average global radiation", Solar Energy 28(4), 293–302, 1982.
.. [3] R. Perez et al., "Modeling daylight availability and irradiance components from direct
   and global irradiance", Solar Energy 44(5), 271–289, 1990.
.. [4] A. P. Dobos, "PVWatts Version 5 Manual", NREL/TP-6A20-62641, 2014 (14 % default losses).
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pandas as pd
import xarray as xr

from ground._checks import check_name, check_range

__all__ = [
    "CLIMATES",
    "MOUNTS",
    "clear_sky_index",
    "ground_yield",
    "productivity_ratio",
]

#: Named climates: a representative site and its published long-term annual global horizontal
#: irradiation (GHI) [kWh/m²/yr]. "clear-sky" has no clouds (index 1) and bounds the others.
CLIMATES = {
    "clear-sky": {"site": None, "clear_sky_index": 1.0,
                  "source": "no clouds: upper bound of any site"},
    "hot-desert": {"site": "Riyadh, Saudi Arabia (BWh)", "latitude_deg": 24.91,
                   "longitude_deg": 46.41, "annual_ghi_kwh_m2": 2189.2,
                   "source": "EPJ Photovoltaics 14, 2023 (pv220042), Table 1"},
    "tropical-wet-dry": {"site": "Chennai, India (Aw)", "latitude_deg": 13.0,
                         "longitude_deg": 80.18, "annual_ghi_kwh_m2": 1941.8,
                         "source": "EPJ Photovoltaics 14, 2023 (pv220042), Table 1"},
    "tropical-coastal": {"site": "Rio de Janeiro, Brazil (Aw)", "latitude_deg": -22.9,
                         "longitude_deg": -43.2, "annual_ghi_kwh_m2": 1690.5,
                         "source": "EPJ Photovoltaics 14, 2023 (pv220042), Table 1"},
    "semi-arid-continental": {"site": "Datong, China (BSk)", "latitude_deg": 40.1,
                              "longitude_deg": 113.3, "annual_ghi_kwh_m2": 1480.9,
                              "source": "EPJ Photovoltaics 14, 2023 (pv220042), Table 1"},
    "mediterranean": {"site": "Madrid, Spain (Csa)", "latitude_deg": 40.42,
                      "longitude_deg": -3.70, "annual_ghi_kwh_m2": 1662.0,
                      "source": "Int. J. Photoenergy 2017, art. 7540250, Table 2"},
    "temperate-oceanic": {"site": "Bordeaux, France (Cfb)", "latitude_deg": 44.84,
                          "longitude_deg": -0.58, "annual_ghi_kwh_m2": 1270.0,
                          "source": "Int. J. Photoenergy 2017, art. 7540250, Table 2"},
    "temperate-continental": {"site": "Prague, Czechia (Cfb/Dfb)", "latitude_deg": 50.08,
                              "longitude_deg": 14.44, "annual_ghi_kwh_m2": 998.0,
                              "source": "Int. J. Photoenergy 2017, art. 7540250, Table 2"},
    "nordic": {"site": "Stockholm, Sweden (Dfb)", "latitude_deg": 59.33, "longitude_deg": 18.07,
               "annual_ghi_kwh_m2": 980.0,
               "source": "Int. J. Photoenergy 2017, art. 7540250, Table 2"},
}

#: Module mounts.
MOUNTS = {
    "fixed": "fixed tilt, equator-facing by default, tilt = |latitude| by default",
    "single-axis": "horizontal north–south axis tracking east–west, ±60°, backtracking "
                   "(ground-coverage ratio 0.35)",
}

_STC_IRRADIANCE_W_M2 = 1000.0


def _year_times(year: int, step_minutes: int) -> pd.DatetimeIndex:
    # interval midpoints, so each sample stands for its whole interval
    start = pd.Timestamp(f"{year}-01-01", tz="UTC") + pd.Timedelta(minutes=step_minutes / 2)
    end = pd.Timestamp(f"{year + 1}-01-01", tz="UTC")
    return pd.date_range(start, end, freq=f"{step_minutes}min", inclusive="left")


def _check_site(latitude_deg, longitude_deg) -> tuple[float, float]:
    latitude = float(check_range("latitude_deg", latitude_deg, -90.0, 90.0, unit="deg"))
    longitude = float(check_range("longitude_deg", longitude_deg, -180.0, 180.0, unit="deg"))
    return latitude, longitude


def _clear_sky(latitude: float, longitude: float, year: int, step_minutes: int):
    """Solar position and Ineichen clear-sky GHI/DNI/DHI (pvlib's shipped Linke turbidity)."""
    import pvlib

    times = _year_times(year, step_minutes)
    altitude = float(pvlib.location.lookup_altitude(latitude, longitude))  # shipped Altitude.h5
    with warnings.catch_warnings():
        # pvlib still calls pandas' deprecated DatetimeIndex.dayofyear
        warnings.filterwarnings("ignore", message=r".*dayofyear is deprecated.*")
        position = pvlib.solarposition.get_solarposition(times, latitude, longitude,
                                                         altitude=altitude)
        airmass = pvlib.atmosphere.get_relative_airmass(position["apparent_zenith"])
        pressure = pvlib.atmosphere.alt2pres(altitude)
        airmass_absolute = pvlib.atmosphere.get_absolute_airmass(airmass, pressure)
        turbidity = pvlib.clearsky.lookup_linke_turbidity(times, latitude, longitude)
        dni_extra = pvlib.irradiance.get_extra_radiation(times)
        sky = pvlib.clearsky.ineichen(position["apparent_zenith"], airmass_absolute, turbidity,
                                      altitude=altitude, dni_extra=dni_extra)
    return times, position, sky.fillna(0.0), dni_extra, airmass


@functools.lru_cache(maxsize=64)
def _annual_clear_sky_ghi_kwh_m2(latitude: float, longitude: float, year: int,
                                 step_minutes: int) -> float:
    _, _, sky, _, _ = _clear_sky(latitude, longitude, year, step_minutes)
    return float(sky["ghi"].sum() * step_minutes / 60.0 / 1000.0)


def clear_sky_index(climate: str, *, year: int = 2026, step_minutes: int = 60) -> float:
    """Annual clear-sky index of a named climate: published GHI ÷ modelled clear-sky GHI.

    Parameters
    ----------
    climate : str
        A key of :data:`CLIMATES`.
    year : int, default 2026
        Year of the clear-sky computation (the index barely depends on it).
    step_minutes : int, default 60
        Time step of the clear-sky computation [min].

    Returns
    -------
    float
        k = H_GHI,published / Σ GHI_clear Δt, in (0, 1].

    Notes
    -----
    The clear-sky GHI is Ineichen–Perez with pvlib's monthly Linke turbidity climatology at the
    climate's representative site, so the index carries the site's clouds and not the model's
    turbidity bias.

    Examples
    --------
    >>> round(clear_sky_index("clear-sky"), 2)
    1.0
    >>> round(clear_sky_index("temperate-oceanic"), 2)  # Bordeaux: 1 270 of ~1 790 kWh/m²/yr
    0.71
    """
    row = CLIMATES[check_name("climate", climate, CLIMATES, what="climate")]
    if row["site"] is None:
        return float(row["clear_sky_index"])
    clear = _annual_clear_sky_ghi_kwh_m2(row["latitude_deg"], row["longitude_deg"], int(year),
                                         int(step_minutes))
    return min(1.0, row["annual_ghi_kwh_m2"] / clear)


def ground_yield(latitude_deg, longitude_deg, *, climate: str = "temperate-oceanic",
                 clear_sky_index_value: float | None = None, mount: str = "fixed",
                 tilt_deg: float | None = None, azimuth_deg: float | None = None,
                 module_efficiency: float = 0.22, system_losses: float = 0.14,
                 albedo: float = 0.25, year: int = 2026, step_minutes: int = 60) -> xr.Dataset:
    """Yearly solar energy and capacity factor of 1 m² of modules at a ground site.

    Parameters
    ----------
    latitude_deg, longitude_deg : float
        Site [deg], latitude in [−90, 90], longitude in [−180, 180].
    climate : str, default "temperate-oceanic"
        A key of :data:`CLIMATES` setting the cloudiness (ignored if ``clear_sky_index_value``).
    clear_sky_index_value : float, optional
        Annual all-sky/clear-sky GHI ratio to use instead of a named climate, in (0, 1].
    mount : {"fixed", "single-axis"}, default "fixed"
    tilt_deg : float, optional
        Fixed tilt [deg] in [0, 90]; default abs(latitude) (a near-optimal yearly tilt).
    azimuth_deg : float, optional
        Fixed azimuth [deg, clockwise from north] in [0, 360]; default facing the equator.
    module_efficiency : float, default 0.22
        DC efficiency at standard test conditions, in (0, 1) (use the orbital array's for a
        like-for-like comparison).
    system_losses : float, default 0.14
        Soiling, wiring, mismatch, availability… as one fraction, in [0, 1) (PVWatts v5 default
        14 %, Dobos 2014). Cell temperature is not modelled (a further ~3–8 % on the ground).
    albedo : float, default 0.25
        Ground reflectance, in [0, 1].
    year : int, default 2026
    step_minutes : int, default 60
        Time step [min], in [1, 120].

    Returns
    -------
    xarray.Dataset
        On ``time`` (UTC, interval midpoints): ``ghi_w_m2``, ``poa_global_w_m2``,
        ``power_w_per_m2``. Scalars: ``annual_ghi_kwh_m2``, ``annual_poa_kwh_m2``,
        ``energy_kwh_m2_year``, ``capacity_factor`` (DC, against η × 1 000 W/m²),
        ``clear_sky_index``.

    Notes
    -----
    GHI = k · GHI_clear; Erbs splits GHI into DNI and DHI from the clearness index; Perez
    (1990) transposes to the plane of array; P = POA · η · (1 − L). Applying k uniformly in time
    lets the Erbs split turn part of the beam into diffuse, as clouds do, but misses the
    bimodal clear/overcast hours: tilted and tracked gains are slightly overestimated in cloudy
    climates.

    Examples
    --------
    >>> result = ground_yield(44.84, -0.58, climate="temperate-oceanic", tilt_deg=45.0)
    >>> round(float(result.annual_ghi_kwh_m2), -1), round(float(result.capacity_factor), 2)
    (1270.0, 0.14)
    """
    import pvlib

    latitude, longitude = _check_site(latitude_deg, longitude_deg)
    check_name("mount", mount, MOUNTS, what="mount")
    efficiency = float(check_range("module_efficiency", module_efficiency, 0.0, 1.0,
                                   low_inclusive=False, high_inclusive=False))
    losses = float(check_range("system_losses", system_losses, 0.0, 1.0, high_inclusive=False))
    albedo = float(check_range("albedo", albedo, 0.0, 1.0))
    step = int(check_range("step_minutes", step_minutes, 1, 120, unit="min"))
    year = int(check_range("year", year, 1900, 2100))
    if clear_sky_index_value is None:
        index = clear_sky_index(climate, year=year, step_minutes=step)
    else:
        index = float(check_range("clear_sky_index_value", clear_sky_index_value, 0.0, 1.0,
                                  low_inclusive=False))

    times, position, sky, dni_extra, airmass = _clear_sky(latitude, longitude, year, step)
    ghi = index * sky["ghi"]
    with warnings.catch_warnings():
        # pvlib still calls pandas' deprecated DatetimeIndex.dayofyear
        warnings.filterwarnings("ignore", message=r".*dayofyear is deprecated.*")
        split = pvlib.irradiance.erbs(ghi, position["zenith"], times)
    dni, dhi = split["dni"].fillna(0.0), split["dhi"].fillna(0.0)

    if mount == "fixed":
        tilt = abs(latitude) if tilt_deg is None else float(check_range("tilt_deg", tilt_deg, 0.0,
                                                                        90.0, unit="deg"))
        azimuth = (180.0 if latitude >= 0 else 0.0) if azimuth_deg is None else float(
            check_range("azimuth_deg", azimuth_deg, 0.0, 360.0, unit="deg"))
        surface_tilt, surface_azimuth = tilt, azimuth
    else:
        tracker = pvlib.tracking.singleaxis(position["apparent_zenith"], position["azimuth"],
                                            axis_tilt=0.0, axis_azimuth=180.0, max_angle=60.0,
                                            backtrack=True, gcr=0.35)
        surface_tilt = tracker["surface_tilt"].fillna(0.0)
        surface_azimuth = tracker["surface_azimuth"].fillna(180.0)
    poa = pvlib.irradiance.get_total_irradiance(
        surface_tilt, surface_azimuth, position["apparent_zenith"], position["azimuth"],
        dni, ghi, dhi, dni_extra=dni_extra, airmass=airmass, albedo=albedo, model="perez",
    )["poa_global"].fillna(0.0).clip(lower=0.0)
    power = poa * efficiency * (1.0 - losses)

    hours = step / 60.0
    annual_hours = len(times) * hours
    coords = {"time": times.tz_convert(None).to_numpy()}

    def series(values, units, long_name):
        return ("time", np.asarray(values, dtype=float), {"units": units, "long_name": long_name})

    def scalar(value, units, long_name):
        return ((), float(value), {"units": units, "long_name": long_name})

    energy = float(power.sum() * hours / 1000.0)
    return xr.Dataset(
        {
            "ghi_w_m2": series(ghi, "W m-2", "all-sky global horizontal irradiance"),
            "poa_global_w_m2": series(poa, "W m-2", "plane-of-array irradiance"),
            "power_w_per_m2": series(power, "W m-2", "DC power per m² of module"),
            "annual_ghi_kwh_m2": scalar(ghi.sum() * hours / 1000.0, "kWh m-2 yr-1",
                                        "yearly global horizontal irradiation"),
            "annual_poa_kwh_m2": scalar(poa.sum() * hours / 1000.0, "kWh m-2 yr-1",
                                        "yearly plane-of-array irradiation"),
            "energy_kwh_m2_year": scalar(energy, "kWh m-2 yr-1", "yearly DC energy per m²"),
            "capacity_factor": scalar(energy * 1000.0 / (efficiency * _STC_IRRADIANCE_W_M2
                                                         * annual_hours), "1",
                                      "DC capacity factor against the STC rating"),
            "clear_sky_index": scalar(index, "1", "annual all-sky / clear-sky GHI"),
        },
        coords=coords,
        attrs={"latitude_deg": latitude, "longitude_deg": longitude, "mount": mount,
               "climate": climate if clear_sky_index_value is None else "custom",
               "module_efficiency": efficiency, "system_losses": losses},
    )


def productivity_ratio(orbital_energy_kwh_m2_year, latitude_deg, longitude_deg, *,
                       basis: str = "electrical", **yield_options) -> float:
    """Orbital energy per m² per year ÷ ground energy per m² per year at a site.

    Parameters
    ----------
    orbital_energy_kwh_m2_year : float
        Orbital yearly energy per m² [kWh/m²/yr], > 0: for ``basis="electrical"`` the array's DC
        output (``orbital.power.power_figures(...).energy_kwh_m2_year``, same module
        efficiency as ``module_efficiency`` here); for ``basis="incident"`` the sunlight on the
        array plane.
    latitude_deg, longitude_deg : float
        Ground site [deg].
    basis : {"electrical", "incident"}, default "electrical"
        Compare DC energy, or sunlight on the module plane.
    **yield_options
        Passed to :func:`ground_yield` (``climate``, ``mount``, ``module_efficiency``, …).

    Returns
    -------
    float
        Ratio, > 0. Google's Suncatcher cites "up to 8×" for a panel in a dawn–dusk orbit.

    Notes
    -----
    R = E_orbit / E_ground, E_ground from :func:`ground_yield` (``energy_kwh_m2_year`` or
    ``annual_poa_kwh_m2``).

    Examples
    --------
    >>> orbit_incident = 1360.8 * 8766 / 1000  # always sunlit, sun-tracking, 1 AU [kWh/m²/yr]
    >>> ratio = productivity_ratio(orbit_incident, 50.08, 14.44, basis="incident",
    ...                            climate="temperate-continental")
    >>> round(ratio, 1)  # Prague, fixed 50° tilt: ~1 040 kWh/m²/yr on the panel
    11.5
    """
    orbital = float(check_range("orbital_energy_kwh_m2_year", orbital_energy_kwh_m2_year, 0.0,
                                20_000.0, low_inclusive=False, unit="kWh/m²/yr"))
    check_name("basis", basis, ("electrical", "incident"), what="basis")
    ground = ground_yield(latitude_deg, longitude_deg, **yield_options)
    denominator = float(ground.energy_kwh_m2_year if basis == "electrical"
                        else ground.annual_poa_kwh_m2)
    return orbital / denominator
