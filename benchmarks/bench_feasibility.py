"""Feasibility of every satellite of a mega-constellation: wall time, peak memory, scaling.

Figures (issue #20), each a :func:`studies.feasibility.feasibility` run over one day at 60 s
steps, every figure (energy balance, radiator transient, per-plane dose, faults, mitigation),
on a local Dask cluster of worker processes started (and warmed up: imports, ephemeris,
geomagnetic grid) before the clock starts:

- 100 000 satellites (four shells of 25 000 at 500, 700, 900 and 1 200 km) on 2 workers: wall
  time, satellite-steps per second, and peak resident memory (the client process and each
  worker, read from ``getrusage`` in each process);
- the scaling from 1 to 2 workers on 20 000 satellites (target >= 1.8);
- the propagation alone (``orbital.orbits.propagate`` of 2 000 satellites over the day, in this
  process) as the baseline: the floor the run cannot go under on the same cores;
- one chunk task (2 000 satellites over the day, every figure) in this process, against the
  propagation of the same satellites: what the physics costs on top of SGP4, free of the
  cluster's scheduling and of the other worker (CPU time of this process, so a shared
  machine disturbs it less than wall time).

``--million`` runs the shipped ``mega-constellation`` scenario's 10^6 satellites on 2 workers
instead (target: <= 30 min and <= 8 GB). ``--quick`` shrinks everything for a smoke run.
The machine may be shared: the load average is printed with the figures.

Measured 2026-12-01 on 2 cores (load 1.3–3.6 at start): 100 000 satellites in 190 s (4.1× the
propagation floor), 2.8 GB peak; 1 → 2 workers 1.81×; ``--million`` 1 720 s (28.7 min), 2.9 GB.
After the chunk work was trimmed (no unused Earth-fixed states, frame rotations once per process,
one view factor per edge-on panel; same bits), 2026-12-01 03:04 UTC, load 1.9 at start:
``--million`` 1 303 s (21.7 min, 3.0× the propagation floor of 428 s), 3.2 GB peak; one
2 000-satellite chunk costs 2.28× its propagation in CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks._common import peak_memory_mb, report

START = np.datetime64("2026-06-21T00:00:00", "ns")


def _times(hours: float, step_s: float = 60.0) -> np.ndarray:
    return START + np.arange(int(hours * 3600 / step_s)) * np.timedelta64(int(step_s), "s")


def _shells(per_shell: int):
    """Four shells of ``per_shell`` satellites (planes of 250, or fewer for tiny shells)."""
    from orbital.orbits import walker_delta

    per_plane = min(250, per_shell)
    planes = max(1, per_shell // per_plane)
    return [walker_delta(altitude, inclination, planes, per_plane, epoch=START, name=f"shell{k}")
            for k, (altitude, inclination) in enumerate(((500.0, 53.0), (700.0, 43.0),
                                                         (900.0, 97.6), (1200.0, 60.0)))]


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _warm_up() -> None:
    """What every worker loads once: imports, ephemeris, the geomagnetic grid."""
    from orbital.orbits import walker_delta
    from studies import feasibility
    from studies.venues import SatelliteDesign

    shell = walker_delta(550.0, 53.0, 1, 2, epoch=START)
    physics = feasibility._physics(SatelliteDesign(), feasibility.DEFAULT_REQUEST_S, "standard")
    piece = feasibility._Fleet(shell).piece(0, np.arange(2))
    feasibility._radiation_task([piece], _times(1.0, 600.0), physics)
    values = {name: np.ones(2) for name in feasibility._RADIATION_FIGURES}
    values["mitigation"] = np.zeros(2, np.int8)
    feasibility._chunk_task([piece], _times(1.0), physics, values)


def _run(constellation, times, design, workers: int, folder: Path, label: str, chunks: int):
    """Wall time [s] and the workers' peak memory [MB] of one run on a fresh local cluster."""
    from dask.distributed import Client, LocalCluster

    from studies import feasibility

    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, memory_limit=None,
                      scheduler_kwargs={"dashboard_address": "127.0.0.1:0"}) as cluster:
        with Client(cluster) as client:
            client.run(_warm_up)
            report(f"  {label}: {workers} worker(s) start-up and warm-up",
                   time.perf_counter() - start, "s", higher_is_better=False)
            start = time.perf_counter()
            result = feasibility.feasibility(constellation, times, design, chunks=chunks,
                                             store=folder / f"{label}-{workers}.zarr",
                                             scheduler=cluster.scheduler_address, progress=True)
            elapsed = time.perf_counter() - start
            peaks = client.run(_worker_peak_mb)
    return elapsed, max(peaks.values()), sum(peaks.values()), result


def _propagation_floor(n_satellites: int, times) -> float:
    """Seconds one core needs to propagate ``n_satellites`` over ``times`` (from 2 000)."""
    from orbital.orbits import propagate, walker_delta

    sample = walker_delta(550.0, 53.0, 8, 250, epoch=START)
    propagate(sample.to_constellation().subset(np.arange(10)), times[:10])
    start = time.perf_counter()
    propagate(sample, times)
    return (time.perf_counter() - start) * n_satellites / sample.n_satellites


def _one_chunk(n_satellites: int, times, design) -> tuple[float, float]:
    """CPU seconds of one chunk task of ``n_satellites`` over ``times`` in this process, and of
    the propagation of the same satellites, each the best of two, after a warm-up."""
    from orbital.orbits import propagate, walker_delta
    from studies import feasibility

    physics = feasibility._physics(design, feasibility.DEFAULT_REQUEST_S, "standard")
    shell = walker_delta(550.0, 53.0, max(1, n_satellites // 250), min(250, n_satellites),
                         epoch=START)
    fleet = feasibility._Fleet(shell)
    values = {name: np.ones(shell.n_satellites) for name in feasibility._RADIATION_FIGURES}
    values["mitigation"] = np.zeros(shell.n_satellites, np.int8)
    feasibility._chunk_task([fleet.piece(0, np.arange(2))], times, physics,
                            {name: column[:2] for name, column in values.items()})

    def cpu(function):
        best = float("inf")
        for _ in range(2):
            start = time.process_time()
            function()
            best = min(best, time.process_time() - start)
        return best

    chunk = cpu(lambda: feasibility._chunk_task([fleet.piece(0, np.arange(shell.n_satellites))],
                                                times, physics, values))
    alone = cpu(lambda: propagate(shell, times, earth_fixed=False))
    return chunk, alone


def run(quick: bool = False, million: bool = False) -> None:
    from studies.scenario import load_scenario
    from studies.venues import SatelliteDesign

    scenario = load_scenario("mega-constellation")
    design = SatelliteDesign(**scenario.orbital[0].design.model_dump())
    times = _times(2.0 if quick else 24.0)
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
          "(a shared machine makes every figure slower)", flush=True)
    n_chunk = 500 if quick else 2000
    chunk, alone = _one_chunk(n_chunk, times, design)
    report(f"one chunk task, {n_chunk:,} satellites x {len(times)} steps, CPU", chunk, "s",
           baseline=alone, baseline_name="their propagation", higher_is_better=False)
    with tempfile.TemporaryDirectory(prefix="bench_feasibility_") as folder:
        folder = Path(folder)
        if million:
            from studies import feasibility

            shells = feasibility._scenario_shells(scenario)
            n = sum(s.n_satellites for s in shells)
            floor = _propagation_floor(n, times) / 2
            report("propagation alone, 10^6 satellites x 1 day, per core / 2", floor, "s",
                   higher_is_better=False)
            elapsed, worker_peak, total_peak, result = _run(shells, times, design, 2, folder,
                                                            "million", 2000)
            report("10^6 satellites x 1 day at 60 s, 2 workers (target <= 1800 s)", elapsed, "s",
                   baseline=floor, baseline_name="propagation floor", higher_is_better=False)
            report("  peak memory: workers together + client (target <= 8 GB)",
                   (total_peak + peak_memory_mb()) / 1024, "GB", higher_is_better=False)
            for line in feasibility.summary_lines(result):
                print("  " + line)
            return
        big = 2_500 if quick else 25_000
        shells = _shells(big)
        n = sum(s.n_satellites for s in shells)
        floor = _propagation_floor(n, times) / 2
        report(f"propagation alone, {n:,} satellites, per core / 2", floor, "s",
               higher_is_better=False)
        elapsed, worker_peak, total_peak, result = _run(shells, times, design, 2, folder, "big",
                                                        2000)
        report(f"{n:,} satellites x {len(times)} steps, 2 workers", elapsed, "s",
               baseline=floor, baseline_name="propagation floor", higher_is_better=False)
        report("  satellite-steps per second", n * len(times) / elapsed, "1/s")
        report("  peak memory of one worker", worker_peak, "MB", higher_is_better=False)
        report("  peak memory: workers together + client", total_peak + peak_memory_mb(), "MB",
               higher_is_better=False)
        report("  projected 10^6 satellites x 1 day (linear)", elapsed * 1e6 / n
               * 1440 / len(times) / 60, "min", higher_is_better=False)
        small = _shells(500 if quick else 5_000)
        m = sum(s.n_satellites for s in small)
        one, _, _, _ = _run(small, times, design, 1, folder, "scaling", 1000)
        report(f"{m:,} satellites, 1 worker", m * len(times) / one, "satellite-steps/s")
        two, _, _, _ = _run(small, times, design, 2, folder, "scaling", 1000)
        report(f"{m:,} satellites, 2 workers", m * len(times) / two, "satellite-steps/s",
               baseline=m * len(times) / one, baseline_name="1 worker (target >= 1.8)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--million", action="store_true",
                        help="the shipped mega-constellation's 10^6 satellites instead")
    arguments = parser.parse_args()
    run(quick=arguments.quick, million=arguments.million)
