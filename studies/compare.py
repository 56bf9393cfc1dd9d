"""The comparison a scenario describes: demand, venues, the co-scheduler, and the summary.

``run(scenario)`` is what ``odc compare`` and ``odc run`` execute: it builds the time axis, the
demand (:func:`studies.workload.demand`), every venue of the scenario
(:mod:`studies.venues`), schedules the demand (:func:`studies.schedule.schedule`) and returns
the Dataset with the scenario's hash and settings in its attributes. ``summary(ds)`` is the
per-venue table.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import xarray as xr

from studies.checks import lookup
from studies.schedule import summary

__all__ = ["ANALYTIC_STEP_S", "build_axes", "build_venues", "check_scenario", "run", "summary"]

#: Longest time step of the analytic tier (``fidelity = "analytic"``) [s]: the scenario's own
#: step when coarser, else every two hours. The demand is periodic over a day and the
#: scheduler's figures are means over the steps; an N-point uniform sample of a daily period
#: averages every harmonic below the N-th exactly (the rectangle rule is exact for
#: trigonometric polynomials of degree < N), so 12 steps a day keep the diurnal shape's mean
#: figures while the scheduler solves 12 problems instead of 288 (at 300 s steps).
ANALYTIC_STEP_S = 7200.0


def _fidelity(scenario) -> str:
    return str(getattr(scenario, "fidelity", "propagated"))


def _times(scenario):
    start = np.datetime64(str(scenario.time.start).replace("Z", "").split("+")[0], "ns")
    step_s = float(scenario.time.step_s)
    if _fidelity(scenario) == "analytic":
        step_s = max(step_s, min(ANALYTIC_STEP_S, float(scenario.time.hours) * 3600.0))
    step_ns = int(round(step_s * 1e9))
    steps = max(1, int(math.floor(float(scenario.time.hours) * 3600e9 / step_ns)))
    return start + np.arange(steps) * np.timedelta64(step_ns, "ns")


def _cities(demand) -> pd.DataFrame:
    from ground import sites

    if demand.cities:
        rows = []
        for k, text in enumerate(demand.cities):
            parts = [p.strip() for p in str(text).split(",")]
            if len(parts) != 2 or not all(parts):
                raise ValueError(f"demand.cities[{k}]: {text!r} is not 'Name,CC' (a GeoNames name "
                                 "and an ISO country code)")
            rows.append(sites.city(parts[0], parts[1]))
        table = pd.DataFrame(rows).reset_index(drop=True)
    elif demand.countries:
        table = pd.concat([sites.cities(country=c) for c in demand.countries])
        table = table.sort_values("population", ascending=False).head(int(demand.n_cities))
    else:
        table = sites.cities(int(demand.n_cities))
    # GeoNames lists a few places twice (same name, country and first-level division): keep the
    # most populous, so no demand is counted twice
    keys = [c for c in ("name", "country", "admin1") if c in table]
    table = (table.sort_values("population", ascending=False, kind="stable")
             .drop_duplicates(subset=keys).reset_index(drop=True))
    table["label"] = [f"{n},{c}" for n, c in zip(table["name"], table["country"])]
    # two GeoNames places can share a name within a country: keep labels unique
    seen = {}
    labels = []
    for label in table["label"]:
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label}#{seen[label]}")
    table["label"] = labels
    return table


def _classes(scenario):
    from studies import workload

    classes = {}
    overrides = dict(scenario.workload or {})
    for name in scenario.demand.requests_per_user_per_day:
        given = overrides.get(name)
        fields = given.model_dump(exclude_none=True) if hasattr(given, "model_dump") else dict(
            given or {})
        classes[name] = workload.request_class(name, **fields)
    return classes


def build_axes(scenario):
    """The time axis, the demand cities and the request classes of a scenario."""
    from studies.venues import StudyAxes

    return StudyAxes(times=_times(scenario), cities=_cities(scenario.demand),
                     classes=_classes(scenario))


def _orbit(constellation, epoch, name, base_dir=None):
    from orbital import orbits

    c = constellation
    kind = c.kind
    if kind == "walker-delta":
        return orbits.walker_delta(c.altitude_km, c.inclination_deg, c.planes, c.sats_per_plane,
                                   c.phasing, epoch=epoch, name=name)
    if kind == "walker-star":
        return orbits.walker_star(c.altitude_km, c.inclination_deg, c.planes, c.sats_per_plane,
                                  c.phasing, epoch=epoch, name=name)
    if kind == "sso":
        return orbits.sun_synchronous(c.altitude_km, c.ltan_hours, n_satellites=c.n_satellites,
                                      epoch=epoch, name=name)
    if kind == "formation-cluster":
        return orbits.formation_cluster(orbits.sun_synchronous(c.altitude_km, c.ltan_hours,
                                                               epoch=epoch),
                                        c.n_satellites, c.radius_km, name=name)
    path = str(c.file)
    if base_dir is not None and not path.startswith("/"):
        import os

        path = os.path.join(base_dir, path)
    return orbits.load_tle(path) if kind == "tle" else orbits.load_omm(path)


def build_venues(scenario, epoch=None, *, base_dir=None):
    """The venues a scenario names, as :mod:`studies.venues` objects."""
    from studies import venues as v

    epoch = _times(scenario)[0] if epoch is None else epoch
    out = []
    relays = dict(getattr(scenario, "relays", None) or {})
    for k, item in enumerate(scenario.orbital or []):
        relay = None
        relay_mask = 25.0
        if item.relay not in (None, "none"):
            if item.relay not in relays:
                lookup(relays, f"orbital.{k}.relay", item.relay, "relay shell")
            r = relays[item.relay]
            relay = _orbit(r, epoch, item.relay)
            relay_mask = float(getattr(r, "min_elevation_deg", 25.0))
        design = item.design.model_dump() if hasattr(item.design, "model_dump") else dict(
            item.design)
        out.append(v.OrbitalVenue(name=item.name,
                                  orbit=_orbit(item.constellation, epoch, item.name, base_dir),
                                  design=v.SatelliteDesign(**design), relay=relay,
                                  relay_min_elevation_deg=relay_mask,
                                  fidelity=_fidelity(scenario)))
    for item in scenario.fleet or []:
        out.append(v.FleetVenue(name=item.name, country=item.country, vehicles=item.vehicles,
                                computer=item.computer, opted_in=item.opted_in,
                                connectivity=item.connectivity, parked=item.parked,
                                plugged=item.plugged,
                                owner_price_usd_per_kwh=item.owner_price_usd_per_kwh))
    for item in scenario.cloud or []:
        name = getattr(item, "name", None) or f"{item.provider}:{item.region}"
        out.append(v.CloudVenue(name=name, accelerator=item.accelerator, count=item.count,
                                provider=item.provider, region=item.region, price=item.price))
    for item in getattr(scenario, "gigafactory", None) or []:
        out.append(v.CloudVenue(name=item.name, accelerator=item.accelerator, count=item.count,
                                lat=item.lat, lon=item.lon, country=item.country, pue=item.pue,
                                price="tco", kind="gigafactory"))
    return out


def check_scenario(scenario) -> None:
    """Resolve every catalog name a scenario uses; raise ``ValueError`` naming the dotted key.

    Cheap (no propagation): accelerators, models, request classes, fleet sets, regions,
    launch and cloud price sets, cells, batteries and coatings. The look-ups that cost more
    than a dictionary access (a cloud region's row, a grid zone's carbon intensity) are cached
    where they are defined, so a sweep that checks the same names at every point pays once.
    """
    from ground import fleet, sites
    from orbital import orbits, power, thermal
    from studies import hardware, venues, workload

    def check(key, function, *args, **kwargs):
        try:
            function(*args, **kwargs)
        except (ValueError, KeyError) as error:
            message = str(error).strip("'\"")
            raise ValueError(f"{key}: {message}") from None

    times = _times(scenario)
    # the whole span the run reads: the orbital venues' radiation sample covers a day from start
    check("time.start", orbits.check_time_span,
          [times[0], max(times[-1], times[0] + np.timedelta64(1, "D"))], field="time.start",
          warn_past_iers=False)
    for name in scenario.demand.requests_per_user_per_day:
        check(f"demand.requests_per_user_per_day.{name}", workload.request_class, name)
    for name, given in dict(scenario.workload or {}).items():
        fields = given.model_dump(exclude_none=True) if hasattr(given, "model_dump") else dict(
            given or {})
        check(f"workload.{name}", workload.request_class, name, **fields)
        if "model" in fields:
            check(f"workload.{name}.model", workload.model, fields["model"])
    check("demand.diurnal", lookup, workload.DIURNAL_PROFILES, "demand.diurnal",
          scenario.demand.diurnal, "diurnal profile")
    for k, item in enumerate(scenario.orbital or []):
        d = item.design
        key = f"orbital.{k}.design"
        check(f"{key}.accelerator", hardware.accelerator, d.accelerator)
        check(f"{key}.cell", lookup, power.CELL_TECHNOLOGIES, "cell", d.cell, "cell technology")
        check(f"{key}.battery_chemistry", lookup, power.BATTERY_CHEMISTRIES, "battery_chemistry",
              d.battery_chemistry, "chemistry")
        check(f"{key}.coating", lookup, thermal.COATINGS, "coating", d.coating, "coating")
        check(f"{key}.launch_price", lookup, venues.LAUNCH_PRICES, "launch_price",
              d.launch_price, "launch price set")
    for k, item in enumerate(scenario.fleet or []):
        key = f"fleet.{k}"
        check(f"{key}.computer", lookup, fleet.VEHICLE_COMPUTERS, "computer", item.computer,
              "vehicle computer")
        check(f"{key}.computer", hardware.accelerator, item.computer)
        for attr, table in (("opted_in", fleet.OPT_IN), ("connectivity", fleet.CONNECTIVITY),
                            ("parked", fleet.PARKED_PROFILES), ("plugged", fleet.PLUGGED_PROFILES)):
            check(f"{key}.{attr}", lookup, table, attr, getattr(item, attr), attr)
    for k, item in enumerate(scenario.cloud or []):
        key = f"cloud.{k}"
        check(f"{key}.region", sites.cloud_region, item.provider, item.region)
        check(f"{key}.accelerator", hardware.accelerator, item.accelerator)
        check(f"{key}.price", lookup, venues.CLOUD_PRICES, "price", item.price, "cloud price set")
    for k, item in enumerate(getattr(scenario, "gigafactory", None) or []):
        check(f"gigafactory.{k}.accelerator", hardware.accelerator, item.accelerator)
        check(f"gigafactory.{k}.country", venues.grid_carbon_g_per_kwh, item.country)


def run(scenario, *, progress=None, base_dir=None) -> xr.Dataset:
    """Run a scenario's comparison: demand, venues, schedule.

    Parameters
    ----------
    scenario : studies.scenario.Scenario or str
        A validated scenario, or a shipped name / TOML path (loaded with
        :func:`studies.scenario.load_scenario`).
    progress : callable, optional
        Called with short progress messages (e.g. printed on stderr).
    base_dir : str, optional
        Folder that relative TLE/OMM paths are read from (the scenario file's folder).

    Returns
    -------
    xarray.Dataset
        :func:`studies.schedule.schedule`'s output, with the venue table's per-venue figures
        (``accelerators_available``, ``compute_duty_cycle``, ``eclipse_fraction`` …) and the
        attributes ``scenario_name``, ``scenario_hash``, ``scenario_toml``, ``fidelity``.

    Notes
    -----
    ``scenario.fidelity = "analytic"`` runs the same comparison without per-step propagation:
    orbital venues from closed forms (:class:`studies.venues.OrbitalVenue`, ``fidelity``) and
    the schedule on steps of at least :data:`ANALYTIC_STEP_S`; the variables keep their names,
    units and dimensions (the time axis is coarser), so exports, plots and the summary work
    alike. ``tests/test_analytic.py`` states how closely it follows the propagated tier.
    """
    from studies import schedule as sched
    from studies import workload
    from studies.venues import venue_table

    if isinstance(scenario, str):
        from studies.scenario import load_scenario

        scenario = load_scenario(scenario)
    check_scenario(scenario)
    say = progress or (lambda message: None)
    axes = build_axes(scenario)
    say(f"demand: {len(axes.cities)} cities × {len(axes.classes)} classes × "
        f"{len(axes.times)} steps")
    demand = workload.demand(axes.cities, axes.times, adoption=scenario.demand.adoption,
                             requests_per_user_per_day=dict(
                                 scenario.demand.requests_per_user_per_day),
                             diurnal=scenario.demand.diurnal)
    demand = demand.assign_coords(city=axes.labels)
    table = venue_table(build_venues(scenario, axes.times[0], base_dir=base_dir), axes,
                        progress=say)
    weights = scenario.policy.weights
    weights = weights.model_dump() if hasattr(weights, "model_dump") else dict(weights or {})
    result = sched.schedule(demand, table, policy=scenario.policy.name, weights=weights,
                            candidates_per_city=scenario.policy.candidates_per_city, progress=say)
    # one assignment (one alignment) for all the table's per-venue figures
    result = result.assign({name: table[name] for name in (
        "accelerators_available", "compute_duty_cycle", "radiator_within_limit",
        "eclipse_fraction", "requests_per_s_per_accelerator", "utilisation_cap", "latency_slo_s",
        "latency_network_ms", "satellite_mass_kg", "propellant_mass_kg", "thruster_power_w",
        "orbital_lifetime_years") if name in table})
    result.attrs.update({k: v for k, v in table.attrs.items()})
    try:
        from studies.scenario import dump_scenario, scenario_hash

        result.attrs["scenario_hash"] = scenario_hash(scenario)
        result.attrs["scenario_toml"] = dump_scenario(scenario)
    except ImportError:  # pragma: no cover - scenario module always ships
        pass
    result.attrs["scenario_name"] = str(getattr(scenario, "name", ""))
    result.attrs["fidelity"] = _fidelity(scenario)
    return result
