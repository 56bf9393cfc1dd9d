"""Sun geometry for Earth orbits: Sun position, solar flux, beta angle and the Earth's shadow.

Every function works over whole arrays: one skyfield call for the Sun over all times, one numpy
expression over (time, satellite, xyz) for the shadow. Positions are geocentric GCRS in km, as in
the ``states`` Dataset of :func:`orbital.orbits.propagate` (dims ``time``, ``satellite``, ``xyz``;
variables ``position_gcrs_km`` and ``velocity_gcrs_km_s``).

The shadow model is the conical one of Montenbruck & Gill (2000, §3.4.2): the Sun and the Earth
are two disks seen from the satellite; the visible fraction of the solar disk is one minus their
overlap area over the Sun's disk area. It gives umbra (0), penumbra (0 … 1) and sunlight (1).
The analytic cylindrical formula :func:`eclipse_fraction` is its simpler companion for design.

References
----------
.. [1] O. Montenbruck and E. Gill, *Satellite Orbits: Models, Methods and Applications*,
   Springer, 2000, section 3.4.2 "Shadow", eqs. (3.85)-(3.87).
.. [2] G. Kopp and J. L. Lean, "A new, lower value of total solar irradiance", Geophysical
   Research Letters 38, L01706, 2011 (TSI = 1360.8 ± 0.5 W/m²).
.. [3] J. R. Wertz (ed.), *Spacecraft Attitude Determination and Control*, Reidel, 1978, and
   REFERENCES.md: cylindrical eclipse fraction f = arccos(sqrt(h² + 2Rh) / ((R + h) cos β)) / π.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital._data import check_time_span, ephemeris, skyfield_times
from orbital.constants import (
    AU_KM,
    EARTH_EQUATORIAL_RADIUS_KM,
    SOLAR_CONSTANT_W_M2,
    SUN_RADIUS_KM,
)

__all__ = [
    "EARTH_POLAR_RADIUS_KM",
    "EARTH_SHAPES",
    "beta_angle_deg",
    "beta_angle_from_elements_deg",
    "beta_angle_over_year",
    "critical_beta_deg",
    "eclipse_events",
    "eclipse_fraction",
    "eclipse_minutes_per_orbit",
    "shadow_fraction",
    "solar_flux_w_m2",
    "sun_direction_gcrs",
    "sun_position_gcrs_km",
]

#: WGS84 polar radius of the Earth [km] (NIMA TR8350.2: a = 6378.137 km, 1/f = 298.257223563).
EARTH_POLAR_RADIUS_KM = 6378.137 * (1.0 - 1.0 / 298.257223563)

#: Earth figures for the shadow: a sphere of equatorial radius (the choice of Montenbruck & Gill
#: and of skyfield's ``is_sunlit``), or the WGS84 ellipsoid (polar shadow edges up to ~21 km
#: lower, a few seconds on eclipse entry/exit at high latitude).
EARTH_SHAPES = {
    "sphere": {"equatorial_radius_km": EARTH_EQUATORIAL_RADIUS_KM,
               "polar_radius_km": EARTH_EQUATORIAL_RADIUS_KM,
               "source": "IAU 2015 nominal equatorial radius (astropy R_earth)"},
    "wgs84": {"equatorial_radius_km": 6378.137, "polar_radius_km": EARTH_POLAR_RADIUS_KM,
              "source": "NIMA TR8350.2 (WGS84)"},
}

_MINUTES_PER_DAY = 1440.0
_SECONDS_PER_DAY = 86400.0


# --------------------------------------------------------------------------- Sun position


def _as_times(times_or_states) -> np.ndarray:
    """UTC datetime64[ns] times from an array, a DataArray or a Dataset with a ``time`` coord."""
    if isinstance(times_or_states, (xr.Dataset, xr.DataArray)) and "time" in times_or_states.coords:
        times = times_or_states["time"].values
    else:
        times = times_or_states
    return np.atleast_1d(check_time_span(times, field="times"))


def _sun_km(times: np.ndarray) -> np.ndarray:
    """Geometric geocentric Sun position (time, 3) in km: one vectorized skyfield call."""
    eph = ephemeris()
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
    times = _as_times(times)
    return xr.DataArray(
        _sun_km(times),
        dims=("time", "xyz"),
        coords={"time": times, "xyz": ["x", "y", "z"]},
        name="sun_position_gcrs_km",
        attrs={"units": "km", "long_name": "geocentric GCRS position of the Sun (DE421)"},
    )


def _position_array(states) -> xr.DataArray:
    """The (time, satellite, xyz) GCRS position DataArray [km] of a states Dataset (not loaded)."""
    if isinstance(states, xr.Dataset):
        if "position_gcrs_km" not in states:
            raise ValueError("states: no 'position_gcrs_km' variable; pass orbital.orbits.propagate(...)")
        position = states["position_gcrs_km"]
    elif isinstance(states, xr.DataArray):
        position = states
    else:
        raise TypeError(f"states: expected an xarray Dataset from propagate(), "
                        f"got {type(states).__name__}")
    missing = {"time", "satellite", "xyz"} - set(position.dims)
    if missing:
        raise ValueError(f"states: position_gcrs_km lacks dims {sorted(missing)}; "
                         "expected (time, satellite, xyz)")
    position = position.transpose("time", "satellite", "xyz")
    # a lazy (dask) array is checked block by block when computed, not loaded here
    if isinstance(position.data, np.ndarray) and not np.isfinite(position.data).all():
        raise ValueError("states: position_gcrs_km contains NaN or inf (a decayed or failed orbit?)")
    return position


def _velocity_array(states) -> xr.DataArray:
    if not isinstance(states, xr.Dataset) or "velocity_gcrs_km_s" not in states:
        raise ValueError("states: a 'velocity_gcrs_km_s' variable is needed (use propagate(...))")
    return states["velocity_gcrs_km_s"].transpose("time", "satellite", "xyz")


def _positions(states) -> np.ndarray:
    """(time, satellite, 3) GCRS positions [km], loaded."""
    return np.asarray(_position_array(states).values, dtype=float)


def _velocities(states) -> np.ndarray:
    return np.asarray(_velocity_array(states).values, dtype=float)


def _over_states(kernel, states, *, with_velocity=False, vector_output=False, **kwargs):
    """Apply ``kernel(position, [velocity,] sun)`` over (time, satellite) blocks of ``states``.

    The kernel gets numpy arrays (time, satellite, 3) and the Sun (time, 1, 3) [km]. Lazy
    (dask-chunked) states stay lazy: each chunk is computed on its own, so memory stays bounded.
    """
    position = _position_array(states)
    times = _as_times(states)
    sun = xr.DataArray(_sun_km(times), dims=("time", "xyz"), coords={"time": position["time"]})
    arguments = [position] + ([_velocity_array(states)] if with_velocity else []) + [sun]
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
    direction = _over_states(_unit_to_sun, states, vector_output=True)
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
        distance = _over_states(_sun_distance_km, states_or_times)
        where = "at the satellite"
    else:
        times = _as_times(states_or_times)
        distance = xr.DataArray(np.linalg.norm(_sun_km(times), axis=-1), dims=("time",),
                                coords={"time": times})
        where = "at the Earth's centre"
    flux = solar_constant * (AU_KM / distance) ** 2
    flux.name = "solar_flux_w_m2"
    flux.attrs = {"units": "W m-2",
                  "long_name": f"solar flux at normal incidence {where}, unshadowed"}
    return flux


# --------------------------------------------------------------------------- shadow


def _earth_figure(earth_shape: str, grazing_height_km: float) -> tuple[float, float]:
    """(effective spherical radius [km], z stretch) mapping the shadowing body to a sphere.

    An ellipsoid of semi-axes (a, a, c) becomes a sphere of radius a when z is stretched by
    a/c; that affine map keeps tangent lines tangent, so umbra and penumbra edges map exactly.
    """
    check_choice("earth_shape", earth_shape, tuple(EARTH_SHAPES))
    grazing = float(check_range("grazing_height_km", grazing_height_km, 0.0, 1000.0, unit="km"))
    figure = EARTH_SHAPES[earth_shape]
    equatorial = figure["equatorial_radius_km"] + grazing
    polar = figure["polar_radius_km"] + grazing
    return equatorial, equatorial / polar


def _disk_angles(position: np.ndarray, sun: np.ndarray, radius_km: float, z_stretch: float):
    """Apparent Sun radius a, Earth radius b and their centre separation c [rad], seen from r.

    ``position`` (..., 3) and ``sun`` (broadcastable, ..., 3), both geocentric [km].
    """
    if z_stretch != 1.0:
        position = position * np.array([1.0, 1.0, z_stretch])
        sun = sun * np.array([1.0, 1.0, z_stretch])
    to_sun = sun - position
    sun_distance = np.sqrt(np.einsum("...i,...i->...", to_sun, to_sun))
    radius = np.sqrt(np.einsum("...i,...i->...", position, position))
    if (radius <= radius_km).any():
        low = float(radius.min() - radius_km + (radius_km - EARTH_EQUATORIAL_RADIUS_KM))
        raise ValueError(f"states: a satellite lies {low:.1f} km above the equator radius, inside "
                         f"the shadowing Earth (radius {radius_km:.1f} km incl. grazing height)")
    sun_radius = np.arcsin(SUN_RADIUS_KM / sun_distance)
    earth_radius = np.arcsin(radius_km / radius)
    # angle between (sun - r) and (-r); arccos loses precision only within ~1e-8 rad of 0 and π,
    # deep in the umbra or in full sunlight, never near the shadow edge (c ≈ b ≈ 60–70° in LEO)
    cosine = -np.einsum("...i,...i->...", to_sun, position) / (sun_distance * radius)
    separation = np.arccos(np.clip(cosine, -1.0, 1.0))
    return sun_radius, earth_radius, separation


def _visible_fraction(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Visible fraction of a disk of radius a behind a disk of radius b at separation c."""
    fraction = np.ones(np.broadcast_shapes(a.shape, b.shape, c.shape))
    partial = (c < a + b) & (c > np.abs(a - b))
    if partial.any():
        ap, bp, cp = a[partial], b[partial], c[partial]
        # chord position from the Sun's centre; (c-b)(c+b) avoids cancellation in c² - b²
        x = ((cp - bp) * (cp + bp) + ap * ap) / (2.0 * cp)
        y = np.sqrt(np.clip(ap * ap - x * x, 0.0, None))
        overlap = (ap * ap * np.arccos(np.clip(x / ap, -1.0, 1.0))
                   + bp * bp * np.arccos(np.clip((cp - x) / bp, -1.0, 1.0)) - cp * y)
        fraction[partial] = 1.0 - overlap / (np.pi * ap * ap)
    # Earth disk covers the whole Sun (umbra) or sits inside it (annular, beyond ~GEO·100)
    fraction[c <= b - a] = 0.0
    annular = c <= a - b
    fraction[annular] = 1.0 - (b[annular] / a[annular]) ** 2
    return np.clip(fraction, 0.0, 1.0)


def shadow_fraction(states, grazing_height_km: float = 0.0, earth_shape: str = "sphere") -> xr.DataArray:
    """Visible fraction of the solar disk at each satellite: 1 sunlit, 0 umbra, between: penumbra.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` (``position_gcrs_km`` on time, satellite, xyz).
    grazing_height_km : float, default 0
        Height added to the Earth's radius for the shadowing body [km], e.g. 50 km to count
        rays grazing the dense atmosphere as blocked. Range [0, 1000] km.
    earth_shape : {"sphere", "wgs84"}, default "sphere"
        Figure of the shadowing Earth (see :data:`EARTH_SHAPES`).

    Returns
    -------
    xarray.DataArray
        Dims (``time``, ``satellite``), dimensionless 0 … 1.

    Notes
    -----
    Seen from the satellite at r, the Sun has apparent radius a = asin(R☉/|r☉ − r|), the Earth
    b = asin(R⊕/|r|), at centre separation c = ∠(r☉ − r, −r). With x = (c² + a² − b²)/(2c)
    and y = √(a² − x²), the occulted area is

        A = a² acos(x/a) + b² acos((c − x)/b) − c·y,

    and the visible fraction is 1 − A/(π a²) when |a − b| < c < a + b; 1 when c ≥ a + b; 0 when
    c ≤ b − a (Montenbruck & Gill 2000, eqs. 3.85–3.87). The planar disk formula is exact to
    ~10⁻³ of the disk for the Sun's 0.27° radius. For "wgs84", z is stretched by a/c so the
    ellipsoid becomes a sphere; this maps umbra and penumbra edges exactly.

    References
    ----------
    .. [1] O. Montenbruck and E. Gill, *Satellite Orbits*, Springer, 2000, §3.4.2.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> t = np.array(["2026-03-20T12:00"], dtype="datetime64[ns]")
    >>> sun = sun_position_gcrs_km(t).values[0]
    >>> r = np.stack([sun, -sun]) / np.linalg.norm(sun) * 7000.0  # day side, night side
    >>> pos = xr.DataArray(r[None], dims=("time", "satellite", "xyz"),
    ...                    coords={"time": t, "satellite": [0, 1], "xyz": ["x", "y", "z"]})
    >>> shadow_fraction(xr.Dataset({"position_gcrs_km": pos})).values
    array([[1., 0.]])
    """
    radius_km, z_stretch = _earth_figure(earth_shape, grazing_height_km)
    fraction = _over_states(_shadow_kernel, states, radius_km=radius_km, z_stretch=z_stretch)
    fraction.name = "visible_solar_fraction"
    fraction.attrs = {"units": "1", "long_name": "visible fraction of the solar disk "
                      f"(conical shadow, grazing height {float(grazing_height_km):g} km)"}
    return fraction


def _shadow_kernel(position, sun, radius_km, z_stretch):
    return _visible_fraction(*_disk_angles(position, sun, radius_km, z_stretch))


# --------------------------------------------------------------------------- beta angle


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
    beta = _over_states(_beta_kernel, states, with_velocity=True)
    beta.name = "beta_angle_deg"
    beta.attrs = {"units": "deg", "long_name": "solar beta angle (Sun above orbit plane)"}
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
    epoch = times[0] if epoch is None else np.datetime64(epoch, "ns")
    days = (times - epoch).astype(np.int64) / (_SECONDS_PER_DAY * 1e9)
    inclination, raan0, rate = np.broadcast_arrays(inclination, raan0, rate)
    raan = np.radians(raan0[None, :] + rate[None, :] * days[:, None])
    normal = np.stack([np.sin(inclination) * np.sin(raan), -np.sin(inclination) * np.cos(raan),
                       np.broadcast_to(np.cos(inclination), raan.shape)], axis=-1)
    sun = _sun_unit_true_of_date(times)
    beta = np.degrees(np.arcsin(np.clip(np.einsum("tsi,ti->ts", normal, sun), -1.0, 1.0)))
    return xr.DataArray(beta, dims=("time", "satellite"),
                        coords={"time": times, "satellite": np.arange(beta.shape[1])},
                        name="beta_angle_deg",
                        attrs={"units": "deg", "long_name": "solar beta angle (mean orbit plane)"})


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
    from orbital.orbits import propagate, raan_drift_deg_per_day

    check_choice("method", method, ("auto", "elements", "propagate"))
    if times is None:
        step = float(check_range("step_days", step_days, 0.0, 30.0, low_inclusive=False,
                                 unit="days"))
        count = int(np.ceil(365.25 / step))
        epoch = np.datetime64(orbit.epoch, "ns")
        times = epoch + (np.arange(count) * step * _SECONDS_PER_DAY * 1e9).astype("timedelta64[ns]")
    times = np.atleast_1d(check_time_span(times, field="times"))
    if method == "auto":
        method = "propagate" if hasattr(orbit, "satrecs") else "elements"
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


def critical_beta_deg(altitude_km, earth_radius_km: float = EARTH_EQUATORIAL_RADIUS_KM):
    """Beta angle above which a circular orbit sees no eclipse (cylindrical shadow) [deg].

    Parameters
    ----------
    altitude_km : float or array
        Circular orbit altitude [km], range (0, 1e6].
    earth_radius_km : float, default equatorial radius 6378.1 km

    Returns
    -------
    float or numpy.ndarray
        β* = asin(R / (R + h)) [deg].

    Examples
    --------
    >>> round(float(critical_beta_deg(650.0)), 1)
    65.2
    """
    altitude = check_range("altitude_km", altitude_km, 0.0, 1e6, low_inclusive=False, unit="km")
    return np.degrees(np.arcsin(earth_radius_km / (earth_radius_km + altitude)))


def eclipse_fraction(altitude_km, beta_deg, earth_radius_km: float = EARTH_EQUATORIAL_RADIUS_KM):
    """Fraction of a circular orbit spent in the Earth's cylindrical shadow.

    Parameters
    ----------
    altitude_km : float or array
        Circular orbit altitude [km], range (0, 1e6].
    beta_deg : float or array
        Beta angle [deg], range [−90, 90]; broadcast against ``altitude_km``.
    earth_radius_km : float, default equatorial radius 6378.1 km

    Returns
    -------
    float or numpy.ndarray
        Eclipse fraction, 0 … 0.5.

    Notes
    -----
    f = (1/π) acos( √(h² + 2Rh) / ((R + h) cos β) ) when |β| < β* = asin(R/(R + h)), else 0
    (REFERENCES.md; e.g. Wertz 1978). The cylinder ignores the penumbra, which the conical
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

    Returns
    -------
    float or numpy.ndarray
        f · T with the Keplerian period T = 2π √(a³/μ).

    Examples
    --------
    >>> round(float(eclipse_minutes_per_orbit(650.0, 0.0)), 1)
    35.4
    """
    from orbital.constants import EARTH_MU_KM3_S2

    fraction = eclipse_fraction(altitude_km, beta_deg, earth_radius_km)
    semi_major = earth_radius_km + np.asarray(altitude_km, dtype=float)
    period_min = 2.0 * np.pi * np.sqrt(semi_major**3 / EARTH_MU_KM3_S2) / 60.0
    minutes = fraction * period_min
    return minutes if np.ndim(minutes) else float(minutes)


# --------------------------------------------------------------------------- eclipse events

#: Which disk contact counts as "in eclipse" for :func:`eclipse_events`.
ECLIPSE_BOUNDARIES = {
    "penumbra": "any part of the solar disk hidden (first/last contact)",
    "center": "the Sun's centre hidden (the criterion of skyfield's is_sunlit)",
    "umbra": "the whole solar disk hidden (second/third contact)",
}


def _boundary_margin(a, b, c, boundary: str):
    """Signed angular margin [rad]: negative inside the chosen eclipse region."""
    if boundary == "penumbra":
        return c - (a + b)
    if boundary == "umbra":
        return c - (b - a)
    return c - b


def eclipse_events(states, boundary: str = "penumbra", grazing_height_km: float = 0.0,
                   earth_shape: str = "sphere", tolerance_s: float = 1e-3) -> pd.DataFrame:
    """Eclipse entry and exit times per satellite, refined between time steps.

    Parameters
    ----------
    states : xarray.Dataset
        Output of :func:`orbital.orbits.propagate` with positions *and* velocities in GCRS.
    boundary : {"penumbra", "center", "umbra"}, default "penumbra"
        Which contact defines the eclipse (see :data:`ECLIPSE_BOUNDARIES`).
    grazing_height_km : float, default 0
        As in :func:`shadow_fraction`.
    earth_shape : {"sphere", "wgs84"}, default "sphere"
    tolerance_s : float, default 1e-3
        Time resolution of the refined crossings [s], range (0, 60].

    Returns
    -------
    pandas.DataFrame
        One row per eclipse: ``satellite``, ``entry_time``, ``exit_time`` (UTC datetime64),
        ``duration_s`` [s], ``entry_observed`` and ``exit_observed`` (False when the eclipse
        was already under way at the first time or still under way at the last: the time is
        then the span's edge and the duration counts only the observed part).

    Notes
    -----
    The signed margin g = c − (a + b) (penumbra), c − b (centre) or c − (b − a) (umbra) of
    :func:`shadow_fraction` is evaluated on the grid; each sign change is refined by bisection
    on a cubic Hermite interpolant of the satellite position (positions and velocities at both
    ends; error ≈ (ωΔt)⁴ r / 384 ≈ 0.3 m for 60 s steps in LEO) and a linear interpolant of the
    Sun. Eclipses shorter than a time step that begin and end between two samples are missed;
    use steps below a minute for grazing passes.

    Examples
    --------
    An equatorial orbit at 650 km near the equinox (β ≈ 0), sampled every minute:

    >>> import numpy as np, xarray as xr
    >>> seconds = np.arange(0.0, 12000.0, 60.0)
    >>> n = np.sqrt(398600.4418 / 7028.137**3)  # mean motion [rad/s]
    >>> u = n * seconds
    >>> r = 7028.137 * np.stack([np.cos(u), np.sin(u), 0 * u], -1)[:, None]
    >>> v = 7028.137 * n * np.stack([-np.sin(u), np.cos(u), 0 * u], -1)[:, None]
    >>> dims = ("time", "satellite", "xyz")
    >>> t = np.datetime64("2026-03-20T12:00", "ns") + (seconds * 1e9).astype("timedelta64[ns]")
    >>> states = xr.Dataset({"position_gcrs_km": (dims, r), "velocity_gcrs_km_s": (dims, v)},
    ...                     coords={"time": t, "satellite": [0], "xyz": ["x", "y", "z"]})
    >>> events = eclipse_events(states, boundary="center")
    >>> events.duration_s.round(0).tolist()  # cylindrical formula: 0.362 × 97.7 min = 2123 s
    [2123.0, 2123.0]
    """
    check_choice("boundary", boundary, tuple(ECLIPSE_BOUNDARIES))
    tolerance = float(check_range("tolerance_s", tolerance_s, 0.0, 60.0, low_inclusive=False,
                                  unit="s"))
    radius_km, z_stretch = _earth_figure(earth_shape, grazing_height_km)
    times = _as_times(states)
    position, velocity = _positions(states), _velocities(states)
    sun = _sun_km(times)
    margin = _boundary_margin(*_disk_angles(position, sun[:, None, :], radius_km, z_stretch),
                              boundary)
    inside = margin < 0.0
    step_k, sat = np.nonzero(inside[1:] != inside[:-1])
    # refine all crossings at once: bisection on s in [0, 1] between steps k and k+1
    dt_s = ((times[step_k + 1] - times[step_k]).astype(np.int64) * 1e-9)
    p0, p1 = position[step_k, sat], position[step_k + 1, sat]
    v0, v1 = velocity[step_k, sat] * dt_s[:, None], velocity[step_k + 1, sat] * dt_s[:, None]
    sun0, sun1 = sun[step_k], sun[step_k + 1]
    entering = ~inside[step_k, sat]
    low, high = np.zeros(step_k.size), np.ones(step_k.size)
    iterations = int(np.ceil(np.log2(max(dt_s.max(initial=1.0), tolerance) / tolerance))) + 1
    for _ in range(iterations):
        s = 0.5 * (low + high)
        s2, s3 = s * s, s * s * s
        r = ((2 * s3 - 3 * s2 + 1)[:, None] * p0 + (s3 - 2 * s2 + s)[:, None] * v0
             + (-2 * s3 + 3 * s2)[:, None] * p1 + (s3 - s2)[:, None] * v1)
        sun_s = sun0 + s[:, None] * (sun1 - sun0)
        now_inside = _boundary_margin(*_disk_angles(r, sun_s, radius_km, z_stretch), boundary) < 0
        # the crossing lies after s when the state at s still matches the state at step k
        after = now_inside != entering
        low = np.where(after, s, low)
        high = np.where(after, high, s)
    crossing = times[step_k] + np.round(0.5 * (low + high) * dt_s * 1e9).astype("timedelta64[ns]")

    satellites = states["satellite"].values
    at_start, at_end = np.nonzero(inside[0])[0], np.nonzero(inside[-1])[0]
    # eclipses under way at the span's edges get the edge as their (unobserved) entry/exit;
    # then, per satellite, entries and exits alternate, so sorted they pair one to one
    entry_sat = np.concatenate([sat[entering], at_start])
    entry_time = np.concatenate([crossing[entering], np.full(at_start.size, times[0])])
    entry_seen = np.concatenate([np.ones(entering.sum(), bool), np.zeros(at_start.size, bool)])
    exit_sat = np.concatenate([sat[~entering], at_end])
    exit_time = np.concatenate([crossing[~entering], np.full(at_end.size, times[-1])])
    exit_seen = np.concatenate([np.ones((~entering).sum(), bool), np.zeros(at_end.size, bool)])
    entry_order = np.lexsort((entry_time, entry_sat))
    exit_order = np.lexsort((exit_time, exit_sat))
    table = pd.DataFrame({
        "satellite": satellites[entry_sat[entry_order]],
        "entry_time": entry_time[entry_order],
        "exit_time": exit_time[exit_order],
        "entry_observed": entry_seen[entry_order],
        "exit_observed": exit_seen[exit_order],
    })
    table["duration_s"] = (table["exit_time"] - table["entry_time"]).dt.total_seconds()
    table.attrs = {"boundary": boundary, "grazing_height_km": float(grazing_height_km),
                   "units": {"duration_s": "s", "entry_time": "UTC", "exit_time": "UTC"}}
    return table[["satellite", "entry_time", "exit_time", "duration_s", "entry_observed",
                  "exit_observed"]]
