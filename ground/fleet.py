"""The vehicle fleet as a compute venue (the seed's "giant distributed inference fleet").

A parked, opted-in, connected car lends its on-board AI computer. What it delivers depends on
when it is parked, whether it is plugged in (else a state-of-charge floor limits how long it can
run from its battery), and costs the **wake overhead**: the rest of the car (contactors, DC-DC,
thermal loop, telematics) stays awake while the computer works.

``ground`` cannot import the studies hardware catalog, so this module holds the vehicle-computer
table it needs (``VEHICLE_COMPUTERS``) and takes plain numbers otherwise; ``studies.hardware``
imports the table from here.

Diurnal curves are 24 values by local hour (value k is the average over hour [k, k+1)), as named
parameter sets with their source or stated assumption.
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from ground._checks import check_fraction, check_range, check_times, local_hour_index, lookup

__all__ = [
    "CHARGER_EFFICIENCY",
    "CONNECTIVITY",
    "OPT_IN",
    "PARKED_PROFILES",
    "PLUGGED_PROFILES",
    "RESIDENTIAL_PRICE_USD_PER_KWH",
    "VEHICLE_COMPUTERS",
    "WAKE_OVERHEAD_W",
    "diurnal_availability",
    "fleet_by_population",
    "fleet_compute",
    "headline_check",
    "unplugged_compute_fraction",
    "vehicle_power",
]

#: On-board AI computers. ``power_w``: board power at full load [W]; ``int8_tops``: peak dense
#: INT8 throughput [TOPS] where published (NaN otherwise); ``estimate`` flags figures that are
#: not from a primary source.
VEHICLE_COMPUTERS = {
    "HW3-class": {
        "power_w": 72.0, "int8_tops": 144.0, "estimate": False,
        "source": "Talpes et al. (2020), 'Compute Solution for Tesla's Full Self-Driving "
                  "Computer', IEEE Micro 40(2) (Hot Chips 2019): 72 W board, 2 x 72 TOPS",
    },
    "HW4-class": {
        "power_w": 100.0, "int8_tops": float("nan"), "estimate": True,
        "source": "estimate: order of 100 W (secondary reports [HW4-power]); no "
                  "published TOPS figure",
    },
    "AI5-class": {
        "power_w": 1000.0, "int8_tops": float("nan"), "estimate": True,
        "source": "assumption: ~1 kW per vehicle as in Tesla's Q3 2025 earnings call "
                  "('100 million vehicles x ~1 kW = 100 GW'); AI5 announced as ~40x HW4 on some "
                  "metrics; no published board power",
    },
    "Orin-class": {
        "power_w": 60.0, "int8_tops": 275.0, "estimate": True,
        "source": "NVIDIA Jetson AGX Orin 64GB datasheet (15-60 W, 275 sparse INT8 TOPS); "
                  "automotive DRIVE Orin assumed similar (estimate)",
    },
    "Thor-class": {
        "power_w": 130.0, "int8_tops": float("nan"), "estimate": True,
        "source": "NVIDIA Jetson AGX Thor (2025): 40-130 W configurable; automotive DRIVE Thor "
                  "assumed similar (estimate)",
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

# NHTS 2017 share of daily vehicle trips by start hour (local), percent (approximate reading of
# FHWA NHTS 2017 summary tables; the shape only — the level comes from the stated average).
_NHTS_2017_TRIP_START_PERCENT = np.array([
    0.6, 0.3, 0.2, 0.2, 0.4, 1.2, 3.2, 6.3, 5.7, 5.0, 5.5, 6.3,
    6.9, 6.6, 7.0, 8.1, 8.3, 8.5, 6.6, 4.8, 3.6, 2.8, 1.9, 1.1,
])


def _parked_from_trip_shape(shape, daily_average):
    """Parked fraction by hour: driving ∝ trip starts, scaled so the mean parked = average."""
    driving = shape / shape.mean() * (1.0 - daily_average)
    return 1.0 - driving


#: Fraction of all vehicles parked, by local hour.
PARKED_PROFILES = {
    "us-weekday-nhts2017": {
        "hourly": _parked_from_trip_shape(_NHTS_2017_TRIP_START_PERCENT, 0.95),
        "daily_average": 0.95,
        "source": "level: cars are parked ~95 % of the time (Shoup 2005, The High Cost of Free "
                  "Parking; Tesla Q3 2025 earnings call); shape: driving in proportion to NHTS "
                  "2017 trips by start hour (FHWA; approximate reading)",
    },
    "flat-95": {
        "hourly": np.full(24, 0.95),
        "daily_average": 0.95,
        "source": "the seed's arithmetic: 95 % parked at every hour",
    },
}

#: Fraction of *parked* vehicles that are plugged in, by local hour (overnight home peak).
PLUGGED_PROFILES = {
    "home-charging-typical": {
        "hourly": np.array([
            0.55, 0.58, 0.60, 0.60, 0.60, 0.58, 0.50, 0.35, 0.22, 0.16, 0.14, 0.13,
            0.13, 0.13, 0.13, 0.14, 0.17, 0.24, 0.32, 0.40, 0.45, 0.50, 0.53, 0.54,
        ]),
        "daily_average": 0.362,
        "source": "stated assumption informed by the INL EV Project (Smart & Schey 2012, SAE "
                  "2012-01-0199: most charging at home, plug-in in the evening, unplug in the "
                  "morning) and ~80 % of charging energy at home (US DOE); many owners plug in "
                  "every few days, so the overnight peak is ~60 %, not 100 %",
    },
    "home-charging-high": {
        "hourly": np.array([
            0.80, 0.83, 0.85, 0.85, 0.85, 0.83, 0.72, 0.50, 0.32, 0.25, 0.22, 0.21,
            0.21, 0.21, 0.21, 0.22, 0.26, 0.35, 0.47, 0.58, 0.65, 0.72, 0.76, 0.78,
        ]),
        "daily_average": 0.527,
        "source": "stated assumption: owners incentivised to plug in every night (85 % "
                  "overnight peak), shape as 'home-charging-typical'",
    },
    "always": {
        "hourly": np.ones(24),
        "daily_average": 1.0,
        "source": "upper bound: every parked car is plugged in",
    },
}

#: Fraction of owners who opt in to lend their computer (stated assumptions; no fleet has
#: published a figure).
OPT_IN = {
    "high": {"fraction": 0.5, "source": "stated assumption: half of owners, strong incentive"},
    "medium": {"fraction": 0.2, "source": "stated assumption: one owner in five"},
    "low": {"fraction": 0.05, "source": "stated assumption: early adopters only"},
    "all": {"fraction": 1.0, "source": "the seed's arithmetic: every vehicle"},
}

#: Fraction of parked vehicles with a usable data link: Wi-Fi when plugged in at home, cellular
#: otherwise (stated assumptions: home Wi-Fi reaches most garages/driveways; cellular fails in
#: underground car parks).
CONNECTIVITY = {
    "home-wifi-typical": {
        "wifi": 0.9, "cellular": 0.8,
        "source": "stated assumption: 90 % of plugged-in (home) cars reach Wi-Fi; 80 % of other "
                  "parked cars have a usable cellular signal",
    },
    "perfect": {"wifi": 1.0, "cellular": 1.0, "source": "upper bound"},
}


def _profile(table, field, value, *, what):
    """Named set → 24 hourly values; or a user array of 24 fractions."""
    if isinstance(value, str):
        return np.asarray(lookup(table, field, value, what=what)["hourly"], dtype=float)
    hourly = check_fraction(field, value)
    if hourly.shape != (24,):
        raise ValueError(f"{field}: {hourly.size} values given; one per local hour (24) is "
                         "required")
    return hourly


def _opt_in(value):
    if isinstance(value, str):
        return float(lookup(OPT_IN, "opted_in", value, what="opt-in set")["fraction"])
    return float(check_fraction("opted_in", value))


def _connectivity(value):
    if isinstance(value, str):
        params = lookup(CONNECTIVITY, "connectivity", value, what="connectivity set")
        return float(params["wifi"]), float(params["cellular"])
    pair = check_fraction("connectivity", value)
    if pair.shape != (2,):
        raise ValueError(f"connectivity: {pair.size} values given; give a name in CONNECTIVITY "
                         "or (Wi-Fi fraction when plugged, cellular fraction otherwise)")
    return float(pair[0]), float(pair[1])


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
        Share of the board's power available to lent compute [-], in [0, 1].
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

    References
    ----------
    Talpes, E. et al. (2020), Compute Solution for Tesla's Full Self-Driving Computer, IEEE Micro
    40(2):25–35 (HW3 board power). Wake overhead and charger efficiency: see ``WAKE_OVERHEAD_W``
    and ``CHARGER_EFFICIENCY`` (estimates).

    Examples
    --------
    >>> p = vehicle_power("HW4-class")
    >>> round(p["wall_w"], 1), round(p["wall_energy_per_compute_kwh"], 2)
    (411.8, 4.12)
    """
    spec = lookup(VEHICLE_COMPUTERS, "computer", computer, what="vehicle computer")
    board_w = spec["power_w"] if compute_power_w is None else compute_power_w
    board_w = float(check_range("compute_power_w", board_w, 0.0, 100_000.0, low_inclusive=False,
                                unit="W"))
    usable = float(check_range("usable_compute_fraction", usable_compute_fraction, 0.0, 1.0,
                               low_inclusive=False))
    wake = float(check_range("wake_overhead_w", wake_overhead_w, 0.0, 100_000.0, unit="W"))
    eta = float(check_range("charger_efficiency", charger_efficiency, 0.0, 1.0,
                            low_inclusive=False))
    compute_w = board_w * usable
    wall_w = (compute_w + wake) / eta
    return {"compute_w": compute_w, "wall_w": wall_w,
            "wall_energy_per_compute_kwh": wall_w / compute_w}


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


def diurnal_availability(*, parked="us-weekday-nhts2017", plugged="home-charging-typical",
                         opted_in="medium", connectivity="home-wifi-typical",
                         draw_w=None, battery_kwh=75.0, typical_soc=0.6,
                         soc_floor=0.5) -> xr.Dataset:
    """Fractions of a fleet available to compute, by local hour of day.

    Parameters
    ----------
    parked : str or array_like of 24
        Name in ``PARKED_PROFILES`` or fractions of all vehicles parked per hour.
    plugged : str or array_like of 24
        Name in ``PLUGGED_PROFILES`` or fractions of parked vehicles plugged in per hour.
    opted_in : str or float
        Name in ``OPT_IN`` or the fraction of owners opted in.
    connectivity : str or (float, float)
        Name in ``CONNECTIVITY`` or (Wi-Fi fraction when plugged, cellular fraction otherwise).
    draw_w : float, optional
        Battery-side draw while computing [W]; when given, unplugged cars compute only for the
        share of their unplugged parked time their SoC budget allows
        (:func:`unplugged_compute_fraction`). When None, unplugged cars do not compute.
    battery_kwh, typical_soc, soc_floor : float
        See :func:`unplugged_compute_fraction`.

    Returns
    -------
    xarray.Dataset
        Over ``hour`` (0…23): ``parked_fraction``, ``plugged_fraction`` (of all vehicles),
        ``connected_fraction``, ``wifi_fraction``, ``cellular_fraction``, ``available_fraction``
        and its split ``available_wifi_fraction`` / ``available_cellular_fraction`` (all of all
        vehicles), and scalars ``opted_in_fraction``, ``unplugged_compute_fraction``.

    Notes
    -----
    With p parked, q plugged-given-parked, o opted in, w and m the Wi-Fi and cellular link
    fractions and b the unplugged compute fraction:

    .. math:: a(h) = o\\,p(h)\\,[\\,q(h)\\,w + (1 - q(h))\\,m\\,b\\,]

    References
    ----------
    Shoup, D. (2005), *The High Cost of Free Parking*, APA Planners Press (cars parked ~95 % of
    the time). FHWA (2017), National Household Travel Survey (trips by start hour).
    Smart, J. & Schey, S. (2012), Battery Electric Vehicle Driving and Charging Behavior Observed
    Early in The EV Project, SAE Technical Paper 2012-01-0199.

    Examples
    --------
    >>> ds = diurnal_availability()
    >>> round(float(ds.parked_fraction.mean()), 4)
    0.95
    >>> float(ds.available_fraction.max()) <= 1.0
    True
    """
    parked_h = _profile(PARKED_PROFILES, "parked", parked, what="parked profile")
    plugged_given_parked = _profile(PLUGGED_PROFILES, "plugged", plugged, what="plugged profile")
    opt = _opt_in(opted_in)
    wifi, cellular = _connectivity(connectivity)
    unplugged_hours = float(np.sum(parked_h * (1.0 - plugged_given_parked)))
    if draw_w is None:
        unplugged_ok = 0.0
    else:
        unplugged_ok = unplugged_compute_fraction(draw_w, unplugged_hours, battery_kwh=battery_kwh,
                                                  typical_soc=typical_soc, soc_floor=soc_floor)
    wifi_h = parked_h * plugged_given_parked * wifi
    cellular_h = parked_h * (1.0 - plugged_given_parked) * cellular
    available_wifi = opt * wifi_h
    available_cellular = opt * cellular_h * unplugged_ok
    available = available_wifi + available_cellular
    dim = "hour"

    def var(values, long_name):
        return (dim, np.asarray(values, dtype=float), {"units": "1", "long_name": long_name})

    return xr.Dataset(
        {
            "parked_fraction": var(parked_h, "fraction of vehicles parked"),
            "plugged_fraction": var(parked_h * plugged_given_parked,
                                    "fraction of vehicles parked and plugged in"),
            "wifi_fraction": var(wifi_h, "fraction of vehicles parked, plugged, on Wi-Fi"),
            "cellular_fraction": var(cellular_h,
                                     "fraction of vehicles parked, unplugged, with cellular"),
            "connected_fraction": var(wifi_h + cellular_h,
                                      "fraction of vehicles parked with a usable link"),
            "available_fraction": var(available, "fraction of vehicles computing"),
            "available_wifi_fraction": var(available_wifi,
                                           "fraction of vehicles computing over home Wi-Fi"),
            "available_cellular_fraction": var(available_cellular,
                                               "fraction of vehicles computing over cellular"),
            "opted_in_fraction": ((), opt, {"units": "1", "long_name": "owners opted in"}),
            "unplugged_compute_fraction": ((), float(unplugged_ok), {
                "units": "1", "long_name": "share of unplugged parked time within the SoC budget"}),
        },
        coords={"hour": np.arange(24)},
        attrs={"parked": str(parked) if isinstance(parked, str) else "user",
               "plugged": str(plugged) if isinstance(plugged, str) else "user"},
    )


def fleet_by_population(total_vehicles, population, names=None) -> xr.Dataset:
    """Distribute a fleet over sites in proportion to their population.

    Parameters
    ----------
    total_vehicles : float
        Fleet size [vehicles], ≥ 0.
    population : array_like
        Population of each site [inhabitants], ≥ 0, not all zero.
    names : sequence of str, optional
        Site labels.

    Returns
    -------
    xarray.Dataset
        Over ``site``: ``vehicles`` [vehicles] (expected values, not rounded) and ``population``.

    Examples
    --------
    >>> fleet_by_population(1000, [3, 1], ["A", "B"]).vehicles.values.tolist()
    [750.0, 250.0]
    """
    total = float(check_range("total_vehicles", total_vehicles, 0.0, None, unit="vehicles"))
    population = np.atleast_1d(check_range("population", population, 0.0, None))
    if population.sum() <= 0:
        raise ValueError("population: all sites have zero population; cannot distribute a fleet")
    names = np.arange(population.size) if names is None else np.asarray(names)
    if names.shape != population.shape:
        raise ValueError(f"names: {names.size} names for {population.size} sites")
    vehicles = total * population / population.sum()
    return xr.Dataset(
        {"vehicles": ("site", vehicles, {"units": "vehicles", "long_name": "fleet size"}),
         "population": ("site", population, {"units": "inhabitants", "long_name": "population"})},
        coords={"site": names},
    )


def fleet_compute(
    times,
    vehicles,
    lon,
    *,
    site_names=None,
    utc_offset_hours=None,
    computer="HW4-class",
    compute_power_w=None,
    usable_compute_fraction=1.0,
    wake_overhead_w=WAKE_OVERHEAD_W,
    charger_efficiency=CHARGER_EFFICIENCY,
    battery_kwh=75.0,
    typical_soc=0.6,
    soc_floor=0.5,
    parked="us-weekday-nhts2017",
    plugged="home-charging-typical",
    opted_in="medium",
    connectivity="home-wifi-typical",
    residential_price_usd_per_kwh=RESIDENTIAL_PRICE_USD_PER_KWH,
    grid_carbon_g_per_kwh=369.0,
    compute_price_usd_per_kwh=None,
    reference_accelerator_tops=None,
) -> xr.Dataset:
    """Compute a vehicle fleet delivers over time, site by site.

    Parameters
    ----------
    times : array_like of datetime64
        UTC instants, strictly increasing (each step lasts until the next).
    vehicles : array_like, shape (site,)
        Fleet size at each site [vehicles], ≥ 0 (e.g. :func:`fleet_by_population`).
    lon : array_like, shape (site,)
        Site longitude [deg]; sets local mean solar time when ``utc_offset_hours`` is None.
    site_names : sequence of str, optional
        Labels of the ``site`` dimension.
    utc_offset_hours : array_like, shape (site,), optional
        Local civil time − UTC [h] per site.
    computer, compute_power_w, usable_compute_fraction, wake_overhead_w, charger_efficiency
        See :func:`vehicle_power`.
    battery_kwh, typical_soc, soc_floor
        See :func:`unplugged_compute_fraction`; set ``soc_floor >= typical_soc`` to keep
        unplugged cars out.
    parked, plugged, opted_in, connectivity
        See :func:`diurnal_availability`.
    residential_price_usd_per_kwh : float or array_like (site,)
        Owner's electricity price [USD/kWh].
    grid_carbon_g_per_kwh : float or array_like (site,)
        Grid carbon intensity where the cars are [gCO2e/kWh] (default: US 2023, estimate).
    compute_price_usd_per_kwh : float, optional
        Price paid to the owner per kWh of compute delivered [USD/kWh]; adds revenue variables.
    reference_accelerator_tops : float, optional
        Throughput of a reference accelerator [TOPS]; with the computer's ``int8_tops`` adds
        ``accelerator_equivalents`` (otherwise it counts computers).

    Returns
    -------
    xarray.Dataset
        Dims ``(time, site)``: ``available_vehicles`` [vehicles] and its split by link,
        ``wifi_vehicles`` / ``cellular_vehicles`` (pair them with the fixed and 4G/5G entries of
        ``ground.network.ACCESS_NETWORKS``), ``accelerator_equivalents``
        [-], ``compute_power_w`` and ``wall_power_w`` [W], ``compute_energy_kwh`` and
        ``wall_energy_kwh`` [kWh per step], ``carbon_kg`` [kg per step], ``electricity_cost_usd``
        [USD per step], with ``owner_revenue_usd`` and ``owner_net_usd`` when a price is given;
        scalar ``wall_energy_per_compute_kwh`` [kWh/kWh] and ``vehicle_compute_w`` [W].

    Notes
    -----
    available(t, s) = N_s · a(local hour), with a(h) from :func:`diurnal_availability`;
    compute power = available · P_compute; wall power = available · (P_compute + P_wake) / η.
    The result never exceeds N_s · P_compute because every fraction is in [0, 1].

    Examples
    --------
    >>> t = np.datetime64("2026-01-01") + np.arange(24) * np.timedelta64(1, "h")
    >>> ds = fleet_compute(t, [1e6], [0.0], site_names=["A"])
    >>> ds.compute_power_w.dims, bool((ds.compute_power_w <= 1e6 * 100.0).all())
    (('time', 'site'), True)
    """
    times, hours = check_times("times", times)
    hours = hours[:, None]
    vehicles = np.atleast_1d(check_range("vehicles", vehicles, 0.0, None, unit="vehicles"))
    lon = np.atleast_1d(check_range("lon", lon, -180.0, 360.0, unit="deg"))
    if lon.shape != vehicles.shape:
        raise ValueError(f"lon: {lon.size} longitudes for {vehicles.size} sites")
    if utc_offset_hours is None:
        offset = lon / 15.0
    else:
        offset = np.broadcast_to(check_range("utc_offset_hours", utc_offset_hours, -12.0, 14.0,
                                             unit="h"), vehicles.shape)
    power = vehicle_power(computer, compute_power_w=compute_power_w,
                          usable_compute_fraction=usable_compute_fraction,
                          wake_overhead_w=wake_overhead_w, charger_efficiency=charger_efficiency)
    draw_w = power["compute_w"] + float(wake_overhead_w)
    daily = diurnal_availability(parked=parked, plugged=plugged, opted_in=opted_in,
                                 connectivity=connectivity, draw_w=draw_w,
                                 battery_kwh=battery_kwh, typical_soc=typical_soc,
                                 soc_floor=soc_floor)
    price = np.broadcast_to(check_range("residential_price_usd_per_kwh",
                                        residential_price_usd_per_kwh, 0.0, 5.0,
                                        unit="USD/kWh"), vehicles.shape)
    carbon = np.broadcast_to(check_range("grid_carbon_g_per_kwh", grid_carbon_g_per_kwh,
                                         0.0, 2000.0, unit="g/kWh"), vehicles.shape)

    local_hour = local_hour_index(times, offset)
    available = vehicles[None, :] * daily.available_fraction.values[local_hour]
    on_cellular = vehicles[None, :] * daily.available_cellular_fraction.values[local_hour]
    on_wifi = vehicles[None, :] * daily.available_wifi_fraction.values[local_hour]
    compute_w = available * power["compute_w"]
    wall_w = available * power["wall_w"]
    compute_kwh = compute_w * hours / 1e3
    wall_kwh = wall_w * hours / 1e3
    spec = lookup(VEHICLE_COMPUTERS, "computer", computer, what="vehicle computer")
    if reference_accelerator_tops is not None:
        ref = float(check_range("reference_accelerator_tops", reference_accelerator_tops, 0.0,
                                None, low_inclusive=False, unit="TOPS"))
        if not np.isfinite(spec["int8_tops"]):
            raise ValueError(f"reference_accelerator_tops: computer {computer!r} has no published "
                             "TOPS figure; leave it None to count computers")
        per_vehicle = spec["int8_tops"] / ref
    else:
        per_vehicle = 1.0
    dims = ("time", "site")
    names = np.arange(vehicles.size) if site_names is None else np.asarray(site_names)
    if names.shape != vehicles.shape:
        raise ValueError(f"site_names: {names.size} names for {vehicles.size} sites")
    data = {
        "available_vehicles": (dims, available,
                               {"units": "vehicles", "long_name": "vehicles computing"}),
        "wifi_vehicles": (dims, on_wifi, {
            "units": "vehicles", "long_name": "vehicles computing over home Wi-Fi (fixed access)"}),
        "cellular_vehicles": (dims, on_cellular, {
            "units": "vehicles", "long_name": "vehicles computing over cellular (4G/5G)"}),
        "accelerator_equivalents": (dims, available * per_vehicle, {
            "units": "1", "long_name": "available compute in reference accelerators "
                                       "(computers when no reference is given)"}),
        "compute_power_w": (dims, compute_w, {"units": "W", "long_name": "compute power"}),
        "wall_power_w": (dims, wall_w, {"units": "W",
                                        "long_name": "power at the wall incl. wake overhead"}),
        "compute_energy_kwh": (dims, compute_kwh,
                               {"units": "kWh", "long_name": "compute energy per step"}),
        "wall_energy_kwh": (dims, wall_kwh, {"units": "kWh", "long_name": "wall energy per step"}),
        "carbon_kg": (dims, wall_kwh * carbon[None, :] / 1e3,
                      {"units": "kg", "long_name": "CO2e emitted per step (location-based)"}),
        "electricity_cost_usd": (dims, wall_kwh * price[None, :],
                                 {"units": "USD", "long_name": "owners' electricity cost per step"}),
        "wall_energy_per_compute_kwh": ((), power["wall_energy_per_compute_kwh"], {
            "units": "1", "long_name": "wall energy per kWh of compute delivered"}),
        "vehicle_compute_w": ((), power["compute_w"],
                              {"units": "W", "long_name": "compute power per vehicle"}),
        "vehicles": ("site", vehicles, {"units": "vehicles", "long_name": "fleet size"}),
    }
    if compute_price_usd_per_kwh is not None:
        compute_price = float(check_range("compute_price_usd_per_kwh", compute_price_usd_per_kwh,
                                          0.0, 100.0, unit="USD/kWh"))
        revenue = compute_kwh * compute_price
        data["owner_revenue_usd"] = (dims, revenue,
                                     {"units": "USD", "long_name": "owners' revenue per step"})
        data["owner_net_usd"] = (dims, revenue - wall_kwh * price[None, :], {
            "units": "USD", "long_name": "owners' revenue less electricity cost per step"})
    return xr.Dataset(data, coords={"time": times, "site": names},
                      attrs={"computer": str(computer), "source_computer": spec["source"]})


def headline_check(n_vehicles=100e6, power_w_per_vehicle=1000.0, **availability) -> xr.Dataset:
    """The seed's headline (100 M vehicles × 1 kW = 100 GW) beside the deliverable power by hour.

    Parameters
    ----------
    n_vehicles : float, default 1e8
        Fleet size [vehicles], ≥ 0.
    power_w_per_vehicle : float, default 1000
        Compute power per vehicle [W].
    **availability
        Passed to :func:`diurnal_availability` (parked, plugged, opted_in, connectivity,
        battery_kwh, typical_soc, soc_floor); ``wake_overhead_w`` (default 250 W) sets the
        battery-side draw used for the SoC budget.

    Returns
    -------
    xarray.Dataset
        Over ``hour`` (local, whole fleet in one time zone): ``deliverable_power_gw`` [GW];
        scalars ``headline_power_gw`` [GW], ``mean_deliverable_power_gw`` [GW] and
        ``deliverable_share`` [-] (daily mean ÷ headline).

    References
    ----------
    Tesla Q3 2025 earnings call (22 Oct 2025): "100 million vehicles … ~1 kW … 100 GW" of
    distributed inference; cars parked ~95 % of the time.

    Examples
    --------
    >>> ds = headline_check()
    >>> float(ds.headline_power_gw)
    100.0
    >>> float(ds.mean_deliverable_power_gw) < 100.0
    True
    """
    n = float(check_range("n_vehicles", n_vehicles, 0.0, None, unit="vehicles"))
    p = float(check_range("power_w_per_vehicle", power_w_per_vehicle, 0.0, None,
                          low_inclusive=False, unit="W"))
    wake = availability.pop("wake_overhead_w", WAKE_OVERHEAD_W)
    wake = float(check_range("wake_overhead_w", wake, 0.0, None, unit="W"))
    allowed = {"parked", "plugged", "opted_in", "connectivity", "battery_kwh", "typical_soc",
               "soc_floor"}
    unknown = sorted(set(availability) - allowed)
    if unknown:
        raise ValueError(f"headline_check: unknown argument(s) {unknown}; availability "
                         f"arguments are {sorted(allowed | {'wake_overhead_w'})}")
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
