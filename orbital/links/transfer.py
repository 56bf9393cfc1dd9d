"""Transfer time of a payload along routed paths, with store-and-forward waits."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.links.topology import GROUND_LINK_PARAMETERS, ISL_PARAMETERS, link_parameters


def transfer_time(routes: xr.Dataset, payload_bytes, *, isl_link="starlink-optical",
                  ground_link="landsat8-x-band", isl_capacity_bps=None,
                  ground_link_capacity_bps=None, processing_delay_ms=0.0) -> xr.Dataset:
    """Time to deliver a payload between each (source, destination) from each time step.

    Parameters
    ----------
    routes : xarray.Dataset
        Output of :func:`route` (uses ``one_way_ms``, ``hops``, ``isl_hops``, ``reachable``).
    payload_bytes : float
        Payload size [bytes], ≥ 0.
    isl_link : str, default "starlink-optical"
        Row of :data:`ISL_PARAMETERS` giving the ISL capacity (100 Gbps).
    ground_link : str, default "landsat8-x-band"
        Row of :data:`GROUND_LINK_PARAMETERS` giving the ground-link capacity (384 Mbps).
    isl_capacity_bps, ground_link_capacity_bps : float, optional
        Override the capacities [bit/s], > 0.
    processing_delay_ms : float, default 0
        Forwarding delay per link traversed [ms], ≥ 0 (set your router's figure).

    Returns
    -------
    xarray.Dataset
        On (time, source, destination): ``wait_ms`` (store-and-forward wait until the pair is
        next reachable), ``propagation_ms``, ``serialization_ms``, ``processing_ms``,
        ``total_ms``, ``bottleneck_capacity_bps`` and boolean ``delivered`` (False when the
        pair is never reachable again within the span; its times are NaN).

    Notes
    -----
    With the path found at the first step t' ≥ t where the pair is reachable::

        total = (t' − t) + Σ d_i / c + 8 B / min_i C_i + n_hops · τ_proc

    The payload is serialized once at the bottleneck (cut-through along the path); C_i is
    the capacity of the link type of hop i (ISL or ground link). The wait is resolved to the
    time step of ``routes``; :func:`contact_windows` gives the exact opening times.

    References
    ----------
    Kurose, J. F. & Ross, K. W., *Computer Networking*, 8th ed. (2021), section 1.4
    (transmission, propagation and processing delay); Fall, K., "A delay-tolerant network
    architecture for challenged internets", SIGCOMM 2003 (store and forward).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> dims = ("time", "source", "destination")
    >>> routes = xr.Dataset({"one_way_ms": (dims, [[[10.0]]]), "hops": (dims, [[[3]]]),
    ...                      "isl_hops": (dims, [[[1]]]), "reachable": (dims, [[[True]]])},
    ...                     coords={"time": [np.datetime64("2026-01-01", "ns")]})
    >>> float(transfer_time(routes, 48e6).total_ms[0, 0, 0])  # 384 Mbit over 384 Mbps + 10 ms
    1010.0
    """
    payload = float(check_range("payload_bytes", payload_bytes, 0, None, unit="bytes"))
    isl_cap = isl_capacity_bps
    if isl_cap is None:
        isl_cap = link_parameters(ISL_PARAMETERS, isl_link)["capacity_bps"]
    ground_cap = ground_link_capacity_bps
    if ground_cap is None:
        ground_cap = link_parameters(GROUND_LINK_PARAMETERS, ground_link)["capacity_bps"]
    isl_cap = float(check_range("isl_capacity_bps", isl_cap, 0, None, low_inclusive=False,
                                unit="bit/s"))
    ground_cap = float(check_range("ground_link_capacity_bps", ground_cap, 0, None,
                                   low_inclusive=False, unit="bit/s"))
    processing = float(check_range("processing_delay_ms", processing_delay_ms, 0, None, unit="ms"))
    for name in ("one_way_ms", "hops", "isl_hops", "reachable"):
        if name not in routes:
            raise ValueError(f"routes: needs '{name}'; pass the Dataset returned by route()")

    reachable = routes["reachable"].transpose("time", ...).values
    n_time = reachable.shape[0]
    step = np.arange(n_time).reshape((-1,) + (1,) * (reachable.ndim - 1))
    candidate = np.where(reachable, step, n_time)
    next_index = np.minimum.accumulate(candidate[::-1], axis=0)[::-1]
    delivered = next_index < n_time
    take = np.minimum(next_index, n_time - 1)

    def at_next(name):
        return np.take_along_axis(routes[name].transpose("time", ...).values, take, axis=0)

    seconds = (routes["time"].values.astype("datetime64[ns]").astype(np.int64)) / 1e9
    wait_ms = (seconds[take] - seconds.reshape(step.shape)) * 1e3
    hops = at_next("hops")
    isl_hops = at_next("isl_hops")
    ground_hops = hops - isl_hops
    bottleneck = np.minimum(np.where(isl_hops > 0, isl_cap, np.inf),
                            np.where(ground_hops > 0, ground_cap, np.inf))
    serialization = np.where(np.isfinite(bottleneck), payload * 8.0 / bottleneck * 1e3, 0.0)
    propagation = at_next("one_way_ms")
    processing_ms = hops * processing
    total = wait_ms + propagation + serialization + processing_ms

    def masked(values):
        return np.where(delivered, values, np.nan)

    dims = routes["reachable"].transpose("time", ...).dims
    coords = {k: v for k, v in routes.coords.items()}
    return xr.Dataset(
        {
            "wait_ms": (dims, masked(wait_ms), {"units": "ms",
                                                "long_name": "store-and-forward wait"}),
            "propagation_ms": (dims, masked(propagation),
                               {"units": "ms", "long_name": "propagation delay"}),
            "serialization_ms": (dims, masked(serialization),
                                 {"units": "ms", "long_name": "serialization at the bottleneck"}),
            "processing_ms": (dims, masked(processing_ms),
                              {"units": "ms", "long_name": "per-hop processing"}),
            "total_ms": (dims, masked(total), {"units": "ms", "long_name": "transfer time"}),
            "bottleneck_capacity_bps": (dims, masked(np.where(np.isfinite(bottleneck),
                                                              bottleneck, np.nan)),
                                        {"units": "bit s-1", "long_name": "bottleneck capacity"}),
            "delivered": (dims, delivered, {"units": "1",
                                            "long_name": "reachable within the time span"}),
        },
        coords=coords,
        attrs={"payload_bytes": payload, "isl_capacity_bps": isl_cap,
               "ground_link_capacity_bps": ground_cap},
    )
