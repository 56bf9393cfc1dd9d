"""Ground geodesy at catalog scale, each beside a naive baseline measured in the same run.

Figures: great-circle distances per second (numpy, vectorized) vs a per-pair ``math`` loop;
nearest-k queries per second (``cKDTree`` on unit vectors) vs brute force (distance matrix +
``argpartition``, the best a loop-free numpy baseline does); all-pairs fiber RTT per second for
every GeoNames city (≥ 15 000 inhabitants) to every cloud region with the constant-inflation model
(the backbone-graph model is in ``bench_network.py``).
"""

from __future__ import annotations

import math

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report


def _haversine_loop(lat1, lon1, lat2, lon2, radius_km=6371.0088):
    out = []
    for a, b, c, d in zip(lat1, lon1, lat2, lon2):
        p1, p2 = math.radians(a), math.radians(c)
        h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
            math.radians(d - b) / 2) ** 2
        out.append(2 * radius_km * math.asin(math.sqrt(h)))
    return out


def run(quick: bool = False) -> None:
    from ground import network, sites

    rng = np.random.default_rng(0)
    n = 200_000 if quick else 2_000_000
    lat1, lat2 = rng.uniform(-90, 90, (2, n))
    lon1, lon2 = rng.uniform(-180, 180, (2, n))
    m = 20_000
    loop_s = best_time(lambda: _haversine_loop(lat1[:m], lon1[:m], lat2[:m], lon2[:m]), repeat=1)
    vector_s = best_time(lambda: sites.great_circle_km(lat1, lon1, lat2, lon2))
    report("great_circle_km, numpy vectorized", n / vector_s, "pairs/s",
           baseline=m / loop_s, baseline_name="python math loop")

    cities = sites.cities()
    catalog_n = 20_000 if quick else 100_000
    c_lat = np.degrees(np.arcsin(rng.uniform(-1, 1, catalog_n)))
    c_lon = rng.uniform(-180, 180, catalog_n)
    q_lat, q_lon = cities.lat.to_numpy(), cities.lon.to_numpy()
    k = 5
    tree_s = best_time(lambda: sites.nearest(q_lat, q_lon, c_lat, c_lon, k=k))
    brute_q = 100

    def brute():
        full = sites.distance_matrix_km(q_lat[:brute_q], q_lon[:brute_q], c_lat, c_lon)
        return np.argpartition(full, k, axis=1)[:, :k]

    brute_s = best_time(brute, repeat=1)
    report(f"nearest k={k}: {len(q_lat)} cities vs {catalog_n} points, cKDTree", len(q_lat) / tree_s,
           "queries/s", baseline=brute_q / brute_s, baseline_name="brute-force numpy")

    regions = sites.cloud_regions()
    # The constant-inflation model over every city (the graph model: benchmarks/bench_network.py).
    rtt_s = best_time(lambda: network.fiber_rtt(q_lat, q_lon, regions.lat, regions.lon,
                                                model="constant"))
    pairs = len(q_lat) * len(regions)
    report(f"fiber_rtt constant, all pairs ({len(q_lat)} cities x {len(regions)} regions)", pairs / rtt_s,
           "pairs/s", baseline=m / loop_s, baseline_name="python distance loop alone")
    report("peak resident memory of this process", peak_memory_mb(), "MB", higher_is_better=False)


if __name__ == "__main__":
    run()
