"""Sweep throughput through Dask, and its scaling from one worker process to two (issue #15).

Figures: points per minute of :func:`studies.sweep.run_sweep` running the real comparison,
:func:`studies.compare.run`, over a Latin hypercube of the first orbital venue's altitude,
radiator area and battery capacity, on the shipped ``default`` scenario (its 100 demand cities:
1 000 stacked analytic results take ~1.2 GB, 50 propagated ones ~1.4 GB; the sweep files'
``[set]`` table chooses the tier, and the cities in quick mode):

- a 1 000-point sweep of the analytic tier (``fidelity = "analytic"``: closed-form orbit
  averages, no per-step propagation, the schedule on 2-hour steps);
- a 50-point sweep of the propagated tier (SGP4 at every 5-minute step, routed relay paths);

each on a local cluster of 1 then 2 worker processes (one thread each), with the ratio
2 workers / 1 worker (target >= 1.8 for the propagating sweep on 2 cores), the time one point
takes in each tier and their ratio (target >= 20), and the time to read and stack the store
back (:func:`studies.sweep.open_sweep`), which does not scale with workers.

The clusters are started, and their workers warmed up (imports, ephemeris, radiation grids,
city tables: one run of the base scenario on each worker), before the clock starts, so the
figures are the sweep's throughput, not process start-up; the start-up is printed apart. Dask
starts its workers with ``OMP_NUM_THREADS`` / ``OPENBLAS_NUM_THREADS`` / ``MKL_NUM_THREADS`` = 1
(``distributed.nanny.pre-spawn-environ``), so one worker does not borrow the second core.
On a shared machine the figures are noisy: compare them within one run.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks._common import report

#: Demand cities of the benchmark's scenario (the default scenario's 100; the analytic tier's
#: advantage grows with the cities: ~19x per point at 30 cities, ~21-29x at 100, measured).
CITIES = 100
#: Points of each sweep (quick mode: 40 and 4, on 10 cities).
POINTS = {"analytic": 1000, "propagated": 50}

SWEEP = """
name = "{name}"
scenario = "default"
method = "latin-hypercube"
samples = {samples}
seed = 2026
[set]
fidelity = "{name}"
"demand.n_cities" = {cities}
[fields.altitude_km]
path = "orbital.0.constellation.altitude_km"
bounds = [400.0, 1400.0]
[fields.radiator_area_m2]
path = "orbital.0.design.radiator_area_m2"
bounds = [4.0, 40.0]
[fields.battery_kwh]
path = "orbital.0.design.battery_kwh"
bounds = [1.0, 20.0]
"""


def _files(folder: Path, quick: bool) -> dict:
    """The two sweep files and their fixed overrides: {tier: (sweep path, overrides)}."""
    samples = {"analytic": 40, "propagated": 4} if quick else POINTS
    cities = 10 if quick else CITIES
    files = {}
    for tier in ("analytic", "propagated"):
        path = folder / f"sweep-{tier}.toml"
        path.write_text(SWEEP.format(name=tier, samples=samples[tier], cities=cities))
        files[tier] = (path, {"fidelity": tier, "demand.n_cities": cities})
    return files


def _warm(overrides):
    """On a worker: imports, ephemeris, radiation grid and per-process tables, once."""
    from studies import compare
    from studies.scenario import load_scenario, with_overrides

    compare.run(with_overrides(load_scenario("default"), overrides))
    return True


def _sweep_rate(sweep_path, overrides, workers, folder: Path, label: str) -> float:
    """Points per minute of one sweep on a fresh local cluster of ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    from studies import sweep

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        with Client(cluster) as client:
            client.run(_warm, overrides)
        report(f"  {label}: {workers} worker(s) start-up and warm-up",
               time.perf_counter() - start, "s", higher_is_better=False)
        store = folder / f"{label}-{workers}.zarr"
        start = time.perf_counter()
        sweep.run_sweep(sweep_path, store, scheduler=cluster.scheduler_address, progress=False)
        elapsed = time.perf_counter() - start
    # the part that does not scale with workers: reading the store back and stacking it
    start = time.perf_counter()
    result = sweep.open_sweep(store)
    report(f"  {label}: reading + stacking {result.sizes['sample']} points",
           time.perf_counter() - start, "s", higher_is_better=False)
    return result.sizes["sample"] / elapsed * 60.0


def run(quick: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_sweep_") as folder:
        folder = Path(folder)
        files = _files(folder, quick)
        single = {}
        for tier, (sweep_path, overrides) in files.items():
            one = _sweep_rate(sweep_path, overrides, 1, folder, tier)
            report(f"{tier} sweep, 1 worker", one, "points/min")
            two = _sweep_rate(sweep_path, overrides, 2, folder, tier)
            report(f"{tier} sweep, 2 workers", two, "points/min", baseline=one,
                   baseline_name="1 worker" + (" (target >= 1.8)" if tier == "propagated" else ""))
            single[tier] = one
        report("analytic tier, one point on 1 worker", 60.0 / single["analytic"], "s",
               higher_is_better=False)
        report("propagated tier, one point on 1 worker", 60.0 / single["propagated"], "s",
               higher_is_better=False)
        report("analytic / propagated sweep rate, 1 worker", single["analytic"], "points/min",
               baseline=single["propagated"], baseline_name="propagated (target >= 20)")


if __name__ == "__main__":
    run()
