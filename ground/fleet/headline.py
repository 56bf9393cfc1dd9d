"""The seed's headline (100 M vehicles × 1 kW = 100 GW) against what the fleet can deliver.

Only two inputs of the headline have sources (cars parked ~95 % of the time, Shoup 2005; ~1 kW
per vehicle, Tesla's Q3 2025 call); every other fraction is a stated assumption. So the
deliverable power is a range over named assumption sets, with a one-at-a-time sensitivity that
says which assumption moves it most; a single number is only the typical case.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from ground._checks import check_name, check_range, lookup
from ground.fleet.availability import diurnal_availability
from ground.fleet.vehicles import WAKE_OVERHEAD_W

__all__ = ["ASSUMPTION_SETS", "HEADLINE_ASSUMPTIONS", "headline_check", "headline_range"]

#: The unsourced assumptions of the headline, each at a low, typical and high value (names of
#: the parameter sets in ``ground.fleet``, or numbers), ordered so that "low" delivers least.
#: The parked curve (Shoup 2005) and the power per vehicle (Tesla) are held fixed.
HEADLINE_ASSUMPTIONS = {
    "opted_in": {"low": "low", "typical": "medium", "high": "high",
                 "source": "OPT_IN: 5 % / 20 % / 50 % of owners (stated assumptions)"},
    "plugged": {"low": "home-charging-low", "typical": "home-charging-typical",
                "high": "home-charging-high",
                "source": "PLUGGED_PROFILES: overnight peak 35 % / 60 % / 85 % of parked cars"},
    "connectivity": {"low": "home-wifi-poor", "typical": "home-wifi-typical", "high": "perfect",
                     "source": "CONNECTIVITY: Wi-Fi 70/90/100 %, cellular 60/80/100 %"},
    "soc_floor": {"low": 0.6, "typical": 0.5, "high": 0.3,
                  "source": "owner's state-of-charge floor for unplugged compute (typical SoC "
                            "0.6: a floor of 0.6 keeps unplugged cars out)"},
    "battery_kwh": {"low": 60.0, "typical": 75.0, "high": 100.0,
                    "source": "usable battery: standard-range / long-range / large EV"},
    "wake_overhead_w": {"low": 350.0, "typical": WAKE_OVERHEAD_W, "high": 150.0,
                        "source": "rest-of-car draw while awake, ~1 mile of range per hour "
                                  "(owner measurements, secondary) +/- 100 W"},
}

#: Named assumption sets: every assumption of ``HEADLINE_ASSUMPTIONS`` at the same level.
ASSUMPTION_SETS = {level: {name: levels[level] for name, levels in HEADLINE_ASSUMPTIONS.items()}
                   for level in ("low", "typical", "high")}

_AVAILABILITY_ARGUMENTS = {"parked", "plugged", "opted_in", "connectivity", "battery_kwh",
                           "typical_soc", "soc_floor"}


def headline_check(n_vehicles=100e6, power_w_per_vehicle=1000.0, **availability) -> xr.Dataset:
    """The headline beside the deliverable power by hour, for one set of assumptions.

    Parameters
    ----------
    n_vehicles : float, default 1e8
        Fleet size [vehicles], ≥ 0.
    power_w_per_vehicle : float, default 1000
        Compute power per vehicle [W].
    **availability
        Passed to :func:`diurnal_availability` (parked, plugged, opted_in, connectivity,
        battery_kwh, typical_soc, soc_floor); ``wake_overhead_w`` (default 250 W) sets the
        battery-side draw used for the SoC budget. Defaults are the typical case; for the
        range over assumptions use :func:`headline_range`.

    Returns
    -------
    xarray.Dataset
        Over ``hour`` (local, whole fleet in one time zone): ``deliverable_power_gw`` [GW];
        scalars ``headline_power_gw`` [GW], ``mean_deliverable_power_gw`` [GW] and
        ``deliverable_share`` [-] (daily mean ÷ headline).

    References
    ----------
    Tesla Q3 2025 earnings call (22 Oct 2025): "100 million vehicles … ~1 kW … 100 GW" of
    distributed inference. Shoup, D. (2005), *The High Cost of Free Parking* (parked ~95 %).

    Examples
    --------
    >>> ds = headline_check()
    >>> float(ds.headline_power_gw), round(float(ds.mean_deliverable_power_gw), 1)
    (100.0, 10.3)
    """
    n = float(check_range("n_vehicles", n_vehicles, 0.0, None, unit="vehicles"))
    p = float(check_range("power_w_per_vehicle", power_w_per_vehicle, 0.0, None,
                          low_inclusive=False, unit="W"))
    wake = availability.pop("wake_overhead_w", WAKE_OVERHEAD_W)
    wake = float(check_range("wake_overhead_w", wake, 0.0, None, unit="W"))
    unknown = sorted(set(availability) - _AVAILABILITY_ARGUMENTS)
    if unknown:
        raise ValueError(f"headline_check: unknown argument(s) {unknown}; availability "
                         f"arguments are {sorted(_AVAILABILITY_ARGUMENTS | {'wake_overhead_w'})}")
    daily = diurnal_availability(draw_w=p + wake, **availability)
    deliverable = n * p * daily.available_fraction.values / 1e9
    headline = n * p / 1e9
    return xr.Dataset(
        {
            "deliverable_power_gw": ("hour", deliverable, {
                "units": "GW", "long_name": "compute power deliverable (parked, plugged or within "
                                            "SoC budget, opted in, connected)"}),
            "headline_power_gw": ((), headline, {"units": "GW",
                                                 "long_name": "fleet size x power per vehicle"}),
            "mean_deliverable_power_gw": ((), deliverable.mean(), {
                "units": "GW", "long_name": "daily mean deliverable compute power"}),
            "deliverable_share": ((), deliverable.mean() / headline if headline else 0.0, {
                "units": "1", "long_name": "daily mean deliverable ÷ headline"}),
        },
        coords={"hour": np.arange(24)},
    )


def headline_range(n_vehicles=100e6, power_w_per_vehicle=1000.0, *,
                   assumptions=None) -> xr.Dataset:
    """Deliverable fleet power as a range over named assumption sets, with its sensitivity.

    Parameters
    ----------
    n_vehicles : float, default 1e8
        Fleet size [vehicles], ≥ 0.
    power_w_per_vehicle : float, default 1000
        Compute power per vehicle [W], > 0.
    assumptions : dict, optional
        ``{name: {"low": ..., "typical": ..., "high": ...}}`` over the arguments of
        :func:`headline_check`; default ``HEADLINE_ASSUMPTIONS``.

    Returns
    -------
    xarray.Dataset
        ``mean_deliverable_power_gw`` [GW] over ``case`` (low, typical, high), each case every
        assumption at that level; ``deliverable_power_gw`` [GW] over ``(case, hour)``;
        ``sensitivity_low_gw`` and ``sensitivity_high_gw`` [GW] over ``assumption``: the daily
        mean with that one assumption at its low (high) value and the others typical, sorted by
        swing, largest first; ``sensitivity_swing_gw`` [GW]; scalar ``headline_power_gw``.
        ``attrs["most_influential"]`` names the assumption with the largest swing.

    Notes
    -----
    One-at-a-time (tornado) sensitivity: it ranks the assumptions but does not add up to the
    range, because they interact (opt-in multiplies everything; the SoC floor matters only for
    unplugged cars). The low and high cases are the corners of the assumption box.

    Examples
    --------
    >>> ds = headline_range()
    >>> [round(float(v), 1) for v in ds.mean_deliverable_power_gw]
    [0.7, 10.3, 47.5]
    >>> ds.attrs["most_influential"]
    'opted_in'
    """
    n = float(check_range("n_vehicles", n_vehicles, 0.0, None, unit="vehicles"))
    p = float(check_range("power_w_per_vehicle", power_w_per_vehicle, 0.0, None,
                          low_inclusive=False, unit="W"))
    assumptions = HEADLINE_ASSUMPTIONS if assumptions is None else dict(assumptions)
    allowed = sorted(_AVAILABILITY_ARGUMENTS | {"wake_overhead_w"})
    for name, levels in assumptions.items():
        check_name("assumptions", name, allowed, what="assumption")
        for level in ("low", "typical", "high"):
            lookup(levels, f"assumptions[{name!r}]", level, what="level")
    cases = ("low", "typical", "high")
    runs = {case: headline_check(n, p, **{k: v[case] for k, v in assumptions.items()})
            for case in cases}
    typical = {k: v["typical"] for k, v in assumptions.items()}

    def mean_with(name, level):
        return float(headline_check(n, p, **{**typical, name: assumptions[name][level]})
                     .mean_deliverable_power_gw)

    low = {name: mean_with(name, "low") for name in assumptions}
    high = {name: mean_with(name, "high") for name in assumptions}
    order = sorted(assumptions, key=lambda name: abs(high[name] - low[name]), reverse=True)
    swing = [high[name] - low[name] for name in order]
    return xr.Dataset(
        {
            "mean_deliverable_power_gw": ("case", [float(runs[c].mean_deliverable_power_gw)
                                                   for c in cases], {
                "units": "GW", "long_name": "daily mean deliverable compute power"}),
            "deliverable_power_gw": (("case", "hour"),
                                     np.stack([runs[c].deliverable_power_gw.values
                                               for c in cases]), {
                "units": "GW", "long_name": "deliverable compute power by local hour"}),
            "sensitivity_low_gw": ("assumption", [low[name] for name in order], {
                "units": "GW", "long_name": "daily mean with this assumption low, others "
                                            "typical"}),
            "sensitivity_high_gw": ("assumption", [high[name] for name in order], {
                "units": "GW", "long_name": "daily mean with this assumption high, others "
                                            "typical"}),
            "sensitivity_swing_gw": ("assumption", swing, {
                "units": "GW", "long_name": "high minus low, others typical"}),
            "headline_power_gw": ((), n * p / 1e9, {"units": "GW",
                                                    "long_name": "fleet size x power per "
                                                                 "vehicle"}),
        },
        coords={"case": list(cases), "hour": np.arange(24), "assumption": order},
        attrs={"most_influential": order[0],
               **{f"assumption_{name}": "; ".join(f"{level}={assumptions[name][level]!r}"
                                                   for level in cases)
                  + (f" ({assumptions[name]['source']})" if "source" in assumptions[name]
                     else "")
                  for name in order}},
    )
