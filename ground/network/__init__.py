"""Terrestrial network latency: a cable-aware backbone graph, traffic kinds, access networks.

Every public name of the former ``ground/network.py`` module is importable from here:

- ``ground.network.latency``: ``fiber_rtt`` and ``latency_components`` (graph or constant
  model, ``backbone`` or ``internet`` traffic), access networks, transfer time;
- ``ground.network.graph``: the backbone graph of terrestrial corridors and submarine cables
  (``ground/data/network_nodes.csv``, ``ground/data/network_links.csv``);
- ``ground.network.satellite``: satellite-internet access (user terminal → satellite →
  gateway → point of presence), with the space-segment delay given by the caller.

The output of ``fiber_rtt`` has the shape of the orbital links output (dims
``(time, source, destination)`` with ``rtt_ms``, ``one_way_ms``, ``hops``, ``reachable``) so
that studies can put a terrestrial route and an orbital route side by side.
"""

from ground.network.graph import (
    TERRESTRIAL_ROUTE_FACTOR,
    BackboneGraph,
    backbone_graph,
    backbone_links,
    backbone_nodes,
    submarine_route_factor,
)
from ground.network.latency import (
    ACCESS_NETWORKS,
    BASE_HOPS,
    DEFAULT_MODEL,
    DEFAULT_PATH_INFLATION,
    DEFAULT_TRAFFIC_KIND,
    HOP_SPACING_KM,
    MAX_ACCESS_KM,
    METRO_DIRECT_KM,
    MODELS,
    NEAREST_POPS,
    PATH_INFLATION,
    POP_CHOICE_SLACK_KM,
    ROUTER_DELAY_MS,
    TRAFFIC_KINDS,
    access_rtt_ms,
    access_rtt_samples,
    fiber_rtt,
    latency_components,
    transfer_time_s,
    vacuum_rtt_ms,
)
from ground.network.satellite import (
    SATELLITE_SYSTEMS,
    satellite_access,
    satellite_gateways,
    satellite_pops,
)

__all__ = [
    "ACCESS_NETWORKS",
    "BASE_HOPS",
    "DEFAULT_MODEL",
    "DEFAULT_PATH_INFLATION",
    "DEFAULT_TRAFFIC_KIND",
    "HOP_SPACING_KM",
    "MAX_ACCESS_KM",
    "METRO_DIRECT_KM",
    "MODELS",
    "NEAREST_POPS",
    "PATH_INFLATION",
    "POP_CHOICE_SLACK_KM",
    "ROUTER_DELAY_MS",
    "SATELLITE_SYSTEMS",
    "TERRESTRIAL_ROUTE_FACTOR",
    "TRAFFIC_KINDS",
    "BackboneGraph",
    "access_rtt_ms",
    "access_rtt_samples",
    "backbone_graph",
    "backbone_links",
    "backbone_nodes",
    "fiber_rtt",
    "latency_components",
    "satellite_access",
    "satellite_gateways",
    "satellite_pops",
    "submarine_route_factor",
    "transfer_time_s",
    "vacuum_rtt_ms",
]
