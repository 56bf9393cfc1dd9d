"""The ``odc`` command.

``odc orbit``    describe an orbit shell (period, SSO inclination, eclipse-free beta, counts).
``odc compare``  the main job: compare orbital venues over a day with the physics modules.

Until the co-scheduler lands, ``odc compare`` runs the space-segment physics for three
reference venues (a Starlink-like shell, a Suncatcher-like dawn–dusk cluster, an ASCEND-like
1 400 km dawn–dusk orbit) and prints one row per venue.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

import numpy as np

# --------------------------------------------------------------------------------------------
# small helpers: argument types with clear messages, table printing, progress
# --------------------------------------------------------------------------------------------


def _number(name, low=None, high=None, integer=False):
    def parse(text):
        try:
            value = int(text) if integer else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{name}: {text!r} is not a{'n integer' if integer else ' number'}") from None
        if (low is not None and value < low) or (high is not None and value > high) or (
                not integer and not math.isfinite(value)):
            raise argparse.ArgumentTypeError(
                f"{name}: {value:g} is outside the allowed range [{low:g}, {high:g}]")
        return value
    return parse


def _utc_time(name):
    def parse(text):
        from orbital import _data

        try:
            _data.check_time_span(text, field=name)
        except ValueError as error:
            raise argparse.ArgumentTypeError(str(error)) from None
        return text  # as typed, for the table's title
    return parse


def _json_safe(value):
    """Plain JSON values: numpy scalars become Python ones, datetimes strings, and NaN (e.g. no
    sun-synchronous inclination) becomes null, which strict parsers accept."""
    if isinstance(value, dict):
        return {key: _json_safe(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_safe(item) for item in value]
    if isinstance(value, np.datetime64):
        return str(value)
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _progress(message: str) -> None:
    print(f"[odc] {message}", file=sys.stderr, flush=True)


def format_table(rows: list[dict], columns: list[tuple[str, str, str]]) -> str:
    """Plain-text table: ``columns`` is (key, header, format) with units in the header."""
    headers = [header for _, header, _ in columns]
    cells = [[("—" if row.get(key) is None or (isinstance(row.get(key), float) and
                                                  math.isnan(row.get(key)))
               else format(row[key], fmt)) for key, _, fmt in columns] for row in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]
    lines = ["  ".join(h.rjust(w) if i else h.ljust(w) for i, (h, w) in enumerate(zip(headers, widths)))]
    lines.append("  ".join("-" * w for w in widths))
    for c in cells:
        lines.append("  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(c, widths))))
    return "\n".join(lines)


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


def _orbit_from_args(args):
    from orbital import orbits

    if args.kind == "walker-delta":
        return orbits.walker_delta(args.altitude_km, args.inclination_deg, args.planes,
                                   args.sats_per_plane, args.phasing, name="walker-delta")
    if args.kind == "walker-star":
        return orbits.walker_star(args.altitude_km, args.inclination_deg, args.planes,
                                  args.sats_per_plane, args.phasing, name="walker-star")
    if args.kind == "sso":
        return orbits.sun_synchronous(args.altitude_km, args.ltan_hours, n_satellites=args.count)
    if args.kind == "omm":
        return orbits.load_omm(args.omm)
    return orbits.load_tle(args.tle)


def command_orbit(args) -> int:
    from orbital import orbits

    orbit = _orbit_from_args(args)
    info = orbits.describe(orbit)
    if args.json:
        print(json.dumps(_json_safe(info), indent=2, allow_nan=False))
    else:
        extra = [(k, k, "") for k in ("planes", "sats_per_plane", "phasing", "pattern", "ltan_hours")
                 if k in info]
        print(format_table([info], ORBIT_COLUMNS + extra))
    return 0


# --------------------------------------------------------------------------------------------
# odc compare
# --------------------------------------------------------------------------------------------

COMPARE_COLUMNS = [
    ("venue", "venue", "s"),
    ("n_satellites", "sats", "d"),
    ("altitude_km", "alt [km]", ".0f"),
    ("inclination_deg", "incl [deg]", ".1f"),
    ("period_min", "period [min]", ".1f"),
    ("beta_mean_deg", "mean |beta| [deg]", ".1f"),
    ("sunlit_fraction", "sunlit [%]", ".1%"),
    ("sunlit_fraction_year", "sunlit, year [%]", ".1%"),
    ("eclipse_minutes_per_orbit", "eclipse [min/orbit]", ".1f"),
    ("array_w_m2", "array [W/m2]", ".0f"),
    ("dose_10mm_rad_si_per_year", "dose 10 mm Al [rad/yr]", ".0f"),
    ("direct_reach_fraction", "user sees venue [%]", ".1%"),
    ("rtt_ms_median", "RTT when seen [ms]", ".1f"),
]


CLOUD_COLUMNS = [
    ("venue", "cloud region", "s"),
    ("rtt_ms_median", "fiber RTT [ms]", ".1f"),
    ("pue", "PUE", ".2f"),
    ("grid_g_co2_per_kwh", "grid [gCO2/kWh]", ".0f"),
]


def reference_venues(epoch):
    """The three orbital venues compared by default ([Kassing2020], [Suncatcher2025], [ThalesASCEND2024])."""
    from orbital import orbits

    return [
        ("Starlink-like shell 550 km/53°", orbits.walker_delta(550.0, 53.0, 72, 22, 1, epoch=epoch,
                                                               name="starlink-like")),
        ("Suncatcher-like cluster 650 km dawn-dusk",
         orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0, epoch=epoch), 81, 1.0,
                                  name="suncatcher-like")),
        ("ASCEND-like 1400 km dawn-dusk", orbits.sun_synchronous(1400.0, 18.0, n_satellites=12,
                                                                  epoch=epoch, name="ascend-like")),
    ]


def compare_orbital_venues(start, hours: float, step_s: float, *, user_city=("Paris", "FR"),
                           array_efficiency=0.22, min_elevation_deg=25.0,
                           radiation_grid="standard", progress=_progress) -> list[dict]:
    """One row of plain numbers per reference venue over ``hours`` from ``start``.

    Per venue: geometry (period, |beta|), sunlight (conical shadow, mean visible solar
    fraction), orbit-average electrical output per m² of a sun-tracking array, the total ionizing
    dose rate behind 10 mm of aluminium (AE8/AP8 at solar maximum along up to 8 of the venue's
    satellites over one day from ``start``, spherical shield, silicon), and how often a
    user in ``user_city`` sees at least one satellite of the venue above ``min_elevation_deg``,
    with the straight up-and-down RTT to the nearest one when it does (the access latency; the
    co-scheduler will add routing, queueing and compute time).
    """
    from ground import sites
    from orbital import links, orbits, radiation, sun
    from orbital.constants import SPEED_OF_LIGHT_KM_S

    start = np.datetime64(start, "ns")
    steps = int(hours * 3600 // step_s) + 1
    times = start + (np.arange(steps) * step_s * 1e9).astype("timedelta64[ns]")
    user = sites.city(*user_city)
    user_site = links.ground_sites([float(user["lat"])], [float(user["lon"])], names=[user_city[0]])
    rows = []
    for label, orbit in reference_venues(start):
        begin = time.perf_counter()
        constellation = orbit.to_constellation()  # SGP4 records built once, used twice below
        states = orbits.propagate(constellation, times)
        lit = sun.shadow_fraction(states)
        beta = sun.beta_angle_deg(states)
        flux = sun.solar_flux_w_m2(states)
        seen = links.visibility(states, user_site, min_elevation_deg=min_elevation_deg)
        slant = seen.slant_range_km.where(seen.visible).min("satellite").isel(site=0)
        info = orbits.describe(orbit)
        sunlit = float(lit.mean())
        # the year from the start date: daily beta with J2 node drift, cylindrical eclipse
        year = start + np.arange(365) * np.timedelta64(1, "D")
        beta_year = sun.beta_angle_over_year(orbit, year)
        eclipse_year = sun.eclipse_fraction(info["altitude_km"], beta_year.values)
        # A dose is an orbit average over many South Atlantic Anomaly passes: always sample one
        # full day at one-minute steps, whatever span the table covers.
        sampled = np.unique(np.linspace(0, states.sizes["satellite"] - 1, 8).astype(int))
        day = start + np.arange(1440) * np.timedelta64(60, "s")
        if np.array_equal(times[:-1], day):  # the default run already holds that day
            track = states.isel(time=slice(0, 1440), satellite=sampled)
        else:
            track = orbits.propagate(constellation.subset(sampled), day)
        spectra = radiation.trapped_spectra(track, models=("AP8MAX", "AE8MAX"), grid=radiation_grid)
        dose = radiation.dose_depth(spectra, shielding_mm=[10.0]).dose_rad_si_per_year
        reachable = bool(slant.notnull().any())
        rows.append({
            "venue": label,
            "n_satellites": info["n_satellites"],
            "altitude_km": info["altitude_km"],
            "inclination_deg": info["inclination_deg"],
            "period_min": info["period_min"],
            "beta_mean_deg": float(np.abs(beta).mean()),
            "sunlit_fraction": sunlit,
            "sunlit_fraction_year": float(1 - eclipse_year.mean()),
            "eclipse_minutes_per_orbit": (1 - sunlit) * info["period_min"],
            # sun-tracking array, beginning of life, before conversion losses
            "array_w_m2": float((flux * lit).mean()) * array_efficiency,
            "dose_10mm_rad_si_per_year": float(dose.mean()),
            "direct_reach_fraction": float(slant.notnull().mean()),
            "rtt_ms_median": (float((2 * slant / SPEED_OF_LIGHT_KM_S * 1e3).median())
                              if reachable else float("nan")),
        })
        progress(f"{label}: {states.sizes['satellite']} satellites × {steps} steps "
                 f"in {time.perf_counter() - begin:.1f} s")
    return rows


def compare_cloud_regions(user_city=("Paris", "FR"), n_nearest=3) -> list[dict]:
    """The terrestrial side: fiber RTT from the user to the nearest cloud regions."""
    from ground import network, sites

    user = sites.city(*user_city)
    regions = sites.cloud_regions()
    _, index = sites.nearest([float(user["lat"])], [float(user["lon"])], regions["lat"].to_numpy(),
                             regions["lon"].to_numpy(), k=n_nearest)
    chosen = regions.iloc[np.asarray(index).ravel()]
    rtt = network.fiber_rtt([float(user["lat"])], [float(user["lon"])], chosen["lat"].to_numpy(),
                            chosen["lon"].to_numpy())
    rows = []
    for k, (_, region) in enumerate(chosen.iterrows()):
        rows.append({
            "venue": f"{region['provider']} {region['region_code']} ({region['city']})",
            "rtt_ms_median": float(rtt.rtt_ms.values.ravel()[k]),
            "pue": float(region["pue"]),
            "grid_g_co2_per_kwh": float(region["grid_carbon_g_per_kwh"]),
        })
    return rows


def command_compare(args) -> int:
    user_city = tuple(args.city.split(","))
    rows = compare_orbital_venues(args.start, args.hours, args.step_s, user_city=user_city,
                                  radiation_grid=args.radiation_grid)
    cloud = compare_cloud_regions(user_city)
    if args.json:
        print(json.dumps(_json_safe({"orbital": rows, "cloud": cloud}),
                         indent=2, allow_nan=False))
        return 0
    print(f"Orbital venues from {args.start} over {args.hours:g} h at {args.step_s:g} s steps "
          f"(sun-tracking array, 22 % cells, beginning of life; user in {user_city[0]}, 25° mask)")
    print(format_table(rows, COMPARE_COLUMNS))
    from ground import network

    inflation = network.PATH_INFLATION[network.DEFAULT_PATH_INFLATION]["factor"]
    print(f"\nNearest cloud regions to {user_city[0]} (terrestrial fiber, "
          f"'{network.DEFAULT_PATH_INFLATION}' path inflation {inflation:g})")
    print(format_table(cloud, CLOUD_COLUMNS))
    return 0


# --------------------------------------------------------------------------------------------
# entry point
# --------------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="odc", description="orbital-dc: orbit vs fleet vs cloud "
                                     "for AI inference, with physics.")
    sub = parser.add_subparsers(dest="command", required=True)

    orbit = sub.add_parser("orbit", help="describe an orbit shell as a table")
    orbit.add_argument("kind", choices=["walker-delta", "walker-star", "sso", "tle", "omm"],
                       help="orbit kind")
    orbit.add_argument("--altitude-km", type=_number("--altitude-km", 150, 40_000), default=550.0)
    orbit.add_argument("--inclination-deg", type=_number("--inclination-deg", 0, 180), default=53.0)
    orbit.add_argument("--planes", type=_number("--planes", 1, 10_000, integer=True), default=72)
    orbit.add_argument("--sats-per-plane", type=_number("--sats-per-plane", 1, 10_000, integer=True),
                       default=22)
    orbit.add_argument("--phasing", type=_number("--phasing", 0, 9_999, integer=True), default=1)
    orbit.add_argument("--ltan-hours", type=_number("--ltan-hours", 0, 24), default=18.0,
                       help="local time of ascending node for 'sso' (6 or 18: dawn-dusk)")
    orbit.add_argument("--count", type=_number("--count", 1, 100_000, integer=True), default=1,
                       help="satellites along the one plane for 'sso'")
    orbit.add_argument("--tle", help="TLE file for kind 'tle'")
    orbit.add_argument("--omm", help="CCSDS OMM file (JSON, XML or CSV, as CelesTrak serves "
                       "them) for kind 'omm'")
    orbit.add_argument("--json", action="store_true", help="machine-readable output")
    orbit.set_defaults(handler=command_orbit)

    compare = sub.add_parser("compare", help="compare venues (main job)")
    compare.add_argument("--start", type=_utc_time("--start"), default="2026-06-21T00:00:00",
                         help="UTC start (ISO 8601), default the 2026 June solstice")
    compare.add_argument("--hours", type=_number("--hours", 0.1, 24 * 366), default=24.0)
    compare.add_argument("--step-s", type=_number("--step-s", 1, 3600), default=60.0)
    compare.add_argument("--city", default="Paris,FR",
                         help="user city as 'Name,CC' (GeoNames spelling, ISO country code)")
    compare.add_argument("--radiation-grid", choices=["standard", "coarse"], default="standard",
                         help="geomagnetic lookup grid for the belts (built once, then cached; "
                              "'coarse' builds in seconds for quick looks)")
    compare.add_argument("--json", action="store_true", help="machine-readable output")
    compare.set_defaults(handler=command_compare)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "kind", None) == "tle" and not args.tle:
        parser.error("--tle: a TLE file is required for kind 'tle'")
    if getattr(args, "kind", None) == "omm" and not args.omm:
        parser.error("--omm: an OMM file is required for kind 'omm'")
    try:
        return args.handler(args)
    except ValueError as error:
        # Boundary errors already name the field, the value and the allowed range.
        print(f"odc {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"odc {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away (``odc ... | head``): not an error; keep Python's exit flush quiet
        # (the recipe of the Python docs, "Note on SIGPIPE")
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
