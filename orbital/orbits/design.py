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
