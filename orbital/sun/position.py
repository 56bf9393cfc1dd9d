"""Sun position, solar flux and the Sun direction at the satellites (DE421, offline).

Also the plumbing the other ``sun`` modules share (public names, not exported by
:mod:`orbital.sun`): reading a states Dataset (:func:`orbital.orbits.check_states`) and mapping
a kernel over its (time, satellite) blocks, lazily when the states are dask-chunked.
"""

from __future__ import annotations

import functools

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital._data import check_time_span, ephemeris, skyfield_times
from orbital.constants import (
    AU_KM,
    SOLAR_CONSTANT_W_M2,
)
from orbital.orbits import check_states


def as_times(times_or_states) -> np.ndarray:
    """UTC datetime64[ns] times from an array, a DataArray or a Dataset with a ``time`` coord."""
    if isinstance(times_or_states, (xr.Dataset, xr.DataArray)) and "time" in times_or_states.coords:
        times = times_or_states["time"].values
    else:
        times = times_or_states
    return np.atleast_1d(check_time_span(times, field="times"))


def sun_km(times: np.ndarray) -> np.ndarray:
    """Geometric geocentric Sun position (time, 3) in km: one vectorized skyfield call.

    The last few time arrays are remembered, so the shadow, flux and Sun direction of one set
    of states (e.g. inside :func:`orbital.power.energy_balance`, then the thermal model) share
    one ephemeris evaluation (~3 s for a year of minutes). Each caller gets its own copy.
    """
    return _sun_km_of(np.ascontiguousarray(times, dtype="datetime64[ns]").tobytes()).copy()


@functools.lru_cache(maxsize=2)
def _sun_km_of(times_bytes: bytes) -> np.ndarray:
    eph = ephemeris()
    times = np.frombuffer(times_bytes, dtype="datetime64[ns]")
    return (eph["sun"] - eph["earth"]).at(skyfield_times(times)).position.km.T


def sun_position_gcrs_km(times) -> xr.DataArray:
    """Geocentric position of the Sun in GCRS [km], from the JPL DE421 ephemeris.

    Parameters
    ----------
    times : array-like of datetime64, or Dataset/DataArray with a ``time`` coordinate
        UTC times.

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``xyz``), units km.

    Notes
    -----
    This is the geometric Earth→Sun vector (no light-time or aberration correction), the one
    skyfield's ``is_sunlit`` uses. The apparent direction differs by about 20 arcsec
    (annual aberration), i.e. 0.7 km across the shadow edge at LEO distance — well below the
    penumbra width (about 12 km at 650 km altitude). skyfield's ICRS axes match GCRS to
    milliarcseconds.

    References
    ----------
    .. [1] W. M. Folkner et al., "The Planetary and Lunar Ephemeris DE421", JPL IOM 343R-08-003,
       2008 (shipped offline by ``skyfield-data``).

    Examples
    --------
    >>> import numpy as np
    >>> sun = sun_position_gcrs_km(np.array(["2026-01-03", "2026-07-04"], dtype="datetime64[ns]"))
    >>> (np.linalg.norm(sun.values, axis=1) / 1.495978707e8).round(3)  # perihelion, aphelion [AU]
    array([0.983, 1.017])
    """
    times = as_times(times)
    return xr.DataArray(
        sun_km(times),
        dims=("time", "xyz"),
        coords={"time": times, "xyz": ["x", "y", "z"]},
        name="sun_position_gcrs_km",
        attrs={"units": "km", "long_name": "geocentric GCRS position of the Sun (DE421)"},
    )


def positions(states) -> np.ndarray:
    """(time, satellite, 3) GCRS positions [km] of a states Dataset, loaded."""
    check_states(states, need=("position_gcrs_km",))
    return np.asarray(states["position_gcrs_km"].transpose("time", "satellite", "xyz").values,
                      dtype=float)


def velocities(states) -> np.ndarray:
    """(time, satellite, 3) GCRS velocities [km/s] of a states Dataset, loaded."""
    check_states(states, need=("velocity_gcrs_km_s",))
    return np.asarray(states["velocity_gcrs_km_s"].transpose("time", "satellite", "xyz").values,
                      dtype=float)


def over_states(kernel, states, *, with_velocity=False, vector_output=False, **kwargs):
    """Apply ``kernel(position, [velocity,] sun)`` over (time, satellite) blocks of ``states``.

    The kernel gets numpy arrays (time, satellite, 3) and the Sun (time, 1, 3) [km]. Lazy
    (dask-chunked) states stay lazy: each chunk is computed on its own, so memory stays bounded.
    """
    need = ("position_gcrs_km", "velocity_gcrs_km_s") if with_velocity else ("position_gcrs_km",)
    check_states(states, need=need)
    arrays = [states[name].transpose("time", "satellite", "xyz") for name in need]
    times = as_times(states)
    sun = xr.DataArray(sun_km(times), dims=("time", "xyz"), coords={"time": arrays[0]["time"]})
    arguments = arrays + [sun]
    result = xr.apply_ufunc(
        kernel, *arguments, kwargs=kwargs, input_core_dims=[["xyz"]] * len(arguments),
        output_core_dims=[["xyz"]] if vector_output else [[]], dask="parallelized",
        output_dtypes=[float], join="exact",
    )
    return result.transpose("time", "satellite", *(["xyz"] if vector_output else []))


def sun_direction_gcrs(states) -> xr.DataArray:
    """Unit vector from each satellite towards the Sun, in GCRS.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` (``position_gcrs_km`` on time, satellite, xyz).

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``, ``xyz``), dimensionless unit vectors. Use it for array
        pointing and for the thermal solar load (multiply by :func:`shadow_fraction`).

    Notes
    -----
    ŝ = (r_sun − r_sat) / |r_sun − r_sat|; parallax of the satellite's offset (≤ 5·10⁻⁵ rad in LEO)
    is kept.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> t = np.array(["2026-03-20T12:00"], dtype="datetime64[ns]")
    >>> pos = xr.DataArray(np.zeros((1, 1, 3)) + [7000.0, 0, 0], dims=("time", "satellite", "xyz"),
    ...                    coords={"time": t, "satellite": [0], "xyz": ["x", "y", "z"]})
    >>> states = xr.Dataset({"position_gcrs_km": pos})
    >>> round(float(np.linalg.norm(sun_direction_gcrs(states).values)), 12)
    1.0
    """
    direction = over_states(_unit_to_sun, states, vector_output=True)
    direction.name = "sun_direction_gcrs"
    direction.attrs = {"units": "1", "long_name": "unit vector from satellite to Sun (GCRS)"}
    return direction


def _unit_to_sun(position, sun):
    to_sun = sun - position
    return to_sun / np.linalg.norm(to_sun, axis=-1, keepdims=True)


def _sun_distance_km(position, sun):
    # |s − r|² = |s|² − 2 s·r + |r|²: no (time, satellite, 3) temporary
    sun_squared = np.einsum("...i,...i->...", sun, sun)
    return np.sqrt(sun_squared - 2.0 * np.einsum("...i,...i->...", position, sun)
                   + np.einsum("...i,...i->...", position, position))


def solar_flux_w_m2(states_or_times, solar_constant_w_m2: float = SOLAR_CONSTANT_W_M2) -> xr.DataArray:
    """Solar flux at normal incidence, ignoring shadow [W/m²]: TSI scaled by 1/r².

    Parameters
    ----------
    states_or_times : xarray.Dataset or array-like of datetime64
        A states Dataset (flux at each satellite, from the satellite–Sun distance) or UTC times
        (flux at the Earth's centre, from the Earth–Sun distance).
    solar_constant_w_m2 : float, default 1360.8
        Total solar irradiance at 1 AU [W/m²] (Kopp & Lean 2011).

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``) for states, (``time``,) for times; units W/m².
        Multiply by :func:`shadow_fraction` for the flux actually received.

    Notes
    -----
    S = S₀ · (1 AU / d)², d the distance to the Sun. Over a year S varies by ±3.4 %
    (1 407 W/m² at perihelion, 1 317 W/m² at aphelion).

    References
    ----------
    .. [1] G. Kopp and J. L. Lean, GRL 38, L01706, 2011.

    Examples
    --------
    >>> import numpy as np
    >>> t = np.array(["2026-01-03T17:15", "2026-07-06T17:31"], dtype="datetime64[ns]")
    >>> solar_flux_w_m2(t).values.round(1)  # perihelion, aphelion
    array([1407.4, 1316.6])
    """
    solar_constant = float(check_range("solar_constant_w_m2", solar_constant_w_m2, 0.0, None,
                                       low_inclusive=False, unit="W/m²"))
    if isinstance(states_or_times, xr.Dataset) and "position_gcrs_km" in states_or_times:
        distance = over_states(_sun_distance_km, states_or_times)
        where = "at the satellite"
    else:
        times = as_times(states_or_times)
        distance = xr.DataArray(np.linalg.norm(sun_km(times), axis=-1), dims=("time",),
                                coords={"time": times})
        where = "at the Earth's centre"
    flux = solar_constant * (AU_KM / distance) ** 2
    flux.name = "solar_flux_w_m2"
    flux.attrs = {"units": "W m-2",
                  "long_name": f"solar flux at normal incidence {where}, unshadowed"}
    return flux

