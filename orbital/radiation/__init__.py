"""Radiation and faults: trapped belts, cosmic rays, dose behind shielding, single events, inference.

Public names are importable from ``orbital.radiation``; the code lives in

- :mod:`orbital.radiation.belts` — AE8/AP8 trapped flux along orbits from a cached (L, B/B0) grid,
  orbit-averaged spectra, SAA maps;
- :mod:`orbital.radiation.cosmic` — geomagnetic cutoff rigidity, GCR spectra and dose,
  solar-particle events;
- :mod:`orbital.radiation.stopping` — stopping powers and ranges (PSTAR, ICRU 37, Katz–Penfold);
- :mod:`orbital.radiation.transport` — CSDA transport through a spherical Al shell, bremsstrahlung;
- :mod:`orbital.radiation.dose` — the dose–depth driver (trapped, GCR), lifetime and shield sizing;
- :mod:`orbital.radiation.see` — single-event upset rates (Weibull/Bendel protons, Petersen FOM);
- :mod:`orbital.radiation.faults` — fault rates per chip-year and mitigations for inference;
- :mod:`orbital.radiation.arrays` — solar arrays: 1-MeV-equivalent fluence behind cover glass,
  remaining power over the mission, operating temperature;
- :mod:`orbital.radiation.let` — GCR LET spectra behind shielding, integral-RPP heavy-ion upset
  rates and the Petersen coefficient they imply.
"""

from orbital.radiation import arrays, belts, cosmic, dose, faults, see, stopping, transport
from orbital.radiation.arrays import *  # noqa: F403
from orbital.radiation.belts import *  # noqa: F403
from orbital.radiation.cosmic import *  # noqa: F403
from orbital.radiation.dose import *  # noqa: F403
from orbital.radiation.faults import *  # noqa: F403
from orbital.radiation.see import *  # noqa: F403
from orbital.radiation.stopping import *  # noqa: F403
from orbital.radiation.transport import *  # noqa: F403

# Each submodule's __all__ is the contract; the package re-exports exactly those names.
__all__ = []
__all__ += arrays.__all__
__all__ += belts.__all__
__all__ += cosmic.__all__
__all__ += dose.__all__
__all__ += faults.__all__
__all__ += see.__all__
__all__ += stopping.__all__
__all__ += transport.__all__

from orbital.radiation import let  # noqa: E402
from orbital.radiation.let import *  # noqa: E402,F403

__all__ += let.__all__
