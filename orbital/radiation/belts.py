"""Trapped protons and electrons (NASA AE8/AP8 through ``aep8``), from a cached geomagnetic grid.

AE8/AP8 give omnidirectional integral flux as a function of McIlwain's L and the field ratio
B/B0 (Vette 1991; Sawyer & Vette 1976). Computing (L, B/B0) at a point means tracing a drift
shell through the model's geomagnetic field, which costs ~200 µs a point in IRBEM; the flux
itself, given (L, B/B0), costs 0.4 µs (NASA interpolation) to 3 µs (ESA's) a point and energy.
So the slow part — (L, B/B0) over (lat, lon, alt) — is computed once per field model and cached
on disk; AE8/AP8 are then evaluated exactly at the interpolated (L, B/B0) for small inputs, and
read from a fine (ln L, ln B/B0) table of ln(1 + F) per energy for large ones (nodes evaluated
as lookups first need them, kept in memory and on disk; orbit-averaged spectra agree with
exact evaluation within 1 %). Timings against direct aep8 on the same points: see
benchmarks/bench_radiation.py.

The maps are read, by default, with ESA's interpolation (Daly et al. 1996), as SPENVIS does:
linear in (L, φ), φ = arcsin[(B/B0 − 1)/(B_c/B0 − 1)] with B_c the map's cut-off, instead of
the original NASA routine's interpolation in B/B0 between L strings, which understates the
flux near the atmospheric cut-off (LEO). Both are IRBEM's, called in its compiled library that
aep8 ships (see :data:`MAP_INTERPOLATIONS`).

Why (L, B/B0) and not log-flux: on the standard 3° × 5° × 100 km grid, interpolating ln L and
ln B/B0 linearly then evaluating AE8/AP8 reproduces direct aep8 calls to ~0.5–1 % (median;
90th percentile 1–5 %) at random points over 300–1500 km where the flux is within 10× of its
maximum, and the mean flux at every energy to 0.4 % (3 000 random points, 400–1400 km, AP8MIN
and AE8MAX; benchmarks/bench_radiation.py); interpolating log-flux directly on the same grid
is off by 5–6 % (median) and 20–30 % (95th percentile), because the flux falls by decades
within one cell near the atmospheric cut-off while the field coordinates do not.

The AE8/AP8 field models have a fixed epoch: Jensen & Cain (1960) for AE8MIN, AE8MAX and
AP8MIN, GSFC 12/66 extrapolated to 1970 for AP8MAX (IRBEM documentation), as ECSS-E-ST-10-04C
§9.2.2.1 (Table 9-1) requires and Heynderickx, Lemaire & Daly (1996) recommend. The date
therefore does not enter (aep8 returns the same L and B/B0 for any time), and the South
Atlantic Anomaly sits where it was around 1960–1970, some 10° east of where it is today.

Notes (issue #19, trapped-proton dose 0.7–0.8× SPENVIS SHIELDOSE-2 at 550 km). Candidates
checked one at a time against the published SPENVIS runs (tests/test_radiation.py), proton dose
ratio ours/SPENVIS behind 1–20 mm at 30°, 55°, 95°:

- Earth radius in aep8 (fixed here): aep8 1.1 gives IRBEM the geocentric position in units of
  astropy's Earth radius (6378.1 km) while IRBEM reads GEO in its own (6371.2 km), so every
  point was evaluated 0.11 % (7 km) too low. Rescaling the position: +6 % (0.70–0.80 →
  0.73–0.85).
- Orbit geometry (test harness): SPENVIS's circular orbit has a constant geocentric radius
  R_eq + h, ~5 km higher over the SAA than a constant geodetic altitude: +4 %.
- Field model and epoch: Jensen–Cain 1960 (what aep8 uses for AP8MIN, as ECSS prescribes)
  0.76–0.89 after the two fixes above; IGRF at 1964 (the AP8MIN data epoch, NSSDC's advice)
  0.83–0.94; IGRF 2023 (today's field at the mission epoch) 2.7–4.6× — the weakened modern
  field lowers B/B0 at a given altitude and moves the SAA, which AP8 was never built for.
  B0 from field-line tracing instead of McIlwain's 0.311653 G/L³: ±5 %, mixed sign (kept
  McIlwain's, as the models were built with it).
- Map interpolation (fixed here, the main cause): SPENVIS reads AE-8/AP-8 with ESA's
  interpolation (Daly et al. 1996), aep8 with NASA's. Switching: 0.76–0.89 → 0.94–1.04
  (+16 to +24 %, the most at 30° and 20 mm, where the orbit sits closest to the cut-off in
  the SAA). Trapped-electron dose behind 0.5–3 mm moves by +3 to +12 %.
- Energy grid 40 vs 160 points, continuation above 300 MeV, the 1 cm⁻² s⁻¹ map floor, 2 vs 10
  days of track, 60 s vs 20 s steps: each < 1 %.
- Transport: the Al range table agrees with SHIELDOSE-2's (both ICRU 49) within 0.1 %. Nuclear
  attenuation of primary protons (dose module) lowers the dose by 0.3 % at 1 mm to 5.3 % at
  20 mm; it is physical and kept. SHIELDOSE-2 offers no attenuation, or attenuation with local
  deposition of the charged secondaries' energy (more dose near the surface, less deeper);
  which one the published run used is not recorded.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import time as _time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import xarray as xr

from orbital import _data  # also configures astropy IERS offline before astropy Time
from orbital._checks import check_choice, check_range
from orbital.orbits import check_states

__all__ = [
    "TRAPPED_MODELS",
    "MAP_INTERPOLATIONS",
    "GEOMAGNETIC_GRIDS",
    "GeomagneticGrid",
    "cache_dir",
    "geomagnetic_grid",
    "geomagnetic_coordinates",
    "trapped_flux",
    "trapped_spectra",
    "flux_map",
    "default_energy_grid_mev",
]

#: AE8/AP8 models served through ``aep8``. ``field`` names the geomagnetic field model (and so
#: the cached grid) the model was built with (Vette 1991, NSSDC/WDC-A-R&S 91-29; Sawyer & Vette
#: 1976, NSSDC 76-06). ``energy_range_mev`` is the range where aep8 1.1 returns numbers: the AP8
#: tables stop at 400 MeV with zero flux there, so log-interpolation above the 300 MeV node gives
#: NaN (doses continue the flux above 300 MeV as a power law, see
#: ``orbital.radiation.dose``); AE8 returns NaN below 0.05 MeV.
TRAPPED_MODELS = {
    "AP8MIN": {"particle": "p", "solar": "min", "field": "jensen-cain-1960",
               "energy_range_mev": (0.1, 300.0), "source": "Sawyer & Vette 1976, NSSDC 76-06"},
    "AP8MAX": {"particle": "p", "solar": "max", "field": "gsfc-1266-1970",
               "energy_range_mev": (0.1, 300.0), "source": "Sawyer & Vette 1976, NSSDC 76-06"},
    "AE8MIN": {"particle": "e", "solar": "min", "field": "jensen-cain-1960",
               "energy_range_mev": (0.05, 7.0), "source": "Vette 1991, NSSDC/WDC-A-R&S 91-24"},
    "AE8MAX": {"particle": "e", "solar": "max", "field": "jensen-cain-1960",
               "energy_range_mev": (0.05, 7.0), "source": "Vette 1991, NSSDC/WDC-A-R&S 91-24"},
}

# L where the field line is open or the point is inside the Earth: IRBEM returns -1e31.
# Such nodes get a large L (no trapped flux) so interpolation stays finite.
_OPEN_FIELD_LINE_L = 30.0
# The AE8/AP8 flux maps end at their lowest contour, an integral flux of 1 cm⁻² s⁻¹: at every
# energy aep8 (IRBEM) returns ≥ 1 inside the map and 0 just beyond it (checked along B/B0 at
# L = 1.15 and 1.3, protons 1–300 MeV, electrons 0.1–1 MeV). At a point on the edge of the belt
# the spectrum therefore falls to 1 cm⁻² s⁻¹ at some energy E_c and then to 0: a spurious
# mono-energetic line of 1 proton cm⁻² s⁻¹ at E_c which, at 400 km and 30° where the whole
# orbit-averaged flux is a few cm⁻² s⁻¹, is a third of the particles and puts a Bragg bump in
# the dose–depth curve. Subtracting the floor makes every spectrum and map continuous and zero
# at the map edge; it changes the flux by < 1 cm⁻² s⁻¹, below the maps' own resolution.
_MAP_FLOOR_CM2_S = 1.0
# Any one date: the AE8/AP8 field models are fixed-epoch (see module docstring).
_REFERENCE_TIME = "2000-01-01T00:00:00"
# IRBEM's Earth radius, the unit of its GEO coordinates (IRBEM documentation, "Coordinate
# systems": Re = 6371.2 km); checked here: IRBEM's get_coordinates returns 550.000 km for a
# point 6921.2 km from the centre above the equator.
_IRBEM_EARTH_RADIUS_KM = 6371.2


@dataclass(frozen=True)
class GeomagneticGrid:
    """The (lat, lon, alt) grid on which (L, B/B0) are computed once and cached.

    Parameters
    ----------
    lat_step_deg, lon_step_deg : float
        Grid spacing in geodetic latitude and longitude [deg]; the grid spans −90…90 and
        −180…180 inclusive.
    altitude_km : tuple of float
        Altitude nodes above the WGS84 ellipsoid [km], increasing. Queries outside
        ``[altitude_km[0], altitude_km[-1]]`` are refused.
    """

    lat_step_deg: float = 3.0
    lon_step_deg: float = 5.0
    altitude_km: tuple = tuple(float(a) for a in range(200, 2001, 100))

    def __post_init__(self):
        check_range("lat_step_deg", self.lat_step_deg, 0.1, 30.0, unit="deg")
        check_range("lon_step_deg", self.lon_step_deg, 0.1, 60.0, unit="deg")
        alt = check_range("altitude_km", self.altitude_km, 100.0, 40_000.0, unit="km")
        if alt.ndim != 1 or alt.size < 2 or np.any(np.diff(alt) <= 0):
            raise ValueError("altitude_km: give at least two strictly increasing altitudes [km]")
        if not np.isclose(180.0 / self.lat_step_deg, round(180.0 / self.lat_step_deg)):
            raise ValueError(f"lat_step_deg: {self.lat_step_deg} deg must divide 180 deg")
        if not np.isclose(360.0 / self.lon_step_deg, round(360.0 / self.lon_step_deg)):
            raise ValueError(f"lon_step_deg: {self.lon_step_deg} deg must divide 360 deg")
        object.__setattr__(self, "altitude_km", tuple(float(a) for a in alt))

    @property
    def lat_deg(self) -> np.ndarray:
        return np.linspace(-90.0, 90.0, round(180.0 / self.lat_step_deg) + 1)

    @property
    def lon_deg(self) -> np.ndarray:
        return np.linspace(-180.0, 180.0, round(360.0 / self.lon_step_deg) + 1)

    @property
    def n_points(self) -> int:
        return self.lat_deg.size * self.lon_deg.size * len(self.altitude_km)


#: Named grids. ``standard`` (≈85 000 nodes, ~30 s per field model to build once) is what
#: studies use; ``coarse`` (6° × 10°, ~4 s) is for quick looks and notebooks, with flux errors of
#: ~10 % where flux matters.
GEOMAGNETIC_GRIDS = {
    "standard": GeomagneticGrid(),
    "coarse": GeomagneticGrid(lat_step_deg=6.0, lon_step_deg=10.0),
}


def cache_dir() -> Path:
    """Directory for cached grids: ``$ODC_CACHE_DIR`` if set, else the user cache dir; a
    temporary one, with a warning, if that is not a writable directory (``orbital._data``)."""
    return _data.cache_dir()


def _resolve_grid(grid) -> GeomagneticGrid:
    if isinstance(grid, GeomagneticGrid):
        return grid
    try:
        return GEOMAGNETIC_GRIDS[grid]
    except (KeyError, TypeError):
        raise ValueError(
            f"grid: {grid!r} is not supported; choose one of {sorted(GEOMAGNETIC_GRIDS)} "
            "or pass a GeomagneticGrid"
        ) from None


def _resolve_model(model: str) -> dict:
    check_choice("model", model, tuple(TRAPPED_MODELS), where="orbital.radiation.TRAPPED_MODELS")
    return TRAPPED_MODELS[model]


def _aep8_model(model: str):
    import aep8

    spec = _resolve_model(model)
    return aep8.model(spec["particle"], spec["solar"])


def _field_coordinates_direct(field_model: str, lat_deg, lon_deg, altitude_km):
    """(L, B/B0) straight from aep8/IRBEM for arrays of positions (slow: ~200 µs a point)."""
    from astropy import units as u
    from astropy.coordinates import EarthLocation
    from astropy.time import Time

    model = next(m for m, s in TRAPPED_MODELS.items() if s["field"] == field_model)
    location = EarthLocation.from_geodetic(
        np.asarray(lon_deg) * u.deg, np.asarray(lat_deg) * u.deg, np.asarray(altitude_km) * u.km
    )
    # aep8 1.1 hands IRBEM the geocentric position in astropy's Earth radius (6378.1 km), but
    # IRBEM reads GEO coordinates in its own Earth radius, 6371.2 km: uncorrected, every point
    # sits 0.11 % lower (7 km at 550 km) and the LEO proton flux comes out ~6 % low. Scaling
    # the position by R_astropy / R_IRBEM makes IRBEM see the true radius (see Notes of
    # :func:`geomagnetic_grid`).
    scale = (1.0 * u.earthRad).to_value(u.km) / _IRBEM_EARTH_RADIUS_KM
    x, y, z = (c.to_value(u.km) * scale for c in location.geocentric)
    location = EarthLocation.from_geocentric(x * u.km, y * u.km, z * u.km)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        shell, field_ratio = _aep8_model(model).geomagnetic_coordinates(
            location, Time(_REFERENCE_TIME, scale="utc")
        )
    shell = np.asarray(shell, dtype=float)
    field_ratio = np.asarray(field_ratio, dtype=float)
    bad = ~(shell > 0) | ~(field_ratio > 0)
    shell = np.where(bad, _OPEN_FIELD_LINE_L, np.minimum(shell, _OPEN_FIELD_LINE_L))
    field_ratio = np.where(bad, 1.0, field_ratio)
    return shell, field_ratio


@functools.cache
def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "source"


@functools.cache
def _grid_source() -> str:
    import inspect

    return inspect.getsource(_field_coordinates_direct) + inspect.getsource(_build)


def _grid_code_digest() -> str:
    """Hash of the code that computes a grid node, so that changing it never reads a stale grid."""
    constants = (_OPEN_FIELD_LINE_L, _IRBEM_EARTH_RADIUS_KM, _REFERENCE_TIME)
    return hashlib.sha256((_grid_source() + repr(constants)).encode()).hexdigest()[:12]


def _cache_key(field_model: str, grid: GeomagneticGrid) -> dict:
    """Everything a cached grid depends on: field model, the AE8/AP8 models it serves, grid
    definition, aep8 and orbital-dc versions, and the hash of the code that fills it."""
    return {"field": field_model,
            "models": sorted(m for m, s in TRAPPED_MODELS.items() if s["field"] == field_model),
            "grid": asdict(grid), "aep8": _version("aep8"),
            "orbital_dc": _version("orbital-dc"), "code": _grid_code_digest()}


def _cache_path(field_model: str, grid: GeomagneticGrid) -> Path:
    key = _cache_key(field_model, grid)
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return cache_dir() / "radiation" / f"geomag-{field_model}-aep8-{key['aep8']}-{digest}.nc"


def _build(field_model: str, grid: GeomagneticGrid, progress: bool) -> xr.Dataset:
    lat, lon, alt = grid.lat_deg, grid.lon_deg, np.asarray(grid.altitude_km)
    shell = np.empty((lat.size, lon.size, alt.size))
    ratio = np.empty_like(shell)
    start = _time.perf_counter()
    terminal = sys.stderr.isatty()
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    # One altitude slab per call keeps memory flat and lets us report progress.
    for k, altitude in enumerate(alt):
        shell[:, :, k], ratio[:, :, k] = _field_coordinates_direct(
            field_model, la, lo, np.full(la.shape, altitude)
        )
        if progress:
            elapsed = _time.perf_counter() - start
            remaining = elapsed / (k + 1) * (alt.size - k - 1)
            message = (f"orbital.radiation: building {field_model} (L, B/B0) grid "
                       f"{k + 1}/{alt.size} altitudes, ~{remaining:.0f} s left")
            if terminal:  # redraw one line; in a log, a line every few altitudes
                print(f"\r{message}   ", end="", file=sys.stderr, flush=True)
            elif k % 5 == 0 or k == alt.size - 1:
                print(message, file=sys.stderr, flush=True)
    if progress and terminal:
        print(file=sys.stderr, flush=True)
    coords = {
        "lat": ("lat", lat, {"units": "degrees_north", "long_name": "geodetic latitude"}),
        "lon": ("lon", lon, {"units": "degrees_east", "long_name": "geodetic longitude"}),
        "alt_km": ("alt_km", alt, {"units": "km", "long_name": "altitude above WGS84"}),
    }
    return xr.Dataset(
        {
            "l_shell": (("lat", "lon", "alt_km"), shell,
                        {"units": "1", "long_name": "McIlwain L (30 where the field line is open)"}),
            "b_over_b0": (("lat", "lon", "alt_km"), ratio,
                          {"units": "1", "long_name": "local field over its minimum on the line"}),
        },
        coords=coords,
        attrs={"field_model": field_model, "aep8_version": importlib.metadata.version("aep8"),
               "grid": json.dumps(asdict(grid)), "reference_time": _REFERENCE_TIME,
               "cache_key": json.dumps(_cache_key(field_model, grid), sort_keys=True),
               "source": "IRBEM via aep8 (AE8/AP8 field models, fixed epoch)"},
    )


_MEMORY_CACHE: dict = {}


def geomagnetic_grid(field_model: str = "jensen-cain-1960", grid="standard", *,
                     progress: bool = True) -> xr.Dataset:
    """(L, B/B0) over (lat, lon, alt) for one AE8/AP8 field model, built once and cached.

    Parameters
    ----------
    field_model : {"jensen-cain-1960", "gsfc-1266-1970"}
        Field model of the AE8/AP8 model in question (``TRAPPED_MODELS[name]["field"]``).
    grid : str or GeomagneticGrid
        A name in :data:`GEOMAGNETIC_GRIDS` or a custom grid.
    progress : bool
        Print build progress to stderr (only when the grid is built).

    Returns
    -------
    xarray.Dataset
        ``l_shell`` and ``b_over_b0`` on dims (lat, lon, alt_km).

    Notes
    -----
    The grid is written to ``cache_dir()/radiation/`` (``$ODC_CACHE_DIR`` overrides the user
    cache dir) under a name keyed by field model, grid and aep8 version. It is written to a
    temporary file first and renamed, so an interrupted build never leaves a corrupt cache.
    """
    fields = sorted({s["field"] for s in TRAPPED_MODELS.values()})
    check_choice("field_model", field_model, fields)
    spec = _resolve_grid(grid)
    path = _cache_path(field_model, spec)
    if path in _MEMORY_CACHE:
        return _MEMORY_CACHE[path]
    dataset = None
    if path.exists():
        try:
            with xr.open_dataset(path, engine="h5netcdf") as stored:
                dataset = stored.load()
        except (OSError, ValueError):
            dataset = None  # unreadable: rebuild below
    if dataset is None:
        dataset = _build(field_model, spec, progress)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(f".tmp{os.getpid()}")
        try:
            dataset.to_netcdf(temporary, engine="h5netcdf")
            os.replace(temporary, path)
        finally:  # interrupted (even by Ctrl-C): no half-written file is left behind
            temporary.unlink(missing_ok=True)
    _MEMORY_CACHE[path] = dataset
    return dataset


def _interpolators(field_model, grid):
    """Axes and the stacked (ln L, ln B/B0) values of a grid, for :func:`_trilinear`.

    ln L rather than L: L grows as 1/cos²λ towards the poles and jumps to the open-field-line
    value at the belts' outer edge, where linear interpolation in L biased the mean flux of
    random LEO points by up to 3.9 % (AP8MIN, 0.1 MeV) against direct aep8; in ln L, 0.3 %.
    """
    key = ("interp", field_model, _resolve_grid(grid))
    if key not in _MEMORY_CACHE:
        ds = geomagnetic_grid(field_model, grid)
        axes = (ds.lat.values, ds.lon.values, ds.alt_km.values)
        values = np.stack([np.log(ds.l_shell.values), np.log(ds.b_over_b0.values)], axis=-1)
        values = np.ascontiguousarray(values)
        _MEMORY_CACHE[key] = (axes, values,
                              (float(ds.alt_km.values[0]), float(ds.alt_km.values[-1])))
    return _MEMORY_CACHE[key]


def _trilinear(axes, values, lat, lon, alt):
    """Trilinear interpolation of ``values`` (lat, lon, alt, k) at points, shape (n, k).

    The points become fractional grid indices (latitude and longitude are evenly spaced, the
    altitudes need not be) and :func:`scipy.ndimage.map_coordinates` (order 1: trilinear,
    no spline prefilter) reads each quantity in one compiled loop.
    """
    from scipy.ndimage import map_coordinates

    indices = np.empty((3, np.size(lat)))
    for axis, (nodes, x) in enumerate(zip(axes[:2], (lat, lon))):
        indices[axis] = (x - nodes[0]) / (nodes[1] - nodes[0])
    altitudes = axes[2]
    indices[2] = np.interp(alt, altitudes, np.arange(altitudes.size, dtype=float))
    return np.stack([map_coordinates(values[..., k], indices, order=1, mode="nearest",
                                     prefilter=False) for k in range(values.shape[-1])], axis=-1)


def _positions(lat_deg, lon_deg, altitude_km, low_km, high_km):
    lat = check_range("lat_deg", lat_deg, -90.0, 90.0, unit="deg")
    lon = check_range("lon_deg", lon_deg, -360.0, 360.0, unit="deg")
    alt = np.asarray(altitude_km, dtype=float)
    if np.isnan(alt).any() or alt.size and (alt.min() < low_km or alt.max() > high_km):
        offending = alt[np.isnan(alt) | (alt < low_km) | (alt > high_km)].flat[0]
        raise ValueError(
            f"altitude_km: {offending:g} km is outside the cached AE8/AP8 grid's validity "
            f"[{low_km:g}, {high_km:g}] km; build a GeomagneticGrid with other altitude_km "
            "to go beyond it"
        )
    lat, lon, alt = np.broadcast_arrays(lat, (lon + 180.0) % 360.0 - 180.0, alt)
    return lat, lon, alt


def geomagnetic_coordinates(lat_deg, lon_deg, altitude_km, *, model: str = "AP8MAX",
                            grid="standard"):
    """McIlwain L and B/B0 of the AE8/AP8 field model at positions, from the cached grid.

    Parameters
    ----------
    lat_deg, lon_deg : array-like
        Geodetic latitude and longitude [deg].
    altitude_km : array-like
        Altitude above the WGS84 ellipsoid [km], inside the grid's range.
    model : str
        A key of :data:`TRAPPED_MODELS`; selects the field model.
    grid : str or GeomagneticGrid

    Returns
    -------
    (l_shell, b_over_b0) : tuple of ndarray
        Broadcast shape of the inputs; L is capped at 30 where the field line is open.
    """
    field_model = _resolve_model(model)["field"]
    axes, values, (low, high) = _interpolators(field_model, grid)
    lat, lon, alt = _positions(lat_deg, lon_deg, altitude_km, low, high)
    both = _trilinear(axes, values, lat.ravel(), lon.ravel(), alt.ravel())
    return np.exp(both[:, 0]).reshape(lat.shape), np.exp(both[:, 1]).reshape(lat.shape)


def default_energy_grid_mev(model: str) -> np.ndarray:
    """Log-spaced energies spanning a model's tabulated range [MeV] (40 points)."""
    low, high = _resolve_model(model)["energy_range_mev"]
    return np.geomspace(low, high, 40)


#: How AE8/AP8 are read between the nodes of their (L, B/B0) maps. ``esa`` is what SPENVIS and
#: UNIRAD use (and the default here): Daly et al. (1996) showed that the original NASA routine
#: (TRARA, interpolating in B/B0 at fixed L between the two nearest L strings) understates the
#: flux near the atmospheric cut-off, i.e. in LEO; ESA's interpolates linearly in (L, φ) with
#: φ = arcsin[(B/B0 − 1)/(B_c/B0 − 1)], B_c the map's cut-off at that L, so that the cut-off of
#: one L string maps onto the cut-off of the next. Both are IRBEM's (ESA_TRARA1 by H. Evans,
#: TRARA1 by Bilitza), reached through the IRBEM library that aep8 ships.
MAP_INTERPOLATIONS = {
    "esa": "Daly, Lemaire, Heynderickx & Rodgers 1996, IEEE TNS 43(2), 403; IRBEM ESA_TRARA1",
    "nasa": "Sawyer & Vette 1976 / Vette 1991 TRARA (NSSDC); IRBEM TRARA1, aep8's own",
}
# IRBEM's model numbers in get_AE8_AP8_flux; a negative number selects ESA's interpolation.
_IRBEM_MODEL_NUMBER = {"AE8MIN": 1, "AE8MAX": 2, "AP8MIN": 3, "AP8MAX": 4}
_IRBEM_MAX_ENERGIES = 25          # get_AE8_AP8_flux: energy(2, 25)


@functools.cache
def _irbem():
    """IRBEM's vectorised AE8/AP8 routine in aep8's compiled library, and its batch size.

    aep8's public functions always use NASA's interpolation; the library underneath is IRBEM's
    and exports ``get_ae8_ap8_flux_`` (many points and energies in one Fortran call, either
    interpolation). PyDLL keeps the GIL held, so no other Python thread enters the Fortran
    COMMON blocks meanwhile.
    """
    import ctypes

    from aep8 import _irbem as extension

    library = ctypes.PyDLL(extension.__file__)
    try:
        flux, size = library.get_ae8_ap8_flux_, library.get_irbem_ntime_max1_
    except AttributeError:  # pragma: no cover - another aep8 build
        raise RuntimeError(f"aep8 {_version('aep8')}: its IRBEM library does not export "
                           "get_ae8_ap8_flux_; use an aep8 1.1 wheel") from None
    batch = ctypes.c_int32()
    size(ctypes.byref(batch))
    return flux, batch.value


def _irbem_integral_flux(model: str, shell, ratio, energy, interpolation: str):
    """AE8/AP8 integral flux [cm⁻² s⁻¹] at (L, B/B0) points × energies, through IRBEM.

    IRBEM returns the flux only where it exceeds the maps' lowest contour (log F > 0) and
    a bad-data value elsewhere (outside the map, the model's L range or energy range): 0 here.
    """
    import ctypes

    flux_routine, batch = _irbem()
    shell = np.ascontiguousarray(shell, dtype=float).ravel()
    ratio = np.ascontiguousarray(ratio, dtype=float).ravel()
    number = _IRBEM_MODEL_NUMBER[model] * (-1 if interpolation == "esa" else 1)
    out = np.zeros((shell.size, energy.size))
    # Fortran arrays: energy(2, 25), flux(ntime_max, 25), B/B0 and L (ntime_max).
    energies = np.zeros((_IRBEM_MAX_ENERGIES, 2))
    shell_in, ratio_in = np.zeros(batch), np.zeros(batch)
    flux_out = np.zeros((_IRBEM_MAX_ENERGIES, batch))
    which, integral = ctypes.c_int32(number), ctypes.c_int32(3)

    def pointer(array):
        return array.ctypes.data_as(ctypes.c_void_p)

    for first_energy in range(0, energy.size, _IRBEM_MAX_ENERGIES):
        part = energy[first_energy:first_energy + _IRBEM_MAX_ENERGIES]
        energies[: part.size, 0] = part
        n_energy = ctypes.c_int32(part.size)
        for first in range(0, shell.size, batch):
            count = min(batch, shell.size - first)
            shell_in[:count] = shell[first:first + count]
            ratio_in[:count] = ratio[first:first + count]
            flux_routine(ctypes.byref(ctypes.c_int32(count)), ctypes.byref(which),
                         ctypes.byref(integral), ctypes.byref(n_energy), pointer(energies),
                         pointer(ratio_in), pointer(shell_in), pointer(flux_out))
            out[first:first + count, first_energy:first_energy + part.size] = \
                flux_out[: part.size, :count].T
    return np.where(np.isfinite(out) & (out > 0), out, 0.0)


def _integral_flux_lb(model: str, shell, ratio, energy_mev, interpolation: str = "esa"):
    """AE8/AP8 integral flux at (L, B/B0) less the maps' 1 cm⁻² s⁻¹ floor, exactly (IRBEM)."""
    shell, ratio = np.asarray(shell, dtype=float), np.asarray(ratio, dtype=float)
    energy = np.asarray(energy_mev, dtype=float)

    def evaluate(shell, ratio, energy):
        flux = _irbem_integral_flux(model, shell, ratio, energy, interpolation)
        # Inside, the maps stop at their lowest contour, 1 cm⁻² s⁻¹ (see _MAP_FLOOR_CM2_S).
        return (flux - _MAP_FLOOR_CM2_S).clip(min=0.0).reshape(shell.shape + energy.shape)

    # The integral flux falls with energy, so a point with no flux above the lowest energy has
    # none above any: evaluate the full spectrum only inside the belts (often < 30 % of LEO).
    inside = evaluate(shell, ratio, energy.min(keepdims=True))[..., 0] > 0
    flux = np.zeros(shell.shape + energy.shape)
    flux[inside] = evaluate(shell[inside], ratio[inside], energy)
    return flux


# The flux table: ln(1 + F) of AE8/AP8 on a fine (ln L, ln B/B0) grid per (model, energies,
# interpolation), interpolated bilinearly, vectorised over points and energies. On 1000 × 900
# nodes (ΔL/L = 0.25 %, Δ(B/B0)/(B/B0) = 0.8 %) orbit-averaged spectra agree with exact
# evaluation within 1 % (tests/test_radiation.py). Nodes are evaluated when a lookup first needs
# them (an orbit visits a small part of the table) and kept, in memory and on disk, so a study's
# later orbits only read. The table serves large inputs (points × energies above
# _TABLE_MIN_SAMPLES) and any input once a table for the same energies exists.
_TABLE_LOG_L = np.linspace(0.0, np.log(12.0), 1000)
_TABLE_LOG_B_OVER_B0 = np.linspace(0.0, 7.0, 900)
_TABLE_MIN_SAMPLES = 2_000_000


def _table_path(model: str, energy, interpolation: str) -> Path:
    key = {"model": model, "energy_mev": [float(e) for e in energy],
           "interpolation": interpolation,
           "log_l": [float(_TABLE_LOG_L[0]), float(_TABLE_LOG_L[-1]), _TABLE_LOG_L.size],
           "log_b": [float(_TABLE_LOG_B_OVER_B0[0]), float(_TABLE_LOG_B_OVER_B0[-1]),
                     _TABLE_LOG_B_OVER_B0.size],
           "floor": _MAP_FLOOR_CM2_S, "aep8": _version("aep8"),
           "format": "sparse-log1p-float32", "grid_code": _grid_code_digest()}
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:16]
    return cache_dir() / "radiation" / f"fluxtable-{model}-{interpolation}-{digest}.npz"


@dataclass
class _FluxTable:
    """ln(1 + F) on the (ln L, ln B/B0) nodes, (n_L · n_B, n_energy), and which nodes are known."""

    model: str
    energy: np.ndarray
    interpolation: str
    path: Path
    values: np.ndarray
    known: np.ndarray
    stored: int = 0          # number of known nodes already on disk

    def fill(self, nodes):
        """Evaluate AE8/AP8 exactly at the table nodes (flat indices) not known yet."""
        nodes = np.unique(nodes)
        nodes = nodes[~self.known[nodes]]
        if nodes.size == 0:
            return
        n_b = _TABLE_LOG_B_OVER_B0.size
        shell = np.exp(_TABLE_LOG_L[nodes // n_b])
        ratio = np.exp(_TABLE_LOG_B_OVER_B0[nodes % n_b])
        # ln(1 + F): the logarithm of the flux with the maps' 1 cm⁻² s⁻¹ floor put back, 0
        # outside the belt (see _table_lookup). float32: 7 digits, far below the maps' own.
        self.values[nodes] = np.log1p(_integral_flux_lb(self.model, shell, ratio, self.energy,
                                                        self.interpolation))
        self.known[nodes] = True

    def save(self):
        """Write the known nodes (sparse: an orbit set touches a few % of the table)."""
        count = int(self.known.sum())
        if count == self.stored:
            return
        nodes = np.flatnonzero(self.known).astype(np.int32)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(f".tmp{os.getpid()}.npz")
        try:
            np.savez(temporary, nodes=nodes, values=self.values[nodes])
            os.replace(temporary, self.path)
        except OSError:          # a read-only cache only costs the re-evaluation next time
            pass
        finally:
            temporary.unlink(missing_ok=True)
        self.stored = count


def _flux_table(model: str, energy, interpolation: str = "esa", *, create: bool = True):
    """The flux table for (model, energies, interpolation): from memory, disk, or new (empty)."""
    energy = np.asarray(energy, dtype=float)
    # Keyed without the cache directory's own check (a file system probe per call).
    key = ("fluxtable", model, energy.tobytes(), interpolation, os.environ.get("ODC_CACHE_DIR"))
    if key in _MEMORY_CACHE:
        return _MEMORY_CACHE[key]
    path = _table_path(model, energy, interpolation)
    n_nodes = _TABLE_LOG_L.size * _TABLE_LOG_B_OVER_B0.size
    nodes = stored = None
    if path.exists():
        try:
            with np.load(path) as stored_file:
                nodes, stored = stored_file["nodes"], stored_file["values"]
        except (OSError, ValueError, KeyError):
            nodes = None            # unreadable: start afresh
    if nodes is None and not create:
        return None
    table = _FluxTable(model, energy, interpolation, path,
                       np.zeros((n_nodes, energy.size), dtype=np.float32),
                       np.zeros(n_nodes, dtype=bool))
    if nodes is not None and stored.shape == (nodes.size, energy.size):
        table.values[nodes] = stored
        table.known[nodes] = True
        table.stored = nodes.size
    _MEMORY_CACHE[key] = table
    return table


def _table_position(values, nodes):
    """Cell index and fraction of ln(values) on equally spaced nodes; False beyond the last."""
    index = (np.log(values) - nodes[0]) / (nodes[1] - nodes[0])
    # Interpolated (and IRBEM's own) B/B0 dips a little below 1 on the magnetic equator
    # (B0 = M/L³ is the dipole value): that is the equator, the table's first row.
    index = np.maximum(index, 0.0)
    inside = index <= nodes.size - 1
    index = np.clip(index, 0.0, nodes.size - 1 - 1e-9)
    whole = index.astype(np.intp)
    return whole, (index - whole).astype(np.float32)[:, None], inside


def _table_lookup(table: _FluxTable, shell, ratio):
    """Flux at (L, B/B0): bilinear in ln(1 + F) over the table, vectorised over points.

    Inside the belt ln(1 + F) is the maps' own log flux; at the map edge, where it falls to 0,
    1 + F falls smoothly to the 1 cm⁻² s⁻¹ floor and F to zero. Nodes not yet known are
    evaluated first (exactly) and kept.
    """
    n_b = _TABLE_LOG_B_OVER_B0.size
    shape = np.shape(shell) + (table.energy.size,)
    shell = np.asarray(shell, float).ravel()
    ratio = np.asarray(ratio, float).ravel()
    i, wi, inside_l = _table_position(shell, _TABLE_LOG_L)
    j, wj, inside_b = _table_position(ratio, _TABLE_LOG_B_OVER_B0)
    corner = i * n_b + j
    # Beyond the table (L > 12 or B/B0 > e⁷) there is no trapped flux in LEO.
    inside = inside_l & inside_b
    needed = corner[inside]
    if not table.known[needed].all() or not table.known[needed + n_b + 1].all():
        table.fill(np.concatenate([needed, needed + 1, needed + n_b, needed + n_b + 1]))
        table.save()
    rows = table.values
    flux = np.empty((shell.size, table.energy.size))
    for start in range(0, shell.size, 16_384):         # chunks that stay in the CPU cache
        part = slice(start, start + 16_384)
        c, fi, fj = corner[part], wi[part], wj[part]
        low, high = rows[c], rows[c + n_b]
        upper_left, upper_right = rows[c + 1], rows[c + n_b + 1]
        upper_left -= low
        upper_left *= fj
        low += upper_left
        upper_right -= high
        upper_right *= fj
        high += upper_right
        high -= low
        high *= fi
        high += low
        high[~inside[part]] = 0.0
        np.expm1(high, out=flux[part])
    return flux.reshape(shape)


def _integral_flux(model: str, shell, ratio, energy, interpolation: str = "esa"):
    """Integral flux at (L, B/B0): from the table for large inputs, exactly otherwise."""
    shell = np.asarray(shell, dtype=float)
    large = shell.size * energy.size >= _TABLE_MIN_SAMPLES
    table = _flux_table(model, energy, interpolation, create=large)
    if table is None:
        return _integral_flux_lb(model, shell, ratio, energy, interpolation)
    return _table_lookup(table, shell, ratio)


def _check_energy(model, energy_mev):
    low, high = _resolve_model(model)["energy_range_mev"]
    energy = check_range("energy_mev", energy_mev, low, high, unit="MeV")
    return np.atleast_1d(energy)


def trapped_flux(lat_deg, lon_deg, altitude_km, energy_mev, *, model: str = "AP8MAX",
                 kind: str = "integral", grid="standard",
                 interpolation: str = "esa") -> np.ndarray:
    """Omnidirectional trapped-particle flux from AE8/AP8 at positions and energies.

    Parameters
    ----------
    lat_deg, lon_deg : array-like
        Geodetic latitude and longitude [deg] (broadcast together with ``altitude_km``).
    altitude_km : array-like
        Altitude above WGS84 [km], within the grid's altitude range (200–2000 km by default).
    energy_mev : float or 1-D array
        Particle kinetic energy [MeV], within the model's range (AP8 0.1–300, AE8 0.05–7).
    model : {"AP8MIN", "AP8MAX", "AE8MIN", "AE8MAX"}
    kind : {"integral", "differential"}
        Integral flux above ``energy_mev`` [cm⁻² s⁻¹] or differential flux [cm⁻² s⁻¹ MeV⁻¹].
    grid : str or GeomagneticGrid
        Geomagnetic grid used for (L, B/B0) (see :func:`geomagnetic_grid`).
    interpolation : {"esa", "nasa"}
        How the AE8/AP8 maps are read between their nodes (:data:`MAP_INTERPOLATIONS`):
        ESA's (Daly et al. 1996; SPENVIS) or the original NASA TRARA (aep8's).

    Returns
    -------
    ndarray
        Shape ``broadcast(lat, lon, alt).shape + (n_energy,)``.

    Notes
    -----
    (L, B/B0) come from the cached grid (ln L, ln B/B0 linear in lat, lon, alt); AE8/AP8 are
    then evaluated (IRBEM, with the chosen map interpolation), less the maps' lowest contour of
    1 cm⁻² s⁻¹ (AE8/AP8 jump from ≥ 1 to 0 at the map edge; subtracting it keeps spectra and
    maps continuous). The differential
    flux is the centred difference of the integral flux over ±1 % in energy:
    j(E) = [F(0.99 E) − F(1.01 E)] / (0.02 E).

    References
    ----------
    Sawyer, D. M. & Vette, J. I. (1976), AP-8 trapped proton environment, NSSDC 76-06.
    Vette, J. I. (1991), The AE-8 trapped electron model environment, NSSDC 91-24.
    Daly, E. J., Lemaire, J., Heynderickx, D. & Rodgers, D. J. (1996), Problems with models of
    the radiation belts, IEEE TNS 43(2), 403.

    Examples
    --------
    >>> f = trapped_flux(-30.0, -45.0, 500.0, 20.0, model="AP8MAX", grid="coarse")
    >>> 300 < float(f[0]) < 1500     # ~950 protons cm⁻² s⁻¹ above 20 MeV (NASA's TRARA: ~820)
    True
    """
    check_choice("kind", kind, ("integral", "differential"))
    check_choice("interpolation", interpolation, tuple(MAP_INTERPOLATIONS),
                 where="orbital.radiation.MAP_INTERPOLATIONS")
    energy = _check_energy(model, energy_mev)
    shell, ratio = geomagnetic_coordinates(lat_deg, lon_deg, altitude_km, model=model, grid=grid)
    if kind == "integral":
        return _integral_flux(model, shell, ratio, energy, interpolation)
    step = 0.01
    low, high = _resolve_model(model)["energy_range_mev"]
    lower = np.clip(energy * (1 - step), low, high)
    upper = np.clip(energy * (1 + step), low, high)
    both = _integral_flux(model, shell, ratio, np.concatenate([lower, upper]), interpolation)
    return (both[..., : energy.size] - both[..., energy.size:]) / (upper - lower)


def read_track(track, lat_deg, lon_deg, altitude_km):
    """Arrays and dims from a propagate Dataset (lat, lon, alt_km) or from plain arrays."""
    if track is not None:
        check_states(track, need=("lat", "lon", "alt_km"), field="track")
        lat = track["lat"]
        return (lat.values, track["lon"].values, track["alt_km"].values, lat.dims,
                {d: track[d] for d in lat.dims if d in track.coords})
    if lat_deg is None or lon_deg is None or altitude_km is None:
        raise ValueError("track: pass a Dataset, or all of lat_deg, lon_deg and altitude_km")
    lat, lon, alt = np.broadcast_arrays(np.asarray(lat_deg, float), np.asarray(lon_deg, float),
                                        np.asarray(altitude_km, float))
    dims = ("time", "satellite")[: lat.ndim] if lat.ndim <= 2 else tuple(
        f"dim_{i}" for i in range(lat.ndim))
    return lat, lon, alt, dims, {}


def trapped_spectra(track=None, *, lat_deg=None, lon_deg=None, altitude_km=None,
                    models=("AP8MAX", "AE8MAX"), proton_energy_mev=None,
                    electron_energy_mev=None, grid="standard",
                    interpolation: str = "esa") -> xr.Dataset:
    """Integral and differential trapped spectra along an orbit, and their orbit average.

    Parameters
    ----------
    track : xarray.Dataset, optional
        Output of :func:`orbital.orbits.propagate` (variables ``lat``, ``lon``, ``alt_km`` on
        dims (time, satellite)). Or give the three arrays below instead.
    lat_deg, lon_deg, altitude_km : array-like, optional
        Geodetic positions [deg, deg, km]; 1-D is read as ``time``, 2-D as (time, satellite).
    models : tuple of str
        One proton and/or one electron model from :data:`TRAPPED_MODELS`.
    proton_energy_mev, electron_energy_mev : 1-D array, optional
        Energy grids [MeV]; default: 40 log-spaced points over each model's range.
    grid : str or GeomagneticGrid
    interpolation : {"esa", "nasa"}
        How the AE8/AP8 maps are read between their nodes (:data:`MAP_INTERPOLATIONS`); ESA's,
        the default, is SPENVIS's.

    Returns
    -------
    xarray.Dataset
        For each particle (``proton``/``electron``): ``{p}_integral_flux_cm2_s`` and
        ``{p}_differential_flux_cm2_s_mev`` on (track dims…, ``{p}_energy_mev``), and
        orbit averages ``mean_{p}_integral_flux_cm2_s`` / ``mean_{p}_differential_flux_cm2_s_mev``
        over ``time`` (or over every track dim when there is no ``time``).

    Notes
    -----
    The differential flux is −dF/dE by finite differences of the integral flux on the energy
    grid (``numpy.gradient``), so a finer grid gives a finer differential spectrum.

    Examples
    --------
    >>> ds = trapped_spectra(lat_deg=[-30.0, 10.0], lon_deg=[-45.0, 100.0],
    ...                      altitude_km=[500.0, 500.0], models=("AP8MAX",), grid="coarse")
    >>> ds.proton_integral_flux_cm2_s.dims
    ('time', 'proton_energy_mev')
    """
    check_choice("interpolation", interpolation, tuple(MAP_INTERPOLATIONS),
                 where="orbital.radiation.MAP_INTERPOLATIONS")
    lat, lon, alt, dims, coords = read_track(track, lat_deg, lon_deg, altitude_km)
    particles = {}
    for model in models:
        spec = _resolve_model(model)
        name = "proton" if spec["particle"] == "p" else "electron"
        if name in particles:
            raise ValueError(f"models: give at most one {name} model, got {list(models)}")
        particles[name] = model
    out = xr.Dataset(coords=coords)
    coordinates = {}
    average_dims = ("time",) if "time" in dims else dims
    for name, model in particles.items():
        energy = proton_energy_mev if name == "proton" else electron_energy_mev
        energy = default_energy_grid_mev(model) if energy is None else _check_energy(model, energy)
        edim = f"{name}_energy_mev"
        # Models that share a field model (AP8MIN, AE8MIN, AE8MAX) share (L, B/B0).
        field = _resolve_model(model)["field"]
        if field not in coordinates:
            coordinates[field] = geomagnetic_coordinates(lat, lon, alt, model=model, grid=grid)
        integral = _integral_flux(model, *coordinates[field], energy, interpolation)
        # j = −dF/dE by (second-order) finite differences on the energy grid itself.
        differential = np.gradient(integral, energy, axis=-1)
        np.negative(differential, out=differential)
        np.maximum(differential, 0.0, out=differential)
        out = out.assign_coords({edim: (edim, energy, {"units": "MeV",
                                                       "long_name": f"{name} kinetic energy"})})
        out[f"{name}_integral_flux_cm2_s"] = (
            dims + (edim,), integral,
            {"units": "cm-2 s-1", "long_name": f"omnidirectional integral {name} flux above "
             f"energy ({model})"})
        out[f"{name}_differential_flux_cm2_s_mev"] = (
            dims + (edim,), differential,
            {"units": "cm-2 s-1 MeV-1", "long_name": f"omnidirectional differential {name} flux "
             f"({model})"})
        for var in (f"{name}_integral_flux_cm2_s", f"{name}_differential_flux_cm2_s_mev"):
            # The fluxes are finite (no NaN to skip): a plain mean, without nanmean's copy.
            mean = out[var].mean(average_dims, skipna=False) if average_dims else out[var]
            mean.attrs = dict(out[var].attrs, long_name="orbit-averaged " + out[var].long_name)
            out["mean_" + var] = mean
        out.attrs[f"{name}_model"] = model
    out.attrs["map_interpolation"] = interpolation
    out.attrs["min_altitude_km"] = float(np.min(alt)) if np.size(alt) else float("nan")
    return out


def flux_map(altitude_km: float, energy_mev: float, *, model: str = "AP8MAX",
             lat_step_deg: float = 1.0, lon_step_deg: float = 2.0,
             grid="standard") -> xr.Dataset:
    """Integral trapped flux on a latitude–longitude map at one altitude (e.g. the SAA).

    Parameters
    ----------
    altitude_km : float
        Altitude above WGS84 [km].
    energy_mev : float
        Threshold energy [MeV] of the integral flux.
    model : str
        A key of :data:`TRAPPED_MODELS`.
    lat_step_deg, lon_step_deg : float
        Map resolution [deg].
    grid : str or GeomagneticGrid

    Returns
    -------
    xarray.Dataset
        ``integral_flux_cm2_s`` on (lat, lon).

    Examples
    --------
    >>> m = flux_map(500.0, 10.0, grid="coarse", lat_step_deg=5, lon_step_deg=10)
    >>> peak = m.integral_flux_cm2_s.argmax(...)
    >>> float(m.lat[peak["lat"]]) < 0     # the South Atlantic Anomaly is south of the equator
    True
    """
    check_range("altitude_km", altitude_km, 0.0, None, unit="km")
    check_range("lat_step_deg", lat_step_deg, 0.05, 30.0, unit="deg")
    check_range("lon_step_deg", lon_step_deg, 0.05, 60.0, unit="deg")
    lat = np.arange(-90.0, 90.0 + 1e-9, lat_step_deg)
    lon = np.arange(-180.0, 180.0 + 1e-9, lon_step_deg)
    la, lo = np.meshgrid(lat, lon, indexing="ij")
    flux = trapped_flux(la, lo, altitude_km, energy_mev, model=model, grid=grid)[..., 0]
    return xr.Dataset(
        {"integral_flux_cm2_s": (("lat", "lon"), flux, {
            "units": "cm-2 s-1",
            "long_name": f"{model} omnidirectional flux above {energy_mev:g} MeV at "
                         f"{altitude_km:g} km"})},
        coords={"lat": ("lat", lat, {"units": "degrees_north", "long_name": "geodetic latitude"}),
                "lon": ("lon", lon, {"units": "degrees_east", "long_name": "geodetic longitude"})},
        attrs={"altitude_km": float(altitude_km), "energy_mev": float(energy_mev), "model": model},
    )

