"""Power over a full shell: shadow fraction + energy balance vs the propagation they follow.

Figures (issue #3): steps·satellites per second of :func:`orbital.sun.shadow_fraction` and
:func:`orbital.power.energy_balance` for a 1 584-satellite Walker shell over 1 440 one-minute
steps, beside :func:`orbital.orbits.propagate` on the same inputs in the same run. Target: power
adds < 50 % to the propagation time. Also eclipse-event refinement on the same states.
"""

from __future__ import annotations

import numpy as np

from benchmarks._common import best_time, peak_memory_mb, report


def run(quick: bool = False) -> None:
    from orbital import orbits, power, sun

    steps = 240 if quick else 1440
    times = np.datetime64("2026-03-20") + np.arange(steps) * np.timedelta64(60, "s")
    shell = orbits.walker_delta(550.0, 53.0, 72, 22, 1)
    constellation = shell.to_constellation()
    points = constellation.n_satellites * steps
    repeat = 1 if quick else 3

    propagate_s = best_time(lambda: orbits.propagate(constellation, times), repeat=repeat)
    states = orbits.propagate(constellation, times)
    array = power.SolarArray.from_technology("triple-junction", 60.0)
    battery = power.Battery.from_chemistry("li-ion", 30_000.0)

    # the DE421 Sun (~2 ms for 1 440 times) is evaluated once per time array and remembered,
    # so repeats after the first time the shadow geometry alone
    shadow_s = best_time(lambda: sun.shadow_fraction(states), repeat=repeat)
    shadow = sun.shadow_fraction(states)
    balance_s = best_time(lambda: power.energy_balance(states, array, battery, 12_000.0, 1_000.0,
                                                       shadow=shadow), repeat=repeat)
    events_s = best_time(lambda: sun.eclipse_events(states), repeat=repeat)
    power_s = shadow_s + balance_s

    report("propagate (baseline)", points / propagate_s, "steps*sats/s")
    report("shadow_fraction (conical)", points / shadow_s, "steps*sats/s",
           baseline=points / propagate_s, baseline_name="propagate")
    report("energy_balance (sun-tracking, given shadow)", points / balance_s, "steps*sats/s",
           baseline=points / propagate_s, baseline_name="propagate")
    report("shadow + energy balance: time added to propagation", power_s / propagate_s, "x",
           higher_is_better=False)
    report("  (target < 0.5)", 0.5, "x", higher_is_better=False)
    report("eclipse_events (refined to 1 ms)", points / events_s, "steps*sats/s",
           baseline=points / propagate_s, baseline_name="propagate")
    body_fixed = power.SolarArray(60.0, pointing="body-fixed", pointing_vector_lvlh=(0, 0, 1))
    body_s = best_time(lambda: power.energy_balance(states, body_fixed, battery, 12_000.0,
                                                    shadow=shadow), repeat=repeat)
    report("energy_balance (body-fixed: incidence per step)", points / body_s, "steps*sats/s",
           baseline=points / balance_s, baseline_name="sun-tracking")
    report("  peak resident memory of this process", peak_memory_mb(), "MB",
           higher_is_better=False)


if __name__ == "__main__":
    run()
