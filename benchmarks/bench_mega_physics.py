"""A mega-constellation day out of core: propagate → shadow → energy balance → radiator
temperature, reduced to per-satellite extremes, one satellite chunk at a time (issue #20).

Figures: wall time, satellite-steps per second and peak resident memory of the chunked
pipeline over a 5-shell constellation (500–1 200 km) of 100 000 satellites × 1 440 one-minute
steps, satellite chunks of 2 000; baseline, measured in the same run: the same pipeline in
memory (unchunked) on a 2 000-satellite slice of it, which is what one chunk costs. Each run
goes in its own process so that its peak memory (``ru_maxrss``, a high-water mark) is its own.

Measured 2026-11-30 on the shared 2-core machine (load ~10, so this process got ~28 % of the
CPU; wall times are noisy, CPU time is the steadier figure): 100 000 × 1 440 chunked by 2 000,
1 154 s wall (334 s CPU), peak RSS 2.81 GB; 10 000 × 1 440, 152 s and 2.62 GB; 4 000 × 1 440,
100 s and 2.67 GB: the peak is set by the chunk (two in flight on two threads), not by the
constellation. In memory, 2 000 × 1 440: 36 s and 1.43 GB; held whole, the 100 000-satellite
day would need ~51 GB (states, balance and thermal variables).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

#: The five shells (altitude km, inclination deg) of the benchmark constellation.
SHELLS = ((500.0, 53.0), (675.0, 70.0), (850.0, 97.5), (1025.0, 45.0), (1200.0, 87.9))


def _pipeline(n_satellites: int, steps: int, chunk: int | None) -> dict:
    """Run the pipeline in this process; wall time and peak memory."""
    import dask
    import numpy as np
    import xarray as xr

    from benchmarks._common import peak_memory_mb
    from orbital import orbits, power, thermal

    start = time.perf_counter()
    # 100 satellites per plane; the in-memory baseline flies the first shell only
    shells = SHELLS if chunk is not None else SHELLS[:1]
    per_shell = n_satellites // len(shells)
    mega = orbits.multi_shell([orbits.walker_delta(a, i, max(1, per_shell // 100),
                                                   min(100, per_shell), name=f"shell-{a:.0f}")
                               for a, i in shells])
    times = mega.epoch + np.arange(steps) * np.timedelta64(60, "s")
    states = orbits.propagate(mega, times, chunks=None if chunk is None
                              else {"satellite": chunk})
    array = power.SolarArray.from_technology("triple-junction", 60.0)
    battery = power.Battery.from_chemistry("li-ion", 20_000.0)
    design = thermal.RadiatorDesign(area_m2=15.0, heat_capacity_j_k=2e6)
    # one period cuts every shell's time axis into windows (500–1 200 km: 94.6–109.4 min)
    period_s = float(orbits.orbital_period_min(float(np.mean(mega.altitude_km)))) * 60.0
    balance = power.energy_balance(states, array, battery, 8_000.0, housekeeping_w=500.0)
    temperature = thermal.orbit_temperature(states, design, balance, period_s=period_s)
    summary = xr.Dataset({
        "temperature_max_k": temperature.temperature_max_k.max("orbit"),
        "temperature_min_k": temperature.temperature_min_k.min("orbit"),
        "range_held": temperature.range_held,
        "compute_duty_cycle": balance.compute_duty_cycle.mean("time"),
        "max_depth_of_discharge": balance.max_depth_of_discharge_reached,
    })
    with dask.config.set(scheduler="threads", num_workers=2):
        summary = summary.compute()
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "peak_mb": peak_memory_mb(),
            "satellites": int(summary.sizes["satellite"]),
            "hottest_k": float(summary.temperature_max_k.max()),
            "coldest_k": float(summary.temperature_min_k.min()),
            "duty_min": float(summary.compute_duty_cycle.min())}


def _in_subprocess(n_satellites: int, steps: int, chunk: int | None) -> dict:
    code = ("import json, sys; from benchmarks.bench_mega_physics import _pipeline; "
            f"print(json.dumps(_pipeline({n_satellites}, {steps}, {chunk})))")
    output = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                            text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def run(quick: bool = False) -> None:
    from benchmarks._common import report

    steps = 240 if quick else 1440
    n_big = 10_000 if quick else 100_000
    chunk = 2_000
    baseline = _in_subprocess(chunk, steps, None)
    big = _in_subprocess(n_big, steps, chunk)
    rate_base = baseline["satellites"] * steps / baseline["seconds"]
    rate_big = big["satellites"] * steps / big["seconds"]
    report(f"in memory, {baseline['satellites']} sats x {steps} steps (baseline)", rate_base,
           "steps*sats/s")
    report(f"  its wall time", baseline["seconds"], "s", higher_is_better=False)
    report(f"  its peak resident memory", baseline["peak_mb"], "MB", higher_is_better=False)
    report(f"chunked by {chunk}, {big['satellites']} sats x {steps} steps", rate_big,
           "steps*sats/s", baseline=rate_base, baseline_name="in memory")
    report("  its wall time", big["seconds"], "s", higher_is_better=False)
    report("  its peak resident memory", big["peak_mb"], "MB", baseline=baseline["peak_mb"],
           baseline_name="in-memory 2 000-satellite run", higher_is_better=False)
    report("  radiator temperature range seen (sanity)", big["hottest_k"] - big["coldest_k"],
           "K")
    report("  lowest compute duty cycle (sanity)", big["duty_min"], "1")
    held_gb = big["satellites"] * steps * (15 + 17 + 12) * 8 / 1e9
    report("  memory the same run would hold unchunked (states, balance, thermal)", held_gb,
           "GB", higher_is_better=False)


if __name__ == "__main__":
    # python -m benchmarks.bench_mega_physics [satellites [chunk [steps]]]: one chunked run
    if len(sys.argv) > 1:
        sizes = [int(v) for v in sys.argv[1:]]
        print(json.dumps(_in_subprocess(sizes[0], sizes[2] if len(sizes) > 2 else 1440,
                                        sizes[1] if len(sizes) > 1 else 2_000)))
    else:
        run()
