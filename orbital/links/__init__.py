"""Link latency: visibility, inter-satellite topologies, time-varying routing, RTT, transfer time.

Public names::

    ground_sites, look_angles, visibility, contact_windows, slant_range_km
    plus_grid_edges, inter_satellite_links, line_of_sight_clear
    route, transfer_time
    read_hypatia, write_hypatia, HypatiaNetwork, SATGENPY_EARTH, GEOMETRIES
    ISL_PARAMETERS, GROUND_LINK_PARAMETERS, DEFAULT_MIN_ELEVATION_DEG, DEFAULT_GRAZING_ALTITUDE_KM

Ground points come in as a Dataset with ``lat``, ``lon`` (and ``alt_km``) on a ``site``
dimension (:func:`ground_sites` builds one from arrays); ``orbital`` never imports ``ground``.
"""

from orbital.links.geometry import (
    DEFAULT_MIN_ELEVATION_DEG,
    contact_windows,
    ground_sites,
    look_angles,
    slant_range_km,
    visibility,
)
from orbital.links.hypatia import (
    GEOMETRIES,
    SATGENPY_EARTH,
    HypatiaNetwork,
    read_hypatia,
    write_hypatia,
)
from orbital.links.routing import ROUTING_MODES, RoutingOptions, route
from orbital.links.topology import (
    DEFAULT_GRAZING_ALTITUDE_KM,
    GROUND_LINK_PARAMETERS,
    ISL_PARAMETERS,
    TOPOLOGIES,
    inter_satellite_links,
    line_of_sight_clear,
    plus_grid_edges,
)
from orbital.links.transfer import transfer_time

__all__ = [
    "DEFAULT_GRAZING_ALTITUDE_KM",
    "DEFAULT_MIN_ELEVATION_DEG",
    "GEOMETRIES",
    "GROUND_LINK_PARAMETERS",
    "ISL_PARAMETERS",
    "ROUTING_MODES",
    "RoutingOptions",
    "SATGENPY_EARTH",
    "TOPOLOGIES",
    "HypatiaNetwork",
    "contact_windows",
    "ground_sites",
    "inter_satellite_links",
    "line_of_sight_clear",
    "look_angles",
    "plus_grid_edges",
    "read_hypatia",
    "route",
    "slant_range_km",
    "transfer_time",
    "visibility",
    "write_hypatia",
]
