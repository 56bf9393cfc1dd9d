"""Sweep throughput through Dask, and its scaling from one worker process to two.

Figures (issue #15): points per minute of :func:`studies.sweep.run_sweep` for
- a 1 000-point grid of an analytic runner (no per-step propagation: the cost is the sweep's
  own — task round trip, one Zarr group written per point, stacking at the end);
- a 50-point grid whose runner propagates a tiny Walker shell over a day at 30 s steps and
  computes its shadow (:func:`orbital.orbits.propagate`, :func:`orbital.sun.shadow_fraction`);
each on a local cluster of 1 then 2 worker processes, with the ratio 2 workers / 1 worker
(target >= 1.8 for the propagating sweep on 2 cores).

The runners here are STAND-INS until the co-scheduler's analytic tier (``studies.compare``)
lands; the scenario is a nested dict with the layout of ``studies.scenario``. The clusters are
started (and their workers warmed up: imports, ephemeris) before the clock starts, so the
figure is the sweep's throughput, not process start-up; the start-up is printed apart.
"""

from __future__ import annotations

import copy
import hashlib
import json
import tempfile
import time
import types
from pathlib import Path

import numpy as np
import xarray as xr

from benchmarks._common import report

BASE_SCENARIO = {
    "time": {"start": "2026-06-21T00:00:00", "hours": 24.0, "step_s": 30.0},
    "orbital": [{"constellation": {"altitude_km": 550.0, "inclination_deg": 53.0},
                 "design": {"radiator_area_m2": 10.0}}],
}


def _with_overrides(scenario, overrides):
    scenario = copy.deepcopy(scenario)
    for path, value in overrides.items():
        *parents, leaf = path.split(".")
        node = scenario
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[leaf] = value
    return scenario


SCENARIO_API = types.SimpleNamespace(
    load_scenario=lambda reference: copy.deepcopy(BASE_SCENARIO),
    with_overrides=_with_overrides,
    scenario_hash=lambda s: hashlib.sha256(json.dumps(s, sort_keys=True).encode()).hexdigest())


def analytic_runner(scenario):
    """STAND-IN for the co-scheduler's analytic tier: closed-form latency and energy."""
    altitude_km = scenario["orbital"][0]["constellation"]["altitude_km"]
    area_m2 = scenario["orbital"][0]["design"]["radiator_area_m2"]
    venues = ["orbital", "cloud", "fleet"]
    return xr.Dataset(
        {"latency_total_ms": ("venue", [2e3 * altitude_km / 299792.458 + 40.0, 35.0, 60.0],
                              {"units": "ms", "long_name": "end-to-end latency"}),
         "energy_per_request_j": ("venue", [900.0 / area_m2, 300.0, 500.0],
                                  {"units": "J", "long_name": "energy per request"})},
        coords={"venue": venues})


def propagating_runner(scenario):
    """STAND-IN with real physics: mean sunlit fraction of a 2 x 2 Walker shell over the span."""
    from orbital import orbits, sun

    span = scenario["time"]
    constellation = scenario["orbital"][0]["constellation"]
    steps = int(span["hours"] * 3600 / span["step_s"])
    times = np.datetime64(span["start"]) + np.arange(steps) * np.timedelta64(int(span["step_s"]), "s")
    shell = orbits.walker_delta(constellation["altitude_km"], constellation["inclination_deg"], 2, 2,
                                epoch="2026-06-21")
    sunlit = sun.shadow_fraction(orbits.propagate(shell, times)).mean("satellite")
    return xr.Dataset({"sunlit_fraction": ("time", sunlit.values,
                                           {"units": "1", "long_name": "mean sunlit fraction"})},
                      coords={"time": times})


def _sweep_file(folder: Path, name: str, altitudes: int, areas: int) -> Path:
    path = folder / f"{name}.toml"
    path.write_text(f"""
name = "{name}"
scenario = "bench"
[fields.altitude_km]
path = "orbital.0.constellation.altitude_km"
linspace = [400.0, 1400.0, {altitudes}]
[fields.radiator_area_m2]
path = "orbital.0.design.radiator_area_m2"
linspace = [5.0, 30.0, {areas}]
""")
    return path


def _points_per_minute(sweep_path, runner, workers, folder: Path, label: str) -> float:
    from dask.distributed import Client, LocalCluster

    from studies import sweep

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        with Client(cluster) as client:
            client.run(runner, copy.deepcopy(BASE_SCENARIO))  # imports and caches on each worker
        report(f"  {label}: {workers} worker(s) start-up and warm-up", time.perf_counter() - start, "s",
               higher_is_better=False)
        store = folder / f"{label}-{workers}.zarr"
        start = time.perf_counter()
        result = sweep.run_sweep(sweep_path, store, runner=runner, scheduler=cluster.scheduler_address,
                                 progress=False, scenario_api=SCENARIO_API)
        elapsed = time.perf_counter() - start
    # the part that does not scale with workers: reading the store back and stacking it
    start = time.perf_counter()
    sweep.open_sweep(store)
    stacking = time.perf_counter() - start
    report(f"  {label}: {workers} worker(s) of which reading + stacking the store", stacking, "s",
           higher_is_better=False)
    n_points = int(np.prod([result.sizes[d] for d in ("altitude_km", "radiator_area_m2")]))
    return n_points / elapsed * 60.0


def run(quick: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_sweep_") as folder:
        folder = Path(folder)
        analytic = _sweep_file(folder, "analytic", 10 if quick else 40, 20 if quick else 25)
        propagating = _sweep_file(folder, "propagating", 4 if quick else 10, 4 if quick else 5)
        for label, path, runner in (("analytic", analytic, analytic_runner),
                                    ("propagating", propagating, propagating_runner)):
            one = _points_per_minute(path, runner, 1, folder, label)
            report(f"{label} sweep, 1 worker", one, "points/min")
            two = _points_per_minute(path, runner, 2, folder, label)
            report(f"{label} sweep, 2 workers", two, "points/min", baseline=one,
                   baseline_name="1 worker" + (" (target >= 1.8)" if label == "propagating" else ""))


if __name__ == "__main__":
    run()
