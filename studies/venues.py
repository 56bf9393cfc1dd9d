"""Venues: what an orbital cluster, a vehicle fleet and a cloud region offer a request.

Every venue answers the same questions over the study's time axis (the *venue table* that
:func:`studies.schedule.schedule` reads): how many accelerators it can use at each step, how
long a request of each class takes to reach it from each demand city (split into access,
propagation and ground-segment round trips), how long the request computes, and what one
request costs in energy (split by component), carbon and money. Three kinds, built only from
the public names of ``orbital``, ``ground`` and :mod:`studies.hardware` / :mod:`studies.workload`:

- :class:`OrbitalVenue`: a constellation (formation cluster, shell, TLE set) and a
  :class:`SatelliteDesign`. Capacity = accelerators × the energy balance's compute duty cycle ×
  the radiation mitigation's throughput multiplier, and zero on satellites whose radiator cannot
  hold the chips' temperature limit. Reached by the user's terminal through a relay shell
  (``orbital.links.route`` with the cluster as a destination satellite), or through ground
  stations and fiber, whichever is faster at each step.
- :class:`FleetVenue`: parked vehicles of one country lending their computers
  (``ground.fleet.fleet_compute``), reached over home Wi-Fi or cellular plus fiber.
- :class:`CloudVenue`: a cloud region of the catalog, or a user-sited "AI gigafactory"
  (``ground.cloud``), reached over fiber and the user's access network.

Named assumption sets (:data:`LAUNCH_PRICES`, :data:`CLOUD_PRICES`, :data:`SPACE_COSTS`,
:data:`EMBODIED`) carry their sources; figures that are engineering assumptions say so.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import xarray as xr

from studies.checks import lookup

__all__ = [
    "CLOUD_PRICES",
    "DEFAULT_USER_ACCESS",
    "EMBODIED",
    "FIDELITIES",
    "LAUNCH_PRICES",
    "SATELLITE_ACCESS_SYSTEM",
    "SPACE_COSTS",
    "CloudVenue",
    "FleetVenue",
    "OrbitalVenue",
    "SatelliteDesign",
    "StudyAxes",
    "venue_table",
]

from orbital.constants import SPEED_OF_LIGHT_KM_S  # noqa: E402

#: Julian year [s], the unit the radiation and cost models count years in.
SECONDS_PER_YEAR = 365.25 * 86400.0

#: Launch price to LEO per kg of satellite, named sets.
LAUNCH_PRICES = {
    "rideshare-2025": {
        "usd_per_kg": 6500.0,
        "source": "SpaceX Rideshare program price list (2025): USD 325 000 for 50 kg to SSO, "
                  "USD 6 500 per additional kg",
    },
    "falcon9-dedicated": {
        "usd_per_kg": 3000.0,
        "source": "Falcon 9 list price ~USD 70 M (SpaceX capabilities page, 2025) for ~22.8 t to "
                  "LEO reusable ≈ USD 3 000/kg; Jones (2018) NASA/TM 'The Recent Large Reduction "
                  "in Space Launch Cost' gives USD 2 720/kg",
    },
    "suncatcher-200": {
        "usd_per_kg": 200.0,
        "source": "Agüera y Arcas et al. (2025), Project Suncatcher, arXiv:2511.19468: launch "
                  "prices may fall to ≤ USD 200/kg by the mid-2030s (learning-curve projection)",
    },
}

#: On-demand accelerator-hour prices [USD per accelerator-hour] by accelerator; NaN where no
#: public price exists (the venue then uses its TCO).
CLOUD_PRICES = {
    "on-demand-2025": {
        "usd_per_accelerator_hour": {"H100 SXM": 6.88, "H200": 10.6, "TPU v6e": 2.70},
        "source": "AWS EC2 p5.48xlarge (8 x H100) USD 55.04/h after the June 2025 price cut, "
                  "p5en.48xlarge (8 x H200) ~USD 84.8/h (AWS pricing pages, us-east-1, 2025); "
                  "Google Cloud TPU v6e on-demand USD 2.70 per chip-hour (cloud.google.com/tpu/"
                  "pricing, 2025)",
    },
    "neocloud-2025": {
        "usd_per_accelerator_hour": {"H100 SXM": 2.99, "H200": 3.80, "B200": 5.50,
                                     "MI300X": 2.50},
        "source": "European and GPU-cloud list prices 2025 (Scaleway H100-1-80G EUR 2.73/h, "
                  "OVHcloud H100 EUR 2.99/h; RunPod/Lambda B200 and H200 ~USD 3.8-5.5/h; "
                  "MI300X ~USD 2.5/h): order of magnitude, converted at ~1.1 USD/EUR",
    },
    "tco": {
        "usd_per_accelerator_hour": {},
        "source": "no price: total cost of ownership (hardware amortised + electricity), see "
                  "SPACE_COSTS['terrestrial']",
    },
}

#: Cost assumptions of the space and terrestrial segments.
SPACE_COSTS = {
    "bus_usd_per_kg": 1500.0,
    "bus_source": "assumption: mass-produced LEO bus, Starlink v2-mini class (~800 kg) at an "
                  "estimated USD 0.8-1.2 M each (secondary industry estimates) ≈ USD 1 500/kg",
    "ground_segment_usd_per_satellite_year": 20_000.0,
    "ground_segment_source": "assumption: ground-station network as a service (AWS Ground "
                             "Station ~USD 10-22 per pass-minute, a few passes a day), per "
                             "satellite-year",
    "terrestrial_amortisation_years": 4.0,
    "terrestrial_overhead_factor": 1.5,
    "terrestrial_source": "assumption: accelerators amortised over 4 years; the data-center "
                          "building, network and staff add ~50 % (Barroso, Hölzle & Ranganathan, "
                          "The Datacenter as a Computer, 3rd ed. 2019, ch. 6 TCO split)",
}

#: Embodied energy and carbon of putting mass in orbit and of accelerators.
EMBODIED = {
    "launch_j_per_kg": 3.0e8,
    "launch_g_co2_per_kg": 22_000.0,
    "launch_source": "Falcon 9: ~123 t RP-1 (43 MJ/kg, 3.15 kg CO2/kg burnt) for ~17.5 t to LEO "
                     "reusable → ~300 MJ and ~22 kg CO2 per kg delivered (propellant only; "
                     "SpaceX Falcon 9 user's guide 2021 masses, IPCC 2006 emission factor)",
    "accelerator_g_co2_per_unit": 150_000.0,
    "accelerator_source": "order of magnitude: ~150 kg CO2e manufacturing per H100-class module "
                          "incl. HBM (NVIDIA HGX H100 product carbon footprint summary, 2024, "
                          "~1.3 t CO2e per 8-GPU board)",
}

#: The user's terrestrial access network (a key of ``ground.network.ACCESS_NETWORKS``).
DEFAULT_USER_ACCESS = "cable"

#: The user terminal's satellite-access system (a key of ``ground.network.SATELLITE_SYSTEMS``):
#: its scheduling delay on top of light time and its rates apply to requests that reach an
#: orbital venue through the relay shell.
SATELLITE_ACCESS_SYSTEM = "starlink"


def _prefer_relay(best, parts, rtt, floor):
    """Take the relay path (its RTT plus the access scheduling delay) where it beats ``best``.

    Updates ``parts`` (access, propagation, ground, floor [ms]) in place where it wins and
    returns the new best RTT [ms]; ``floor`` is the relay path's speed-of-light floor.
    """
    scheduling = _satellite_access()["scheduling_rtt_ms"]
    total = rtt + scheduling
    better = np.isfinite(total) & (total < best)
    parts["access"] = np.where(better, scheduling, parts["access"])
    parts["propagation"] = np.where(better, rtt, parts["propagation"])
    parts["ground"] = np.where(better, 0.0, parts["ground"])
    parts["floor"] = np.where(better, floor, parts["floor"])
    return np.where(better, total, best)


def _satellite_access():
    from ground import network

    return network.SATELLITE_SYSTEMS[SATELLITE_ACCESS_SYSTEM]


#: Power drawn by the pumped coolant loop per W of heat moved [W/W] (assumption: ISS External
#: Active Thermal Control pump modules draw ~0.5-1 kW for ~70 kW rejected; NASA ISS ATCS
#: overview, 2006).
PUMP_POWER_PER_HEAT = 0.01
#: Bus housekeeping (avionics, attitude control, comms) per W of compute load [W/W]
#: (assumption, SMAD §10 power budgets of communication satellites: payload ~70-85 % of load).
HOUSEKEEPING_PER_LOAD = 0.10
#: Thermal mass of the radiator node per m² of panel [J/K/m²] (assumption: aluminium honeycomb
#: panel ~5 kg/m² × 900 J/(kg·K) plus loop fluid).
HEAT_CAPACITY_J_K_PER_M2 = 8000.0
#: Shield enclosure area per accelerator module [m²] (assumption: a 0.1 m² board boxed on all
#: sides) and aluminium density [kg/m³].
SHIELD_AREA_M2_PER_ACCELERATOR = 0.1
ALUMINIUM_KG_M3 = 2700.0
#: Accepted corruption rate when choosing the radiation mitigation [per million requests]
#: (assumption: below typical LLM sampling noise).
MAX_CORRUPTIONS_PER_MILLION = 1.0


def _positive(field_name: str, value, low=0.0, high=math.inf, *, inclusive=False, unit=""):
    value = float(value)
    ok = (value >= low if inclusive else value > low) and value <= high and math.isfinite(value)
    if not ok:
        bracket = "[" if inclusive else "("
        raise ValueError(f"{field_name}: {value!r} is outside the allowed range "
                         f"{bracket}{low:g}, {high:g}] {unit}".rstrip())
    return value


# --------------------------------------------------------------------------------------------
# the study's axes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StudyAxes:
    """Time steps, demand cities and request classes that every venue is evaluated on.

    Parameters
    ----------
    times : array of datetime64
        UTC instants, strictly increasing.
    cities : pandas.DataFrame
        ``name``, ``country``, ``lat``, ``lon`` (and ``label``, "Name,CC", the demand's city
        coordinate).
    classes : mapping of str to studies.workload.RequestClass
        The request classes, in the demand's order.
    user_access : str
        The users' terrestrial access network (``ground.network.ACCESS_NETWORKS``).
    """

    times: np.ndarray
    cities: pd.DataFrame
    classes: dict
    user_access: str = DEFAULT_USER_ACCESS

    @property
    def labels(self):
        if "label" in self.cities:
            return list(self.cities["label"])
        return [f"{n},{c}" for n, c in zip(self.cities["name"], self.cities["country"])]


# --------------------------------------------------------------------------------------------
# what a request costs on one accelerator type
# --------------------------------------------------------------------------------------------


def _per_class_performance(accelerator, axes: StudyAxes):
    """Roofline figures per request class on one accelerator (rate 0 where it cannot run)."""
    return {name: dict(_class_performance(accelerator.name, klass))
            for name, klass in axes.classes.items()}


@functools.lru_cache(maxsize=512)
def _class_performance(accelerator_name: str, klass) -> tuple:
    """One class on one accelerator, remembered: many venues share an accelerator type."""
    from studies import hardware, workload

    accelerator = hardware.accelerator(accelerator_name)
    for precision in _precisions_to_try(klass.precision, accelerator):
        try:
            perf = workload.inference_performance(
                klass.model, accelerator, precision=precision, input_tokens=klass.input_tokens,
                output_tokens=klass.output_tokens, tpot_target_s=klass.tpot_slo_s)
        except ValueError:
            # a precision or an SLO this accelerator cannot meet: try the next precision
            continue
        if bool(perf["fits"]) if "fits" in perf else True:
            return (("rate", float(perf["requests_per_s_per_accelerator"])),
                    ("service", float(perf["request_time_s"])), ("ttft", float(perf["ttft_s"])),
                    ("energy", float(perf["energy_per_request_j"])),
                    ("power", float(perf["power_w"])))
    # no replica of this accelerator holds the model: the venue does not serve the class (the
    # scheduler reports such demand unserved, with the reason)
    return (("rate", 0.0), ("service", math.nan), ("ttft", math.nan), ("energy", math.nan),
            ("power", math.nan))


#: Precisions an accelerator falls back to when it lacks the class's own, nearest first (same
#: bytes per weight, then wider): a TPU v6e or a vehicle computer without FP8 runs the model in
#: INT8, and failing that in BF16.
PRECISION_FALLBACK = {"fp4": ("fp4", "fp8", "int8", "bf16"), "fp8": ("fp8", "int8", "bf16"),
                      "int8": ("int8", "fp8", "bf16"), "bf16": ("bf16",)}


def _precisions_to_try(precision, accelerator):
    published = set(getattr(accelerator, "peak_flops", {}) or {})
    order = PRECISION_FALLBACK.get(precision, (precision,))
    return [p for p in order if not published or p in published] or [precision]


def _class_vars(axes, perf):
    """The (request_class,) roofline variables of one venue."""
    names = list(axes.classes)

    def var(key, units, long_name, scale=1.0):
        return ("request_class", np.array([perf[n][key] * scale for n in names], dtype=float),
                {"units": units, "long_name": long_name})

    return {
        "requests_per_s_per_accelerator": var("rate", "s-1", "sustained requests per second per "
                                                             "accelerator"),
        "service_time_s": var("service", "s", "time one request spends computing"),
        "ttft_ms": var("ttft", "ms", "time to first token", 1e3),
        "latency_compute_ms": var("service", "ms", "compute time of a request", 1e3),
    }


def _transfer_vars(axes, downlink_mbps, uplink_mbps):
    """Payload transfer time per class [ms]: request up, answer down (serialisation only)."""
    names = list(axes.classes)
    up = np.array([axes.classes[n].payload_in_bytes for n in names]) * 8 / (uplink_mbps * 1e6)
    down = np.array([axes.classes[n].payload_out_bytes for n in names]) * 8 / (downlink_mbps * 1e6)
    return {
        "latency_transfer_ms": ("request_class", 1e3 * (up + down), {
            "units": "ms", "long_name": "payload serialisation time, both ways"}),
        "latency_transfer_in_ms": ("request_class", 1e3 * up, {
            "units": "ms", "long_name": "request payload serialisation time"}),
    }


#: Energy components of a request, by name.
ENERGY_PARTS = {
    "compute": "accelerators and host at load",
    "facility": "data-center overhead (PUE − 1)",
    "battery_loss": "battery round-trip losses",
    "thermal_control": "coolant pumps and heat pumps",
    "wake_overhead": "the rest of the vehicle kept awake",
    "charger_loss": "charger losses, wall to battery",
    "embodied": "launch and manufacturing, amortised",
}


def _energy_vars(axes, parts: dict, carbon_g, cost_usd):
    """Energy components (request_class,) [J], their total, carbon [g] and cost [USD]."""
    n = len(axes.classes)
    out = {}
    total = np.zeros(n)
    for part in ENERGY_PARTS:
        value = np.asarray(parts.get(part, np.zeros(n)), dtype=float)
        out[f"energy_{part}_j"] = ("request_class", value, {
            "units": "J", "long_name": f"energy per request: {ENERGY_PARTS[part]}"})
        total = total + np.nan_to_num(value)
    out["energy_per_request_j"] = ("request_class", total, {
        "units": "J", "long_name": "energy per request, all components"})
    out["carbon_per_request_g"] = ("request_class", np.asarray(carbon_g, float), {
        "units": "g", "long_name": "CO2e per request, operational and embodied"})
    out["cost_per_request_usd"] = ("request_class", np.asarray(cost_usd, float), {
        "units": "USD", "long_name": "cost per request"})
    return out


def _network_vars(access_ms, propagation_ms, ground_ms, floor_ms):
    """The (time, city) network round trips of one venue [ms]."""
    def var(values, name):
        return (("time", "city"), np.asarray(values, dtype=float), {"units": "ms",
                                                                    "long_name": name})
    network = np.asarray(access_ms) + np.asarray(propagation_ms) + np.asarray(ground_ms)
    return {
        "latency_access_ms": var(access_ms, "access network round trip"),
        "latency_propagation_ms": var(propagation_ms, "propagation round trip (fiber and space)"),
        "latency_ground_segment_ms": var(ground_ms, "ground-segment processing round trip"),
        "latency_network_ms": var(network, "network round trip, all parts (NaN: unreachable)"),
        "light_time_floor_ms": var(floor_ms, "vacuum light time of the geometric path, round "
                                             "trip"),
    }


@dataclass
class VenueFigures:
    """What one venue offers, as plain arrays (stacked by :func:`venue_table`)."""

    name: str
    kind: str
    lat: float
    lon: float
    variables: dict
    attrs: dict = field(default_factory=dict)


def _fiber(source_lat, source_lon, destination_lat, destination_lon):
    """Terrestrial RTT and its vacuum floor [ms], (source, destination), NaN where no terrestrial
    route reaches a point (``ground.network`` refuses points far from any point of presence,
    e.g. a polar ground station): such pairs are unreachable, not an error."""
    from ground import network

    def call(a_lat, a_lon, b_lat, b_lon):
        ds = network.fiber_rtt(a_lat, a_lon, b_lat, b_lon)
        return ds["rtt_ms"].values, ds["vacuum_rtt_ms"].values

    source_lat, source_lon = np.atleast_1d(source_lat), np.atleast_1d(source_lon)
    destination_lat, destination_lon = np.atleast_1d(destination_lat), np.atleast_1d(destination_lon)
    try:
        return call(source_lat, source_lon, destination_lat, destination_lon)
    except ValueError:
        pass
    rtt = np.full((source_lat.size, destination_lat.size), np.nan)
    vacuum = rtt.copy()
    good_destinations = []
    for j in range(destination_lat.size):
        try:
            call(source_lat[:1], source_lon[:1], destination_lat[j:j + 1], destination_lon[j:j + 1])
            good_destinations.append(j)
        except ValueError:
            continue
    for i in range(source_lat.size):
        try:
            r, v = call(source_lat[i:i + 1], source_lon[i:i + 1], destination_lat[good_destinations],
                        destination_lon[good_destinations])
        except ValueError:
            continue
        rtt[i, good_destinations], vacuum[i, good_destinations] = r[0], v[0]
    return rtt, vacuum


@functools.lru_cache(maxsize=8)
def _station_fiber(provider, city_lat: tuple, city_lon: tuple):
    """:func:`_fiber` from every ground station (of ``provider``, or all) to the cities,
    remembered per process: a sweep asks for the same cities at every point."""
    from ground import sites

    stations = sites.ground_stations(provider)
    fiber_ms, vacuum_ms = _fiber(stations["lat"].to_numpy(), stations["lon"].to_numpy(),
                                 np.asarray(city_lat), np.asarray(city_lon))
    fiber_ms.setflags(write=False)
    vacuum_ms.setflags(write=False)
    return fiber_ms, vacuum_ms


def _broadcast_time(values, n_time):
    values = np.asarray(values, dtype=float)
    return np.broadcast_to(values, (n_time,) + values.shape[-1:]).copy()


# --------------------------------------------------------------------------------------------
# cloud regions and gigafactories
# --------------------------------------------------------------------------------------------


class _Venue:
    """What every venue kind shares: evaluation into a one-venue table."""

    def evaluate(self, axes: StudyAxes) -> xr.Dataset:
        """This venue's table on the study's axes (see :func:`venue_table`)."""
        return venue_table([self], axes)


@dataclass(frozen=True)
class CloudVenue(_Venue):
    """A terrestrial data center: a catalog cloud region or a user-sited gigafactory.

    Parameters
    ----------
    name : str
        Label.
    accelerator : str
        A name of :func:`studies.hardware.accelerator`.
    count : int
        Accelerators available to the study [-], ≥ 1.
    provider, region : str, optional
        A catalog region (``ground.sites.cloud_region``): location, PUE and grid carbon.
    lat, lon, country, pue : optional
        A user-sited venue (gigafactory): location [deg], grid carbon from the country's row of
        ``ground.sites.grid_carbon()``, PUE [1].
    price : str
        A key of :data:`CLOUD_PRICES`; accelerators without a price there use the TCO.
    utilisation_cap : float
        Highest sustained utilisation [1], in (0, 1].
    """

    name: str
    accelerator: str
    count: int
    provider: str | None = None
    region: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    pue: float | None = None
    price: str = "on-demand-2025"
    utilisation_cap: float = 0.8
    kind: str = "cloud"

    def __post_init__(self):
        _positive(f"{self.name}.count", self.count, 1, 1e8, inclusive=True)
        _positive(f"{self.name}.utilisation_cap", self.utilisation_cap, 0, 1)
        lookup(CLOUD_PRICES, f"{self.name}.price", self.price, "price set")

    def site(self):
        """(lat, lon, pue, grid carbon g/kWh, grid source)."""
        from ground import sites

        if self.provider is not None:
            row = sites.cloud_region(self.provider, self.region)
            pue = float(row["pue"]) if self.pue is None else float(self.pue)
            return (float(row["lat"]), float(row["lon"]), pue, float(row["grid_carbon_g_per_kwh"]))
        grid = sites.grid_carbon()
        row = grid[grid["grid_zone"] == self.country]
        if row.empty:
            lookup(dict.fromkeys(grid["grid_zone"]), f"{self.name}.country", self.country,
                    "grid zone")
        pue = _positive(f"{self.name}.pue", self.pue if self.pue is not None else 1.2, 1.0, 3.0,
                        inclusive=True)
        return (float(self.lat), float(self.lon), pue,
                float(row["carbon_intensity_g_per_kwh"].iloc[0]))

    def _figures(self, axes: StudyAxes) -> VenueFigures:
        from ground import network
        from studies import hardware

        acc = hardware.accelerator(self.accelerator)
        lat, lon, pue, grid = self.site()
        perf = _per_class_performance(acc, axes)
        n = len(axes.classes)
        compute = np.array([perf[k]["energy"] for k in axes.classes])
        facility = compute * (pue - 1.0)
        carbon = (compute + facility) / 3.6e6 * grid
        hour_price = CLOUD_PRICES[self.price]["usd_per_accelerator_hour"].get(self.accelerator)
        if hour_price is None or not math.isfinite(hour_price):
            hour_price = _tco_per_accelerator_hour(acc, pue)
        rate = np.array([perf[k]["rate"] for k in axes.classes])
        with np.errstate(divide="ignore", invalid="ignore"):
            cost = np.where(rate > 0, hour_price / (rate * 3600.0), np.nan)
        embodied = np.zeros(n)
        fiber, vacuum = _fiber(axes.cities["lat"].to_numpy(), axes.cities["lon"].to_numpy(),
                               [lat], [lon])
        fiber, vacuum = fiber[:, 0], vacuum[:, 0]
        access = network.access_rtt_ms(axes.user_access)
        nt = len(axes.times)
        link = network.ACCESS_NETWORKS[axes.user_access]
        variables = {**_class_vars(axes, perf), **_transfer_vars(axes, link["downlink_mbps"],
                                                                 link["uplink_mbps"])}
        variables.update(_energy_vars(axes, {"compute": compute, "facility": facility,
                                             "embodied": embodied}, carbon, cost))
        variables.update(_network_vars(np.full((nt, fiber.size), access),
                                       _broadcast_time(fiber, nt), np.zeros((nt, fiber.size)),
                                       _broadcast_time(vacuum, nt)))
        variables["accelerators_available"] = ("time", np.full(nt, float(self.count)), {
            "units": "1", "long_name": "usable accelerators"})
        variables["utilisation_cap"] = ((), float(self.utilisation_cap), {
            "units": "1", "long_name": "highest sustained utilisation"})
        return VenueFigures(self.name, self.kind, lat, lon, variables)


def _tco_per_accelerator_hour(acc, pue, electricity_usd_per_kwh=0.08):
    """Owner's cost of one accelerator-hour [USD]: amortised price + electricity, + overhead."""
    years = SPACE_COSTS["terrestrial_amortisation_years"]
    price = acc.unit_price_usd if math.isfinite(acc.unit_price_usd) else 30_000.0
    capital = price / (years * 8766.0)
    energy = acc.tdp_w / 1e3 * pue * electricity_usd_per_kwh
    return (capital + energy) * SPACE_COSTS["terrestrial_overhead_factor"]


# --------------------------------------------------------------------------------------------
# vehicle fleets
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FleetVenue(_Venue):
    """Parked vehicles of one country lending their on-board computers.

    The fleet is spread over the country's ``n_sites`` most populous cities in proportion to
    population; a request goes to the pool, reached from the nearest of those cities.

    Parameters
    ----------
    name, country : str
        Label and ISO country code.
    vehicles : float
        Vehicles in the fleet [-], > 0.
    computer : str
        A key of ``ground.fleet.VEHICLE_COMPUTERS`` (also a :mod:`studies.hardware` name).
    opted_in, connectivity, parked, plugged : str
        Named sets of ``ground.fleet``.
    owner_price_usd_per_kwh : float
        Paid to owners per kWh of compute delivered [USD/kWh], ≥ 0.
    n_sites : int
        Cities the fleet is spread over [-].
    """

    name: str
    country: str
    vehicles: float
    computer: str = "HW4-class"
    opted_in: str = "medium"
    connectivity: str = "home-wifi-typical"
    parked: str = "us-weekday-nhts2017"
    plugged: str = "home-charging-typical"
    owner_price_usd_per_kwh: float = 0.30
    n_sites: int = 20
    utilisation_cap: float = 0.9
    kind: str = "fleet"

    def __post_init__(self):
        _positive(f"{self.name}.vehicles", self.vehicles, 0, 1e10)
        _positive(f"{self.name}.owner_price_usd_per_kwh", self.owner_price_usd_per_kwh, 0, 10,
                  inclusive=True)

    def _figures(self, axes: StudyAxes) -> VenueFigures:
        from ground import fleet, network, sites
        from studies import hardware

        places = sites.cities(self.n_sites, country=self.country)
        if len(places) == 0:
            raise ValueError(f"{self.name}.country: {self.country!r} has no city in the catalog")
        shares = fleet.fleet_by_population(self.vehicles, places["population"].to_numpy(),
                                           names=list(places["name"]))
        offsets = _utc_offsets(places["timezone"], axes.times[0])
        grid = grid_carbon_g_per_kwh(self.country)
        available = fleet.fleet_compute(
            axes.times, shares["vehicles"].values, places["lon"].to_numpy(),
            site_names=list(places["name"]), utc_offset_hours=offsets, computer=self.computer,
            parked=self.parked, plugged=self.plugged, opted_in=self.opted_in,
            connectivity=self.connectivity, grid_carbon_g_per_kwh=grid)
        count = available["available_vehicles"].sum("site").values
        wifi = float(available["wifi_vehicles"].sum()) / max(float(
            available["available_vehicles"].sum()), 1e-300)
        acc = hardware.accelerator(self.computer)
        perf = _per_class_performance(acc, axes)
        rate = np.array([perf[k]["rate"] for k in axes.classes])
        compute = np.array([perf[k]["energy"] for k in axes.classes])
        # the awake car draws its overhead for as long as the computer works on the request:
        # per request, one computer-second per (requests per computer-second)
        with np.errstate(divide="ignore", invalid="ignore"):
            seconds = np.where(rate > 0, 1.0 / rate, np.nan)
        wake = fleet.WAKE_OVERHEAD_W * seconds
        charger = (compute + wake) * (1.0 / fleet.CHARGER_EFFICIENCY - 1.0)
        wall = compute + wake + charger
        carbon = wall / 3.6e6 * grid
        cost = wall / 3.6e6 * (self.owner_price_usd_per_kwh + fleet.RESIDENTIAL_PRICE_USD_PER_KWH)
        # latency: the user's fiber to the nearest fleet city, both access legs
        rtt, vac = _fiber(axes.cities["lat"].to_numpy(), axes.cities["lon"].to_numpy(),
                          places["lat"].to_numpy(), places["lon"].to_numpy())
        nearest = np.argmin(np.where(np.isfinite(rtt), rtt, np.inf), axis=1)
        fiber = np.take_along_axis(rtt, nearest[:, None], 1)[:, 0]
        vacuum = np.take_along_axis(vac, nearest[:, None], 1)[:, 0]
        car_access = (wifi * network.access_rtt_ms("cable")
                      + (1 - wifi) * network.access_rtt_ms("4g"))
        access = network.access_rtt_ms(axes.user_access) + car_access
        car_down = wifi * network.ACCESS_NETWORKS["cable"]["downlink_mbps"] + (
            1 - wifi) * network.ACCESS_NETWORKS["4g"]["downlink_mbps"]
        car_up = wifi * network.ACCESS_NETWORKS["cable"]["uplink_mbps"] + (
            1 - wifi) * network.ACCESS_NETWORKS["4g"]["uplink_mbps"]
        user = network.ACCESS_NETWORKS[axes.user_access]
        # the slower of the two legs sets the rate each way
        nt = len(axes.times)
        variables = {**_class_vars(axes, perf),
                     **_transfer_vars(axes, min(car_up, user["downlink_mbps"]),
                                      min(car_down, user["uplink_mbps"]))}
        variables.update(_energy_vars(axes, {"compute": compute, "wake_overhead": wake,
                                             "charger_loss": charger}, carbon, cost))
        variables.update(_network_vars(np.full((nt, fiber.size), access),
                                       _broadcast_time(fiber, nt), np.zeros((nt, fiber.size)),
                                       _broadcast_time(vacuum, nt)))
        variables["accelerators_available"] = ("time", count, {
            "units": "1", "long_name": "vehicle computers available"})
        variables["utilisation_cap"] = ((), float(self.utilisation_cap), {
            "units": "1", "long_name": "highest sustained utilisation"})
        weights = places["population"].to_numpy(float)
        return VenueFigures(self.name, self.kind, float(np.average(places["lat"], weights=weights)),
                            float(np.average(places["lon"], weights=weights)), variables)


def _utc_offsets(zones, when):
    """Local civil time − UTC [h] at ``when`` for IANA zone names (zoneinfo, DST included)."""
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    instant = datetime.fromtimestamp(float(np.datetime64(when, "s").astype(np.int64)), timezone.utc)
    return np.array([instant.astimezone(ZoneInfo(z)).utcoffset().total_seconds() / 3600.0
                     for z in zones])


@functools.lru_cache(maxsize=1024)
def grid_carbon_g_per_kwh(country):
    from ground import sites

    grid = sites.grid_carbon()
    row = grid[grid["grid_zone"] == country]
    if row.empty:
        lookup(dict.fromkeys(grid["grid_zone"]), "country", country, "grid zone")
    return float(row["carbon_intensity_g_per_kwh"].iloc[0])


# --------------------------------------------------------------------------------------------
# orbital venues
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SatelliteDesign:
    """A compute satellite: accelerators, power, thermal and shielding, and what it costs.

    Parameters
    ----------
    accelerator : str
        A name of :func:`studies.hardware.accelerator`.
    accelerators_per_satellite : int
        [-], ≥ 1.
    array_area_m2 : float
        Solar array area [m²], sun-tracking.
    cell : str
        A key of ``orbital.power.CELL_TECHNOLOGIES``.
    battery_kwh : float
        Battery capacity [kWh], > 0.
    battery_chemistry : str
        A key of ``orbital.power.BATTERY_CHEMISTRIES``.
    radiator_area_m2 : float
        Radiator panel area [m²] (two-sided, edge-on to the Sun), > 0.
    coating : str
        A key of ``orbital.thermal.COATINGS``.
    chip_max_temperature_k : float
        Highest radiator-node temperature the chips tolerate [K].
    shielding_mm : float
        Aluminium around the accelerators [mm], ≥ 0.
    bus_mass_kg : float
        Structure, avionics, attitude control and communications [kg], ≥ 0.
    mission_years : float
        Amortisation period [years], > 0.
    launch_price : str
        A key of :data:`LAUNCH_PRICES`.
    min_elevation_deg : float
        Lowest elevation at which a ground station or user terminal links [deg].
    """

    accelerator: str = "TPU v6e"
    accelerators_per_satellite: int = 4
    array_area_m2: float = 20.0
    cell: str = "triple-junction"
    battery_kwh: float = 5.0
    battery_chemistry: str = "li-ion"
    radiator_area_m2: float = 10.0
    coating: str = "white-paint"
    chip_max_temperature_k: float = 358.0
    shielding_mm: float = 10.0
    bus_mass_kg: float = 200.0
    mission_years: float = 5.0
    launch_price: str = "rideshare-2025"
    min_elevation_deg: float = 25.0

    def __post_init__(self):
        _positive("design.accelerators_per_satellite", self.accelerators_per_satellite, 1, 1e6,
                  inclusive=True)
        _positive("design.array_area_m2", self.array_area_m2, 0, 1e6, unit="m2")
        _positive("design.battery_kwh", self.battery_kwh, 0, 1e5, unit="kWh")
        _positive("design.radiator_area_m2", self.radiator_area_m2, 0, 1e6, unit="m2")
        _positive("design.chip_max_temperature_k", self.chip_max_temperature_k, 200, 500, unit="K")
        _positive("design.shielding_mm", self.shielding_mm, 0, 200, inclusive=True, unit="mm")
        _positive("design.bus_mass_kg", self.bus_mass_kg, 0, 1e6, inclusive=True, unit="kg")
        _positive("design.mission_years", self.mission_years, 0, 50, unit="years")
        _positive("design.min_elevation_deg", self.min_elevation_deg, 0, 90, inclusive=True,
                  unit="degrees")
        lookup(LAUNCH_PRICES, "design.launch_price", self.launch_price, "launch price set")


@dataclass(frozen=True)
class OrbitalVenue(_Venue):
    """Compute satellites: a constellation, a design, and how users reach them.

    Parameters
    ----------
    name : str
        Label.
    orbit : orbital.orbits object
        A shell, sun-synchronous orbit, formation cluster or TLE/OMM set.
    design : SatelliteDesign
    relay : orbital.orbits shell, optional
        A relay shell (e.g. Starlink-like) users' terminals reach, with laser links to the
        venue. None: the venue is reached only directly (when in view of the user terminal)
        or through ground stations and fiber.
    relay_min_elevation_deg : float
        User terminal mask towards the relay shell [deg].
    ground_station_provider : str, optional
        Restrict the ground stations (``ground.sites.ground_stations``) to one provider.
    sampled_satellites : int
        Satellites of the venue evaluated for power, thermal and radiation (spread evenly
        over the constellation; the rest are taken to behave alike) [-].
    fidelity : {"propagated", "analytic"}
        ``"propagated"``: SGP4 states at every step, time-stepped energy balance, radiator
        transient and routed relay paths. ``"analytic"``: closed-form circular tracks and
        orbit averages, no per-step propagation (what each part approximates is listed in
        ``_analytic_physics`` and ``_network_analytic``); the same variables, for sweeps.
    """

    name: str
    orbit: object
    design: SatelliteDesign = field(default_factory=SatelliteDesign)
    relay: object = None
    relay_min_elevation_deg: float = 25.0
    ground_station_provider: str | None = None
    sampled_satellites: int = 8
    utilisation_cap: float = 0.9
    kind: str = "orbital"
    radiation_grid: str = "standard"
    fidelity: str = "propagated"

    def __post_init__(self):
        lookup(dict.fromkeys(FIDELITIES), f"{self.name}.fidelity", self.fidelity, "fidelity")

    def _figures(self, axes: StudyAxes) -> VenueFigures:
        from orbital import orbits, power, thermal
        from studies import hardware

        design = self.design
        acc = hardware.accelerator(design.accelerator)
        constellation = self.orbit.to_constellation() if hasattr(self.orbit, "to_constellation") \
            else self.orbit
        n_sat = int(constellation.size) if hasattr(constellation, "size") else int(
            orbits.describe(self.orbit)["n_satellites"])
        picked = np.unique(np.linspace(0, n_sat - 1, min(self.sampled_satellites, n_sat)).astype(int))
        # power: the accelerators at full load plus housekeeping, on the sampled satellites
        load_w = design.accelerators_per_satellite * acc.tdp_w
        array = power.SolarArray.from_technology(design.cell, design.array_area_m2)
        battery = power.Battery.from_chemistry(design.battery_chemistry, design.battery_kwh * 1e3)
        # staying up: drag make-up propellant for the mission (launched too) and the thruster's
        # mean power (drawn from the bus before compute)
        dry_mass = self._satellite_mass_kg(acc, array, battery)
        # thermal: the radiator node must stay below the chips' limit
        coating = thermal.coating_properties(design.coating)
        radiator = thermal.RadiatorDesign(
            area_m2=design.radiator_area_m2,
            heat_capacity_j_k=HEAT_CAPACITY_J_K_PER_M2 * design.radiator_area_m2,
            emissivity=coating["emissivity"], absorptivity=coating["absorptivity"],
            min_temperature_k=150.0, max_temperature_k=design.chip_max_temperature_k)
        physics = (self._analytic_physics if self.fidelity == "analytic"
                   else self._propagated_physics)
        duty, held, served, battery_w, eclipse, states, keeping = physics(
            axes, constellation.subset(picked), array, battery, load_w, dry_mass, radiator)
        thruster_w = float(keeping["thruster_mean_power_w"])
        # radiation: dose behind the shield → faults → the best mitigation's throughput
        multiplier, mitigation = self._radiation_multiplier(acc, axes, constellation, picked)
        per_sat = duty.where(held, 0.0) * multiplier
        usable = design.accelerators_per_satellite * n_sat * per_sat.mean("satellite").values
        perf = _per_class_performance(acc, axes)
        rate = np.array([perf[k]["rate"] for k in axes.classes]) * multiplier
        for key, r in zip(axes.classes, rate):
            perf[key]["rate"] = r
        compute = np.array([perf[k]["energy"] for k in axes.classes]) / multiplier
        # battery losses and pumps, in proportion to the compute energy they accompany
        battery_share = battery_w / served if served > 0 else 0.0
        battery_loss = compute * battery_share
        thermal_control = compute * PUMP_POWER_PER_HEAT
        propellant = float(keeping["mission_propellant_kg"])
        mass = dry_mass + propellant
        launch = LAUNCH_PRICES[design.launch_price]["usd_per_kg"]
        unit_price = acc.unit_price_usd if math.isfinite(acc.unit_price_usd) else 30_000.0
        capital = (design.accelerators_per_satellite * unit_price + SPACE_COSTS["bus_usd_per_kg"]
                   * (mass - design.accelerators_per_satellite * acc.module_mass_kg) + launch * mass)
        yearly = capital / design.mission_years + SPACE_COSTS["ground_segment_usd_per_satellite_year"]
        mean_duty = float(per_sat.mean())
        # requests one satellite serves in a year, at the utilisation cap
        with np.errstate(divide="ignore", invalid="ignore"):
            per_year = (rate * design.accelerators_per_satellite * mean_duty * self.utilisation_cap
                        * SECONDS_PER_YEAR)
            cost = np.where(per_year > 0, yearly / per_year, np.nan)
            embodied_j = np.where(per_year > 0, EMBODIED["launch_j_per_kg"] * mass
                                  / design.mission_years / per_year, np.nan)
            embodied_g = np.where(per_year > 0, (EMBODIED["launch_g_co2_per_kg"] * mass
                                                 + EMBODIED["accelerator_g_co2_per_unit"]
                                                 * design.accelerators_per_satellite)
                                  / design.mission_years / per_year, np.nan)
        terminal = _satellite_access()
        variables = {**_class_vars(axes, perf),
                     **_transfer_vars(axes, terminal["downlink_mbps"], terminal["uplink_mbps"])}
        variables.update(_energy_vars(axes, {"compute": compute, "battery_loss": battery_loss,
                                             "thermal_control": thermal_control,
                                             "embodied": embodied_j}, embodied_g, cost))
        variables.update(self._network(axes, states) if self.fidelity == "propagated"
                         else self._network_analytic(axes, states))
        variables["eclipse_fraction"] = ("time", eclipse, {
            "units": "1", "long_name": "share of time the sampled satellites spend in the "
                                       "Earth's shadow (analytic tier: orbit average)"})
        variables["accelerators_available"] = ("time", usable, {
            "units": "1", "long_name": "usable accelerators (power, thermal and radiation limits "
                                       "applied)"})
        variables["utilisation_cap"] = ((), float(self.utilisation_cap), {
            "units": "1", "long_name": "highest sustained utilisation"})
        variables["compute_duty_cycle"] = ("time", duty.mean("satellite").values, {
            "units": "1", "long_name": "compute duty cycle from the energy balance"})
        variables["radiator_within_limit"] = ("time", held.mean("satellite").values.astype(float),
                                              {"units": "1", "long_name": "share of satellites "
                                               "whose radiator holds the chip limit"})
        variables["satellite_mass_kg"] = ((), mass, {"units": "kg", "long_name": "launch mass of "
                                                     "one satellite, propellant included"})
        variables["propellant_mass_kg"] = ((), propellant, {
            "units": "kg", "long_name": f"drag make-up and deorbit propellant for the mission "
                                        f"({DRAG_ACTIVITY}, {THRUSTER})"})
        variables["thruster_power_w"] = ((), thruster_w, {
            "units": "W", "long_name": "mean thruster power per satellite"})
        variables["orbital_lifetime_years"] = ((), float(keeping["lifetime_years"]), {
            "units": "year", "long_name": f"lifetime without station keeping ({DRAG_ACTIVITY})"})
        return VenueFigures(self.name, self.kind, math.nan, math.nan, variables,
                            {f"{self.name}: radiation mitigation": mitigation})

    # -- parts --------------------------------------------------------------------------------

    # -- the two tiers' physics ---------------------------------------------------------------

    def _propagated_physics(self, axes, sampled, array, battery, load_w, dry_mass, radiator):
        """SGP4 states at every step; time-stepped energy balance and radiator transient."""
        from orbital import orbits, power, sun, thermal

        states = orbits.propagate(sampled, axes.times)
        keeping = self._keeping(sampled, float(np.abs(sun.beta_angle_deg(states)).mean()),
                                dry_mass)
        thruster_w = float(keeping["thruster_mean_power_w"])
        balance = power.energy_balance(states, array, battery, load_w,
                                       housekeeping_w=HOUSEKEEPING_PER_LOAD * load_w + thruster_w,
                                       power_conditioning_efficiency=POWER_CONDITIONING_EFFICIENCY)
        temperature = thermal.orbit_temperature(
            states, radiator, balance["waste_heat_w"],
            disk_fraction=balance["visible_solar_fraction"])
        held = temperature["temperature_k"] <= self.design.chip_max_temperature_k
        eclipse = 1.0 - balance["visible_solar_fraction"].mean("satellite").values
        return (balance["compute_duty_cycle"], held, float(balance["compute_served_w"].mean()),
                float(balance["battery_loss_w"].mean()), eclipse, states, keeping)

    def _analytic_physics(self, axes, sampled, array, battery, load_w, dry_mass, radiator):
        r"""Orbit averages in closed form at each step: no SGP4, no time march.

        - Track: :func:`orbital.orbits.circular_states` (circles at SGP4's secular J2 rates).
        - Eclipse: cylindrical shadow from the beta angle and altitude,
          :func:`orbital.sun.eclipse_fraction` (penumbra ignored: < 0.5 points of orbit).
        - Power: the periodic steady state of one orbit under the time-stepped model's rules
          (housekeeping first, compute throttled, battery charged from the sunlit surplus and
          drawn in eclipse down to its depth of discharge): with :math:`T_s`, :math:`T_e` the
          sunlit and eclipse times, :math:`P` the bus power in sunlight, :math:`H` and
          :math:`L` housekeeping and compute, the stored energy drawn per orbit is
          :math:`D = \min((H + L) T_e/\eta_d,\ \eta_c \min(P - H - L, P_{c,max}) T_s,\ C\,DoD)`
          and compute gets :math:`\min(L, P - H) T_s` in sunlight and
          :math:`\eta_d D\,L/(H + L)` in eclipse (the battery carries the whole bus until its
          floor, then neither load). The battery's first orbits (it
          starts full) and the penumbra are ignored; a sun-tracking array is assumed (the
          designs here fly one), so incidence is 1.
        - Thermal: the radiator's equilibrium temperature at the orbit-average waste heat and
          environment, :func:`orbital.thermal.equilibrium_temperature`; the orbit average of
          the albedo driver :math:`\max(\cos\zeta, 0)` is :math:`\cos\beta/\pi` (exact for an
          edge-on panel, whose view factor is constant). The transient swing about that
          average (a few K for the default thermal mass) is not resolved.
        """
        from orbital import orbits, sun, thermal

        states = orbits.circular_states(sampled, axes.times)
        beta = np.abs(sun.beta_angle_deg(states).transpose("time", "satellite").values)
        altitude = np.asarray(sampled.altitude_km, dtype=float)[None, :]
        keeping = self._keeping(sampled, float(beta.mean()), dry_mass)
        thruster_w = float(keeping["thruster_mean_power_w"])
        eclipse = np.broadcast_to(sun.eclipse_fraction(altitude, beta), beta.shape)
        period_h = orbits.orbital_period_min(altitude) / 60.0
        sunlit_h, shadow_h = (1.0 - eclipse) * period_h, eclipse * period_h
        flux = sun.solar_flux_w_m2(axes.times).values[:, None]
        bus_w = (flux * array.area_m2 * array.packing_factor * array.efficiency()
                 * POWER_CONDITIONING_EFFICIENCY)
        housekeeping = HOUSEKEEPING_PER_LOAD * load_w + thruster_w
        eta_c, eta_d = battery.charge_efficiency, battery.discharge_efficiency
        charge_limit = (np.inf if battery.max_charge_c_rate is None
                        else battery.max_charge_c_rate * battery.capacity_wh)
        surplus = np.clip(bus_w - housekeeping - load_w, 0.0, charge_limit)
        usable_wh = battery.capacity_wh * battery.max_depth_of_discharge
        drawn_wh = np.minimum(np.minimum((housekeeping + load_w) * shadow_h / eta_d,
                                         eta_c * surplus * sunlit_h), usable_wh)
        compute_sunlit = np.clip(bus_w - housekeeping, 0.0, load_w)
        # in eclipse the battery carries the whole bus (housekeeping and compute) until its
        # floor, then neither: the energy it delivers splits in proportion to the two loads
        delivered_wh = eta_d * drawn_wh
        housekeeping_shadow = delivered_wh * housekeeping / (housekeeping + load_w)
        compute_shadow_wh = delivered_wh * load_w / (housekeeping + load_w)
        compute_wh = compute_sunlit * sunlit_h + compute_shadow_wh
        duty = compute_wh / (load_w * period_h) if load_w > 0 else np.ones(beta.shape)
        battery_loss_w = drawn_wh * (1.0 / eta_c - 1.0 + 1.0 - eta_d) / period_h
        served_w = (np.minimum(housekeeping, bus_w) * sunlit_h + housekeeping_shadow
                    + compute_wh) / period_h
        from_array_w = (np.minimum(housekeeping, bus_w) * sunlit_h + compute_sunlit * sunlit_h
                        + drawn_wh / eta_c) / period_h / POWER_CONDITIONING_EFFICIENCY
        heat_w = (served_w + from_array_w * (1.0 - POWER_CONDITIONING_EFFICIENCY)
                  + battery_loss_w)
        incident = thermal.panel_incident_flux(
            radiator.orientation, np.broadcast_to(altitude, beta.shape),
            np.cos(np.radians(beta)) / np.pi, 1.0 - eclipse, sides=radiator.sides)
        temperature = thermal.equilibrium_temperature(
            heat_w, radiator.area_m2, radiator.emissivity, radiator.absorptivity,
            sides=radiator.sides, incident=incident, fin_efficiency=radiator.fin_efficiency)
        labels = {"time": axes.times, "satellite": states["satellite"].values}
        held = xr.DataArray(np.asarray(temperature) <= self.design.chip_max_temperature_k,
                            dims=("time", "satellite"), coords=labels)
        duty = xr.DataArray(duty, dims=("time", "satellite"), coords=labels)
        return (duty, held, float((duty * load_w).mean()), float(battery_loss_w.mean()),
                eclipse.mean(axis=1), states, keeping)

    def _keeping(self, sampled, beta_deg, dry_mass_kg):
        """orbital.drag's station-keeping budget at the sampled satellites' mean a − R_eq,
        inclination and |beta|: with the inclination, drag sees the co-rotating atmosphere at
        the orbit-mean height above the ellipsoid (so the altitude passed is a − R_eq, not the
        states' geodetic height, which already holds that offset)."""
        from orbital import drag

        altitude_km = float(np.mean(sampled.altitude_km))
        keeping = drag.keeping_summary(
            min(max(altitude_km, drag.OPERATING_ALTITUDE_RANGE_KM[0]),
                drag.OPERATING_ALTITUDE_RANGE_KM[1]),
            inclination_deg=float(np.mean(sampled.inclination_deg)),
            mass_kg=dry_mass_kg, solar_array_m2=self.design.array_area_m2,
            radiator_m2=self.design.radiator_area_m2, bus_cross_section_m2=BUS_CROSS_SECTION_M2,
            beta_deg=beta_deg, activity=DRAG_ACTIVITY, thruster=THRUSTER,
            mission_years=self.design.mission_years)
        return keeping

    def _satellite_mass_kg(self, acc, array, battery):
        d = self.design
        from orbital import thermal

        shield = (SHIELD_AREA_M2_PER_ACCELERATOR * d.accelerators_per_satellite
                  * d.shielding_mm * 1e-3 * ALUMINIUM_KG_M3)
        return float(d.accelerators_per_satellite * acc.module_mass_kg + array.mass_kg
                     + battery.mass_kg + float(thermal.radiator_mass_kg(d.radiator_area_m2))
                     + shield + d.bus_mass_kg)

    def _radiation_multiplier(self, acc, axes, constellation, picked):
        """Throughput multiplier of the best mitigation that keeps corruptions acceptable."""
        from orbital import orbits, radiation

        day = np.datetime64(axes.times[0], "ns") + np.arange(1440) * np.timedelta64(60, "s")
        sample = constellation.subset(picked[:: max(1, len(picked) // 4)])
        if self.fidelity == "analytic":
            # every ANALYTIC_RADIATION_STRIDE minutes, one satellite per orbit plane (members of
            # a plane, or of a formation, cross the same belts within minutes of each other)
            day = day[::ANALYTIC_RADIATION_STRIDE]
            _, first = np.unique(np.asarray(sample.plane), return_index=True)
            sample = sample.subset(np.sort(first))
        # the dose depends on the sampled orbits, the day, the shield and the belt grid only:
        # remembered, so a sweep of other fields (radiator, battery, prices) reads it once
        key = (tuple(_elements(satrec) for satrec in sample.satrecs), day[0], day.size,
               float(self.design.shielding_mm), self.radiation_grid, self.fidelity)
        rate = _DOSE_RATES.get(key)
        if rate is None:
            if self.fidelity == "analytic":
                # one spectrum averaged over every sampled satellite's track: the dose is
                # linear in the spectrum, so its dose is the mean of theirs, in one evaluation
                track = orbits.circular_states(sample, day)
                spectra = radiation.trapped_spectra(
                    lat_deg=track["lat"].values.ravel(), lon_deg=track["lon"].values.ravel(),
                    altitude_km=track["alt_km"].values.ravel(), models=("AP8MIN", "AE8MAX"),
                    grid=self.radiation_grid)
            else:
                spectra = radiation.trapped_spectra(orbits.propagate(sample, day),
                                                    models=("AP8MIN", "AE8MAX"),
                                                    grid=self.radiation_grid)
            dose = radiation.dose_depth(spectra,
                                        shielding_mm=[max(self.design.shielding_mm, 0.1)])
            rate = float(dose["dose_rad_si_per_year"].mean())
            if len(_DOSE_RATES) >= 4096:
                _DOSE_RATES.clear()
            _DOSE_RATES[key] = rate
        device = acc.radiation_device or "tpu-v6e-suncatcher"
        faults = radiation.fault_rates(rate, device=device)
        perf = _per_class_performance(acc, axes)
        services = [p["service"] for p in perf.values() if p["rate"] > 0]
        request_s = max(services) if services else 1.0
        m = radiation.mitigations(float(faults["sdc_per_chip_year"]),
                                  float(faults["detected_per_chip_year"]),
                                  float(faults["crash_per_chip_year"]), request_s)
        ok = m["corruptions_per_million_requests"] <= MAX_CORRUPTIONS_PER_MILLION
        throughput = m["throughput_multiplier"].where(ok)
        if bool(throughput.notnull().any()):
            best = throughput.idxmax("mitigation")
        else:
            best = m["corruptions_per_million_requests"].idxmin("mitigation")
        return (float(m["throughput_multiplier"].sel(mitigation=best)),
                f"{str(best.values)} (dose {rate:.0f} rad(Si)/yr behind "
                f"{self.design.shielding_mm:g} mm Al)")

    def _network(self, axes, states):
        """Latency from each city: via the relay shell (user terminal) or via ground stations."""
        from orbital import links, orbits

        nt, nc = len(axes.times), len(axes.cities)
        lat, lon = axes.cities["lat"].to_numpy(), axes.cities["lon"].to_numpy()
        hub = states.isel(satellite=[0])  # the venue's first sampled satellite, already propagated
        best = np.full((nt, nc), np.inf)
        parts = {k: np.full((nt, nc), np.nan) for k in ("access", "propagation", "ground", "floor")}
        city_sites = links.ground_sites(lat, lon, names=axes.labels)
        if self.relay is not None:
            relay = orbits.propagate(self.relay, axes.times)
            states = xr.concat([relay, hub], dim="satellite", coords="minimal",
                               compat="override", join="override")
            states = states.assign_coords(satellite=np.arange(states.sizes["satellite"]))
            n_relay = relay.sizes["satellite"]
            topology = self._relay_topology(self.relay, n_relay)
            routed = links.route(states, city_sites, source_satellites=[n_relay], topology=topology,
                                 min_elevation_deg=self.relay_min_elevation_deg)
            rtt = routed["rtt_ms"].isel(source=0).transpose("time", "destination").values
            distance = routed["distance_km"].isel(source=0).transpose("time", "destination").values
            best = _prefer_relay(best, parts, rtt, 2 * distance / SPEED_OF_LIGHT_KM_S * 1e3)
        return self._via_ground_stations(axes, hub, best, parts)

    def _network_analytic(self, axes, states):
        r"""Latency from each city in closed form: relay path from geometry, or ground stations.

        Relay path (one way): the user's up-leg to the nearest relay satellite, the venue's
        laser link straight to a relay satellite as far towards the user as the line of sight
        allows (clear of :data:`orbital.links.DEFAULT_GRAZING_ALTITUDE_KM`, as
        :func:`orbital.links.route` requires), and the +Grid for what is left, as the great
        circle at the shell's radius times :data:`RELAY_DETOUR`. With :math:`\psi` the central
        angle between the city and the venue's sub-satellite point, :math:`arphi_n` the
        nearest-neighbour spacing of the relay shell (:math:`	frac12\sqrt{4\pi/N}` rad, a
        uniform field of :math:`N` satellites), :math:`arphi_\ell` the line-of-sight reach
        between the two shells:

        .. math:: d = s(arphi_u, R, r_R) + s(\min(\psi - arphi_u, arphi_\ell), r_v, r_R)
                  + k\,r_R \max(\psi - arphi_u - arphi_\ell, 0)

        with :math:`s(arphi, a, b) = \sqrt{a^2 + b^2 - 2ab\cosarphi}` and
        :math:`arphi_u = \max(arphi_n, |\mathrm{lat}| - i_R)` (beyond the shell's
        inclination the nearest satellite is that much further). Cities whose nearest relay
        satellite sits below the terminal's mask are unreachable through the relay. The ground
        station path is the propagated tier's, on the closed-form track.
        """
        from orbital import links
        from orbital.constants import EARTH_EQUATORIAL_RADIUS_KM as earth_km

        nt, nc = len(axes.times), len(axes.cities)
        hub = states.isel(satellite=[0])
        best = np.full((nt, nc), np.inf)
        parts = {k: np.full((nt, nc), np.nan) for k in ("access", "propagation", "ground", "floor")}
        if self.relay is not None:
            relay = self.relay
            shell_km = earth_km + float(np.mean(relay.altitude_km))
            hub_km = float(np.linalg.norm(hub["position_gcrs_km"].values, axis=-1).mean())
            inclination = math.radians(min(float(np.mean(relay.inclination_deg)),
                                           180.0 - float(np.mean(relay.inclination_deg))))
            count = int(relay.planes) * int(relay.sats_per_plane)
            spacing = 0.5 * math.sqrt(4 * math.pi / count)
            grazing_km = earth_km + links.DEFAULT_GRAZING_ALTITUDE_KM
            reach = math.acos(grazing_km / hub_km) + math.acos(grazing_km / shell_km)
            city_lat = np.radians(axes.cities["lat"].to_numpy())[None, :]
            city_lon = np.radians(axes.cities["lon"].to_numpy())[None, :]
            hub_lat = np.radians(hub["lat"].values[:, :1])
            hub_lon = np.radians(hub["lon"].values[:, :1])
            psi = np.arccos(np.clip(np.sin(city_lat) * np.sin(hub_lat) + np.cos(city_lat)
                                    * np.cos(hub_lat) * np.cos(city_lon - hub_lon), -1.0, 1.0))

            def chord(angle, a, b):
                return np.sqrt(a**2 + b**2 - 2 * a * b * np.cos(angle))

            user = np.maximum(spacing, np.abs(city_lat) - inclination)
            up_km = chord(user, earth_km, shell_km)
            elevation = np.degrees(np.arcsin(np.clip((shell_km * np.cos(user) - earth_km)
                                                     / up_km, -1.0, 1.0)))
            rest = np.maximum(psi - user, 0.0)
            one_way_km = (up_km + chord(np.minimum(rest, reach), hub_km, shell_km)
                          + RELAY_DETOUR * shell_km * np.maximum(rest - reach, 0.0))
            rtt = np.where(elevation >= self.relay_min_elevation_deg,
                           2 * one_way_km / SPEED_OF_LIGHT_KM_S * 1e3, np.nan)
            rtt = np.broadcast_to(rtt, (nt, nc))
            best = _prefer_relay(best, parts, rtt, rtt)
        return self._via_ground_stations(axes, hub, best, parts)

    def _via_ground_stations(self, axes, hub, best, parts):
        """Through a ground station in view of the venue, then fiber to the city, where that
        beats the relay path found so far (``best``, ``parts``: (time, city))."""
        from ground import network, sites
        from orbital import links

        nc = len(axes.cities)
        lat, lon = axes.cities["lat"].to_numpy(), axes.cities["lon"].to_numpy()
        stations = sites.ground_stations(self.ground_station_provider)
        station_sites = links.ground_sites(stations["lat"].to_numpy(), stations["lon"].to_numpy(),
                                           names=[f"gs{i}" for i in range(len(stations))])
        seen = links.visibility(hub, station_sites, min_elevation_deg=self.design.min_elevation_deg)
        slant = seen["slant_range_km"].where(seen["visible"]).isel(satellite=0)
        slant = slant.transpose("time", "site").values
        fiber_ms, vacuum_ms = _station_fiber(self.ground_station_provider, tuple(lat),
                                             tuple(lon))  # (station, city)
        space_ms = 2 * slant / SPEED_OF_LIGHT_KM_S * 1e3  # (time, station)
        access_ms = network.access_rtt_ms(axes.user_access)
        gateway_ms = GATEWAY_PROCESSING_MS
        via = space_ms[:, :, None] + fiber_ms[None] + access_ms + gateway_ms  # (t, station, city)
        via = np.where(np.isfinite(via), via, np.inf)
        pick = np.argmin(via, axis=1)  # (t, city)
        total = np.take_along_axis(via, pick[:, None, :], 1)[:, 0]
        better = np.isfinite(total) & (total < best)
        space_pick = np.take_along_axis(space_ms, pick, 1)
        fiber_pick = fiber_ms[pick, np.arange(nc)[None, :]]
        vacuum_pick = vacuum_ms[pick, np.arange(nc)[None, :]]
        best = np.where(better, total, best)
        parts["access"] = np.where(better, access_ms, parts["access"])
        parts["propagation"] = np.where(better, space_pick + fiber_pick, parts["propagation"])
        parts["ground"] = np.where(better, gateway_ms, parts["ground"])
        parts["floor"] = np.where(better, space_pick + vacuum_pick, parts["floor"])
        return _network_vars(parts["access"], parts["propagation"], parts["ground"],
                             parts["floor"])

    @staticmethod
    def _relay_topology(relay, n_relay):
        """The relay's +Grid plus laser links from the venue to every relay satellite (the
        route keeps only those within the ISL range and clear of the atmosphere, so the venue
        links to the relay satellites in range)."""
        from orbital import links

        base = links.plus_grid_edges(int(relay.planes), int(relay.sats_per_plane))
        hub = np.column_stack([np.arange(n_relay), np.full(n_relay, n_relay)])
        return np.vstack([base, hub])


#: Dose rates [rad(Si)/yr] already computed in this process, by (orbits, day, shield, grid).
_DOSE_RATES: dict = {}


def _elements(satrec) -> tuple:
    """What an SGP4 record propagates from: its epoch and mean elements."""
    return (satrec.jdsatepoch, satrec.jdsatepochF, satrec.no_kozai, satrec.ecco, satrec.inclo,
            satrec.nodeo, satrec.argpo, satrec.mo, satrec.bstar)


#: Station keeping: the solar activity the drag budget assumes and the thruster that flies it
#: (names in ``orbital.drag.ACTIVITY_LEVELS`` and ``orbital.drag.THRUSTERS``), and the bus's
#: cross-section to the flow [m²] (assumption: a ~1.5 m bus, arrays and radiators counted apart).
DRAG_ACTIVITY = "solar-mean"
THRUSTER = "hall"
BUS_CROSS_SECTION_M2 = 2.0

#: How an orbital venue is evaluated: ``"propagated"`` (SGP4 states at every step of the study,
#: time-stepped energy balance, radiator transient, routed relay paths) or ``"analytic"``
#: (closed-form circular tracks and orbit averages; see ``OrbitalVenue._analytic_physics`` and
#: ``OrbitalVenue._network_analytic``).
FIDELITIES = ("propagated", "analytic")

#: Array-to-bus efficiency of the power system [1] (SMAD §11.4: peak-power trackers ~0.8-0.95
#: with distribution; orbital.power.energy_balance's default).
POWER_CONDITIONING_EFFICIENCY = 0.95

#: Length of a +Grid relay route over the great circle at the shell's radius [1], beyond the
#: venue's direct laser reach (analytic tier). In-plane links run along orbit planes, which are
#: great circles, and a 72 × 22 shell offers a plane close to most headings, so routes are
#: "nearly the shortest path" (Hauri, Bhattacherjee, Grossmann & Singla 2020, HotNets); this
#: project's own routed paths (``orbital.links.route``, the default scenario's Starlink-like
#: shell to the dawn–dusk cluster) are a median 4 % longer than the geodesic beyond 20°
#: (assumption: 1.05).
RELAY_DETOUR = 1.05

#: Analytic tier: the radiation dose is read on a day of the closed-form track sampled every
#: ANALYTIC_RADIATION_STRIDE minutes instead of every minute (the belt crossings of LEO last
#: ~10 min, so 5-min samples still cross each pass of the South Atlantic Anomaly twice or more).
ANALYTIC_RADIATION_STRIDE = 5

#: Gateway and point-of-presence processing at a ground station, round trip [ms] (assumption:
#: modem, baseband and the first router; order of a few ms).
GATEWAY_PROCESSING_MS = 4.0


# --------------------------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------------------------


#: Figures of terrestrial venues already evaluated in this process, by (venue, axes): they do
#: not depend on the orbital designs a sweep varies. Bounded; cleared when full.
_TERRESTRIAL_FIGURES: dict = {}
_TERRESTRIAL_FIGURES_MAX = 256


def _remembered_figures(venue, axes: StudyAxes) -> VenueFigures:
    """``venue._figures(axes)``, remembered for cloud and fleet venues (frozen dataclasses whose
    figures depend only on their fields and the axes); the arrays are made read-only so a
    remembered figure cannot be altered by its user."""
    if not isinstance(venue, (CloudVenue, FleetVenue)):
        return venue._figures(axes)
    key = (venue, np.asarray(axes.times).tobytes(), tuple(axes.labels),
           tuple(axes.cities["lat"].to_numpy().tolist()),
           tuple(axes.cities["lon"].to_numpy().tolist()), tuple(axes.classes.items()),
           axes.user_access)
    figures = _TERRESTRIAL_FIGURES.get(key)
    if figures is None:
        figures = venue._figures(axes)
        for _, values, _ in figures.variables.values():
            if isinstance(values, np.ndarray):
                values.setflags(write=False)
        if len(_TERRESTRIAL_FIGURES) >= _TERRESTRIAL_FIGURES_MAX:
            _TERRESTRIAL_FIGURES.clear()
        _TERRESTRIAL_FIGURES[key] = figures
    return figures


def venue_table(venues, axes: StudyAxes, *, progress=None) -> xr.Dataset:
    """Evaluate every venue on the study's axes and stack them along ``venue``.

    Parameters
    ----------
    venues : sequence of OrbitalVenue, FleetVenue or CloudVenue
        Names must be unique.
    axes : StudyAxes
    progress : callable, optional
        Called with one message per venue.

    Returns
    -------
    xarray.Dataset
        The venue table :func:`studies.schedule.schedule` reads (see there for the variables),
        with coordinates ``venue_kind``, ``venue_lat``, ``venue_lon``, the classes' SLOs
        (``latency_slo_s``, ``ttft_slo_s``) and ``output_tokens`` per class. The attribute
        ``zero_capacity_venues`` lists venues with no usable accelerator over the whole span.
    """
    import time as _time

    venues = list(venues)
    if not venues:
        raise ValueError("venues: no venue given; at least one is required")
    names = [v.name for v in venues]
    if len(set(names)) != len(names):
        duplicate = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"venues: names must be unique; repeated: {duplicate}")
    figures = []
    for venue in venues:
        begin = _time.perf_counter()
        figures.append(_remembered_figures(venue, axes))
        if progress is not None:
            progress(f"venue {venue.name}: evaluated in {_time.perf_counter() - begin:.1f} s")
    sizes = {"time": len(axes.times), "city": len(axes.cities), "request_class": len(axes.classes)}
    data, attrs = {}, {}
    for f in figures:
        attrs.update(f.attrs)
    for name in dict.fromkeys(n for f in figures for n in f.variables):
        dims, _, var_attrs = next(f.variables[name] for f in figures if name in f.variables)
        dims = (dims,) if isinstance(dims, str) else tuple(dims)
        fill = 0.0 if name.startswith("energy_") else np.nan
        stacked = np.full((len(figures),) + tuple(sizes[d] for d in dims), fill)
        for k, f in enumerate(figures):
            if name in f.variables:
                stacked[k] = f.variables[name][1]
        data[name] = (("venue",) + dims, stacked, var_attrs)
    names_cls = list(axes.classes)
    data["latency_slo_s"] = ("request_class", [axes.classes[k].latency_slo_s for k in names_cls],
                             {"units": "s", "long_name": "end-to-end SLO"})
    data["ttft_slo_s"] = ("request_class", [math.nan if axes.classes[k].ttft_slo_s is None
                                            else axes.classes[k].ttft_slo_s for k in names_cls],
                          {"units": "s", "long_name": "time-to-first-token SLO (NaN: none)"})
    data["output_tokens"] = ("request_class", [axes.classes[k].output_tokens for k in names_cls],
                             {"units": "1", "long_name": "output tokens per request"})
    table = xr.Dataset(data, coords={
        "time": axes.times, "city": axes.labels, "request_class": names_cls, "venue": names,
        "venue_kind": ("venue", [f.kind for f in figures]),
        "venue_lat": ("venue", [f.lat for f in figures], {
            "units": "degrees_north", "long_name": "venue latitude (NaN: in orbit)"}),
        "venue_lon": ("venue", [f.lon for f in figures], {
            "units": "degrees_east", "long_name": "venue longitude (NaN: in orbit)"})})
    zero = [n for n, f in zip(names, figures)
            if not np.any(np.asarray(f.variables["accelerators_available"][1]) > 0)]
    attrs["zero_capacity_venues"] = ",".join(zero)
    table.attrs.update(attrs)
    return table
