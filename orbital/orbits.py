"""Orbits: Walker shells, sun-synchronous orbits, formation clusters, TLE/OMM sets, and propagation.

The objects a user holds are small frozen dataclasses validated at construction
(:class:`WalkerShell`, :class:`SunSynchronousOrbit`, :class:`FormationCluster`,
:class:`Constellation`). Every one of them turns into SGP4 mean elements
(:meth:`to_constellation`), so a single vectorized path, :func:`propagate`, serves them all:
one ``SatrecArray.sgp4`` call over (satellite × time), then one TEME→GCRS and one GCRS→ITRS
rotation per time step applied to all satellites at once.

Orbit design (sun-synchronous inclination, nodal precession, period) uses boinor's J2
relations where it has them; the analytic formulas are in the docstrings.
"""

from __future__ import annotations

import functools
import io
import json
import os
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
import xarray as xr

from orbital import _data
from orbital._checks import check_range
from orbital.constants import (
    EARTH_EQUATORIAL_RADIUS_KM,
    EARTH_J2,
    EARTH_MU_KM3_S2,
    SUN_MEAN_MOTION_DEG_PER_DAY,
)

__all__ = [
    "WalkerShell",
    "SunSynchronousOrbit",
    "FormationCluster",
    "Constellation",
    "walker_delta",
    "walker_star",
    "sun_synchronous",
    "formation_cluster",
    "load_tle",
    "parse_tle",
    "load_omm",
    "write_tle",
    "propagate",
    "orbital_period_min",
    "sso_inclination_deg",
    "raan_drift_deg_per_day",
    "describe",
    "DEFAULT_EPOCH",
    "MINIMUM_ALTITUDE_KM",
]

#: Epoch used when none is given: the 2026 March equinox (UTC), a neutral start for studies.
DEFAULT_EPOCH = np.datetime64("2026-03-20T14:46:00", "ns")
#: Below ~150 km an orbit decays within hours; SGP4 and every model here stop making sense.
MINIMUM_ALTITUDE_KM = 150.0
#: Above this the "LEO/MEO" models here (SGP4 near-Earth branch, AE8/AP8 grids) are not meant to go.
MAXIMUM_ALTITUDE_KM = 40_000.0

_SGP4_EPOCH0 = np.datetime64("1949-12-31T00:00:00", "ns")
_MINUTES_PER_DAY = 1440.0


# --------------------------------------------------------------------------------------------
# Orbit design relations (vectorized, plain floats in fixed units)
# --------------------------------------------------------------------------------------------


def orbital_period_min(altitude_km):
    """Keplerian period of a circular orbit [min].

    Parameters
    ----------
    altitude_km : float or array
        Altitude above the equatorial radius [km].

    Returns
    -------
    float or array
        Period [min].

    Notes
    -----
    :math:`T = 2\\pi\\sqrt{a^3/\\mu}` with :math:`a = R_\\oplus + h` (Vallado 2013, eq. 2-26).

    Examples
    --------
    >>> round(float(orbital_period_min(550.0)), 2)
    95.65
    """
    altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                              unit="km")
    semi_major_axis_km = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    return 2 * np.pi * np.sqrt(semi_major_axis_km**3 / EARTH_MU_KM3_S2) / 60.0


def raan_drift_deg_per_day(altitude_km, inclination_deg, eccentricity=0.0):
    """Secular J2 drift of the right ascension of the ascending node [deg/day].

    Parameters
    ----------
    altitude_km : float or array
        Altitude of a circular orbit (or semi-major axis minus the equatorial radius) [km].
    inclination_deg : float or array
        Inclination [deg].
    eccentricity : float or array, default 0
        Eccentricity [-].

    Returns
    -------
    float or array
        :math:`\\dot\\Omega` [deg/day]; negative (westward) for prograde orbits.

    Notes
    -----
    :math:`\\dot\\Omega = -\\tfrac32 J_2 (R_\\oplus/p)^2 n \\cos i`, with :math:`p = a(1-e^2)` and
    :math:`n = \\sqrt{\\mu/a^3}` (Vallado 2013, eq. 9-41).

    Examples
    --------
    >>> round(float(raan_drift_deg_per_day(650.0, sso_inclination_deg(650.0))), 4)
    0.9856
    """
    altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                              unit="km")
    inclination_deg = check_range("inclination_deg", inclination_deg, 0.0, 180.0, unit="deg")
    eccentricity = check_range("eccentricity", eccentricity, 0.0, 1.0, high_inclusive=False)
    a = EARTH_EQUATORIAL_RADIUS_KM + altitude_km
    p = a * (1 - eccentricity**2)
    n_rad_s = np.sqrt(EARTH_MU_KM3_S2 / a**3)
    rate_rad_s = -1.5 * EARTH_J2 * (EARTH_EQUATORIAL_RADIUS_KM / p) ** 2 * n_rad_s * np.cos(
        np.radians(inclination_deg)
    )
    return np.degrees(rate_rad_s) * 86_400.0


def sso_inclination_deg(altitude_km, eccentricity=0.0):
    """Inclination that makes the J2 nodal precession follow the mean Sun [deg].

    Computed with boinor's :func:`boinor.twobody.elements.heliosynchronous` (the same J2 relation
    as :func:`raan_drift_deg_per_day`, solved for the inclination), with the Earth's J2 and radius
    from boinor's body constants.

    Parameters
    ----------
    altitude_km : float or array
        Altitude above the equatorial radius [km].
    eccentricity : float or array, default 0
        Eccentricity [-].

    Returns
    -------
    float or array
        Inclination [deg]; retrograde (> 90°).

    Raises
    ------
    ValueError
        Above about 5 970 km no inclination is sun-synchronous.

    Notes
    -----
    :math:`\\cos i = -\\dfrac{2\\, a^{7/2} \\dot\\Omega_\\odot (1-e^2)^2}{3 R_\\oplus^2 J_2 \\sqrt{\\mu}}`
    with :math:`\\dot\\Omega_\\odot = 360°/365.2422\\,\\mathrm{d}` (Vallado 2013, §11.4).

    Examples
    --------
    >>> round(float(sso_inclination_deg(650.0)), 2)
    97.99
    """
    import astropy.units as u
    from boinor.bodies import Earth
    from boinor.twobody.elements import heliosynchronous

    altitude_km = check_range("altitude_km", altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                              unit="km")
    eccentricity = check_range("eccentricity", eccentricity, 0.0, 1.0, high_inclusive=False)
    sun_rate = np.radians(SUN_MEAN_MOTION_DEG_PER_DAY) / 86_400.0 / u.s
    try:
        _, _, inclination = heliosynchronous(
            Earth.k.to(u.km**3 / u.s**2), Earth.R.to(u.km), Earth.J2,
            sun_rate, a=(Earth.R.to_value(u.km) + altitude_km) * u.km,
            ecc=eccentricity * u.one, inc=None,
        )
    except FloatingPointError:
        raise ValueError(
            f"altitude_km: {np.max(altitude_km):g} km has no sun-synchronous inclination "
            "(J2 precession is too weak above ~5 970 km)"
        ) from None
    return inclination.to_value(u.deg)


def mean_sun_right_ascension_deg(times):
    """Right ascension of the mean Sun [deg] (the reference for local time of the node).

    Notes
    -----
    Mean longitude of the Sun :math:`L = 280.460° + 0.9856474°\\,d`, with :math:`d` the days from
    J2000.0 (Astronomical Almanac, "low-precision formulas for the Sun"). The mean Sun moves
    uniformly along the equator, so its right ascension equals :math:`L`.
    """
    days = (np.asarray(times, dtype="datetime64[ns]") - np.datetime64("2000-01-01T12:00", "ns")) / (
        np.timedelta64(86_400, "s")
    )
    return np.mod(280.460 + 0.9856474 * days, 360.0)


# --------------------------------------------------------------------------------------------
# Orbit objects
# --------------------------------------------------------------------------------------------


def _check_count(field_name: str, value, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{field_name}: {value!r} must be a whole number >= {minimum}")
    return int(value)


def _check_epoch(epoch) -> np.datetime64:
    return _data.check_time_span(np.datetime64(epoch, "ns"), field="epoch")[()]


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
        check_range("altitude_km", self.altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM,
                    unit="km")
        check_range("inclination_deg", self.inclination_deg, 0.0, 180.0, unit="deg")
        _check_count("planes", self.planes)
        _check_count("sats_per_plane", self.sats_per_plane)
        if isinstance(self.phasing, bool) or not isinstance(self.phasing, (int, np.integer)) or not (
            0 <= self.phasing <= self.planes - 1
        ):
            raise ValueError(
                f"phasing: {self.phasing!r} must be a whole number in [0, {self.planes - 1}] "
                f"(planes - 1)"
            )
        if self.pattern not in ("delta", "star"):
            raise ValueError(f"pattern: {self.pattern!r} is not supported; choose 'delta' or 'star'")
        check_range("raan_offset_deg", self.raan_offset_deg, -360.0, 360.0, unit="deg")
        object.__setattr__(self, "epoch", _check_epoch(self.epoch))

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
        return Constellation.from_circular_elements(
            altitude_km=np.full(self.n_satellites, float(self.altitude_km)),
            inclination_deg=np.full(self.n_satellites, float(self.inclination_deg)),
            raan_deg=self.raan_deg,
            argument_of_latitude_deg=self.argument_of_latitude_deg,
            epoch=self.epoch,
            names=self.satellite_names,
            plane=self.plane,
            name=self.name,
        )


def walker_delta(altitude_km, inclination_deg, planes, sats_per_plane, phasing=None, *,
                 raan_offset_deg=0.0, epoch=DEFAULT_EPOCH, name="walker-delta") -> WalkerShell:
    """A Walker delta shell: P planes spread over 360° of RAAN, S satellites per plane.

    ``phasing`` (Walker's F, in [0, P-1]) defaults to 1, or 0 for a single plane.

    Examples
    --------
    >>> shell = walker_delta(550.0, 53.0, planes=72, sats_per_plane=22, phasing=1)
    >>> shell.n_satellites, round(shell.period_min, 2)
    (1584, 95.65)
    """
    if phasing is None:
        phasing = 1 if isinstance(planes, (int, np.integer)) and planes > 1 else 0
    return WalkerShell(altitude_km, inclination_deg, planes, sats_per_plane, phasing, "delta",
                       raan_offset_deg, epoch, name)


def walker_star(altitude_km, inclination_deg, planes, sats_per_plane, phasing=None, *,
                raan_offset_deg=0.0, epoch=DEFAULT_EPOCH, name="walker-star") -> WalkerShell:
    """A Walker star shell (polar-type): P planes spread over 180° of RAAN.

    Examples
    --------
    >>> walker_star(1015.0, 98.98, planes=27, sats_per_plane=13).raan_deg[13]
    np.float64(6.666666666666667)
    """
    if phasing is None:
        phasing = 1 if isinstance(planes, (int, np.integer)) and planes > 1 else 0
    return WalkerShell(altitude_km, inclination_deg, planes, sats_per_plane, phasing, "star",
                       raan_offset_deg, epoch, name)


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
        check_range("altitude_km", self.altitude_km, MINIMUM_ALTITUDE_KM, 5_900.0, unit="km")
        check_range("ltan_hours", self.ltan_hours, 0.0, 24.0, high_inclusive=False, unit="h")
        _check_count("n_satellites", self.n_satellites)
        object.__setattr__(self, "epoch", _check_epoch(self.epoch))

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

    Examples
    --------
    >>> orbit = sun_synchronous(650.0, ltan_hours=18.0)
    >>> round(orbit.inclination_deg, 2), round(orbit.period_min, 1)
    (97.99, 97.7)
    """
    return SunSynchronousOrbit(altitude_km, ltan_hours, n_satellites, epoch, name)


@dataclass(frozen=True)
class FormationCluster:
    """Satellites flying in formation within ``radius_km`` of a reference satellite.

    The reference is the first satellite of ``reference`` (any single-plane orbit object).
    Member 0 is the reference itself; the others sit on a hexagonal lattice filling a
    disk of radius ``radius_km`` in the plane of the Clohessy–Wiltshire *circular relative
    orbit*: radial ``x = ρ/2·cos θ``, along-track ``y = −ρ·sin θ``, cross-track
    ``z = (√3/2)·ρ·cos θ`` with ``θ = u + α``. In that plane relative motion is a rigid rotation
    once per orbit, so every member stays at distance ρ ≤ radius from the reference and the
    spacing between members is preserved to first order in ρ/a. The elements are SGP4 mean
    elements, so J2 acts on each member: the small inclination and node offsets give a
    differential drift of roughly 8 m per orbit for a 1 km cluster at 650 km, which a real
    cluster removes with station-keeping (not modelled).

    References
    ----------
    D'Amico, S. (2010), *Autonomous formation flying in low Earth orbit*, PhD thesis, TU Delft,
    §2.2 (relative orbital elements ↔ Hill frame mapping).
    Google Research (2025), *Project Suncatcher*, arXiv:2511.19468: an 81-satellite cluster of
    1 km radius at ~650 km dawn–dusk SSO.
    """

    reference: SunSynchronousOrbit | WalkerShell | Constellation
    n_satellites: int = 81
    radius_km: float = 1.0
    name: str = "cluster"

    def __post_init__(self):
        _check_count("n_satellites", self.n_satellites)
        check_range("radius_km", self.radius_km, 0.0, 100.0, low_inclusive=False, unit="km")
        if not hasattr(self.reference, "to_constellation"):
            raise ValueError(
                f"reference: {type(self.reference).__name__} is not an orbit object; pass a "
                "SunSynchronousOrbit, WalkerShell or Constellation"
            )

    @property
    def relative_layout(self) -> tuple[np.ndarray, np.ndarray]:
        """(ρ [km], α [rad]) of every member in the relative-orbit plane.

        Members fill a hexagonal lattice outwards from the reference at the centre (the densest
        packing of a disk), scaled so the outermost member sits at ``radius_km``: 81 members
        fill 4 full rings plus part of the 5th, a spacing of radius/5 = 200 m for 1 km.
        """
        rings = int(np.ceil(np.sqrt(self.n_satellites))) + 1
        i, j = np.meshgrid(np.arange(-rings, rings + 1), np.arange(-rings, rings + 1))
        x = (i + 0.5 * j).ravel()
        y = (np.sqrt(3) / 2 * j).ravel()
        rho = np.hypot(x, y)
        alpha = np.mod(np.arctan2(y, x), 2 * np.pi)
        order = np.lexsort((alpha, np.round(rho, 9)))[: self.n_satellites]
        rho, alpha = rho[order], alpha[order]
        scale = self.radius_km / rho.max() if rho.max() > 0 else 0.0
        return rho * scale, alpha

    @property
    def epoch(self) -> np.datetime64:
        return self.reference.epoch

    @property
    def altitude_km(self) -> float:
        return float(np.mean(np.atleast_1d(self.reference.altitude_km)))

    @property
    def inclination_deg(self) -> float:
        return float(np.mean(np.atleast_1d(self.reference.inclination_deg)))

    @property
    def satellite_names(self) -> list[str]:
        return [f"{self.name}-{k:03d}" for k in range(self.n_satellites)]

    def to_constellation(self) -> Constellation:
        ref = self.reference.to_constellation().satrecs[0]
        rho_km, alpha = self.relative_layout
        a_km = ref.a * ref.radiusearthkm
        scale = rho_km / a_km
        # Relative orbital elements of the circular relative orbit (D'Amico 2010, eq. 2.23
        # inverted for x = ρ/2 cos θ, y = −ρ sin θ, z = √3/2 ρ cos θ, θ = u + α, δa = δλ = 0).
        delta_ex = -0.5 * scale * np.cos(alpha)
        delta_ey = 0.5 * scale * np.sin(alpha)
        delta_ix = -np.sqrt(3) / 2 * scale * np.sin(alpha)
        delta_iy = -np.sqrt(3) / 2 * scale * np.cos(alpha)
        inclination = ref.inclo + delta_ix
        delta_raan = delta_iy / np.sin(ref.inclo)
        ex = ref.ecco * np.cos(ref.argpo) + delta_ex
        ey = ref.ecco * np.sin(ref.argpo) + delta_ey
        eccentricity = np.hypot(ex, ey)
        perigee = np.arctan2(ey, ex)
        latitude_argument = ref.argpo + ref.mo - delta_raan * np.cos(ref.inclo)
        return Constellation.from_mean_elements(
            mean_motion_rad_min=np.full(self.n_satellites, ref.no_kozai),
            eccentricity=eccentricity,
            inclination_rad=inclination,
            raan_rad=ref.nodeo + delta_raan,
            argument_of_perigee_rad=perigee,
            mean_anomaly_rad=latitude_argument - perigee,
            epoch=self.epoch,
            names=self.satellite_names,
            plane=np.zeros(self.n_satellites, dtype=int),
            name=self.name,
        )


def formation_cluster(reference, n_satellites=81, radius_km=1.0, *, name="cluster"):
    """A formation-flying cluster around the first satellite of ``reference``.

    Examples
    --------
    >>> cluster = formation_cluster(sun_synchronous(650.0, 18.0), n_satellites=81, radius_km=1.0)
    >>> cluster.to_constellation().n_satellites
    81
    """
    return FormationCluster(reference, n_satellites, radius_km, name)


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

    @classmethod
    def from_mean_elements(cls, *, mean_motion_rad_min, eccentricity, inclination_rad, raan_rad,
                           argument_of_perigee_rad, mean_anomaly_rad, epoch, names, plane,
                           name="constellation", bstar=0.0) -> Constellation:
        """SGP4 records (WGS72 constants, as for TLEs) from mean-element arrays."""
        from sgp4.api import WGS72, Satrec

        epoch_days = (np.datetime64(epoch, "ns") - _SGP4_EPOCH0) / np.timedelta64(1, "D")
        arrays = np.broadcast_arrays(
            np.asarray(mean_motion_rad_min, float), np.asarray(eccentricity, float),
            np.asarray(inclination_rad, float), np.asarray(raan_rad, float),
            np.asarray(argument_of_perigee_rad, float), np.asarray(mean_anomaly_rad, float),
        )
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
    from sgp4.api import WGS72
    from sgp4.earth_gravity import wgs72

    del WGS72
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
    jd = np.array([s.jdsatepoch for s in satrecs]) + np.array([s.jdsatepochF for s in satrecs])
    ns = np.round((jd - 2440587.5) * 86_400e9).astype(np.int64)
    return ns.astype("datetime64[ns]")


# --------------------------------------------------------------------------------------------
# TLE / OMM input and output
# --------------------------------------------------------------------------------------------


def _tle_checksum(line: str) -> int:
    return sum(int(c) if c.isdigit() else (1 if c == "-" else 0) for c in line[:68]) % 10


def parse_tle(text: str, *, source: str = "<text>", name: str = "tle") -> Constellation:
    """Read two-line or three-line element sets from text.

    Each set is an optional name line followed by lines starting ``1 `` and ``2 ``. Blank lines
    are ignored. Every line is checked (length, line number, checksum, matching catalog
    numbers) so a malformed file fails here with the file and line, never as a NaN later.

    Raises
    ------
    ValueError
        Naming ``source``, the line number and what is wrong.
    """
    from sgp4.api import Satrec

    lines = [(k + 1, raw.rstrip()) for k, raw in enumerate(text.splitlines()) if raw.strip()]
    satrecs, names = [], []
    index = 0
    while index < len(lines):
        number, line = lines[index]
        label = None
        if not line.startswith("1 "):
            label = line.strip()
            if label.startswith("0 "):
                label = label[2:].strip()
            index += 1
            if index >= len(lines):
                raise ValueError(
                    f"{source}, line {number}: name line {label!r} has no element lines after it")
            number, line = lines[index]
        if index + 1 >= len(lines):
            raise ValueError(f"{source}, line {number}: expected a line 1 / line 2 pair, file ends")
        number2, line2 = lines[index + 1]
        for n, ln, first in ((number, line, "1"), (number2, line2, "2")):
            if not ln.startswith(first + " "):
                raise ValueError(f"{source}, line {n}: expected TLE line {first} "
                                 f"(starting '{first} '), got {ln[:20]!r}")
            if len(ln) < 69:
                raise ValueError(f"{source}, line {n}: TLE line {first} has {len(ln)} characters, needs 69")
            if ln[68].isdigit() and int(ln[68]) != _tle_checksum(ln):
                raise ValueError(
                    f"{source}, line {n}: checksum {ln[68]} does not match the computed {_tle_checksum(ln)}"
                )
        if line[2:7] != line2[2:7]:
            raise ValueError(
                f"{source}, line {number2}: catalog number {line2[2:7]!r} differs from line 1's {line[2:7]!r}"
            )
        try:
            satrec = Satrec.twoline2rv(line[:69], line2[:69])
        except Exception as error:  # sgp4 raises bare ValueErrors with terse text
            raise ValueError(f"{source}, line {number}: cannot read element set ({error})") from None
        if satrec.error != 0 or not (0 < satrec.no_kozai < 1.0) or not 0 <= satrec.ecco < 1:
            raise ValueError(
                f"{source}, line {number2}: element set out of range (mean motion "
                f"{satrec.no_kozai * _MINUTES_PER_DAY / (2 * np.pi):g} rev/day, eccentricity {satrec.ecco:g})"
            )
        satrecs.append(satrec)
        names.append(label or f"{name}-{line[2:7].strip()}")
        index += 2
    if not satrecs:
        raise ValueError(f"{source}: no element sets found")
    return Constellation(tuple(satrecs), tuple(names), np.full(len(satrecs), -1), name)


def load_tle(path, *, name: str | None = None) -> Constellation:
    """Read a TLE file (two- or three-line sets) into a :class:`Constellation`.

    Examples
    --------
    >>> from importlib.resources import files
    >>> load_tle(files("orbital") / "data" / "example_walker.tle").n_satellites
    24
    """
    path = Path(os.fspath(path))
    if not path.is_file():
        raise ValueError(f"path: {str(path)!r} is not a file")
    return parse_tle(path.read_text(), source=str(path), name=name or path.stem)


def load_omm(path, *, name: str | None = None) -> Constellation:
    """Read CCSDS Orbit Mean-elements Messages (XML, CSV or JSON list, as CelesTrak serves them)."""
    from sgp4 import omm
    from sgp4.api import Satrec

    path = Path(os.fspath(path))
    if not path.is_file():
        raise ValueError(f"path: {str(path)!r} is not a file")
    text = path.read_text()
    stripped = text.lstrip()
    try:
        if stripped.startswith("<"):
            records = list(omm.parse_xml(io.StringIO(text)))
        elif stripped.startswith("["):
            records = json.loads(text)
        else:
            records = list(omm.parse_csv(io.StringIO(text)))
    except Exception as error:
        raise ValueError(f"{path}: not a readable OMM file ({error})") from None
    satrecs, names = [], []
    for k, fields in enumerate(records):
        satrec = Satrec()
        try:
            omm.initialize(satrec, fields)
        except (KeyError, ValueError) as error:
            raise ValueError(f"{path}: record {k + 1} lacks or garbles field {error}") from None
        satrecs.append(satrec)
        names.append(fields.get("OBJECT_NAME") or f"omm-{k}")
    if not satrecs:
        raise ValueError(f"{path}: no OMM records found")
    return Constellation(tuple(satrecs), tuple(names), np.full(len(satrecs), -1),
                         name or path.stem)


def write_tle(orbit, path) -> Path:
    """Write any orbit object's SGP4 elements as a three-line TLE file; returns the path."""
    from sgp4.exporter import export_tle

    constellation = orbit.to_constellation()
    chunks = []
    for label, satrec in zip(constellation.names, constellation.satrecs):
        line1, line2 = export_tle(satrec)
        chunks.append(f"{label}\n{line1}\n{line2}\n")
    path = Path(os.fspath(path))
    path.write_text("".join(chunks))
    return path


# --------------------------------------------------------------------------------------------
# Propagation
# --------------------------------------------------------------------------------------------

_VARIABLES = {
    # name: (dims, units, long_name)
    "position_gcrs_km": (("time", "satellite", "xyz"), "km",
                         "position in the GCRS (inertial, geocentric)"),
    "velocity_gcrs_km_s": (("time", "satellite", "xyz"), "km s-1", "velocity in the GCRS"),
    "position_itrs_km": (("time", "satellite", "xyz"), "km", "position in the ITRS (Earth-fixed)"),
    "lat": (("time", "satellite"), "degrees_north", "geodetic latitude (WGS84)"),
    "lon": (("time", "satellite"), "degrees_east", "geodetic longitude (WGS84)"),
    "alt_km": (("time", "satellite"), "km", "geodetic altitude above the WGS84 ellipsoid"),
}

_SGP4_ERRORS = {1: "mean eccentricity out of range", 2: "mean motion below zero",
                3: "perturbed eccentricity out of range", 4: "semi-latus rectum below zero",
                6: "satellite has decayed"}


def _frame_rotations(times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(TEME→GCRS, GCRS→ITRS) rotation matrices, shape (time, 3, 3), from skyfield's frames."""
    from skyfield.framelib import itrs
    from skyfield.sgp4lib import TEME

    # One skyfield Time for both frames: its precession–nutation matrix is computed once.
    t = _data.skyfield_times(times)
    # skyfield's rotation_at(t) rotates GCRS vectors *into* the frame, shape (3, 3, time).
    gcrs_to_teme = np.moveaxis(np.atleast_3d(TEME.rotation_at(t)), -1, 0)
    gcrs_to_itrs = np.moveaxis(np.atleast_3d(itrs.rotation_at(t)), -1, 0)
    return np.transpose(gcrs_to_teme, (0, 2, 1)), gcrs_to_itrs


def _geodetic(position_itrs_km: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """WGS84 geodetic (lat deg, lon deg, alt km) from ITRS positions (..., 3) via ERFA gc2gd."""
    import erfa

    lon, lat, height_m = erfa.gc2gd(1, position_itrs_km * 1000.0)
    return np.degrees(lat), np.degrees(lon), height_m / 1000.0


@functools.cache
def _warn_if_sgp4_not_accelerated() -> None:
    from sgp4.api import accelerated

    if not accelerated:
        warnings.warn(
            "sgp4's C++ extension is not available on this platform: SatrecArray falls back to "
            "pure Python, roughly 100x slower. Install a binary wheel of sgp4 for your Python.",
            RuntimeWarning, stacklevel=3)


def _propagate_block(satrecs: tuple, times: np.ndarray) -> dict[str, np.ndarray]:
    """Every output variable for one block of satellites × times, as contiguous arrays."""
    from sgp4.api import SatrecArray

    _warn_if_sgp4_not_accelerated()
    jd, fraction = _data.julian_date_parts(times)
    errors, r_teme, v_teme = SatrecArray(list(satrecs)).sgp4(jd, fraction)
    if errors.any():
        sat, step = np.argwhere(errors)[0]
        code = int(errors[sat, step])
        raise ValueError(
            f"times: SGP4 fails for {int(errors.any(axis=1).sum())} satellite(s), first at "
            f"satellite {sat} at {times[step]} (code {code}: {_SGP4_ERRORS.get(code, 'unknown')}); "
            "propagate closer to the element epoch"
        )
    teme_to_gcrs, gcrs_to_itrs = _frame_rotations(times)
    # sgp4 gives (satellite, time, 3); one matrix per time step serves every satellite.
    position_gcrs = np.einsum("tij,stj->tsi", teme_to_gcrs, r_teme, optimize=True)
    position_itrs = np.einsum("tij,tsj->tsi", gcrs_to_itrs, position_gcrs, optimize=True)
    lat, lon, alt = _geodetic(position_itrs)
    return {
        "position_gcrs_km": position_gcrs,
        "velocity_gcrs_km_s": np.einsum("tij,stj->tsi", teme_to_gcrs, v_teme, optimize=True),
        "position_itrs_km": position_itrs,
        "lat": lat,
        "lon": lon,
        "alt_km": alt,
    }


def propagate(orbit, times, *, chunks: dict | None = None) -> xr.Dataset:
    """Positions and velocities of every satellite at every time, as a labelled Dataset.

    Parameters
    ----------
    orbit : WalkerShell, SunSynchronousOrbit, FormationCluster or Constellation
        What to propagate (anything with ``to_constellation()``).
    times : array-like of datetime64
        UTC times, inside the DE421 span (1899–2053).
    chunks : dict, optional
        ``{"time": n, "satellite": m}`` returns dask-backed variables computed block by block,
        so a constellation × time grid larger than memory streams (use ``.compute()``, a
        reduction, or ``to_zarr``); all variables of a block come from one SGP4 call.
        Default: computed at once in memory.

    Returns
    -------
    xarray.Dataset
        Dims ``time``, ``satellite``, ``xyz``; variables ``position_gcrs_km``,
        ``velocity_gcrs_km_s``, ``position_itrs_km`` (time, satellite, xyz) and ``lat``,
        ``lon``, ``alt_km`` (time, satellite); coords ``satellite_name`` and ``plane``.

    Raises
    ------
    ValueError
        For times outside the ephemeris span, or where SGP4 fails (decay, far from epoch).

    Notes
    -----
    SGP4 (Vallado et al. 2006, AIAA 2006-6753) gives TEME states for all satellites and times in
    one ``SatrecArray.sgp4`` call; skyfield's TEME and ITRS frames give one rotation matrix per
    time step (IAU 2000A nutation, builtin UT1 and polar motion), so positions match
    ``skyfield.api.EarthSatellite.at(t)`` to well under a metre. Geodetic coordinates use ERFA
    ``gc2gd`` on WGS84. Velocities are rotated TEME→GCRS (the frame's own rotation rate,
    ~1e-11 rad/s from precession–nutation, is neglected, as skyfield does).

    Examples
    --------
    >>> import numpy as np
    >>> times = np.datetime64("2026-03-20") + np.arange(3) * np.timedelta64(60, "s")
    >>> states = propagate(walker_delta(550.0, 53.0, 4, 6), times)
    >>> dict(states.sizes)
    {'time': 3, 'satellite': 24, 'xyz': 3}
    >>> bool(abs(states.alt_km - 550).max() < 25)
    True
    """
    if not hasattr(orbit, "to_constellation"):
        raise ValueError(
            f"orbit: {type(orbit).__name__} is not an orbit object; pass a WalkerShell, "
            "SunSynchronousOrbit, FormationCluster or Constellation"
        )
    constellation = orbit.to_constellation()
    times = np.atleast_1d(_data.check_time_span(times, field="times"))
    n_sat = constellation.n_satellites

    if chunks is None:
        arrays = _propagate_block(constellation.satrecs, times)
    else:
        unknown = set(chunks) - {"time", "satellite"}
        if unknown:
            raise ValueError(
                f"chunks: unknown dimension(s) {sorted(unknown)}; use 'time' and/or 'satellite'")
        arrays = _lazy_blocks(constellation.satrecs, times,
                              int(chunks.get("time", len(times))), int(chunks.get("satellite", n_sat)))

    variables = {name: (dims, arrays[name], {"units": units, "long_name": long_name})
                 for name, (dims, units, long_name) in _VARIABLES.items()}
    return xr.Dataset(
        variables,
        coords={
            "time": ("time", times, {"long_name": "time (UTC)"}),
            "satellite": ("satellite", np.arange(n_sat), {"long_name": "satellite index"}),
            "xyz": ("xyz", ["x", "y", "z"], {"long_name": "Cartesian component"}),
            "satellite_name": ("satellite", np.array(constellation.names, dtype=str),
                               {"long_name": "satellite name"}),
            "plane": ("satellite", np.asarray(constellation.plane, dtype=int),
                      {"long_name": "orbital plane index (-1: not part of a shell)"}),
        },
        attrs={"constellation": constellation.name, "propagator": "SGP4 (sgp4 SatrecArray)",
               "frames": "GCRS and ITRS from skyfield; geodetic WGS84"},
    )


def _lazy_blocks(satrecs, times, time_chunk, satellite_chunk) -> dict:
    """Dask arrays for every variable; each (time, satellite) block is one delayed SGP4 call
    shared by all variables, so computing them together propagates each block once."""
    import dask
    import dask.array as da

    if time_chunk < 1 or satellite_chunk < 1:
        raise ValueError(
            f"chunks: sizes must be >= 1, got time={time_chunk}, satellite={satellite_chunk}")
    t_edges = np.arange(0, len(times) + time_chunk, time_chunk).clip(max=len(times))
    s_edges = np.arange(0, len(satrecs) + satellite_chunk, satellite_chunk).clip(max=len(satrecs))
    t_edges, s_edges = np.unique(t_edges), np.unique(s_edges)
    # pure=False: every block is distinct, and hashing thousands of Satrec objects costs time
    block = dask.delayed(_propagate_block, pure=False)
    grid = [[block(tuple(satrecs[s0:s1]), times[t0:t1])
             for s0, s1 in zip(s_edges[:-1], s_edges[1:])]
            for t0, t1 in zip(t_edges[:-1], t_edges[1:])]
    arrays = {}
    for name, (dims, _, _) in _VARIABLES.items():
        rows = []
        for i, (t0, t1) in enumerate(zip(t_edges[:-1], t_edges[1:])):
            row = []
            for j, (s0, s1) in enumerate(zip(s_edges[:-1], s_edges[1:])):
                shape = (t1 - t0, s1 - s0) + ((3,) if len(dims) == 3 else ())
                row.append(da.from_delayed(grid[i][j][name], shape=shape, dtype=float))
            rows.append(row)
        arrays[name] = da.block(rows if len(dims) == 2 else [[[b] for b in r] for r in rows])
    return arrays


# --------------------------------------------------------------------------------------------
# Description (the ``odc orbit`` table)
# --------------------------------------------------------------------------------------------


def describe(orbit) -> dict:
    """Headline figures of an orbit object, as a flat dict of plain numbers with units in names."""
    from orbital.constants import EARTH_MEAN_RADIUS_KM

    altitude_km = float(np.mean(np.atleast_1d(orbit.altitude_km)))
    inclination_deg = float(np.mean(np.atleast_1d(orbit.inclination_deg)))
    critical_beta = np.degrees(np.arcsin(EARTH_MEAN_RADIUS_KM / (EARTH_MEAN_RADIUS_KM + altitude_km)))
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
