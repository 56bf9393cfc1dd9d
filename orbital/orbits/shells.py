"""The orbit objects users hold: Walker shells, sun-synchronous orbits, formation clusters and
generic constellations of SGP4 mean-element records.

Each is a frozen dataclass validated at construction; ``to_constellation()`` turns any of them
into SGP4 records, which is all :func:`orbital.orbits.propagate` needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from orbital import _data
from orbital._checks import check_range
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM
from orbital.orbits.design import (
    DEFAULT_EPOCH,
    MAXIMUM_ALTITUDE_KM,
    MINIMUM_ALTITUDE_KM,
    mean_sun_right_ascension_deg,
    orbital_period_min,
    raan_drift_deg_per_day,
    sso_inclination_deg,
)

__all__ = [
    "Constellation",
    "FormationCluster",
    "SunSynchronousOrbit",
    "WalkerShell",
    "describe",
    "formation_cluster",
    "sun_synchronous",
    "walker_delta",
    "walker_star",
]

_SGP4_EPOCH0 = np.datetime64("1949-12-31T00:00:00", "ns")


def _check_count(field_name: str, value, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{field_name}: {value!r} must be a whole number >= {minimum}")
    return int(value)


def _check_epoch(epoch) -> np.datetime64:
    try:
        value = np.datetime64(epoch, "ns")
    except (TypeError, ValueError) as error:
        raise ValueError(f"epoch: cannot read {epoch!r} as a UTC datetime ({error})") from None
    return _data.check_time_span(value, field="epoch")[()]


def _check_scalar(field_name: str, value, low, high, **kwargs) -> float:
    """One number in range, as a plain float (a frozen orbit holds floats, not arrays/strings)."""
    array = check_range(field_name, value, low, high, **kwargs)
    if array.ndim:
        raise ValueError(f"{field_name}: {value!r} must be a single number, not an array")
    return float(array)


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
        object.__setattr__(self, "altitude_km", _check_scalar(
            "altitude_km", self.altitude_km, MINIMUM_ALTITUDE_KM, MAXIMUM_ALTITUDE_KM, unit="km"))
        object.__setattr__(self, "inclination_deg", _check_scalar(
            "inclination_deg", self.inclination_deg, 0.0, 180.0, unit="deg"))
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
        object.__setattr__(self, "raan_offset_deg", _check_scalar(
            "raan_offset_deg", self.raan_offset_deg, -360.0, 360.0, unit="deg"))
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
        object.__setattr__(self, "altitude_km", _check_scalar(
            "altitude_km", self.altitude_km, MINIMUM_ALTITUDE_KM, 5_900.0, unit="km"))
        object.__setattr__(self, "ltan_hours", _check_scalar(
            "ltan_hours", self.ltan_hours, 0.0, 24.0, high_inclusive=False, unit="h"))
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
    elements, so J2 acts on each member. Each member's mean motion is set so its mean relative
    longitude does not drift (δλ̇ = 0 under SGP4's secular J2 rates); what remains is the J2
    rotation of the relative eccentricity vector at the perigee rate and the differential node
    drift, a few metres per orbit for a 1 km cluster at 650 km (~85 m after 15 orbits, against
    ~125 m with equal mean motions), which a real cluster removes with station-keeping (not
    modelled).

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
        object.__setattr__(self, "radius_km", _check_scalar(
            "radius_km", self.radius_km, 0.0, 100.0, low_inclusive=False, unit="km"))
        if not hasattr(self.reference, "to_constellation"):
            raise ValueError(
                f"reference: {type(self.reference).__name__} is not an orbit object; pass a "
                "SunSynchronousOrbit, WalkerShell or Constellation"
            )
        # The cross-track offsets are node offsets δΩ = δi_y / sin i: near an equatorial reference
        # they blow up and the linear (first-order in ρ/a) layout no longer holds. Allow δΩ up
        # to 0.01 rad, i.e. keep sin i >= (√3/2)(ρ/a)/0.01.
        a_km = EARTH_EQUATORIAL_RADIUS_KM + float(np.atleast_1d(self.reference.altitude_km)[0])
        ratio = np.sqrt(3) / 2 * self.radius_km / a_km
        low_deg = float(np.degrees(np.arcsin(min(1.0, ratio / 0.01))))
        inclination_deg = float(np.atleast_1d(self.reference.inclination_deg)[0])
        if not low_deg <= inclination_deg <= 180.0 - low_deg:
            raise ValueError(
                f"reference: inclination_deg {inclination_deg:g} deg is outside the allowed range "
                f"[{low_deg:.3g}, {180 - low_deg:.4g}] deg for a {self.radius_km:g} km cluster "
                "(the cross-track layout offsets the node by ρ/(a·sin i))"
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
        elements = dict(
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
        first = Constellation.from_mean_elements(
            mean_motion_rad_min=np.full(self.n_satellites, ref.no_kozai), **elements)
        # δa = 0 in two-body terms is not δλ̇ = 0 under J2: each member's slightly different
        # inclination changes SGP4's secular rates, an along-track drift of ~3 m per orbit at
        # 1 km. Null the mean relative longitude rate δλ̇ = δṀ + δω̇ + δΩ̇ cos i (D'Amico 2010)
        # with one Newton step on the mean motion (∂λ̇/∂n = 1 + O(J2), so the residual is
        # ~1e-3 of the correction).
        rate = np.array([s.mdot + s.argpdot + s.nodedot * np.cos(ref.inclo)
                         for s in first.satrecs])
        mean_motion = np.array([s.no_kozai for s in first.satrecs]) - (rate - rate[0])
        return Constellation.from_mean_elements(mean_motion_rad_min=mean_motion, **elements)


def formation_cluster(reference, n_satellites=81, radius_km=1.0, *, name="cluster"):
    """A formation-flying cluster around the first satellite of ``reference``.

    Parameters
    ----------
    reference : SunSynchronousOrbit, WalkerShell or Constellation
        Its first satellite is the cluster's centre (member 0).
    n_satellites : int, default 81
        Members, the reference included (>= 1).
    radius_km : float, default 1.0
        Radius of the cluster [km], in (0, 100].
    name : str
        Prefix of the member names.

    Returns
    -------
    FormationCluster
        See its docstring for the Clohessy–Wiltshire circular relative-orbit layout.

    Raises
    ------
    ValueError
        For a count or radius out of range, or a reference so close to equatorial that the
        cross-track layout's node offsets (ρ/(a·sin i)) exceed 0.01 rad.

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

    def subset(self, indices) -> Constellation:
        """The satellites at ``indices`` (positions in this constellation), same order as given.

        Examples
        --------
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

        epoch = _check_epoch(epoch)
        epoch_days = (epoch - _SGP4_EPOCH0) / np.timedelta64(1, "D")
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
        bstar = _check_scalar("bstar", bstar, -1.0, 1.0, unit="1/earth radius")
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


def describe(orbit) -> dict:
    """Headline figures of an orbit object, as a flat dict of plain numbers with units in names."""
    from orbital.sun import critical_beta_deg

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
