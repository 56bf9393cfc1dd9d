"""Any set of satellites as SGP4 mean-element records: what every orbit object turns into and
what :func:`orbital.orbits.propagate` flies."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from orbital import _data
from orbital._checks import check_range, check_scalar
from orbital.orbits.design import MAXIMUM_ALTITUDE_KM, MINIMUM_ALTITUDE_KM

__all__ = ["Constellation"]

#: SGP4's epoch origin: its ``epoch`` argument counts days from 1949-12-31 00:00 UTC.
SGP4_EPOCH_ORIGIN = np.datetime64("1949-12-31T00:00:00", "ns")


@dataclass(frozen=True, eq=False)
class Constellation:
    """Any set of satellites as SGP4 mean-element records, ready for :func:`propagate`.

    Built by the orbit objects' ``to_constellation()``, by :func:`load_tle` / :func:`load_omm`,
    or directly from element arrays with :meth:`from_mean_elements`.
    """

    satrecs: tuple
    names: tuple[str, ...]
    plane: np.ndarray = field(repr=False)
    name: str = "constellation"

    def __post_init__(self):
        if len(self.satrecs) == 0:
            raise ValueError("satrecs: a constellation needs at least one satellite")
        if len(self.names) != len(self.satrecs) or len(self.plane) != len(self.satrecs):
            raise ValueError(
                f"names/plane: {len(self.names)} names and {len(self.plane)} plane indices for "
                f"{len(self.satrecs)} satellites; give one per satellite"
            )

    @property
    def n_satellites(self) -> int:
        return len(self.satrecs)

    @property
    def satellite_names(self) -> list[str]:
        return list(self.names)

    @property
    def epoch(self) -> np.datetime64:
        """Epoch of the first satellite's elements (UTC)."""
        return _satrec_epochs(self.satrecs[:1])[0]

    @property
    def epochs(self) -> np.ndarray:
        """Epoch of each satellite's elements (UTC, datetime64[ns]); TLE sets mix epochs."""
        return _satrec_epochs(self.satrecs)

    @property
    def altitude_km(self) -> np.ndarray:
        """Mean altitude of each satellite: SGP4 semi-major axis minus the equatorial radius [km]."""
        return np.array([s.a * s.radiusearthkm - s.radiusearthkm for s in self.satrecs])

    @property
    def inclination_deg(self) -> np.ndarray:
        return np.degrees([s.inclo for s in self.satrecs])

    @property
    def raan_deg(self) -> np.ndarray:
        return np.degrees([s.nodeo for s in self.satrecs])

    def to_constellation(self) -> Constellation:
        return self

    def subset(self, indices) -> Constellation:
        """The satellites at ``indices`` (positions in this constellation), same order as given.

        Examples
        --------
        >>> from orbital.orbits import walker_delta
        >>> walker_delta(550.0, 53.0, 4, 6).to_constellation().subset([0, 7]).names
        ('walker-delta-P000-S000', 'walker-delta-P001-S001')
        """
        indices = np.asarray(indices)
        if indices.ndim != 1 or indices.size == 0 or not np.issubdtype(indices.dtype, np.integer):
            raise ValueError(f"indices: {indices!r} must be a non-empty 1-D array of integers")
        if indices.min() < -self.n_satellites or indices.max() >= self.n_satellites:
            raise ValueError(f"indices: {indices.tolist()} must lie in [0, {self.n_satellites - 1}]")
        return Constellation(tuple(self.satrecs[i] for i in indices),
                             tuple(self.names[i] for i in indices), self.plane[indices], self.name)

    @classmethod
    def from_mean_elements(cls, *, mean_motion_rad_min, eccentricity, inclination_rad, raan_rad,
                           argument_of_perigee_rad, mean_anomaly_rad, epoch, names, plane,
                           name="constellation", bstar=0.0) -> Constellation:
        """SGP4 records (WGS72 constants, as for TLEs) from mean-element arrays.

        Mean motion (Kozai, as in a TLE) in (0, 0.1] rad/min (0.1 rad/min is a 63-minute
        period, faster than any orbit clearing the Earth), eccentricity in [0, 1), inclination
        in [0, π] rad, finite angles and ``bstar`` in [-1, 1] per Earth radius; anything else
        raises a ValueError naming the field.
        """
        from sgp4.api import WGS72, Satrec

        epoch = _data.check_time(epoch, field="epoch")
        epoch_days = (epoch - SGP4_EPOCH_ORIGIN) / np.timedelta64(1, "D")
        angle = dict(low=-1e6, high=1e6, unit="rad")  # finite; SGP4 wraps them
        fields = {
            "mean_motion_rad_min": (mean_motion_rad_min, dict(low=0.0, high=0.1,
                                                              low_inclusive=False, unit="rad/min")),
            "eccentricity": (eccentricity, dict(low=0.0, high=1.0, high_inclusive=False)),
            "inclination_rad": (inclination_rad, dict(low=0.0, high=np.pi, unit="rad")),
            "raan_rad": (raan_rad, angle),
            "argument_of_perigee_rad": (argument_of_perigee_rad, angle),
            "mean_anomaly_rad": (mean_anomaly_rad, angle),
        }
        checked = [check_range(key, value, **limits) for key, (value, limits) in fields.items()]
        bstar = check_scalar("bstar", bstar, -1.0, 1.0, unit="1/earth radius")
        try:
            arrays = np.broadcast_arrays(*checked)
        except ValueError:
            shapes = ", ".join(f"{key} {np.shape(a)}" for key, a in zip(fields, checked))
            raise ValueError(f"elements: shapes do not broadcast together ({shapes})") from None
        satrecs = []
        for k, (n, e, i, raan, argp, m) in enumerate(zip(*(a.ravel() for a in arrays))):
            satrec = Satrec()
            satrec.sgp4init(WGS72, "i", k % 100_000, epoch_days, bstar, 0.0, 0.0, e,
                            np.mod(argp, 2 * np.pi), i, np.mod(m, 2 * np.pi), n,
                            np.mod(raan, 2 * np.pi))
            satrecs.append(satrec)
        return cls(tuple(satrecs), tuple(names), np.asarray(plane, dtype=int), name)

    @classmethod
    def from_circular_elements(cls, *, altitude_km, inclination_deg, raan_deg,
                               argument_of_latitude_deg, epoch, names, plane,
                               name="constellation") -> Constellation:
        """Circular orbits whose SGP4 mean semi-major axis is ``R_eq + altitude_km``."""
        altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM,
                                  MAXIMUM_ALTITUDE_KM, unit="km")
        inclination_deg = check_range("inclination_deg", inclination_deg, 0.0, 180.0, unit="deg")
        return cls.from_mean_elements(
            mean_motion_rad_min=_kozai_mean_motion_for_altitude(altitude_km, inclination_deg),
            eccentricity=0.0,
            inclination_rad=np.radians(inclination_deg),
            raan_rad=np.radians(raan_deg),
            argument_of_perigee_rad=0.0,
            mean_anomaly_rad=np.radians(argument_of_latitude_deg),
            epoch=epoch, names=names, plane=plane, name=name,
        )


def _kozai_mean_motion_for_altitude(altitude_km, inclination_deg):
    """SGP4 (Kozai) mean motion [rad/min] whose un-Kozai'd semi-major axis is R + h.

    SGP4 converts the TLE's Kozai mean motion to Brouwer's with a J2 term (Hoots & Roehrich
    1980, SPACETRACK report 3, eqs. for a1, δ1, a0, δ0); we invert that here so a shell named
    "550 km" has a mean altitude of 550 km rather than a few km off.
    """
    from sgp4.earth_gravity import wgs72

    radius = wgs72.radiusearthkm
    xke = wgs72.xke
    j2 = wgs72.j2
    altitude_km, inclination_deg = np.broadcast_arrays(
        np.asarray(altitude_km, float), np.asarray(inclination_deg, float))
    a_target = (radius + altitude_km) / radius  # Earth radii
    cos_i = np.cos(np.radians(inclination_deg))
    factor = 1.5 * j2 * (3 * cos_i**2 - 1)  # e = 0
    # Brouwer mean motion of the target semi-major axis, then the Kozai value mapping to it.
    n_brouwer = xke / a_target**1.5
    n_kozai = n_brouwer
    for _ in range(20):  # fixed point, converges to 1e-15 in a handful of steps
        a1 = (xke / n_kozai) ** (2 / 3)
        d1 = 0.5 * factor / a1**2
        a0 = a1 * (1 - d1 / 3 - d1**2 - 134 / 81 * d1**3)
        d0 = 0.5 * factor / a0**2
        n_kozai = n_brouwer * (1 + d0)
    return n_kozai


def _satrec_epochs(satrecs) -> np.ndarray:
    # whole days (ending in .5) and the fraction apart: their float sum loses ~40 µs
    whole = np.array([s.jdsatepoch for s in satrecs]) - 2440587.5
    fraction = np.array([s.jdsatepochF for s in satrecs])
    # to the microsecond: a TLE epoch carries 1e-8 day (0.9 ms); below that is float noise
    us = np.round(whole * 86_400e6).astype(np.int64) + np.round(fraction * 86_400e6).astype(np.int64)
    return us.astype("datetime64[us]").astype("datetime64[ns]")
