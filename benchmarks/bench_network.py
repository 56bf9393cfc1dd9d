"""Terrestrial latency over the backbone graph, beside the constant-inflation model in the same run.

Figures: building the graph (catalog, resolved lengths, all-pairs Dijkstra for both traffic
kinds, k-d tree); all pairs between the 1 000 most populous cities and every cloud region with
the graph model (target: under 1 s on one core once the graph is built) vs the constant model
on the same pairs; ``latency_components`` on the same pairs.
"""

from __future__ import annotations

import time

from benchmarks._common import best_time, peak_memory_mb, report


def run(quick: bool = False) -> None:
    from ground import network, sites
    from ground.network import graph as graph_module

    cities = sites.cities(200 if quick else 1000)
    regions = sites.cloud_regions()
    pairs = len(cities) * len(regions)
    # Warm the one-time imports (xarray's array backends, scipy) outside the timings.
    network.fiber_rtt(cities.lat[:2], cities.lon[:2], regions.lat[:2], regions.lon[:2],
                      model="constant")

    def build():
        graph_module._DEFAULT_GRAPHS.clear()
        graph = network.backbone_graph()
        for params in network.TRAFFIC_KINDS.values():
            graph.paths(params["route_inflation"])
        graph.tree()

    start = time.perf_counter()
    build()  # first build includes scipy.sparse / cKDTree imports
    first_s = time.perf_counter() - start
    build_s = best_time(build)
    graph = network.backbone_graph()
    report(f"backbone graph build ({len(graph.nodes)} nodes, {len(graph.links)} links, 2 kinds)",
           build_s, "s", higher_is_better=False)
    report("   same, first build with imports", first_s, "s", higher_is_better=False)

    constant_s = best_time(lambda: network.fiber_rtt(cities.lat, cities.lon, regions.lat,
                                                     regions.lon, model="constant"))
    for kind in network.TRAFFIC_KINDS:
        graph_s = best_time(lambda kind=kind: network.fiber_rtt(
            cities.lat, cities.lon, regions.lat, regions.lon, kind=kind))
        report(f"fiber_rtt graph '{kind}', {len(cities)} cities x {len(regions)} regions",
               graph_s, "s", higher_is_better=False)
        report(f"   = {pairs} pairs, throughput", pairs / graph_s, "pairs/s",
               baseline=pairs / constant_s, baseline_name="constant model")
    parts_s = best_time(lambda: network.latency_components(cities.lat, cities.lon, regions.lat,
                                                           regions.lon))
    report("latency_components graph 'internet', same pairs", parts_s, "s",
           higher_is_better=False)
    report("peak resident memory of this process", peak_memory_mb(), "MB", higher_is_better=False)


if __name__ == "__main__":
    run()
