"""Propagation throughput, and a 100 000-satellite day streamed through dask with bounded memory.

Figures (issue #2): satellite-positions per second of :func:`orbital.orbits.propagate` (GCRS,
velocity, ITRS and geodetic output) for a 1 584-satellite shell over 1 440 one-minute steps,
beside raw ``SatrecArray.sgp4`` (TEME only) on the same inputs in the same run; target >= 70 %.
Then 100 000 satellites × 1 440 steps, chunked, reduced block by block, with peak memory.
Then (issue #20) construction of 5-shell constellations of 10⁴, 10⁵ and 10⁶ satellites from
element arrays (SGP4 records built lazily, per propagation block), beside the per-satellite
path they replace (one ``sgp4init`` and one name string per satellite) for 10⁴ satellites.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report


def _construction(quick: bool) -> None:
    """Seconds to define multi-shell constellations, against the per-satellite records."""
    from orbital import orbits

    shells = ((500.0, 53.0), (675.0, 70.0), (850.0, 97.5), (1025.0, 45.0), (1200.0, 87.9))

    def mega(total):
        per_shell = total // len(shells)
        return orbits.multi_shell([orbits.walker_delta(a, i, per_shell // 100, 100,
                                                       name=f"shell-{a:.0f}")
                                   for a, i in shells])

    def per_satellite(total):
        # what the constructor did before: every record built at once, names spelled out
        lazy = mega(total)
        return orbits.Constellation(lazy.build_satrecs(), lazy.names, lazy.plane, lazy.name)

    old_s = best_time(lambda: per_satellite(10_000), repeat=1 if quick else 3)
    report("per-satellite records, 10^4 sats (baseline)", 10_000 / old_s, "sats/s")
    for total in (10_000, 100_000) if quick else (10_000, 100_000, 1_000_000):
        seconds = best_time(lambda: mega(total), repeat=1 if quick else 3)
        report(f"multi_shell from element arrays, {total:.0e} sats", total / seconds, "sats/s",
               baseline=10_000 / old_s, baseline_name="per-satellite records")
        report("  construction time", seconds, "s", higher_is_better=False)


def run(quick: bool = False) -> None:
    from sgp4.api import SatrecArray

    _construction(quick)

    from orbital import _data, orbits

    steps = 240 if quick else 1440
    times = np.datetime64("2026-03-20") + np.arange(steps) * np.timedelta64(60, "s")
    shell = orbits.walker_delta(550.0, 53.0, 72, 22, 1)
    constellation = shell.to_constellation()
    jd, fraction = _data.julian_date_parts(times)
    satrec_array = SatrecArray(list(constellation.satrecs))
    points = constellation.n_satellites * steps

    raw_s = best_time(lambda: satrec_array.sgp4(jd, fraction))
    full_s = best_time(lambda: orbits.propagate(constellation, times))
    report("raw SatrecArray.sgp4 (TEME only)", points / raw_s, "positions/s")
    report("propagate (GCRS + velocity + ITRS + geodetic)", points / full_s, "positions/s",
           baseline=points / raw_s, baseline_name="raw SGP4 (target >= 0.7)")

    # 100 000 satellites, one day at one-minute steps: 144 million states, ~15 GB if held at
    # once; chunked, each block is propagated, reduced and dropped.
    import dask

    n_big = 10_000 if quick else 100_000
    big = orbits.walker_delta(550.0, 53.0, n_big // 100, 100, 1)
    # ru_maxrss is a high-water mark: print it before too, so what the chunked run adds shows
    peak_before_mb = peak_memory_mb()
    start = time.perf_counter()
    states = orbits.propagate(big, times, chunks={"time": 60, "satellite": 25_000})
    with dask.config.set(scheduler="threads", num_workers=2):
        lowest_km, highest_km = dask.compute(states.alt_km.min(), states.alt_km.max())
    elapsed = time.perf_counter() - start
    report(f"chunked propagate, {n_big} sats x {steps} steps", n_big * steps / elapsed,
           "positions/s", baseline=points / raw_s, baseline_name="raw SGP4")
    report("  altitude range seen (sanity)", float(highest_km) - float(lowest_km), "km")
    report("  peak resident memory of this process", peak_memory_mb(), "MB",
           baseline=peak_before_mb, baseline_name="peak before the chunked run",
           higher_is_better=False)
    held_mb = n_big * steps * 15 * 8 / 1e6
    report("  memory the same run would hold unchunked", held_mb, "MB", higher_is_better=False)


if __name__ == "__main__":
    run()
