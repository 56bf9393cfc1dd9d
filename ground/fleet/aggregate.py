"""Fleet aggregation: vehicles placed over sites, each site on its own local hour."""

from __future__ import annotations

import dataclasses

import numpy as np
import xarray as xr

from ground._checks import check_name, check_range, check_times, local_hour_index
from ground.fleet.availability import Availability, diurnal_availability
from ground.fleet.vehicles import RESIDENTIAL_PRICE_USD_PER_KWH, Vehicle

__all__ = ["fleet_by_population", "fleet_compute"]

_VEHICLE_FIELDS = tuple(f.name for f in dataclasses.fields(Vehicle))
_AVAILABILITY_FIELDS = tuple(f.name for f in dataclasses.fields(Availability))


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
        {"vehicles": ("site", vehicles, {"units": "1", "long_name": "fleet size (vehicles)"}),
         "population": ("site", population, {"units": "1",
                                             "long_name": "population (inhabitants)"})},
        coords={"site": names},
    )


def _parameter_objects(vehicle, availability, keywords):
    """Fold the flat keywords of the old signature into the two parameter objects."""
    allowed = _VEHICLE_FIELDS + _AVAILABILITY_FIELDS
    for name in keywords:
        check_name("fleet_compute", name, allowed, what="keyword argument")
    vehicle_keywords = {k: v for k, v in keywords.items() if k in _VEHICLE_FIELDS}
    availability_keywords = {k: v for k, v in keywords.items() if k in _AVAILABILITY_FIELDS}
    if vehicle is not None and vehicle_keywords:
        raise ValueError(f"fleet_compute: give {sorted(vehicle_keywords)} inside vehicle= "
                         "(dataclasses.replace(vehicle, ...)), not beside it")
    if availability is not None and availability_keywords:
        raise ValueError(f"fleet_compute: give {sorted(availability_keywords)} inside "
                         "availability=, not beside it")
    vehicle = Vehicle(**vehicle_keywords) if vehicle is None else vehicle
    availability = Availability(**availability_keywords) if availability is None else availability
    return vehicle, availability


def fleet_compute(
    times,
    vehicles,
    lon,
    *,
    site_names=None,
    utc_offset_hours=None,
    vehicle=None,
    availability=None,
    residential_price_usd_per_kwh=RESIDENTIAL_PRICE_USD_PER_KWH,
    grid_carbon_g_per_kwh=None,
    compute_price_usd_per_kwh=None,
    reference_accelerator_tops=None,
    **keywords,
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
    vehicle : Vehicle, optional
        The car: computer, wake overhead, charger, battery budget (default ``Vehicle()``).
    availability : Availability, optional
        Parked / plugged / opted-in / connectivity assumptions (default ``Availability()``).
    residential_price_usd_per_kwh : float or array_like (site,)
        Owner's electricity price [USD/kWh].
    grid_carbon_g_per_kwh : float or array_like (site,), optional
        Grid carbon intensity where the cars are [gCO2e/kWh]; default the catalog's US figure
        (:func:`ground.sites.grid_carbon` ``("US")``, Ember 2023 lifecycle).
    compute_price_usd_per_kwh : float, optional
        Price paid to the owner per kWh of compute delivered [USD/kWh]; adds revenue variables.
    reference_accelerator_tops : float, optional
        Throughput of a reference accelerator [TOPS]; with the computer's ``int8_tops`` adds
        ``accelerator_equivalents`` (otherwise it counts computers).
    **keywords
        The fields of :class:`Vehicle` (``computer``, ``compute_power_w``, ``soc_floor``…) and
        of :class:`Availability` (``parked``, ``plugged``, ``opted_in``, ``connectivity``) as
        flat keywords, as before the parameter objects; not together with the object.

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
    >>> ds = fleet_compute(t, [1e6], [0.0], site_names=["A"], vehicle=Vehicle("HW3-class"))
    >>> ds.compute_power_w.dims, bool((ds.compute_power_w <= 1e6 * 72.0).all())
    (('time', 'site'), True)
    """
    vehicle, availability = _parameter_objects(vehicle, availability, keywords)
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
    daily = diurnal_availability(availability=availability, draw_w=vehicle.battery_draw_w,
                                 battery_kwh=vehicle.battery_kwh,
                                 typical_soc=vehicle.typical_soc, soc_floor=vehicle.soc_floor)
    price = np.broadcast_to(check_range("residential_price_usd_per_kwh",
                                        residential_price_usd_per_kwh, 0.0, 5.0,
                                        unit="USD/kWh"), vehicles.shape)
    if grid_carbon_g_per_kwh is None:
        from ground.sites import grid_carbon  # the catalog (pandas) only when the default is used

        grid_carbon_g_per_kwh = float(grid_carbon("US")["carbon_intensity_g_per_kwh"])
    carbon = np.broadcast_to(check_range("grid_carbon_g_per_kwh", grid_carbon_g_per_kwh,
                                         0.0, 2000.0, unit="g/kWh"), vehicles.shape)

    local_hour = local_hour_index(times, offset)
    available = vehicles[None, :] * daily.available_fraction.values[local_hour]
    on_cellular = vehicles[None, :] * daily.available_cellular_fraction.values[local_hour]
    on_wifi = vehicles[None, :] * daily.available_wifi_fraction.values[local_hour]
    compute_w = available * vehicle.compute_w
    wall_w = available * vehicle.wall_w
    compute_kwh = compute_w * hours / 1e3
    wall_kwh = wall_w * hours / 1e3
    spec = vehicle.spec
    if reference_accelerator_tops is not None:
        ref = float(check_range("reference_accelerator_tops", reference_accelerator_tops, 0.0,
                                None, low_inclusive=False, unit="TOPS"))
        if not np.isfinite(spec["int8_tops"]):
            raise ValueError(f"reference_accelerator_tops: computer {vehicle.computer!r} has no "
                             "published TOPS figure; leave it None to count computers")
        per_vehicle = spec["int8_tops"] / ref
    else:
        per_vehicle = 1.0
    dims = ("time", "site")
    names = np.arange(vehicles.size) if site_names is None else np.asarray(site_names)
    if names.shape != vehicles.shape:
        raise ValueError(f"site_names: {names.size} names for {vehicles.size} sites")
    count = "1"  # CF: a count of vehicles is dimensionless; the long_name says what is counted
    data = {
        "available_vehicles": (dims, available,
                               {"units": count, "long_name": "vehicles computing"}),
        "wifi_vehicles": (dims, on_wifi, {
            "units": count, "long_name": "vehicles computing over home Wi-Fi (fixed access)"}),
        "cellular_vehicles": (dims, on_cellular, {
            "units": count, "long_name": "vehicles computing over cellular (4G/5G)"}),
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
        "wall_energy_per_compute_kwh": ((), vehicle.wall_energy_per_compute_kwh, {
            "units": "1", "long_name": "wall energy per kWh of compute delivered"}),
        "vehicle_compute_w": ((), vehicle.compute_w,
                              {"units": "W", "long_name": "compute power per vehicle"}),
        "vehicles": ("site", vehicles, {"units": count, "long_name": "fleet size (vehicles)"}),
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
                      attrs={"computer": vehicle.computer, "source_computer": spec["source"]})
