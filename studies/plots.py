"""Standard figures of a comparison run: latency CDF, energy per request, share by hour,
orbital capacity and power, and a map of cities and venues (matplotlib only).

Each figure shows one scenario: select a sweep point first (``ds.sel(altitude_km=650)`` or
``ds.isel(sample=0)``). The variable names read from the Dataset are in :data:`VARIABLES`.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import numpy as np
import xarray as xr

__all__ = ["KINDS", "VARIABLES", "plot"]

VARIABLES = {
    # (time, city, request_class, venue): requests served per second
    "served": "served_requests_per_s",
    # (time, city, request_class, venue): end-to-end latency, and its parts
    "latency_total": "latency_total_ms",
    "latency_component": "latency_{component}_ms",
    # (venue, request_class): energy per request by component, and its total
    "energy_component": "energy_{component}_j",
    "energy_per_request": "energy_per_request_j",
    # (time, venue): usable accelerators, and (optional) the energy balance's compute duty cycle
    "capacity": "accelerators_available",
    "power": "compute_duty_cycle",
    # coordinates: kind of venue ("orbital", "fleet", "cloud", ...), city and venue positions
    "venue_kind": "venue_kind",
    "city_lat": "lat",
    "city_lon": "lon",
    "venue_lat": "venue_lat",
    "venue_lon": "venue_lon",
}
"""Names of the variables and coordinates the figures read, by role (adjust here only)."""

ORBITAL_KIND = "orbital"
"""Value of the ``venue_kind`` coordinate that marks an orbital venue."""


def _variable(ds: xr.Dataset, role: str, kind: str, dims: tuple[str, ...]) -> xr.DataArray:
    """The variable of ``role``, checked to have no dimension beyond ``dims``."""
    name = VARIABLES[role]
    if name not in ds.variables:
        close = difflib.get_close_matches(name, [str(n) for n in ds.variables], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"plot {kind!r} needs the variable {name!r}, absent from the dataset{hint}")
    array = ds[name]
    extra = [d for d in array.dims if d not in dims]
    if extra:
        sizes = ", ".join(f"{d}: {array.sizes[d]}" for d in extra)
        raise ValueError(f"plot {kind!r} shows one scenario, but {name!r} has the extra "
                         f"dimension(s) {sizes}; select one point first, e.g. "
                         f"ds.isel({extra[0]}=0)")
    return array


def _venue_label(ds, venue) -> str:
    kind_name = VARIABLES["venue_kind"]
    if kind_name in ds.coords and "venue" in ds[kind_name].dims:
        return f"{venue} ({ds[kind_name].sel(venue=venue).item()})"
    return str(venue)


def _units(array: xr.DataArray) -> str:
    return array.attrs.get("units", "?")


def _latency_cdf(ds, figure, kind):
    latency = _variable(ds, "latency_total", kind, ("time", "city", "request_class", "venue"))
    served = _variable(ds, "served", kind, ("time", "city", "request_class", "venue"))
    latency, served = xr.broadcast(latency, served)
    axes = figure.subplots()
    lowest, highest = np.inf, 0.0
    for venue in latency.venue.values:
        values = latency.sel(venue=venue).values.ravel()
        weights = served.sel(venue=venue).values.ravel()
        keep = np.isfinite(values) & np.isfinite(weights) & (weights > 0)
        if not keep.any():
            continue
        order = np.argsort(values[keep], kind="stable")
        sorted_values = values[keep][order]
        cumulative = np.cumsum(weights[keep][order])
        axes.step(sorted_values, cumulative / cumulative[-1], where="post",
                  label=_venue_label(ds, venue))
        lowest, highest = min(lowest, sorted_values[0]), max(highest, sorted_values[-1])
    if lowest > 0 and highest / lowest > 100:
        axes.set_xscale("log")
    axes.set_xlabel(f"total latency [{_units(latency)}]")
    axes.set_ylabel("share of requests served")
    axes.set_ylim(0, 1.02)
    axes.grid(alpha=0.3)
    axes.legend(fontsize="small")
    axes.set_title("Latency CDF, weighted by requests served")


def _energy(ds, figure, kind):
    pattern = re.compile("^" + re.escape(VARIABLES["energy_component"]).replace(
        re.escape("{component}"), "(?P<component>.+)") + "$")
    total_name = VARIABLES["energy_per_request"]
    components = [str(n) for n in ds.data_vars if pattern.match(str(n)) and n != total_name]
    if not components:
        raise ValueError(f"plot {kind!r} needs energy components named like "
                         f"{VARIABLES['energy_component']!r}; none in the dataset")
    arrays = {pattern.match(n)["component"]: _variable_named(ds, n, kind, ("venue", "request_class"))
              for n in components}
    stacked = xr.concat(list(arrays.values()), dim="component", join="outer").fillna(0.0)
    total = (_variable(ds, "energy_per_request", kind, ("venue", "request_class"))
             if total_name in ds else None)
    classes = stacked.request_class.values if "request_class" in stacked.dims else [None]
    panels = np.atleast_1d(figure.subplots(1, len(classes), sharey=True, squeeze=False)[0])
    venues = stacked.venue.values
    positions = np.arange(len(venues))
    for axes, request_class in zip(panels, classes):
        part = stacked.sel(request_class=request_class) if request_class is not None else stacked
        bottom = np.zeros(len(venues))
        for component, values in zip(arrays, part.transpose("component", "venue").values):
            axes.bar(positions, values, bottom=bottom, label=component)
            bottom += values
        if total is not None:
            marks = total.sel(request_class=request_class) if request_class is not None else total
            axes.scatter(positions, marks.sel(venue=venues).values, marker="_", s=400,
                         color="black", label="total", zorder=3)
        axes.set_xticks(positions, [str(v) for v in venues], rotation=30, ha="right")
        axes.set_title(f"request class: {request_class}" if request_class is not None else "")
    panels[0].set_ylabel(f"energy per request [{_units(next(iter(arrays.values())))}]")
    panels[-1].legend(fontsize="small")


def _variable_named(ds, name, kind, dims):
    extra = [d for d in ds[name].dims if d not in dims]
    if extra:
        raise ValueError(f"plot {kind!r} shows one scenario, but {name!r} has the extra "
                         f"dimension(s) {', '.join(extra)}; select one point first")
    return ds[name]


def _share_by_hour(ds, figure, kind):
    served = _variable(ds, "served", kind, ("time", "city", "request_class", "venue"))
    by_venue = served.sum([d for d in served.dims if d not in ("time", "venue")])
    hourly = by_venue.groupby(by_venue.time.dt.hour).mean()
    share = hourly / hourly.sum("venue")
    axes = figure.subplots()
    bottom = np.zeros(share.sizes["hour"])
    for venue in share.venue.values:
        values = share.sel(venue=venue).fillna(0.0).values
        axes.bar(share.hour.values, values, bottom=bottom, width=0.9, label=_venue_label(ds, venue))
        bottom += values
    axes.set_xlabel("hour of day (UTC)")
    axes.set_ylabel("share of requests served")
    axes.set_xlim(-0.5, 23.5)
    axes.set_ylim(0, 1)
    axes.legend(fontsize="small", loc="upper right")
    axes.set_title("Share served by venue, per hour of day")


def _orbital_venues(ds, array):
    kind_name = VARIABLES["venue_kind"]
    if kind_name in ds.coords and "venue" in ds[kind_name].dims:
        orbital = ds[kind_name].sel(venue=array.venue) == ORBITAL_KIND
        return array.sel(venue=array.venue[orbital.values])
    return array


def _power(ds, figure, kind):
    capacity = _orbital_venues(ds, _variable(ds, "capacity", kind, ("time", "venue")))
    if capacity.sizes["venue"] == 0:
        raise ValueError(f"plot {kind!r}: no orbital venue (venue_kind == {ORBITAL_KIND!r}) "
                         "in the dataset")
    has_power = VARIABLES["power"] in ds
    panels = figure.subplots(2 if has_power else 1, 1, sharex=True, squeeze=False)[:, 0]
    for venue in capacity.venue.values:
        panels[0].plot(capacity.time.values, capacity.sel(venue=venue).values, label=str(venue))
    panels[0].set_ylabel(f"capacity [{_units(capacity)}]")
    panels[0].legend(fontsize="small")
    panels[0].set_title("Orbital venues over time")
    if has_power:
        power = _orbital_venues(ds, _variable(ds, "power", kind, ("time", "venue")))
        for venue in power.venue.values:
            panels[1].plot(power.time.values, power.sel(venue=venue).values, label=str(venue))
        panels[1].set_ylabel(f"power [{_units(power)}]")
    panels[-1].set_xlabel("time (UTC)")
    for axes in panels:
        axes.grid(alpha=0.3)
    figure.autofmt_xdate()


def _map(ds, figure, kind):
    lat_name, lon_name = VARIABLES["city_lat"], VARIABLES["city_lon"]
    for name in (lat_name, lon_name):
        if name not in ds.coords:
            raise ValueError(f"plot {kind!r} needs the city coordinate {name!r}")
    axes = figure.subplots()
    axes.set_xlim(-180, 180)
    axes.set_ylim(-90, 90)
    axes.set_aspect("equal")
    axes.set_xticks(np.arange(-180, 181, 60))
    axes.set_yticks(np.arange(-90, 91, 30))
    axes.grid(alpha=0.3)
    lats, lons = ds[lat_name].values, ds[lon_name].values
    if VARIABLES["served"] in ds:
        served = _variable(ds, "served", kind, ("time", "city", "request_class", "venue"))
        per_city_venue = served.sum([d for d in served.dims if d not in ("city", "venue")])
        total = per_city_venue.sum("venue").values
        sizes = 10 + 290 * np.sqrt(total / total.max()) if total.max() > 0 else np.full(total.shape, 20)
        dominant = per_city_venue.fillna(0).argmax("venue").values
        venues = per_city_venue.venue.values
        for index, venue in enumerate(venues):
            chosen = dominant == index
            if chosen.any():
                axes.scatter(lons[chosen], lats[chosen], s=sizes[chosen], alpha=0.6,
                             color=f"C{index}", label=f"cities mostly served by {venue}")
    else:
        axes.scatter(lons, lats, s=20, alpha=0.6, label="cities")
    venue_lat, venue_lon = VARIABLES["venue_lat"], VARIABLES["venue_lon"]
    if venue_lat in ds.coords and venue_lon in ds.coords:
        # one colour per venue, the same as the cities it serves most
        for index, venue in enumerate(ds[venue_lat].venue.values):
            lat, lon = float(ds[venue_lat].sel(venue=venue)), float(ds[venue_lon].sel(venue=venue))
            if np.isfinite(lat) and np.isfinite(lon):  # orbital venues have no fixed place
                axes.scatter([lon], [lat], marker="^", s=120, edgecolor="black", color=f"C{index}",
                             label=_venue_label(ds, venue))
    axes.set_xlabel("longitude [degrees_east]")
    axes.set_ylabel("latitude [degrees_north]")
    axes.legend(fontsize="x-small", loc="lower left")
    axes.set_title("Cities (size: requests served) and venues")


KINDS = {
    "latency-cdf": _latency_cdf,
    "energy": _energy,
    "share-by-hour": _share_by_hour,
    "power": _power,
    "map": _map,
}
"""Figure kinds :func:`plot` draws."""


def plot(ds: xr.Dataset, kind: str, out) -> Path:
    """Draw one standard figure of a comparison run and save it.

    Parameters
    ----------
    ds : xarray.Dataset
        Results of one scenario (one sweep point), with the variables of :data:`VARIABLES`.
    kind : {"latency-cdf", "energy", "share-by-hour", "power", "map"}
        latency-cdf: CDF of total latency per venue, each value weighted by the requests it
        serves; energy: stacked energy per request by component, per venue and request class;
        share-by-hour: share of requests served by each venue per hour of day (UTC);
        power: capacity (and electrical power when present) of the orbital venues over time;
        map: cities sized by requests and coloured by the venue serving most, and the venues
        that have a place, on a longitude/latitude grid.
    out : str or path-like
        Image file; the format follows the suffix (.png, .svg, .pdf).

    Returns
    -------
    pathlib.Path
        ``out``.

    Notes
    -----
    The latency CDF weights each (time, city, request class) latency by the requests served
    per second; with a constant time step that is proportional to the number of requests.
    """
    if kind not in KINDS:
        close = difflib.get_close_matches(str(kind), KINDS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"kind: {kind!r} is not a figure{hint}; choose one of {', '.join(KINDS)}")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(10, 5.5), layout="constrained")
    KINDS[kind](ds, figure, kind)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(out, dpi=120)
    return out
