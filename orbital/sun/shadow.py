"""Conical umbra/penumbra shadow of the Earth and refined eclipse events.

Montenbruck & Gill (2000, §3.4.2): the Sun and the Earth are two disks seen from the
satellite; the visible fraction of the solar disk is one minus their overlap over the
Sun's disk area.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital.constants import (
    EARTH_EQUATORIAL_RADIUS_KM,
    SUN_RADIUS_KM,
)
from orbital.sun.position import as_times, over_states, positions, sun_km, velocities

#: WGS84 polar radius of the Earth [km] (NIMA TR8350.2: a = 6378.137 km, 1/f = 298.257223563).
EARTH_POLAR_RADIUS_KM = EARTH_EQUATORIAL_RADIUS_KM * (1.0 - 1.0 / 298.257223563)

#: Earth figures for the shadow: a sphere of equatorial radius (the choice of Montenbruck & Gill
#: and of skyfield's ``is_sunlit``), or the WGS84 ellipsoid (polar shadow edges up to ~21 km
#: lower: a few seconds on eclipse entry/exit at high latitude, but decisive for orbits whose β
#: stays near β*, e.g. a 1 400 km dawn–dusk SSO at the June solstice, which the sphere puts in
#: the outer penumbra and the ellipsoid leaves in full sunlight).
EARTH_SHAPES = {
    "sphere": {"equatorial_radius_km": EARTH_EQUATORIAL_RADIUS_KM,
               "polar_radius_km": EARTH_EQUATORIAL_RADIUS_KM,
               "source": "WGS84 equatorial radius a = 6378.137 km (orbital.constants; skyfield's "
                         "is_sunlit uses 6378.1366 km)"},
    "wgs84": {"equatorial_radius_km": EARTH_EQUATORIAL_RADIUS_KM, "polar_radius_km": EARTH_POLAR_RADIUS_KM,
              "source": "NIMA TR8350.2 (WGS84)"},
}


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
        Figure of the shadowing Earth (see :data:`EARTH_SHAPES`). The sphere matches skyfield's
        ``is_sunlit`` and most tools; "wgs84" is the physical figure and decides orbits whose
        β stays within a few tenths of a degree of β* (e.g. a 1 400 km dawn–dusk SSO).

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
    >>> from orbital.sun import sun_position_gcrs_km
    >>> t = np.array(["2026-03-20T12:00"], dtype="datetime64[ns]")
    >>> sun = sun_position_gcrs_km(t).values[0]
    >>> r = np.stack([sun, -sun]) / np.linalg.norm(sun) * 7000.0  # day side, night side
    >>> pos = xr.DataArray(r[None], dims=("time", "satellite", "xyz"),
    ...                    coords={"time": t, "satellite": [0, 1], "xyz": ["x", "y", "z"]})
    >>> shadow_fraction(xr.Dataset({"position_gcrs_km": pos})).values
    array([[1., 0.]])
    """
    radius_km, z_stretch = _earth_figure(earth_shape, grazing_height_km)
    fraction = over_states(_shadow_kernel, states, radius_km=radius_km, z_stretch=z_stretch)
    fraction.name = "visible_solar_fraction"
    fraction.attrs = {"units": "1", "long_name": "visible fraction of the solar disk "
                      f"(conical shadow, grazing height {float(grazing_height_km):g} km)"}
    return fraction


def _shadow_kernel(position, sun, radius_km, z_stretch):
    return _visible_fraction(*_disk_angles(position, sun, radius_km, z_stretch))


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
    times = as_times(states)
    position, velocity = positions(states), velocities(states)
    sun = sun_km(times)
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
