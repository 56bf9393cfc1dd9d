"""Ground–satellite geometry: site positions, look angles, visibility and contact windows.

Everything works on Earth-fixed (ITRS) positions in km, vectorized over
(time, satellite, site). Ground sites are WGS84 geodetic points; they come in as a Dataset
with ``lat``, ``lon`` (and optionally ``alt_km``) on a ``site`` dimension, built for example
by :func:`ground_sites` from plain arrays. ``orbital`` never imports ``ground``.
"""

from __future__ import annotations

import erfa
import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM
from orbital.orbits import check_states

#: Minimum elevation used when neither ``min_elevation_deg`` nor ``max_range_km`` is given [deg].
#: 25° is the user-terminal mask of SpaceX's Starlink FCC filing (SAT-MOD-20181108-00083) used by
#: Hypatia for its Starlink shell (Kassing et al., IMC 2020, section 3.2).
DEFAULT_MIN_ELEVATION_DEG = 25.0

#: Time chunk for (time, satellite, site) arrays so temporaries stay near this many elements.
_CHUNK_ELEMENTS = 4_000_000


# ----------------------------------------------------------------------------- inputs


def ground_sites(lat_deg, lon_deg, alt_km=0.0, names=None) -> xr.Dataset:
    """Ground sites as a Dataset on a ``site`` dimension, with their Earth-fixed positions.

    Parameters
    ----------
    lat_deg : array-like
        Geodetic latitude [deg], in [−90, 90].
    lon_deg : array-like
        Longitude [deg], in [−180, 360].
    alt_km : array-like, default 0
        Height above the WGS84 ellipsoid [km], in [−0.5, 100].
    names : sequence of str, optional
        Site labels (the ``site`` coordinate); default ``0 … n−1``.

    Returns
    -------
    xarray.Dataset
        ``lat``, ``lon`` [deg], ``alt_km`` [km] on ``site`` and ``position_itrs_km``
        (site, xyz) [km].

    Notes
    -----
    Geodetic to Earth-fixed Cartesian on the WGS84 ellipsoid (``erfa.gd2gc``)::

        N = a / sqrt(1 − e² sin²φ)
        x = (N + h) cos φ cos λ,  y = (N + h) cos φ sin λ,  z = (N (1 − e²) + h) sin φ

    References
    ----------
    NIMA TR8350.2, *Department of Defense World Geodetic System 1984*, 3rd ed. (2000), eq. 4-14.

    Examples
    --------
    >>> sites = ground_sites([0.0], [0.0], names=["null island"])
    >>> float(sites.position_itrs_km.sel(site="null island", xyz="x"))
    6378.137
    """
    lat = check_range("lat_deg", np.atleast_1d(lat_deg), -90, 90, unit="deg")
    lon = check_range("lon_deg", np.atleast_1d(lon_deg), -180, 360, unit="deg")
    alt = check_range("alt_km", np.atleast_1d(alt_km), -0.5, 100, unit="km")
    lat, lon, alt = np.broadcast_arrays(lat, lon, alt)
    if lat.ndim != 1:
        raise ValueError(f"lat_deg: expected a 1-D array of sites, got shape {lat.shape}")
    if names is None:
        names = np.arange(lat.size)
    names = np.asarray(names)
    if names.shape != lat.shape:
        raise ValueError(f"names: {names.size} names for {lat.size} sites")
    if len(np.unique(names)) != names.size:
        raise ValueError("names: site names must be unique")
    return _site_dataset(names, lat, lon, alt)


def _site_dataset(names, lat, lon, alt) -> xr.Dataset:
    xyz = erfa.gd2gc(1, np.radians(lon), np.radians(lat), alt * 1e3) / 1e3
    return xr.Dataset(
        {
            "lat": ("site", lat, {"units": "degrees_north", "long_name": "geodetic latitude (WGS84)"}),
            "lon": ("site", lon, {"units": "degrees_east", "long_name": "longitude"}),
            "alt_km": ("site", alt, {"units": "km", "long_name": "height above the WGS84 ellipsoid"}),
            "position_itrs_km": (("site", "xyz"), xyz,
                                 {"units": "km", "long_name": "site position, Earth-fixed (ITRS)"}),
        },
        coords={"site": names, "xyz": ["x", "y", "z"]},
    )


def as_sites(sites) -> xr.Dataset:
    """Normalise ``sites`` (Dataset with ``lat``/``lon``[/``alt_km``] or a (lat, lon[, alt]) tuple).

    Positions are recomputed on WGS84 from ``lat``/``lon``/``alt_km``, unless the Dataset's
    ``earth_model`` attribute names another model and it carries its own ``position_itrs_km``
    (as :meth:`HypatiaNetwork.satgenpy_geometry` does, to measure distances as satgenpy does).
    """
    if isinstance(sites, xr.Dataset):
        if "lat" not in sites or "lon" not in sites:
            raise ValueError("sites: a Dataset of sites needs 'lat' and 'lon' variables on 'site'")
        if "site" not in sites.dims:
            raise ValueError(f"sites: expected a 'site' dimension, got dims {tuple(sites.dims)}")
        lat = check_range("sites.lat", sites["lat"].values, -90, 90, unit="deg")
        lon = check_range("sites.lon", sites["lon"].values, -180, 360, unit="deg")
        alt = sites["alt_km"].values if "alt_km" in sites else np.zeros_like(lat)
        alt = check_range("sites.alt_km", alt, -0.5, 100, unit="km")
        names = sites["site"].values
        result = _site_dataset(names, lat, lon, np.broadcast_to(alt, lat.shape).astype(float))
        model = sites.attrs.get("earth_model", "WGS84")
        if model != "WGS84" and "position_itrs_km" in sites:
            own = sites["position_itrs_km"].transpose("site", "xyz")
            result["position_itrs_km"] = own.copy()
            result.attrs["earth_model"] = model
        return result
    if isinstance(sites, tuple | list) and len(sites) in (2, 3):
        return ground_sites(*sites)
    raise ValueError(
        "sites: pass an xarray.Dataset with 'lat', 'lon' (and 'alt_km') on a 'site' dimension, "
        f"or a (lat_deg, lon_deg[, alt_km]) tuple; got {type(sites).__name__}"
    )


def satellite_positions(states) -> tuple[np.ndarray, xr.Dataset]:
    """Earth-fixed positions (time, satellite, 3) [km] and a coordinate-only Dataset."""
    check_states(states, need=("position_itrs_km",))
    array = states["position_itrs_km"].transpose("time", "satellite", "xyz")
    positions = np.asarray(array.values, dtype=float)
    coords = xr.Dataset(coords={k: v for k, v in array.coords.items() if k != "xyz"})
    return positions, coords


def local_frame(sites: xr.Dataset) -> np.ndarray:
    """Unit vectors (site, 3 [east, north, up], 3 [x, y, z]) of the geodetic local frame."""
    lat = np.radians(sites["lat"].values)
    lon = np.radians(sites["lon"].values)
    sl, cl, so, co = np.sin(lat), np.cos(lat), np.sin(lon), np.cos(lon)
    east = np.stack([-so, co, np.zeros_like(so)], axis=-1)
    north = np.stack([-sl * co, -sl * so, cl], axis=-1)
    up = np.stack([cl * co, cl * so, sl], axis=-1)
    return np.stack([east, north, up], axis=1)


# ----------------------------------------------------------------------------- rules


def visibility_rule(min_elevation_deg=None, max_range_km=None) -> tuple[float | None, float]:
    """Validated (sin of minimum elevation or None, maximum range or inf) of a visibility rule.

    When neither is given the :data:`DEFAULT_MIN_ELEVATION_DEG` mask applies; when only a
    range is given the satellite must still be above the horizon (line of sight).
    """
    if min_elevation_deg is None and max_range_km is None:
        min_elevation_deg = DEFAULT_MIN_ELEVATION_DEG
    sin_min = None
    if min_elevation_deg is not None:
        value = float(check_range("min_elevation_deg", min_elevation_deg, 0, 90,
                                  high_inclusive=False, unit="deg"))
        sin_min = np.sin(np.radians(value))
    max_range = np.inf
    if max_range_km is not None:
        max_range = float(check_range("max_range_km", max_range_km, 0, None, low_inclusive=False,
                                      unit="km"))
    return sin_min, max_range


def _look(positions, site_xyz, frame):
    """Look quantities for positions (..., N, 3): (east, north, up, range) each (..., N, S)."""
    # d = r_sat − r_site projected on each site axis: r_sat·u − r_site·u, done as one matmul.
    axes = frame.reshape(-1, 3)  # (S*3, 3)
    projected = positions @ axes.T  # (..., N, S*3)
    projected = projected.reshape(*positions.shape[:-1], frame.shape[0], 3)
    projected -= np.einsum("sij,sj->si", frame, site_xyz)
    east, north, up = projected[..., 0], projected[..., 1], projected[..., 2]
    # |d|² = |r_sat|² + |r_site|² − 2 r_sat·r_site, exact to ~1e-11 km at LEO ranges.
    range_sq = ((positions * positions).sum(-1)[..., None] + (site_xyz * site_xyz).sum(-1)
                - 2.0 * positions @ site_xyz.T)
    slant = np.sqrt(np.maximum(range_sq, 0.0))
    return east, north, up, slant


def _visible(up, slant, sin_min, max_range):
    """Visibility mask from the local 'up' component and slant range."""
    if sin_min is None:
        ok = up > 0.0
    else:
        ok = up >= sin_min * slant
    if np.isfinite(max_range):
        ok &= slant <= max_range
    return ok


def _nearest(mask, slant, count):
    """Keep only the ``count`` nearest visible satellites per (…, site); satellite axis is −2."""
    if count is None or count >= mask.shape[-2]:
        return mask
    keyed = np.where(mask, slant, np.inf)
    order = np.argpartition(keyed, count - 1, axis=-2)[..., :count, :]
    keep = np.zeros_like(mask)
    np.put_along_axis(keep, order, True, axis=-2)
    return keep & mask


def ground_link_candidates(position_step, site_xyz, frame, sin_min, max_range, count=None):
    """Visible (site, satellite, slant range km) triples at one time step (routing helper)."""
    # Only the 'up' component and the range are needed: two small matmuls.
    up_axis = frame[:, 2, :]
    up = position_step @ up_axis.T - (up_axis * site_xyz).sum(-1)
    cross = position_step @ site_xyz.T
    if count is None:
        # Every rule needs the satellite at or above the horizon (up ≥ sin ε · ρ ≥ 0), which
        # leaves a few per cent of the (satellite, site) pairs in LEO: the range and the
        # rules are evaluated on those only, with the same arithmetic, in the same order.
        sat, site = np.divmod(np.flatnonzero(up >= 0.0), up.shape[1])  # 2-D nonzero is slower
        range_sq = ((position_step * position_step).sum(-1)[sat]
                    + (site_xyz * site_xyz).sum(-1)[site] - 2.0 * cross[sat, site])
        slant = np.sqrt(np.maximum(range_sq, 0.0))
        keep = _visible(up[sat, site], slant, sin_min, max_range)
        return site[keep], sat[keep], slant[keep]
    range_sq = ((position_step * position_step).sum(-1)[:, None] + (site_xyz * site_xyz).sum(-1)
                - 2.0 * cross)
    slant = np.sqrt(np.maximum(range_sq, 0.0))
    mask = _nearest(_visible(up, slant, sin_min, max_range), slant, count)
    sat, site = np.nonzero(mask)
    return site, sat, slant[sat, site]


# ----------------------------------------------------------------------------- public functions


def _time_chunks(n_time, per_step):
    step = max(1, _CHUNK_ELEMENTS // max(per_step, 1))
    return [slice(i, min(i + step, n_time)) for i in range(0, n_time, step)]


def look_angles(states, sites) -> xr.Dataset:
    """Elevation, azimuth and slant range of every satellite from every site.

    Parameters
    ----------
    states : xarray.Dataset
        Satellite states from :func:`orbital.orbits.propagate` (uses ``position_itrs_km``).
    sites : xarray.Dataset or tuple
        Ground sites (``lat``, ``lon`` [deg], optional ``alt_km`` [km] on ``site``), or a
        ``(lat_deg, lon_deg[, alt_km])`` tuple.

    Returns
    -------
    xarray.Dataset
        ``elevation_deg``, ``azimuth_deg`` (from north through east) and ``slant_range_km``
        on (time, satellite, site).

    Notes
    -----
    With d = r_sat − r_site and the geodetic east/north/up unit vectors of the site,
    elevation = atan2(d·u, hypot(d·e, d·n)), azimuth = atan2(d·e, d·n), range = ‖d‖.

    References
    ----------
    Vallado, D. A., *Fundamentals of Astrodynamics and Applications*, 4th ed. (2013),
    section 4.4.3 (SEZ / topocentric-horizon frame).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> pos = np.array([[[6378.137 + 550.0, 0.0, 0.0]]])  # one satellite over (0°, 0°)
    >>> states = xr.Dataset({"position_itrs_km": (("time", "satellite", "xyz"), pos)},
    ...                     coords={"time": [np.datetime64("2026-01-01", "ns")], "satellite": [0]})
    >>> angles = look_angles(states, ground_sites([0.0], [0.0]))
    >>> round(float(angles.elevation_deg[0, 0, 0]), 6), round(float(angles.slant_range_km[0, 0, 0]), 6)
    (90.0, 550.0)
    """
    positions, coords = satellite_positions(states)
    sites = as_sites(sites)
    site_xyz = sites["position_itrs_km"].values
    frame = local_frame(sites)
    n_time, n_sat = positions.shape[:2]
    shape = (n_time, n_sat, site_xyz.shape[0])
    elevation, azimuth, slant = np.empty(shape), np.empty(shape), np.empty(shape)
    for chunk in _time_chunks(n_time, n_sat * site_xyz.shape[0] * 4):
        east, north, up, rng = _look(positions[chunk], site_xyz, frame)
        elevation[chunk] = np.degrees(np.arctan2(up, np.hypot(east, north)))
        azimuth[chunk] = np.degrees(np.arctan2(east, north)) % 360.0
        slant[chunk] = rng
    dims = ("time", "satellite", "site")
    result = xr.Dataset(
        {
            "elevation_deg": (dims, elevation, {"units": "degree",
                                                "long_name": "elevation above the local horizon"}),
            "azimuth_deg": (dims, azimuth, {"units": "degree",
                                            "long_name": "azimuth from north through east"}),
            "slant_range_km": (dims, slant, {"units": "km",
                                             "long_name": "site-to-satellite distance"}),
        },
        coords=coords.coords,
    )
    return result.assign_coords(site=sites["site"].values)


def visibility(states, sites, *, min_elevation_deg=None, max_range_km=None,
               max_satellites_per_site=None) -> xr.Dataset:
    """Which satellites each site can link to, by elevation mask, slant range, or both.

    Parameters
    ----------
    states : xarray.Dataset
        Satellite states from :func:`orbital.orbits.propagate`.
    sites : xarray.Dataset or tuple
        Ground sites (see :func:`look_angles`).
    min_elevation_deg : float, optional
        Minimum elevation [deg], in [0, 90). Default :data:`DEFAULT_MIN_ELEVATION_DEG` when
        ``max_range_km`` is not given either.
    max_range_km : float, optional
        Maximum slant range [km], > 0 (Hypatia's ``max_gsl_length_m`` rule). When given alone,
        only the range and the line of sight (elevation > 0) are checked.
    max_satellites_per_site : int, optional
        Keep only the nearest N visible satellites per site and time step (default: all).

    Returns
    -------
    xarray.Dataset
        The :func:`look_angles` variables plus boolean ``visible`` (time, satellite, site).

    Notes
    -----
    A satellite is visible when sin(elevation) ≥ sin(ε_min), i.e. d·u ≥ ‖d‖ sin ε_min, and
    ‖d‖ ≤ ρ_max, whichever rules are given (both when both are).

    References
    ----------
    Kassing, S. et al., "Exploring the 'Internet from space' with Hypatia", ACM IMC 2020
    (satellites within ``max_gsl_length_m`` of a ground station are in range).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> pos = np.array([[[6928.137, 0.0, 0.0], [0.0, 6928.137, 0.0]]])
    >>> states = xr.Dataset({"position_itrs_km": (("time", "satellite", "xyz"), pos)},
    ...                     coords={"time": [np.datetime64("2026-01-01", "ns")], "satellite": [0, 1]})
    >>> visibility(states, ground_sites([0.0], [0.0])).visible.values.ravel().tolist()
    [True, False]
    """
    sin_min, max_range = visibility_rule(min_elevation_deg, max_range_km)
    count = check_satellites_per_site(max_satellites_per_site)
    result = look_angles(states, sites)
    up_fraction = np.sin(np.radians(result["elevation_deg"].values))
    slant = result["slant_range_km"].values
    mask = _visible(up_fraction * slant, slant, sin_min, max_range)
    mask = _nearest(mask, slant, count)
    result["visible"] = (("time", "satellite", "site"), mask,
                         {"units": "1", "long_name": "satellite visible from site"})
    return result


def check_satellites_per_site(count):
    """``max_satellites_per_site`` as an int >= 1, or None (every visible satellite)."""
    if count is None:
        return None
    value = check_range("max_satellites_per_site", count, 1, None)
    if value != np.round(value):
        raise ValueError(f"max_satellites_per_site: {count!r} is not a whole number")
    return int(value)


def slant_range_km(elevation_deg, altitude_km, earth_radius_km=EARTH_EQUATORIAL_RADIUS_KM):
    """Slant range from a site to a satellite seen at a given elevation, spherical Earth.

    Also the maximum ground-link range equivalent to an elevation mask for a circular orbit.

    Parameters
    ----------
    elevation_deg : array-like
        Elevation of the satellite [deg], in [0, 90].
    altitude_km : array-like
        Satellite altitude above the sphere [km], > 0.
    earth_radius_km : float, default 6378.137
        Sphere radius [km] (WGS84 equatorial radius by default).

    Returns
    -------
    numpy.ndarray
        Slant range [km].

    Notes
    -----
    Law of cosines in the Earth-centre / site / satellite triangle:
    ρ = sqrt((R + h)² − R² cos² ε) − R sin ε.

    References
    ----------
    Wertz, J. R. & Larson, W. J., *Space Mission Analysis and Design*, 3rd ed. (1999), eq. 5-17.

    Examples
    --------
    >>> round(float(slant_range_km(90.0, 550.0)), 9)
    550.0
    """
    elevation = np.radians(check_range("elevation_deg", elevation_deg, 0, 90, unit="deg"))
    altitude = check_range("altitude_km", altitude_km, 0, None, low_inclusive=False, unit="km")
    radius = float(check_range("earth_radius_km", earth_radius_km, 0, None, low_inclusive=False,
                               unit="km"))
    orbit_radius = radius + altitude
    return (np.sqrt(orbit_radius**2 - (radius * np.cos(elevation)) ** 2)
            - radius * np.sin(elevation))


def contact_windows(states, sites, *, min_elevation_deg=None, max_range_km=None) -> xr.Dataset:
    """Contact windows per (site, satellite): start, end and duration, refined between steps.

    Parameters
    ----------
    states : xarray.Dataset
        Satellite states from :func:`orbital.orbits.propagate` (at least two time steps).
    sites : xarray.Dataset or tuple
        Ground sites (see :func:`look_angles`).
    min_elevation_deg, max_range_km : float, optional
        Visibility rule, as in :func:`visibility`.

    Returns
    -------
    xarray.Dataset
        On a ``contact`` dimension: ``site`` and ``satellite`` labels, ``start`` and ``end``
        (datetime64), ``duration_s``, ``max_elevation_deg``, and ``truncated`` (the window is
        cut by the start or end of the time span).

    Notes
    -----
    Each rule has a margin that is ≥ 0 when it holds (elevation − ε_min, ρ_max − range). At a
    rise or set between two samples, each rule's crossing is placed by linear interpolation of
    its margin; the window opens at the latest crossing and closes at the earliest. The error
    is second order in the step (≈ 1 s for 60 s steps at LEO).

    References
    ----------
    Vallado (2013), section 11.3 (site–satellite visibility / rise and set times).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> angle = np.radians(np.linspace(-40, 40, 81))  # satellite crossing the zenith of (0°, 0°)
    >>> pos = 6928.137 * np.stack([np.cos(angle), np.sin(angle), 0 * angle], -1)[:, None, :]
    >>> times = np.datetime64("2026-01-01", "ns") + np.arange(81) * np.timedelta64(10, "s")
    >>> states = xr.Dataset({"position_itrs_km": (("time", "satellite", "xyz"), pos)},
    ...                     coords={"time": times, "satellite": [0]})
    >>> windows = contact_windows(states, ground_sites([0.0], [0.0]), min_elevation_deg=25)
    >>> int(windows.sizes["contact"]), bool(windows.truncated[0])
    (1, False)
    """
    sin_min, max_range = visibility_rule(min_elevation_deg, max_range_km)
    angles = look_angles(states, sites)
    times = angles["time"].values.astype("datetime64[ns]")
    if times.size < 2:
        raise ValueError("states: contact windows need at least two time steps")
    elevation = angles["elevation_deg"].values
    slant = angles["slant_range_km"].values
    # Each rule's margin is >= 0 while it holds; a range-only rule still needs line of sight.
    mask_deg = 0.0 if sin_min is None else np.degrees(np.arcsin(sin_min))
    margins = [elevation - mask_deg]
    if np.isfinite(max_range):
        margins.append(max_range - slant)
    visible = np.logical_and.reduce([m >= 0 for m in margins])

    padded = np.concatenate([np.zeros_like(visible[:1]), visible, np.zeros_like(visible[:1])])
    change = np.diff(padded.astype(np.int8), axis=0)
    rise_t, rise_sat, rise_site = np.nonzero(change == 1)
    set_t, set_sat, set_site = np.nonzero(change == -1)
    # Sort both by (site, satellite, time) so the k-th rise pairs with the k-th set.
    rise_order = np.lexsort((rise_t, rise_sat, rise_site))
    set_order = np.lexsort((set_t, set_sat, set_site))
    rise_t, rise_sat, rise_site = rise_t[rise_order], rise_sat[rise_order], rise_site[rise_order]
    set_t = set_t[set_order]  # first invisible index after the window (may be == n_time)

    seconds = (times - times[0]).astype(np.int64) / 1e9
    n_time = times.size

    def crossing(before, after, sat, site, rising):
        """Fraction in [0, 1] of the step (before → after) where the window opens/closes."""
        fractions = []
        for margin in margins:
            m0, m1 = margin[before, sat, site], margin[after, sat, site]
            crosses = (m0 < 0) & (m1 >= 0) if rising else (m0 >= 0) & (m1 < 0)
            with np.errstate(divide="ignore", invalid="ignore"):
                frac = np.where(crosses, m0 / (m0 - m1), 0.0 if rising else 1.0)
            fractions.append(np.clip(frac, 0.0, 1.0))
        return np.max(fractions, axis=0) if rising else np.min(fractions, axis=0)

    start_s = seconds[rise_t].copy()
    inside = rise_t > 0
    b = rise_t[inside] - 1
    frac = crossing(b, rise_t[inside], rise_sat[inside], rise_site[inside], rising=True)
    start_s[inside] = seconds[b] + frac * (seconds[rise_t[inside]] - seconds[b])

    last = set_t - 1
    end_s = seconds[last].copy()
    inside_end = set_t < n_time
    a = last[inside_end]
    frac = crossing(a, set_t[inside_end], rise_sat[inside_end], rise_site[inside_end], rising=False)
    end_s[inside_end] = seconds[a] + frac * (seconds[set_t[inside_end]] - seconds[a])

    # Highest elevation reached within each window (sampled).
    max_elevation = np.full(rise_t.size, -90.0)
    if rise_t.size:
        span = set_t - rise_t
        contact = np.repeat(np.arange(rise_t.size), span)
        offsets = np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
        t_index = np.repeat(rise_t, span) + offsets
        values = elevation[t_index, np.repeat(rise_sat, span), np.repeat(rise_site, span)]
        np.maximum.at(max_elevation, contact, values)

    start = times[0] + np.round(start_s * 1e9).astype("timedelta64[ns]")
    end = times[0] + np.round(end_s * 1e9).astype("timedelta64[ns]")
    site_labels = angles["site"].values[rise_site]
    sat_labels = angles["satellite"].values[rise_sat]
    return xr.Dataset(
        {
            "start": ("contact", start, {"long_name": "window opens (UTC)"}),
            "end": ("contact", end, {"long_name": "window closes (UTC)"}),
            "duration_s": ("contact", end_s - start_s, {"units": "s",
                                                          "long_name": "window duration"}),
            "max_elevation_deg": ("contact", max_elevation,
                                  {"units": "degree", "long_name": "highest sampled elevation"}),
            "truncated": ("contact", ~inside | ~inside_end,
                          {"units": "1", "long_name": "window cut by the edge of the time span"}),
        },
        coords={"site": ("contact", site_labels), "satellite": ("contact", sat_labels)},
    )
