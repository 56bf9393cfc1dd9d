"""Thermospheric mass density: NRLMSIS 2.1 (``pymsis``) with named activity sets, and COESA 1976.

The density a satellite meets along a near-circular orbit is reduced here to one number per
altitude: the global mean of NRLMSIS 2.1 over latitude (area-weighted), local time and the four
seasons, for fixed solar and geomagnetic indices. The indices are always passed explicitly, so
``pymsis`` never reads or downloads its space-weather file.
"""

from __future__ import annotations

import functools

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.drag._names import check_name, lookup

__all__ = [
    "ACTIVITY_LEVELS",
    "DENSITY_MODELS",
    "MODEL_ALTITUDE_RANGE_KM",
    "activity_indices",
    "density_kg_m3",
    "density_profile",
]

#: Named solar and geomagnetic activity sets: daily F10.7 [sfu], its 81-day mean [sfu] and the
#: daily Ap [1]. The first three are the ECSS low, moderate and high long-term levels; ``storm``
#: is the ECSS short-term high level (daily F10.7 and Ap) over the high long-term 81-day mean,
#: which the standard allows for analysis periods up to one week only.
ACTIVITY_LEVELS = {
    "solar-min": {
        "f107_sfu": 65.0, "f107a_sfu": 65.0, "ap": 0.0,
        "source": "ECSS-E-ST-10-04C (2008), Table 6-3, low activity (ECSS2008); numbers agree with "
                  "Table 6-3 of ECSS-E-ST-10-04C Rev.1 (2020) as quoted publicly (ECSS2020)",
    },
    "solar-mean": {
        "f107_sfu": 140.0, "f107a_sfu": 140.0, "ap": 15.0,
        "source": "ECSS-E-ST-10-04C (2008), Table 6-3, moderate activity (ECSS2008); numbers agree "
                  "with Table 6-3 of ECSS-E-ST-10-04C Rev.1 (2020) as quoted publicly (ECSS2020)",
    },
    "solar-max": {
        "f107_sfu": 250.0, "f107a_sfu": 250.0, "ap": 45.0,
        "source": "ECSS-E-ST-10-04C (2008), Table 6-3, high long-term activity (ECSS2008); "
                  "numbers agree with Table 6-3 of ECSS-E-ST-10-04C Rev.1 (2020) as quoted publicly "
                  "(ECSS2020)",
    },
    "storm": {
        "f107_sfu": 300.0, "f107a_sfu": 250.0, "ap": 240.0,
        "source": "ECSS-E-ST-10-04C (2008), Table 6-3, high short-term daily F10.7 and Ap with "
                  "the high long-term 81-day mean, for analysis periods up to one week "
                  "(§7.2.1.2 b, e) (ECSS2008); numbers agree with Table 6-3 and Annex G of "
                  "ECSS-E-ST-10-04C Rev.1 (2020) as quoted publicly (ECSS2020)",
    },
    "cycle-average": {
        "f107_sfu": 157.5, "f107a_sfu": 157.5, "ap": 22.5, "cycle": True,
        "source": "assumption: time-mean density over an idealised 11-year cycle, F10.7 and Ap "
                  "varying as (1 − cos)/2 between the ECSS low and high long-term levels "
                  "(ECSS2008); the indices shown are the cycle means. For decays much longer "
                  "than a cycle, whose rate is linear in density",
    },
}

#: Phases of the idealised solar cycle averaged by ``cycle-average`` (mid-points of 8 bins).
_CYCLE_PHASES = (np.arange(8) + 0.5) / 8

#: Density models by name, with the source.
DENSITY_MODELS = {
    "nrlmsis": "NRLMSIS 2.1 (Emmert et al. 2022, Emmert2021) through pymsis (pymsis); global "
               "mean over latitude, local time and season",
    "coesa76": "U.S. Standard Atmosphere 1976 (COESA 1976, COESA1976) through boinor.earth."
               "atmosphere (boinor); a single profile for moderate activity, no F10.7 input",
}

#: Altitude range of the density models as used here [km]: NRLMSIS 2.1 is fitted to the exobase
#: and COESA 1976 stops at 1 000 km (boinor raises above).
MODEL_ALTITUDE_RANGE_KM = {"nrlmsis": (100.0, 1500.0), "coesa76": (100.0, 1000.0)}

# Averaging grid: 10° latitude bands (within 1e-4 of 5° bands), 2 h of local time (30° of
# longitude at 12 UT), four seasons.
_LATITUDES_DEG = np.arange(-85.0, 86.0, 10.0)
_LONGITUDES_DEG = np.arange(0.0, 360.0, 30.0)
_DATES = np.array(["2025-03-20T12:00", "2025-06-21T12:00", "2025-09-22T12:00",
                   "2025-12-21T12:00"], dtype="datetime64[m]")
#: Altitude grid of the tabulated profiles [km]: 5 km steps; log density is interpolated
#: linearly, which errs by < 0.5 % against a 1 km table (ln ρ bends slowly: the scale height
#: changes by < 2 km per 5 km step above 150 km).
_GRID_KM = np.arange(100.0, 1501.0, 5.0)


def activity_indices(activity="solar-mean", *, f107_sfu=None, f107a_sfu=None, ap=None):
    """Solar and geomagnetic indices of a named activity set, or given explicitly.

    Parameters
    ----------
    activity : str, default "solar-mean"
        A key of :data:`ACTIVITY_LEVELS`; ignored for the indices given explicitly.
    f107_sfu, f107a_sfu : float, optional
        Daily F10.7 and its 81-day centred mean [sfu = 1e-22 W m-2 Hz-1], 50 … 400.
    ap : float, optional
        Daily Ap index [1], 0 … 400.

    Returns
    -------
    dict
        ``f107_sfu``, ``f107a_sfu``, ``ap`` and ``source``.

    Examples
    --------
    >>> activity_indices("solar-max")["f107_sfu"]
    250.0
    """
    level = dict(lookup(ACTIVITY_LEVELS, "activity", activity, what="activity set"))
    given = {"f107_sfu": f107_sfu, "f107a_sfu": f107a_sfu, "ap": ap}
    for field, value in given.items():
        if value is not None:
            high = 400.0
            low = 0.0 if field == "ap" else 50.0
            level[field] = float(check_range(field, value, low, high, unit="" if field == "ap"
                                             else "sfu"))
            level["source"] = "given by the caller"
            level.pop("cycle", None)
    return level


@functools.lru_cache(maxsize=64)
def _msis_profile(f107_sfu: float, f107a_sfu: float, ap: float) -> np.ndarray:
    """Global-mean NRLMSIS 2.1 density on ``_GRID_KM`` [kg m-3] (cached per index triple)."""
    import pymsis  # imported here: the Fortran extension is only needed for this model

    n = len(_DATES)
    # Indices passed for every date: pymsis then never calls get_f107_ap (no file, no download).
    output = pymsis.calculate(_DATES, _LONGITUDES_DEG, _LATITUDES_DEG, _GRID_KM,
                              f107s=np.full(n, f107_sfu), f107as=np.full(n, f107a_sfu),
                              aps=np.full((n, 7), ap), version=2.1)
    weights = np.cos(np.radians(_LATITUDES_DEG))
    density = output[..., 0]  # (date, longitude, latitude, altitude)
    return np.einsum("dolh,l->h", density, weights) / (weights.sum() * n * len(_LONGITUDES_DEG))


@functools.lru_cache(maxsize=1)
def _coesa_profile() -> np.ndarray:
    from astropy import units as u
    from boinor.earth.atmosphere import COESA76

    grid = _GRID_KM[_GRID_KM <= MODEL_ALTITUDE_RANGE_KM["coesa76"][1]]
    model = COESA76()
    return np.array([model.density(h * u.km).to_value(u.kg / u.m**3) for h in grid])


def _log_profile(model: str, indices: dict) -> tuple[np.ndarray, np.ndarray]:
    """(altitude grid [km], natural log of density [kg m-3]) of a model."""
    if model == "nrlmsis" and indices.get("cycle"):
        low, high = ACTIVITY_LEVELS["solar-min"], ACTIVITY_LEVELS["solar-max"]
        weights = 0.5 * (1 - np.cos(2 * np.pi * _CYCLE_PHASES))
        density = np.mean([_msis_profile(*(float(low[key] + w * (high[key] - low[key]))
                                           for key in ("f107_sfu", "f107a_sfu", "ap")))
                           for w in weights], axis=0)
        return _GRID_KM, np.log(density)
    if model == "nrlmsis":
        density = _msis_profile(indices["f107_sfu"], indices["f107a_sfu"], indices["ap"])
        return _GRID_KM, np.log(density)
    density = _coesa_profile()
    return _GRID_KM[: len(density)], np.log(density)


def _check_model(model):
    return check_name("model", model, DENSITY_MODELS, what="density model")


def density_kg_m3(altitude_km, activity="solar-mean", *, model="nrlmsis", f107_sfu=None,
                  f107a_sfu=None, ap=None):
    """Orbit-averaged thermospheric mass density at an altitude [kg m-3].

    Parameters
    ----------
    altitude_km : float or array
        Altitude above the equatorial radius [km], within :data:`MODEL_ALTITUDE_RANGE_KM` of
        the model (100 … 1 500 km for ``nrlmsis``, 100 … 1 000 km for ``coesa76``).
    activity : str, default "solar-mean"
        Named activity set (:data:`ACTIVITY_LEVELS`); ``coesa76`` ignores it.
    model : {"nrlmsis", "coesa76"}, default "nrlmsis"
        Density model (:data:`DENSITY_MODELS`).
    f107_sfu, f107a_sfu, ap : float, optional
        Override the indices of ``activity`` (see :func:`activity_indices`).

    Returns
    -------
    numpy.ndarray
        ρ [kg m-3], same shape as ``altitude_km``.

    Notes
    -----
    For ``nrlmsis`` the profile is
    :math:`\\bar\\rho(h) = \\sum_{d,\\lambda,\\varphi} \\cos\\varphi\\,\\rho(d,\\lambda,\\varphi,h)
    / \\sum \\cos\\varphi`, over four seasons d (equinoxes, solstices at 12 UT), twelve local
    times λ and 5° latitude bands φ: an area-weighted global mean, the density a near-circular
    orbit samples on average over days (it underweights the poles for a polar orbit, whose
    time per latitude is uniform in argument of latitude, not in area; a few per cent).
    Tabulated on a 5 km grid, interpolated linearly in log ρ.

    References
    ----------
    Emmert2021; ECSS2008; COESA1976 (see ``docs/sources/drag.md``).

    Examples
    --------
    >>> rho = density_kg_m3([400.0, 600.0], "solar-mean")
    >>> bool(1e-12 < rho[0] < 1e-11 and rho[1] < rho[0] / 5)
    True
    """
    model = _check_model(model)
    low, high = MODEL_ALTITUDE_RANGE_KM[model]
    altitude = check_range("altitude_km", altitude_km, low, high, unit="km")
    indices = activity_indices(activity, f107_sfu=f107_sfu, f107a_sfu=f107a_sfu, ap=ap)
    grid, log_density = _log_profile(model, indices)
    return np.exp(np.interp(altitude, grid, log_density))


def density_profile(altitude_km=None, activities=("solar-min", "solar-mean", "solar-max"), *,
                    model="nrlmsis"):
    """Density against altitude for several activity sets, as a labelled Dataset.

    Parameters
    ----------
    altitude_km : array, optional
        Altitudes [km] (default 150 … 1 500 km every 10 km; within the model range).
    activities : sequence of str
        Named activity sets (:data:`ACTIVITY_LEVELS`).
    model : {"nrlmsis", "coesa76"}, default "nrlmsis"

    Returns
    -------
    xarray.Dataset
        ``density`` [kg m-3] over (activity, altitude_km), and ``scale_height_km``
        :math:`H = -(\\mathrm{d}\\ln\\rho/\\mathrm{d}h)^{-1}` [km].

    Examples
    --------
    >>> ds = density_profile([300.0, 500.0], ["solar-min", "solar-max"])
    >>> bool((ds.density.sel(activity="solar-max") > ds.density.sel(activity="solar-min")).all())
    True
    """
    model = _check_model(model)
    if altitude_km is None:
        altitude_km = np.arange(150.0, MODEL_ALTITUDE_RANGE_KM[model][1] + 1.0, 10.0)
    altitude = np.atleast_1d(check_range("altitude_km", altitude_km,
                                         *MODEL_ALTITUDE_RANGE_KM[model], unit="km"))
    activities = [check_name("activity", a, ACTIVITY_LEVELS, what="activity set")
                  for a in activities]
    density = np.array([density_kg_m3(altitude, a, model=model) for a in activities])
    scale_height = np.array([_scale_height_km(altitude, a, model) for a in activities])
    return xr.Dataset(
        {
            "density": (("activity", "altitude_km"), density,
                        {"units": "kg m-3", "long_name": "thermospheric mass density"}),
            "scale_height_km": (("activity", "altitude_km"), scale_height,
                                {"units": "km", "long_name": "local density scale height"}),
        },
        coords={
            "activity": ("activity", activities, {"long_name": "activity set"}),
            "altitude_km": ("altitude_km", altitude,
                            {"units": "km", "long_name": "altitude above the equatorial radius"}),
        },
        attrs={"model": DENSITY_MODELS[model]},
    )


def _scale_height_km(altitude, activity, model):
    grid, log_density = _log_profile(model, activity_indices(activity))
    slope = np.gradient(log_density, grid)
    return -1.0 / np.interp(altitude, grid, slope)
