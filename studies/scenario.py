"""Scenarios: one TOML file names every parameter of a comparison.

A scenario says *when* (``[time]``), *who asks* (``[demand]``, ``[workload.*]``), *how requests are
placed* (``[policy]``) and *where they can go*: orbital venues (``[[orbital]]``, optionally reached
through a relay shell of ``[relays.*]``), vehicle fleets (``[[fleet]]``), cloud regions
(``[[cloud]]``) and user-sited large terrestrial sites (``[[gigafactory]]``). The schema is the
one of the project's CONTRACT (co-scheduler wave); attribute names are the TOML keys::

    scenario = load_scenario("default")
    scenario.time.step_s, scenario.orbital[0].design.accelerators_per_satellite

Checks made here, once, at the boundary: the structure (unknown keys are refused with the
closest valid key), the types (TOML types, no string-to-number guessing), the physical range
of every number, the references inside the file (an orbital venue's relay). Names of catalog
entries (accelerator, model, launch price, cloud region …) are checked by their consumers
through ``studies.compare.check_scenario`` when it is importable.

Every problem is reported as one line naming the file, the dotted key (the same path
:func:`with_overrides` takes, e.g. ``orbital.0.design.shielding_mm``), the value and the
allowed range. Files are parsed with :mod:`tomllib` only: nothing in a scenario is executed.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import math
import tomllib
import types
import typing
import warnings
from datetime import date, datetime, timezone
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

__all__ = [
    "Scenario",
    "ScenarioError",
    "dump_scenario",
    "load_scenario",
    "scenario_hash",
    "shipped_scenarios",
    "with_overrides",
]

#: Hours in a leap year: the longest span a scenario may cover [h].
MAX_HOURS = 8784.0


class ScenarioError(ValueError):
    """A scenario that cannot be used, with one line per problem (file, dotted key, value, range).

    ``problems`` holds the lines; ``str(error)`` joins them with newlines.
    """

    def __init__(self, problems):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


class _FieldError(ValueError):
    """Raised by a table-level check about one of its keys: the report appends ``key`` to the
    table's dotted path, so the line names the key itself."""

    def __init__(self, key: str, message: str):
        self.key = key
        super().__init__(message)


# --------------------------------------------------------------------------------------------
# field types: numbers in a physical range, names, ISO codes
# --------------------------------------------------------------------------------------------


def _interval(low, high, low_open, high_open, unit):
    left = ("(" if low_open else "[") + ("-inf" if low is None else f"{low:g}")
    right = ("inf" if high is None else f"{high:g}") + (")" if high_open else "]")
    return f"{left}, {right}" + (f" {unit}" if unit else "")


def _in_range(low=None, high=None, *, low_open=False, high_open=False, unit=""):
    def check(value):
        bad = isinstance(value, float) and not math.isfinite(value)
        if low is not None:
            bad |= value <= low if low_open else value < low
        if high is not None:
            bad |= value >= high if high_open else value > high
        if bad:
            shown = f"{value:g}" + (f" {unit}" if unit else "")
            raise ValueError(f"{shown} is outside the allowed range "
                             f"{_interval(low, high, low_open, high_open, unit)}")
        return value
    return AfterValidator(check)


def Number(low=None, high=None, *, low_open=False, high_open=False, unit=""):  # noqa: N802
    """A float in a physical range (NaN and infinities always refused)."""
    return Annotated[float, _in_range(low, high, low_open=low_open, high_open=high_open, unit=unit)]


def Count(low=None, high=None, *, unit=""):  # noqa: N802
    """A whole number in a range."""
    return Annotated[int, _in_range(low, high, unit=unit)]


def _name(value: str) -> str:
    if not value.strip():
        raise ValueError("an empty name; give a non-blank string")
    return value


def _country(value: str) -> str:
    if len(value) != 2 or not value.isalpha():
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (two letters, e.g. 'FR')")
    return value.upper()


def _city(value: str) -> str:
    parts = [part.strip() for part in value.split(",")]
    if len(parts) != 2 or not parts[0] or len(parts[1]) != 2 or not parts[1].isalpha():
        raise ValueError(f"{value!r} is not 'Name,CC' (a city name, a comma, a two-letter ISO "
                         "country code, e.g. 'Paris,FR')")
    return f"{parts[0]},{parts[1].upper()}"


def _key_name(value: str) -> str:
    # relay names are dotted-path segments (with_overrides) and TOML bare keys
    if not value or not all(c.isalnum() or c in "-_" for c in value):
        raise ValueError(f"{value!r} is not a valid name (letters, digits, '-' and '_' only)")
    return value


Name = Annotated[str, AfterValidator(_name)]
Country = Annotated[str, AfterValidator(_country)]
City = Annotated[str, AfterValidator(_city)]
KeyName = Annotated[str, AfterValidator(_key_name)]


_warned_offsets: set[str] = set()


def _utc_iso(value) -> str:
    """ISO 8601 text (or a TOML datetime) → naive UTC ``YYYY-MM-DDTHH:MM:SS[.ffffff]``."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):  # a TOML local date: midnight UTC
        moment = datetime(value.year, value.month, value.day)
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise ValueError(f"{value!r} is not an ISO 8601 date-time (e.g. "
                             "'2026-06-21T00:00:00', UTC)") from None
    else:
        raise ValueError(f"{value!r} is not an ISO 8601 date-time string")
    if moment.utcoffset() is not None:
        utc = moment.astimezone(timezone.utc).replace(tzinfo=None)
        if moment.utcoffset().total_seconds() and str(value) not in _warned_offsets:
            _warned_offsets.add(str(value))
            warnings.warn(f"time.start: {value} has a UTC offset; converted to UTC "
                          f"{utc.isoformat()}", UserWarning, stacklevel=2)
        moment = utc
    return moment.isoformat()


UtcTime = Annotated[str, BeforeValidator(_utc_iso)]


class _Table(BaseModel):
    # strict: TOML is typed, so "24" for a number is a mistake to report, not to guess at
    # (an integer is still a valid float); frozen: a scenario is a value.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --------------------------------------------------------------------------------------------
# the tables
# --------------------------------------------------------------------------------------------


class Time(_Table):
    """``[time]``: the simulated span."""

    start: UtcTime = "2026-06-21T00:00:00"
    hours: Number(0, MAX_HOURS, low_open=True, unit="h") = 24.0
    step_s: Number(1, 3600, unit="s") = 300.0

    @model_validator(mode="after")
    def _step_fits(self):
        if self.step_s > self.hours * 3600:
            raise _FieldError("step_s", f"{self.step_s:g} s is longer than the span "
                              f"({self.hours:g} h = {self.hours * 3600:g} s); allowed range "
                              f"[1, {min(3600.0, self.hours * 3600):g}] s")
        return self


class Demand(_Table):
    """``[demand]``: who asks, and how often."""

    n_cities: Count(1, 5000) = 100
    cities: list[City] = []
    countries: list[Country] = []
    adoption: Number(0, 1) = 0.02
    diurnal: Name = "web-interactive"
    requests_per_user_per_day: dict[KeyName, Number(0, 1e5, unit="requests/day")] = Field(
        default_factory=lambda: {"chat": 10.0, "batch": 1.0, "vision": 0.0})


class RequestOverrides(_Table):
    """``[workload.<class>]``: overrides of one request class's fields (unset keys keep the
    class's catalog values)."""

    model: Name | None = None
    precision: Literal["bf16", "fp8", "int8", "fp4"] | None = None
    input_tokens: Count(0, 10_000_000) | None = None
    output_tokens: Count(0, 10_000_000) | None = None
    ttft_slo_s: Number(0, 3600, low_open=True, unit="s") | None = None
    tpot_slo_s: Number(0, 60, low_open=True, unit="s") | None = None
    latency_slo_s: Number(0, 86400, low_open=True, unit="s") | None = None
    payload_in_bytes: Number(0, 1e12, unit="B") | None = None
    payload_out_bytes: Number(0, 1e12, unit="B") | None = None


class Weights(_Table):
    """``[policy.weights]``: relative weights of the objectives (at least one positive)."""

    latency: Number(0, 1e6) = 1.0
    energy: Number(0, 1e6) = 1.0
    carbon: Number(0, 1e6) = 1.0
    cost: Number(0, 1e6) = 1.0

    @model_validator(mode="after")
    def _one_positive(self):
        if not any((self.latency, self.energy, self.carbon, self.cost)):
            raise _FieldError("latency", "all four weights are 0; at least one must be > 0")
        return self


class Policy(_Table):
    """``[policy]``: how the co-scheduler places requests."""

    name: Literal["optimal", "latency", "energy", "carbon", "cost"] = "optimal"
    candidates_per_city: Count(1, 1000) = 8
    weights: Weights = Field(default_factory=Weights)


# Altitudes: above the ~150 km where drag ends an orbit within days, below GEO and its
# neighbourhood (36 000 km), which the link and radiation models of this project do not cover.
_ALTITUDE_KM = dict(low=150, high=36_000, unit="km")


def _check_phasing(table, where=""):
    if table.phasing is not None and table.planes is not None and table.phasing > table.planes - 1:
        raise _FieldError("phasing", f"{table.phasing} is outside the allowed range "
                          f"[0, {table.planes - 1}] (planes - 1){where}")


class Relay(_Table):
    """``[relays.<name>]``: a relay shell (Walker) that carries traffic to orbital venues."""

    kind: Literal["walker-delta", "walker-star"] = "walker-delta"
    altitude_km: Number(**_ALTITUDE_KM)
    inclination_deg: Number(0, 180, unit="deg")
    planes: Count(1, 10_000)
    sats_per_plane: Count(1, 10_000)
    phasing: Count(0, 9_999) = 1
    min_elevation_deg: Number(0, 90, high_open=True, unit="deg") = 25.0

    @model_validator(mode="after")
    def _phasing(self):
        _check_phasing(self)
        return self


#: Keys each constellation kind uses, and the values omitted keys take.
CONSTELLATION_KEYS = {
    "walker-delta": {"altitude_km": None, "inclination_deg": None, "planes": None,
                     "sats_per_plane": None, "phasing": 1},
    "walker-star": {"altitude_km": None, "inclination_deg": None, "planes": None,
                    "sats_per_plane": None, "phasing": 1},
    "sso": {"altitude_km": None, "ltan_hours": 18.0, "n_satellites": 1},
    "formation-cluster": {"altitude_km": None, "ltan_hours": 18.0, "n_satellites": None,
                          "radius_km": 1.0},
    "tle": {"file": None},
    "omm": {"file": None},
}


class Constellation(_Table):
    """``[orbital.constellation]``: where the compute satellites fly."""

    kind: Literal["walker-delta", "walker-star", "sso", "formation-cluster", "tle", "omm"]
    altitude_km: Number(**_ALTITUDE_KM) | None = None
    inclination_deg: Number(0, 180, unit="deg") | None = None
    planes: Count(1, 10_000) | None = None
    sats_per_plane: Count(1, 10_000) | None = None
    phasing: Count(0, 9_999) | None = None
    ltan_hours: Number(0, 24, high_open=True, unit="h") | None = None
    n_satellites: Count(1, 100_000) | None = None
    radius_km: Number(0, 100, low_open=True, unit="km") | None = None
    file: Name | None = None

    @model_validator(mode="before")
    @classmethod
    def _kind_defaults(cls, data):
        if isinstance(data, dict) and data.get("kind") in CONSTELLATION_KEYS:
            used = CONSTELLATION_KEYS[data["kind"]]
            data = {**{k: v for k, v in used.items() if v is not None}, **data}
        return data

    @model_validator(mode="after")
    def _keys_of_kind(self):
        used = CONSTELLATION_KEYS[self.kind]
        for key in type(self).model_fields:
            given = getattr(self, key) is not None
            if key != "kind" and given and key not in used:
                raise _FieldError(key, f"not used by kind {self.kind!r} (it takes "
                                  f"{', '.join(used)})")
            if key in used and not given:
                raise _FieldError(key, f"required for kind {self.kind!r}")
        _check_phasing(self)
        return self

    @field_validator("file")
    @classmethod
    def _resolve_file(cls, value, info: ValidationInfo):
        # relative to the scenario file, stored absolute so the scenario means one thing
        base = Path((info.context or {}).get("base_dir") or ".")
        path = (base / value).resolve()
        if not path.is_file():
            raise ValueError(f"{value!r}: no such file (looked for {path})")
        return str(path)


class Design(_Table):
    """``[orbital.design]``: one compute satellite."""

    accelerator: Name
    accelerators_per_satellite: Count(1, 1_000_000) = 4
    array_area_m2: Number(0, 1e6, low_open=True, unit="m2") = 20.0
    cell: Name = "triple-junction"
    battery_kwh: Number(0, 1e6, unit="kWh") = 5.0
    battery_chemistry: Name = "li-ion"
    radiator_area_m2: Number(0, 1e6, low_open=True, unit="m2") = 10.0
    coating: Name = "white-paint"
    # silicon parts: qualified junction limits span ~358 K (85 °C) to ~398 K (125 °C)
    chip_max_temperature_k: Number(250, 450, unit="K") = 358.0
    shielding_mm: Number(0, 100, unit="mm") = 10.0
    bus_mass_kg: Number(0, 1e6, unit="kg") = 200.0
    mission_years: Number(0, 30, low_open=True, unit="yr") = 5.0
    launch_price: Name = "rideshare-2025"
    min_elevation_deg: Number(0, 90, high_open=True, unit="deg") = 25.0


class Orbital(_Table):
    """``[[orbital]]``: an orbital venue."""

    name: Name
    relay: Name = "none"
    constellation: Constellation
    design: Design


class Fleet(_Table):
    """``[[fleet]]``: vehicles of one country lending their on-board computers."""

    name: Name
    country: Country
    vehicles: Count(1, 2_000_000_000)
    computer: Name = "HW4-class"
    opted_in: Name = "medium"
    connectivity: Name = "home-wifi-typical"
    parked: Name = "us-weekday-nhts2017"
    plugged: Name = "home-charging-typical"
    owner_price_usd_per_kwh: Number(0, 10, unit="USD/kWh") = 0.30


class Cloud(_Table):
    """``[[cloud]]``: accelerators rented in one cloud region."""

    provider: Name
    region: Name
    accelerator: Name = "H100 SXM"
    count: Count(1, 10_000_000) = 512
    price: Name = "on-demand-2025"


class Gigafactory(_Table):
    """``[[gigafactory]]``: a user-sited very large terrestrial site."""

    name: Name
    lat: Number(-90, 90, unit="degrees_north")
    lon: Number(-180, 180, unit="degrees_east")
    country: Country
    accelerator: Name = "GB200"
    count: Count(1, 100_000_000) = 100_000
    # 1.0 is the ideal; the worst facilities surveyed (Uptime Institute) stay below ~2.5
    pue: Number(1, 3) = 1.2


class FeasibilityShell(_Table):
    """``[[feasibility.shells]]``: one Walker shell of the feasibility pass."""

    kind: Literal["walker-delta", "walker-star"] = "walker-delta"
    altitude_km: Number(**_ALTITUDE_KM)
    inclination_deg: Number(0, 180, unit="deg")
    planes: Count(1, 10_000)
    sats_per_plane: Count(1, 10_000)
    phasing: Count(0, 9_999) = 1

    @model_validator(mode="after")
    def _phasing(self):
        _check_phasing(self)
        return self


#: Most satellites a feasibility pass takes (all shells together).
MAX_FEASIBILITY_SATELLITES = 10_000_000


class Feasibility(_Table):
    """``[feasibility]``: every satellite of some shells through power, thermal and radiation
    (:func:`studies.feasibility.run_scenario`, what ``odc run`` does for such a scenario)."""

    venue: Name | None = None
    shells: list[FeasibilityShell]
    hours: Number(0, MAX_HOURS, low_open=True, unit="h") = 24.0
    step_s: Number(1, 3600, unit="s") = 60.0
    chunk_satellites: Count(1, 1_000_000) = 2000
    radiation: Literal["plane", "class", "satellite"] = "plane"
    radiation_step_s: Number(10, 3600, unit="s") = 60.0
    request_s: Number(0, 86400, low_open=True, unit="s") = 10.0
    altitude_band_km: Number(1, 100_000, unit="km") = 100.0

    @model_validator(mode="after")
    def _size(self):
        if not self.shells:
            raise _FieldError("shells", "no shell; give at least one [[feasibility.shells]]")
        total = sum(s.planes * s.sats_per_plane for s in self.shells)
        if total > MAX_FEASIBILITY_SATELLITES:
            raise _FieldError("shells", f"{total} satellites in all is more than the allowed "
                              f"{MAX_FEASIBILITY_SATELLITES}")
        return self


class Scenario(_Table):
    """A whole scenario (the TOML file)."""

    name: Name
    description: str = ""
    # "propagated": SGP4 at every step (the reference); "analytic": closed-form orbit
    # averages and a coarser schedule, ~20x+ faster, for sweeps (studies.compare.run)
    fidelity: Literal["propagated", "analytic"] = "propagated"
    time: Time = Field(default_factory=Time)
    demand: Demand = Field(default_factory=Demand)
    workload: dict[KeyName, RequestOverrides] = {}
    policy: Policy = Field(default_factory=Policy)
    relays: dict[KeyName, Relay] = {}
    orbital: list[Orbital] = []
    fleet: list[Fleet] = []
    cloud: list[Cloud] = []
    gigafactory: list[Gigafactory] = []
    feasibility: Feasibility | None = None

    @model_validator(mode="after")
    def _references(self):
        if self.feasibility is not None:
            names = [venue.name for venue in self.orbital]
            if not names:
                raise _FieldError("feasibility", "needs an [[orbital]] venue whose design the "
                                  "shells' satellites carry")
            if self.feasibility.venue is not None and self.feasibility.venue not in names:
                raise _FieldError("feasibility.venue", f"{self.feasibility.venue!r} is not an "
                                  f"orbital venue of this scenario{_suggest(self.feasibility.venue, names)}")
        for index, venue in enumerate(self.orbital):
            if venue.relay != "none" and venue.relay not in self.relays:
                known = ["none", *self.relays]
                raise _FieldError(f"orbital.{index}.relay", f"{venue.relay!r} is not a relay of "
                                  f"this scenario{_suggest(venue.relay, known)}")
        names = {}
        for table in ("orbital", "fleet", "gigafactory"):
            for index, venue in enumerate(getattr(self, table)):
                if venue.name in names:
                    raise _FieldError(f"{table}.{index}.name", f"{venue.name!r} is already the "
                                      f"name of {names[venue.name]}; venue names must be unique")
                names[venue.name] = f"{table}.{index}"
        regions = {}
        for index, cloud in enumerate(self.cloud):
            key = (cloud.provider, cloud.region, cloud.accelerator)
            if key in regions:
                raise _FieldError(f"cloud.{index}.region", f"{cloud.provider} {cloud.region} "
                                  f"with {cloud.accelerator} is already cloud.{regions[key]}")
            regions[key] = index
        if not (self.orbital or self.fleet or self.cloud or self.gigafactory):
            raise _FieldError("orbital", "the scenario has no venue; add at least one [[orbital]], "
                              "[[fleet]], [[cloud]] or [[gigafactory]]")
        return self


# --------------------------------------------------------------------------------------------
# errors as one line each
# --------------------------------------------------------------------------------------------


def _suggest(value, choices) -> str:
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    listed = ", ".join(repr(c) for c in choices)
    return (f"; did you mean {close[0]!r}?" if close else "") + f" (choose one of {listed})"


def _unwrap(annotation):
    """The model, list or dict type under Optional/Annotated wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        else:
            return annotation


def _keys_at(path) -> list[str]:
    """The keys a table at ``path`` (a location inside a Scenario) accepts."""
    annotation = Scenario
    for part in path:
        annotation = _unwrap(annotation)
        origin = typing.get_origin(annotation)
        if origin in (list, dict):
            annotation = typing.get_args(annotation)[-1]
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if part not in annotation.model_fields:
                return []
            annotation = annotation.model_fields[part].annotation
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


_TYPE_WORDS = {"float_type": "a number", "int_type": "a whole number", "string_type": "a string",
               "list_type": "a list", "dict_type": "a table", "model_type": "a table",
               "bool_type": "true or false", "int_from_float": "a whole number"}


def _problem(error: dict, source: str) -> str:
    loc = [str(part) for part in error["loc"]
           if not (isinstance(part, str) and (part.startswith("function-") or "[" in part))]
    kind, value = error["type"], error.get("input")
    cause = (error.get("ctx") or {}).get("error")
    if isinstance(cause, _FieldError):
        loc.append(cause.key)
    dotted = ".".join(loc) or "(top level)"
    if kind == "extra_forbidden":
        allowed = _keys_at(error["loc"][:-1])
        close = difflib.get_close_matches(loc[-1], allowed, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{source}: {dotted}: unknown key{hint} (allowed: {', '.join(allowed)})"
    if kind == "missing":
        return f"{source}: {dotted}: required key is missing"
    if kind == "literal_error":
        return f"{source}: {dotted}: {value!r} is not supported; {error['msg'].lower()}"
    if kind in _TYPE_WORDS:
        return f"{source}: {dotted}: {value!r} is not {_TYPE_WORDS[kind]}"
    message = str(cause) if cause is not None else error["msg"]
    return f"{source}: {dotted}: {message}"


def _validate(data, source: str, base_dir=None) -> Scenario:
    try:
        return Scenario.model_validate(data, context={"base_dir": base_dir})
    except ValidationError as error:
        problems = list(dict.fromkeys(_problem(e, source) for e in error.errors()))
        raise ScenarioError(problems) from None


# --------------------------------------------------------------------------------------------
# public functions
# --------------------------------------------------------------------------------------------


def _shipped_dir():
    return files("studies") / "data" / "scenarios"


def shipped_scenarios() -> list[str]:
    """Names of the scenarios shipped with the package (``load_scenario(name)`` reads one).

    Examples
    --------
    >>> "default" in shipped_scenarios()
    True
    """
    return sorted(entry.name.removesuffix(".toml") for entry in _shipped_dir().iterdir()
                  if entry.name.endswith(".toml"))


def _read_source(path_or_name) -> tuple[str, str, Path | None]:
    """(TOML text, name used in messages, base directory for relative paths)."""
    text_arg = str(path_or_name)
    looks_like_name = ("/" not in text_arg and "\\" not in text_arg
                       and not text_arg.endswith(".toml"))
    if looks_like_name and not Path(text_arg).exists():
        shipped = shipped_scenarios()
        if text_arg in shipped:
            resource = _shipped_dir() / f"{text_arg}.toml"
            return resource.read_text(encoding="utf-8"), f"scenario {text_arg!r}", None
        close = difflib.get_close_matches(text_arg, shipped, n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ScenarioError(f"{text_arg}: not a shipped scenario nor a file{hint} (shipped: "
                            f"{', '.join(shipped)}; or give the path of a .toml file)")
    path = Path(text_arg)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScenarioError(f"{text_arg}: no such file") from None
    except IsADirectoryError:
        raise ScenarioError(f"{text_arg}: is a directory, not a scenario file") from None
    except OSError as error:
        raise ScenarioError(f"{text_arg}: cannot read ({error.strerror or error})") from None
    if b"\x00" in raw:
        raise ScenarioError(f"{text_arg}: is a binary file, not a TOML scenario")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(f"{text_arg}: is not UTF-8 text (byte {error.start}); a scenario "
                            "is a TOML file") from None
    return text, text_arg, path.resolve().parent


def _check_names(scenario: Scenario, source: str) -> None:
    """Catalog names (accelerator, model, launch price, cloud region …), checked by their
    consumers when the co-scheduler is installed."""
    try:
        from studies.compare import check_scenario
    except ModuleNotFoundError as error:
        if error.name in ("studies.compare",):
            return
        raise
    try:
        check_scenario(scenario)
    except ScenarioError:
        raise
    except ValueError as error:
        raise ScenarioError(f"{source}: {error}") from None


def load_scenario(path_or_name) -> Scenario:
    """Read and validate a scenario: a shipped name (``"default"``) or the path of a TOML file.

    Parameters
    ----------
    path_or_name : str or os.PathLike
        A name of :func:`shipped_scenarios`, or a path. Paths inside the file (a constellation's
        TLE/OMM ``file``) are relative to the file.

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        A missing, binary or malformed file (TOML syntax errors give line and column), an
        unknown key (with the closest valid one), a value of the wrong type or outside its
        physical range: one line per problem naming the file, the dotted key, the value and
        the allowed range.

    Examples
    --------
    >>> scenario = load_scenario("suncatcher-650")
    >>> scenario.orbital[0].constellation.n_satellites
    81
    """
    text, source, base_dir = _read_source(path_or_name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{source}: TOML syntax error: {error}") from None
    scenario = _validate(data, source, base_dir)
    _check_names(scenario, source)
    return scenario


def _plain(scenario: Scenario) -> dict:
    return scenario.model_dump(mode="json", exclude_none=True)


_EMPTY_BY_DEFAULT = ("cities", "countries", "workload", "relays", "orbital", "fleet", "cloud",
                     "gigafactory")


def dump_scenario(scenario: Scenario) -> str:
    """The scenario as TOML text (``load_scenario`` of that text gives the same scenario).

    Examples
    --------
    >>> text = dump_scenario(load_scenario("default"))
    >>> text.splitlines()[0]
    'name = "default"'
    """
    import tomli_w

    data = _plain(scenario)
    # empty optional lists and tables say nothing (and loading gives them back)
    for table in (data, data["demand"]):
        for key in [k for k, v in table.items() if k in _EMPTY_BY_DEFAULT and not v]:
            del table[key]
    return tomli_w.dumps(data)


def scenario_hash(scenario: Scenario) -> str:
    """A SHA-256 fingerprint of what the scenario means.

    The same for two files that differ only in key order, comments, formatting, or in writing
    a default value out versus leaving it implicit: it hashes the validated model with every
    default filled in, as JSON with sorted keys.

    Examples
    --------
    >>> len(scenario_hash(load_scenario("default")))
    64
    """
    text = json.dumps(_plain(scenario), sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(text.encode()).hexdigest()


def _plain_value(value):
    # numpy scalars (a sweep's values) as Python numbers, so strict validation accepts them
    item = getattr(value, "item", None)
    if callable(item) and type(value).__module__ == "numpy":
        return value.item()
    return value


def with_overrides(scenario: Scenario, overrides) -> Scenario:
    """A re-validated copy of ``scenario`` with some values replaced.

    Parameters
    ----------
    scenario : Scenario
    overrides : mapping of str to value
        Dotted paths as in error messages: ``"time.step_s"``,
        ``"orbital.0.design.shielding_mm"``, ``"relays.starlink-like.planes"``,
        ``"workload.chat.output_tokens"`` (a missing ``workload``/``relays`` entry is created).

    Returns
    -------
    Scenario

    Raises
    ------
    ScenarioError
        An unknown path (with the closest key) or an invalid value.

    Examples
    --------
    >>> base = load_scenario("suncatcher-650")
    >>> with_overrides(base, {"orbital.0.design.shielding_mm": 5}).orbital[0].design.shielding_mm
    5.0
    """
    data = scenario.model_dump(mode="python", exclude_none=True)
    for dotted, value in dict(overrides).items():
        parts = str(dotted).split(".")
        node = data
        for depth, part in enumerate(parts):
            here = ".".join(parts[:depth + 1])
            last = depth == len(parts) - 1
            if isinstance(node, list):
                if not part.isdigit() or int(part) >= len(node):
                    raise ScenarioError(f"overrides: {here}: no such entry; {'.'.join(parts[:depth])} "
                                        f"has {len(node)} (indices 0 … {len(node) - 1})")
                key = int(part)
            elif isinstance(node, dict):
                key = part
                if key not in node:
                    allowed = _keys_at([int(p) if p.isdigit() else p for p in parts[:depth]])
                    if allowed and key not in allowed:
                        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                        hint = f"; did you mean {close[0]!r}?" if close else ""
                        raise ScenarioError(f"overrides: {here}: unknown key{hint} (allowed: "
                                            f"{', '.join(allowed)})")
                    if not last:
                        node[key] = {}
            else:
                raise ScenarioError(f"overrides: {here}: {'.'.join(parts[:depth])} is a value, "
                                    "not a table")
            if last:
                node[key] = _plain_value(value)
            else:
                node = node[key]
    return _validate(data, "overrides")
