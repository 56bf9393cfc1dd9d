"""Transient (lumped-capacitance) radiator temperature over an orbit, and per-orbit extremes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

from orbital import _data, sun
from orbital._checks import check_choice, check_range
from orbital.constants import (
    EARTH_EQUATORIAL_RADIUS_KM,
    EARTH_MEAN_RADIUS_KM,
    STEFAN_BOLTZMANN_W_M2_K4,
)
from orbital.orbits import (
    check_states,
    map_over_satellite_chunks,
    orbital_period_min,
    satellite_chunks,
)
from orbital.thermal.environment import (
    DEFAULT_ABSORPTIVITY,
    DEFAULT_EMISSIVITY,
    PANEL_ORIENTATIONS,
    panel_incident_flux,
)
from orbital.thermal.radiator import absorbed_w_m2


def solve_radiative_balance(a, b, *, guess=None, tolerance: float = 1e-12,
                            max_iterations: int = 60):
    """Positive root of a·x⁴ + x = b, vectorized, for a ≥ 0 and b > 0.

    Parameters
    ----------
    a : float or array
        Quartic coefficient [K⁻³], ≥ 0.
    b : float or array
        Right-hand side [K], > 0.
    guess : float or array, optional
        A nearby value (e.g. the previous time step's temperature) to start from.
    tolerance : float, default 1e-12
        Relative step size at which Newton stops.
    max_iterations : int, default 60

    Returns
    -------
    numpy.ndarray
        x > 0, the unique positive root (never NaN).

    Notes
    -----
    f(x) = a x⁴ + x − b is increasing and convex on x > 0, with f(0) = −b < 0, so the
    positive root is unique. Both b and (b/a)^¼ are upper bounds (f ≥ 0 there), and so is
    one Newton step from any positive guess (convexity); Newton's method started from the
    smallest of these stays above the root and decreases monotonically to it (no overshoot),
    converging quadratically; each element stops once its own step falls below ``tolerance``,
    so its root does not depend on the rest of the array. This is the backward-Euler step
    of the lumped radiator equation and the equilibrium of a radiator with a linear
    conductance.

    Examples
    --------
    >>> float(solve_radiative_balance(1.0, 2.0))   # x⁴ + x = 2
    1.0
    """
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    a, b = np.broadcast_arrays(a, b)
    with np.errstate(divide="ignore"):
        x = np.minimum(b, np.where(a > 0, (b / np.where(a > 0, a, 1.0)) ** 0.25, np.inf))
    if guess is not None:
        start = np.abs(np.asarray(guess, dtype=float))
        start = start - (a * start**4 + start - b) / (4.0 * a * start**3 + 1.0)
        x = np.where(start > 0, np.minimum(x, start), x)
    # each element stops at its own convergence, so its root does not depend on the others
    # in the array (a satellite's temperature is then the same whatever chunk it is run in)
    active = np.ones(x.shape, dtype=bool)
    for _ in range(max_iterations):
        step = (a * x**4 + x - b) / (4.0 * a * x**3 + 1.0)
        x = np.where(active, x - step, x)
        active &= np.abs(step) > tolerance * np.abs(x)
        if not active.any():
            break
    return x


def transient_temperature(times, heat_w, area_m2, heat_capacity_j_k, emissivity=DEFAULT_EMISSIVITY,
                          absorptivity=DEFAULT_ABSORPTIVITY, *, sides: int = 2, solar_w_m2=0.0,
                          albedo_w_m2=0.0, earth_ir_w_m2=0.0, incident=None, fin_efficiency=1.0,
                          initial_temperature_k=None) -> xr.Dataset:
    """Temperature of a lumped radiator node over time, for many satellites at once.

    Parameters
    ----------
    times : array of datetime64, shape (time,)
        UTC times, increasing.
    heat_w : float, array or DataArray (time, satellite)
        Internal heat delivered to the node [W], ≥ 0 — all the electrical power the satellite
        dissipates (compute, conversion and battery losses).
    area_m2 : float or array (satellite,)
        Radiator panel area [m²], > 0.
    heat_capacity_j_k : float or array (satellite,)
        Heat capacity of the node (radiator, coolant, electronics) [J/K], > 0.
    emissivity, absorptivity : float or array (satellite,), defaults 0.9 and 0.2, the
        :data:`DEFAULT_COATING` (``"design-white-paint"``)
        Radiator optical properties [1], 0 … 1.
    sides : {1, 2}, default 2
        Radiating faces.
    solar_w_m2, albedo_w_m2, earth_ir_w_m2 : float, array or DataArray (time, satellite)
        Incident fluxes per m² of panel [W/m²]; or ``incident`` from
        :func:`orbital.thermal.panel_incident_flux`.
    fin_efficiency : float or array (satellite,), default 1
        Fin efficiency η [1], in (0, 1] (see :func:`orbital.thermal.net_rejection_w_m2`).
    initial_temperature_k : float or array (satellite,), optional
        Node temperature at the first time [K]; default: the equilibrium temperature under
        the time-averaged heat and loads (close to the periodic steady state).

    Returns
    -------
    xarray.Dataset
        ``temperature_k`` (time, satellite) [K], ``absorbed_w`` and ``emitted_w``
        (time, satellite) [W].

    Notes
    -----
    C dT/dt = Q(t) + η A q_abs(t) − η n ε σ A T⁴, with q_abs = α (q_sun + q_alb) + ε q_IR.
    Stepped by backward Euler, which is unconditionally stable and keeps T > 0: each step
    solves the quartic a T⁴ + T = b with a = η n ε σ A Δt / C and
    b = T_prev + Δt (Q + η A q_abs)/C (:func:`solve_radiative_balance`). One loop over time
    steps, vectorized over satellites; the error is first order in Δt/τ with the radiative
    time constant τ = C / (4 η n ε σ A T³).

    References
    ----------
    .. [1] D. G. Gilmore (ed.), *Spacecraft Thermal Control Handbook*, Vol. I, 2nd ed.,
       Aerospace Press 2002, ch. 5 (transient analysis of lumped nodes).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.datetime64("2026-03-20") + np.arange(4) * np.timedelta64(600, "s")
    >>> ds = transient_temperature(t, 1000.0, 1.2098, 1e5, initial_temperature_k=300.0)
    >>> ds.temperature_k.values[:, 0].round(1)     # already at equilibrium: stays there
    array([300., 300., 300., 300.])
    """
    time_values = _data.read_utc_times(times, field="times")
    if time_values.ndim != 1 or time_values.size < 2:
        raise ValueError(f"times: need a 1-D array of at least 2 UTC times, got shape "
                         f"{time_values.shape}")
    step_s = np.diff(time_values).astype("timedelta64[ns]").astype(float) / 1e9
    if (step_s <= 0).any():
        raise ValueError("times: must increase strictly; found a step of "
                         f"{step_s[step_s <= 0][0]:g} s")
    check_choice("sides", sides, (1, 2))
    n_time = time_values.size

    def as_time_satellite(value):
        array = value.transpose("time", ...).values if isinstance(value, xr.DataArray) else value
        array = np.asarray(array, dtype=float)
        if array.ndim == 1 and array.shape[0] == n_time:
            array = array[:, None]
        return array

    heat = check_range("heat_w", as_time_satellite(heat_w), 0.0, None, unit="W")
    fluxes = {"solar_w_m2": solar_w_m2, "albedo_w_m2": albedo_w_m2, "earth_ir_w_m2": earth_ir_w_m2}
    if incident is not None:
        fluxes = {name: incident[name] for name in fluxes}
    load = absorbed_w_m2(emissivity, absorptivity,
                         **{name: as_time_satellite(value) for name, value in fluxes.items()})
    area = check_range("area_m2", area_m2, 0.0, None, low_inclusive=False, unit="m²")
    capacity = check_range("heat_capacity_j_k", heat_capacity_j_k, 0.0, None,
                           low_inclusive=False, unit="J/K")
    emissivity = check_range("emissivity", emissivity, 0.0, 1.0, low_inclusive=False)
    area = area * check_range("fin_efficiency", fin_efficiency, 0.0, 1.0, low_inclusive=False)
    shape = np.broadcast_shapes(np.atleast_2d(heat).shape if heat.ndim else (1, 1),
                                np.atleast_2d(load).shape if load.ndim else (1, 1),
                                (1,) + np.shape(area), (1,) + np.shape(capacity),
                                (1,) + np.shape(emissivity))
    shape = (n_time, shape[1])
    power_in = np.broadcast_to(heat, shape) + np.broadcast_to(area * load, shape)
    conductance = sides * emissivity * STEFAN_BOLTZMANN_W_M2_K4 * area  # W/K⁴
    conductance = np.broadcast_to(conductance, shape[1:])
    capacity = np.broadcast_to(capacity, shape[1:])

    if initial_temperature_k is None:
        start = (power_in.mean(axis=0) / conductance) ** 0.25
    else:
        start = np.broadcast_to(check_range("initial_temperature_k", initial_temperature_k, 0.0,
                                            None, low_inclusive=False, unit="K"), shape[1:])
    temperature = np.empty(shape)
    temperature[0] = start
    for index in range(1, n_time):
        dt_over_c = step_s[index - 1] / capacity
        temperature[index] = solve_radiative_balance(
            conductance * dt_over_c, temperature[index - 1] + dt_over_c * power_in[index],
            guess=temperature[index - 1])
    coords = {"time": time_values, "satellite": np.arange(shape[1])}
    for candidate in (heat_w, solar_w_m2, incident):
        if isinstance(candidate, (xr.DataArray, xr.Dataset)) and "satellite" in candidate.dims:
            coords = {k: v for k, v in candidate.coords.items()
                      if set(v.dims) <= {"time", "satellite"}}
            coords["time"] = time_values
            break

    def variable(values, units, long_name):
        return xr.DataArray(values, dims=("time", "satellite"), coords=coords,
                            attrs={"units": units, "long_name": long_name})

    return xr.Dataset({
        "temperature_k": variable(temperature, "K", "lumped radiator-node temperature"),
        "absorbed_w": variable(np.broadcast_to(area * load, shape).copy(), "W",
                               "environmental heat absorbed by the radiator (times fin "
                               "efficiency)"),
        "emitted_w": variable(conductance * temperature**4, "W",
                              "heat radiated by the radiator (times fin efficiency)"),
    })


def orbit_extremes(temperature_k: xr.DataArray, period_s: float, *, min_temperature_k=None,
                   max_temperature_k=None) -> xr.Dataset:
    """Minimum and maximum temperature in each orbit, and whether an allowed range holds.

    Parameters
    ----------
    temperature_k : xarray.DataArray (time, satellite)
        Temperatures [K], e.g. ``transient_temperature(...).temperature_k``.
    period_s : float
        Orbital period [s] used to cut the time axis into orbits (from the first time).
    min_temperature_k, max_temperature_k : float, optional
        Allowed range [K]; absent bounds are not checked.

    Returns
    -------
    xarray.Dataset
        ``temperature_min_k``, ``temperature_max_k`` (orbit, satellite) [K],
        ``within_range`` (orbit, satellite) and ``range_held`` (satellite) booleans, and the
        ``orbit_start`` time coordinate. A last, partial orbit is kept. Dask-backed
        temperatures give a dask-backed result, one satellite chunk at a time.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> t = np.datetime64("2026-03-20") + np.arange(4) * np.timedelta64(30, "m")
    >>> temp = xr.DataArray([[280.0], [300.0], [290.0], [310.0]], dims=("time", "satellite"),
    ...                     coords={"time": t, "satellite": [0]})
    >>> ds = orbit_extremes(temp, 3600.0, max_temperature_k=305.0)
    >>> ds.temperature_max_k.values[:, 0], bool(ds.range_held[0])
    (array([300., 310.]), False)
    """
    period = float(check_range("period_s", period_s, 0.0, None, low_inclusive=False, unit="s"))
    if temperature_k.chunks is not None and "satellite" in temperature_k.dims:
        # lazy, one satellite chunk at a time (the whole time axis in each)
        return map_over_satellite_chunks(
            lambda block, **bounds: orbit_extremes(block["temperature_k"], period, **bounds),
            temperature_k.to_dataset(name="temperature_k"), min_temperature_k=min_temperature_k,
            max_temperature_k=max_temperature_k)
    data = temperature_k.transpose("time", "satellite")
    elapsed = (data["time"].values - data["time"].values[0]).astype("timedelta64[ns]")
    orbit = np.floor(elapsed.astype(float) / 1e9 / period).astype(int)
    starts = np.flatnonzero(np.r_[True, orbit[1:] != orbit[:-1]])
    values = data.values
    low = np.minimum.reduceat(values, starts, axis=0)
    high = np.maximum.reduceat(values, starts, axis=0)
    within = np.ones(low.shape, dtype=bool)
    if min_temperature_k is not None:
        within &= low >= float(check_range("min_temperature_k", min_temperature_k, 0.0, None,
                                           low_inclusive=False, unit="K"))
    if max_temperature_k is not None:
        within &= high <= float(check_range("max_temperature_k", max_temperature_k, 0.0, None,
                                            low_inclusive=False, unit="K"))
    coords = {"orbit": np.arange(starts.size), "satellite": data["satellite"].values,
              "orbit_start": ("orbit", data["time"].values[starts])}
    for name, coord in data.coords.items():
        if coord.dims == ("satellite",) and name != "satellite":
            coords[name] = ("satellite", coord.values)
    dims = ("orbit", "satellite")
    return xr.Dataset(
        {
            "temperature_min_k": xr.DataArray(low, dims=dims, coords=coords, attrs={
                "units": "K", "long_name": "minimum temperature in the orbit"}),
            "temperature_max_k": xr.DataArray(high, dims=dims, coords=coords, attrs={
                "units": "K", "long_name": "maximum temperature in the orbit"}),
            "within_range": xr.DataArray(within, dims=dims, coords=coords, attrs={
                "units": "1", "long_name": "temperature stayed in the allowed range"}),
            "range_held": xr.DataArray(within.all(axis=0), dims="satellite",
                                       coords={k: v for k, v in coords.items()
                                               if k in ("satellite",) or
                                               (isinstance(v, tuple) and v[0] == "satellite")},
                                       attrs={"units": "1", "long_name": "allowed range held in "
                                                                          "every orbit"}),
        },
        attrs={"period_s": period,
               "min_temperature_k": float("nan") if min_temperature_k is None
               else float(min_temperature_k),
               "max_temperature_k": float("nan") if max_temperature_k is None
               else float(max_temperature_k)},
    )


@dataclass(frozen=True)
class RadiatorDesign:
    """A satellite's radiator and thermal mass, with the allowed temperature range.

    Parameters
    ----------
    area_m2 : float
        Radiator panel area [m²], > 0.
    heat_capacity_j_k : float
        Heat capacity of the lumped node (radiator, coolant loop, electronics) [J/K], > 0.
    emissivity, absorptivity : float, defaults 0.9 and 0.2, the
        :data:`DEFAULT_COATING` (``"design-white-paint"``)
        Coating properties [1] (see :func:`orbital.thermal.coating_properties`).
    sides : {1, 2}, default 2
        Radiating faces.
    orientation : str, default "edge-on"
        One of :data:`orbital.thermal.PANEL_ORIENTATIONS`.
    min_temperature_k, max_temperature_k : float, defaults 273.15 and 358.15
        Allowed range of the node [K] — the chip's range minus its junction-to-radiator rise.
    fin_efficiency : float, default 1
        Radiator fin efficiency [1], in (0, 1] (see :func:`orbital.thermal.net_rejection_w_m2`).

    Examples
    --------
    >>> RadiatorDesign(area_m2=50.0, heat_capacity_j_k=2e6).sides
    2
    """

    area_m2: float
    heat_capacity_j_k: float
    emissivity: float = 0.9
    absorptivity: float = 0.2
    sides: int = 2
    orientation: str = "edge-on"
    min_temperature_k: float = 273.15
    max_temperature_k: float = 358.15
    fin_efficiency: float = 1.0

    def __post_init__(self):
        check_range("area_m2", self.area_m2, 0.0, None, low_inclusive=False, unit="m²")
        check_range("heat_capacity_j_k", self.heat_capacity_j_k, 0.0, None,
                    low_inclusive=False, unit="J/K")
        check_range("emissivity", self.emissivity, 0.0, 1.0, low_inclusive=False)
        check_range("absorptivity", self.absorptivity, 0.0, 1.0)
        check_range("fin_efficiency", self.fin_efficiency, 0.0, 1.0, low_inclusive=False)
        check_choice("sides", self.sides, (1, 2))
        check_choice("orientation", self.orientation, PANEL_ORIENTATIONS)
        low = check_range("min_temperature_k", self.min_temperature_k, 0.0, None,
                          low_inclusive=False, unit="K")
        check_range("max_temperature_k", self.max_temperature_k, float(low), None,
                    low_inclusive=False, unit="K")


#: Variable of an :func:`orbital.power.energy_balance` Dataset read as the heat to reject:
#: load served + power-conditioning loss + battery loss (all electrical power ends as heat).
WASTE_HEAT_VARIABLE = "waste_heat_w"


def waste_heat(heat_w, shape) -> np.ndarray:
    """Heat [W] on (time, satellite) ``shape``: a number, a DataArray or an energy balance."""
    if isinstance(heat_w, xr.Dataset):
        if WASTE_HEAT_VARIABLE not in heat_w:
            raise ValueError(f"heat_w: the Dataset has no {WASTE_HEAT_VARIABLE!r} variable (pass "
                             "orbital.power.energy_balance(...) or a DataArray); its variables "
                             f"are {sorted(heat_w.data_vars)}")
        heat_w = heat_w[WASTE_HEAT_VARIABLE]
    if isinstance(heat_w, xr.DataArray):
        return heat_w.transpose("time", "satellite").values
    return np.broadcast_to(np.asarray(heat_w, dtype=float), shape)


def balance_shadow(heat_w, disk_fraction):
    """``disk_fraction``, else the shadow of an energy-balance ``heat_w`` (power and thermal
    then see the same one), else None."""
    if (disk_fraction is None and isinstance(heat_w, xr.Dataset)
            and "visible_solar_fraction" in heat_w):
        return heat_w["visible_solar_fraction"]
    return disk_fraction


def mean_period_s(states: xr.Dataset) -> float:
    """Keplerian period at the mean orbital radius of the states [s]
    (:func:`orbital.orbits.orbital_period_min`); dask-backed states are reduced chunk by
    chunk (one pass over them)."""
    position = states["position_gcrs_km"]
    if position.chunks is not None:
        radius_km = float(np.sqrt((position * position).sum("xyz")).mean().compute())
        return float(orbital_period_min(radius_km - EARTH_EQUATORIAL_RADIUS_KM)) * 60.0
    radius_km = float(np.mean(np.linalg.norm(position.values, axis=-1)))
    return float(orbital_period_min(radius_km - EARTH_EQUATORIAL_RADIUS_KM)) * 60.0


def orbit_incident_flux(states: xr.Dataset, orientation: str, *, sides: int = 2,
                        case: str = "nominal", disk_fraction=None, sun_direction=None,
                        solar_flux_w_m2=None) -> xr.Dataset:
    """Environmental fluxes on a radiator panel along propagated orbits [W/m² of panel].

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` (``position_gcrs_km``: time, satellite, xyz).
    orientation : str
        One of :data:`orbital.thermal.PANEL_ORIENTATIONS`.
    sides : {1, 2}, default 2
        Radiating faces.
    case : {"nominal", "hot", "cold"}, default "nominal"
        Environment parameter set.
    disk_fraction : DataArray (time, satellite), optional
        Visible solar-disk fraction; default :func:`orbital.sun.shadow_fraction`.
    sun_direction : DataArray (time, [satellite,] xyz), optional
        Unit vector towards the Sun in GCRS; default :func:`orbital.sun.sun_direction_gcrs`.
    solar_flux_w_m2 : float or DataArray, optional
        Overrides the case's solar flux [W/m²] (e.g. :func:`orbital.sun.solar_flux_w_m2`).

    Returns
    -------
    xarray.Dataset
        As :func:`orbital.thermal.panel_incident_flux`, on (``time``, ``satellite``), plus
        ``sun_zenith_cosine`` and ``visible_solar_fraction``.

    Notes
    -----
    c = r̂·ŝ at each satellite; the altitude fed to the view factor is |r| − R⊕ with the
    mean radius, consistent with the spherical-Earth view factor (the geodetic height differs
    by up to ~14 km between equator and pole).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> t = np.datetime64("2026-03-20") + np.arange(2) * np.timedelta64(60, "s")
    >>> pos = xr.DataArray(np.tile([7000.0, 0.0, 0.0], (2, 1, 1)),
    ...                    dims=("time", "satellite", "xyz"),
    ...                    coords={"time": t, "satellite": [0], "xyz": ["x", "y", "z"]})
    >>> sun = xr.DataArray(np.tile([1.0, 0.0, 0.0], (2, 1)), dims=("time", "xyz"))
    >>> ds = orbit_incident_flux(xr.Dataset({"position_gcrs_km": pos}), "earth-facing",
    ...                          disk_fraction=1.0, sun_direction=sun)
    >>> float(ds.solar_w_m2[0, 0])    # the zenith face sees the Sun overhead
    1360.8
    """
    check_choice("orientation", orientation, PANEL_ORIENTATIONS)
    check_states(states, need=("position_gcrs_km",))
    if satellite_chunks(states) is not None:
        # Memory: dask-backed states are mapped one satellite chunk at a time (the numpy path
        # below on each chunk), never holding the full (time, satellite) arrays.
        return map_over_satellite_chunks(
            orbit_incident_flux, states,
            split=dict(disk_fraction=disk_fraction, sun_direction=sun_direction,
                       solar_flux_w_m2=solar_flux_w_m2),
            orientation=orientation, sides=sides, case=case)
    position = states["position_gcrs_km"].transpose("time", "satellite", "xyz")
    radius = np.linalg.norm(position.values, axis=-1)
    altitude = radius - EARTH_MEAN_RADIUS_KM
    if sun_direction is None or disk_fraction is None:
        if sun_direction is None:
            sun_direction = sun.sun_direction_gcrs(states)
        if disk_fraction is None:
            disk_fraction = sun.shadow_fraction(states)
    sun_values = (sun_direction.transpose("time", ..., "xyz").values
                  if isinstance(sun_direction, xr.DataArray)
                  else np.asarray(sun_direction, dtype=float))
    if sun_values.ndim == 2:
        sun_values = sun_values[:, None, :]
    sun_values = sun_values / np.linalg.norm(sun_values, axis=-1, keepdims=True)
    zenith = np.clip(np.einsum("tsx,tsx->ts", position.values / radius[..., None],
                               np.broadcast_to(sun_values, position.shape)), -1.0, 1.0)
    disk = (disk_fraction.transpose("time", "satellite").values
            if isinstance(disk_fraction, xr.DataArray) else disk_fraction)
    disk = np.broadcast_to(np.asarray(disk, dtype=float), zenith.shape)
    if isinstance(solar_flux_w_m2, xr.DataArray):
        solar_flux_w_m2 = np.broadcast_to(
            solar_flux_w_m2.transpose("time", ...).values.reshape((zenith.shape[0], -1)),
            zenith.shape)
    coords = {k: v for k, v in position.coords.items() if set(v.dims) <= {"time", "satellite"}}
    template = xr.DataArray(zenith, dims=("time", "satellite"), coords=coords)
    incident = panel_incident_flux(orientation, template.copy(data=np.maximum(altitude, 1e-3)),
                                   template, template.copy(data=disk), sides=sides, case=case,
                                   solar_flux_w_m2=solar_flux_w_m2)
    incident["sun_zenith_cosine"] = template.assign_attrs(
        units="1", long_name="cosine of the Sun's zenith angle at the sub-satellite point")
    incident["visible_solar_fraction"] = template.copy(data=disk).assign_attrs(
        units="1", long_name="visible fraction of the solar disk")
    return incident


def orbit_temperature(states: xr.Dataset, design: RadiatorDesign, heat_w, *, disk_fraction=None,
                      sun_direction=None, case: str = "nominal", solar_flux_w_m2=None,
                      initial_temperature_k=None, period_s=None) -> xr.Dataset:
    """Radiator temperature along propagated orbits, with per-orbit extremes.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate`: ``position_gcrs_km`` (time, satellite,
        xyz).
    design : RadiatorDesign
        Radiator, thermal mass and allowed range.
    heat_w : float, DataArray (time, satellite) or Dataset
        Heat the satellite dissipates [W]; the Dataset of :func:`orbital.power.energy_balance`
        is read through ``waste_heat_w`` (load served + conversion and battery losses), and
        its ``visible_solar_fraction`` serves as ``disk_fraction`` when that is omitted, so
        power and thermal see the same shadow.
    disk_fraction : DataArray (time, satellite), optional
        Visible solar-disk fraction; default the energy balance's, else
        :func:`orbital.sun.shadow_fraction`.
    sun_direction : DataArray (time, [satellite,] xyz), optional
        Unit vector towards the Sun in GCRS; default :func:`orbital.sun.sun_direction_gcrs`.
    case : {"nominal", "hot", "cold"}, default "nominal"
        Environment parameter set (albedo, OLR, solar flux).
    solar_flux_w_m2 : float or DataArray, optional
        Overrides the case's solar flux [W/m²] (e.g. :func:`orbital.sun.solar_flux_w_m2`).
    initial_temperature_k : float or array, optional
        See :func:`transient_temperature`.
    period_s : float, optional
        Period [s] cutting the time axis into orbits for the extremes; default the Keplerian
        period at the states' mean radius (:func:`mean_period_s`). Give it when the states are
        dask-backed (the default then costs one extra pass over the states) or processed in
        chunks (each chunk would otherwise use its own mean radius).

    Returns
    -------
    xarray.Dataset
        ``temperature_k``, ``absorbed_w``, ``emitted_w``, ``heat_w`` (time, satellite);
        ``solar_w_m2``, ``albedo_w_m2``, ``earth_ir_w_m2`` incident fluxes,
        ``sun_zenith_cosine`` and ``visible_solar_fraction`` (time, satellite)
        (:func:`orbit_incident_flux`);
        ``temperature_min_k``, ``temperature_max_k``, ``within_range`` (orbit, satellite);
        ``range_held`` (satellite).

    Notes
    -----
    The sub-satellite solar zenith cosine is r̂·ŝ; the panel geometry is that of
    :func:`orbital.thermal.panel_incident_flux`; the node follows
    :func:`transient_temperature`; orbits are cut with the Keplerian period at the mean
    orbital radius, T = 2π √(a³/μ).

    Dask-backed states (``propagate(..., chunks={"satellite": n})``) give a dask-backed
    result computed one satellite chunk at a time, equal bit for bit to the in-memory one
    for the same period; the implicit time march needs the whole time axis, so states chunked
    along time are rechunked to a single time chunk
    (:func:`orbital.orbits.map_over_satellite_chunks`).

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import propagate, sun_synchronous
    >>> from orbital.power import Battery, SolarArray, energy_balance
    >>> orbit = sun_synchronous(altitude_km=650.0, ltan_hours=18.0)
    >>> states = propagate(orbit, orbit.epoch + np.arange(200) * np.timedelta64(60, "s"))
    >>> balance = energy_balance(states, SolarArray(60.0), Battery(20_000.0), load_w=8_000.0)
    >>> design = RadiatorDesign(area_m2=15.0, heat_capacity_j_k=2e6)
    >>> ds = orbit_temperature(states, design, balance)
    >>> bool(ds.range_held[0]), ds.temperature_max_k.dims
    (True, ('orbit', 'satellite'))

    Without the ephemeris, give the Sun and the shadow yourself:

    >>> import xarray as xr
    >>> t = np.datetime64("2026-03-20") + np.arange(3) * np.timedelta64(60, "s")
    >>> pos = xr.DataArray(np.tile([7000.0, 0.0, 0.0], (3, 1, 1)),
    ...                    dims=("time", "satellite", "xyz"),
    ...                    coords={"time": t, "satellite": [0], "xyz": ["x", "y", "z"]})
    >>> sun = xr.DataArray(np.tile([0.0, 1.0, 0.0], (3, 1)), dims=("time", "xyz"))
    >>> ds = orbit_temperature(xr.Dataset({"position_gcrs_km": pos}),
    ...                        RadiatorDesign(area_m2=2.0, heat_capacity_j_k=1e5), 1000.0,
    ...                        disk_fraction=1.0, sun_direction=sun)
    >>> ds.temperature_k.dims
    ('time', 'satellite')
    """
    if not isinstance(design, RadiatorDesign):
        raise TypeError(f"design: expected a RadiatorDesign, got {type(design).__name__}")
    if period_s is not None:
        period_s = float(check_range("period_s", period_s, 0.0, None, low_inclusive=False,
                                     unit="s"))
    if isinstance(states, xr.Dataset) and satellite_chunks(states) is not None:
        check_states(states, need=("position_gcrs_km",))
        # Memory: one satellite chunk at a time through the numpy path below; the orbits are
        # cut with one period for all chunks.
        return map_over_satellite_chunks(
            orbit_temperature, states,
            split=dict(heat_w=heat_w, disk_fraction=disk_fraction, sun_direction=sun_direction,
                       solar_flux_w_m2=solar_flux_w_m2,
                       initial_temperature_k=initial_temperature_k),
            design=design, case=case,
            period_s=mean_period_s(states) if period_s is None else period_s)
    incident = orbit_incident_flux(states, design.orientation, sides=design.sides, case=case,
                                   disk_fraction=balance_shadow(heat_w, disk_fraction),
                                   sun_direction=sun_direction, solar_flux_w_m2=solar_flux_w_m2)
    template = incident["solar_w_m2"]
    coords = {k: v for k, v in template.coords.items() if k != "time"}
    heat_values = waste_heat(heat_w, template.shape)
    result = transient_temperature(
        template["time"].values, heat_values, design.area_m2, design.heat_capacity_j_k,
        design.emissivity, design.absorptivity, sides=design.sides, incident=incident,
        fin_efficiency=design.fin_efficiency, initial_temperature_k=initial_temperature_k)
    result = result.assign_coords(coords)
    result["heat_w"] = template.copy(data=np.asarray(heat_values, dtype=float)).assign_attrs(
        units="W", long_name="heat dissipated by the satellite")
    for name in ("solar_w_m2", "albedo_w_m2", "earth_ir_w_m2", "sun_zenith_cosine",
                 "visible_solar_fraction"):
        result[name] = incident[name]
    period_s = mean_period_s(states) if period_s is None else period_s
    extremes = orbit_extremes(result["temperature_k"], period_s,
                              min_temperature_k=design.min_temperature_k,
                              max_temperature_k=design.max_temperature_k)
    result = result.assign({name: extremes[name] for name in extremes.data_vars})
    result.attrs.update({"orientation": design.orientation, "sides": design.sides,
                         "environment_case": case, "period_s": period_s,
                         "min_temperature_k": design.min_temperature_k,
                         "max_temperature_k": design.max_temperature_k})
    return result
