"""Satellite-internet access from the orbits up: the space segment from ``orbital``, the rest from
``ground``.

``orbital.links.route`` gives the light time from each user terminal to every gateway of the
system (one satellite for a bent pipe, or over laser links); the fastest gateway at each time
step is where the traffic lands. ``ground.network.satellite_access`` adds the scheduling delay
and the fiber from the gateway to its point of presence (PoP); ``ground.network.fiber_rtt``
carries the traffic on from the PoP to a data center.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

from ground import network
from ground.sites import site_dataset
from orbital.links import route
from orbital.orbits import propagate, walker_delta

__all__ = ["satellite_access_rtt", "starlink_like_shell", "user_to_data_center_rtt"]


def starlink_like_shell():
    """The first Starlink shell: 72 planes × 22 satellites at 550 km, 53° (Walker delta, F = 1)."""
    return walker_delta(550.0, 53.0, planes=72, sats_per_plane=22, phasing=1)


def _users_table(users) -> pd.DataFrame:
    users = pd.DataFrame(users)
    missing = {"name", "lat", "lon"} - set(users.columns)
    if missing:
        raise ValueError(f"users: missing columns {sorted(missing)} (give name, lat, lon)")
    return users[["name", "lat", "lon"]].reset_index(drop=True)


def satellite_access_rtt(users, times, *, system="starlink", mode="bent-pipe", shell=None,
                         states=None, min_elevation_deg=25.0, quantile=0.5) -> xr.Dataset:
    """Access RTT of satellite internet for each user and time step: terminal → PoP.

    Parameters
    ----------
    users : pandas.DataFrame
        Rows with ``name``, ``lat``, ``lon`` [deg].
    times : array_like of datetime64
        Time steps (UTC).
    system : str, default ``"starlink"``
        Name in ``ground.network.SATELLITE_SYSTEMS`` (its gateways, PoPs, scheduling delay).
    mode : {"bent-pipe", "isl"}
        ``"bent-pipe"``: one satellite in common view of terminal and gateway; ``"isl"``: laser
        links may carry the traffic to a farther gateway (``orbital.links.route``, +Grid).
    shell : orbital constellation, optional
        Default ``starlink_like_shell()``. Ignored when ``states`` is given.
    states : xarray.Dataset, optional
        Precomputed ``orbital.orbits.propagate`` states over ``times``.
    min_elevation_deg : float, default 25
        Elevation mask of terminals and gateways [deg].
    quantile : float, default 0.5
        Quantile of the scheduling delay.

    Returns
    -------
    xarray.Dataset
        ``ground.network.satellite_access`` output on ``(time, user)`` plus ``gateway`` (name
        of the gateway used).
    """
    users = _users_table(users)
    gateways = network.satellite_gateways(system)
    times = np.atleast_1d(np.asarray(times, dtype="datetime64[ns]"))
    if states is None:
        states = propagate(starlink_like_shell() if shell is None else shell, times)
    sites = site_dataset(pd.concat([users, gateways[["name", "lat", "lon"]]], ignore_index=True))
    routes = route(states, sites, sources=list(users.name), destinations=list(gateways.name),
                   mode=mode, min_elevation_deg=min_elevation_deg)
    one_way = routes.one_way_ms.transpose("time", "source", "destination").values
    reachable = np.isfinite(one_way).any(axis=-1)
    best = np.argmin(np.where(np.isfinite(one_way), one_way, np.inf), axis=-1)
    space = np.where(reachable, np.take_along_axis(one_way, best[..., None], axis=-1)[..., 0],
                     np.nan)
    gateway_lat = np.where(reachable, gateways.lat.to_numpy()[best], np.nan)
    gateway_lon = np.where(reachable, gateways.lon.to_numpy()[best], np.nan)
    access = network.satellite_access(space, gateway_lat, gateway_lon, system=system,
                                      user_names=users.name.to_numpy(), times=times,
                                      quantile=quantile)
    access["gateway"] = (("time", "user"), np.where(reachable, gateways.name.to_numpy()[best], ""),
                         {"units": "1", "long_name": "gateway used"})
    access.attrs["mode"] = mode
    return access


def user_to_data_center_rtt(access: xr.Dataset, destination_lat, destination_lon, *,
                            destination_names=None, kind="internet") -> xr.Dataset:
    """User ↔ data-center RTT through satellite access: access RTT + fiber from the PoP.

    Parameters
    ----------
    access : xarray.Dataset
        ``satellite_access_rtt`` output (dims ``(time, user)``).
    destination_lat, destination_lon : array_like, shape (m,)
        Data centers [deg].
    destination_names : sequence of str, optional
        Their labels.
    kind : str, default ``"internet"``
        Traffic kind of the terrestrial part (``ground.network.TRAFFIC_KINDS``).

    Returns
    -------
    xarray.Dataset
        Dims ``(time, user, destination)``: ``rtt_ms`` = ``access_rtt_ms`` + ``terrestrial_rtt_ms``
        (PoP to data center over the backbone graph) [ms]; NaN where the user has no satellite
        path at that step (``reachable`` False).
    """
    pops = network.satellite_pops(access.attrs["system"])
    terrestrial = network.fiber_rtt(pops.lat, pops.lon, destination_lat, destination_lon,
                                    source_names=pops.name.to_numpy(),
                                    destination_names=destination_names, kind=kind).rtt_ms
    reachable = access.reachable.values
    pop = np.where(reachable, access.pop.values, pops.name.iloc[0])
    from_pop = terrestrial.sel(source=xr.DataArray(pop, dims=("time", "user"))).drop_vars("source")
    from_pop = from_pop.where(xr.DataArray(reachable, dims=("time", "user")))
    ms = {"units": "ms"}
    return xr.Dataset({
        "access_rtt_ms": access.access_rtt_ms.assign_attrs(**ms),
        "terrestrial_rtt_ms": from_pop.assign_attrs(
            **ms, long_name="PoP to data center over the backbone graph, round trip"),
        "rtt_ms": (access.access_rtt_ms + from_pop).assign_attrs(
            **ms, long_name="user to data center through satellite access, round trip"),
        "reachable": access.reachable,
    })
