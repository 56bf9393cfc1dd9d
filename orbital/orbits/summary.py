"""Headline figures of any orbit object, composed from the design relations."""

from __future__ import annotations

import numpy as np

from orbital.orbits.design import (
    critical_beta_deg,
    orbital_period_min,
    raan_drift_deg_per_day,
    sso_inclination_deg,
)
from orbital.orbits.sso import SunSynchronousOrbit
from orbital.orbits.walker import WalkerShell

__all__ = ["describe"]


def describe(orbit) -> dict:
    """Headline figures of an orbit object, as a flat dict of plain numbers with units in names.

    Parameters
    ----------
    orbit : WalkerShell, SunSynchronousOrbit, FormationCluster or Constellation

    Returns
    -------
    dict
        ``name``, ``kind``, ``n_satellites``, mean ``altitude_km`` and ``inclination_deg``,
        ``period_min`` (:func:`orbital_period_min`), ``raan_drift_deg_per_day`` (J2),
        ``sso_inclination_deg`` (NaN above 5 900 km), ``eclipse_free_beta_deg``
        (:func:`critical_beta_deg`); plus ``planes``, ``sats_per_plane``, ``phasing``,
        ``pattern`` for a Walker shell and ``ltan_hours`` for a sun-synchronous orbit.

    Examples
    --------
    >>> from orbital.orbits import sun_synchronous
    >>> info = describe(sun_synchronous(650.0, ltan_hours=18.0))
    >>> round(info["period_min"], 1), round(info["eclipse_free_beta_deg"], 1)
    (97.7, 65.2)
    """
    if not hasattr(orbit, "to_constellation"):
        raise ValueError(f"orbit: {type(orbit).__name__} is not an orbit object; pass a "
                         "WalkerShell, SunSynchronousOrbit, FormationCluster or Constellation")
    altitude_km = float(np.mean(np.atleast_1d(orbit.altitude_km)))
    inclination_deg = float(np.mean(np.atleast_1d(orbit.inclination_deg)))
    critical_beta = critical_beta_deg(altitude_km)
    info = {
        "name": getattr(orbit, "name", type(orbit).__name__),
        "kind": type(orbit).__name__,
        "n_satellites": int(orbit.n_satellites),
        "altitude_km": altitude_km,
        "inclination_deg": inclination_deg,
        "period_min": float(orbital_period_min(altitude_km)),
        "raan_drift_deg_per_day": float(raan_drift_deg_per_day(altitude_km, inclination_deg)),
        "sso_inclination_deg": (float(sso_inclination_deg(altitude_km)) if altitude_km < 5_900
                                else float("nan")),
        "eclipse_free_beta_deg": float(critical_beta),
    }
    if isinstance(orbit, WalkerShell):
        info.update(planes=orbit.planes, sats_per_plane=orbit.sats_per_plane, phasing=orbit.phasing,
                    pattern=orbit.pattern)
    if isinstance(orbit, SunSynchronousOrbit):
        info.update(ltan_hours=orbit.ltan_hours)
    return info
