"""The vehicle side of the fleet: on-board computers, wake overhead, charger, battery budget.

``ground`` cannot import the studies hardware catalog, so this module holds the vehicle-computer
table the fleet needs (``VEHICLE_COMPUTERS``); ``studies`` imports it from ``ground.fleet``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ground._checks import check_fraction, check_range, lookup

__all__ = [
    "CHARGER_EFFICIENCY",
    "RESIDENTIAL_PRICE_USD_PER_KWH",
    "VEHICLE_COMPUTERS",
    "WAKE_OVERHEAD_W",
    "Vehicle",
    "unplugged_compute_fraction",
    "vehicle_power",
]

#: On-board AI computers. ``power_w``: board power at full load [W]; ``int8_tops``: peak
#: *dense* INT8 throughput [TOPS] where a primary source gives one (NaN otherwise: the fleet
#: then counts computers, not accelerator equivalents); ``estimate`` flags figures that are not
#: from a primary source.
VEHICLE_COMPUTERS = {
    "HW3-class": {
        "power_w": 72.0, "int8_tops": 144.0, "estimate": False,
        "source": "power: Tesla Autonomy Day (22 Apr 2019), FSD computer board 72 W; throughput: "
                  "2 chips x 72 INT8 TOPS (dense), Autonomy Day and Talpes et al. (2020), "
                  "'Compute Solution for Tesla's Full Self-Driving Computer', IEEE Micro "
                  "40(2):25-35 (which gives the per-chip power as sub-40 W, not the board's)",
    },
    "HW4-class": {
        "power_w": 100.0, "int8_tops": float("nan"), "estimate": True,
        "source": "estimate: board power of the order of 100 W (secondary reports, 80-100 W; "
                  "[HW4-power]); no primary TOPS figure, and secondary estimates "
                  "disagree threefold (100-150 vs 300-500 INT8 TOPS), so int8_tops is left NaN",
    },
    "AI5-class": {
        "power_w": 1000.0, "int8_tops": float("nan"), "estimate": True,
        "source": "assumption: ~1 kW per vehicle as in Tesla's Q3 2025 earnings call "
                  "('100 million vehicles x ~1 kW = 100 GW'); AI5 announced as ~40x HW4 on some "
                  "metrics; no published board power",
    },
    "Orin-class": {
        "power_w": 60.0, "int8_tops": 137.5, "estimate": True,
        "source": "NVIDIA Jetson AGX Orin 64GB datasheet: 15-60 W, 275 INT8 TOPS with 2:4 "
                  "structured sparsity, i.e. 137.5 dense; automotive DRIVE Orin assumed similar "
                  "(estimate)",
    },
    "Thor-class": {
        "power_w": 130.0, "int8_tops": float("nan"), "estimate": True,
        "source": "NVIDIA Jetson AGX Thor (2025): 40-130 W configurable; automotive DRIVE Thor "
                  "assumed similar (estimate); NVIDIA quotes FP4/FP8 sparse figures, no dense INT8",
    },
}

#: Power the rest of the car draws while it stays awake to compute [W] (estimate: owner
#: measurements of Tesla 'Sentry Mode' / awake idle report ~200-300 W, i.e. ~1 mile of range
#: per hour; secondary sources).
WAKE_OVERHEAD_W = 250.0
#: AC on-board charger efficiency, wall to battery (estimate: Level 2 measurements at rated power
#: give 85-90 %, e.g. Argonne National Laboratory EV charging tests; efficiency falls at the low
#: ~1 kW loads of compute, so 0.85 is optimistic there).
CHARGER_EFFICIENCY = 0.85
#: US average residential electricity price 2023 [USD/kWh] (EIA Electric Power Monthly,
#: table 5.3: 15.98 ¢/kWh).
RESIDENTIAL_PRICE_USD_PER_KWH = 0.16


@dataclass(frozen=True)
class Vehicle:
    """A car lending its computer: board, rest-of-car wake load, charger and battery budget.

    Parameters
    ----------
    computer : str, default ``"HW4-class"``
        Name in ``VEHICLE_COMPUTERS`` (close matches are suggested when unknown).
    compute_power_w : float, optional
        Overrides the computer's board power [W], in (0, 100 000].
    usable_compute_fraction : float, default 1.0
        Share of the board's power available to lent compute [-], in (0, 1].
    wake_overhead_w : float, default ``WAKE_OVERHEAD_W`` (250)
        Rest-of-car power while awake [W], in [0, 100 000].
    charger_efficiency : float, default ``CHARGER_EFFICIENCY`` (0.85)
        Wall-to-vehicle efficiency [-], in (0, 1].
    battery_kwh : float, default 75
        Usable battery capacity [kWh], in [0, 1000] (long-range mid-size EV, e.g. Tesla
        Model 3/Y LR).
    typical_soc : float, default 0.6
        Typical state of charge when parked [-] (stated assumption: owners keep ~20-80 %).
    soc_floor : float, default 0.5
        The owner's floor: no lent compute below it [-]; ``soc_floor >= typical_soc`` keeps
        unplugged cars out.

    Examples
    --------
    >>> car = Vehicle("HW3-class")
    >>> car.compute_w, round(car.wall_w, 1), round(car.wall_energy_per_compute_kwh, 3)
    (72.0, 378.8, 5.261)
    """

    computer: str = "HW4-class"
    compute_power_w: float | None = None
    usable_compute_fraction: float = 1.0
    wake_overhead_w: float = WAKE_OVERHEAD_W
    charger_efficiency: float = CHARGER_EFFICIENCY
    battery_kwh: float = 75.0
    typical_soc: float = 0.6
    soc_floor: float = 0.5

    def __post_init__(self):
        names = {name.lower(): name for name in VEHICLE_COMPUTERS}
        lookup(VEHICLE_COMPUTERS, "computer", self.computer, what="vehicle computer")
        object.__setattr__(self, "computer", names.get(str(self.computer).lower(), self.computer))
        if self.compute_power_w is not None:
            object.__setattr__(self, "compute_power_w", float(check_range(
                "compute_power_w", self.compute_power_w, 0.0, 100_000.0, low_inclusive=False,
                unit="W")))
        checks = {
            "usable_compute_fraction": dict(low=0.0, high=1.0, low_inclusive=False),
            "wake_overhead_w": dict(low=0.0, high=100_000.0, unit="W"),
            "charger_efficiency": dict(low=0.0, high=1.0, low_inclusive=False),
            "battery_kwh": dict(low=0.0, high=1000.0, unit="kWh"),
            "typical_soc": dict(low=0.0, high=1.0),
            "soc_floor": dict(low=0.0, high=1.0),
        }
        for name, bounds in checks.items():
            object.__setattr__(self, name, float(check_range(name, getattr(self, name),
                                                             **bounds)))

    @property
    def spec(self) -> dict:
        """The computer's row of ``VEHICLE_COMPUTERS``."""
        return VEHICLE_COMPUTERS[self.computer]

    @property
    def compute_w(self) -> float:
        """Power lent to compute [W]: board power × usable fraction."""
        board_w = self.spec["power_w"] if self.compute_power_w is None else self.compute_power_w
        return board_w * self.usable_compute_fraction

    @property
    def battery_draw_w(self) -> float:
        """Battery-side draw while computing [W]: compute + wake overhead."""
        return self.compute_w + self.wake_overhead_w

    @property
    def wall_w(self) -> float:
        """Wall power while computing [W]: battery-side draw ÷ charger efficiency."""
        return self.battery_draw_w / self.charger_efficiency

    @property
    def wall_energy_per_compute_kwh(self) -> float:
        """Wall energy per kWh of compute delivered [kWh/kWh]."""
        return self.wall_w / self.compute_w


def vehicle_power(computer="HW4-class", *, compute_power_w=None, usable_compute_fraction=1.0,
                  wake_overhead_w=WAKE_OVERHEAD_W, charger_efficiency=CHARGER_EFFICIENCY):
    """Per-vehicle compute power, wall power and wall energy per kWh of compute.

    Parameters
    ----------
    computer : str, default ``"HW4-class"``
        Name in ``VEHICLE_COMPUTERS``.
    compute_power_w : float, optional
        Overrides the computer's board power [W] (> 0).
    usable_compute_fraction : float, default 1.0
        Share of the board's power available to lent compute [-], in (0, 1].
    wake_overhead_w : float, default ``WAKE_OVERHEAD_W`` (250)
        Rest-of-car power while awake [W], ≥ 0.
    charger_efficiency : float, default ``CHARGER_EFFICIENCY`` (0.85)
        Wall-to-vehicle efficiency [-], in (0, 1].

    Returns
    -------
    dict
        ``compute_w`` [W], ``wall_w`` [W], ``wall_energy_per_compute_kwh`` [kWh/kWh].

    Notes
    -----
    .. math:: P_\\mathrm{wall} = \\frac{P_\\mathrm{compute} + P_\\mathrm{wake}}{\\eta_\\mathrm{charger}},
              \\qquad \\frac{E_\\mathrm{wall}}{E_\\mathrm{compute}}
              = \\frac{P_\\mathrm{compute} + P_\\mathrm{wake}}{\\eta\\,P_\\mathrm{compute}}

    Energy drawn from the battery while unplugged is paid back later through the same charger,
    so it carries the same factor (battery round-trip losses of a few % are neglected).
    The cloud counterpart is PUE × host overhead (:func:`ground.cloud.wall_energy_per_it_energy`).
    The same numbers are properties of :class:`Vehicle`.

    References
    ----------
    Tesla Autonomy Day (2019) (HW3 board power). Wake overhead and charger efficiency: see
    ``WAKE_OVERHEAD_W`` and ``CHARGER_EFFICIENCY`` (estimates).

    Examples
    --------
    >>> p = vehicle_power("HW4-class")
    >>> round(p["wall_w"], 1), round(p["wall_energy_per_compute_kwh"], 2)
    (411.8, 4.12)
    """
    car = Vehicle(computer, compute_power_w=compute_power_w,
                  usable_compute_fraction=usable_compute_fraction,
                  wake_overhead_w=wake_overhead_w, charger_efficiency=charger_efficiency)
    return {"compute_w": car.compute_w, "wall_w": car.wall_w,
            "wall_energy_per_compute_kwh": car.wall_energy_per_compute_kwh}


def unplugged_compute_fraction(draw_w, unplugged_parked_hours, *, battery_kwh=75.0,
                               typical_soc=0.6, soc_floor=0.5):
    """Share of its unplugged parked time a car can compute before reaching its SoC floor.

    Parameters
    ----------
    draw_w : float
        Battery-side draw while computing, compute + wake overhead [W].
    unplugged_parked_hours : float or array_like
        Hours per day the car is parked and not plugged in [h], in [0, 24].
    battery_kwh : float, default 75
        Usable battery capacity [kWh] (long-range mid-size EV, e.g. Tesla Model 3/Y LR).
    typical_soc : float, default 0.6
        Typical state of charge when parked [-] (stated assumption: owners keep ~20-80 %).
    soc_floor : float, default 0.5
        The owner's floor: no lent compute below it [-].

    Returns
    -------
    float or numpy.ndarray
        Fraction in [0, 1].

    Notes
    -----
    The car may spend :math:`E = C\\,\\max(0, \\mathrm{SoC} - \\mathrm{SoC_{floor}})` per day
    (recharged at the next plug-in), so it computes :math:`\\min(1, E / (P\\,H))` of its H
    unplugged parked hours.

    Examples
    --------
    >>> round(float(unplugged_compute_fraction(350.0, 15.0)), 3)
    1.0
    >>> round(float(unplugged_compute_fraction(1250.0, 15.0)), 3)
    0.4
    """
    draw_w = check_range("draw_w", draw_w, 0.0, None, low_inclusive=False, unit="W")
    hours = check_range("unplugged_parked_hours", unplugged_parked_hours, 0.0, 24.0, unit="h")
    battery_kwh = check_range("battery_kwh", battery_kwh, 0.0, 1000.0, unit="kWh")
    typical_soc = check_fraction("typical_soc", typical_soc)
    soc_floor = check_fraction("soc_floor", soc_floor)
    budget_kwh = battery_kwh * np.maximum(0.0, typical_soc - soc_floor)
    need_kwh = draw_w / 1e3 * hours
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(need_kwh > 0, np.minimum(1.0, budget_kwh / need_kwh), 1.0)
    return float(fraction) if fraction.ndim == 0 else fraction
