"""Walker constellation shells of circular orbits, ``i: T/P/F`` (Walker 1984)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from orbital import _data
from orbital._checks import check_count, check_scalar
from orbital.orbits.constellation import Constellation
from orbital.orbits.design import (
    DEFAULT_EPOCH,
    MAXIMUM_ALTITUDE_KM,
    MINIMUM_ALTITUDE_KM,
    orbital_period_min,
)

__all__ = ["WalkerShell", "walker_delta", "walker_star"]


@dataclass(frozen=True)
class WalkerShell:
    """A Walker constellation shell of circular orbits: ``i: T/P/F`` (Walker 1984).

    Prefer the constructors :func:`walker_delta` and :func:`walker_star`.

    Attributes
    ----------
    altitude_km : mean altitude above the equatorial radius [km], in [150, 40 000].
    inclination_deg : inclination [deg], in [0, 180].
    planes : number of orbital planes P (>= 1).
    sats_per_plane : satellites per plane S (>= 1).
    phasing : Walker phasing factor F, in [0, P-1].
    pattern : ``"delta"`` (nodes over 360°) or ``"star"`` (nodes over 180°).
    raan_offset_deg : RAAN of the first plane [deg].
    epoch : epoch of the elements (UTC).
    name : label used in satellite names.
    """

    altitude_km: float
    inclination_deg: float
    planes: int
    sats_per_plane: int
    phasing: int = 1
    pattern: Literal["delta", "star"] = "delta"
    raan_offset_deg: float = 0.0
    epoch: np.datetime64 = DEFAULT_EPOCH
    name: str = "walker"

    def __post_init__(self):
        object.__setattr__(self, "altitude_km", check_scalar(
            "altitude_km", self.altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM, unit="km"))
        object.__setattr__(self, "inclination_deg", check_scalar(
            "inclination_deg", self.inclination_deg, 0.0, 180.0, unit="deg"))
        check_count("planes", self.planes)
        check_count("sats_per_plane", self.sats_per_plane)
        if isinstance(self.phasing, bool) or not isinstance(self.phasing, (int, np.integer)) or not (
            0 <= self.phasing <= self.planes - 1
        ):
            raise ValueError(
                f"phasing: {self.phasing!r} must be a whole number in [0, {self.planes - 1}] "
                f"(planes - 1)"
            )
        if self.pattern not in ("delta", "star"):
            raise ValueError(f"pattern: {self.pattern!r} is not supported; choose 'delta' or 'star'")
        object.__setattr__(self, "raan_offset_deg", check_scalar(
            "raan_offset_deg", self.raan_offset_deg, -360.0, 360.0, unit="deg"))
        object.__setattr__(self, "epoch", _data.check_time(self.epoch, field="epoch"))

    @property
    def n_satellites(self) -> int:
        return self.planes * self.sats_per_plane

    @property
    def raan_spread_deg(self) -> float:
        """Arc of right ascension the planes are spread over: 360° (delta) or 180° (star)."""
        return 360.0 if self.pattern == "delta" else 180.0

    @property
    def plane(self) -> np.ndarray:
        """Plane index of each satellite (plane-major order)."""
        return np.repeat(np.arange(self.planes), self.sats_per_plane)

    @property
    def slot(self) -> np.ndarray:
        """Index of each satellite within its plane."""
        return np.tile(np.arange(self.sats_per_plane), self.planes)

    @property
    def raan_deg(self) -> np.ndarray:
        """RAAN of each satellite at epoch [deg]: plane p at ``offset + p·spread/P``."""
        return np.mod(self.raan_offset_deg + self.plane * self.raan_spread_deg / self.planes, 360.0)

    @property
    def argument_of_latitude_deg(self) -> np.ndarray:
        """Argument of latitude of each satellite at epoch [deg].

        Slot s of plane p sits at ``s·360/S + p·F·360/(P·S)`` (Walker 1984: the phase offset
        between adjacent planes is ``F·360°/T``).
        """
        return np.mod(
            self.slot * 360.0 / self.sats_per_plane
            + self.plane * self.phasing * 360.0 / self.n_satellites,
            360.0,
        )

    @property
    def period_min(self) -> float:
        return float(orbital_period_min(self.altitude_km))

    @property
    def satellite_names(self) -> list[str]:
        return [f"{self.name}-P{p:03d}-S{s:03d}" for p, s in zip(self.plane, self.slot)]

    def to_constellation(self) -> Constellation:
        """The shell's satellites as lazy SGP4 mean elements (:class:`Constellation`).

        Vectorised, with no loop over satellites: names (``name-P000-S000``) and SGP4 records
        are made only when asked for, so a 10⁶-satellite shell constructs in about a second.
        """
        return Constellation.from_circular_elements(
            altitude_km=np.full(self.n_satellites, float(self.altitude_km)),
            inclination_deg=np.full(self.n_satellites, float(self.inclination_deg)),
            raan_deg=self.raan_deg,
            argument_of_latitude_deg=self.argument_of_latitude_deg,
            epoch=self.epoch,
            plane=self.plane,
            slot=self.slot,
            name=self.name,
        )


def _default_phasing(phasing, planes):
    """Walker's F defaults to 1, or 0 for a single plane (F must lie in [0, P-1])."""
    if phasing is not None:
        return phasing
    return 1 if isinstance(planes, (int, np.integer)) and planes > 1 else 0


def walker_delta(altitude_km, inclination_deg, planes, sats_per_plane, phasing=None, *,
                 raan_offset_deg=0.0, epoch=DEFAULT_EPOCH, name="walker-delta") -> WalkerShell:
    """A Walker delta shell: P planes spread over 360° of RAAN, S satellites per plane.

    Parameters
    ----------
    altitude_km : float
        Mean altitude above the equatorial radius [km], in [150, 40 000]; the SGP4 mean
        semi-major axis is R_eq + altitude_km.
    inclination_deg : float
        Inclination [deg], in [0, 180].
    planes : int
        Number of orbital planes P (>= 1).
    sats_per_plane : int
        Satellites per plane S (>= 1).
    phasing : int, optional
        Walker's phasing factor F, in [0, P-1]; defaults to 1, or 0 for a single plane.
    raan_offset_deg : float, default 0
        RAAN of the first plane [deg], in [-360, 360].
    epoch : datetime64 or str, default :data:`DEFAULT_EPOCH`
        Epoch of the elements (UTC), inside the DE421 span.
    name : str
        Prefix of the satellite names (``name-P000-S000``).

    Returns
    -------
    WalkerShell

    Raises
    ------
    ValueError
        Naming the field, the value and the allowed range.

    Notes
    -----
    Walker notation ``i: T/P/F`` with T = P·S: plane p has RAAN ``offset + p·360°/P``, slot s
    of plane p the argument of latitude ``s·360°/S + p·F·360°/T``.

    References
    ----------
    Walker, J. G. (1984), Satellite constellations, J. Br. Interplanet. Soc. 37, 559–572.

    Examples
    --------
    >>> shell = walker_delta(550.0, 53.0, planes=72, sats_per_plane=22, phasing=1)
    >>> shell.n_satellites, round(shell.period_min, 2)
    (1584, 95.65)
    """
    return WalkerShell(altitude_km, inclination_deg, planes, sats_per_plane,
                       _default_phasing(phasing, planes), "delta",
                       raan_offset_deg, epoch, name)


def walker_star(altitude_km, inclination_deg, planes, sats_per_plane, phasing=None, *,
                raan_offset_deg=0.0, epoch=DEFAULT_EPOCH, name="walker-star") -> WalkerShell:
    """A Walker star shell (polar-type): P planes spread over 180° of RAAN.

    Same parameters as :func:`walker_delta`; plane p has RAAN ``offset + p·180°/P``, so the
    first and last planes counter-rotate across a seam (Walker 1984; e.g. Telesat's polar
    shell at 1 015 km, 98.98°).

    Examples
    --------
    >>> walker_star(1015.0, 98.98, planes=27, sats_per_plane=13).raan_deg[13]
    np.float64(6.666666666666667)
    """
    return WalkerShell(altitude_km, inclination_deg, planes, sats_per_plane,
                       _default_phasing(phasing, planes), "star",
                       raan_offset_deg, epoch, name)
