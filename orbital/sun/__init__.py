"""Sun geometry for Earth orbits: Sun position, solar flux, beta angle and the Earth's shadow.

Every function works over whole arrays: one skyfield call for the Sun over all times, one numpy
expression over (time, satellite, xyz) for the shadow. Positions are geocentric GCRS in km, as in
the ``states`` Dataset of :func:`orbital.orbits.propagate` (dims ``time``, ``satellite``, ``xyz``;
variables ``position_gcrs_km`` and ``velocity_gcrs_km_s``).

The shadow model is the conical one of Montenbruck & Gill (2000, §3.4.2): the Sun and the Earth
are two disks seen from the satellite; the visible fraction of the solar disk is one minus their
overlap area over the Sun's disk area. It gives umbra (0), penumbra (0 … 1) and sunlight (1).
The analytic cylindrical formula :func:`eclipse_fraction` is its simpler companion for design.

References
----------
.. [1] O. Montenbruck and E. Gill, *Satellite Orbits: Models, Methods and Applications*,
   Springer, 2000, section 3.4.2 "Shadow", eqs. (3.85)-(3.87).
.. [2] G. Kopp and J. L. Lean, "A new, lower value of total solar irradiance", Geophysical
   Research Letters 38, L01706, 2011 (TSI = 1360.8 ± 0.5 W/m²).
.. [3] J. R. Wertz (ed.), *Spacecraft Attitude Determination and Control*, Reidel, 1978, and
   [Wertz1978]: cylindrical eclipse fraction f = arccos(sqrt(h² + 2Rh) / ((R + h) cos β)) / π.
"""


# critical_beta_deg is orbit geometry (orbital.orbits.design, beside the period and the J2
# drift), re-exported here beside the eclipse formulas it bounds.
from orbital.orbits import critical_beta_deg
from orbital.sun.beta import (
    beta_angle_deg,
    beta_angle_from_elements_deg,
    beta_angle_over_year,
    eclipse_fraction,
    eclipse_minutes_per_orbit,
)
from orbital.sun.position import solar_flux_w_m2, sun_direction_gcrs, sun_position_gcrs_km
from orbital.sun.shadow import (
    EARTH_POLAR_RADIUS_KM,
    EARTH_SHAPES,
    ECLIPSE_BOUNDARIES,
    eclipse_events,
    shadow_fraction,
)

__all__ = [
    "EARTH_POLAR_RADIUS_KM",
    "EARTH_SHAPES",
    "ECLIPSE_BOUNDARIES",
    "beta_angle_deg",
    "beta_angle_from_elements_deg",
    "beta_angle_over_year",
    "critical_beta_deg",
    "eclipse_events",
    "eclipse_fraction",
    "eclipse_minutes_per_orbit",
    "shadow_fraction",
    "solar_flux_w_m2",
    "sun_direction_gcrs",
    "sun_position_gcrs_km",
]
