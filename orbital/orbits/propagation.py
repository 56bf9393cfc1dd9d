"""Vectorized propagation of any orbit object to a labelled (time, satellite) Dataset.

One ``SatrecArray.sgp4`` call over (satellite × time), then one TEME→GCRS and one GCRS→ITRS
rotation per time step applied to all satellites at once; geodetic coordinates from ERFA.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
import xarray as xr

from orbital import _data
from orbital.orbits.states import STATES_VARIABLES, lone_satellites_merged

__all__ = ["FAR_FROM_EPOCH_DAYS", "propagate"]



#: SGP4 mean elements describe days to weeks around their epoch; beyond a year from it the
#: states are a J2-only idealization at best, and usually a wrong epoch (a TLE's two-digit year
#: 57-99 means 1957-1999), so :func:`propagate` warns.
FAR_FROM_EPOCH_DAYS = 366.0

_SGP4_ERRORS = {1: "mean eccentricity out of range", 2: "mean motion below zero",
                3: "perturbed eccentricity out of range", 4: "semi-latus rectum below zero",
                6: "satellite has decayed"}


def _frame_rotations(times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(TEME→GCRS, GCRS→ITRS) rotation matrices, shape (time, 3, 3), from skyfield's frames."""
    from skyfield.framelib import itrs
    from skyfield.sgp4lib import TEME

    # One skyfield Time for both frames: its precession–nutation matrix is computed once.
    t = _data.skyfield_times(times)
    # skyfield's rotation_at(t) rotates GCRS vectors *into* the frame, shape (3, 3, time).
    gcrs_to_teme = np.moveaxis(np.atleast_3d(TEME.rotation_at(t)), -1, 0)
    gcrs_to_itrs = np.moveaxis(np.atleast_3d(itrs.rotation_at(t)), -1, 0)
    return np.transpose(gcrs_to_teme, (0, 2, 1)), gcrs_to_itrs


@functools.lru_cache(maxsize=4)
def _frame_rotations_once(times_ns: bytes) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_frame_rotations` of the times whose int64 nanoseconds are ``times_ns``, computed
    once per process and set of times (a run propagates many satellite chunks over the same
    times, and the IAU 2000A nutation behind both frames costs as much as ~250 satellites of
    SGP4 at 1 440 steps). Read-only: the arrays are shared."""
    rotations = _frame_rotations(np.frombuffer(times_ns, dtype="datetime64[ns]"))
    for matrix in rotations:
        matrix.flags.writeable = False
    return rotations


def _geodetic(position_itrs_km: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """WGS84 geodetic (lat deg, lon deg, alt km) from ITRS positions (..., 3) via ERFA gc2gd."""
    import erfa

    lon, lat, height_m = erfa.gc2gd(1, position_itrs_km * 1000.0)
    return np.degrees(lat), np.degrees(lon), height_m / 1000.0


@functools.cache
def _warn_if_sgp4_not_accelerated() -> None:
    from sgp4.api import accelerated

    if not accelerated:
        warnings.warn(
            "sgp4's C++ extension is not available on this platform: SatrecArray falls back to "
            "pure Python, roughly 100x slower. Install a binary wheel of sgp4 for your Python.",
            RuntimeWarning, stacklevel=3)


def _propagate_block(constellation, times: np.ndarray, rotations=None,
                     earth_fixed: bool = True) -> dict[str, np.ndarray]:
    """Every output variable for one block of satellites × times, as contiguous arrays.

    ``constellation`` holds the block's satellites; an element-built one has its SGP4 records
    built here and dropped after the block (:meth:`Constellation.build_satrecs`).
    ``rotations`` are :func:`_frame_rotations` of ``times`` when the caller already has them
    (chunked runs share one set per time chunk across satellite chunks); otherwise they come
    from :func:`_frame_rotations_once`. ``earth_fixed=False`` leaves out the ITRS position and
    the geodetic coordinates.
    """
    from sgp4.api import SatrecArray

    _warn_if_sgp4_not_accelerated()
    jd, fraction = _data.julian_date_parts(times)
    errors, r_teme, v_teme = SatrecArray(constellation.build_satrecs()).sgp4(jd, fraction)
    if errors.any():
        sat, step = np.argwhere(errors)[0]
        code = int(errors[sat, step])
        raise ValueError(
            f"times: SGP4 fails for {int(errors.any(axis=1).sum())} satellite(s), first at "
            f"satellite {sat} at {times[step]} (code {code}: {_SGP4_ERRORS.get(code, 'unknown')}); "
            "propagate closer to the element epoch"
        )
    if rotations is None:
        rotations = _frame_rotations_once(np.ascontiguousarray(times, "datetime64[ns]").tobytes())
    teme_to_gcrs, gcrs_to_itrs = rotations
    # sgp4 gives (satellite, time, 3); one matrix per time step serves every satellite.
    position_gcrs = np.einsum("tij,stj->tsi", teme_to_gcrs, r_teme, optimize=True)
    arrays = {
        "position_gcrs_km": position_gcrs,
        "velocity_gcrs_km_s": np.einsum("tij,stj->tsi", teme_to_gcrs, v_teme, optimize=True),
    }
    if earth_fixed:
        position_itrs = np.einsum("tij,tsj->tsi", gcrs_to_itrs, position_gcrs, optimize=True)
        lat, lon, alt = _geodetic(position_itrs)
        arrays.update({"position_itrs_km": position_itrs, "lat": lat, "lon": lon,
                       "alt_km": alt})
    return arrays


def propagate(orbit, times, *, chunks: dict | None = None, earth_fixed: bool = True) -> xr.Dataset:
    """Positions and velocities of every satellite at every time, as a labelled Dataset.

    Parameters
    ----------
    orbit : WalkerShell, SunSynchronousOrbit, FormationCluster or Constellation
        What to propagate (anything with ``to_constellation()``).
    times : array-like of datetime64
        UTC times, inside the DE421 span (1899–2053).
    chunks : dict, optional
        ``{"time": n, "satellite": m}`` returns dask-backed variables computed block by block,
        so a constellation × time grid larger than memory streams (use ``.compute()``, a
        reduction, or ``to_zarr``); all variables of a block come from one SGP4 call. For the
        physics downstream (:func:`orbital.power.energy_balance`,
        :func:`orbital.thermal.orbit_temperature`) chunk by satellite only (a few thousand
        satellites, all times): each time chunk rebuilds its satellites' SGP4 records, and
        time-stepped models merge time chunks anyway. Satellite chunks give the in-memory
        values bit for bit (a lone satellite in the last chunk joins the one before, see
        :func:`lone_satellites_merged`); time chunks move ITRS positions by an ulp (the Earth
        rotation is evaluated per time chunk).
        Default: computed at once in memory.
    earth_fixed : bool, default True
        False leaves out the Earth-fixed variables (``position_itrs_km``, ``lat``, ``lon``,
        ``alt_km``) for consumers that read only GCRS states (the Sun and shadow,
        :func:`orbital.power.energy_balance`, :func:`orbital.thermal.orbit_temperature`):
        it saves the ITRS rotation and the geodetic conversion, about a tenth of the
        propagation's time and a third of its memory. The GCRS variables are the same, bit
        for bit.

    Returns
    -------
    xarray.Dataset
        The states contract (documented in :func:`check_states`): dims ``time``,
        ``satellite``, ``xyz``; variables ``position_gcrs_km``, ``velocity_gcrs_km_s``,
        ``position_itrs_km`` (time, satellite, xyz) and ``lat``, ``lon``, ``alt_km`` (time,
        satellite), the last four unless ``earth_fixed=False``; coords ``satellite_name`` and
        ``plane``.

    Raises
    ------
    ValueError
        For times that are not 1-D and strictly increasing, lie outside the ephemeris span, or
        where SGP4 fails (decay, far from epoch); for chunk sizes that are not whole numbers >= 1.

    Warns
    -----
    RuntimeWarning
        When a time lies more than :data:`FAR_FROM_EPOCH_DAYS` from a satellite's element epoch.

    Notes
    -----
    SGP4 (Vallado et al. 2006, AIAA 2006-6753) gives TEME states for all satellites and times in
    one ``SatrecArray.sgp4`` call; skyfield's TEME and ITRS frames give one rotation matrix per
    time step (IAU 2000A nutation; UT1 and polar motion from astropy-iers-data; computed once per
    process for a given set of times and shared by later calls), so positions match
    ``skyfield.api.EarthSatellite.at(t)`` to well under a metre. Geodetic coordinates use ERFA
    ``gc2gd`` on WGS84. Velocities are rotated TEME→GCRS (the frame's own rotation rate,
    ~1e-11 rad/s from precession–nutation, is neglected, as skyfield does).

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import walker_delta
    >>> times = np.datetime64("2026-03-20") + np.arange(3) * np.timedelta64(60, "s")
    >>> states = propagate(walker_delta(550.0, 53.0, 4, 6), times)
    >>> dict(states.sizes)
    {'time': 3, 'satellite': 24, 'xyz': 3}
    >>> bool(abs(states.alt_km - 550).max() < 25)
    True
    """
    if not hasattr(orbit, "to_constellation"):
        raise ValueError(
            f"orbit: {type(orbit).__name__} is not an orbit object; pass a WalkerShell, "
            "SunSynchronousOrbit, FormationCluster or Constellation"
        )
    constellation = orbit.to_constellation()
    times = _check_times(times)
    n_sat = constellation.n_satellites
    _warn_if_far_from_epoch(constellation, times)

    if not isinstance(earth_fixed, (bool, np.bool_)):
        raise ValueError(f"earth_fixed: {earth_fixed!r} must be True or False")
    if chunks is None:
        arrays = _propagate_block(constellation, times, earth_fixed=bool(earth_fixed))
    else:
        if not isinstance(chunks, dict):
            raise ValueError(f"chunks: {chunks!r} must be a dict such as "
                             "{'time': 60, 'satellite': 25000}")
        unknown = set(chunks) - {"time", "satellite"}
        if unknown:
            raise ValueError(
                f"chunks: unknown dimension(s) {sorted(map(str, unknown))}; use 'time' and/or "
                "'satellite'")
        sizes = {dim: chunks.get(dim, total) for dim, total in (("time", len(times)),
                                                                 ("satellite", n_sat))}
        for dim, size in sizes.items():
            if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
                raise ValueError(f"chunks: {dim}={size!r} must be a whole number >= 1")
        arrays = _lazy_blocks(constellation, times, int(sizes["time"]),
                              int(sizes["satellite"]), bool(earth_fixed))

    variables = {name: (dims, arrays[name], {"units": units, "long_name": long_name})
                 for name, (dims, units, long_name) in STATES_VARIABLES.items() if name in arrays}
    return xr.Dataset(
        variables,
        coords={
            "time": ("time", times, {"long_name": "time (UTC)"}),
            "satellite": ("satellite", np.arange(n_sat), {"long_name": "satellite index"}),
            "xyz": ("xyz", ["x", "y", "z"], {"long_name": "Cartesian component"}),
            "satellite_name": ("satellite", constellation.name_array,
                               {"long_name": "satellite name"}),
            "plane": ("satellite", np.asarray(constellation.plane, dtype=int),
                      {"long_name": "orbital plane index (-1: not part of a shell)"}),
            "shell": ("satellite", np.asarray(constellation.shell, dtype=int),
                      {"long_name": "shell index (into the shell_names attribute)"}),
        },
        attrs={"constellation": constellation.name,
               "shell_names": list(constellation.shell_names), "propagator": "SGP4 (sgp4 SatrecArray)",
               "frames": "GCRS and ITRS from skyfield; geodetic WGS84" if earth_fixed
               else "GCRS from skyfield"},
    )


def _check_times(times) -> np.ndarray:
    """1-D, strictly increasing UTC times inside the ephemeris span (a scalar becomes one step)."""
    times = _data.check_time_span(times, field="times")
    if times.ndim > 1:
        raise ValueError(f"times: shape {times.shape} must be one-dimensional (one time axis)")
    times = np.atleast_1d(times)
    steps = np.diff(times)
    if (steps <= np.timedelta64(0, "ns")).any():
        k = int(np.argmax(steps <= np.timedelta64(0, "ns")))
        raise ValueError(
            f"times: must be strictly increasing, but times[{k + 1}] = {times[k + 1]} does not "
            f"come after times[{k}] = {times[k]}; sort them and drop duplicates (np.unique)")
    return times


def _warn_if_far_from_epoch(constellation, times: np.ndarray) -> None:
    epochs = constellation.epochs
    gap_days = np.maximum(np.abs(times[0] - epochs), np.abs(times[-1] - epochs)) / np.timedelta64(
        1, "D")
    if gap_days.max() > FAR_FROM_EPOCH_DAYS:
        k = int(np.argmax(gap_days))
        warnings.warn(
            f"times: {gap_days[k]:.0f} days from the element epoch {epochs[k]} of satellite {k} "
            f"({constellation.subset([k]).names[0]}); SGP4 mean elements are meant for days to "
            "weeks around their epoch (a TLE's two-digit year 57-99 means 1957-1999)",
            RuntimeWarning, stacklevel=3)


def _lazy_blocks(constellation, times, time_chunk, satellite_chunk, earth_fixed=True) -> dict:
    """Dask arrays for every variable; each (time, satellite) block is one delayed SGP4 call
    shared by all variables, so computing them together propagates each block once. The SGP4
    records of a satellite chunk are built inside its block (never all at once)."""
    import dask
    import dask.array as da

    t_edges = np.append(np.arange(0, len(times), time_chunk), len(times))
    n_sat = constellation.n_satellites
    # a lone satellite in the last chunk joins the one before (lone_satellites_merged)
    s_edges = np.cumsum((0,) + lone_satellites_merged(
        (satellite_chunk,) * (n_sat // satellite_chunk) + ((n_sat % satellite_chunk,)
                                                           if n_sat % satellite_chunk else ())))
    # pure=False: every block is distinct, and hashing thousands of satellites costs time
    block = dask.delayed(_propagate_block, pure=False)
    # the frame rotations of a time chunk are computed once and shared by its satellite chunks
    rotations = [dask.delayed(_frame_rotations, pure=False)(times[t0:t1])
                 for t0, t1 in zip(t_edges[:-1], t_edges[1:])]
    parts = [constellation.subset(slice(s0, s1)) for s0, s1 in zip(s_edges[:-1], s_edges[1:])]
    grid = [[block(parts[j], times[t0:t1], rotations[i], earth_fixed)
             for j in range(len(parts))]
            for i, (t0, t1) in enumerate(zip(t_edges[:-1], t_edges[1:]))]
    arrays = {}
    for name, (dims, _, _) in STATES_VARIABLES.items():
        if not earth_fixed and name not in ("position_gcrs_km", "velocity_gcrs_km_s"):
            continue
        rows = []
        for i, (t0, t1) in enumerate(zip(t_edges[:-1], t_edges[1:])):
            row = []
            for j, (s0, s1) in enumerate(zip(s_edges[:-1], s_edges[1:])):
                shape = (t1 - t0, s1 - s0) + ((3,) if len(dims) == 3 else ())
                row.append(da.from_delayed(grid[i][j][name], shape=shape, dtype=float))
            rows.append(row)
        arrays[name] = da.block(rows if len(dims) == 2 else [[[b] for b in r] for r in rows])
    return arrays
