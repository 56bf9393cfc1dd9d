"""Satellite-internet access: user terminal → satellite(s) → gateway → point of presence (PoP).

``ground`` does not import ``orbital``: the caller passes the space-segment delay (user terminal
to gateway, one way, through one satellite for a bent pipe or over laser links to a farther
gateway) as an array, e.g. from ``orbital.links.route`` (``studies/satellite_access.py`` does
this). This module adds what happens on the ground and in the scheduler: the medium-access
and scheduling delay that measurements show on top of light time, and the fiber from the
gateway to the PoP where the traffic enters the Internet.

Catalogs (package data, every row with a source): ``ground/data/satellite_gateways.csv``
(gateway earth stations) and ``ground/data/satellite_pops.csv`` (points of presence).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy as np
import pandas as pd
import xarray as xr

from ground._checks import check_name, check_range, lookup
from ground.constants import FIBER_GROUP_INDEX, SPEED_OF_LIGHT_KM_S
from ground.network.graph import TERRESTRIAL_ROUTE_FACTOR
from ground.sites import nearest

__all__ = [
    "SATELLITE_SYSTEMS",
    "satellite_access",
    "satellite_gateways",
    "satellite_pops",
]

#: Satellite-internet systems: the scheduling / medium-access round trip added to light time
#: (log-normal: median ``scheduling_rtt_ms``, ``scheduling_sigma`` = standard deviation of its
#: natural log), and which catalog rows (``catalog``) hold the system's gateways and PoPs.
#:
#: The scheduling term is what a terminal waits for its uplink slot and the frame structure,
#: plus the processing in terminal, satellite and gateway: the measured median RTT between a
#: Starlink router and the Internet, minus the light time of a typical US bent pipe
#: (≈ 9 ms: 550 km shell, high-elevation satellites, a gateway within a few hundred km; 8 ms
#: is SpaceX's own floor for 550 km) and ≈ 4 ms of gateway-to-PoP fiber. ``starlink`` is the
#: network of mid-2025 (US median peak-hour RTT 25.7 ms → 13 ms); ``starlink-2023`` the
#: network before the latency work of early 2024 (US median 48.5 ms → 35 ms), the period of
#: the first measurement studies. ``scheduling_sigma`` is a stated assumption (Starlink:
#: < 1 % of US measurements above 55 ms in 2025).
SATELLITE_SYSTEMS = {
    "starlink": {
        "scheduling_rtt_ms": 13.0,
        "scheduling_sigma": 0.35,
        "downlink_mbps": 105.0,
        "uplink_mbps": 12.0,
        "catalog": "starlink",
        "source": "Starlink 'Network update' (starlink.com/updates/network-update, 2025): US "
                  "median peak-hour latency 25.7 ms (router to Internet, June 2025), minus "
                  "modelled light time and backhaul (see SATELLITE_SYSTEMS notes); rates: Ookla "
                  "Speedtest Intelligence Q1 2025 US Starlink median download 104.7 Mbps, "
                  "upload ~12 Mbps (order of magnitude)",
    },
    "starlink-2023": {
        "scheduling_rtt_ms": 35.0,
        "scheduling_sigma": 0.35,
        "downlink_mbps": 65.0,
        "uplink_mbps": 8.0,
        "catalog": "starlink",
        "source": "Starlink 'Improving Starlink's latency' (starlink.com/updates, March 2024): "
                  "US median peak-hour latency 48.5 ms before the early-2024 changes, minus "
                  "modelled light time and backhaul; rates: Ookla 2022-2023 US Starlink medians "
                  "(order of magnitude)",
    },
}


def _read(name: str) -> pd.DataFrame:
    with resources.files("ground").joinpath("data", name).open("r", encoding="utf-8") as f:
        return pd.read_csv(f, keep_default_na=False)


@lru_cache(maxsize=None)
def _table(name: str) -> pd.DataFrame:
    return _read(name)


def _catalog(name: str, system: str) -> pd.DataFrame:
    params = lookup(SATELLITE_SYSTEMS, "system", system, what="satellite system")
    table = _table(name)
    return table[table.system == params["catalog"]].reset_index(drop=True).copy()


def satellite_gateways(system="starlink") -> pd.DataFrame:
    """Gateway earth stations of a satellite-internet system (``name``, ``lat``, ``lon``, ``source``).

    Examples
    --------
    >>> len(satellite_gateways()) > 50
    True
    """
    return _catalog("satellite_gateways.csv", system)


def satellite_pops(system="starlink") -> pd.DataFrame:
    """Points of presence of a satellite-internet system (``name``, ``lat``, ``lon``, ``source``).

    Examples
    --------
    >>> "Frankfurt" in set(satellite_pops().name)
    True
    """
    return _catalog("satellite_pops.csv", system)


def satellite_access(
    space_one_way_ms,
    gateway_lat,
    gateway_lon,
    *,
    system="starlink",
    user_names=None,
    times=None,
    quantile=0.5,
    group_index=FIBER_GROUP_INDEX,
) -> xr.Dataset:
    """Access round trip of satellite internet: terminal → satellite(s) → gateway → PoP.

    Parameters
    ----------
    space_one_way_ms : array_like, shape (n,) or (t, n)
        One-way light time from each user terminal to its gateway through the space segment
        [ms] (one satellite for a bent pipe, or laser links to a farther gateway), e.g.
        ``orbital.links.route(...).one_way_ms`` minimised over gateways. NaN where no path
        exists at that time (reported as ``reachable`` = False, never silently).
    gateway_lat, gateway_lon : array_like, same shape as ``space_one_way_ms``
        The gateway each user lands at [deg] (NaN where unreachable).
    system : str, default ``"starlink"``
        Name in ``SATELLITE_SYSTEMS``.
    user_names : sequence of str, optional
        Labels of the n users.
    times : array_like of datetime64, optional
        Labels of the t time steps when ``space_one_way_ms`` is 2-D.
    quantile : float, default 0.5
        Quantile of the log-normal scheduling delay, in (0, 1).
    group_index : float, default 1.468
        Group index of the backhaul fiber [-].

    Returns
    -------
    xarray.Dataset
        Dims ``([time,] user)``: ``space_rtt_ms`` (2 × light time), ``scheduling_rtt_ms``,
        ``backhaul_rtt_ms`` (gateway ↔ PoP fiber) and their sum ``access_rtt_ms`` [ms];
        ``pop`` (name), ``pop_lat``/``pop_lon`` [deg] and ``backhaul_km`` [km] of the PoP the
        gateway hands the traffic to (its nearest); ``reachable``.

    Notes
    -----
    .. math:: \\mathrm{RTT}_\\mathrm{access} = 2\\,t_\\mathrm{space}
              + \\mathrm{RTT}_\\mathrm{sched}
              + \\frac{2\\,n_g\\,F\\,d_\\mathrm{gateway,PoP}}{c}

    with F = ``TERRESTRIAL_ROUTE_FACTOR`` and d the great-circle distance from the gateway to
    its nearest PoP. Add ``fiber_rtt`` from the PoP to a data center for the whole path
    (``studies/satellite_access.py``).

    References
    ----------
    Starlink (2024, 2025) network updates; Michel, F. et al. (2022), A first look at Starlink
    performance, ACM IMC; Mohan, N. et al. (2024), A Multifaceted Look at Starlink
    Performance, ACM WWW.

    Examples
    --------
    A terminal 4.5 ms (one way) from a gateway placed at 50.99° N, 2.13° E (northern France; a
    hypothetical site: the Gravelines gateway was never built):

    >>> ds = satellite_access([4.5], [50.99], [2.13])
    >>> str(ds.pop.values[0]), round(float(ds.access_rtt_ms[0]), 1)
    ('London', 24.1)
    """
    from scipy.special import ndtri

    params = lookup(SATELLITE_SYSTEMS, "system", system, what="satellite system")
    system = check_name("system", system, SATELLITE_SYSTEMS, what="satellite system")
    space = np.asarray(space_one_way_ms, dtype=float)
    if np.isinf(space).any():
        raise ValueError("space_one_way_ms: infinite delay; mark a user without a path with NaN")
    check_range("space_one_way_ms", space[~np.isnan(space)], 0.0, 1000.0, unit="ms")
    if space.ndim not in (1, 2):
        raise ValueError(f"space_one_way_ms: give shape (n,) or (t, n) (got {space.shape})")
    try:
        lat = np.broadcast_to(np.asarray(gateway_lat, dtype=float), space.shape)
        lon = np.broadcast_to(np.asarray(gateway_lon, dtype=float), space.shape)
    except ValueError:
        raise ValueError(f"gateway_lat, gateway_lon: shapes {np.shape(gateway_lat)}, "
                         f"{np.shape(gateway_lon)} do not match space_one_way_ms "
                         f"{space.shape}") from None
    reachable = np.isfinite(space)
    if (reachable & ~(np.isfinite(lat) & np.isfinite(lon))).any():
        raise ValueError("gateway_lat, gateway_lon: NaN where space_one_way_ms has a path; give "
                         "the gateway of every reachable user")
    check_range("gateway_lat", lat[reachable], -90.0, 90.0, unit="deg")
    check_range("gateway_lon", lon[reachable], -180.0, 360.0, unit="deg")
    quantile = float(check_range("quantile", quantile, 0.0, 1.0, low_inclusive=False,
                                 high_inclusive=False))
    group_index = float(check_range("group_index", group_index, 1.0, 3.0))

    pops = satellite_pops(system)
    pop_index = np.zeros(space.shape, dtype=np.int64)
    backhaul_km = np.full(space.shape, np.nan)
    if reachable.any():
        distance, index = nearest(lat[reachable], lon[reachable], pops.lat.to_numpy(),
                                  pops.lon.to_numpy(), k=1)
        pop_index[reachable] = index[:, 0]
        backhaul_km[reachable] = distance[:, 0] * TERRESTRIAL_ROUTE_FACTOR
    scheduling = params["scheduling_rtt_ms"] * np.exp(params["scheduling_sigma"] * ndtri(quantile))
    space_rtt = 2.0 * space
    backhaul_rtt = 2.0 * backhaul_km * group_index / SPEED_OF_LIGHT_KM_S * 1e3
    access = space_rtt + scheduling + backhaul_rtt
    pop_name = np.where(reachable, pops.name.to_numpy()[pop_index], "")

    n_users = space.shape[-1]
    user_names = np.arange(n_users) if user_names is None else np.asarray(user_names)
    if user_names.shape != (n_users,):
        raise ValueError(f"user_names: {user_names.size} names for {n_users} users")
    dims = ("user",) if space.ndim == 1 else ("time", "user")
    coords = {"user": user_names}
    if space.ndim == 2:
        coords["time"] = (np.arange(space.shape[0]) if times is None
                          else np.asarray(times, dtype="datetime64[ns]"))
    ms = {"units": "ms"}
    return xr.Dataset(
        {
            "space_rtt_ms": (dims, space_rtt, {**ms, "long_name": "space segment light time, "
                                                                  "round trip"}),
            "scheduling_rtt_ms": (dims, np.where(reachable, scheduling, np.nan),
                                  {**ms, "long_name": "scheduling and medium-access delay, "
                                                      "round trip"}),
            "backhaul_rtt_ms": (dims, backhaul_rtt, {**ms, "long_name": "gateway-to-PoP fiber, "
                                                                        "round trip"}),
            "access_rtt_ms": (dims, access, {**ms, "long_name": "satellite access round trip, "
                                                                "terminal to PoP"}),
            "backhaul_km": (dims, backhaul_km, {"units": "km",
                                                "long_name": "gateway-to-PoP fiber length"}),
            "pop": (dims, pop_name, {"units": "1", "long_name": "point of presence"}),
            "pop_lat": (dims, np.where(reachable, pops.lat.to_numpy()[pop_index], np.nan),
                        {"units": "degree_north", "long_name": "PoP latitude"}),
            "pop_lon": (dims, np.where(reachable, pops.lon.to_numpy()[pop_index], np.nan),
                        {"units": "degree_east", "long_name": "PoP longitude"}),
            "reachable": (dims, reachable, {"units": "1",
                                            "long_name": "a space-segment path exists"}),
        },
        coords=coords,
        attrs={"system": system, "scheduling_quantile": quantile},
    )
