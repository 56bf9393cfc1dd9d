"""GCR LET spectra and integral-RPP heavy-ion upset rates along orbits (issue #19).

Figures: the orbit-averaged LET spectrum of one satellite-day at one-minute steps behind three
shields, then a shell of satellites over the same day, then one IRPP rate. Baseline, measured
in the same run: the same satellite-day with the per-species transport cache cleared before
every call (what the first call of a session pays), so the ratio shows what the cache saves.
"""

from __future__ import annotations

from benchmarks._common import best_time, peak_memory_mb, report
from benchmarks.bench_gcr import _track


def run(quick: bool = False) -> None:
    from orbital import radiation as rad

    minutes = 360 if quick else 1440
    lat, lon, alt = _track(1, minutes)
    one = {"lat_deg": lat[:, 0], "lon_deg": lon[:, 0], "altitude_km": alt[:, 0],
           "shielding_mm": [1.0, 2.54, 10.0]}

    def cold():
        rad.let._species_exit.cache_clear()
        return rad.gcr_let_spectrum(**one)

    cold_s = best_time(cold, repeat=3)
    warm_s = best_time(lambda: rad.gcr_let_spectrum(**one), repeat=5)
    print(f"   one satellite, {minutes} one-minute samples, 3 thicknesses, 12 species, 201 LETs")
    report("gcr_let_spectrum, one satellite-day (transport cached)", warm_s, "s",
           baseline=cold_s, baseline_name="transport rebuilt", higher_is_better=False)

    n_satellites = 20 if quick else 100
    lat, lon, alt = _track(n_satellites, minutes)
    shell_s = best_time(lambda: rad.gcr_let_spectrum(lat_deg=lat, lon_deg=lon, altitude_km=alt,
                                                     shielding_mm=[2.54]), repeat=2)
    report(f"gcr_let_spectrum, {n_satellites} satellites x {minutes} samples", shell_s, "s",
           baseline=warm_s * n_satellites, baseline_name="one satellite x N",
           higher_is_better=False)
    spectrum = rad.gcr_let_spectrum(**one)
    rate_s = best_time(lambda: rad.irpp_upset_rate(spectrum, 1e-7, 2.0, 15.0, 1.5), repeat=5)
    report("irpp_upset_rate, one device on 3 thicknesses", rate_s, "s", baseline=warm_s,
           baseline_name="its LET spectrum", higher_is_better=False)
    report("peak resident memory", peak_memory_mb(), "MB")
