"""The ``odc`` command: parse, call the studies modules, print.

``odc compare [SCENARIO]``   the co-scheduled comparison of a scenario (``default`` when none)
``odc compare --physics``    the space-segment physics of three reference orbits, side by side
``odc run SCENARIO --out F`` run a scenario and write its Dataset (NetCDF, Zarr, …); a
                             scenario with a [feasibility] table runs every satellite of its
                             shells into a resumable Zarr store instead
``odc sweep SWEEP --out S``  run a parameter sweep into a resumable Zarr store
``odc export STORE …``       convert a result or a sweep store to NetCDF / Zarr / Parquet / CSV
``odc scenarios [show N]``   list the shipped scenarios, or print one as TOML
``odc plot RESULT …``        one standard figure of a result
``odc orbit KIND …``         describe an orbit shell (period, SSO inclination, eclipse-free beta)

Anything a user can type or point to that is wrong ends with exit code 2 and one line on
stderr naming the option or key, the value and what is allowed; never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import os
import re
import sys
import textwrap
import tomllib
import warnings
from pathlib import Path

import numpy as np

#: Width the tables fit in unless ``--wide`` [characters].
TABLE_WIDTH = 100
#: ``odc compare --physics`` refuses requests above this many time-step × satellite
#: propagations (about five minutes of work on one core at the ~0.35 million per second
#: measured for propagate + shadow + flux + visibility).
MAX_SATELLITE_STEPS = 100_000_000

# --------------------------------------------------------------------------------------------
# small helpers: one-line errors, argument types, progress, tables
# --------------------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``odc orbit: error: --planes: '2.5' is not an integer``."""

    def error(self, message):
        # argparse says "argument --x: <what the type said>"; the option is named once
        message = re.sub(r"^argument ([^:]+): ", r"\1: ", message)
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


class _Unavailable(Exception):
    """A studies module this build does not have yet."""


def _studies(name: str):
    """``studies.<name>``, imported when a command needs it (they are heavy, and some commands
    never need them)."""
    try:
        return importlib.import_module(f"studies.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"studies.{name}":
            raise
        raise _Unavailable(f"studies.{name} is not part of this installation") from None


def _number(low=None, high=None, *, integer=False, unit=""):
    def parse(text):
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a{'n integer' if integer else ' number'}") from None
        if (low is not None and value < low) or (high is not None and value > high) or (
                not integer and not math.isfinite(value)):
            suffix = f" {unit}" if unit else ""
            raise argparse.ArgumentTypeError(
                f"{value:g}{suffix} is outside the allowed range [{low:g}, {high:g}]{suffix}")
        return value
    return parse


def _utc_time(text):
    try:
        value = np.datetime64(text.strip().removesuffix("Z"), "s")
    except ValueError:
        value = None
    if value is None or np.isnat(value):
        raise argparse.ArgumentTypeError(f"cannot read {text!r} as a UTC date-time "
                                         "(ISO 8601, e.g. 2026-06-21T00:00:00)")
    return str(value)


def _city(text):
    """``Name`` or ``Name,CC`` → (name, country or None)."""
    parts = [part.strip() for part in text.split(",")]
    if len(parts) > 2:
        raise argparse.ArgumentTypeError(
            f"{text!r} has {len(parts)} comma-separated parts; give 'Name' or 'Name,CC' "
            "(GeoNames spelling, ISO country code, e.g. 'Paris,FR')")
    if not parts[0]:
        raise argparse.ArgumentTypeError(f"{text!r} has no city name; give 'Name' or 'Name,CC' "
                                         "(e.g. 'Paris,FR')")
    if len(parts) == 2 and (len(parts[1]) != 2 or not parts[1].isalpha()):
        raise argparse.ArgumentTypeError(
            f"{parts[1]!r} in {text!r} is not a two-letter ISO country code (e.g. 'Paris,FR')")
    return (parts[0], parts[1].upper() if len(parts) == 2 else None)


def _assignment(text):
    """``dotted.key=value`` with a TOML value (``5``, ``"sso"``, ``[1, 2]``); a bare word is a
    string."""
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"{text!r} is not KEY=VALUE (e.g. "
                                         "orbital.0.design.shielding_mm=5)")
    try:
        parsed = tomllib.loads(f"value = {value.strip()}")["value"]
    except tomllib.TOMLDecodeError:
        parsed = value.strip()
    return key.strip(), parsed


def _json_safe(value):
    """Plain JSON values: numpy scalars become Python ones, datetimes strings, and NaN (e.g. no
    sun-synchronous inclination) becomes null, which strict parsers accept."""
    if isinstance(value, dict):
        return {str(key): _json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(item) for item in value]
    if isinstance(value, np.datetime64):
        return str(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class _Progress:
    """Progress lines on stderr: rewritten in place (``\\r``) on a terminal, one line per update
    otherwise (logs, CI, pipes)."""

    def __init__(self, stream=None, quiet=False):
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.terminal = bool(getattr(self.stream, "isatty", lambda: False)())
        self.pending = False

    def __call__(self, message) -> None:
        if self.quiet:
            return
        if self.terminal:
            self.stream.write(f"\r\033[K[odc] {message}")
            self.pending = True
        else:
            self.stream.write(f"[odc] {message}\n")
        self.stream.flush()

    def close(self) -> None:
        if self.pending:
            self.stream.write("\n")
            self.stream.flush()
            self.pending = False


def _cell(value, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if isinstance(value, np.generic):
        value = value.item()
    if not fmt and isinstance(value, float):
        fmt = ".4g"
    try:
        return format(value, fmt)
    except (TypeError, ValueError):
        return str(value)


def render_table(headers, cells, *, width=TABLE_WIDTH, wide=False, left=(0,)) -> str:
    """A plain-text table (columns in ``left`` left-aligned, the others right-aligned).

    A header ``"name [unit]"`` is printed on two lines, the unit under the name. Columns that do
    not fit in ``width`` characters are left out, and named on a last line, unless ``wide``.
    """
    split = [re.match(r"^(.*?)\s*(\[[^\]]*\])?$", header).groups("") for header in headers]
    widths = [max(len(name), len(unit), *(len(row[i]) for row in cells))
              for i, (name, unit) in enumerate(split)]
    keep = list(range(len(headers)))
    if not wide:
        keep, used = [0], widths[0]
        for i in range(1, len(headers)):
            if used + 2 + widths[i] <= width:
                keep.append(i)
                used += 2 + widths[i]

    def line(values):
        return "  ".join(values[i].ljust(widths[i]) if i in left else values[i].rjust(widths[i])
                         for i in keep).rstrip()

    lines = [line([name for name, _ in split])]
    if any(unit for _, unit in split):
        lines.append(line([unit for _, unit in split]))
    lines.append("  ".join("-" * widths[i] for i in keep))
    lines += [line(row) for row in cells]
    dropped = [headers[i] for i in range(len(headers)) if i not in keep]
    if dropped:
        note = (f"({len(dropped)} more column{'s' if len(dropped) > 1 else ''}: "
                f"{', '.join(dropped)}; --wide shows all, --json gives every figure)")
        lines += textwrap.wrap(note, width)
    return "\n".join(lines)


def format_table(rows: list[dict], columns: list[tuple[str, str, str]], *, wide=False) -> str:
    """Plain-text table of ``rows``: ``columns`` is (key, header, format) with units in the header."""
    headers = [header for _, header, _ in columns]
    cells = [[_cell(row.get(key), fmt) for key, _, fmt in columns] for row in rows]
    return render_table(headers, cells, wide=wide)


def _index_as_columns(frame):
    """The frame with a meaningful index turned into columns (a plain 0 … n-1 one dropped)."""
    import pandas as pd

    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame.reset_index(drop=True)
    return frame.reset_index()


def frame_table(frame, *, wide=False) -> str:
    """A pandas DataFrame as a plain-text table (its index as the first column when named)."""
    import pandas as pd

    frame = _index_as_columns(frame)
    headers = [str(column) for column in frame.columns]
    cells = [[_cell(value, "") for value in row] for row in frame.itertuples(index=False)]
    text = [i for i, column in enumerate(frame.columns)
            if not pd.api.types.is_numeric_dtype(frame[column])]
    return render_table(headers, cells, wide=wide, left=tuple(text) or (0,))


def _check_output(path: str, option: str = "--out") -> Path:
    target = Path(path)
    parent = target.resolve().parent
    if not parent.is_dir():
        raise ValueError(f"{option}: {path}: the directory {parent} does not exist")
    return target


def _check_input(path: str, what: str) -> Path:
    source = Path(path)
    if not source.exists():
        raise ValueError(f"{what}: {path}: no such file or directory")
    return source


# --------------------------------------------------------------------------------------------
# odc orbit
# --------------------------------------------------------------------------------------------

ORBIT_COLUMNS = [
    ("name", "orbit", "s"),
    ("n_satellites", "satellites", "d"),
    ("altitude_km", "altitude [km]", ".1f"),
    ("inclination_deg", "incl. [deg]", ".2f"),
    ("period_min", "period [min]", ".2f"),
    ("raan_drift_deg_per_day", "node drift [deg/day]", ".3f"),
    ("sso_inclination_deg", "SSO incl. [deg]", ".2f"),
    ("eclipse_free_beta_deg", "eclipse-free |beta| > [deg]", ".1f"),
]

#: Options of ``odc orbit`` and their defaults (applied after parsing, so that what the user
#: typed is known: an option the chosen kind ignores is refused, not silently dropped).
ORBIT_DEFAULTS = {"altitude_km": 550.0, "inclination_deg": 53.0, "planes": 72, "sats_per_plane": 22,
                  "phasing": 1, "ltan_hours": 18.0, "count": 1, "tle": None, "omm": None}
ORBIT_OPTIONS = {
    "walker-delta": ("altitude_km", "inclination_deg", "planes", "sats_per_plane", "phasing"),
    "walker-star": ("altitude_km", "inclination_deg", "planes", "sats_per_plane", "phasing"),
    "sso": ("altitude_km", "ltan_hours", "count"),
    "tle": ("tle",),
    "omm": ("omm",),
}


def _flag(dest: str) -> str:
    return "--" + dest.replace("_", "-")


def _orbit_from_args(args):
    from orbital import orbits

    if args.kind in ("walker-delta", "walker-star"):
        build = orbits.walker_delta if args.kind == "walker-delta" else orbits.walker_star
        return build(args.altitude_km, args.inclination_deg, args.planes, args.sats_per_plane,
                     args.phasing, name=args.kind)
    if args.kind == "sso":
        return orbits.sun_synchronous(args.altitude_km, args.ltan_hours, n_satellites=args.count)
    if args.kind == "omm":
        return orbits.load_omm(str(_check_input(args.omm, "--omm")))
    return orbits.load_tle(str(_check_input(args.tle, "--tle")))


def command_orbit(args) -> int:
    from orbital import orbits

    info = orbits.describe(_orbit_from_args(args))
    info.update(_keeping_columns(info["altitude_km"], info["inclination_deg"], args))
    if args.json:
        print(json.dumps(_json_safe(info), indent=2, allow_nan=False))
    else:
        extra = [(k, k, "") for k in ("planes", "sats_per_plane", "phasing", "pattern", "ltan_hours")
                 if k in info]
        columns = ORBIT_COLUMNS[:5] + KEEPING_COLUMNS + ORBIT_COLUMNS[5:] + extra
        print(format_table([info], columns, wide=args.wide))
        print(textwrap.fill(
            f"Drag: a {args.mass_kg:g} kg satellite with {args.drag_area_m2:g} m² facing the flow, "
            f"'{args.activity}' solar activity (NRLMSIS 2.1, co-rotating with the Earth), kept up "
            f"by a '{args.thruster}' "
            "thruster (orbital.drag; --mass-kg, --drag-area-m2, --activity, --thruster).",
            TABLE_WIDTH))
    return 0


KEEPING_COLUMNS = [
    ("lifetime_years", "lifetime [yr]", ".3g"),
    ("dv_m_s_per_year", "keeping dv [m/s/yr]", ".3g"),
    ("propellant_kg_per_year", "propellant [kg/yr]", ".3g"),
]


def _keeping_columns(altitude_km, inclination_deg, args) -> dict:
    """Lifetime and station keeping of a reference satellite (orbital.drag), for the table:
    co-rotating atmosphere at the orbit-mean height above the ellipsoid (altitude a − R_eq)."""
    from orbital import drag

    low, high = drag.OPERATING_ALTITUDE_RANGE_KM
    if not low <= altitude_km <= high:  # above the thermosphere model: drag is negligible
        return {key: None for key, _, _ in KEEPING_COLUMNS}
    ds = drag.keeping_summary(altitude_km, mass_kg=args.mass_kg, area_m2=args.drag_area_m2,
                              activity=args.activity, thruster=args.thruster,
                              inclination_deg=inclination_deg)
    return {key: float(ds[key]) for key, _, _ in KEEPING_COLUMNS} | {
        "drag_activity": args.activity, "thruster": args.thruster}


def _settle_orbit(parser, args) -> None:
    used = ORBIT_OPTIONS[args.kind]
    ignored = [_flag(dest) for dest in ORBIT_DEFAULTS
               if getattr(args, dest) is not None and dest not in used]
    if ignored:
        parser.error(f"{', '.join(ignored)}: not used by kind '{args.kind}' (it takes "
                     f"{', '.join(_flag(dest) for dest in used)})")
    for dest, default in ORBIT_DEFAULTS.items():
        if getattr(args, dest) is None:
            setattr(args, dest, default)
    if args.kind in ("tle", "omm") and getattr(args, args.kind) is None:
        name = "a TLE" if args.kind == "tle" else "an OMM"
        parser.error(f"--{args.kind}: {name} file is required for kind '{args.kind}'")


# --------------------------------------------------------------------------------------------
# odc compare --physics
# --------------------------------------------------------------------------------------------

# the most telling columns first: a 100-character table keeps them, --wide adds the geometry
# (the venue's label already says its altitude)
COMPARE_COLUMNS = [
    ("venue", "venue", "s"),
    ("n_satellites", "sats", "d"),
    ("sunlit_fraction", "sunlit [%]", ".1%"),
    ("sunlit_fraction_year", "sunlit, year [%]", ".1%"),
    ("array_w_m2", "array [W/m2]", ".0f"),
    ("dose_10mm_rad_si_per_year", "dose [rad/yr]", ".0f"),
    ("direct_reach_fraction", "seen [%]", ".1%"),
    ("rtt_ms_median", "RTT when seen [ms]", ".1f"),
    ("altitude_km", "alt [km]", ".0f"),
    ("inclination_deg", "incl [deg]", ".1f"),
    ("period_min", "period [min]", ".1f"),
    ("beta_mean_deg", "mean |beta| [deg]", ".1f"),
    ("eclipse_minutes_per_orbit", "eclipse [min/orbit]", ".1f"),
]

CLOUD_COLUMNS = [
    ("venue", "cloud region", "s"),
    ("rtt_ms_median", "fiber RTT [ms]", ".1f"),
    ("pue", "PUE", ".2f"),
    ("grid_g_co2_per_kwh", "grid [gCO2/kWh]", ".0f"),
]

PHYSICS_DEFAULTS = {"start": "2026-06-21T00:00:00", "hours": 24.0, "step_s": 60.0,
                    "city": ("Paris", "FR"), "radiation_grid": "standard"}
ARRAY_EFFICIENCY = 0.22
MIN_ELEVATION_DEG = 25.0


def _check_physics_size(hours: float, step_s: float) -> None:
    from studies import physics

    size = physics.request_size(hours, step_s)
    if size["satellite_steps"] <= MAX_SATELLITE_STEPS:
        return
    satellites = size["satellite_steps"] // size["steps"]
    # the coarsest step that fits: steps = hours*3600/step + 1 <= limit / satellites
    fitting = math.ceil(hours * 3600 / (MAX_SATELLITE_STEPS / satellites - 1))
    raise ValueError(
        f"--hours {hours:g} at --step-s {step_s:g}: {size['steps']} steps × {satellites} "
        f"satellites = {size['satellite_steps']:.2g} propagations ({size['bytes_at_once'] / 1e9:.0f} "
        f"GB if held at once; streamed, still hours of work), over the limit of "
        f"{MAX_SATELLITE_STEPS:.0e}: use --step-s {fitting} or more, or fewer --hours (the "
        f"'sunlit, year' column always uses daily steps)")


def command_physics(args) -> int:
    from ground import network
    from studies import physics

    _check_physics_size(args.hours, args.step_s)
    physics.check_span(args.start, args.hours, field="--start")
    user = physics.resolve_user(args.city)  # once: an ambiguous name warns once
    progress = _Progress(quiet=args.quiet)
    try:
        rows = physics.compare_orbital_venues(
            args.start, args.hours, args.step_s, user=user, array_efficiency=ARRAY_EFFICIENCY,
            min_elevation_deg=MIN_ELEVATION_DEG, radiation_grid=args.radiation_grid,
            progress=progress)
    finally:
        progress.close()
    cloud = physics.compare_cloud_regions(user)
    route_model, traffic = network.DEFAULT_MODEL, network.DEFAULT_TRAFFIC_KIND
    where = f"{user['name']}, {user['country']}"
    if args.json:
        settings = {
            "start": args.start, "hours": args.hours, "step_s": args.step_s,
            "city": {"name": str(user["name"]), "country": str(user["country"]),
                     "lat": float(user["lat"]), "lon": float(user["lon"])},
            "radiation_grid": args.radiation_grid, "array_efficiency": ARRAY_EFFICIENCY,
            "min_elevation_deg": MIN_ELEVATION_DEG, "dose_shielding_mm": 10.0,
            "terrestrial_model": route_model, "traffic_kind": traffic,
            "rtt_when_seen": "median straight up-and-down light time to the nearest visible "
                             "satellite (access hop only; no routing, queueing or compute)",
        }
        print(json.dumps(_json_safe({"settings": settings, "orbital": rows, "cloud": cloud}),
                         indent=2, allow_nan=False))
        return 0
    print(textwrap.fill(
        f"Orbital venues from {args.start} UTC over {args.hours:g} h at {args.step_s:g} s steps "
        f"(sun-tracking array, {ARRAY_EFFICIENCY:.0%} cells, beginning of life; user in {where}, "
        f"{MIN_ELEVATION_DEG:g}° mask)", TABLE_WIDTH))
    print(format_table(rows, COMPARE_COLUMNS, wide=args.wide))
    print(textwrap.fill(
        f"seen: share of the steps when the user sees a satellite above {MIN_ELEVATION_DEG:g}°. "
        "RTT when seen: the straight up-and-down hop to the nearest one (light time, median over "
        "those steps) — the access hop only: no relay, routing, queueing or compute time. Dose: "
        "AE8/AP8 at solar maximum over one day from the start, behind 10 mm of aluminium, in "
        "silicon. sunlit, year: daily beta angles with J2 node drift, cylindrical shadow.",
        TABLE_WIDTH, break_on_hyphens=False))
    print(f"\nNearest cloud regions to {where} (fiber, {route_model} model, '{traffic}' "
          "traffic)")
    print(format_table(cloud, CLOUD_COLUMNS, wide=args.wide))
    return 0


# --------------------------------------------------------------------------------------------
# odc compare / run: scenarios through the co-scheduler
# --------------------------------------------------------------------------------------------


def _scenario_from_args(args):
    scenario_module = _studies("scenario")
    scenario = scenario_module.load_scenario(args.scenario)
    overrides = dict(args.set or [])
    for dest in ("start", "hours", "step_s"):
        if getattr(args, dest, None) is not None:
            overrides[f"time.{dest}"] = getattr(args, dest)
    if overrides:
        scenario = scenario_module.with_overrides(scenario, overrides)
    return scenario


def key_assumptions(scenario) -> list[str]:
    """Two lines that say what a scenario assumed (span, demand, policy; venues)."""
    demand = scenario.demand
    who = (f"{len(demand.cities)} listed cities" if demand.cities else
           f"the {demand.n_cities} most populous cities"
           + (f" of {', '.join(demand.countries)}" if demand.countries else ""))
    rates = ", ".join(f"{name} {rate:g}" for name, rate in demand.requests_per_user_per_day.items())
    step = f"{scenario.time.step_s:g} s"
    if getattr(scenario, "fidelity", "propagated") == "analytic":
        analytic_s = max(scenario.time.step_s, min(_studies("compare").ANALYTIC_STEP_S,
                                                   scenario.time.hours * 3600.0))
        step = f"{analytic_s:g} s (analytic tier: closed-form orbit averages)"
    first = (f"Scenario '{scenario.name}': {scenario.time.start} UTC + {scenario.time.hours:g} h at "
             f"{step}; {who}, {100 * demand.adoption:.3g} % of residents active, "
             f"requests/user/day: {rates}; policy '{scenario.policy.name}'.")
    vehicles = sum(fleet.vehicles for fleet in scenario.fleet)
    satellites = []
    for venue in scenario.orbital:
        c = venue.constellation
        count = (c.planes * c.sats_per_plane if c.planes else c.n_satellites) if c.kind not in (
            "tle", "omm") else None
        relay = "" if venue.relay == "none" else f" via {venue.relay}"
        satellites.append(f"{venue.name} ({count if count else c.kind} sats, "
                          f"{venue.design.accelerator}{relay})")
    def count(items, one, many):
        return f"{len(items)} {one if len(items) == 1 else many}" if items else ""

    second = ("Venues: " + "; ".join(filter(None, [
        f"orbital {', '.join(satellites)}" if satellites else "",
        count(scenario.fleet, "fleet", "fleets") + (f" ({vehicles:,} vehicles)" if vehicles else ""),
        count(scenario.cloud, "cloud region", "cloud regions"),
        count(scenario.gigafactory, "gigafactory", "gigafactories"),
    ])) + f". Every value: odc scenarios show {scenario.name}")
    return [first, second]


def command_compare(args) -> int:
    if args.physics:
        return command_physics(args)
    scenario = _scenario_from_args(args)
    compare = _studies("compare")
    progress = _Progress(quiet=args.quiet)
    try:
        result = compare.run(scenario, progress=progress)
    finally:
        progress.close()
    table = compare.summary(result)
    if args.json:
        scenario_module = _studies("scenario")
        records = json.loads(_index_as_columns(table).to_json(orient="records", date_format="iso"))
        print(json.dumps(_json_safe({
            "scenario": scenario.name, "scenario_hash": scenario_module.scenario_hash(scenario),
            "settings": {**scenario.time.model_dump(), "policy": scenario.policy.name},
            "summary": records}), indent=2,
            allow_nan=False))
        return 0
    print(frame_table(table, wide=args.wide))
    for line in key_assumptions(scenario):
        print(textwrap.fill(line, TABLE_WIDTH))
    return 0


def command_run(args) -> int:
    out = _check_output(args.out)
    scenario_module = _studies("scenario")
    scenario = scenario_module.load_scenario(args.scenario)
    if getattr(scenario, "feasibility", None) is not None:
        return _run_feasibility(args, scenario, out)
    cluster_only = [flag for flag, dest in (("--scheduler", "scheduler"), ("--workers", "workers"),
                                            ("--chunk-satellites", "chunk_satellites"))
                    if getattr(args, dest, None) is not None]
    if cluster_only:
        raise ValueError(f"{', '.join(cluster_only)}: only for a scenario with a [feasibility] "
                         f"table (scenario '{scenario.name}' has none)")
    scenario = _scenario_from_args(args)
    compare = _studies("compare")
    export = _studies("export")
    progress = _Progress(quiet=args.quiet)
    try:
        result = compare.run(scenario, progress=progress)
    finally:
        progress.close()
    export.write(result, out)
    print(f"wrote {out} (scenario '{scenario.name}')")
    return 0


def _run_feasibility(args, scenario, out) -> int:
    """``odc run`` of a scenario with a [feasibility] table: every satellite of its shells into
    a Zarr store (resumable), then the summary. --hours / --step-s set the pass's span."""
    scenario_module = _studies("scenario")
    feasibility = _studies("feasibility")
    if out.suffix != ".zarr":
        raise ValueError(f"--out: {out}: scenario '{scenario.name}' runs a feasibility pass, "
                         "whose result is a Zarr store; give a path ending in .zarr")
    overrides = dict(args.set or [])
    for dest, key in (("start", "time.start"), ("hours", "feasibility.hours"),
                      ("step_s", "feasibility.step_s")):
        if getattr(args, dest, None) is not None:
            overrides[key] = getattr(args, dest)
    if overrides:
        scenario = scenario_module.with_overrides(scenario, overrides)
    result = feasibility.run_scenario(scenario, out, scheduler=args.scheduler,
                                      workers=args.workers, chunks=args.chunk_satellites,
                                      progress=not args.quiet)
    for line in feasibility.summary_lines(result):
        print(line)
    print(f"wrote {out} (scenario '{scenario.name}', feasibility pass)")
    return 0


# --------------------------------------------------------------------------------------------
# odc sweep / export / plot / scenarios
# --------------------------------------------------------------------------------------------


def command_sweep(args) -> int:
    _check_input(args.sweep, "SWEEP")
    _check_output(args.out)
    sweep = _studies("sweep")
    result = sweep.run_sweep(args.sweep, args.out, scheduler=args.scheduler, workers=args.workers,
                             progress=not args.quiet)
    dims = ", ".join(f"{name} {size}" for name, size in result.sizes.items())
    print(f"wrote {args.out} ({dims})")
    return 0


def command_export(args) -> int:
    _check_input(args.store, "STORE")
    _check_output(args.out)
    export = _studies("export")
    export.export_store(args.store, to=args.to, out=args.out)
    print(f"wrote {args.out} ({args.to})")
    return 0


def _open_result(path: str):
    import xarray as xr

    source = _check_input(path, "RESULT")
    if source.is_dir():
        return xr.open_zarr(source)
    try:
        return xr.open_dataset(source)
    except ValueError as error:
        raise ValueError(f"RESULT: {path}: not a NetCDF or Zarr result ({error})") from None


def command_plot(args) -> int:
    out = _check_output(args.out)
    result = _open_result(args.result)
    plots = _studies("plots")
    plots.plot(result, args.kind, out)
    print(f"wrote {out} ({args.kind})")
    return 0


def command_scenarios(args) -> int:
    scenario_module = _studies("scenario")
    if args.action is None:
        if args.name is not None:
            raise ValueError(f"{args.name!r}: say 'odc scenarios show {args.name}' to print one")
        rows = []
        for name in scenario_module.shipped_scenarios():
            scenario = scenario_module.load_scenario(name)
            rows.append({"name": name, "orbital": len(scenario.orbital),
                         "fleets": len(scenario.fleet), "clouds": len(scenario.cloud),
                         "description": scenario.description})
        if args.json:
            print(json.dumps(rows, indent=2))
            return 0
        headers = ["scenario", "orbital", "fleets", "clouds", "description"]
        width = TABLE_WIDTH - max(len(r["name"]) for r in rows) - 2 - 7 - 2 - 6 - 2 - 6 - 2
        cells = [[r["name"], str(r["orbital"]), str(r["fleets"]), str(r["clouds"]),
                  textwrap.shorten(r["description"], width=max(width, 20), placeholder=" …")]
                 for r in rows]
        print(render_table(headers, cells, wide=True, left=(0, 4)))
        print("Print one as TOML: odc scenarios show NAME (a copy to edit: "
              "odc scenarios show default > mine.toml)")
        return 0
    if args.name is None:
        raise ValueError("show: which scenario? give a name of 'odc scenarios' or a .toml path")
    print(scenario_module.dump_scenario(scenario_module.load_scenario(args.name)), end="")
    return 0


# --------------------------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------------------------

_EXAMPLES = {
    "compare": """examples:
  odc compare                         # the shipped 'default' scenario, table on stdout
  odc compare suncatcher-650 --wide   # another shipped scenario, every column
  odc compare mine.toml --set orbital.0.design.shielding_mm=5 --json
  odc compare --physics --hours 2 --step-s 300 --city "Tokyo,JP"
""",
    "run": """examples:
  odc run default --out default.nc    # NetCDF (or .zarr, .parquet, .csv by the extension)
  odc run mega-constellation --out mega.zarr --scheduler tcp://10.0.0.5:8786
                                      # a [feasibility] scenario: every satellite, resumable
""",
    "sweep": """example:
  odc sweep shielding.toml --out shielding.zarr --scheduler tcp://10.0.0.5:8786
""",
    "export": """example:
  odc export shielding.zarr --to parquet --out shielding.parquet
""",
    "scenarios": """examples:
  odc scenarios                        # list the shipped scenarios
  odc scenarios show default > mine.toml
""",
    "plot": """example:
  odc plot default.nc --kind latency-cdf --out latency.png
""",
    "orbit": """examples:
  odc orbit walker-delta --altitude-km 550 --inclination-deg 53 --planes 72 --sats-per-plane 22
  odc orbit sso --altitude-km 650 --ltan-hours 18 --count 81 --json
  odc orbit tle --tle shell.tle
""",
}


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("orbital-dc")
    except metadata.PackageNotFoundError:
        return "unknown (not installed as a package)"


def _subparser(sub, name, help_text, handler):
    parser = sub.add_parser(name, help=help_text, description=help_text + ".",
                            epilog=_EXAMPLES[name],
                            formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.set_defaults(handler=handler)
    return parser


def _add_quiet(parser):
    parser.add_argument("--quiet", action="store_true",
                        help="no progress lines on stderr (default: progress shown)")


def _add_scenario_options(parser, *, physics=False):
    def extra(default):
        return f"; with --physics: {default}" if physics else ""

    parser.add_argument("--start", type=_utc_time, default=None,
                        help="UTC start, ISO 8601 (default: the scenario's [time] start"
                        + extra(PHYSICS_DEFAULTS["start"]) + ")")
    parser.add_argument("--hours", type=_number(0.1, 8784, unit="h"), default=None,
                        help="span [h], 0.1 to 8784 (default: the scenario's"
                        + extra(24) + ")")
    parser.add_argument("--step-s", type=_number(1, 3600, unit="s"), default=None,
                        help="time step [s], 1 to 3600 (default: the scenario's"
                        + extra(60) + ")")
    parser.add_argument("--set", type=_assignment, action="append", metavar="KEY=VALUE",
                        help="override one scenario value by its dotted key, value in TOML "
                        "syntax, e.g. orbital.0.design.shielding_mm=5 (repeatable; default: none)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="odc", description="orbital-dc: orbit vs fleet vs cloud for AI "
                     "inference, with physics.",
                     epilog="Run 'odc COMMAND --help' for a command's options and an example.")
    parser.add_argument("--version", action="version", version=f"odc (orbital-dc) {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    parser.commands = sub.choices  # name -> subparser, for the checks made after parsing

    compare = _subparser(sub, "compare", "compare venues for a scenario's demand (the main job)",
                         command_compare)
    compare.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO",
                         help="a shipped scenario name (odc scenarios) or a .toml path "
                         "(default: default)")
    compare.add_argument("--physics", action="store_true",
                         help="instead: the space-segment physics of three reference orbits and "
                         "the nearest cloud regions to one city (default: off)")
    _add_scenario_options(compare, physics=True)
    compare.add_argument("--city", type=_city, default=None,
                         help="--physics only: user city 'Name' or 'Name,CC' (GeoNames spelling, "
                         "ISO country code; default: Paris,FR)")
    compare.add_argument("--radiation-grid", choices=["standard", "coarse"], default=None,
                         help="--physics only: geomagnetic lookup grid for the belts, built once "
                         "then cached; 'coarse' builds in seconds (default: standard)")
    compare.add_argument("--wide", action="store_true",
                         help=f"print every column (default: fit {TABLE_WIDTH} characters)")
    compare.add_argument("--json", action="store_true",
                         help="machine-readable JSON on stdout, with the run's settings "
                         "(default: a table)")
    _add_quiet(compare)

    run = _subparser(sub, "run", "run a scenario and write its result Dataset", command_run)
    run.add_argument("scenario", metavar="SCENARIO",
                     help="a shipped scenario name or a .toml path")
    run.add_argument("--out", required=True, metavar="FILE",
                     help="output file; the format follows the extension (required)")
    _add_scenario_options(run)
    run.add_argument("--scheduler", default=None, metavar="ADDR",
                     help="scenarios with [feasibility]: Dask scheduler address, e.g. "
                     "tcp://host:8786 (default: $DASK_SCHEDULER_ADDRESS, else a local cluster)")
    run.add_argument("--workers", type=_number(1, 1024, integer=True), default=None,
                     help="scenarios with [feasibility]: worker processes of the local cluster "
                     "(default: one per core)")
    run.add_argument("--chunk-satellites", type=_number(1, 1_000_000, integer=True),
                     default=None, help="scenarios with [feasibility]: satellites per task "
                     "(default: the scenario's)")
    _add_quiet(run)

    sweep = _subparser(sub, "sweep", "run a parameter sweep into a resumable Zarr store",
                       command_sweep)
    sweep.add_argument("sweep", metavar="SWEEP", help="the sweep's TOML file")
    sweep.add_argument("--out", required=True, metavar="STORE",
                       help="Zarr store (a directory), created or resumed (required)")
    sweep.add_argument("--scheduler", default=None, metavar="ADDR",
                       help="Dask scheduler address, e.g. tcp://host:8786 (default: "
                       "$DASK_SCHEDULER_ADDRESS, else a local cluster)")
    sweep.add_argument("--workers", type=_number(1, 1024, integer=True), default=None,
                       help="worker processes of the local cluster (default: one per core)")
    _add_quiet(sweep)

    export = _subparser(sub, "export", "convert a result or sweep store to another format",
                        command_export)
    export.add_argument("store", metavar="STORE", help="a Zarr store or a result file")
    export.add_argument("--to", required=True, choices=["netcdf", "zarr", "parquet", "csv"],
                        help="output format (required)")
    export.add_argument("--out", required=True, metavar="PATH", help="output path (required)")

    scenarios = _subparser(sub, "scenarios", "list the shipped scenarios, or print one as TOML",
                           command_scenarios)
    scenarios.add_argument("action", nargs="?", choices=["show"], default=None,
                           help="'show' prints one scenario as TOML (default: list them)")
    scenarios.add_argument("name", nargs="?", default=None, metavar="NAME",
                           help="with show: a shipped name or a .toml path")
    scenarios.add_argument("--json", action="store_true",
                           help="the list as JSON (default: a table)")

    plot = _subparser(sub, "plot", "draw one standard figure of a result", command_plot)
    plot.add_argument("result", metavar="RESULT", help="a result file (odc run) or store")
    plot.add_argument("--kind", required=True,
                      choices=["latency-cdf", "energy", "share-by-hour", "power", "map"],
                      help="which figure (required)")
    plot.add_argument("--out", required=True, metavar="PNG", help="image file to write (required)")

    orbit = _subparser(sub, "orbit", "describe an orbit shell as a table", command_orbit)
    orbit.add_argument("kind", choices=list(ORBIT_OPTIONS), help="orbit kind")
    orbit.add_argument("--altitude-km", type=_number(150, 40_000, unit="km"),
                       help="altitude [km], 150 to 40000 (default: 550)")
    orbit.add_argument("--inclination-deg", type=_number(0, 180, unit="deg"),
                       help="walker-*: inclination [deg], 0 to 180 (default: 53)")
    orbit.add_argument("--planes", type=_number(1, 10_000, integer=True),
                       help="walker-*: orbital planes (default: 72)")
    orbit.add_argument("--sats-per-plane", type=_number(1, 10_000, integer=True),
                       help="walker-*: satellites per plane (default: 22)")
    orbit.add_argument("--phasing", type=_number(0, 9_999, integer=True),
                       help="walker-*: phasing factor F, 0 to planes-1 (default: 1)")
    orbit.add_argument("--ltan-hours", type=_number(0, 24, unit="h"),
                       help="sso: local time of the ascending node [h] (6 or 18: dawn-dusk; "
                       "default: 18)")
    orbit.add_argument("--count", type=_number(1, 100_000, integer=True),
                       help="sso: satellites along the one plane (default: 1)")
    orbit.add_argument("--tle", metavar="FILE", help="tle: the TLE file (required for 'tle')")
    orbit.add_argument("--omm", metavar="FILE", help="omm: a CCSDS OMM file, JSON, XML or CSV as "
                       "CelesTrak serves them (required for 'omm')")
    orbit.add_argument("--mass-kg", type=_number(1, 1e6, unit="kg"), default=1000.0,
                       help="drag columns: satellite mass [kg] (default: 1000)")
    orbit.add_argument("--drag-area-m2", type=_number(0.01, 1e5, unit="m2"), default=30.0,
                       help="drag columns: orbit-mean area facing the flow [m2] (default: 30)")
    orbit.add_argument("--activity", default="solar-mean",
                       choices=["solar-min", "solar-mean", "solar-max", "storm", "cycle-average"],
                       help="drag columns: solar activity set (default: solar-mean)")
    orbit.add_argument("--thruster", default="hall",
                       choices=["hall", "gridded-ion", "cold-gas", "hydrazine"],
                       help="drag columns: station-keeping thruster (default: hall)")
    orbit.add_argument("--wide", action="store_true",
                       help=f"print every column (default: fit {TABLE_WIDTH} characters)")
    orbit.add_argument("--json", action="store_true", help="machine-readable JSON (default: a table)")
    return parser


def _settle_compare(parser, args) -> None:
    if args.physics:
        if args.scenario is not None:
            parser.error(f"SCENARIO ({args.scenario}): --physics runs three reference orbits "
                         "and takes no scenario")
        if args.set:
            parser.error("--set: --physics runs three reference orbits, not a scenario")
        for dest, default in PHYSICS_DEFAULTS.items():
            if getattr(args, dest) is None:
                setattr(args, dest, default)
        return
    physics_only = [flag for flag, dest in (("--city", "city"), ("--radiation-grid",
                                                                  "radiation_grid"))
                    if getattr(args, dest) is not None]
    if physics_only:
        parser.error(f"{', '.join(physics_only)}: only used with --physics")
    if args.scenario is None:
        args.scenario = "default"


def _one_line(error) -> str:
    if isinstance(error, OSError) and error.strerror:
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror}"
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return "; ".join(lines) or type(error).__name__


def _show_warning(message, category, filename, lineno, file=None, line=None):
    stream = file or sys.stderr
    text = " ".join(str(message).split())
    stream.write(f"odc: warning: {text}\n")


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command_parser = parser.commands[args.command]
    if args.command == "orbit":
        _settle_orbit(command_parser, args)
    elif args.command == "compare":
        _settle_compare(command_parser, args)
    with warnings.catch_warnings():
        # a warning is one line, each said once (an ambiguous city name, a converted offset)
        warnings.simplefilter("once", UserWarning)
        warnings.showwarning = _show_warning
        try:
            return args.handler(args)
        except BrokenPipeError:
            # the reader went away (``odc ... | head``): not an error; keep Python's exit flush
            # quiet (the recipe of the Python docs, "Note on SIGPIPE")
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except (ValueError, OSError) as error:
            # Boundary errors (ScenarioError is a ValueError) name the field, value and range.
            print(f"odc {args.command}: error: {_one_line(error)}", file=sys.stderr)
            return 2
        except _Unavailable as error:
            print(f"odc {args.command}: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(f"odc {args.command}: interrupted", file=sys.stderr)
            return 130


if __name__ == "__main__":
    sys.exit(main())
