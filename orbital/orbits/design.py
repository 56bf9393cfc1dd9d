"""Orbit design relations: period, J2 nodal drift, sun-synchronous inclination, mean Sun, and the
beta angle above which a circular orbit sees no eclipse.

Vectorized, plain floats in fixed units. The sun-synchronous inclination comes from boinor's J2
relation; the analytic formulas are in each docstring.
"""

from __future__ import annotations

import numpy as np

from orbital import _data
from orbital._checks import check_range
from orbital.constants import (
    EARTH_EQUATORIAL_RADIUS_KM,
    EARTH_J2,
    EARTH_MU_KM3_S2,
    SUN_MEAN_MOTION_DEG_PER_DAY,
)

__all__ = [
    "DEFAULT_EPOCH",
    "MAXIMUM_ALTITUDE_KM",
    "MINIMUM_ALTITUDE_KM",
    "circular_states",
    "critical_beta_deg",
    "mean_sun_right_ascension_deg",
    "orbital_period_min",
    "raan_drift_deg_per_day",
    "sso_inclination_deg",
]

#: Epoch used when none is given: the 2026 March equinox (UTC), a neutral start for studies.
DEFAULT_EPOCH = np.datetime64("2026-03-20T14:46:00", "ns")
#: Below ~150 km an orbit decays within hours; SGP4 and every model here stop making sense.
MINIMUM_ALTITUDE_KM = 150.0
#: Above this the "LEO/MEO" models here (SGP4 near-Earth branch, AE8/AP8 grids) are not meant to go.
MAXIMUM_ALTITUDE_KM = 40_000.0


def orbital_period_min(altitude_km):
    """Keplerian period of a circular orbit [min].

    Parameters
    ----------
    altitude_km : float or array
        Altitude above the equatorial radius [km].

    Returns
    -------
    float or array
        Period [min].

    Notes
    -----
    :math:`T = 2\\pi\\sqrt{a^3/\\mu}` with :math:`a = R_\\oplus + h` (Vallado 2013, eq. 2-26).

    Examples
    --------
    >>> round(float(orbital_period_min(550.0)), 2)
    95.65
    """
    altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                              unit="km")
    semi_major_axis_km = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    return 2 * np.pi * np.sqrt(semi_major_axis_km**3 / EARTH_MU_KM3_S2) / 60.0


def raan_drift_deg_per_day(altitude_km, inclination_deg, eccentricity=0.0):
    """Secular J2 drift of the right ascension of the ascending node [deg/day].

    Parameters
    ----------
    altitude_km : float or array
        Altitude of a circular orbit (or semi-major axis minus the equatorial radius) [km].
    inclination_deg : float or array
        Inclination [deg].
    eccentricity : float or array, default 0
        Eccentricity [-].

    Returns
    -------
    float or array
        :math:`\\dot\\Omega` [deg/day]; negative (westward) for prograde orbits.

    Notes
    -----
    :math:`\\dot\\Omega = -\\tfrac32 J_2 (R_\\oplus/p)^2 n \\cos i`, with :math:`p = a(1-e^2)` and
    :math:`n = \\sqrt{\\mu/a^3}` (Vallado 2013, eq. 9-41).

    Examples
    --------
    >>> round(float(raan_drift_deg_per_day(650.0, sso_inclination_deg(650.0))), 4)
    0.9856
    """
    altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                              unit="km")
    inclination_deg = check_range("inclination_deg", inclination_deg, 0.0, 180.0, unit="deg")
    eccentricity = check_range("eccentricity", eccentricity, 0.0, 1.0, high_inclusive=False)
    try:
        np.broadcast_shapes(altitude_km.shape, inclination_deg.shape, eccentricity.shape)
    except ValueError:
        raise ValueError(
            f"altitude_km/inclination_deg/eccentricity: shapes {altitude_km.shape}, "
            f"{inclination_deg.shape}, {eccentricity.shape} do not broadcast together") from None
    a = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    p = a * (1 - eccentricity**2)
    n_rad_s = np.sqrt(EARTH_MU_KM3_S2 / a**3)
    rate_rad_s = -1.5 * EARTH_J2 * (EARTH_EQUATORIAL_RADIUS_KM / p) ** 2 * n_rad_s * np.cos(
        np.radians(inclination_deg)
    )
    return np.degrees(rate_rad_s) * 86_400.0


def sso_inclination_deg(altitude_km, eccentricity=0.0):
    """Inclination that makes the J2 nodal precession follow the mean Sun [deg].

    Computed with boinor's :func:`boinor.twobody.elements.heliosynchronous` (the same J2 relation
    as :func:`raan_drift_deg_per_day`, solved for the inclination), with the Earth's J2 and radius
    from boinor's body constants.

    Parameters
    ----------
    altitude_km : float or array
        Altitude above the equatorial radius [km].
    eccentricity : float or array, default 0
        Eccentricity [-].

    Returns
    -------
    float or array
        Inclination [deg]; retrograde (> 90°).

    Raises
    ------
    ValueError
        Above about 5 970 km no inclination is sun-synchronous.

    Notes
    -----
    :math:`\\cos i = -\\dfrac{2\\, a^{7/2} \\dot\\Omega_\\odot (1-e^2)^2}{3 R_\\oplus^2 J_2 \\sqrt{\\mu}}`
    with :math:`\\dot\\Omega_\\odot = 360°/365.2422\\,\\mathrm{d}` (Vallado 2013, §11.4).

    Examples
    --------
    >>> round(float(sso_inclination_deg(650.0)), 2)
    97.99
    """
    import astropy.units as u
    from boinor.bodies import Earth
    from boinor.twobody.elements import heliosynchronous

    altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                              unit="km")
    eccentricity = check_range("eccentricity", eccentricity, 0.0, 1.0, high_inclusive=False)
    sun_rate = np.radians(SUN_MEAN_MOTION_DEG_PER_DAY) / 86_400.0 / u.s
    try:
        _, _, inclination = heliosynchronous(
            Earth.k.to(u.km**3 / u.s**2), Earth.R.to(u.km), Earth.J2,
            sun_rate, a=(Earth.R.to_value(u.km) + altitude_km) * u.km,
            ecc=eccentricity * u.one, inc=None,
        )
    except FloatingPointError:
        raise ValueError(
            f"altitude_km: {np.max(altitude_km):g} km has no sun-synchronous inclination "
            "(J2 precession is too weak above ~5 970 km)"
        ) from None
    return inclination.to_value(u.deg)


def mean_sun_right_ascension_deg(times):
    """Right ascension of the mean Sun [deg] (the reference for local time of the node).

    Parameters
    ----------
    times : datetime64 or array of datetime64
        UTC times (UT1 − UTC < 0.9 s is 0.004° here, and is neglected).

    Returns
    -------
    float or array
        Right ascension [deg], in [0, 360).

    Notes
    -----
    Mean longitude of the Sun :math:`L = 280.460° + 0.9856474°\\,d`, with :math:`d` the days from
    J2000.0 (Astronomical Almanac, "low-precision formulas for the Sun"). The mean Sun moves
    uniformly along the equator, so its right ascension equals :math:`L` (Newcomb's
    18h38m45.836s + 8640184.542s·T from 1900 gives the same 280.460° at J2000.0).

    Examples
    --------
    >>> round(float(mean_sun_right_ascension_deg(np.datetime64("2000-01-01T12:00"))), 3)
    280.46
    """
    days = (_data.read_utc_times(times) - np.datetime64("2000-01-01T12:00", "ns")) / (
        np.timedelta64(86_400, "s")
    )
    return np.mod(280.460 + 0.9856474 * days, 360.0)


def critical_beta_deg(altitude_km, earth_radius_km: float = EARTH_EQUATORIAL_RADIUS_KM):
    """Beta angle above which a circular orbit sees no eclipse (cylindrical shadow) [deg].

    Parameters
    ----------
    altitude_km : float or array
        Circular orbit altitude [km], range (0, 1e6].
    earth_radius_km : float, default 6378.137 km (WGS84 equatorial radius)

    Returns
    -------
    float or numpy.ndarray
        β* = asin(R / (R + h)) [deg].

    See Also
    --------
    orbital.sun.eclipse_fraction : the cylindrical eclipse this threshold bounds.

    Notes
    -----
    The Sun's centre sets below a sphere of radius R when β < β*; the outer penumbra reaches
    about one solar radius (0.27°) further. Near a solstice the shadow of a near-polar plane
    grazes the Earth near the polar circles, where the WGS84 silhouette is up to 21 km inside
    the equatorial sphere (≈ 0.2° of β at 1 400 km): for orbits within a few tenths of a degree
    of β*, decide with :func:`orbital.sun.shadow_fraction` and ``earth_shape="wgs84"`` (and a
    ``grazing_height_km`` for the atmosphere) rather than with this sphere.

    Examples
    --------
    >>> round(float(critical_beta_deg(650.0)), 1)
    65.2
    """
    altitude = check_range("altitude_km", altitude_km, 0.0, 1e6, low_inclusive=False, unit="km")
    return np.degrees(np.arcsin(earth_radius_km / (earth_radius_km + altitude)))


#: Julian date of J2000.0 (2000-01-01 12:00 TT; used here on the UTC scale, see
#: :func:`circular_states`).
_J2000_JD = 2451545.0
_ARCSEC = np.pi / (180.0 * 3600.0)


def _julian_centuries(times: np.ndarray) -> np.ndarray:
    days = (times - np.datetime64("2000-01-01T12:00", "ns")) / np.timedelta64(86_400, "s")
    return days / 36525.0


def _gmst_rad(times: np.ndarray) -> np.ndarray:
    """Greenwich mean sidereal time, IAU 1982 (Aoki et al. 1982), UT1 taken as UTC [rad]."""
    t = _julian_centuries(times)
    seconds = (67310.54841 + (876600.0 * 3600.0 + 8640184.812866) * t + 0.093104 * t**2
               - 6.2e-6 * t**3)
    return np.mod(seconds, 86400.0) / 86400.0 * 2.0 * np.pi


def _precession_of_date(times: np.ndarray) -> np.ndarray:
    """IAU 1976 precession matrix, mean J2000 → mean of date (Lieske et al. 1977), (time, 3, 3)."""
    t = _julian_centuries(times)
    zeta = (2306.2181 * t + 0.30188 * t**2 + 0.017998 * t**3) * _ARCSEC
    z = (2306.2181 * t + 1.09468 * t**2 + 0.018203 * t**3) * _ARCSEC
    theta = (2004.3109 * t - 0.42665 * t**2 - 0.041833 * t**3) * _ARCSEC

    def rz(angle):
        c, s = np.cos(angle), np.sin(angle)
        zero, one = np.zeros_like(angle), np.ones_like(angle)
        return np.stack([np.stack([c, s, zero], -1), np.stack([-s, c, zero], -1),
                         np.stack([zero, zero, one], -1)], -2)

    def ry(angle):
        c, s = np.cos(angle), np.sin(angle)
        zero, one = np.zeros_like(angle), np.ones_like(angle)
        return np.stack([np.stack([c, zero, -s], -1), np.stack([zero, one, zero], -1),
                         np.stack([s, zero, c], -1)], -2)

    return rz(-z) @ ry(theta) @ rz(-zeta)


def circular_states(orbit, times):
    r"""States of an orbit's satellites on circular tracks, in closed form (no SGP4 call).

    Each satellite flies a circle of its SGP4 mean semi-major axis, with its node and argument of
    latitude advancing at the secular J2 rates SGP4 itself derives from the elements
    (``nodedot``, ``argpdot + mdot`` of each record). This is the track :mod:`studies`'
    analytic tier reads where the time-stepped SGP4 tier would propagate.

    Parameters
    ----------
    orbit : WalkerShell, SunSynchronousOrbit, FormationCluster or Constellation
        Anything with ``to_constellation()``.
    times : array-like of datetime64
        UTC times, 1-D, strictly increasing.

    Returns
    -------
    xarray.Dataset
        The states contract of :func:`orbital.orbits.propagate` (``position_gcrs_km``,
        ``velocity_gcrs_km_s``, ``position_itrs_km``, ``lat``, ``lon``, ``alt_km``; coords
        ``satellite_name`` and ``plane``), with the attribute ``track = "circular (J2 secular)"``.

    Notes
    -----
    With :math:`a` the mean semi-major axis, :math:`i` the inclination,
    :math:`\Omega(t) = \Omega_0 + \dot\Omega\,\Delta t` and
    :math:`u(t) = \omega_0 + M_0 + (\dot\omega + \dot M)\,\Delta t` (Vallado 2013, §9.6, the
    secular part of SGP4, Hoots & Roehrich 1980), the TEME position is

    .. math:: \mathbf r = a\,(\cos\Omega\cos u - \sin\Omega\sin u\cos i,\;
              \sin\Omega\cos u + \cos\Omega\sin u\cos i,\; \sin u\sin i).

    It is turned to the Earth-fixed frame by the Greenwich mean sidereal time (IAU 1982,
    UT1 taken as UTC: ≤ 0.9 s, ≤ 0.4 km along the equator; polar motion neglected) and to the
    GCRS by the IAU 1976 precession (Lieske et al. 1977); nutation (≤ 20″, ≤ 0.7 km at 7 000 km)
    is neglected. Against SGP4 the track misses the short-period J2 terms (of order
    :math:`\tfrac32 J_2 R^2/a` ≈ 10 km in LEO), the eccentricity and drag: enough for
    geometry (ranges, elevations, eclipses, belt positions), not for conjunctions.

    References
    ----------
    .. [1] D. A. Vallado, *Fundamentals of Astrodynamics and Applications*, 4th ed., 2013,
       §3.7 (sidereal time, IAU 1982), §3.7.2 (IAU 1976 precession), §9.6 (J2 secular rates).
    .. [2] J. H. Lieske et al. (1977), A&A 58, 1–16 (precession angles).

    Examples
    --------
    >>> from orbital.orbits import walker_delta
    >>> shell = walker_delta(550.0, 53.0, planes=2, sats_per_plane=2)
    >>> states = circular_states(shell, shell.epoch + np.arange(3) * np.timedelta64(60, "s"))
    >>> round(float(np.linalg.norm(states.position_gcrs_km[0, 0])) - 6378.137, 0)
    550.0
    """
    import erfa
    import xarray as xr

    from orbital.orbits.states import STATES_VARIABLES

    times = np.atleast_1d(_data.read_utc_times(times))
    if times.ndim != 1 or (times.size > 1 and not np.all(np.diff(times) > np.timedelta64(0))):
        raise ValueError("times: must be 1-D and strictly increasing")
    constellation = orbit.to_constellation()
    records = constellation.satrecs
    radius_km = np.array([s.a * s.radiusearthkm for s in records])
    inclination = np.array([s.inclo for s in records])
    node0 = np.array([s.nodeo for s in records])
    latitude0 = np.array([s.argpo + s.mo for s in records])
    node_rate = np.array([s.nodedot for s in records]) / 60.0                # rad/s
    latitude_rate = np.array([s.argpdot + s.mdot for s in records]) / 60.0   # rad/s
    elapsed_s = ((times[:, None] - constellation.epochs[None, :])
                 / np.timedelta64(1, "ns")) * 1e-9                           # (time, satellite)
    node = node0 + node_rate * elapsed_s
    u = latitude0 + latitude_rate * elapsed_s
    cos_node, sin_node, cos_u, sin_u = np.cos(node), np.sin(node), np.cos(u), np.sin(u)
    cos_i, sin_i = np.cos(inclination), np.sin(inclination)
    teme = radius_km[..., None] * np.stack([cos_node * cos_u - sin_node * sin_u * cos_i,
                                            sin_node * cos_u + cos_node * sin_u * cos_i,
                                            sin_u * sin_i], axis=-1)
    speed = (radius_km * latitude_rate)[..., None]
    teme_velocity = speed * np.stack([-cos_node * sin_u - sin_node * cos_u * cos_i,
                                      -sin_node * sin_u + cos_node * cos_u * cos_i,
                                      np.broadcast_to(cos_u * sin_i, cos_u.shape)], axis=-1)
    # TEME ≈ mean equator and equinox of date: back to J2000 (≈ GCRS) by the precession
    to_gcrs = np.swapaxes(_precession_of_date(times), -1, -2)
    position_gcrs = np.einsum("tij,tsj->tsi", to_gcrs, teme)
    velocity_gcrs = np.einsum("tij,tsj->tsi", to_gcrs, teme_velocity)
    angle = _gmst_rad(times)[:, None]
    cos_g, sin_g = np.cos(angle), np.sin(angle)
    itrs = np.stack([cos_g * teme[..., 0] + sin_g * teme[..., 1],
                     -sin_g * teme[..., 0] + cos_g * teme[..., 1], teme[..., 2]], axis=-1)
    lon, lat, height_m = erfa.gc2gd(1, itrs * 1000.0)
    values = {"position_gcrs_km": position_gcrs, "velocity_gcrs_km_s": velocity_gcrs,
              "position_itrs_km": itrs, "lat": np.degrees(lat), "lon": np.degrees(lon),
              "alt_km": height_m / 1000.0}
    data = {name: (STATES_VARIABLES[name][0], values[name],
                   {"units": STATES_VARIABLES[name][1], "long_name": STATES_VARIABLES[name][2]})
            for name in STATES_VARIABLES}
    n = len(records)
    return xr.Dataset(data, coords={"time": times, "satellite": np.arange(n),
                                    "xyz": ["x", "y", "z"],
                                    "satellite_name": ("satellite", list(constellation.names)),
                                    "plane": ("satellite", np.asarray(constellation.plane))},
                      attrs={"track": "circular (J2 secular)"})
