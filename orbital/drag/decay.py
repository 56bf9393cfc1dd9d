"""Orbit decay under drag: circular-orbit decay rate, lifetime to re-entry, and a Cowell check.

The analytic path integrates the circular-orbit decay law over a tabulated density profile once
per activity set; every (altitude, drag parameter) combination then costs one interpolation.
"""

from __future__ import annotations

import functools

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.constants import (
    EARTH_EQUATORIAL_RADIUS_KM,
    EARTH_J2,
    EARTH_MU_KM3_S2,
    EARTH_ROTATION_RAD_S,
)
from orbital.drag._names import check_name
from orbital.drag.atmosphere import ACTIVITY_LEVELS, density_kg_m3

__all__ = [
    "OPERATING_ALTITUDE_RANGE_KM",
    "REENTRY_ALTITUDE_KM",
    "SECONDS_PER_YEAR",
    "altitude_after_km",
    "corotation_drag_factor",
    "cowell_decay",
    "decay_rate_km_day",
    "lifetime",
    "orbit_mean_height_offset_km",
    "orbital_lifetime_years",
]

#: Altitudes the decay, lifetime and keeping functions accept [km]: below 150 km an orbit lasts
#: hours to days and the circular-orbit law no longer holds; above 1 500 km lies beyond the
#: tabulated NRLMSIS profile (and drag is negligible there).
OPERATING_ALTITUDE_RANGE_KM = (150.0, 1500.0)
#: Altitude taken as re-entry [km]: below ~120 km a satellite re-enters within a few orbits
#: (ISO 27852:2016 uses 100–120 km as the end of orbital life; ISO27852).
REENTRY_ALTITUDE_KM = 120.0
#: Julian year [s].
SECONDS_PER_YEAR = 365.25 * 86400.0

_MU_M3_S2 = EARTH_MU_KM3_S2 * 1e9
FINE_GRID_KM = np.arange(100.0, 1500.0 + 0.5, 1.0)


def check_altitude(altitude_km, field="altitude_km"):
    return check_range(field, altitude_km, *OPERATING_ALTITUDE_RANGE_KM, unit="km")


def check_drag_parameter(drag_parameter_m2_kg):
    return check_range("drag_parameter_m2_kg", drag_parameter_m2_kg, 0.0, 10.0,
                       low_inclusive=False, unit="m2 kg-1")


def _activity_names(activity):
    """Canonical names of a scalar or an array of activity names (close matches suggested)."""
    names = np.asarray(activity, dtype=object)
    canonical = {name: check_name("activity", name, ACTIVITY_LEVELS, what="activity set")
                 for name in set(names.ravel().tolist())}
    return names, canonical


@functools.lru_cache(maxsize=64)
def time_integral(activity: str) -> np.ndarray:
    """G(h) = ∫ da / (√(μ a) ρ(a)) from 100 km to each altitude of ``FINE_GRID_KM`` [s m2 kg-1]."""
    return _cumulative_time(density_kg_m3(FINE_GRID_KM, activity))


def _cumulative_time(density, factor=1.0):
    """Trapezoid G on ``FINE_GRID_KM`` of 1 / (√(μ a) ρ F) da, from its first node [s m2 kg-1]."""
    a_m = (EARTH_EQUATORIAL_RADIUS_KM + FINE_GRID_KM) * 1e3
    integrand = 1.0 / (np.sqrt(_MU_M3_S2 * a_m) * density * factor)
    steps = 0.5 * (integrand[1:] + integrand[:-1]) * np.diff(a_m)
    return np.concatenate([[0.0], np.cumsum(steps)])


def per_activity(activity, function, *arrays):
    """Apply ``function(activity_name, *arrays)`` per distinct activity; arrays broadcast."""
    names, canonical = _activity_names(activity)
    arrays = np.broadcast_arrays(*arrays, names)
    names = arrays[-1]
    out = np.empty(names.shape)
    for given, name in canonical.items():
        mask = names == given
        out[mask] = function(name, *(a[mask] for a in arrays[:-1]))
    return out if out.ndim else float(out)


#: WGS84 flattening of the Earth [1] (NIMA TR8350.2), for the height of an orbit above the
#: ellipsoid.
EARTH_FLATTENING = 1.0 / 298.257223563


def check_inclination(inclination_deg):
    return check_range("inclination_deg", inclination_deg, 0.0, 180.0, unit="deg")


def corotation_drag_factor(altitude_km, inclination_deg):
    """Drag of an atmosphere co-rotating with the Earth over that of a still one [1].

    Parameters
    ----------
    altitude_km : float or array
        Circular-orbit altitude a − R_eq [km], 150 … 1 500.
    inclination_deg : float or array
        Orbit inclination [deg], 0 … 180 (above 90° the orbit runs against the rotation).

    Returns
    -------
    numpy.ndarray
        F [1]: 0.875 equatorial prograde at 400 km, 1 at 90°, 1.133 equatorial retrograde.

    Notes
    -----
    The air turns with the Earth at ω_E, so the satellite meets it at
    :math:`\\mathbf v - \\boldsymbol\\omega_E\\times\\mathbf r`, whose along-track part is
    :math:`v - \\omega_E r\\cos i` at every point of a circular orbit. Drag work
    :math:`\\tfrac12\\rho |v_{rel}|\\,(\\mathbf v_{rel}\\cdot\\mathbf v)` then scales by

    .. math:: F = \\left(1 - \\frac{r\\,\\omega_E}{v}\\cos i\\right)^2,\\qquad v = \\sqrt{\\mu/r}

    (KingHele1987; KingHele1977; the relative velocity as in MontenbruckGill2005). The
    cross-track wind (ω_E r sin i cos u) adds :math:`\\tfrac14 (\\omega_E r/v)^2 \\sin^2 i`
    ≤ 0.15 % to the orbit mean, neglected. Thermospheric super-rotation (the air turning
    1.1–1.2 times faster than the Earth at 150–170 km; KingHele1970) is not modelled.

    References
    ----------
    KingHele1987; KingHele1977; KingHele1970; MontenbruckGill2005.

    Examples
    --------
    >>> round(float(corotation_drag_factor(400.0, 51.6)), 3)
    0.922
    """
    altitude = check_altitude(altitude_km)
    inclination = np.radians(check_inclination(inclination_deg))
    return _corotation_factor(altitude, inclination)


def _corotation_factor(altitude_km, inclination_rad):
    r_km = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    wind_over_speed = EARTH_ROTATION_RAD_S * r_km / np.sqrt(EARTH_MU_KM3_S2 / r_km)
    return (1.0 - wind_over_speed * np.cos(inclination_rad)) ** 2


def orbit_mean_height_offset_km(inclination_deg):
    """Orbit-mean height above the ellipsoid minus a − R_eq for a circular orbit [km].

    Parameters
    ----------
    inclination_deg : float or array
        Orbit inclination [deg], 0 … 180.

    Returns
    -------
    numpy.ndarray
        Offset [km], ≥ 0: 0 equatorial, 6.6 at 51.6°, 10.7 polar.

    Notes
    -----
    The ellipsoid's radius at geocentric latitude φ is :math:`R_{eq}(1 - f\\sin^2\\varphi)` to
    first order in the flattening f, and along a circular orbit
    :math:`\\sin\\varphi = \\sin i \\sin u`, whose square averages to :math:`\\sin^2 i/2`:

    .. math:: \\bar h = a - R_{eq} + \\tfrac12 R_{eq} f \\sin^2 i

    (WGS84 f, NIMA-TR8350.2; CookKingHeleWalker1961 treat the same oblateness of the
    atmosphere for near-circular orbits). The height swings by ±Δh about that mean twice per
    orbit, so the orbit-mean density exceeds the density at the mean height by
    :math:`I_0(\\Delta h/H) - 1`: 0.3 % at 51.6° with a 60 km scale height, 1.8 % for a polar
    orbit where H = 40 km (about 250 km); neglected (the law then slightly under-reads drag).

    References
    ----------
    NIMA-TR8350.2; CookKingHeleWalker1961.

    Examples
    --------
    >>> round(float(orbit_mean_height_offset_km(51.6)), 2)
    6.57
    """
    inclination = np.radians(check_inclination(inclination_deg))
    return _height_offset_km(inclination)


def _height_offset_km(inclination_rad):
    return 0.5 * EARTH_EQUATORIAL_RADIUS_KM * EARTH_FLATTENING * np.sin(inclination_rad) ** 2


def _density_at_height(height_km, activity):
    """Density [kg m-3] at a height above the ellipsoid; log-linear above the profile's 1 500 km.

    The orbit-mean height of a 1 500 km orbit reaches 1 510.7 km; over those ≤ 11 km the
    tabulated profile is continued with its top log-slope (scale height 290–470 km there).
    """
    top = OPERATING_ALTITUDE_RANGE_KM[1]
    excess = np.maximum(np.asarray(height_km, dtype=float) - top, 0.0)
    rho_top, rho_below = density_kg_m3([top, top - 5.0], activity)
    log_slope = np.log(rho_top / rho_below) / 5.0
    return density_kg_m3(np.minimum(height_km, top), activity) * np.exp(log_slope * excess)


def effective_density_kg_m3(height_km, activity, inclination_deg):
    """ρ F at a − R_eq = ``height_km`` [kg m-3]: plain ρ(h) if inclination_deg is None."""
    if inclination_deg is None:
        return density_kg_m3(height_km, activity)
    inclination = np.radians(inclination_deg)
    return (_density_at_height(height_km + _height_offset_km(inclination), activity)
            * _corotation_factor(height_km, inclination))


def time_table(activity, inclination_deg):
    """G(h) for ``activity``: the still, spherical atmosphere if inclination_deg is None."""
    if inclination_deg is None:
        return time_integral(activity)
    return _inclined_time_integral(activity, float(inclination_deg))


@functools.lru_cache(maxsize=256)
def _inclined_time_integral(activity: str, inclination_deg: float) -> np.ndarray:
    """G(h) = ∫ da / (√(μ a) ρ(a − R_eq + Δh) F(a)) on ``FINE_GRID_KM`` [s m2 kg-1].

    F varies with a (by 1.5 % between 550 and 120 km at i = 0), so it sits inside the
    integral rather than scaling the result.
    """
    inclination = np.radians(inclination_deg)
    return _cumulative_time(
        _density_at_height(FINE_GRID_KM + _height_offset_km(inclination), activity),
        _corotation_factor(FINE_GRID_KM, inclination))


def per_case(activity, inclination_deg, function, *arrays):
    """Apply ``function(activity_name, inclination_deg or None, *arrays)`` per distinct case.

    ``inclination_deg`` None keeps the still, spherical atmosphere; otherwise it is checked
    (0 … 180 deg) and broadcast with the arrays, one call per distinct inclination.
    """
    if inclination_deg is None:
        return per_activity(activity, lambda name, *a: function(name, None, *a), *arrays)

    def split(name, inclination, *a):
        out = np.empty(inclination.shape)
        for value in np.unique(inclination):
            mask = inclination == value
            out[mask] = function(name, float(value), *(x[mask] for x in a))
        return out

    return per_activity(activity, split, check_inclination(inclination_deg), *arrays)


def decay_rate_km_day(altitude_km, drag_parameter_m2_kg, activity="solar-mean", *,
                      inclination_deg=None):
    """Decay rate of a circular orbit's altitude under drag [km/day] (positive = losing height).

    Parameters
    ----------
    altitude_km : float or array
        Circular-orbit altitude [km], 150 … 1 500.
    drag_parameter_m2_kg : float or array
        C_D A / m [m2 kg-1], in (0, 10] (:func:`orbital.drag.ballistic_coefficient`).
    activity : str or array of str, default "solar-mean"
        Named activity set(s) (:data:`orbital.drag.ACTIVITY_LEVELS`).
    inclination_deg : float or array, optional
        Orbit inclination [deg], 0 … 180. None (default) keeps the still, spherical
        atmosphere: inertial velocity and density at a − R_eq. A number applies both of its
        known biases: the atmosphere's co-rotation (:func:`corotation_drag_factor`, at each
        altitude) and the orbit-mean height above the ellipsoid
        (:func:`orbit_mean_height_offset_km`, where the density is read). The altitude given
        stays a − R_eq.

    Returns
    -------
    numpy.ndarray
        −da/dt [km/day].

    Notes
    -----
    Drag D/m = ½ ρ v² C_D A/m along −v on a circular orbit (v = √(μ/a)) removes energy at
    the rate dε/dt = −v D/m, and ε = −μ/(2a) gives

    .. math:: \\frac{\\mathrm{d}a}{\\mathrm{d}t} = -\\sqrt{\\mu a}\\,\\rho\\,\\frac{C_D A}{m}

    (Vallado2013 §9.6; KingHele1987), with ρ at h = a − R_eq and the velocity relative to the
    inertial frame when ``inclination_deg`` is None (as boinor's drag). With an inclination the
    rate becomes :math:`\\sqrt{\\mu a}\\,\\rho(a - R_{eq} + \\Delta h)\\,(C_D A/m)\\,F(a, i)`:
    F = (1 − ω_E a cos i / v)² is 0.92 at 51.6° and 400 km, and Δh = R_eq f sin²i / 2 is
    6.6 km there (together −18 % at 400 km, solar mean).

    Examples
    --------
    >>> round(float(decay_rate_km_day(400.0, 0.022)), 2)  # 1 000 kg, 10 m², C_D 2.2, mean Sun
    0.33
    """
    altitude = check_altitude(altitude_km)
    beta = check_drag_parameter(drag_parameter_m2_kg)

    def rate(name, inclination, h, b):
        a_m = (EARTH_EQUATORIAL_RADIUS_KM + h) * 1e3
        rho = effective_density_kg_m3(h, name, inclination)
        return np.sqrt(_MU_M3_S2 * a_m) * rho * b * 86400.0 / 1e3

    return per_case(activity, inclination_deg, rate, altitude, beta)


def orbital_lifetime_years(altitude_km, drag_parameter_m2_kg, activity="solar-mean", *,
                           reentry_altitude_km=REENTRY_ALTITUDE_KM, inclination_deg=None):
    """Time for a circular orbit to decay to re-entry under constant activity [years].

    Parameters
    ----------
    altitude_km : float or array
        Initial circular altitude [km], 150 … 1 500.
    drag_parameter_m2_kg : float or array
        C_D A / m [m2 kg-1], in (0, 10].
    activity : str or array of str, default "solar-mean"
        Named activity set(s), held constant over the whole decay (a lifetime longer than a
        solar cycle lies between the solar-min and solar-max figures; ``storm`` levels only
        hold for days and give a bound, not a forecast).
    reentry_altitude_km : float, default 120
        Altitude taken as re-entry [km], 100 … 150 (a − R_eq).
    inclination_deg : float or array, optional
        Orbit inclination [deg], 0 … 180. None (default) keeps the still, spherical
        atmosphere: inertial velocity and density at a − R_eq. A number applies both of its
        known biases: the atmosphere's co-rotation (:func:`corotation_drag_factor`, at each
        altitude) and the orbit-mean height above the ellipsoid
        (:func:`orbit_mean_height_offset_km`, where the density is read). The altitude given
        stays a − R_eq.

    Returns
    -------
    numpy.ndarray
        Lifetime [years, Julian]. All inputs broadcast together.

    Notes
    -----
    .. math:: t_{life} = \\frac{m}{C_D A}\\int_{a_{re}}^{a_0}
              \\frac{\\mathrm{d}a}{\\sqrt{\\mu a}\\,\\rho(a)}

    The integral G(h) is computed once per activity set on a 1 km grid (cumulative trapezoid;
    relative error < 10⁻³ for scale heights ≥ 20 km) and interpolated, so 10 000 combinations
    cost milliseconds. With ``inclination_deg`` the integrand is
    :math:`1/(\\sqrt{\\mu a}\\,\\rho(a - R_{eq} + \\Delta h)\\,F(a, i))`, F inside the integral
    (it varies by 1.5 % between 550 and 120 km), one table per (activity, inclination), cached
    (about 0.1 ms to build; round inclinations if you pass thousands of distinct ones).

    Examples
    --------
    >>> years = orbital_lifetime_years([400.0, 600.0], 0.022, "solar-mean")
    >>> bool(years[0] < 2 < 10 < years[1])
    True
    """
    altitude = check_altitude(altitude_km)
    beta = check_drag_parameter(drag_parameter_m2_kg)
    reentry = float(check_range("reentry_altitude_km", reentry_altitude_km, 100.0, 150.0,
                                unit="km"))

    def years(name, inclination, h, b):
        table = time_table(name, inclination)
        elapsed = np.interp(h, FINE_GRID_KM, table) - np.interp(reentry, FINE_GRID_KM, table)
        return np.maximum(elapsed, 0.0) / b / SECONDS_PER_YEAR

    return per_case(activity, inclination_deg, years, altitude, beta)


def altitude_after_km(altitude_km, drag_parameter_m2_kg, days, activity="solar-mean", *,
                      inclination_deg=None):
    """Circular-orbit altitude after ``days`` of free decay (analytic law) [km].

    Parameters
    ----------
    altitude_km : float or array
        Initial altitude [km], 150 … 1 500.
    drag_parameter_m2_kg : float or array
        C_D A / m [m2 kg-1], in (0, 10].
    days : float or array
        Elapsed time [days], ≥ 0.
    activity : str or array of str, default "solar-mean"
    inclination_deg : float or array, optional
        Orbit inclination [deg], 0 … 180. None (default) keeps the still, spherical
        atmosphere: inertial velocity and density at a − R_eq. A number applies both of its
        known biases: the atmosphere's co-rotation (:func:`corotation_drag_factor`, at each
        altitude) and the orbit-mean height above the ellipsoid
        (:func:`orbit_mean_height_offset_km`, where the density is read). The altitude given
        stays a − R_eq.

    Returns
    -------
    numpy.ndarray
        Altitude [km]; :data:`REENTRY_ALTITUDE_KM` once re-entered.

    Notes
    -----
    Inverts :math:`G(h) = G(h_0) - (C_D A/m)\\,t` on the tabulated G (monotone in h).

    Examples
    --------
    >>> round(float(altitude_after_km(400.0, 0.022, 30.0)), 1)
    389.0
    """
    altitude = check_altitude(altitude_km)
    beta = check_drag_parameter(drag_parameter_m2_kg)
    elapsed = check_range("days", days, 0.0, None, unit="days") * 86400.0

    def after(name, inclination, h, b, t):
        table = time_table(name, inclination)
        target = np.interp(h, FINE_GRID_KM, table) - b * t
        return np.maximum(np.interp(target, table, FINE_GRID_KM), REENTRY_ALTITUDE_KM)

    return per_case(activity, inclination_deg, after, altitude, beta, elapsed)


def lifetime(altitude_km, drag_parameter_m2_kg, activities=("solar-min", "solar-mean",
                                                           "solar-max"), *,
             inclination_deg=None):
    """Lifetime and decay rate over (activity, altitude, drag parameter), as a Dataset.

    Parameters
    ----------
    altitude_km : array
        Initial circular altitudes [km], 150 … 1 500.
    drag_parameter_m2_kg : array
        C_D A / m values [m2 kg-1], in (0, 10].
    activities : sequence of str
        Named activity sets.
    inclination_deg : float, optional
        Orbit inclination [deg], 0 … 180; None (default) keeps the still, spherical
        atmosphere (see :func:`decay_rate_km_day`). Recorded in the attributes.

    Returns
    -------
    xarray.Dataset
        ``lifetime_years`` [year] and ``decay_rate_km_day`` [km day-1] over
        (activity, altitude_km, drag_parameter_m2_kg).

    Examples
    --------
    >>> ds = lifetime([400.0, 800.0], [0.01, 0.02])
    >>> ds.lifetime_years.dims
    ('activity', 'altitude_km', 'drag_parameter_m2_kg')
    """
    altitude = np.atleast_1d(check_altitude(altitude_km))
    beta = np.atleast_1d(check_drag_parameter(drag_parameter_m2_kg))
    names = [check_name("activity", a, ACTIVITY_LEVELS, what="activity set") for a in activities]
    if inclination_deg is not None:
        inclination_deg = float(check_range("inclination_deg", inclination_deg, 0.0, 180.0,
                                            unit="deg"))
    grid_a, grid_b = np.meshgrid(altitude, beta, indexing="ij")
    years = np.array([orbital_lifetime_years(grid_a, grid_b, n, inclination_deg=inclination_deg)
                      for n in names])
    rate = np.array([decay_rate_km_day(grid_a, grid_b, n, inclination_deg=inclination_deg)
                     for n in names])
    dims = ("activity", "altitude_km", "drag_parameter_m2_kg")
    return xr.Dataset(
        {
            "lifetime_years": (dims, years, {"units": "year", "long_name":
                                             f"time to decay to {REENTRY_ALTITUDE_KM:g} km"}),
            "decay_rate_km_day": (dims, rate, {"units": "km day-1",
                                               "long_name": "altitude loss rate"}),
        },
        coords={
            "activity": ("activity", names, {"long_name": "activity set"}),
            "altitude_km": ("altitude_km", altitude, {"units": "km",
                                                      "long_name": "initial altitude"}),
            "drag_parameter_m2_kg": ("drag_parameter_m2_kg", beta, {
                "units": "m2 kg-1", "long_name": "drag parameter C_D A/m"}),
        },
        attrs={"atmosphere": "still, spherical (h = a - R_eq)" if inclination_deg is None else
               f"co-rotating, orbit-mean height above the ellipsoid at inclination "
               f"{inclination_deg:g} deg",
               **({} if inclination_deg is None else {"inclination_deg": inclination_deg})},
    )


def cowell_decay(altitude_km, drag_parameter_m2_kg, activity="solar-mean", *, days=30.0,
                 inclination_deg=51.6, samples_per_orbit=16, rtol=1e-9,
                 rotating_oblate_atmosphere=False):
    """Numerical decay with boinor's Cowell propagator (two-body + J2 + drag).

    Parameters
    ----------
    altitude_km : float
        Initial circular altitude [km], 150 … 1 500.
    drag_parameter_m2_kg : float
        C_D A / m [m2 kg-1], in (0, 10].
    activity : str, default "solar-mean"
        Named activity set; the density is :func:`orbital.drag.density_kg_m3` at the geocentric
        radius minus the equatorial radius (the analytic law's altitude), or at the height above
        the ellipsoid with ``rotating_oblate_atmosphere``.
    days : float, default 30
        Span [days], in (0, 365].
    inclination_deg : float, default 51.6
        Inclination [deg], 0 … 180.
    samples_per_orbit : int, default 16
        Samples of the state per orbit, for the orbit-mean semi-major axis, 4 … 1 000.
    rtol : float, default 1e-9
        Relative tolerance of the DOP853 integrator, in [1e-13, 1e-5].
    rotating_oblate_atmosphere : bool, default False
        False: drag on the inertial velocity, density at r − R_eq, compared with the analytic
        law without inclination (boinor's ``atmospheric_drag``). True: the air co-rotates with
        the Earth (drag on :math:`\\mathbf v - \\boldsymbol\\omega_E\\times\\mathbf r`, the
        spin axis along z) and the density is read at the height above the WGS84 ellipsoid,
        :math:`r - R_{eq}(1 - f\\sin^2\\varphi)`, point by point; the analytic law is then called
        with ``inclination_deg``, so both paths carry the same physics, one averaged in closed
        form, the other sampled along the orbit.

    Returns
    -------
    xarray.Dataset
        ``mean_altitude_km`` [km]: the osculating (two-body) semi-major axis minus the
        equatorial radius, averaged over each orbit (which removes J2's twice-per-orbit
        short-period terms, but not its constant offset between osculating and mean a, hence
        the comparison in losses); ``altitude_loss_km`` [km] since the first orbit, and
        ``analytic_altitude_loss_km`` [km] from :func:`altitude_after_km` started at the first
        orbit's mean geocentric radius (the air the propagated orbit actually meets), over
        ``time_days``.

    Notes
    -----
    Integrates :math:`\\ddot{\\mathbf r} = -\\mu\\mathbf r/r^3 + \\mathbf a_{J2}
    - \\tfrac12\\rho v (C_D A/m)\\mathbf v` with :func:`boinor.core.propagation.cowell`
    (the engine of ``boinor.twobody.propagation.CowellPropagator``, DOP853) and
    :func:`boinor.core.perturbations.J2_perturbation` / ``atmospheric_drag``. Velocity is
    inertial in both paths by default (the atmosphere-relative one with
    ``rotating_oblate_atmosphere``), so the comparison isolates the circular-orbit averaging.

    References
    ----------
    boinor; Vallado2013 §9.6.
    """
    from boinor.core.perturbations import J2_perturbation, atmospheric_drag
    from boinor.core.propagation import cowell
    from boinor.core.propagation.base import func_twobody

    altitude = float(check_altitude(altitude_km))
    beta = float(check_drag_parameter(drag_parameter_m2_kg))
    span_days = float(check_range("days", days, 0.0, 365.0, low_inclusive=False, unit="days"))
    inclination = np.radians(float(check_range("inclination_deg", inclination_deg, 0.0, 180.0,
                                               unit="deg")))
    name = check_name("activity", activity, ACTIVITY_LEVELS, what="activity set")
    samples_per_orbit = int(check_range("samples_per_orbit", samples_per_orbit, 4, 1000))
    rtol = float(check_range("rtol", rtol, 1e-13, 1e-5))
    grid_km = FINE_GRID_KM
    log_density = np.log(density_kg_m3(grid_km, name) * 1e9)  # kg km-3 for boinor
    radius, mu = EARTH_EQUATORIAL_RADIUS_KM, EARTH_MU_KM3_S2
    rotating = bool(rotating_oblate_atmosphere)
    omega = EARTH_ROTATION_RAD_S

    def drag(t0, state, k, r):
        if not rotating:
            rho = np.exp(np.interp(r - radius, grid_km, log_density))
            return atmospheric_drag(t0, state, k, 1.0, beta * 1e-6, rho)
        sin_latitude = state[2] / r
        height = r - radius * (1.0 - EARTH_FLATTENING * sin_latitude**2)
        rho = np.exp(np.interp(height, grid_km, log_density))
        wind = np.array([state[3] + omega * state[1], state[4] - omega * state[0], state[5]])
        return -0.5 * rho * beta * 1e-6 * np.sqrt(wind @ wind) * wind

    def acceleration(t0, state, k):
        r = np.sqrt(state[0] ** 2 + state[1] ** 2 + state[2] ** 2)
        return (func_twobody(t0, state, k)
                + np.concatenate([[0.0, 0.0, 0.0],
                                  J2_perturbation(t0, state, k, EARTH_J2, radius)
                                  + drag(t0, state, k, r)]))

    a0 = radius + altitude
    v0 = np.sqrt(mu / a0)
    r0 = np.array([a0, 0.0, 0.0])
    v = np.array([0.0, v0 * np.cos(inclination), v0 * np.sin(inclination)])
    period_s = 2 * np.pi * np.sqrt(a0**3 / mu)
    n_orbits = int(span_days * 86400.0 // period_s)
    times = np.arange(n_orbits * samples_per_orbit) * period_s / samples_per_orbit
    rr, vv = (np.asarray(x) for x in cowell(mu, r0, v, times, rtol, f=acceleration))
    r_norm = np.linalg.norm(rr, axis=1)
    energy = 0.5 * np.sum(vv**2, axis=1) - mu / r_norm
    a = -mu / (2 * energy)
    mean_a = a.reshape(n_orbits, samples_per_orbit).mean(axis=1)
    # The density follows the orbit-mean radius, which under J2 sits a few km from the
    # starting radius (the initial state is circular in two-body terms only): start the
    # analytic law from the first orbit's mean radius, so both see the same air.
    mean_radius = r_norm.reshape(n_orbits, samples_per_orbit).mean(axis=1)
    orbit_mid_days = (np.arange(n_orbits) + 0.5) * period_s / 86400.0
    analytic = altitude_after_km(mean_radius[0] - radius, beta, orbit_mid_days - orbit_mid_days[0],
                                 name, inclination_deg=float(np.degrees(inclination)) if rotating
                                 else None)
    return xr.Dataset(
        {
            "mean_altitude_km": ("time_days", mean_a - radius, {
                "units": "km", "long_name": "orbit-mean semi-major axis minus equatorial radius "
                                            "(Cowell, J2 + drag)"}),
            "altitude_loss_km": ("time_days", mean_a[0] - mean_a, {
                "units": "km", "long_name": "orbit-mean altitude lost since the first orbit "
                                            "(Cowell, J2 + drag)"}),
            "analytic_altitude_loss_km": ("time_days", analytic[0] - analytic, {
                "units": "km", "long_name": "altitude lost since the first orbit (circular-"
                                            "orbit decay law)"}),
        },
        coords={"time_days": ("time_days", orbit_mid_days, {
            "units": "day", "long_name": "time at mid-orbit since start"})},
        attrs={"activity": name, "drag_parameter_m2_kg": beta,
               "inclination_deg": float(np.degrees(inclination)),
               "atmosphere": "co-rotating, height above the ellipsoid" if rotating
               else "still, spherical (h = r - R_eq)"},
    )
