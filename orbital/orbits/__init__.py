"""Orbits: Walker shells, sun-synchronous orbits, formation clusters, TLE/OMM sets, and propagation.

The objects a user holds are small frozen dataclasses validated at construction
(:class:`WalkerShell`, :class:`SunSynchronousOrbit`, :class:`FormationCluster`,
:class:`Constellation`). Every one of them turns into SGP4 mean elements
(:meth:`to_constellation`), so a single vectorized path, :func:`propagate`, serves them all.

The code lives in :mod:`~orbital.orbits.design` (period, J2 drift, sun-synchronous inclination),
:mod:`~orbital.orbits.shells` (the orbit objects), :mod:`~orbital.orbits.tle` (TLE/OMM) and
:mod:`~orbital.orbits.propagation`; every public name imports from ``orbital.orbits``.
"""

from orbital.orbits import design, propagation, shells, tle
from orbital.orbits.design import *  # noqa: F403
from orbital.orbits.propagation import *  # noqa: F403
from orbital.orbits.shells import *  # noqa: F403
from orbital.orbits.tle import *  # noqa: F403

__all__ = []
__all__ += design.__all__
__all__ += shells.__all__
__all__ += tle.__all__
__all__ += propagation.__all__
