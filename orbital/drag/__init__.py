"""Keeping a compute satellite in orbit: drag, lifetime, station-keeping and formation-keeping.

- :mod:`~orbital.drag.atmosphere` — thermospheric density from NRLMSIS 2.1 (``pymsis``, indices
  given, never downloaded) for named activity sets (:data:`ACTIVITY_LEVELS`), and the COESA 1976
  profile from boinor as a fallback;
- :mod:`~orbital.drag.ballistic` — drag area of a satellite from its design and attitude
  (Sun-tracking arrays, edge-on radiators, bus) and named drag coefficients;
- :mod:`~orbital.drag.decay` — circular-orbit decay rate, lifetime to re-entry (vectorised over
  altitude, C_D A/m and activity), and boinor's Cowell propagation with J2 + drag as a check;
- :mod:`~orbital.drag.keeping` — drag make-up Δv, propellant (rocket equation) and thrust power
  for named thrusters, end-of-life disposal Δv, formation-keeping of a cluster against
  differential drag and J2, and :func:`keeping_summary` for one satellite.

Every public name is importable from ``orbital.drag``.

Examples
--------
>>> from orbital import drag
>>> s = drag.keeping_summary(550.0, mass_kg=1000.0, area_m2=10.0, activity="solar-max")
>>> round(float(s.dv_m_s_per_year), 0)  # m/s per year to hold 550 km through a solar maximum
33.0
"""

from orbital.drag import atmosphere, ballistic, decay, keeping
from orbital.drag.atmosphere import *  # noqa: F403
from orbital.drag.ballistic import *  # noqa: F403
from orbital.drag.decay import *  # noqa: F403
from orbital.drag.keeping import *  # noqa: F403

__all__ = []
__all__ += atmosphere.__all__
__all__ += ballistic.__all__
__all__ += decay.__all__
__all__ += keeping.__all__
