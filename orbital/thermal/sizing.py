"""Radiator sizing along real orbits: the smallest area that holds a temperature limit."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital.constants import STEFAN_BOLTZMANN_W_M2_K4
from orbital.thermal.environment import DEFAULT_ABSORPTIVITY, DEFAULT_EMISSIVITY, PANEL_ORIENTATIONS
from orbital.thermal.radiator import absorbed_w_m2
from orbital.thermal.transient import (
    balance_shadow,
    mean_period_s,
    orbit_incident_flux,
    transient_temperature,
    waste_heat,
)


def size_radiator_for_orbit(states: xr.Dataset, heat_w, max_temperature_k: float, heat_capacity_j_k,
                            emissivity=DEFAULT_EMISSIVITY, absorptivity=DEFAULT_ABSORPTIVITY, *,
                            sides: int = 2, orientation: str = "edge-on", case: str = "hot",
                            fin_efficiency=1.0, disk_fraction=None, sun_direction=None,
                            relative_tolerance: float = 1e-4) -> xr.Dataset:
    """Smallest radiator area per satellite whose temperature never exceeds a limit.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate`; span at least two orbits (the last orbit
        is judged, after the start-up transient).
    heat_w : float, DataArray (time, satellite) or Dataset
        Heat to reject [W]; an :func:`orbital.power.energy_balance` Dataset is read through
        ``waste_heat_w`` and lends its ``visible_solar_fraction``.
    max_temperature_k : float
        Limit on the radiator node [K], > 0.
    heat_capacity_j_k : float or array (satellite,)
        Heat capacity of the node [J/K], > 0 (held fixed while the area varies).
    emissivity, absorptivity : float, defaults 0.9 and 0.2, the
        :data:`DEFAULT_COATING` (``"design-white-paint"``)
        Coating [1].
    sides : {1, 2}, default 2
    orientation : str, default "edge-on"
        One of :data:`orbital.thermal.PANEL_ORIENTATIONS`.
    case : {"nominal", "hot", "cold"}, default "hot"
        Environment set (size for the hot case).
    fin_efficiency : float, default 1
    disk_fraction, sun_direction : DataArray, optional
        As in :func:`orbital.thermal.orbit_incident_flux`.
    relative_tolerance : float, default 1e-4
        Relative width of the final area bracket.

    Returns
    -------
    xarray.Dataset
        On ``satellite``: ``radiator_area_m2`` (the sized area), ``mean_sizing_area_m2`` and
        ``peak_sizing_area_m2`` (the two bounds below), ``temperature_max_k`` and
        ``temperature_min_k`` over the last orbit with the sized area.

    Notes
    -----
    The periodic maximum temperature falls monotonically as the area grows, and is bracketed:

    - sizing for the *mean* input (Q̄/A + q̄_abs = η n ε σ T_max⁴ − …) is a lower bound on
      the area, because the orbit mean of T⁴ equals the mean input over η n ε σ A, so
      max T ≥ (mean T⁴)^¼;
    - sizing for the *peak* input is an upper bound, because the node cannot exceed the
      equilibrium of the largest instantaneous input.

    Bisection in log-area between the two bounds, every satellite at once (each iteration is
    one :func:`orbital.thermal.transient_temperature` run over all satellites).

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import propagate, walker_delta
    >>> shell = walker_delta(550.0, 53.0, planes=2, sats_per_plane=1, phasing=0)
    >>> states = propagate(shell, shell.epoch + np.arange(200) * np.timedelta64(60, "s"))
    >>> ds = size_radiator_for_orbit(states, 8000.0, 330.0, 3e5)
    >>> bool((ds.mean_sizing_area_m2 <= ds.radiator_area_m2).all()
    ...      and (ds.radiator_area_m2 <= ds.peak_sizing_area_m2).all())
    True
    """
    limit = float(check_range("max_temperature_k", max_temperature_k, 0.0, None,
                              low_inclusive=False, unit="K"))
    check_choice("orientation", orientation, PANEL_ORIENTATIONS)
    check_choice("sides", sides, (1, 2))
    tolerance = float(check_range("relative_tolerance", relative_tolerance, 0.0, 0.1,
                                  low_inclusive=False))
    eta = float(check_range("fin_efficiency", fin_efficiency, 0.0, 1.0, low_inclusive=False))
    eps = float(check_range("emissivity", emissivity, 0.0, 1.0, low_inclusive=False))
    incident = orbit_incident_flux(states, orientation, sides=sides, case=case,
                                   disk_fraction=balance_shadow(heat_w, disk_fraction),
                                   sun_direction=sun_direction)
    times = incident["time"].values
    heat = check_range("heat_w", waste_heat(heat_w, incident["solar_w_m2"].shape), 0.0, None,
                       unit="W")
    load = np.asarray(absorbed_w_m2(eps, absorptivity, incident=incident), dtype=float)
    emission = eta * sides * eps * STEFAN_BOLTZMANN_W_M2_K4 * limit**4  # per m² at the limit

    def area_for(heat_value, load_value):
        capacity = emission - eta * load_value
        if np.any(capacity <= 0):
            worst = float(np.max(load_value))
            raise ValueError(
                f"max_temperature_k: at {limit:g} K the panel emits "
                f"{emission / eta:.4g} W/m² but absorbs up to {worst:.4g} W/m² from the "
                f"'{case}' environment ({orientation}); no area holds the limit")
        return heat_value / capacity

    low = area_for(heat.mean(axis=0), load.mean(axis=0))
    high = area_for(heat.max(axis=0), load.max(axis=0))
    low = np.minimum(low, high)
    period_s = mean_period_s(states)
    elapsed_s = (times - times[0]).astype("timedelta64[ns]").astype(float) / 1e9
    if elapsed_s[-1] < 2 * period_s:
        raise ValueError(f"states: span {elapsed_s[-1] / 60:.1f} min is shorter than two orbits "
                         f"({2 * period_s / 60:.1f} min); the last orbit must follow a start-up")
    last_orbit = elapsed_s >= elapsed_s[-1] - period_s

    def run(area):
        # Start at the peak-input equilibrium (an upper bound) so the start-up decays downward.
        start = ((heat.max(axis=0) / (eta * area) + load.max(axis=0))
                 / (sides * eps * STEFAN_BOLTZMANN_W_M2_K4)) ** 0.25
        temperature = transient_temperature(times, heat, area, heat_capacity_j_k, eps,
                                            absorptivity, sides=sides, incident=incident,
                                            fin_efficiency=eta,
                                            initial_temperature_k=start).temperature_k.values
        return temperature[last_orbit]

    lower, upper = np.log(low), np.log(np.maximum(high, low * (1 + tolerance)))
    while np.max(upper - lower) > tolerance:
        middle = 0.5 * (lower + upper)
        too_hot = run(np.exp(middle)).max(axis=0) > limit
        lower = np.where(too_hot, middle, lower)
        upper = np.where(too_hot, upper, middle)
    area = np.exp(upper)
    final = run(area)
    coords = {k: v for k, v in incident["solar_w_m2"].coords.items() if "time" not in v.dims}

    def variable(values, units, long_name):
        return xr.DataArray(values, dims="satellite", coords=coords,
                            attrs={"units": units, "long_name": long_name})

    return xr.Dataset(
        {
            "radiator_area_m2": variable(area, "m2", "smallest radiator area holding the limit"),
            "mean_sizing_area_m2": variable(low, "m2", "area sized for the orbit-mean input "
                                                       "(lower bound)"),
            "peak_sizing_area_m2": variable(high, "m2", "area sized for the peak input "
                                                        "(upper bound)"),
            "temperature_max_k": variable(final.max(axis=0), "K",
                                          "maximum temperature over the last orbit"),
            "temperature_min_k": variable(final.min(axis=0), "K",
                                          "minimum temperature over the last orbit"),
        },
        attrs={"max_temperature_k": limit, "orientation": orientation, "sides": sides,
               "environment_case": case, "period_s": period_s},
    )
