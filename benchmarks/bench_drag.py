"""Lifetime and station-keeping Δv for 10 000 (altitude, drag parameter, activity) combinations.

Figures (issue #18): wall time of the analytic path — :func:`orbital.drag.orbital_lifetime_years`
and :func:`orbital.drag.drag_makeup_dv_m_s_per_year`, which integrate the decay law once per
activity set and interpolate — against a naive loop that integrates each combination on its
own (trapezoid over a 1 km grid from re-entry to the altitude, with the same tabulated density),
timed on a subset in the same run and scaled to the full count. Density tables are built
before timing (the one-off NRLMSIS cost is reported separately).
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report

_MU_M3_S2 = 398600.4418e9
_R_KM = 6378.137


def _naive(altitude_km, drag_parameter, activities):
    from orbital import drag

    years = np.empty(len(altitude_km))
    dv = np.empty(len(altitude_km))
    for k, (h, beta, activity) in enumerate(zip(altitude_km, drag_parameter, activities)):
        steps = int(np.ceil(h - drag.REENTRY_ALTITUDE_KM)) + 1
        grid = np.linspace(drag.REENTRY_ALTITUDE_KM, h, steps)
        rho = drag.density_kg_m3(grid, activity)
        a_m = (_R_KM + grid) * 1e3
        integrand = 1.0 / (np.sqrt(_MU_M3_S2 * a_m) * rho * beta)
        years[k] = np.trapezoid(integrand, a_m) / drag.SECONDS_PER_YEAR
        v = np.sqrt(_MU_M3_S2 / a_m[-1])
        dv[k] = 0.5 * rho[-1] * v**2 * beta * drag.SECONDS_PER_YEAR
    return years, dv


def run(quick: bool = False) -> None:
    from orbital import drag

    count = 1_000 if quick else 10_000
    rng = np.random.default_rng(18)
    altitude = rng.uniform(200.0, 1200.0, count)
    drag_parameter = rng.uniform(0.002, 0.1, count)
    names = np.array(["solar-min", "solar-mean", "solar-max"])
    activities = names[rng.integers(0, 3, count)]

    start = time.perf_counter()
    for name in names:
        drag.orbital_lifetime_years(500.0, 0.01, name)  # builds each density / lifetime table
    report("one-off NRLMSIS tables (3 activity sets)", time.perf_counter() - start, "s",
           higher_is_better=False)

    def analytic():
        return (drag.orbital_lifetime_years(altitude, drag_parameter, activities),
                drag.drag_makeup_dv_m_s_per_year(altitude, drag_parameter, activities))

    analytic_s = best_time(analytic, repeat=3)
    subset = min(200, count)
    naive_subset_s = best_time(lambda: _naive(altitude[:subset], drag_parameter[:subset],
                                              activities[:subset]), repeat=1)
    naive_s = naive_subset_s * count / subset
    report(f"analytic lifetime + Δv, {count} combinations", analytic_s, "s",
           baseline=naive_s, baseline_name=f"naive loop (timed on {subset}, scaled)",
           higher_is_better=False)
    report("  combinations per second", count / analytic_s, "1/s",
           baseline=count / naive_s, baseline_name="naive loop")
    years, dv = analytic()
    naive_years, naive_dv = _naive(altitude[:subset], drag_parameter[:subset],
                                   activities[:subset])
    report("  max relative difference to the naive loop, lifetime (sanity)",
           float(np.max(np.abs(years[:subset] / naive_years - 1))), "", higher_is_better=False)
    report("  max relative difference to the naive loop, Δv (sanity)",
           float(np.max(np.abs(dv[:subset] / naive_dv - 1))), "", higher_is_better=False)
    report("  peak resident memory of this process", peak_memory_mb(), "MB",
           higher_is_better=False)


if __name__ == "__main__":
    run()
