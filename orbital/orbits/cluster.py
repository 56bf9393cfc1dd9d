"""Formation-flying clusters: members on a Clohessy–Wiltshire circular relative orbit around a
reference satellite (D'Amico 2010), as SGP4 mean elements."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from orbital._checks import check_count, check_scalar
from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM
from orbital.orbits.constellation import Constellation
from orbital.orbits.sso import SunSynchronousOrbit
from orbital.orbits.walker import WalkerShell

__all__ = ["FormationCluster", "formation_cluster"]


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
        check_count("n_satellites", self.n_satellites)
        object.__setattr__(self, "radius_km", check_scalar(
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
        ref = self.reference.to_constellation().subset([0]).satrecs[0]
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
    >>> from orbital.orbits import sun_synchronous
    >>> cluster = formation_cluster(sun_synchronous(650.0, 18.0), n_satellites=81, radius_km=1.0)
    >>> cluster.to_constellation().n_satellites
    81
    """
    return FormationCluster(reference, n_satellites, radius_km, name)
