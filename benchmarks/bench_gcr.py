"""GCR dose along orbits (issue #19): twelve charge groups, cutoff, transport, secondaries.

Figures: one satellite-day at one-minute steps, then a shell of satellites over the same day,
each with the default 17 shield thicknesses. Baseline, measured in the same run: the same
satellite-day with the transport kernels' in-memory cache cleared before every call (what the
first call of a session pays), so the ratio shows what the cache saves.
"""

from __future__ import annotations

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report


def _track(n_satellites: int, minutes: int):
    """(time, satellite) positions of circular orbits spread in inclination and node [deg, km]."""
    t = np.arange(minutes) * 60.0
    inclination = np.radians(np.linspace(30.0, 98.0, n_satellites))
    node = np.linspace(0.0, 2 * np.pi, n_satellites, endpoint=False)
    mean_motion = np.sqrt(398600.4418 / (6378.137 + 550.0) ** 3)
    u = mean_motion * t[:, None]
    lat = np.degrees(np.arcsin(np.sin(inclination) * np.sin(u)))
    lon = np.degrees(np.arctan2(np.cos(inclination) * np.sin(u), np.cos(u)) + node
                     - 7.2921159e-5 * t[:, None])
    return lat, (lon + 180.0) % 360.0 - 180.0, np.full_like(lat, 550.0)


def run(quick: bool = False) -> None:
    from orbital import radiation as rad

    minutes = 360 if quick else 1440
    lat, lon, alt = _track(1, minutes)
    one = {"lat_deg": lat[:, 0], "lon_deg": lon[:, 0], "altitude_km": alt[:, 0]}

    def cold():
        rad.cosmic._transport_kernel.cache_clear()
        return rad.gcr_dose(**one)

    cold_s = best_time(cold, repeat=3)
    warm_s = best_time(lambda: rad.gcr_dose(**one), repeat=5)
    print(f"   one satellite, {minutes} one-minute samples, 17 thicknesses, 12 species")
    report("gcr_dose, one satellite-day (kernels cached)", warm_s, "s", baseline=cold_s,
           baseline_name="kernels rebuilt", higher_is_better=False)

    n_satellites = 20 if quick else 100
    lat, lon, alt = _track(n_satellites, minutes)
    shell_s = best_time(lambda: rad.gcr_dose(lat_deg=lat, lon_deg=lon, altitude_km=alt), repeat=2)
    report(f"gcr_dose, {n_satellites} satellites x {minutes} samples", shell_s, "s",
           baseline=warm_s * n_satellites, baseline_name="one satellite x N",
           higher_is_better=False)
    cutoffs = np.linspace(0.0, 16.0, 33)
    bins_s = best_time(lambda: rad.gcr_dose_at_cutoff(cutoffs), repeat=5)
    report("gcr_dose_at_cutoff, 33 cutoffs x 17 thicknesses", bins_s, "s", baseline=warm_s,
           baseline_name="one satellite-day", higher_is_better=False)
    report("peak resident memory", peak_memory_mb(), "MB")
