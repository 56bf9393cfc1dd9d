"""Co-scheduler speed: one day at 5-minute steps, the 1 000 most populous cities, 3 classes.

Venues: a 650 km dawn–dusk cluster reached through a Starlink-like relay shell, 30 cloud
regions and vehicle fleets in 10 countries. Prints the venue-table time (physics), the LP
policy's wall time, its LP size and solve time per step, peak memory, and the greedy latency
policy on the same inputs as the baseline. Target (issue): under 60 s for the schedule once the
physics is cached.

    python -m benchmarks.bench_schedule [--quick]
"""

from __future__ import annotations

import sys
import time

import numpy as np

from benchmarks._common import peak_memory_mb, report


def build(n_cities: int, hours: float):
    from ground import sites
    from orbital import orbits
    from studies import venues, workload

    times = np.datetime64("2026-06-21") + np.arange(int(hours * 12)) * np.timedelta64(300, "s")
    cities = (sites.cities(n_cities).drop_duplicates(subset=["name", "country", "admin1"])
              .reset_index(drop=True))
    cities["label"] = [f"{n},{c}#{i}" for i, (n, c) in enumerate(zip(cities["name"],
                                                                       cities["country"]))]
    classes = {k: workload.request_class(k) for k in ("chat", "batch", "vision")}
    axes = venues.StudyAxes(times=times, cities=cities, classes=classes)
    epoch = times[0]
    cluster = orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0, epoch=epoch), 81, 1.0)
    relay = orbits.walker_delta(550.0, 53.0, 72, 22, 1, epoch=epoch)
    items = [venues.OrbitalVenue("cluster", cluster, venues.SatelliteDesign(), relay=relay)]
    regions = sites.cloud_regions()
    picked = regions.groupby("provider", group_keys=False).head(6).head(30)
    for _, row in picked.iterrows():
        accelerator = "TPU v6e" if row["provider"] == "gcp" else "H100 SXM"
        items.append(venues.CloudVenue(f"{row['provider']}:{row['region_code']}", accelerator, 512,
                                       provider=row["provider"], region=row["region_code"]))
    for country in ("US", "CN", "DE", "JP", "FR", "GB", "KR", "IN", "BR", "CA"):
        items.append(venues.FleetVenue(f"fleet-{country}", country, 500_000))
    demand = workload.demand(cities, times, adoption=0.02,
                             requests_per_user_per_day={"chat": 10.0, "batch": 1.0, "vision": 2.0})
    demand = demand.assign_coords(city=axes.labels)
    return demand, items, axes


def run(quick: bool = False) -> None:
    from studies import schedule as sched
    from studies.venues import venue_table

    n_cities, hours = (200, 2.0) if quick else (1000, 24.0)
    demand, items, axes = build(n_cities, hours)
    begin = time.perf_counter()
    table = venue_table(items, axes)
    report("venue table (physics, radiation grid cached) [s]", time.perf_counter() - begin, "s")
    begin = time.perf_counter()
    greedy = sched.schedule(demand, table, policy="latency", workers=1)
    baseline = time.perf_counter() - begin
    report("greedy 'latency' policy, whole day [s]", baseline, "s")
    begin = time.perf_counter()
    best = sched.schedule(demand, table, policy="optimal")
    wall = time.perf_counter() - begin
    report(f"optimal LP policy, {len(axes.times)} steps x {n_cities} cities x 3 classes x "
           f"{len(items)} venues [s]", wall, "s", baseline=baseline,
           baseline_name="greedy", higher_is_better=False)
    report("LP columns per step (mean)", float(best.lp_variables.mean()), "")
    report("LP rows per step (mean)", float(best.lp_constraints.mean()), "")
    report("LP build + solve per step, all workers [s]", wall / len(axes.times), "s")
    report("objective: optimal / greedy latency (<= 1)", float(best.objective.sum()
                                                               / greedy.objective.sum()), "")
    report("peak resident memory [MB]", peak_memory_mb(), "MB")


if __name__ == "__main__":
    run(quick="--quick" in sys.argv[1:])
