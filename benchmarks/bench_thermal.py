"""Transient radiator temperature for a 1 584-satellite shell over 1 440 one-minute steps.

Figures (issue #4): wall time of :func:`orbital.thermal.transient_temperature` (the
backward-Euler recurrence, one loop over time vectorized over satellites) and of the whole
orbit-driven :func:`orbital.thermal.orbit_temperature` (Sun direction, shadow, panel fluxes,
transient, per-orbit extremes) and of :func:`orbital.thermal.size_radiator_for_orbit`,
each beside :func:`orbital.orbits.propagate` of the same
shell and times measured in the same run (ratio < 1: thermal is cheaper than propagation).
"""

from __future__ import annotations

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report


def run(quick: bool = False) -> None:
    from orbital import orbits, sun, thermal

    steps = 240 if quick else 1440
    times = np.datetime64("2026-03-20") + np.arange(steps) * np.timedelta64(60, "s")
    shell = orbits.walker_delta(550.0, 53.0, 72, 22, 1)
    points = shell.n_satellites * steps

    propagate_s = best_time(lambda: orbits.propagate(shell, times), repeat=2)
    states = orbits.propagate(shell, times)
    report(f"propagate, {shell.n_satellites} sats x {steps} steps", propagate_s, "s",
           higher_is_better=False)

    # Loads from the real geometry, computed once, so the transient is timed on its own.
    disk = sun.shadow_fraction(states)
    direction = sun.sun_direction_gcrs(states)
    position = states.position_gcrs_km.values
    zenith = np.einsum("tsx,tsx->ts", position / np.linalg.norm(position, axis=-1,
                                                                 keepdims=True),
                       direction.values)
    incident = thermal.panel_incident_flux("earth-facing", states.alt_km, states.alt_km.copy(
        data=np.clip(zenith, -1, 1)), disk, sides=2)
    heat = 8_000.0 * (0.9 + 0.1 * disk.values)  # compute load, shed a little in eclipse

    transient_s = best_time(lambda: thermal.transient_temperature(
        times, heat, 15.0, 2e6, 0.92, 0.09, incident=incident), repeat=3)
    report("transient_temperature (backward Euler, loads given)", points / transient_s,
           "sat-steps/s", baseline=points / propagate_s, baseline_name="propagate")
    report("  wall time", transient_s, "s", baseline=propagate_s, baseline_name="propagate",
           higher_is_better=False)

    design = thermal.RadiatorDesign(area_m2=15.0, heat_capacity_j_k=2e6, emissivity=0.92,
                                    absorptivity=0.09, orientation="earth-facing")
    orbit_s = best_time(lambda: thermal.orbit_temperature(states, design, heat), repeat=2)
    report("orbit_temperature (Sun, shadow, fluxes, transient, extremes)", orbit_s, "s",
           baseline=propagate_s, baseline_name="propagate", higher_is_better=False)
    result = thermal.orbit_temperature(states, design, heat)
    sizing_s = best_time(lambda: thermal.size_radiator_for_orbit(
        states, heat, 330.0, 2e6, 0.92, 0.09, orientation="earth-facing"), repeat=1)
    report("size_radiator_for_orbit (bisection on the transient, 330 K)", sizing_s, "s",
           baseline=propagate_s, baseline_name="propagate", higher_is_better=False)
    report("  fraction of satellites holding 273-358 K (sanity)",
           float(result.range_held.mean()), "")
    report("  peak resident memory of this process", peak_memory_mb(), "MB",
           higher_is_better=False)


if __name__ == "__main__":
    run()
