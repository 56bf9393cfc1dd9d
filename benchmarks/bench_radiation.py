"""Orbit-averaged trapped spectra and dose–depth curves for an altitude × inclination grid.

Cached path: (L, B/B0) interpolated from the on-disk geomagnetic grid, AE8/AP8 evaluated on
the interpolated coordinates, CSDA dose–depth. Baseline: direct aep8 calls (IRBEM field-line
tracing for every point), timed on a random subset of the same points and extrapolated
linearly to all of them (aep8 cost is per point); the dose step, identical in both, is added
to the baseline.
"""

from __future__ import annotations

import time

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report


def _tracks(altitudes, inclinations, minutes):
    from orbital.orbits import Constellation, propagate, walker_delta

    shells = [walker_delta(a, i, 1, 1, 0).to_constellation() for a in altitudes
              for i in inclinations]
    merged = Constellation(
        satrecs=sum((c.satrecs for c in shells), ()),
        names=tuple(f"{a:.0f}km-{i:.0f}deg" for a in altitudes for i in inclinations),
        plane=np.arange(len(shells)),
    )
    times = np.datetime64("2026-03-20") + np.arange(minutes) * np.timedelta64(60, "s")
    return propagate(merged, times)


def run(quick: bool) -> None:
    from orbital import radiation as rad

    n_side = 4 if quick else 10
    minutes = 360 if quick else 1440
    altitudes = np.linspace(400.0, 1400.0, n_side)
    inclinations = np.linspace(30.0, 98.0, n_side)
    states = _tracks(altitudes, inclinations, minutes)
    n_points = states.lat.size
    print(f"   {n_side * n_side} orbits × {minutes} one-minute samples = {n_points} points; "
          "AP8MAX + AE8MAX, 40 energies each, 17 shield thicknesses")

    start = time.perf_counter()
    for model in ("AP8MAX", "AE8MAX"):
        rad.geomagnetic_grid(rad.TRAPPED_MODELS[model]["field"], "standard")
    report("geomagnetic grid load or one-time build", time.perf_counter() - start, "s")

    def cached():
        spectra = rad.trapped_spectra(states, grid="standard")
        return rad.dose_depth(spectra)

    cached_s = best_time(cached, repeat=2 if quick else 3)
    dose_only_s = best_time(lambda: rad.dose_depth(rad.trapped_spectra(
        states.isel(time=slice(0, 1)), grid="standard")), repeat=3)

    # Baseline: direct aep8 (IRBEM) on a random subset, extrapolated per point.
    import aep8
    from astropy import units as u
    from astropy.coordinates import EarthLocation
    from astropy.time import Time

    rng = np.random.default_rng(0)
    subset = rng.choice(n_points, size=min(n_points, 500 if quick else 2000), replace=False)
    lat = states.lat.values.ravel()[subset]
    lon = states.lon.values.ravel()[subset]
    alt = states.alt_km.values.ravel()[subset]
    energies = {m: rad.default_energy_grid_mev(m) for m in ("AP8MAX", "AE8MAX")}

    def direct():
        location = EarthLocation.from_geodetic(lon * u.deg, lat * u.deg, alt * u.km)
        for model, energy in energies.items():
            spec = rad.TRAPPED_MODELS[model]
            m = aep8.model(spec["particle"], spec["solar"])
            shell, ratio = m.geomagnetic_coordinates(location, Time("2026-03-20"))
            with np.errstate(invalid="ignore"):
                m.integral_flux_for_geomagnetic_coordinates(shell[:, None], ratio[:, None],
                                                            energy * u.MeV)

    subset_s = best_time(direct, repeat=1)
    direct_s = subset_s * n_points / subset.size + dose_only_s
    report("cached grid: spectra + dose-depth, all orbits", cached_s, "s",
           baseline=direct_s, baseline_name="direct aep8 (extrapolated)", higher_is_better=False)
    print(f"   (direct aep8 timed on {subset.size} random points: {subset_s:.2f} s, "
          f"extrapolated ×{n_points / subset.size:.0f} to all points)")
    report("speed-up of the cached grid over direct aep8", direct_s / cached_s, "x")
    report("cached throughput", n_points / cached_s, "points/s",
           baseline=subset.size / subset_s, baseline_name="direct aep8")
    report("peak memory", peak_memory_mb(), "MB")
