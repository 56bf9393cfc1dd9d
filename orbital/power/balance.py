"""The time-stepped orbit energy balance, its pointing geometry and orbit-averaged figures."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital import sun
from orbital._checks import check_range
from orbital.constants import SECONDS_PER_JULIAN_YEAR, SOLAR_CONSTANT_W_M2
from orbital.orbits import check_states, map_over_satellite_chunks, satellite_chunks
from orbital.power.components import Battery, SolarArray

_HOURS_PER_YEAR = SECONDS_PER_JULIAN_YEAR / 3600.0

#: Duration a lone sample holds [s] when states have a single time (no step to repeat): one
#: minute, the sampling the examples and studies use for LEO balances.
SINGLE_SAMPLE_STEP_S = 60.0


def _step_hours(times: np.ndarray) -> np.ndarray:
    """Duration each sample holds [h]: [t_k, t_k+1); the last repeats the previous, and a lone
    sample holds :data:`SINGLE_SAMPLE_STEP_S` (times are strictly increasing: check_states)."""
    seconds = np.diff(times).astype("timedelta64[ns]").astype(np.int64) * 1e-9
    return np.append(seconds, seconds[-1] if seconds.size else SINGLE_SAMPLE_STEP_S) / 3600.0


def incidence_cosine(states, array: SolarArray) -> xr.DataArray:
    """Cosine of the Sun's incidence on the array for its pointing mode (shadow ignored).

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` (GCRS positions and velocities).
    array : SolarArray

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``), 0 … 1.

    Notes
    -----
    Local orbital frame: x̂ = r̂, ẑ = (r × v)/|r × v|, ŷ = ẑ × x̂. With ŝ the satellite→Sun unit
    vector and â the array's vector in that frame: sun-tracking 1; single-axis √(1 − (ŝ·â)²);
    body-fixed max(0, ŝ·â). Dask-backed states give a dask-backed result, computed one
    satellite chunk at a time (:func:`orbital.orbits.map_over_satellite_chunks`).
    """
    check_states(states, need=("position_gcrs_km",) if array.pointing == "sun-tracking"
                 else ("position_gcrs_km", "velocity_gcrs_km_s"))
    if satellite_chunks(states) is not None:  # lazy, one satellite chunk at a time
        return map_over_satellite_chunks(incidence_cosine, states, array=array)
    name, long_name = "incidence_cosine", f"cosine of Sun incidence on the array ({array.pointing})"
    coords = {"time": states["time"].values, "satellite": states["satellite"].values}
    if array.pointing == "sun-tracking":
        shape = (states.sizes["time"], states.sizes["satellite"])
        return xr.DataArray(np.ones(shape), dims=("time", "satellite"), coords=coords, name=name,
                            attrs={"units": "1", "long_name": long_name})
    position = states["position_gcrs_km"].transpose("time", "satellite", "xyz").values
    velocity = states["velocity_gcrs_km_s"].transpose("time", "satellite", "xyz").values
    radial = position / np.linalg.norm(position, axis=-1, keepdims=True)
    normal = np.cross(position, velocity)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    along = np.cross(normal, radial)
    a_r, a_t, a_n = array.pointing_vector_lvlh
    axis = a_r * radial + a_t * along + a_n * normal
    cosine = np.einsum("tsi,tsi->ts", sun.sun_direction_gcrs(states).values, axis)
    if array.pointing == "single-axis":
        cosine = np.sqrt(np.clip(1.0 - cosine * cosine, 0.0, 1.0))
    else:
        cosine = np.clip(cosine, 0.0, 1.0)
    return xr.DataArray(cosine, dims=("time", "satellite"), coords=coords, name=name,
                        attrs={"units": "1", "long_name": long_name})


# --------------------------------------------------------------------------- energy balance


def _per_satellite(field_name, value, n_time, n_satellite, unit):
    """Broadcast a scalar, (satellite,) or (time, satellite) load to (time, satellite)."""
    if isinstance(value, xr.DataArray):
        dims = [d for d in ("time", "satellite") if d in value.dims]
        value = value.transpose(*dims).values if dims else value.values
        if dims == ["satellite"]:
            value = value[None, :]
        elif dims == ["time"]:
            value = value[:, None]
    array = check_range(field_name, value, 0.0, None, unit=unit)
    try:
        return np.broadcast_to(array, (n_time, n_satellite))
    except ValueError:
        raise ValueError(f"{field_name}: shape {np.shape(array)} does not broadcast to (time, "
                         f"satellite) = ({n_time}, {n_satellite})") from None


def energy_balance(states, array: SolarArray, battery: Battery, load_w, housekeeping_w=0.0, *,
                   power_conditioning_efficiency: float = 0.95, shadow=None,
                   array_temperature_k=None, years_in_orbit: float = 0.0, fluence_e_cm2=None,
                   grazing_height_km: float = 0.0, earth_shape: str = "sphere",
                   solar_constant_w_m2: float = SOLAR_CONSTANT_W_M2) -> xr.Dataset:
    """Time-stepped power balance of each satellite: generation, load shedding and battery.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate`.
    array : SolarArray
    battery : Battery
    load_w : float, array (satellite,) or DataArray (time, satellite)
        Compute load demanded [W], ≥ 0. This is the part that is throttled first.
    housekeeping_w : float, array (satellite,) or DataArray (time, satellite), default 0
        Bus housekeeping load kept whenever energy allows [W], ≥ 0.
    power_conditioning_efficiency : float, default 0.95
        Array-to-bus conversion efficiency (MPPT regulator and distribution), in (0, 1]
        (SMAD §11.4: peak-power trackers ~0.8–0.95 including distribution).
    shadow : DataArray (time, satellite), optional
        Visible solar fraction in [0, 1] from :func:`orbital.sun.shadow_fraction` (computed if
        omitted).
    array_temperature_k : float or DataArray (time, satellite), optional
        Array temperature [K] from the thermal model (default ``array.operating_temperature_k``).
    years_in_orbit : float, default 0
        Array age [years] for ``array.degradation_per_year``.
    fluence_e_cm2 : float or array (satellite,), optional
        1-MeV-equivalent electron fluence [e/cm²] for ``array.fluence_degradation``.
    grazing_height_km : float, default 0
        Passed to :func:`orbital.sun.shadow_fraction` when ``shadow`` is omitted.
    earth_shape : {"sphere", "wgs84"}, default "sphere"
        Passed to :func:`orbital.sun.shadow_fraction` when ``shadow`` is omitted; "wgs84"
        matters for orbits that graze the shadow (e.g. a 1 400 km dawn–dusk SSO in June).
    solar_constant_w_m2 : float, default 1360.8
        TSI at 1 AU [W/m²].

    Returns
    -------
    xarray.Dataset
        On (``time``, ``satellite``): ``generated_power_w`` (array output available),
        ``curtailed_power_w`` (available but not drawn), ``conversion_loss_w``,
        ``load_served_w`` (housekeeping + compute served), ``compute_served_w``,
        ``compute_duty_cycle``, ``housekeeping_shortfall_w``, ``battery_charge_w`` and
        ``battery_discharge_w`` (bus side), ``battery_loss_w``, ``battery_energy_wh`` and
        ``state_of_charge`` (at the start of each step), ``waste_heat_w``,
        ``visible_solar_fraction``, ``incidence_cosine``. On (``satellite``):
        ``battery_energy_end_wh``, ``discharge_cycles``, ``equivalent_full_cycles``,
        ``max_depth_of_discharge_reached``.

    Notes
    -----
    Available array power P = S(t) · ν · cos θ · A · p · η(T, age), with S the 1/r² flux, ν the
    visible solar fraction, θ the incidence, p the packing factor. Powers are held over each step
    [tₖ, tₖ₊₁) (the last step repeats the previous duration; a single sample holds
    :data:`SINGLE_SAMPLE_STEP_S`, 60 s). Bus balance per step:

        P·η_pc − P_curt,bus + P_dis = L_hk + L_cmp + P_chg,     E ← E + (η_c P_chg − P_dis/η_d)·Δt

    with the stored energy E kept within [(1 − DoD)·C, C]. When the bus falls short the compute
    load is throttled first and housekeeping last (``housekeeping_shortfall_w`` > 0 only when
    even that cannot be met). Energy conservation, exact to rounding:
    ``generated = curtailed + conversion_loss + load_served + battery_charge − battery_discharge``.
    Waste heat = load served + conversion loss + battery loss ((1 − η_c) P_chg + (1/η_d − 1) P_dis):
    all electrical power ends as heat in the spacecraft.

    The state-of-charge recurrence is one loop over time, vectorized over satellites.
    Dask-backed states (``propagate(..., chunks={"satellite": n})``) give a dask-backed
    result computed one satellite chunk at a time, equal bit for bit to the in-memory one; the
    recurrence needs the whole time axis, so states chunked along time are rechunked to a
    single time chunk (:func:`orbital.orbits.map_over_satellite_chunks`). Waste heat is
    clipped at zero: its terms are non-negative, and only rounding (~1e-13 W) could make the
    sum negative.

    References
    ----------
    .. [1] SMAD 3rd ed. §11.4; Patel 2005 ch. 4 and 10.

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import propagate, walker_delta
    >>> shell = walker_delta(550.0, 53.0, planes=2, sats_per_plane=1, phasing=0)
    >>> times = shell.epoch + np.arange(200) * np.timedelta64(60, "s")
    >>> balance = energy_balance(propagate(shell, times), SolarArray(60.0), Battery(20_000.0),
    ...                          load_w=8_000.0, housekeeping_w=500.0)
    >>> balance.compute_duty_cycle.mean("time").values.round(2)
    array([1., 1.])
    """
    if not isinstance(array, SolarArray):
        raise ValueError(f"array: expected an orbital.power.SolarArray, got {type(array).__name__}")
    if not isinstance(battery, Battery):
        raise ValueError(f"battery: expected an orbital.power.Battery, got {type(battery).__name__}")
    # the array's pointing (unless sun-tracking) is set in the local orbital frame: r and v
    check_states(states, need=("position_gcrs_km",) if array.pointing == "sun-tracking"
                 else ("position_gcrs_km", "velocity_gcrs_km_s"))
    efficiency_pc = float(check_range("power_conditioning_efficiency",
                                      power_conditioning_efficiency, 0.0, 1.0,
                                      low_inclusive=False))
    if satellite_chunks(states) is not None:
        # Memory: dask-backed states are balanced chunk by chunk along satellite (satellites
        # are independent; the state-of-charge recurrence needs the whole time axis, so time
        # is rechunked to one chunk), never holding the full (time, satellite) arrays.
        return map_over_satellite_chunks(
            energy_balance, states,
            split=dict(load_w=load_w, housekeeping_w=housekeeping_w, shadow=shadow,
                       array_temperature_k=array_temperature_k, fluence_e_cm2=fluence_e_cm2),
            array=array, battery=battery, power_conditioning_efficiency=efficiency_pc,
            years_in_orbit=years_in_orbit, grazing_height_km=grazing_height_km,
            earth_shape=earth_shape, solar_constant_w_m2=solar_constant_w_m2)
    n_time, n_sat = states.sizes["time"], states.sizes["satellite"]
    times = states["time"].values
    compute_demand = _per_satellite("load_w", load_w, n_time, n_sat, "W")
    housekeeping = _per_satellite("housekeeping_w", housekeeping_w, n_time, n_sat, "W")

    if shadow is None:
        shadow = sun.shadow_fraction(states, grazing_height_km=grazing_height_km,
                                     earth_shape=earth_shape)
    visible = check_range("shadow", shadow.transpose("time", "satellite").values if isinstance(
        shadow, xr.DataArray) else shadow, 0.0, 1.0)
    if visible.shape != (n_time, n_sat):
        raise ValueError(f"shadow: shape {visible.shape} is not (time, satellite) = "
                         f"({n_time}, {n_sat})")
    flux = sun.solar_flux_w_m2(states, solar_constant_w_m2).values
    cosine = incidence_cosine(states, array)
    temperature = array_temperature_k
    if isinstance(temperature, xr.DataArray):
        temperature = temperature.transpose(*[d for d in ("time", "satellite")
                                              if d in temperature.dims]).values
    fluence = None
    if fluence_e_cm2 is not None:
        fluence = check_range("fluence_e_cm2", fluence_e_cm2, 0.0, 1e20, unit="e/cm²")
        if fluence.shape not in ((), (n_sat,), (n_time, n_sat)):
            raise ValueError(f"fluence_e_cm2: shape {fluence.shape} is not (), (satellite,) = "
                             f"({n_sat},) or (time, satellite) = ({n_time}, {n_sat})")
    efficiency = array.efficiency(temperature, years_in_orbit, fluence)
    generated = flux * visible * cosine.values * (array.area_m2 * array.packing_factor) * efficiency
    generated = np.broadcast_to(generated, (n_time, n_sat))

    step_h = _step_hours(times)

    capacity = battery.capacity_wh
    floor = capacity * (1.0 - battery.max_depth_of_discharge)
    eta_c, eta_d = battery.charge_efficiency, battery.discharge_efficiency
    charge_limit_w = np.inf if battery.max_charge_c_rate is None else (
        battery.max_charge_c_rate * capacity)

    bus = generated * efficiency_pc
    surplus = bus - housekeeping - compute_demand          # (time, satellite), vectorized
    energy = np.empty((n_time, n_sat))
    charge = np.zeros((n_time, n_sat))
    discharge = np.zeros((n_time, n_sat))
    stored = np.full(n_sat, capacity * battery.initial_state_of_charge)
    for k in range(n_time):                                  # the recurrence in time
        energy[k] = stored
        dt = step_h[k]
        room_w = np.maximum(capacity - stored, 0.0) / (eta_c * dt)
        available_w = np.maximum(stored - floor, 0.0) * eta_d / dt
        excess = surplus[k]
        charge[k] = np.clip(excess, 0.0, np.minimum(room_w, charge_limit_w))
        discharge[k] = np.clip(-excess, 0.0, available_w)
        stored = stored + (eta_c * charge[k] - discharge[k] / eta_d) * dt

    shortfall = np.maximum(-surplus - discharge, 0.0)        # bus power still missing
    compute_served = compute_demand - np.minimum(compute_demand, shortfall)
    housekeeping_short = np.maximum(shortfall - compute_demand, 0.0)
    load_served = housekeeping - housekeeping_short + compute_served
    curtailed_bus = np.maximum(surplus, 0.0) - charge
    curtailed = curtailed_bus / efficiency_pc
    conversion_loss = (generated - curtailed) * (1.0 - efficiency_pc)
    battery_loss = (1.0 - eta_c) * charge + (1.0 / eta_d - 1.0) * discharge
    with np.errstate(invalid="ignore", divide="ignore"):
        duty = np.where(compute_demand > 0, compute_served / compute_demand, 1.0)

    discharging = discharge > 0
    starts = discharging & ~np.vstack([np.zeros((1, n_sat), bool), discharging[:-1]])
    drawn_wh = ((discharge / eta_d) * step_h[:, None]).sum(axis=0)
    lowest = np.minimum(energy.min(axis=0), stored)

    dims = ("time", "satellite")

    def var(values, units, long_name, dims=dims):
        return (dims, np.asarray(values, dtype=float), {"units": units, "long_name": long_name})

    coords = {"time": times, "satellite": states["satellite"].values}
    for name in ("satellite_name", "plane", "shell"):
        if name in states.coords and states[name].dims == ("satellite",):
            coords[name] = ("satellite", states[name].values)
    return xr.Dataset(
        {
            "generated_power_w": var(generated, "W", "solar array output available"),
            "curtailed_power_w": var(curtailed, "W", "array power available but not drawn"),
            "conversion_loss_w": var(conversion_loss, "W", "power conditioning loss"),
            "load_served_w": var(load_served, "W", "load served (housekeeping + compute)"),
            "compute_served_w": var(compute_served, "W", "compute load served"),
            "compute_duty_cycle": var(duty, "1", "compute served / compute demanded"),
            "housekeeping_shortfall_w": var(housekeeping_short, "W",
                                            "housekeeping load not served"),
            "battery_charge_w": var(charge, "W", "bus power into the battery"),
            "battery_discharge_w": var(discharge, "W", "bus power from the battery"),
            "battery_loss_w": var(battery_loss, "W", "battery charge and discharge losses"),
            "battery_energy_wh": var(energy, "Wh", "stored energy at the start of the step"),
            "state_of_charge": var(energy / capacity if capacity > 0 else np.ones_like(energy),
                                   "1", "battery state of charge at the start of the step"),
            "waste_heat_w": var(np.maximum(load_served + conversion_loss + battery_loss, 0.0),
                                "W",
                                "electrical power dissipated as heat in the spacecraft"),
            "visible_solar_fraction": var(np.broadcast_to(visible, (n_time, n_sat)), "1",
                                          "visible fraction of the solar disk"),
            "incidence_cosine": var(cosine.values, "1", cosine.attrs["long_name"]),
            "battery_energy_end_wh": var(stored, "Wh", "stored energy after the last step",
                                         ("satellite",)),
            "discharge_cycles": var(starts.sum(axis=0), "1", "number of discharge periods",
                                    ("satellite",)),
            "equivalent_full_cycles": var(drawn_wh / capacity if capacity > 0 else
                                          np.zeros(n_sat), "1",
                                          "stored energy drawn / capacity", ("satellite",)),
            "max_depth_of_discharge_reached": var(
                (capacity - lowest) / capacity if capacity > 0 else np.zeros(n_sat), "1",
                "deepest discharge reached (fraction of capacity)", ("satellite",)),
        },
        coords=coords,
        attrs={"step_hours_last": float(step_h[-1]),
               "power_conditioning_efficiency": efficiency_pc,
               "load_shedding": "compute throttled first, housekeeping kept"},
    )


def power_figures(balance: xr.Dataset, array: SolarArray) -> xr.Dataset:
    """Orbit-averaged figures of an energy balance, per satellite: the venue model's inputs.

    Parameters
    ----------
    balance : xarray.Dataset
        Output of :func:`energy_balance` over a whole number of orbits (or a long span).
    array : SolarArray
        The array used for the balance.

    Returns
    -------
    xarray.Dataset
        On (``satellite``): ``capacity_factor`` (mean output / :meth:`SolarArray.rated_power_w`),
        ``mean_power_w_per_m2`` (per m² of array), ``energy_kwh_per_day``,
        ``energy_kwh_m2_year``, ``sunlit_fraction``, ``compute_duty_cycle_mean``,
        ``served_energy_kwh_per_day``.

    Notes
    -----
    Time averages weight each sample by the duration it holds in :func:`energy_balance`
    ([tₖ, tₖ₊₁), the last repeating the previous step), so uneven sampling (e.g. dense steps
    around eclipses) is averaged correctly; a dask-backed balance gives a dask-backed result,
    one satellite chunk at a time. The capacity factor counts
    eclipse, pointing, Sun distance and age against the array's rating at 1 AU, normal
    incidence and operating temperature; it is ~1 for a sun-tracking array in a dawn–dusk orbit
    (Starcloud: > 95 %) and ~0.6 in an eclipsing 53° shell.

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import propagate, sun_synchronous
    >>> orbit = sun_synchronous(650.0, ltan_hours=18.0, epoch=np.datetime64("2026-03-01"))
    >>> states = propagate(orbit, orbit.epoch + np.arange(98) * np.timedelta64(60, "s"))
    >>> array = SolarArray(50.0)
    >>> figures = power_figures(energy_balance(states, array, Battery(1e4), 5e3), array)
    >>> figures.capacity_factor.values.round(2)  # no eclipse in March, Sun 1 % nearer than 1 AU
    array([1.02])
    """
    if not isinstance(array, SolarArray):
        raise ValueError(f"array: expected an orbital.power.SolarArray, got {type(array).__name__}")
    needed = ["generated_power_w", "load_served_w", "visible_solar_fraction", "compute_duty_cycle"]
    if not isinstance(balance, xr.Dataset) or any(name not in balance for name in needed):
        raise ValueError(f"balance: expected the Dataset of orbital.power.energy_balance(...) with "
                         f"{needed}; got {type(balance).__name__}")
    if satellite_chunks(balance) is not None:  # lazy, one satellite chunk at a time
        return map_over_satellite_chunks(power_figures, balance, array=array)
    weights = xr.DataArray(_step_hours(balance["time"].values), dims="time")
    rated = array.rated_power_w()

    def mean(name):
        return balance[name].weighted(weights).mean("time")

    mean_generated, mean_served = mean("generated_power_w"), mean("load_served_w")

    def var(values, units, long_name):
        return ("satellite", np.asarray(values, dtype=float),
                {"units": units, "long_name": long_name})

    return xr.Dataset(
        {
            "capacity_factor": var(mean_generated / rated, "1",
                                   "mean array output / rated output (1 AU, normal incidence)"),
            "mean_power_w_per_m2": var(mean_generated / array.area_m2, "W m-2",
                                       "mean array output per m² of array"),
            "energy_kwh_per_day": var(mean_generated * 24.0 / 1000.0, "kWh d-1",
                                      "array energy per day"),
            "energy_kwh_m2_year": var(mean_generated * _HOURS_PER_YEAR / 1000.0
                                              / array.area_m2, "kWh m-2 yr-1",
                                              "array energy per m² per year (span extrapolated)"),
            "sunlit_fraction": var(mean("visible_solar_fraction"), "1",
                                   "mean visible fraction of the solar disk"),
            "compute_duty_cycle_mean": var(mean("compute_duty_cycle"), "1",
                                           "mean compute duty cycle"),
            "served_energy_kwh_per_day": var(mean_served * 24.0 / 1000.0, "kWh d-1",
                                             "load energy served per day"),
        },
        coords={name: coordinate for name, coordinate in balance["satellite"].coords.items()},
    )

