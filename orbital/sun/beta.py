"""Beta angle of orbit planes (instantaneous, from elements, over a year) and the analytic
cylindrical eclipse of circular orbits.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital._data import check_time, check_time_span, ephemeris, skyfield_times
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM, SECONDS_PER_DAY, SECONDS_PER_JULIAN_YEAR
from orbital.orbits import Constellation, orbital_period_min, propagate, raan_drift_deg_per_day
from orbital.sun.position import over_states


def beta_angle_deg(states) -> xr.DataArray:
    """Beta angle: elevation of the Sun above each satellite's instantaneous orbit plane [deg].

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` (positions and velocities in GCRS).

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``), degrees in [−90, 90]; positive when the Sun is on the
        side of the orbit normal h = r × v.

    Notes
    -----
    β = asin(ĥ · ŝ), ĥ = r × v / |r × v| and ŝ the geocentric Sun direction.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> t = np.array(["2026-06-21T12:00"], dtype="datetime64[ns]")
    >>> coords = {"time": t, "satellite": [0], "xyz": ["x", "y", "z"]}
    >>> dims = ("time", "satellite", "xyz")
    >>> states = xr.Dataset({"position_gcrs_km": (dims, [[[7000.0, 0, 0]]]),
    ...                      "velocity_gcrs_km_s": (dims, [[[0, 7.5, 0]]])}, coords=coords)
    >>> round(float(beta_angle_deg(states)[0, 0]), 1)  # equatorial orbit at June solstice
    23.4
    """
    beta = over_states(_beta_kernel, states, with_velocity=True)
    beta.name = "beta_angle_deg"
    beta.attrs = {"units": "degree", "long_name": "solar beta angle (Sun above orbit plane)"}
    return beta


def _beta_kernel(position, velocity, sun):
    normal = np.cross(position, velocity)
    normal /= np.linalg.norm(normal, axis=-1, keepdims=True)
    sun_unit = sun / np.linalg.norm(sun, axis=-1, keepdims=True)
    return np.degrees(np.arcsin(np.clip(np.sum(normal * sun_unit, axis=-1), -1.0, 1.0)))


def _sun_unit_true_of_date(times: np.ndarray) -> np.ndarray:
    """Geocentric Sun unit vector in the true equator and equinox of date (time, 3)."""
    from skyfield.framelib import true_equator_and_equinox_of_date

    eph = ephemeris()
    position = (eph["sun"] - eph["earth"]).at(skyfield_times(times))
    xyz = position.frame_xyz(true_equator_and_equinox_of_date).km.T
    return xyz / np.linalg.norm(xyz, axis=-1, keepdims=True)


def beta_angle_from_elements_deg(inclination_deg, raan_deg, times, raan_rate_deg_per_day=0.0,
                                 epoch=None) -> xr.DataArray:
    """Beta angle of orbit planes given by inclination and (precessing) RAAN [deg].

    Parameters
    ----------
    inclination_deg : float or array (satellite,)
        Inclination [deg], range [0, 180].
    raan_deg : float or array (satellite,)
        Right ascension of the ascending node at ``epoch`` [deg], true equator and equinox of date.
    times : array-like of datetime64
        UTC times; a year of daily samples costs one skyfield call.
    raan_rate_deg_per_day : float or array (satellite,), default 0
        Secular RAAN drift [deg/day], e.g. ``orbital.orbits.raan_drift_deg_per_day`` (J2).
    epoch : datetime64, optional
        Time at which the RAAN is ``raan_deg`` (default: first time).

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``), degrees.

    Notes
    -----
    Orbit normal n̂ = (sin i sin Ω, −sin i cos Ω, cos i) with Ω(t) = Ω₀ + Ω̇ (t − t₀);
    β = asin(n̂ · ŝ). This ignores short-period terms (β wobbles by < 0.1° over an orbit).

    Examples
    --------
    >>> import numpy as np
    >>> t = np.array(["2026-06-21T12:00"], dtype="datetime64[ns]")
    >>> round(float(beta_angle_from_elements_deg(0.0, 0.0, t)[0, 0]), 1)
    23.4
    """
    times = np.atleast_1d(check_time_span(times, field="times"))
    inclination = np.radians(np.atleast_1d(check_range("inclination_deg", inclination_deg, 0.0,
                                                       180.0, unit="deg")))
    raan0 = np.atleast_1d(check_range("raan_deg", raan_deg, -360.0, 360.0, unit="deg"))
    rate = np.atleast_1d(check_range("raan_rate_deg_per_day", raan_rate_deg_per_day, -10.0, 10.0,
                                     unit="deg/day"))
    epoch = times[0] if epoch is None else check_time(epoch, field="epoch")
    days = (times - epoch).astype(np.int64) / (SECONDS_PER_DAY * 1e9)
    inclination, raan0, rate = np.broadcast_arrays(inclination, raan0, rate)
    raan = np.radians(raan0[None, :] + rate[None, :] * days[:, None])
    normal = np.stack([np.sin(inclination) * np.sin(raan), -np.sin(inclination) * np.cos(raan),
                       np.broadcast_to(np.cos(inclination), raan.shape)], axis=-1)
    sun = _sun_unit_true_of_date(times)
    beta = np.degrees(np.arcsin(np.clip(np.einsum("tsi,ti->ts", normal, sun), -1.0, 1.0)))
    return xr.DataArray(beta, dims=("time", "satellite"),
                        coords={"time": times, "satellite": np.arange(beta.shape[1])},
                        name="beta_angle_deg",
                        attrs={"units": "degree", "long_name": "solar beta angle (mean orbit plane)"})


def beta_angle_over_year(orbit, times=None, step_days: float = 1.0,
                         method: str = "auto") -> xr.DataArray:
    """Beta angle of an orbit's planes over a year, with J2 RAAN precession [deg].

    Parameters
    ----------
    orbit : orbit object from :mod:`orbital.orbits`
        A Walker shell or sun-synchronous orbit (``altitude_km``, ``inclination_deg``,
        ``raan_deg`` per satellite, ``epoch``), a formation cluster (its reference plane, repeated
        for every member) or a TLE/OMM constellation.
    times : array-like of datetime64, optional
        UTC times; default one year from the orbit's epoch every ``step_days``.
    step_days : float, default 1
        Sampling of the default times [days], range (0, 30].
    method : {"auto", "elements", "propagate"}, default "auto"
        "elements": secular J2 drift of the mean elements (cheap, exact for the mean plane);
        "propagate": SGP4 states at ``times`` through :func:`beta_angle_deg` (for TLE sets,
        whose elements have different epochs). "auto" picks "propagate" for constellations
        loaded from TLE/OMM and "elements" otherwise.

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``), degrees.

    Notes
    -----
    Ω̇ = −(3/2) n J₂ (R/p)² cos i, from :func:`orbital.orbits.raan_drift_deg_per_day`; see
    :func:`beta_angle_from_elements_deg`. A sun-synchronous plane keeps its local time, so its β
    follows only the Sun's declination and the equation of time; a 53° Walker plane at 550 km
    precesses by −4.5°/day and sweeps β over ±(i + 23.4°) about every two months.

    Examples
    --------
    >>> from orbital.orbits import sun_synchronous
    >>> beta = beta_angle_over_year(sun_synchronous(650.0, ltan_hours=18.0))
    >>> round(float(beta.min()), 0), round(float(beta.max()), 0)
    (59.0, 87.0)
    """
    check_choice("method", method, ("auto", "elements", "propagate"))
    if times is None:
        step = float(check_range("step_days", step_days, 0.0, 30.0, low_inclusive=False,
                                 unit="days"))
        count = int(np.ceil(SECONDS_PER_JULIAN_YEAR / SECONDS_PER_DAY / step))
        epoch = check_time(orbit.epoch, field="orbit.epoch")
        times = epoch + (np.arange(count) * step * SECONDS_PER_DAY * 1e9).astype("timedelta64[ns]")
    times = np.atleast_1d(check_time_span(times, field="times"))
    if method == "auto":
        method = "propagate" if isinstance(orbit, Constellation) else "elements"
    if method == "propagate":
        return beta_angle_deg(propagate(orbit, times))
    if not hasattr(orbit, "raan_deg") and hasattr(orbit, "reference"):
        # a formation cluster flies its reference plane (members are offset by ~km only)
        plane = beta_angle_over_year(orbit.reference, times, method=method).isel(satellite=[0])
        beta = np.repeat(plane.values, orbit.n_satellites, axis=1)
        return xr.DataArray(beta, dims=("time", "satellite"),
                            coords={"time": times, "satellite": np.arange(orbit.n_satellites)},
                            name="beta_angle_deg", attrs=plane.attrs)
    altitude = np.atleast_1d(np.asarray(orbit.altitude_km, dtype=float))
    inclination = np.atleast_1d(np.asarray(orbit.inclination_deg, dtype=float))
    rate = raan_drift_deg_per_day(altitude, inclination)
    return beta_angle_from_elements_deg(np.broadcast_to(inclination, np.shape(orbit.raan_deg)),
                                        orbit.raan_deg, times, raan_rate_deg_per_day=rate,
                                        epoch=orbit.epoch)


# --------------------------------------------------------------------------- analytic eclipse


def eclipse_fraction(altitude_km, beta_deg, earth_radius_km: float = EARTH_EQUATORIAL_RADIUS_KM):
    """Fraction of a circular orbit spent in the Earth's cylindrical shadow.

    Parameters
    ----------
    altitude_km : float or array
        Circular orbit altitude [km], range (0, 1e6].
    beta_deg : float or array
        Beta angle [deg], range [−90, 90]; broadcast against ``altitude_km``.
    earth_radius_km : float, default 6378.137 km (WGS84 equatorial radius)

    Returns
    -------
    float or numpy.ndarray
        Eclipse fraction, 0 … 0.5.

    Notes
    -----
    f = (1/π) acos( √(h² + 2Rh) / ((R + h) cos β) ) when |β| < β* = asin(R/(R + h)), else 0
    ([Wertz1978]). The cylinder ignores the penumbra, which the conical
    :func:`shadow_fraction` resolves; their difference at β = 0 is below 0.5 percentage points.

    Examples
    --------
    >>> round(float(eclipse_fraction(650.0, 0.0)), 3)
    0.362
    """
    altitude = check_range("altitude_km", altitude_km, 0.0, 1e6, low_inclusive=False, unit="km")
    beta = np.radians(check_range("beta_deg", beta_deg, -90.0, 90.0, unit="deg"))
    radius = earth_radius_km + altitude
    ratio = np.sqrt(altitude**2 + 2.0 * earth_radius_km * altitude) / (radius * np.cos(beta))
    with np.errstate(invalid="ignore", divide="ignore"):
        fraction = np.where(ratio < 1.0, np.arccos(np.minimum(ratio, 1.0)) / np.pi, 0.0)
    return fraction if np.ndim(fraction) else float(fraction)


def eclipse_minutes_per_orbit(altitude_km, beta_deg, earth_radius_km: float = EARTH_EQUATORIAL_RADIUS_KM):
    """Minutes of cylindrical-shadow eclipse per orbit of a circular orbit [min].

    Parameters
    ----------
    altitude_km, beta_deg : float or array
        As in :func:`eclipse_fraction`.
    earth_radius_km : float, default 6378.137 km (WGS84 equatorial radius)
        Radius of the shadowing sphere [km]; the orbit radius is this plus ``altitude_km``.

    Returns
    -------
    float or numpy.ndarray
        f · T with T the Keplerian period of the orbit, :func:`orbital.orbits.orbital_period_min`
        of its semi-major axis ``earth_radius_km + altitude_km`` (altitude measured from the
        shadowing sphere, as in :func:`eclipse_fraction`).

    Examples
    --------
    >>> round(float(eclipse_minutes_per_orbit(650.0, 0.0)), 1)
    35.4
    """
    fraction = eclipse_fraction(altitude_km, beta_deg, earth_radius_km)
    # orbital_period_min measures altitude from the equatorial radius
    above_equator_km = (np.asarray(altitude_km, dtype=float) + earth_radius_km
                        - EARTH_EQUATORIAL_RADIUS_KM)
    minutes = fraction * orbital_period_min(above_equator_km)
    return minutes if np.ndim(minutes) else float(minutes)
