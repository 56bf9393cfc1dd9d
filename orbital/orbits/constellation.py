"""Any set of satellites as SGP4 mean elements: what every orbit object turns into and what
:func:`orbital.orbits.propagate` flies.

A constellation built from element arrays (Walker shells, sun-synchronous orbits, clusters,
:meth:`Constellation.from_mean_elements`, :func:`multi_shell`) keeps those arrays as its source
of truth and builds SGP4 records only when asked, block by block during propagation: a
million-satellite definition then costs a few arrays (~100 MB), not a million ~1 kB records
built one by one (~20 s). Element sets read from TLE/OMM files keep their SGP4 records.
"""

from __future__ import annotations

import numpy as np

from orbital import _data
from orbital._checks import check_range, check_scalar
from orbital.orbits.design import MAXIMUM_ALTITUDE_KM, MINIMUM_ALTITUDE_KM

__all__ = ["Constellation", "multi_shell"]

#: SGP4's epoch origin: its ``epoch`` argument counts days from 1949-12-31 00:00 UTC.
SGP4_EPOCH_ORIGIN = np.datetime64("1949-12-31T00:00:00", "ns")

#: The per-satellite element arrays of a constellation built from elements.
_ELEMENT_FIELDS = ("mean_motion_rad_min", "eccentricity", "inclination_rad", "raan_rad",
                   "argument_of_perigee_rad", "mean_anomaly_rad", "bstar", "epoch",
                   "satellite_number")

#: SGP4 catalog numbers have five digits (TLE columns 3–7).
_CATALOG_NUMBERS = 100_000


class Constellation:
    """Any set of satellites as SGP4 mean elements, ready for :func:`propagate`.

    Built by the orbit objects' ``to_constellation()``, by :func:`load_tle` / :func:`load_omm`,
    by :func:`multi_shell` / :meth:`concatenate`, from element arrays with
    :meth:`from_mean_elements`, or directly from SGP4 records
    ``Constellation(satrecs, names, plane, name)``.

    Per-satellite labels: ``names``, ``plane`` (orbital plane index, unique across the shells
    of a multi-shell constellation; -1 for a satellite not part of a shell), ``slot`` (index
    within the plane, -1 outside a shell) and ``shell`` (index into ``shell_names``).
    A constellation is immutable.

    Built from element arrays, the SGP4 records are made on demand: :attr:`satrecs` builds
    (and keeps) all of them, :meth:`build_satrecs` builds them without keeping them (what
    :func:`propagate` does per satellite chunk), and :meth:`subset` (indices or a slice) stays
    lazy.
    """

    def __init__(self, satrecs, names, plane, name: str = "constellation"):
        satrecs = tuple(satrecs)
        if len(satrecs) == 0:
            raise ValueError("satrecs: a constellation needs at least one satellite")
        names = tuple(names)
        plane = np.asarray(plane, dtype=int)
        if len(names) != len(satrecs) or plane.shape != (len(satrecs),):
            raise ValueError(
                f"names/plane: {len(names)} names and {plane.size} plane indices for "
                f"{len(satrecs)} satellites; give one per satellite"
            )
        self._set(satrecs=satrecs, elements=None, names=names, plane=plane,
                  slot=_slots_in_planes(plane), shell=np.zeros(len(satrecs), dtype=int),
                  shell_names=(str(name),), name=str(name))

    # ------------------------------------------------------------------ internal state

    def _set(self, *, satrecs, elements, names, plane, slot, shell, shell_names, name):
        for key, value in (("_satrecs", satrecs), ("_elements", elements), ("_names", names),
                           ("_plane", plane), ("_slot", slot), ("_shell", shell),
                           ("_shell_names", tuple(shell_names)), ("name", name)):
            object.__setattr__(self, key, value)
        return self

    def __setattr__(self, key, value):
        raise AttributeError(f"Constellation is immutable; cannot set {key!r}")

    def __delattr__(self, key):
        raise AttributeError(f"Constellation is immutable; cannot delete {key!r}")

    def __len__(self) -> int:
        return self.n_satellites

    def __repr__(self) -> str:
        kind = "SGP4 records" if self._elements is None else "mean elements"
        return (f"Constellation(name={self.name!r}, n_satellites={self.n_satellites}, "
                f"shells={len(self._shell_names)}, from {kind})")

    # ------------------------------------------------------------------ labels

    @property
    def n_satellites(self) -> int:
        return self._plane.size

    @property
    def plane(self) -> np.ndarray:
        """Orbital plane index of each satellite, unique across shells (-1: not in a shell)."""
        return self._plane

    @property
    def slot(self) -> np.ndarray:
        """Index of each satellite within its plane (-1: not in a shell)."""
        return self._slot

    @property
    def shell(self) -> np.ndarray:
        """Shell index of each satellite (into :attr:`shell_names`); 0 for a single set."""
        return self._shell

    @property
    def shell_names(self) -> tuple[str, ...]:
        """Name of each shell, in shell-index order."""
        return self._shell_names

    @property
    def name_array(self) -> np.ndarray:
        """Satellite names as a numpy string array, generated on demand for element-built
        constellations (``shell-name-P{plane:03d}-S{slot:03d}``, vectorised)."""
        if self._names is not None:
            return np.asarray(self._names, dtype=str)
        return _lazy_names(self._shell_names, self._shell, self._plane, self._slot)

    @property
    def names(self) -> tuple[str, ...]:
        """Satellite names (a tuple; see :attr:`name_array` for an array)."""
        if self._names is not None:
            return tuple(self._names)
        return tuple(self.name_array.tolist())

    @property
    def satellite_names(self) -> list[str]:
        return list(self.names)

    # ------------------------------------------------------------------ elements

    @property
    def satrecs(self) -> tuple:
        """SGP4 records of every satellite, built on first access and kept.

        For a large element-built constellation prefer :func:`propagate` with ``chunks`` (it
        builds the records of one satellite chunk at a time) or :meth:`build_satrecs` on a
        :meth:`subset`.
        """
        if self._satrecs is None:
            object.__setattr__(self, "_satrecs", tuple(self.build_satrecs()))
        return self._satrecs

    def build_satrecs(self) -> list:
        """SGP4 records (WGS72 constants, as for TLEs) of these satellites, built now and not
        kept; the same records, bit for bit, as :attr:`satrecs`."""
        if self._satrecs is not None:
            return list(self._satrecs)
        from sgp4.api import WGS72, Satrec

        e = self._elements
        epoch_days = (e["epoch"] - SGP4_EPOCH_ORIGIN) / np.timedelta64(1, "D")
        columns = (e["satellite_number"], epoch_days, e["bstar"], e["eccentricity"],
                   np.mod(e["argument_of_perigee_rad"], 2 * np.pi), e["inclination_rad"],
                   np.mod(e["mean_anomaly_rad"], 2 * np.pi), e["mean_motion_rad_min"],
                   np.mod(e["raan_rad"], 2 * np.pi))
        satrecs = []
        for number, epoch, bstar, ecc, argp, incl, anomaly, motion, raan in zip(
                *(np.asarray(c).tolist() for c in columns)):
            satrec = Satrec()
            satrec.sgp4init(WGS72, "i", number, epoch, bstar, 0.0, 0.0, ecc, argp, incl,
                            anomaly, motion, raan)
            satrecs.append(satrec)
        return satrecs

    @property
    def epoch(self) -> np.datetime64:
        """Epoch of the first satellite's elements (UTC)."""
        if self._elements is not None:
            return self._elements["epoch"][0]
        return _satrec_epochs(self._satrecs[:1])[0]

    @property
    def epochs(self) -> np.ndarray:
        """Epoch of each satellite's elements (UTC, datetime64[ns]); TLE sets mix epochs."""
        if self._elements is not None:
            return np.asarray(self._elements["epoch"])
        return _satrec_epochs(self._satrecs)

    @property
    def altitude_km(self) -> np.ndarray:
        """Mean altitude of each satellite: SGP4 semi-major axis minus the equatorial radius [km]."""
        if self._elements is None:
            return np.array([s.a * s.radiusearthkm - s.radiusearthkm for s in self._satrecs])
        e = self._elements
        return _sgp4_semi_major_axis_km(e["mean_motion_rad_min"], e["eccentricity"],
                                        e["inclination_rad"]) - _wgs72().radiusearthkm

    @property
    def inclination_deg(self) -> np.ndarray:
        if self._elements is None:
            return np.degrees([s.inclo for s in self._satrecs])
        return np.degrees(self._elements["inclination_rad"])

    @property
    def raan_deg(self) -> np.ndarray:
        if self._elements is None:
            return np.degrees([s.nodeo for s in self._satrecs])
        return np.degrees(np.mod(self._elements["raan_rad"], 2 * np.pi))

    def to_constellation(self) -> Constellation:
        return self

    # ------------------------------------------------------------------ selections

    def subset(self, indices) -> Constellation:
        """The satellites at ``indices`` (positions in this constellation, or a slice), same
        order as given; element-built constellations stay lazy (no SGP4 record is built).

        Examples
        --------
        >>> from orbital.orbits import walker_delta
        >>> walker_delta(550.0, 53.0, 4, 6).to_constellation().subset([0, 7]).names
        ('walker-delta-P000-S000', 'walker-delta-P001-S001')
        """
        if isinstance(indices, slice):
            picked = np.arange(self.n_satellites)[indices]
            if picked.size == 0:
                raise ValueError(f"indices: {indices!r} selects no satellite of "
                                 f"{self.n_satellites}")
            if indices.step in (None, 1):  # views, no copy: what propagation blocks use
                picked = slice(int(picked[0]), int(picked[-1]) + 1)
        else:
            picked = np.asarray(indices)
            if picked.ndim != 1 or picked.size == 0 or not np.issubdtype(picked.dtype,
                                                                          np.integer):
                raise ValueError(f"indices: {indices!r} must be a non-empty 1-D array of "
                                 "integers, or a slice")
            if picked.min() < -self.n_satellites or picked.max() >= self.n_satellites:
                raise ValueError(f"indices: {picked.tolist()} must lie in "
                                 f"[0, {self.n_satellites - 1}]")
        as_list = picked if isinstance(picked, slice) else picked.tolist()
        satrecs = None
        if self._satrecs is not None:
            satrecs = (self._satrecs[picked] if isinstance(picked, slice)
                       else tuple(self._satrecs[i] for i in as_list))
        names = None
        if self._names is not None:
            names = (self._names[picked] if isinstance(picked, slice)
                     else tuple(self._names[i] for i in as_list))
        elements = None
        if self._elements is not None:
            elements = {key: value[picked] for key, value in self._elements.items()}
        return object.__new__(Constellation)._set(
            satrecs=satrecs, elements=elements, names=names, plane=self._plane[picked],
            slot=self._slot[picked], shell=self._shell[picked], shell_names=self._shell_names,
            name=self.name)

    @classmethod
    def concatenate(cls, constellations, *, name: str | None = None) -> Constellation:
        """One constellation of several, in order, each becoming one shell (or keeping its own
        shells): plane indices are offset so they stay unique across shells.

        Parameters
        ----------
        constellations : sequence of Constellation or orbit objects
            At least one; anything with ``to_constellation()``.
        name : str, optional
            Name of the result; default the names of the parts joined by ``+``.

        Returns
        -------
        Constellation
            Lazy (element-built) when every part is; otherwise holding SGP4 records. Satellite
            names of element-built parts follow the global plane index
            (``shell-name-P{plane:03d}-S{slot:03d}``), so they stay unique.

        Examples
        --------
        >>> from orbital.orbits import walker_delta
        >>> both = Constellation.concatenate([walker_delta(550.0, 53.0, 2, 3),
        ...                                   walker_delta(1100.0, 87.0, 3, 2, name="polar")])
        >>> both.plane.tolist(), both.shell.tolist()
        ([0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 4, 4], [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
        """
        parts = _orbit_parts(constellations, "constellations")
        planes, shells, shell_names = [], [], []
        plane_offset = shell_offset = 0
        for part in parts:
            planes.append(np.where(part.plane >= 0, part.plane + plane_offset, -1))
            shells.append(part.shell + shell_offset)
            shell_names.extend(part.shell_names)
            if (part.plane >= 0).any():
                plane_offset += int(part.plane.max()) + 1
            shell_offset += len(part.shell_names)
        lazy = all(part._elements is not None for part in parts)
        plane = np.concatenate(planes)
        shell = np.concatenate(shells)
        slot = np.concatenate([part.slot for part in parts])
        names = None
        if any(part._names is not None for part in parts):
            # explicit names of some parts kept, the others' generated with the global plane
            generated = _lazy_names(shell_names, shell, plane, slot)
            chunks, start = [], 0
            for part in parts:
                stop = start + part.n_satellites
                chunks.append(generated[start:stop] if part._names is None
                              else np.asarray(part._names, dtype=str))
                start = stop
            names = tuple(np.concatenate(chunks).tolist())
        elements = satrecs = None
        if lazy:
            elements = {key: np.concatenate([part._elements[key] for part in parts])
                        for key in _ELEMENT_FIELDS}
        else:
            satrecs = tuple(s for part in parts for s in part.satrecs)
        return object.__new__(cls)._set(
            satrecs=satrecs, elements=elements, names=names, plane=plane, slot=slot,
            shell=shell, shell_names=shell_names,
            name=name if name is not None else "+".join(part.name for part in parts))

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_mean_elements(cls, *, mean_motion_rad_min, eccentricity, inclination_rad, raan_rad,
                           argument_of_perigee_rad, mean_anomaly_rad, epoch, names=None,
                           plane=None, name="constellation", bstar=0.0,
                           slot=None) -> Constellation:
        """A constellation from SGP4 mean-element arrays (WGS72 constants, as for TLEs).

        Mean motion (Kozai, as in a TLE) in (0, 0.1] rad/min (0.1 rad/min is a 63-minute
        period, faster than any orbit clearing the Earth), eccentricity in [0, 1), inclination
        in [0, π] rad, finite angles and ``bstar`` in [-1, 1] per Earth radius; anything else
        raises a ValueError naming the field. The checks are vectorised and no SGP4 record is
        built here (see :attr:`satrecs`), so a million satellites construct in about a second.

        ``plane`` (default -1, not part of a shell) and ``slot`` (default: order within the
        plane) broadcast to the satellites; ``names`` default to
        ``{name}-P{plane:03d}-S{slot:03d}``, generated only when asked for (``{name}-{k:03d}``
        when some satellite has no plane).
        """
        epoch = _data.check_time(epoch, field="epoch")
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
            shape = np.broadcast_shapes(*(np.shape(a) for a in checked))
        except ValueError:
            shapes = ", ".join(f"{key} {np.shape(a)}" for key, a in zip(fields, checked))
            raise ValueError(f"elements: shapes do not broadcast together ({shapes})") from None
        n = int(np.prod(shape))
        if n == 0:
            raise ValueError("elements: a constellation needs at least one satellite")

        def per_satellite(value, dtype=float):
            value = np.asarray(value, dtype=dtype)
            if value.ndim <= 1 and len(shape) <= 1:  # a broadcast view: no copy of a scalar
                return np.broadcast_to(value, (n,))
            return np.broadcast_to(value, shape).ravel()

        elements = {key: per_satellite(value) for key, value in zip(fields, checked)}
        elements["bstar"] = np.broadcast_to(np.float64(bstar), (n,))
        elements["epoch"] = np.broadcast_to(epoch, (n,))
        elements["satellite_number"] = np.arange(n) % _CATALOG_NUMBERS
        plane = np.asarray(-1 if plane is None else plane)
        if not np.issubdtype(plane.dtype, np.integer) or plane.size not in (1, n):
            raise ValueError(f"plane: {plane.size} plane indices for {n} satellites; give one "
                             "whole number per satellite")
        plane = np.array(np.broadcast_to(plane, (n,)), dtype=int)
        slot = _slots_in_planes(plane) if slot is None else np.array(
            np.broadcast_to(np.asarray(slot, dtype=int), (n,)))
        if names is None and (plane < 0).any():  # no plane/slot to name them by: a counter
            names = np.strings.add(f"{name}-", _zero_padded(np.arange(n))).tolist()
        if names is not None:
            names = tuple(names)
            if len(names) != n:
                raise ValueError(f"names: {len(names)} names for {n} satellites; give one per "
                                 "satellite")
        return object.__new__(cls)._set(
            satrecs=None, elements=elements, names=names, plane=plane, slot=slot,
            shell=np.zeros(n, dtype=int), shell_names=(str(name),), name=str(name))

    @classmethod
    def from_circular_elements(cls, *, altitude_km, inclination_deg, raan_deg,
                               argument_of_latitude_deg, epoch, names=None, plane=None,
                               name="constellation", slot=None) -> Constellation:
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
            epoch=epoch, names=names, plane=plane, name=name, slot=slot,
        )


def multi_shell(shells, *, name: str = "multi-shell") -> Constellation:
    """One constellation of several shells (e.g. Walker shells at 500–1 200 km).

    Parameters
    ----------
    shells : sequence of orbit objects
        :class:`WalkerShell`, :class:`SunSynchronousOrbit`, :class:`FormationCluster` or
        :class:`Constellation`; at least one.
    name : str, default "multi-shell"
        Name of the constellation.

    Returns
    -------
    Constellation
        Satellites shell after shell; ``shell`` gives each satellite's shell (index into
        ``shell_names``), ``plane`` its plane, numbered on from one shell to the next so plane
        indices stay unique. Built from elements without a loop over satellites: a million
        satellites in about a second.

    Raises
    ------
    ValueError
        For an empty sequence, or an entry that is not an orbit object (naming its index).

    Examples
    --------
    >>> from orbital.orbits import walker_delta
    >>> mega = multi_shell([walker_delta(550.0, 53.0, 72, 22, name="s550"),
    ...                     walker_delta(1150.0, 87.9, 36, 49, name="s1150")])
    >>> mega.n_satellites, int(mega.plane.max()) + 1, mega.shell_names
    (3348, 108, ('s550', 's1150'))
    """
    return Constellation.concatenate(_orbit_parts(shells, "shells"), name=name)


def _orbit_parts(items, field: str) -> list[Constellation]:
    """Each entry of ``items`` as a Constellation, or a ValueError naming the bad entry."""
    if hasattr(items, "to_constellation") or isinstance(items, (str, bytes)):
        raise ValueError(f"{field}: pass a list of shells (orbit objects), not one "
                         f"{type(items).__name__}")
    try:
        items = list(items)
    except TypeError:
        raise ValueError(f"{field}: {type(items).__name__} is not a list of orbit objects") \
            from None
    if not items:
        raise ValueError(f"{field}: empty; give at least one shell (e.g. walker_delta(...))")
    parts = []
    for k, item in enumerate(items):
        if not hasattr(item, "to_constellation"):
            raise ValueError(f"{field}[{k}]: {type(item).__name__} is not an orbit object; "
                             "pass WalkerShell, SunSynchronousOrbit, FormationCluster or "
                             "Constellation")
        parts.append(item.to_constellation())
    return parts


def _zero_padded(values: np.ndarray) -> np.ndarray:
    """Integers as strings padded to three digits (``f"{k:03d}"``), vectorised."""
    return np.strings.zfill(np.asarray(values).astype(str), 3)


def _lazy_names(shell_names, shell, plane, slot) -> np.ndarray:
    prefix = np.asarray(shell_names, dtype=str)[shell]
    return np.strings.add(np.strings.add(np.strings.add(prefix, "-P"), _zero_padded(plane)),
                          np.strings.add("-S", _zero_padded(slot)))


def _slots_in_planes(plane: np.ndarray) -> np.ndarray:
    """Order of each satellite within its plane (first seen first); -1 outside a shell."""
    order = np.argsort(plane, kind="stable")
    sorted_plane = plane[order]
    starts = np.flatnonzero(np.r_[True, sorted_plane[1:] != sorted_plane[:-1]])
    rank = np.arange(plane.size) - np.repeat(starts, np.diff(np.r_[starts, plane.size]))
    slot = np.empty(plane.size, dtype=int)
    slot[order] = rank
    return np.where(plane >= 0, slot, -1)


def _wgs72():
    from sgp4.earth_gravity import wgs72

    return wgs72


def _sgp4_semi_major_axis_km(mean_motion_rad_min, eccentricity, inclination_rad) -> np.ndarray:
    """SGP4's mean semi-major axis (``Satrec.a`` × radius) from Kozai mean elements, vectorised.

    The un-Kozai step of SGP4's ``initl`` (Vallado et al. 2006, AIAA 2006-6753), then
    a = (n″ / k_e)^(−2/3) Earth radii.
    """
    gravity = _wgs72()
    omeosq = 1.0 - eccentricity * eccentricity
    cos_i = np.cos(inclination_rad)
    ak = (gravity.xke / mean_motion_rad_min) ** (2.0 / 3.0)
    d1 = 0.75 * gravity.j2 * (3.0 * cos_i * cos_i - 1.0) / (np.sqrt(omeosq) * omeosq)
    delta = d1 / (ak * ak)
    adel = ak * (1.0 - delta * delta - delta * (1.0 / 3.0 + 134.0 * delta * delta / 81.0))
    delta = d1 / (adel * adel)
    no_unkozai = mean_motion_rad_min / (1.0 + delta)
    return (no_unkozai * gravity.tumin) ** (-2.0 / 3.0) * gravity.radiusearthkm


def _kozai_mean_motion_for_altitude(altitude_km, inclination_deg):
    """SGP4 (Kozai) mean motion [rad/min] whose un-Kozai'd semi-major axis is R + h.

    SGP4 converts the TLE's Kozai mean motion to Brouwer's with a J2 term (Hoots & Roehrich
    1980, SPACETRACK report 3, eqs. for a1, δ1, a0, δ0); we invert that here so a shell named
    "550 km" has a mean altitude of 550 km rather than a few km off.
    """
    altitude_km, inclination_deg = np.broadcast_arrays(
        np.asarray(altitude_km, float), np.asarray(inclination_deg, float))
    if altitude_km.size > 1:
        # a shell repeats one (altitude, inclination): solve each distinct pair once
        first_altitude, first_inclination = altitude_km.ravel()[:1], inclination_deg.ravel()[:1]
        if (altitude_km == first_altitude[0]).all() and (
                inclination_deg == first_inclination[0]).all():
            return np.broadcast_to(_kozai_mean_motion_for_altitude(
                first_altitude, first_inclination), altitude_km.shape)
        pairs = altitude_km.ravel() + 1j * inclination_deg.ravel()
        distinct, inverse = np.unique(pairs, return_inverse=True)
        if distinct.size < pairs.size:
            return _kozai_mean_motion_for_altitude(distinct.real, distinct.imag)[
                inverse].reshape(altitude_km.shape)
    gravity = _wgs72()
    radius = gravity.radiusearthkm
    xke = gravity.xke
    j2 = gravity.j2
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
