"""Radiative cooling: environmental loads, radiator sizing and temperatures, heat pumps.

A compute satellite rejects every watt it consumes as heat, by radiation alone. This package
models a flat radiator panel in Earth orbit:

- :mod:`~orbital.thermal.environment` — named environment cases (nominal, hot, cold) and
  coatings, the view factor from a tilted plate to the Earth (closed form and numerical),
  and the incident solar, albedo and Earth-infrared fluxes for each panel orientation;
- :mod:`~orbital.thermal.radiator` — net rejection per m², radiator area for a heat load,
  equilibrium and sink temperatures, radiator mass, and the heat-pump trade;
- :mod:`~orbital.thermal.fluid_loop` — a pumped-loop radiator whose coolant cools along the
  panel (mean rejection between inlet and outlet temperatures);
- :mod:`~orbital.thermal.transient` — the lumped-capacitance temperature over (time,
  satellite), orbit-driven from propagated states, the Sun and the energy balance, with
  per-orbit minimum and maximum;
- :mod:`~orbital.thermal.sizing` — the smallest radiator that holds a temperature limit
  along real orbits.

Every public name is importable from ``orbital.thermal``.

Examples
--------
>>> from orbital import thermal
>>> round(float(thermal.radiator_area(1e6, 300.0, emissivity=0.9, sides=2)), 0)  # m² per MW
1210.0
"""

from orbital.thermal.environment import (
    COATINGS,
    DEFAULT_ABSORPTIVITY,
    DEFAULT_COATING,
    DEFAULT_EMISSIVITY,
    ENVIRONMENT_CASES,
    PANEL_ORIENTATIONS,
    coating_properties,
    earth_view_factor,
    earth_view_factor_numerical,
    environment_case,
    face_incident_flux_w_m2,
    panel_incident_flux,
)
from orbital.thermal.fluid_loop import fluid_loop_net_rejection_w_m2
from orbital.thermal.radiator import (
    DEFAULT_POWER_SYSTEM_KG_PER_KW,
    HEAT_PUMP_CARNOT_FRACTIONS,
    RADIATOR_TECHNOLOGIES,
    absorbed_w_m2,
    equilibrium_temperature,
    heat_pump_cop,
    heat_pump_trade,
    net_rejection_w_m2,
    radiator_area,
    radiator_mass_kg,
    sink_temperature_k,
)
from orbital.thermal.sizing import size_radiator_for_orbit
from orbital.thermal.transient import (
    WASTE_HEAT_VARIABLE,
    RadiatorDesign,
    orbit_extremes,
    orbit_incident_flux,
    orbit_temperature,
    solve_radiative_balance,
    transient_temperature,
)

__all__ = [
    "COATINGS",
    "DEFAULT_ABSORPTIVITY",
    "DEFAULT_COATING",
    "DEFAULT_EMISSIVITY",
    "DEFAULT_POWER_SYSTEM_KG_PER_KW",
    "ENVIRONMENT_CASES",
    "HEAT_PUMP_CARNOT_FRACTIONS",
    "PANEL_ORIENTATIONS",
    "RADIATOR_TECHNOLOGIES",
    "WASTE_HEAT_VARIABLE",
    "RadiatorDesign",
    "absorbed_w_m2",
    "coating_properties",
    "earth_view_factor",
    "earth_view_factor_numerical",
    "environment_case",
    "equilibrium_temperature",
    "face_incident_flux_w_m2",
    "fluid_loop_net_rejection_w_m2",
    "heat_pump_cop",
    "heat_pump_trade",
    "net_rejection_w_m2",
    "orbit_extremes",
    "orbit_incident_flux",
    "orbit_temperature",
    "panel_incident_flux",
    "radiator_area",
    "radiator_mass_kg",
    "sink_temperature_k",
    "size_radiator_for_orbit",
    "solve_radiative_balance",
    "transient_temperature",
]
