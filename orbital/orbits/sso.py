"""Circular sun-synchronous orbits, by altitude and local time of the ascending node."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from orbital import _data
from orbital._checks import check_count, check_scalar
from orbital.orbits.constellation import Constellation
from orbital.orbits.design import (
    DEFAULT_EPOCH,
    MINIMUM_ALTITUDE_KM,
    mean_sun_right_ascension_deg,
    orbital_period_min,
    sso_inclination_deg,
)

__all__ = ["SunSynchronousOrbit", "sun_synchronous"]


@dataclass(frozen=True)
class SunSynchronousOrbit:
    """A circular sun-synchronous orbit, by altitude and local time of the ascending node.

    ``ltan_hours`` 6.0 or 18.0 gives a dawn–dusk orbit, whose plane stays near the terminator.
    ``n_satellites`` satellites are spaced evenly along the one plane.
    """

    altitude_km: float
    ltan_hours: float
    n_satellites: int = 1
    epoch: np.datetime64 = DEFAULT_EPOCH
    name: str = "sso"

    def __post_init__(self):
        object.__setattr__(self, "altitude_km", check_scalar(
            "altitude_km", self.altitude_km, MINIMUM_ALTITUDE_KM, 5_900.0, unit="km"))
        object.__setattr__(self, "ltan_hours", check_scalar(
            "ltan_hours", self.ltan_hours, 0.0, 24.0, high_inclusive=False, unit="h"))
        check_count("n_satellites", self.n_satellites)
        object.__setattr__(self, "epoch", _data.check_time(self.epoch, field="epoch"))

    @property
    def inclination_deg(self) -> float:
        return float(sso_inclination_deg(self.altitude_km))

    @property
    def raan_deg(self) -> np.ndarray:
        """RAAN at epoch [deg]: mean-Sun right ascension + (LTAN − 12 h)·15°/h."""
        raan = mean_sun_right_ascension_deg(self.epoch) + (self.ltan_hours - 12.0) * 15.0
        return np.full(self.n_satellites, np.mod(raan, 360.0))

    @property
    def argument_of_latitude_deg(self) -> np.ndarray:
        return np.arange(self.n_satellites) * 360.0 / self.n_satellites

    @property
    def period_min(self) -> float:
        return float(orbital_period_min(self.altitude_km))

    @property
    def satellite_names(self) -> list[str]:
        return [f"{self.name}-{k:03d}" for k in range(self.n_satellites)]

    def to_constellation(self) -> Constellation:
        return Constellation.from_circular_elements(
            altitude_km=np.full(self.n_satellites, float(self.altitude_km)),
            inclination_deg=np.full(self.n_satellites, self.inclination_deg),
            raan_deg=self.raan_deg,
            argument_of_latitude_deg=self.argument_of_latitude_deg,
            epoch=self.epoch,
            names=self.satellite_names,
            plane=np.zeros(self.n_satellites, dtype=int),
            name=self.name,
        )


def sun_synchronous(altitude_km, ltan_hours=18.0, *, n_satellites=1, epoch=DEFAULT_EPOCH,
                    name="sso") -> SunSynchronousOrbit:
    """A circular sun-synchronous orbit; ``ltan_hours`` 6.0 or 18.0 is dawn–dusk.

    Parameters
    ----------
    altitude_km : float
        Mean altitude above the equatorial radius [km], in [150, 5 900] (above ~5 970 km J2
        precession is too weak for any inclination to be sun-synchronous).
    ltan_hours : float, default 18.0
        Mean local solar time of the ascending node [h], in [0, 24).
    n_satellites : int, default 1
        Satellites spaced evenly along the one plane.
    epoch : datetime64 or str, default :data:`DEFAULT_EPOCH`
        Epoch of the elements (UTC).
    name : str
        Prefix of the satellite names.

    Returns
    -------
    SunSynchronousOrbit

    Notes
    -----
    Inclination from J2 (:func:`sso_inclination_deg`); RAAN at epoch
    RAAN = (mean-Sun right ascension) + 15°·(LTAN − 12 h), so the
    ascending node crosses at mean solar time LTAN (checked against UT + λ/15 in the tests).

    Examples
    --------
    >>> orbit = sun_synchronous(650.0, ltan_hours=18.0)
    >>> round(orbit.inclination_deg, 2), round(orbit.period_min, 1)
    (97.99, 97.7)
    """
    return SunSynchronousOrbit(altitude_km, ltan_hours, n_satellites, epoch, name)
