"""Orbits: Walker shells, sun-synchronous orbits, formation clusters, TLE/OMM sets, and propagation.

The objects a user holds are small frozen dataclasses validated at construction
(:class:`WalkerShell`, :class:`SunSynchronousOrbit`, :class:`FormationCluster`,
:class:`Constellation`). Every one of them turns into SGP4 mean elements
(:meth:`to_constellation`), so a single vectorized path, :func:`propagate`, serves them all;
its ``states`` Dataset is the contract every other subpackage reads (:func:`check_states`).

A :class:`Constellation` built from elements keeps element arrays and builds SGP4 records
only per propagation block, so a million-satellite :func:`multi_shell` defines in about a
second; dask-backed states (``propagate(..., chunks={"satellite": n})``) flow through the
``sun``, ``power`` and ``thermal`` physics one satellite chunk at a time
(:func:`map_over_satellite_chunks`).

The code lives by physics: :mod:`~orbital.orbits.design` (period, J2 drift, sun-synchronous
inclination, eclipse-free beta), :mod:`~orbital.orbits.constellation` (SGP4 elements and
records, multi-shell constellations),
:mod:`~orbital.orbits.walker`, :mod:`~orbital.orbits.sso` (sun-synchronous),
:mod:`~orbital.orbits.cluster` (formation flying), :mod:`~orbital.orbits.summary` (``describe``),
:mod:`~orbital.orbits.tle` (TLE/OMM), :mod:`~orbital.orbits.propagation` and
:mod:`~orbital.orbits.states` (the states contract); every public name imports from
``orbital.orbits``.
"""

from orbital._data import EPHEMERIS_SPAN, check_time_span
from orbital.orbits import (
    cluster,
    constellation,
    design,
    propagation,
    sso,
    states,
    summary,
    tle,
    walker,
)
from orbital.orbits.cluster import *  # noqa: F403
from orbital.orbits.constellation import *  # noqa: F403
from orbital.orbits.design import *  # noqa: F403
from orbital.orbits.propagation import *  # noqa: F403
from orbital.orbits.sso import *  # noqa: F403
from orbital.orbits.states import *  # noqa: F403
from orbital.orbits.summary import *  # noqa: F403
from orbital.orbits.tle import *  # noqa: F403
from orbital.orbits.walker import *  # noqa: F403

# the time check every orbital function applies, public for callers that check a span up
# front (e.g. a command line: ``check_time_span([start, start + one_year], field="--start")``)
__all__ = ["EPHEMERIS_SPAN", "check_time_span"] + [
    name for module in (design, constellation, walker, sso, cluster, summary, tle, propagation,
                        states)
    for name in module.__all__]
