"""Spacecraft electrical power: solar arrays, batteries, the orbit energy balance and sizing.

The chain, per (time, satellite):

    sunlight (orbital.sun)  →  array output  →  power conditioning  →  bus
                                                                        ├→ housekeeping load (kept)
                                                                        ├→ compute load (throttled first)
                                                                        └↔ battery (charge / discharge)

Everything electrical ends as heat inside the spacecraft, which :func:`energy_balance` reports as
``waste_heat_w`` for the thermal model. Curtailed array power is never drawn (the array is moved
off its maximum-power point), so it stays in the array as absorbed sunlight, not in the bus.

References
----------
.. [1] J. R. Wertz and W. J. Larson (eds.), *Space Mission Analysis and Design* (SMAD), 3rd ed.,
   Microcosm, 1999, §11.4 "Power" (array sizing eq. 11-5, degradation, path efficiencies).
.. [2] M. R. Patel, *Spacecraft Power Systems*, CRC Press, 2005, ch. 3–4 and 10.
.. [3] C. Fetzer et al., "Production ready 30 % efficient triple junction space solar cells",
   33rd IEEE PVSC, 2008 (Spectrolab XTJ: 29.8 % BOL at AM0, 28 °C; NPmp 0.89 after 5·10¹⁴ and
   0.84 after 10¹⁵ 1-MeV e/cm²).

Layout: :mod:`orbital.power.components` (cells, arrays, batteries), :mod:`orbital.power.balance`
(energy balance, figures), :mod:`orbital.power.sizing` (array and battery sizing).
"""

from orbital.power.balance import (
    SINGLE_SAMPLE_STEP_S,
    energy_balance,
    incidence_cosine,
    power_figures,
)
from orbital.power.components import (
    BATTERY_CHEMISTRIES,
    CELL_TECHNOLOGIES,
    POINTING_MODES,
    Battery,
    SolarArray,
    fluence_remaining_factor,
)
from orbital.power.sizing import size_power_system

__all__ = [
    "BATTERY_CHEMISTRIES",
    "CELL_TECHNOLOGIES",
    "POINTING_MODES",
    "SINGLE_SAMPLE_STEP_S",
    "Battery",
    "SolarArray",
    "energy_balance",
    "fluence_remaining_factor",
    "incidence_cosine",
    "power_figures",
    "size_power_system",
]
