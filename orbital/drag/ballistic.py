"""Drag area and ballistic coefficient of a satellite from its design and attitude."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_range
from orbital.drag._names import check_name, lookup

__all__ = [
    "ARRAY_TRACKING",
    "DRAG_COEFFICIENTS",
    "array_flow_fraction",
    "ballistic_coefficient",
    "drag_coefficient",
]

#: Drag coefficients C_D [1] by name, with the source.
DRAG_COEFFICIENTS = {
    "classic": {
        "drag_coefficient": 2.2,
        "source": "C_D = 2.2 for compact satellites in free molecular flow with diffuse "
                  "re-emission (Cook 1965, Cook1965; Vallado 2013 §8.6.2, Vallado2013)",
    },
    "flat-plate": {
        "drag_coefficient": 2.6,
        "source": "flat plates broadside to the flow in free molecular flow with incomplete "
                  "energy accommodation: C_D ≈ 2.2–2.6 below 500 km, rising with altitude as "
                  "accommodation falls (Moe & Moe 2005, MoeMoe2005; upper end)",
    },
    "sphere": {
        "drag_coefficient": 2.0,
        "source": "sphere with specular-like high-speed limit, C_D ≈ 2.0–2.1 (Cook 1965, Cook1965)",
    },
}

#: How solar arrays are pointed, and what that means for their area facing the flow.
ARRAY_TRACKING = {
    "two-axis": "array normal on the Sun line: orbit-mean flow fraction (2/π)·cos β",
    "single-axis": "array rotates about the orbit normal (ISS α-joint class): normal in the "
                   "orbit plane towards the Sun's projection, orbit-mean flow fraction 2/π",
    "fixed-edge-on": "array plane contains the velocity (feathered / body-fixed edge-on): 0",
}


def drag_coefficient(name="classic") -> float:
    """Drag coefficient of a named set (:data:`DRAG_COEFFICIENTS`) [1].

    Examples
    --------
    >>> drag_coefficient("classic")
    2.2
    """
    return lookup(DRAG_COEFFICIENTS, "drag_coefficient", name, what="drag coefficient set")[
        "drag_coefficient"]


def _drag_coefficient_value(value):
    if isinstance(value, str):
        return drag_coefficient(value)
    return check_range("drag_coefficient", value, 0.0, 5.0, low_inclusive=False)


def array_flow_fraction(beta_deg=0.0, tracking="two-axis"):
    """Orbit-mean projected area of a Sun-pointing array facing the flow, per m² of array [1].

    Parameters
    ----------
    beta_deg : float or array, default 0
        Solar beta angle, between the Sun line and the orbit plane [deg], −90 … 90.
    tracking : {"two-axis", "single-axis", "fixed-edge-on"}, default "two-axis"
        Array pointing (:data:`ARRAY_TRACKING`).

    Returns
    -------
    numpy.ndarray
        :math:`\\langle|\\hat n\\cdot\\hat v|\\rangle` over one circular orbit.

    Notes
    -----
    In the orbit frame with x towards the Sun's projection on the orbit plane, the velocity
    direction at argument of latitude u (from x) is :math:`\\hat v = (-\\sin u, \\cos u, 0)`
    and the Sun line :math:`\\hat s = (\\cos\\beta, 0, \\sin\\beta)`. A two-axis array keeps
    :math:`\\hat n = \\hat s`, so :math:`|\\hat n\\cdot\\hat v| = \\cos\\beta\\,|\\sin u|`, whose
    orbit mean is :math:`(2/\\pi)\\cos\\beta`. A single-axis array (rotation axis along the
    orbit normal) has :math:`\\hat n = (1, 0, 0)`, mean :math:`2/\\pi`. Assumptions: circular
    orbit; the array keeps tracking in eclipse (no feathering); the atmosphere's co-rotation
    (< 7 % of the orbital speed) is ignored in the flow direction. In a dawn–dusk
    sun-synchronous orbit (β ≈ 60–90°) two-axis arrays are nearly edge-on to the flow.

    Examples
    --------
    >>> round(float(array_flow_fraction(0.0)), 4)  # 2/π
    0.6366
    >>> round(float(array_flow_fraction(90.0)), 6)
    0.0
    """
    beta = check_range("beta_deg", beta_deg, -90.0, 90.0, unit="deg")
    tracking = check_name("tracking", tracking, ARRAY_TRACKING, what="array tracking")
    if tracking == "two-axis":
        return 2.0 / np.pi * np.abs(np.cos(np.radians(beta)))
    if tracking == "single-axis":
        return np.full_like(beta, 2.0 / np.pi)
    return np.zeros_like(beta)


def ballistic_coefficient(mass_kg, *, area_m2=None, solar_array_m2=0.0, radiator_m2=0.0,
                          bus_cross_section_m2=0.0, beta_deg=0.0, tracking="two-axis",
                          radiator_flow_fraction=0.0, drag_coefficient="classic"):
    """Drag area, area-to-mass ratio and ballistic coefficient of a satellite.

    Give either ``area_m2`` (the orbit-mean area facing the flow) or the design parts.

    Parameters
    ----------
    mass_kg : float or array
        Satellite mass [kg], > 0.
    area_m2 : float or array, optional
        Orbit-mean area facing the flow [m²], ≥ 0; replaces the design parts.
    solar_array_m2 : float or array, default 0
        Solar array area, one side [m²], ≥ 0.
    radiator_m2 : float or array, default 0
        Radiator panel area, one side [m²], ≥ 0.
    bus_cross_section_m2 : float or array, default 0
        Bus cross-section facing the flow [m²], ≥ 0 (body-fixed along the velocity).
    beta_deg : float or array, default 0
        Solar beta angle [deg] (:func:`orbital.sun.beta_angle_over_year` gives it for an orbit).
    tracking : str, default "two-axis"
        Array pointing (:data:`ARRAY_TRACKING`).
    radiator_flow_fraction : float or array, default 0
        Orbit-mean projected area of the radiators facing the flow per m² [1], 0 … 1.
        Assumption: radiators are flown edge-on to the velocity (their normal along the orbit
        normal or the nadir, which also keeps them edge-on to the Sun in a dawn–dusk orbit),
        so 0; a panel broadside to the flow is 1.
    drag_coefficient : str or float, default "classic"
        Named set (:data:`DRAG_COEFFICIENTS`) or a value in (0, 5].

    Returns
    -------
    xarray.Dataset
        ``drag_area_m2`` [m2], ``area_to_mass_m2_kg`` [m2 kg-1], ``drag_coefficient`` [1],
        ``ballistic_coefficient_kg_m2`` = m / (C_D A) [kg m-2] and
        ``drag_parameter_m2_kg`` = C_D A / m [m2 kg-1] (the inverse, which drag scales with).

    Notes
    -----
    :math:`A = A_{bus} + f_{array}(\\beta)\\,A_{array} + f_{rad}\\,A_{rad}` with
    :math:`f_{array}` from :func:`array_flow_fraction`; :math:`B = m / (C_D A)`.

    Examples
    --------
    >>> ds = ballistic_coefficient(1000.0, area_m2=10.0)
    >>> round(float(ds.ballistic_coefficient_kg_m2), 1)
    45.5
    """
    mass = check_range("mass_kg", mass_kg, 0.0, None, low_inclusive=False, unit="kg")
    cd = _drag_coefficient_value(drag_coefficient)
    if area_m2 is not None:
        area = check_range("area_m2", area_m2, 0.0, None, unit="m²")
    else:
        array = check_range("solar_array_m2", solar_array_m2, 0.0, None, unit="m²")
        radiator = check_range("radiator_m2", radiator_m2, 0.0, None, unit="m²")
        bus = check_range("bus_cross_section_m2", bus_cross_section_m2, 0.0, None, unit="m²")
        radiator_fraction = check_range("radiator_flow_fraction", radiator_flow_fraction, 0.0,
                                        1.0)
        area = bus + array_flow_fraction(beta_deg, tracking) * array + radiator_fraction * radiator
    area, mass, cd = np.broadcast_arrays(area, mass, cd)
    if not np.all(area > 0):
        raise ValueError("area_m2: 0 m² facing the flow is outside the allowed range (0, inf) m²; "
                         "give area_m2 > 0, or a bus cross-section or arrays that face the flow")

    data = {
        "drag_area_m2": (area, "m2", "orbit-mean area facing the flow"),
        "area_to_mass_m2_kg": (area / mass, "m2 kg-1", "area-to-mass ratio"),
        "drag_coefficient": (cd * 1.0, "1", "drag coefficient"),
        "ballistic_coefficient_kg_m2": (mass / (cd * area), "kg m-2",
                                        "ballistic coefficient m/(C_D A)"),
        "drag_parameter_m2_kg": (cd * area / mass, "m2 kg-1", "drag parameter C_D A/m"),
    }
    variables = {}
    for name, (values, units, long_name) in data.items():
        dims = () if values.ndim == 0 else tuple(f"case_{i}" if values.ndim > 1 else "case"
                                                 for i in range(values.ndim))
        variables[name] = (dims, values, {"units": units, "long_name": long_name})
    return xr.Dataset(variables)
