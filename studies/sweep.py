"""Batch parameter sweeps: one scenario, some of its fields varied, every point run through Dask,
each finished point kept in a Zarr store so a killed sweep resumes where it stopped; a finished
store also holds the stacked results as a plain Zarr group, ``result`` (:data:`RESULT_GROUP`).

A sweep file (TOML) names a base scenario and the fields to vary by their dotted path::

    name = "altitude-radiator"
    scenario = "default"          # a shipped scenario name, or a path relative to this file
    method = "grid"               # grid | latin-hypercube | sobol

    [set]                         # optional: fixed changes to the base scenario, by dotted path
    fidelity = "analytic"         # e.g. its closed-form tier (studies.compare.run), for big sweeps

    [fields.altitude_km]          # the key names the result's dimension
    path = "orbital.0.constellation.altitude_km"   # optional: defaults to the key itself
    values = [500.0, 650.0, 800.0]

    [fields.radiator_area_m2]
    path = "orbital.0.design.radiator_area_m2"
    start = 5.0                   # start / stop / step (stop included when on the grid)
    stop = 20.0
    step = 5.0                    # or: linspace = [5.0, 20.0, 4]

A grid sweep runs the Cartesian product of the fields' values and stacks the results with one
dimension per field, in the file's order. ``method = "latin-hypercube"`` or ``"sobol"`` draws
``samples`` points inside each field's ``bounds = [low, high]`` (``integer = true`` for counts)
with :mod:`scipy.stats.qmc` and a ``seed``, and stacks the results along a ``sample``
dimension whose coordinates are the sampled values.

Every point runs through a :class:`dask.distributed.Client`: on local processes by default
(an embedded ``LocalCluster`` the sweep starts and closes), or on an existing cluster when a
scheduler address is given (``scheduler="tcp://host:8786"`` or ``DASK_SCHEDULER_ADDRESS``).
The workers of an existing cluster must be able to import the runner (orbital-dc installed).
"""

from __future__ import annotations

import difflib
import hashlib
import importlib
import itertools
import json
import logging
import math
import os
import shutil
import sys
import time
import tomllib
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xarray as xr

__all__ = ["SweepError", "Sweep", "SweepField", "load_sweep", "run_sweep", "open_sweep",
           "shipped_sweeps", "METHODS", "SWEEPS_FOLDER"]

METHODS = ("grid", "latin-hypercube", "sobol")
"""Ways to choose the points: the Cartesian product of listed values, or a space-filling sample."""

SCHEDULER_TIMEOUT_S = 5.0
"""How long to wait for an existing Dask scheduler to answer before giving up [s]."""

MAX_POINTS = 1_000_000
"""Largest sweep accepted (each point is one scenario run and one file in the store)."""

STORE_FORMAT = 2
"""Layout version of a sweep store: root Zarr attributes + one ``points/<index>`` file per point
(2: a JSON header describing the point's Dataset, then its arrays' raw bytes; 1: a Zarr group
per point, still read)."""

_READABLE_FORMATS = (1, 2)

SWEEPS_FOLDER = Path(__file__).parent / "data" / "sweeps"
"""Where the shipped sweep files live; :func:`load_sweep` finds them by name."""

_TOP_KEYS = ("name", "description", "scenario", "method", "samples", "seed", "set", "fields")
_FIELD_KEYS = ("path", "values", "start", "stop", "step", "linspace", "bounds", "integer",
               "units", "long_name")
_RESERVED_DIMS = ("sample", "point")

# CF unit of a field inferred from the last word of its name (names carry units, STYLE.md);
# "a_per_b" becomes "a b-1". A field named otherwise (planes, adoption) is dimensionless.
_UNIT_SUFFIXES = {
    "km": "km", "m": "m", "m2": "m2", "mm": "mm", "kg": "kg", "k": "K", "deg": "degree",
    "hours": "h", "h": "h", "s": "s", "w": "W", "kw": "kW", "kwh": "kWh", "years": "year",
    "usd": "USD", "gb": "GB", "j": "J",
}

_log = logging.getLogger(__name__)


class SweepError(ValueError):
    """A sweep file or sweep store that cannot be used; the message names the file and key."""


# --------------------------------------------------------------------------------------------
# the sweep file
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepField:
    """One varied scenario field: its dimension ``name``, the scenario ``path`` it sets, and
    either the grid ``values`` or the sampling ``bounds``."""

    name: str
    path: str
    values: tuple | None
    bounds: tuple[float, float] | None
    integer: bool
    units: str | None
    long_name: str


@dataclass(frozen=True)
class Sweep:
    """A validated sweep file. ``points()`` lists the points, each a ``{field name: value}``."""

    file: Path
    name: str
    description: str
    scenario: str
    method: str
    samples: int | None
    seed: int
    fields: tuple[SweepField, ...]
    overrides: tuple = ()

    @property
    def dims(self) -> tuple[str, ...]:
        """Dimensions the swept fields add to the results."""
        return tuple(f.name for f in self.fields) if self.method == "grid" else ("sample",)

    @property
    def shape(self) -> tuple[int, ...]:
        if self.method == "grid":
            return tuple(len(f.values) for f in self.fields)
        return (self.samples,)

    def points(self) -> list[dict]:
        r"""The sweep's points in order, each a ``{field name: value}``.

        Returns
        -------
        list of dict
            Grid: the Cartesian product in C order (the last field varies fastest).
            Latin hypercube / Sobol: ``samples`` points of :mod:`scipy.stats.qmc` [1]_
            with the sweep's seed, mapped from the unit cube onto each field's bounds.

        Notes
        -----
        A Latin hypercube of N points puts exactly one point in each of the N equal strata of
        every field [2]_; a scrambled Sobol' sequence [3]_ does so for :math:`N = 2^m` [4]_,
        hence the power-of-2 sample counts. An integer field in :math:`[a, b]` maps
        :math:`u \in [0, 1)` to :math:`a + \lfloor u\,(b - a + 1) \rfloor`: equal-width bins.

        References
        ----------
        .. [1] Roy, Owen, Balandat & Haberland (2023), Quasi-Monte Carlo methods in Python,
           JOSS 8(84), 5309, doi:10.21105/joss.05309.
        .. [2] McKay, Beckman & Conover (1979), Technometrics 21(2), 239–245,
           doi:10.1080/00401706.1979.10489755.
        .. [3] Sobol' (1967), USSR Comput. Math. Math. Phys. 7(4), 86–112,
           doi:10.1016/0041-5553(67)90144-9.
        .. [4] Owen (1998), J. Complexity 14(4), 466–489, doi:10.1006/jcom.1998.0487.
        """
        names = [f.name for f in self.fields]
        if self.method == "grid":
            return [dict(zip(names, combination))
                    for combination in itertools.product(*(f.values for f in self.fields))]
        from scipy.stats import qmc

        sampler = (qmc.LatinHypercube if self.method == "latin-hypercube" else qmc.Sobol)(
            d=len(self.fields), rng=self.seed)
        unit_cube = sampler.random(self.samples)
        columns = []
        for column, field in zip(unit_cube.T, self.fields):
            low, high = field.bounds
            if field.integer:
                # equal-width bins over the integers low … high, so each is equally likely
                values = np.minimum(low + np.floor(column * (high - low + 1)), high).astype(int)
                columns.append([int(v) for v in values])
            else:
                columns.append([float(v) for v in low + column * (high - low)])
        return [dict(zip(names, row)) for row in zip(*columns)]


def _fail(file, message):
    raise SweepError(f"{file}: {message}")


def _check_keys(file, where, table, allowed):
    for key in table:
        if key not in allowed:
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            _fail(file, f"unknown key {where}{key!r}{hint}; allowed keys: {', '.join(allowed)}")


def _number(file, key, value, *, integer=False):
    kind = (int,) if integer else (int, float)
    if isinstance(value, bool) or not isinstance(value, kind) or (
            isinstance(value, float) and not math.isfinite(value)):
        _fail(file, f"{key} = {value!r} must be a{'n integer' if integer else ' finite number'}")
    return value


def _field_units(name):
    words = name.lower().split("_")
    if "per" in words[1:-1]:
        split = words.index("per", 1)
        numerator, denominator = _UNIT_SUFFIXES.get(words[split - 1]), _UNIT_SUFFIXES.get(words[-1])
        if numerator and denominator:
            return f"{numerator} {denominator}-1"
    return _UNIT_SUFFIXES.get(words[-1], "1")


def _grid_values(file, key, spec):
    given = [k for k in ("values", "linspace", "start") if k in spec]
    if "stop" in spec or "step" in spec:
        given = sorted(set(given) | {"start"})
    if len(given) != 1:
        _fail(file, f"{key}: give exactly one of values = [...], linspace = [start, stop, num], "
                    f"or start/stop/step (found {', '.join(given) or 'none'})")
    if "values" in spec:
        values = spec["values"]
        if not isinstance(values, list) or not values:
            _fail(file, f"{key}.values = {values!r} must be a non-empty list")
        for value in values:
            if not isinstance(value, str):
                _number(file, f"{key}.values", value)
        if len(set(values)) != len(values):
            _fail(file, f"{key}.values = {values!r} repeats a value; each must appear once")
        if len({type(v) is str for v in values}) > 1:
            _fail(file, f"{key}.values = {values!r} mixes text and numbers")
        return tuple(values)
    if "linspace" in spec:
        triple = spec["linspace"]
        if not isinstance(triple, list) or len(triple) != 3:
            _fail(file, f"{key}.linspace = {triple!r} must be [start, stop, num]")
        start, stop = (_number(file, f"{key}.linspace", v) for v in triple[:2])
        num = _number(file, f"{key}.linspace[2]", triple[2], integer=True)
        if not 1 <= num <= MAX_POINTS:
            _fail(file, f"{key}.linspace[2] = {num} is outside the allowed range [1, {MAX_POINTS}]")
        return tuple(float(v) for v in np.linspace(start, stop, num))
    missing = [k for k in ("start", "stop", "step") if k not in spec]
    if missing:
        _fail(file, f"{key}: start/stop/step needs all three ({', '.join(missing)} missing)")
    start, stop, step = (_number(file, f"{key}.{k}", spec[k]) for k in ("start", "stop", "step"))
    if step <= 0:
        _fail(file, f"{key}.step = {step!r} must be > 0")
    if stop < start:
        _fail(file, f"{key}.stop = {stop!r} must be >= start = {start!r}")
    # stop is included when it falls on the grid (tolerance for binary fractions like 0.1)
    count = math.floor((stop - start) / step * (1 + 1e-12) + 1e-9) + 1
    if count > MAX_POINTS:
        _fail(file, f"{key}: {count} values is more than the allowed {MAX_POINTS}")
    if all(isinstance(v, int) for v in (start, stop, step)):
        return tuple(start + k * step for k in range(count))
    return tuple(float(start + k * step) for k in range(count))


def shipped_sweeps() -> list[str]:
    """Names of the sweep files shipped with orbital-dc (in :data:`SWEEPS_FOLDER`)."""
    return sorted(path.stem for path in SWEEPS_FOLDER.glob("*.toml"))


def load_sweep(path) -> Sweep:
    """Read and validate a sweep file.

    Parameters
    ----------
    path : str or path-like
        The sweep's TOML file, or the name of a shipped sweep (:func:`shipped_sweeps`).

    Returns
    -------
    Sweep

    Raises
    ------
    SweepError
        One line naming the file, the key, the value and what is allowed (unknown keys suggest
        the closest allowed key).

    Examples
    --------
    >>> sweep = load_sweep("altitude-radiator")
    >>> sweep.dims, sweep.shape
    (('altitude_km', 'chip_max_temperature_k'), (6, 4))
    >>> sweep.points()[1]
    {'altitude_km': 400.0, 'chip_max_temperature_k': 343.0}
    """
    file = Path(path)
    if not file.exists() and file.suffix == "" and len(file.parts) == 1:
        if file.name not in shipped_sweeps():
            close = difflib.get_close_matches(file.name, shipped_sweeps(), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise SweepError(f"{file}: no such sweep file, nor a shipped sweep{hint}; shipped: "
                             f"{', '.join(shipped_sweeps())}")
        file = SWEEPS_FOLDER / f"{file.name}.toml"
    try:
        with open(file, "rb") as stream:
            table = tomllib.load(stream)
    except FileNotFoundError:
        raise SweepError(f"{file}: no such sweep file") from None
    except tomllib.TOMLDecodeError as error:
        raise SweepError(f"{file}: not valid TOML: {error}") from None
    _check_keys(file, "", table, _TOP_KEYS)
    for key in ("scenario", "fields"):
        if key not in table:
            _fail(file, f"missing key {key!r}")
    scenario = table["scenario"]
    if not isinstance(scenario, str) or not scenario:
        _fail(file, f"scenario = {scenario!r} must be a scenario name or a path")
    name = table.get("name", file.stem)
    description = table.get("description", "")
    for key, value in (("name", name), ("description", description)):
        if not isinstance(value, str):
            _fail(file, f"{key} = {value!r} must be text")
    method = table.get("method", "grid")
    if method not in METHODS:
        close = difflib.get_close_matches(str(method), METHODS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        _fail(file, f"method = {method!r} is not one of {', '.join(METHODS)}{hint}")
    samples, seed = table.get("samples"), table.get("seed", 0)
    if method == "grid":
        for key in ("samples", "seed"):
            if key in table:
                _fail(file, f"{key} = {table[key]!r} only applies to method = 'latin-hypercube' "
                            "or 'sobol' (this sweep is a grid)")
    else:
        if samples is None:
            _fail(file, f"method = {method!r} needs samples = N (number of points)")
        _number(file, "samples", samples, integer=True)
        if not 1 <= samples <= MAX_POINTS:
            _fail(file, f"samples = {samples} is outside the allowed range [1, {MAX_POINTS}]")
        if method == "sobol" and samples & (samples - 1):
            lower = 1 << (samples.bit_length() - 1)
            _fail(file, f"samples = {samples}: a Sobol sample keeps its balance only for a power "
                        f"of 2 (use {lower} or {2 * lower}, or method = 'latin-hypercube')")
        _number(file, "seed", seed, integer=True)
        if seed < 0:
            _fail(file, f"seed = {seed} must be >= 0")
    fields_table = table["fields"]
    if not isinstance(fields_table, dict) or not fields_table:
        _fail(file, "fields must hold at least one [fields.NAME] table")
    fields = []
    for field_name, spec in fields_table.items():
        key = f"fields.{field_name}"
        if not isinstance(spec, dict):
            _fail(file, f"{key} = {spec!r} must be a table ([fields.{field_name}] with values = ...)")
        if spec and all(isinstance(v, dict) for v in spec.values()):
            _fail(file, f"{key}: a dotted path must be quoted, [fields.\"{field_name}."
                        f"{next(iter(spec))}...\"], or given as path = \"...\"")
        _check_keys(file, f"in {key}: ", spec, _FIELD_KEYS)
        if field_name in _RESERVED_DIMS:
            _fail(file, f"{key}: {field_name!r} is reserved for the sweep's own dimension; "
                        "name the field otherwise and give path = \"...\"")
        path = spec.get("path", field_name)
        if not isinstance(path, str) or not path:
            _fail(file, f"{key}.path = {path!r} must be a dotted scenario path")
        integer = spec.get("integer", False)
        if not isinstance(integer, bool):
            _fail(file, f"{key}.integer = {integer!r} must be true or false")
        values = bounds = None
        if method == "grid":
            if "bounds" in spec:
                _fail(file, f"{key}.bounds only applies to method = 'latin-hypercube' or 'sobol'; "
                            "a grid takes values, linspace or start/stop/step")
            values = _grid_values(file, key, spec)
        else:
            extra = [k for k in ("values", "linspace", "start", "stop", "step") if k in spec]
            if extra:
                _fail(file, f"{key}.{extra[0]}: method = {method!r} samples inside "
                            "bounds = [low, high]; lists and ranges are for method = 'grid'")
            bounds = spec.get("bounds")
            if not isinstance(bounds, list) or len(bounds) != 2:
                _fail(file, f"{key}.bounds = {bounds!r} must be [low, high]")
            low, high = (_number(file, f"{key}.bounds", v, integer=integer) for v in bounds)
            if not low < high:
                _fail(file, f"{key}.bounds = {bounds!r}: low must be < high")
            bounds = (low, high)
        numeric = values is None or not isinstance(values[0], str)
        units = spec.get("units", _field_units(field_name) if numeric else None)
        long_name = spec.get("long_name", f"swept scenario field {path}")
        for label, text in (("units", units), ("long_name", long_name)):
            if text is not None and not isinstance(text, str):
                _fail(file, f"{key}.{label} = {text!r} must be text")
        fields.append(SweepField(field_name, path, values, bounds, integer, units, long_name))
    paths = [f.path for f in fields]
    for path in paths:
        if paths.count(path) > 1:
            _fail(file, f"fields: the scenario path {path!r} is swept twice")
    total = math.prod(len(f.values) for f in fields) if method == "grid" else samples
    if total > MAX_POINTS:
        _fail(file, f"fields: {total} points is more than the allowed {MAX_POINTS}")
    overrides = table.get("set", {})
    if not isinstance(overrides, dict):
        _fail(file, f"set = {overrides!r} must be a table of scenario paths and values "
                    "([set] with fidelity = \"analytic\", ...)")
    overrides = tuple(_flatten("", overrides))
    for path, _ in overrides:
        if path in paths:
            _fail(file, f"set.{path}: this scenario path is also swept (fields)")
    return Sweep(file, name, description, scenario, method, samples, seed, tuple(fields),
                 overrides)


def _flatten(prefix, table):
    """``{"a": {"b": 1}}`` as ``[("a.b", 1)]``: TOML tables of ``[set]`` to dotted paths."""
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            yield from _flatten(f"{path}.", value)
        else:
            yield path, value


# --------------------------------------------------------------------------------------------
# scenarios and the sweep's identity
# --------------------------------------------------------------------------------------------


def _scenario_api(scenario_api):
    # studies.scenario and studies.compare are imported when a sweep runs, not at import time:
    # they are heavier and a sweep with injected functions (tests, benchmarks) does not need them
    return scenario_api if scenario_api is not None else importlib.import_module("studies.scenario")


def _default_runner(scenario):
    """The co-scheduler's full run, ``studies.compare.run(scenario)``."""
    return importlib.import_module("studies.compare").run(scenario)


def _runner_name(runner) -> str:
    if runner is _default_runner:
        return "studies.compare.run"
    function = getattr(runner, "func", runner)  # functools.partial
    qualname = getattr(function, "__qualname__", type(function).__qualname__)
    return f"{getattr(function, '__module__', '?')}.{qualname}"


def _jsonable(value):
    return value.item() if isinstance(value, np.generic) else value


def _base_scenario(sweep: Sweep, api):
    relative = sweep.file.parent / sweep.scenario
    reference = relative if relative.is_file() else sweep.scenario
    try:
        base = api.load_scenario(reference)
    except (ValueError, OSError) as error:
        raise SweepError(f"{sweep.file}: scenario = {sweep.scenario!r}: {_first_line(error)}") from error
    if not sweep.overrides:
        return base
    try:
        return api.with_overrides(base, dict(sweep.overrides))
    except (ValueError, KeyError, TypeError) as error:
        raise SweepError(f"{sweep.file}: set: {_first_line(error)}") from error


def _first_line(error) -> str:
    """The error's message on one line (a pydantic ValidationError spreads its field and
    reason over several lines; the first alone would only say "1 validation error for ...")."""
    text = " ".join(line.strip() for line in str(error).strip().splitlines() if line.strip())
    text = text or type(error).__name__
    return text if len(text) <= 400 else text[:399] + "…"


def _check_points(sweep: Sweep, base, api, points) -> None:
    """Check every point's scenario before any work starts (a store is tied to its sweep file,
    so a bad point found midway would force starting over): each field's values alone first,
    so an error names one field, then every combination."""
    for field in sweep.fields:
        probes = field.values if field.values is not None else field.bounds
        for value in probes:
            try:
                api.with_overrides(base, {field.path: value})
            except (ValueError, KeyError, TypeError) as error:
                raise SweepError(f"{sweep.file}: fields.{field.name} (path {field.path!r}) = "
                                 f"{value!r}: {_first_line(error)}") from error
    for index, point in enumerate(points):
        try:
            _point_scenario(sweep, base, api, point)
        except (ValueError, KeyError, TypeError) as error:
            raise SweepError(f"{sweep.file}: point {index} ({_describe(point)}) is not a valid "
                             f"scenario: {_first_line(error)}") from error


def _point_scenario(sweep: Sweep, base, api, point: dict):
    return api.with_overrides(base, {field.path: point[field.name] for field in sweep.fields})


def _definition(sweep: Sweep, scenario_hash: str, runner_name: str, points) -> dict:
    """What decides the results: the base scenario, the runner and every point's values. The
    name and description are left out, so editing them does not orphan a store."""
    return {
        "store_format": STORE_FORMAT,
        "scenario": sweep.scenario,
        "scenario_hash": scenario_hash,
        "runner": runner_name,
        "method": sweep.method,
        "samples": sweep.samples,
        "seed": sweep.seed if sweep.method != "grid" else None,
        "fields": [{"name": f.name, "path": f.path, "units": f.units, "long_name": f.long_name,
                    "integer": f.integer, "bounds": list(f.bounds) if f.bounds else None}
                   for f in sweep.fields],
        "points": [[_jsonable(point[f.name]) for f in sweep.fields] for point in points],
    }


def _hash(definition: dict) -> str:
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()


def _describe(point: dict) -> str:
    return ", ".join(f"{name}={value:.6g}" if isinstance(value, float) else f"{name}={value}"
                     for name, value in point.items())


# --------------------------------------------------------------------------------------------
# the store: root attributes written once, then one file per finished point
# --------------------------------------------------------------------------------------------


def _open_or_create_store(store: Path, sweep: Sweep, definition: dict, sweep_hash: str) -> set[int]:
    """Create the store, or check that an existing one belongs to this sweep; return the indices
    of the points already finished."""
    import zarr

    for debris in store.parent.glob(f".{store.name}.tmp-*"):
        shutil.rmtree(debris, ignore_errors=True)  # a store creation that was killed
    if store.exists() and not (store.is_dir() and not any(store.iterdir())):
        attributes = _store_attributes(store)
        if attributes.get("sweep_hash") != sweep_hash:
            old = json.loads(attributes["sweep_definition"])
            changed = [key for key in definition if old.get(key) != definition[key]] or ["?"]
            raise SweepError(
                f"{store}: this store holds another sweep (hash {attributes['sweep_hash'][:12]}, "
                f"from {attributes.get('sweep_file', '?')}); {sweep.file} now gives hash "
                f"{sweep_hash[:12]} (changed: {', '.join(changed)}). Refusing to mix results: "
                "use a new store, or delete this one to start over")
        for debris in store.glob(f".tmp-{RESULT_GROUP}-*"):
            shutil.rmtree(debris, ignore_errors=True)  # a result group whose write was killed
        points = store / "points"
        finished = set()
        for entry in points.iterdir():
            if entry.name.startswith(".tmp-"):  # debris of a write that was killed
                if entry.is_dir():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
            elif entry.name.isdigit():
                finished.add(int(entry.name))
        return finished
    # the root is built aside and renamed into place (onto an empty folder too), so a kill
    # leaves either no store or a whole one
    staging = store.parent / f".{store.name}.tmp-{uuid.uuid4().hex}"
    store.parent.mkdir(parents=True, exist_ok=True)
    root = zarr.open_group(staging, mode="w-", zarr_format=3)
    root.attrs.update({
        "orbital_dc_sweep": STORE_FORMAT,
        "sweep_hash": sweep_hash,
        "sweep_name": sweep.name,
        "sweep_description": sweep.description,
        "sweep_file": str(sweep.file),
        "sweep_definition": json.dumps(definition, sort_keys=True),
    })
    root.create_group("points")
    os.replace(staging, store)
    return set()


def _store_attributes(store: Path) -> dict:
    import zarr

    try:
        attributes = dict(zarr.open_group(store, mode="r").attrs)
    except Exception as error:  # zarr raises several types for "not a group"
        raise SweepError(f"{store}: not a sweep store ({_first_line(error)})") from None
    if (attributes.get("orbital_dc_sweep") not in _READABLE_FORMATS
            or not (store / "points").is_dir()):
        raise SweepError(f"{store}: not a sweep store written by orbital-dc "
                         f"(no 'orbital_dc_sweep' = {STORE_FORMAT} attribute and points/ group)")
    return attributes


#: First bytes of a point file (format 2), then the JSON header's length (8 bytes, little endian),
#: the JSON header, and the arrays' raw bytes one after another.
_POINT_MAGIC = b"ODCPOINT"


def _encode_point(result: xr.Dataset) -> bytes:
    """A point's result as one file: a JSON header describing the Dataset (names, dims,
    coordinates, attributes, and each array's dtype, shape and byte offset), then the arrays'
    raw C-order bytes.

    Encoding runs on the worker, in parallel; the client only writes the bytes. One file per
    point, read back with one ``read`` and one ``numpy.frombuffer`` per variable, keeps writing
    and reading a point to a millisecond or so (a Zarr group costs ~10 ms per variable, an
    ``.npz`` archive ~0.3 ms)."""
    layout, chunks, offset = [], [], 0
    for name, variable in result.variables.items():
        values = variable.values
        if values.dtype.kind == "O":  # text held as Python objects: fixed-width unicode
            values = values.astype(str)
        if values.dtype.hasobject or values.dtype.kind == "V":
            raise TypeError(f"variable {name!r}: dtype {values.dtype} cannot be stored; use "
                            "numbers, booleans, text or datetimes")
        data = np.ascontiguousarray(values).tobytes()
        layout.append({"name": name, "dims": list(variable.dims), "coord": name in result.coords,
                       "attrs": _json_attrs(variable.attrs), "dtype": values.dtype.str,
                       "shape": list(values.shape), "offset": offset, "nbytes": len(data)})
        chunks.append(data)
        offset += len(data)
    header = json.dumps({"attrs": _json_attrs(result.attrs), "variables": layout}).encode()
    return b"".join([_POINT_MAGIC, len(header).to_bytes(8, "little"), header, *chunks])


def _json_attrs(attrs: dict) -> dict:
    """Attributes as JSON, numpy arrays and scalars tagged with their dtype (exact round trip)."""
    def plain(value):
        if isinstance(value, np.ndarray):
            return {"__ndarray__": value.tolist(), "dtype": value.dtype.str}
        if isinstance(value, np.generic):
            return {"__numpy__": value.item(), "dtype": value.dtype.str}
        if isinstance(value, (list, tuple)):
            return [plain(v) for v in value]
        return value

    return {str(key): plain(value) for key, value in attrs.items()}


def _attrs_from_json(attrs: dict) -> dict:
    def value_of(value):
        if isinstance(value, dict) and "__ndarray__" in value:
            return np.array(value["__ndarray__"], dtype=value["dtype"])
        if isinstance(value, dict) and "__numpy__" in value:
            return np.array(value["__numpy__"], dtype=value["dtype"])[()]
        if isinstance(value, list):
            return [value_of(v) for v in value]
        return value

    return {key: value_of(value) for key, value in attrs.items()}


def _write_point(store: Path, index: int, blob: bytes) -> None:
    """Write one point's file under a temporary name, then rename it into place: a point
    either is complete or does not exist (rename is atomic on POSIX)."""
    staging = store / "points" / f".tmp-{index}-{uuid.uuid4().hex}"
    try:
        staging.write_bytes(blob)
        os.replace(staging, store / "points" / str(index))
    except BaseException:
        staging.unlink(missing_ok=True)
        raise


def _load_point(store: Path, index: int, store_format: int):
    """One point as (dataset attributes, [(name, dims, values, attrs, is_coord)])."""
    path = store / "points" / str(index)
    if store_format == 1:
        point = _read_zarr_point(path)
        return dict(point.attrs), [(name, variable.dims, variable.values, dict(variable.attrs),
                                    name in point.coords)
                                   for name, variable in point.variables.items()]
    blob = path.read_bytes()
    if not blob.startswith(_POINT_MAGIC):
        raise SweepError(f"{path}: not a point file of an orbital-dc sweep store")
    size = int.from_bytes(blob[len(_POINT_MAGIC):len(_POINT_MAGIC) + 8], "little")
    start = len(_POINT_MAGIC) + 8 + size
    layout = json.loads(blob[len(_POINT_MAGIC) + 8:start])
    variables = []
    for item in layout["variables"]:
        dtype = np.dtype(item["dtype"])
        values = np.frombuffer(blob, dtype=dtype, count=item["nbytes"] // dtype.itemsize
                               if dtype.itemsize else 0,
                               offset=start + item["offset"]).reshape(item["shape"])
        variables.append((item["name"], tuple(item["dims"]), values,
                          _attrs_from_json(item["attrs"]), item["coord"]))
    return _attrs_from_json(layout["attrs"]), variables


def _read_point(store: Path, index: int, store_format: int = STORE_FORMAT) -> xr.Dataset:
    attrs, variables = _load_point(store, index, store_format)
    return _dataset(attrs, {name: xr.Variable(dims, np.array(values), var_attrs)
                            for name, dims, values, var_attrs, _ in variables},
                    {name for name, *_, is_coord in variables if is_coord})


def _dataset(attrs, variables: dict, coord_names) -> xr.Dataset:
    data = {n: v for n, v in variables.items() if n not in coord_names}
    coords = {n: v for n, v in variables.items() if n in coord_names}
    return xr.Dataset(data, coords, attrs=attrs)


def _read_zarr_point(path: Path) -> xr.Dataset:
    """A point of a format-1 store (a Zarr group)."""
    with xr.open_zarr(path, consolidated=False, zarr_format=3, chunks=None) as point:
        point = point.load().drop_encoding()
    # back to numpy's fixed-width text, as the runner returned it
    return _retype_text(point, "T", lambda values: np.array(values.tolist(), dtype=str))


def _retype_text(dataset: xr.Dataset, kind: str, convert) -> xr.Dataset:
    """``dataset`` with its text variables of numpy dtype kind ``kind`` passed through
    ``convert(values)``."""
    changed = {name: variable.copy(data=convert(variable.values))
               for name, variable in dataset.variables.items() if variable.dtype.kind == kind}
    coords = {name: variable for name, variable in changed.items() if name in dataset.coords}
    data = {name: variable for name, variable in changed.items() if name not in coords}
    return dataset.assign_coords(coords).assign(data)


# --------------------------------------------------------------------------------------------
# execution
# --------------------------------------------------------------------------------------------


def _run_point(runner, scenario):
    """What a worker does for one point: run it and encode the result for the store."""
    result = runner(scenario)
    if not isinstance(result, xr.Dataset):
        raise TypeError(f"the runner {_runner_name(runner)} returned a {type(result).__name__}; "
                        "it must return an xarray.Dataset")
    return _encode_point(result)


def _dask_client(scheduler, workers, n_tasks):
    from studies.distributed import dask_client

    return dask_client(scheduler, workers, n_tasks, timeout_s=SCHEDULER_TIMEOUT_S)


class _Progress:
    """A tqdm bar with ETA on a terminal, one line per point otherwise, nothing in CI."""

    def __init__(self, enabled, name, total, done):
        in_ci = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
        self.mode = "off" if not enabled or in_ci else ("bar" if sys.stderr.isatty() else "lines")
        self.name, self.total, self.done, self.start = name, total, done, time.monotonic()
        self.started_with = done
        self.bar = None
        if self.mode == "bar":
            from tqdm import tqdm

            self.bar = tqdm(total=total, initial=done, unit="point", desc=f"sweep {name}")
        elif self.mode == "lines" and done:
            self.line(f"resuming: {done} of {total} points already in the store")

    def line(self, text):
        print(f"sweep {self.name}: {text}", file=sys.stderr, flush=True)

    def point_done(self, index, point):
        self.done += 1
        if self.mode == "bar":
            self.bar.update(1)
        elif self.mode == "lines":
            elapsed = time.monotonic() - self.start
            rate = (self.done - self.started_with) / elapsed if elapsed > 0 else float("inf")
            eta = (self.total - self.done) / rate if rate > 0 else float("nan")
            self.line(f"point {index} done ({self.done}/{self.total}, {_describe(point)}), "
                      f"ETA {eta:.0f} s")

    def close(self):
        if self.bar is not None:
            self.bar.close()


def run_sweep(sweep_path, store, *, scheduler=None, runner=None, workers=None, progress=True,
              scenario_api=None) -> xr.Dataset:
    """Run every point of a sweep that the store does not hold yet, and return the stacked results.

    Parameters
    ----------
    sweep_path : str or path-like
        The sweep's TOML file (see the module's description).
    store : str or path-like
        Zarr store (a directory) holding the sweep; created if absent. A store written by a
        different sweep (another base scenario, runner or set of points) is refused.
    scheduler : str, optional
        Address of an existing Dask scheduler, e.g. ``"tcp://10.0.0.5:8786"``; default: the
        ``DASK_SCHEDULER_ADDRESS`` environment variable, else an embedded local cluster of
        processes started and closed here.
    runner : callable, optional
        ``runner(scenario) -> xarray.Dataset`` for one point; default ``studies.compare.run``.
        It must be picklable (a module-level function) and deterministic.
    workers : int, optional
        Worker processes of the local cluster; default one per core, at most one per point.
    progress : bool, default True
        A progress bar on a terminal, one line per point otherwise; nothing when ``CI=true``.
    scenario_api : object, optional
        Where ``load_scenario``, ``with_overrides`` and ``scenario_hash`` come from; default
        the :mod:`studies.scenario` module.

    Returns
    -------
    xarray.Dataset
        As :func:`open_sweep`: the runner's variables with the sweep's dimensions in front.

    Raises
    ------
    SweepError
        Bad sweep file, a value the scenario refuses, or a store that holds another sweep.
    ConnectionError
        The scheduler address did not answer within :data:`SCHEDULER_TIMEOUT_S`.
    RuntimeError
        A point failed; the points finished before stay in the store.

    Notes
    -----
    Each finished point is written to ``points/<index>`` in the store under a temporary name
    and renamed into place, so a sweep killed at any moment (even ``kill -9``) and started
    again skips its finished points and ends with the same dataset as an uninterrupted run.
    """
    sweep = load_sweep(sweep_path)
    api = _scenario_api(scenario_api)
    runner = runner if runner is not None else _default_runner
    base = _base_scenario(sweep, api)
    points = sweep.points()
    _check_points(sweep, base, api, points)
    definition = _definition(sweep, api.scenario_hash(base), _runner_name(runner), points)
    sweep_hash = _hash(definition)
    store = Path(store)
    finished = _open_or_create_store(store, sweep, definition, sweep_hash)
    pending = [index for index in range(len(points)) if index not in finished]
    bar = _Progress(progress, sweep.name, len(points), len(finished))
    try:
        if pending:
            with _dask_client(scheduler, workers, len(pending)) as client:
                _compute(client, runner, store, pending, points,
                         lambda point: _point_scenario(sweep, base, api, point), bar)
    finally:
        bar.close()
    result = open_sweep(store)
    _write_result(store, result)
    return result


#: Group of a finished store holding the stacked results as a plain Zarr v3 dataset.
RESULT_GROUP = "result"


def _write_result(store: Path, result: xr.Dataset) -> None:
    """The stacked results as the store's :data:`RESULT_GROUP` group, so any Zarr reader opens a
    finished sweep (``xarray.open_zarr(store, group="result")``) without orbital-dc.

    Written aside and renamed into place (a kill leaves no half group; the next run writes it
    again); text as variable-length strings, which Zarr v3 specifies. :func:`open_sweep` still
    stacks from the points, the journal the sweep resumes from.
    """
    final = store / RESULT_GROUP
    if (final / "zarr.json").exists():
        return
    staging = store / f".tmp-{RESULT_GROUP}-{uuid.uuid4().hex}"
    text = _retype_text(result, "U", lambda values: values.astype(object))
    text.drop_encoding().to_zarr(staging, mode="w-", zarr_format=3, consolidated=False)
    shutil.rmtree(final, ignore_errors=True)
    os.replace(staging, final)


def _compute(client, runner, store, pending, points, scenario_of, bar):
    """Run the pending points, a bounded number in flight (scenarios are built as they are
    submitted, so a million-point sweep holds a few, not a million), writing each as it ends."""
    from studies.distributed import run_bounded

    token = uuid.uuid4().hex[:8]

    def submit(index):
        return client.submit(_run_point, runner, scenario_of(points[index]), pure=False,
                             key=f"sweep-point-{index}-{token}")

    def write(index, files):
        _write_point(store, index, files)
        bar.point_done(index, points[index])

    # a point is short (the analytic tier: tens of ms), so more of them wait on each worker
    run_bounded(client, submit, pending, write,
                in_flight=max(16, 4 * sum(client.nthreads().values())),
                describe=lambda index: f"sweep point {index} ({_describe(points[index])})")


# --------------------------------------------------------------------------------------------
# reading a store back
# --------------------------------------------------------------------------------------------


def open_sweep(store) -> xr.Dataset:
    """The stacked results of a finished sweep store.

    Parameters
    ----------
    store : str or path-like
        A store written by :func:`run_sweep`.

    Returns
    -------
    xarray.Dataset
        Every variable of the runner with the sweep's dimensions in front: one per swept field
        (grid, coordinates the field's values) or ``sample`` (latin-hypercube, Sobol; the sampled
        values are coordinates along it). Attributes record the sweep (``sweep_name``,
        ``sweep_hash``, ``scenario_hash``, ``sweep_definition`` as JSON).

    Raises
    ------
    SweepError
        Not a sweep store, or points still missing (run the sweep again to finish it).
    """
    store = Path(store)
    attributes = _store_attributes(store)
    definition = json.loads(attributes["sweep_definition"])
    point_values = definition["points"]
    store_format = attributes["orbital_dc_sweep"]
    missing = [i for i in range(len(point_values)) if not (store / "points" / str(i)).exists()]
    if missing:
        raise SweepError(f"{store}: {len(point_values) - len(missing)} of {len(point_values)} "
                         f"points finished (first missing: {missing[0]}); run the sweep again "
                         "to finish it")
    # threads overlap the file reads
    with ThreadPoolExecutor(max_workers=4) as pool:
        points = list(pool.map(lambda index: _load_point(store, index, store_format),
                               range(len(point_values))))
    stacked = _stack(points)
    fields = definition["fields"]
    if definition["method"] == "grid":
        dims = tuple(field["name"] for field in fields)
        shape = tuple(len(dict.fromkeys(column)) for column in zip(*point_values))
        variables = {}
        for name, variable in stacked.variables.items():
            if "point" in variable.dims:
                variable = variable.transpose("point", ...)
                variable = xr.Variable(dims + variable.dims[1:],
                                       variable.values.reshape(shape + variable.shape[1:]),
                                       variable.attrs)
            variables[name] = variable
        data_vars = {n: v for n, v in variables.items() if n in stacked.data_vars}
        coords = {n: v for n, v in variables.items() if n not in stacked.data_vars}
        result = xr.Dataset(data_vars, coords, attrs=stacked.attrs)
        for field, column in zip(fields, zip(*point_values)):
            result = result.assign_coords({field["name"]: (field["name"], list(dict.fromkeys(column)),
                                                           _field_attrs(field))})
    else:
        result = stacked.rename({"point": "sample"})
        result = result.assign_coords(sample=("sample", np.arange(len(point_values)),
                                              {"units": "1", "long_name": "sample index"}))
        for field, column in zip(fields, zip(*point_values)):
            result = result.assign_coords({field["name"]: ("sample", list(column), _field_attrs(field))})
        result = result.transpose("sample", ...)
    result.attrs.update({
        "sweep_name": attributes["sweep_name"],
        "sweep_hash": attributes["sweep_hash"],
        "scenario_hash": definition["scenario_hash"],
        "sweep_definition": attributes["sweep_definition"],
    })
    return result


def _stack(points) -> xr.Dataset:
    """The points' results along a new ``point`` dimension.

    What ``xr.concat(datasets, "point", data_vars="all", coords="different", compat="equals",
    join="outer", combine_attrs="drop_conflicts")`` gives, built with one ``numpy.stack`` per
    variable when every point has the same variables, shapes and dimension coordinates (a sweep
    of scenario fields that do not change the result's axes); otherwise through ``xr.concat``.
    """
    first_attrs, first = points[0]
    layout = [(name, dims, values.shape, values.dtype, is_coord)
              for name, dims, values, _, is_coord in first]
    index_names = {name for name, dims, *_ in first if dims == (name,)}
    regular = all(
        [(name, dims, values.shape, values.dtype, is_coord)
         for name, dims, values, _, is_coord in variables] == layout
        and all(np.array_equal(variable[2], first[k][2]) for k, variable in enumerate(variables)
                if variable[0] in index_names)
        for _, variables in points[1:])
    if not regular:
        datasets = [_dataset(attrs, {name: xr.Variable(dims, np.array(values), var_attrs)
                                     for name, dims, values, var_attrs, _ in variables},
                             {name for name, *_, is_coord in variables if is_coord})
                    for attrs, variables in points]
        return xr.concat(datasets, dim="point", data_vars="all", coords="different",
                         compat="equals", join="outer", combine_attrs="drop_conflicts")
    variables, coord_names = {}, set()
    for k, (name, dims, values, _, is_coord) in enumerate(first):
        column = [point[1][k][2] for point in points]
        attrs = _drop_conflicts([point[1][k][3] for point in points])
        if is_coord:
            coord_names.add(name)
        same = is_coord and all(_equal(values, other) for other in column[1:])
        if same:  # a coordinate equal at every point is kept once (coords="different")
            variables[name] = xr.Variable(dims, np.array(values), attrs)
        else:
            variables[name] = xr.Variable(("point",) + tuple(dims), np.stack(column), attrs)
    return _dataset(_drop_conflicts([attrs for attrs, _ in points]), variables, coord_names)


def _equal(a, b) -> bool:
    """xarray's "equals": same values, NaN equal to NaN."""
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc":
        return bool(np.array_equal(a, b, equal_nan=True))
    return bool(np.array_equal(a, b))


def _drop_conflicts(attrs_list) -> dict:
    """xarray's ``combine_attrs="drop_conflicts"``: every key, unless two values differ."""
    merged, dropped = {}, set()
    for attrs in attrs_list:
        for key, value in attrs.items():
            if key in dropped:
                continue
            if key not in merged:
                merged[key] = value
            elif not _same_attribute(merged[key], value):
                del merged[key]
                dropped.add(key)
    return merged


def _same_attribute(a, b) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return bool(np.array_equal(np.asarray(a), np.asarray(b)))
    try:
        return bool(a == b)
    except ValueError:
        return False


def _field_attrs(field: dict) -> dict:
    attrs = {"long_name": field["long_name"], "scenario_path": field["path"]}
    if field["units"] is not None:
        attrs["units"] = field["units"]
    return attrs
