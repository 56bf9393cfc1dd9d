"""The vehicle fleet as a compute venue (the seed's "giant distributed inference fleet").

A parked, opted-in, connected car lends its on-board AI computer. What it delivers depends on
when it is parked, whether it is plugged in (else a state-of-charge floor limits how long it can
run from its battery), and costs the **wake overhead**: the rest of the car (contactors, DC-DC,
thermal loop, telematics) stays awake while the computer works.

Split along the physics, every public name importable from ``ground.fleet``:

- :mod:`ground.fleet.vehicles`: the car: ``VEHICLE_COMPUTERS``, :class:`Vehicle`, wake overhead,
  charger, battery budget (:func:`vehicle_power`, :func:`unplugged_compute_fraction`);
- :mod:`ground.fleet.availability`: who can compute by local hour: parked, plugged, opted-in and
  connectivity parameter sets, :class:`Availability`, :func:`diurnal_availability`;
- :mod:`ground.fleet.aggregate`: the fleet over sites and time (:func:`fleet_by_population`,
  :func:`fleet_compute`);
- :mod:`ground.fleet.headline`: the 100 GW headline as a range over named assumption sets with a
  one-at-a-time sensitivity (:func:`headline_range`, :func:`headline_check`).
"""

from ground.fleet.aggregate import fleet_by_population, fleet_compute
from ground.fleet.availability import (
    CONNECTIVITY,
    OPT_IN,
    PARKED_PROFILES,
    PLUGGED_PROFILES,
    Availability,
    diurnal_availability,
)
from ground.fleet.headline import (
    ASSUMPTION_SETS,
    HEADLINE_ASSUMPTIONS,
    headline_check,
    headline_range,
)
from ground.fleet.vehicles import (
    CHARGER_EFFICIENCY,
    RESIDENTIAL_PRICE_USD_PER_KWH,
    VEHICLE_COMPUTERS,
    WAKE_OVERHEAD_W,
    Vehicle,
    unplugged_compute_fraction,
    vehicle_power,
)

__all__ = [
    "ASSUMPTION_SETS",
    "CHARGER_EFFICIENCY",
    "CONNECTIVITY",
    "HEADLINE_ASSUMPTIONS",
    "OPT_IN",
    "PARKED_PROFILES",
    "PLUGGED_PROFILES",
    "RESIDENTIAL_PRICE_USD_PER_KWH",
    "VEHICLE_COMPUTERS",
    "WAKE_OVERHEAD_W",
    "Availability",
    "Vehicle",
    "diurnal_availability",
    "fleet_by_population",
    "fleet_compute",
    "headline_check",
    "headline_range",
    "unplugged_compute_fraction",
    "vehicle_power",
]
