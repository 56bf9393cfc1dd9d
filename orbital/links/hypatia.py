"""Read a Hypatia (snkas/hypatia, satgenpy) satellite-network directory.

A directory holds ``tles.txt`` (``n_orbits n_sats_per_orbit``, then name / line 1 / line 2
triples; satellite id = position in the file), ``isls.txt`` (``a b`` per line),
``ground_stations.txt`` (``gid,name,lat,lon,elevation_m[,x,y,z]``) and ``description.txt``
(``max_gsl_length_m=…``, ``max_isl_length_m=…``). The TLEs are propagated as given, never
re-derived from the constellation's name (Hypatia's "Starlink-550" TLEs have a mean motion of
15.19 rev/day, about 509 km after SGP4's mean-element conversion, not 550 km).

:meth:`HypatiaNetwork.route` measures lengths the way satgenpy does by default (through
PyEphem's Earth model and sidereal time, :data:`SATGENPY_EARTH`), so its RTTs can be compared
with Hypatia's to ~10 m of path; ``geometry="precise"`` uses this package's WGS84/ITRS frames.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import erfa
import numpy as np
import xarray as xr

from orbital import orbits
from orbital._checks import check_choice, check_range
from orbital.links.geometry import as_sites, ground_sites
from orbital.links.routing import route
from orbital.links.topology import check_edges, plus_grid_edges

#: The Earth model through which satgenpy measures every distance. satgenpy calls PyEphem
#: (``satellite.compute(observer)`` → ``satellite.range``, ISLs by the law of cosines from an
#: observer at 0°N 0°E), whose libastro (``earthsat.c``, ``sgp4.c``, ``astro.h``):
#: runs SGP4 in Earth radii with the WGS72 radius but converts to km with its own
#: ``ERAD`` = 6378.16 km (satellite distances come out ×6378.16/6378.135, ≈ +27 m in radius);
#: places the site on an a = 6378.16 km, f = 1/298.25 ellipsoid at the latitude
#: atan(tan φ / (1 − f²)); and turns the Earth by Newcomb's sidereal time of the UTC date
#: (no UT1 − UTC, no polar motion). Source: github.com/brandon-rhodes/pyephem, libastro.
SATGENPY_EARTH = {
    "pyephem_radius_km": 6378.16,
    "pyephem_flattening": 1.0 / 298.25,
    "sgp4_radius_km": 6378.135,
    "source": "PyEphem libastro earthsat.c (EarthRadius, EarthFlat, GetSitPosition, "
              "InitOrbitRoutines), astro.h (ERAD), sgp4.c (XKMPER); used by satgenpy "
              "distance_tools.py",
}

#: Geometries of :meth:`HypatiaNetwork.route`: satgenpy's own (to compare with Hypatia's RTTs
#: to the metre) or this package's (WGS84 sites, ITRS with UT1 and polar motion).
GEOMETRIES = ("satgenpy", "precise")


def _pyephem_sidereal_angle(jd_utc, fraction):
    """Earth rotation angle [rad] that PyEphem's satellite code uses at a UTC date.

    Newcomb's mean sidereal time at 0h of the date plus the sidereal rate times the time of
    day (libastro ``InitOrbitRoutines`` / ``GetSitPosition``), with UTC taken as UT.
    """
    crnt = (jd_utc - 2415020.0) + fraction + 0.5  # days since 1899-12-31 00:00 UTC
    day = np.floor(crnt)
    centuries = (day - 0.5) / 36525.0
    reference = (6.6460656 + 2400.051262 * centuries + 0.00002581 * centuries**2) / 24.0
    reference -= np.floor(reference)
    return 2.0 * np.pi * ((crnt - day) * 1.0027379093 + reference)


def _pyephem_site_positions(lat_deg, lon_deg, alt_km):
    """Earth-fixed site positions [km] as PyEphem places an observer (``GetSitPosition``).

    A geodetic point on PyEphem's ellipsoid, at the latitude atan(tan φ / (1 − f²)) it uses.
    """
    radius, flattening = SATGENPY_EARTH["pyephem_radius_km"], SATGENPY_EARTH["pyephem_flattening"]
    lat = np.arctan(np.tan(np.radians(lat_deg)) / (1.0 - flattening**2))
    return erfa.gd2gce(radius, flattening, np.radians(lon_deg), lat, alt_km)


@dataclasses.dataclass(frozen=True)
class HypatiaNetwork:
    """A Hypatia satellite network: TLEs, ISL edge list, ground stations and link ranges.

    Attributes
    ----------
    directory : str
        Where it was read from.
    n_orbits, n_sats_per_orbit : int
        The shell's planes and satellites per plane (first line of ``tles.txt``).
    satellite_names : tuple of str
        Name line of each TLE, in satellite-id order.
    tle_lines : tuple of (str, str)
        TLE line 1 and line 2 of each satellite, in satellite-id order.
    epoch : numpy.datetime64
        The common TLE epoch (UTC); simulation times are offsets from it.
    isl_edges : numpy.ndarray
        (E, 2) satellite-id pairs of ``isls.txt``, in file order.
    sites : xarray.Dataset
        Ground stations (``lat``, ``lon``, ``alt_km`` on ``site``, labelled by name).
    max_gsl_length_km, max_isl_length_km : float
        Ground-link and ISL maximum lengths of ``description.txt`` [km].
    """

    directory: str
    n_orbits: int
    n_sats_per_orbit: int
    satellite_names: tuple
    tle_lines: tuple
    epoch: np.datetime64
    isl_edges: np.ndarray
    sites: xr.Dataset
    max_gsl_length_km: float
    max_isl_length_km: float

    @property
    def n_satellites(self) -> int:
        return len(self.tle_lines)

    def tle_text(self) -> str:
        """The TLEs as name / line 1 / line 2 text, for :func:`orbital.orbits.load_tle`."""
        return "".join(f"{name}\n{l1}\n{l2}\n"
                       for name, (l1, l2) in zip(self.satellite_names, self.tle_lines, strict=True))

    def times(self, offsets_s) -> np.ndarray:
        """UTC times at ``offsets_s`` seconds after the TLE epoch (Hypatia's time axis)."""
        offsets = np.atleast_1d(np.asarray(offsets_s, dtype=float))
        return self.epoch + np.round(offsets * 1e9).astype("timedelta64[ns]")

    def propagate(self, offsets_s) -> xr.Dataset:
        """Satellite states at ``offsets_s`` seconds after the epoch, TLEs propagated as given.

        The ``plane`` coordinate is ``satellite_id // n_sats_per_orbit`` (Hypatia's numbering).
        """
        source = str(Path(self.directory) / "tles.txt")
        constellation = orbits.parse_tle(self.tle_text(), source=source, name="hypatia")
        states = orbits.propagate(constellation, self.times(offsets_s))
        plane = np.arange(self.n_satellites) // self.n_sats_per_orbit
        return states.assign_coords(plane=("satellite", plane))

    def satgenpy_geometry(self, offsets_s) -> tuple[xr.Dataset, xr.Dataset]:
        """Satellite states and sites placed as satgenpy (through PyEphem) places them.

        Returns
        -------
        (xarray.Dataset, xarray.Dataset)
            States with ``position_itrs_km`` (time, satellite, xyz) [km] in PyEphem's
            Earth-fixed frame, and the ground stations with their PyEphem positions
            (``earth_model`` attribute), ready for :func:`orbital.links.route`.

        Notes
        -----
        SGP4 (WGS72) TEME positions at the epoch + offsets, scaled by 6378.16/6378.135 and
        turned by Newcomb's sidereal time of the UTC date; sites on the a = 6378.16 km,
        f = 1/298.25 ellipsoid at latitude atan(tan φ / (1 − f²)) (:data:`SATGENPY_EARTH`).
        Against PyEphem 4.2 itself, ground-link and ISL lengths agree to ~10 m (PyEphem stores
        ranges and angles in single precision); with this package's WGS84/ITRS geometry they
        differ by up to ~200 m (UT1 − UTC, ellipsoid) and ISLs by ~+13 m (the radius scale).
        satgenpy hands PyEphem its dates as text to the millisecond, so use offsets in whole
        milliseconds (Hypatia's time steps are) to compare like with like.
        """
        from sgp4.api import Satrec, SatrecArray

        offsets = np.atleast_1d(np.asarray(offsets_s, dtype=float))
        satrecs = [Satrec.twoline2rv(line1, line2) for line1, line2 in self.tle_lines]
        jd = np.full(offsets.size, satrecs[0].jdsatepoch)
        fraction = satrecs[0].jdsatepochF + offsets / 86_400.0
        errors, teme, _ = SatrecArray(satrecs).sgp4(jd, fraction)
        if errors.any():
            sat, step = np.argwhere(errors)[0]
            raise ValueError(f"offsets_s: SGP4 fails for satellite {sat} at {offsets[step]} s "
                             f"after the epoch (code {int(errors[sat, step])})")
        teme = teme * (SATGENPY_EARTH["pyephem_radius_km"] / SATGENPY_EARTH["sgp4_radius_km"])
        angle = _pyephem_sidereal_angle(jd, fraction)[None, :]  # (1, time)
        cos, sin = np.cos(angle), np.sin(angle)
        fixed = np.stack([cos * teme[..., 0] + sin * teme[..., 1],
                          -sin * teme[..., 0] + cos * teme[..., 1], teme[..., 2]], axis=-1)
        states = xr.Dataset(
            {"position_itrs_km": (("time", "satellite", "xyz"), fixed.transpose(1, 0, 2),
                                  {"units": "km", "long_name": "position, Earth-fixed as in "
                                   "PyEphem (TEME turned by Newcomb sidereal time of UTC)"})},
            coords={"time": self.times(offsets), "satellite": np.arange(self.n_satellites),
                    "xyz": ["x", "y", "z"],
                    "satellite_name": ("satellite", list(self.satellite_names)),
                    "plane": ("satellite", np.arange(self.n_satellites) // self.n_sats_per_orbit)},
            attrs={"frame": "satgenpy (PyEphem)"},
        )
        sites = self.sites.copy()
        sites["position_itrs_km"] = (("site", "xyz"), _pyephem_site_positions(
            sites["lat"].values, sites["lon"].values, sites["alt_km"].values),
            {"units": "km", "long_name": "site position, Earth-fixed as PyEphem places it"})
        sites.attrs["earth_model"] = "satgenpy (PyEphem)"
        return states, sites

    def route(self, offsets_s, *, geometry="satgenpy", **options) -> xr.Dataset:
        """:func:`orbital.links.route` with this network's rules: its ISLs, its GSL range.

        Ground stations connect to every satellite within ``max_gsl_length_km`` (no elevation
        mask, as in Hypatia); ISLs are the file's edges, cut beyond ``max_isl_length_km``.
        ``geometry="satgenpy"`` (default) measures lengths as satgenpy does
        (:meth:`satgenpy_geometry`), so RTTs match Hypatia's to ~10 m of path;
        ``"precise"`` uses :meth:`propagate` (ITRS) and WGS84 sites. Other keyword arguments
        go to :func:`route` (e.g. ``sources``, ``relay_sites``). RTTs compare with satgenpy's
        ``networkx_rtt`` files (path there + path back over c at each step), except that an
        unreachable pair is NaN here where satgenpy writes 0. Differences that remain:
        satgenpy raises when a listed ISL exceeds ``max_isl_length_m`` (here it is cut), and
        it has no horizon check (here a ground link also needs elevation > 0, which only
        matters when ``max_gsl_length_m`` exceeds the horizon range, ~2 700 km at 550 km).
        """
        check_choice("geometry", geometry, GEOMETRIES)
        options.setdefault("topology", self.isl_edges)
        options.setdefault("max_range_km", self.max_gsl_length_km)
        options.setdefault("isl_max_range_km", self.max_isl_length_km)
        if geometry == "satgenpy":
            states, sites = self.satgenpy_geometry(offsets_s)
        else:
            states, sites = self.propagate(offsets_s), self.sites
        return route(states, sites, **options)


def _fail(path, line_number, message):
    raise ValueError(f"{path}, line {line_number}: {message}")


def _lines(path: Path):
    if not path.is_file():
        raise ValueError(f"{path}: file not found (a Hypatia satellite-network directory holds "
                         "tles.txt, isls.txt, ground_stations.txt and description.txt)")
    return path.read_text().splitlines()


def _tle_epoch(line1: str, path, number) -> np.datetime64:
    try:
        year = int(line1[18:20])
        day = float(line1[20:32])
    except ValueError:
        _fail(path, number, f"cannot read the TLE epoch from {line1[18:32]!r}")
    year += 2000 if year < 57 else 1900  # TLE convention: 57–99 → 1900s
    start = np.datetime64(f"{year:04d}-01-01T00:00:00", "ns")
    return start + np.timedelta64(round((day - 1.0) * 86_400e9), "ns")


def _checksum_ok(line: str) -> bool:
    return len(line) >= 69 and line[68].isdigit() and orbits.tle_checksum(line) == int(line[68])


def _read_tles(path: Path):
    lines = [line.rstrip() for line in _lines(path)]
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        _fail(path, 1, "empty file; expected 'n_orbits n_sats_per_orbit'")
    header = lines[0].split()
    if len(header) != 2 or not all(h.isdigit() for h in header):
        _fail(path, 1, f"expected 'n_orbits n_sats_per_orbit', got {lines[0]!r}")
    n_orbits, per_orbit = int(header[0]), int(header[1])
    body = lines[1:]
    if len(body) % 3:
        _fail(path, len(lines), f"{len(body)} lines after the header is not a whole number of "
                                "name / line 1 / line 2 triples")
    names, tles, epoch = [], [], None
    for k in range(len(body) // 3):
        base = 2 + 3 * k  # 1-based line number of the name line
        name, line1, line2 = body[3 * k: 3 * k + 3]
        words = name.split()
        if len(words) >= 2 and words[-1].lstrip("-").isdigit() and int(words[-1]) != k:
            _fail(path, base, f"satellite id {words[-1]} is not its position {k} in the file")
        for offset, line, first in ((1, line1, "1"), (2, line2, "2")):
            if not line.startswith(first + " ") or len(line) < 69:
                _fail(path, base + offset, f"expected TLE line {first} (69 characters starting "
                                           f"with '{first} '), got {line!r}")
            if not _checksum_ok(line):
                _fail(path, base + offset, "TLE checksum does not match")
        this_epoch = _tle_epoch(line1, path, base + 1)
        if epoch is None:
            epoch = this_epoch
        elif this_epoch != epoch:
            _fail(path, base + 1, f"epoch {this_epoch} differs from the first TLE's {epoch}; "
                                  "Hypatia needs one common epoch")
        names.append(name.strip())
        tles.append((line1[:69], line2[:69]))
    if len(tles) != n_orbits * per_orbit:
        _fail(path, 1, f"header says {n_orbits} × {per_orbit} = {n_orbits * per_orbit} "
                       f"satellites but the file has {len(tles)}")
    return n_orbits, per_orbit, tuple(names), tuple(tles), epoch


def _read_isls(path: Path, n_satellites: int) -> np.ndarray:
    pairs = []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        words = line.split()
        if len(words) != 2 or not all(w.isdigit() for w in words):
            _fail(path, number, f"expected two satellite ids 'a b', got {line!r}")
        a, b = int(words[0]), int(words[1])
        for value in (a, b):
            if value >= n_satellites:
                _fail(path, number, f"satellite id {value} is unknown; ids run from 0 to "
                                    f"{n_satellites - 1}")
        if a == b:
            _fail(path, number, f"satellite {a} is linked to itself")
        pairs.append((a, b))
    return np.asarray(pairs, dtype=np.int64).reshape(-1, 2)


def _read_ground_stations(path: Path) -> xr.Dataset:
    names, lat, lon, alt = [], [], [], []
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        fields = line.split(",")
        if len(fields) not in (5, 8):
            _fail(path, number, f"expected 8 comma-separated fields "
                                f"'gid,name,lat,lon,elevation_m,x,y,z' (or the first 5), got "
                                f"{len(fields)}")
        try:
            gid = int(fields[0])
            values = [float(f) for f in fields[2:5]]
        except ValueError:
            _fail(path, number, f"cannot read gid/lat/lon/elevation from {line!r}")
        if gid != len(names):
            _fail(path, number, f"ground station id {gid} should be {len(names)} (ids increment "
                                "by one from 0)")
        try:
            check_range("latitude", values[0], -90, 90, unit="deg")
            check_range("longitude", values[1], -180, 360, unit="deg")
        except ValueError as error:
            _fail(path, number, str(error))
        names.append(fields[1].strip())
        lat.append(values[0])
        lon.append(values[1])
        alt.append(values[2] / 1e3)
    if not names:
        _fail(path, 1, "no ground stations")
    if len(set(names)) != len(names):
        # Site labels must be unique; suffix repeated names with their id.
        seen = Counter(names)
        names = [n if seen[n] == 1 else f"{n} ({i})" for i, n in enumerate(names)]
    return ground_sites(np.array(lat), np.array(lon), np.array(alt), names=names)


def _read_description(path: Path) -> dict:
    values = {}
    for number, line in enumerate(_lines(path), start=1):
        if not line.strip():
            continue
        if "=" not in line:
            _fail(path, number, f"expected 'key=value', got {line!r}")
        key, value = (part.strip() for part in line.split("=", 1))
        try:
            values[key] = float(value)
        except ValueError:
            values[key] = value
        bad = not isinstance(values[key], float) or not values[key] > 0
        if key in ("max_gsl_length_m", "max_isl_length_m") and bad:
            _fail(path, number, f"{key} must be a positive number of metres, got {value!r}")
    for key in ("max_gsl_length_m", "max_isl_length_m"):
        if key not in values:
            raise ValueError(f"{path}: missing '{key}=…'")
    return values


def read_hypatia(directory) -> HypatiaNetwork:
    """Read a Hypatia satellite-network directory.

    Parameters
    ----------
    directory : str or pathlib.Path
        Directory with ``tles.txt``, ``isls.txt``, ``ground_stations.txt`` and
        ``description.txt`` (as written by Hypatia's ``satgenpy``).

    Returns
    -------
    HypatiaNetwork
        TLEs, ISL edges, ground stations (``elevation_m`` → ``alt_km``) and the maximum
        ground-link and ISL lengths [km]. ``network.route(offsets_s)`` routes with its rules.

    Raises
    ------
    ValueError
        Naming the file and line of anything malformed.

    Notes
    -----
    Satellite id = position in ``tles.txt``; plane = id // n_sats_per_orbit. TLE epochs
    (``yyddd.dddddddd``, day 1 = 1 January 00:00 UTC) must all be equal.

    References
    ----------
    Kassing, S. et al., "Exploring the 'Internet from space' with Hypatia", ACM IMC 2020;
    github.com/snkas/hypatia, ``satgenpy/satgen`` (``tles/read_tles.py``,
    ``isls/read_isls.py``, ``ground_stations/read_ground_stations.py``).

    Examples
    --------
    >>> read_hypatia("/nonexistent")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: /nonexistent/tles.txt: file not found ...
    """
    root = Path(directory)
    n_orbits, per_orbit, names, tles, epoch = _read_tles(root / "tles.txt")
    edges = _read_isls(root / "isls.txt", len(tles))
    sites = _read_ground_stations(root / "ground_stations.txt")
    description = _read_description(root / "description.txt")
    return HypatiaNetwork(
        directory=str(root),
        n_orbits=n_orbits,
        n_sats_per_orbit=per_orbit,
        satellite_names=names,
        tle_lines=tles,
        epoch=epoch,
        isl_edges=edges,
        sites=sites,
        max_gsl_length_km=description["max_gsl_length_m"] / 1e3,
        max_isl_length_km=description["max_isl_length_m"] / 1e3,
    )


def _with_checksum(line: str) -> str:
    return line[:68] + str(orbits.tle_checksum(line))


def write_hypatia(directory, orbit, sites, *, max_gsl_length_km, max_isl_length_km,
                  isl_edges="+grid", name="orbital-dc") -> Path:
    """Write a Hypatia satellite-network directory, to run the same scenario in Hypatia.

    Parameters
    ----------
    directory : str or pathlib.Path
        Created if needed; ``tles.txt``, ``isls.txt``, ``ground_stations.txt`` and
        ``description.txt`` are (over)written.
    orbit : orbit object
        Anything with ``to_constellation()`` (:mod:`orbital.orbits`); all satellites must
        share one epoch (Hypatia requires it).
    sites : xarray.Dataset or tuple
        Ground stations (``lat``, ``lon`` [deg], optional ``alt_km`` on ``site``).
    max_gsl_length_km, max_isl_length_km : float
        Maximum ground-link and ISL lengths [km], > 0.
    isl_edges : "+grid", "none" or array-like (E, 2), default "+grid"
        ``"+grid"`` wires a Walker shell (plane-major numbering) as Hypatia's
        ``generate_plus_grid_isls`` with ``isl_shift = 0``.
    name : str
        Constellation name written before each satellite id.

    Returns
    -------
    pathlib.Path
        The directory.

    Notes
    -----
    TLEs are exported from the SGP4 records (``sgp4.exporter``) with Hypatia's
    ``00000ABC`` designator; their fixed decimals round the elements (≈ metres). For a
    like-for-like comparison, route the written directory here too (:func:`read_hypatia`).
    The ``x,y,z`` columns are WGS84 Earth-fixed metres (Hypatia writes WGS72; it reads only
    lat/lon/elevation for links).

    References
    ----------
    github.com/snkas/hypatia, ``satgenpy/satgen`` (``tles/generate_tles_from_scratch.py``,
    ``isls/generate_plus_grid_isls.py``, ``description/generate_description.py``).

    Examples
    --------
    >>> import tempfile
    >>> from orbital.orbits import walker_delta
    >>> shell = walker_delta(550.0, 53.0, planes=4, sats_per_plane=6)
    >>> folder = write_hypatia(tempfile.mkdtemp(), shell, ground_sites([48.85], [2.35]),
    ...                        max_gsl_length_km=1089.7, max_isl_length_km=5016.6)
    >>> network = read_hypatia(folder)
    >>> network.n_orbits, network.n_sats_per_orbit, network.isl_edges.shape
    (4, 6, (48, 2))
    """
    from sgp4.exporter import export_tle

    gsl = float(check_range("max_gsl_length_km", max_gsl_length_km, 0, None,
                            low_inclusive=False, unit="km"))
    isl = float(check_range("max_isl_length_km", max_isl_length_km, 0, None,
                            low_inclusive=False, unit="km"))
    if not hasattr(orbit, "to_constellation"):
        raise TypeError(f"orbit: {type(orbit).__name__} is not an orbit object from orbital.orbits")
    constellation = orbit.to_constellation()
    sites = as_sites(sites)
    n_sat = constellation.n_satellites
    plane = np.asarray(constellation.plane)
    _, counts = np.unique(plane, return_counts=True)
    shell = (plane >= 0).all() and (counts == counts[0]).all() and np.array_equal(
        plane, np.repeat(np.arange(counts.size), counts[0]))
    n_orbits, per_orbit = (counts.size, int(counts[0])) if shell else (1, n_sat)
    if isinstance(isl_edges, str):
        if isl_edges == "+grid":
            if not shell:
                raise ValueError("isl_edges: '+grid' needs a Walker shell numbered plane by plane")
            edges = plus_grid_edges(n_orbits, per_orbit)
        elif isl_edges == "none":
            edges = np.zeros((0, 2), dtype=np.int64)
        else:
            raise ValueError(f"isl_edges: {isl_edges!r} is not supported; choose '+grid', 'none' "
                             "or an (E, 2) edge list")
    else:
        edges = check_edges(isl_edges, n_sat)

    tle_lines = [f"{n_orbits} {per_orbit}"]
    epochs = set()
    for k, satrec in enumerate(constellation.satrecs):
        line1, line2 = export_tle(satrec)
        line1 = _with_checksum(line1[:9] + "00000ABC" + line1[17:])
        epochs.add(line1[18:32])
        tle_lines += [f"{name} {k}", line1, line2]
    if len(epochs) != 1:
        raise ValueError(f"orbit: satellites have {len(epochs)} different epochs; Hypatia needs "
                         "one common epoch")
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    (root / "tles.txt").write_text("\n".join(tle_lines) + "\n")
    (root / "isls.txt").write_text("".join(f"{a} {b}\n" for a, b in edges))
    xyz_m = sites["position_itrs_km"].values * 1e3
    rows = [
        f"{gid},{str(label).replace(',', ' ')},{lat:.6f},{lon:.6f},{alt * 1e3:.6f},"
        f"{x:.6f},{y:.6f},{z:.6f}"
        for gid, (label, lat, lon, alt, (x, y, z)) in enumerate(zip(
            sites["site"].values, sites["lat"].values, sites["lon"].values,
            sites["alt_km"].values, xyz_m, strict=True))
    ]
    (root / "ground_stations.txt").write_text("\n".join(rows) + "\n")
    (root / "description.txt").write_text(
        f"max_gsl_length_m={gsl * 1e3:.10f}\nmax_isl_length_m={isl * 1e3:.10f}\n")
    return root
