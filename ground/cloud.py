"""Cloud-region model: accelerator inventory, PUE, water, grid carbon, price, utilisation cap.

``ground`` cannot import the studies hardware catalog, so a region takes plain numbers: its
inventory as ``{accelerator name: count}`` and the power of each name as ``{name: watts}``.
``studies`` fills both from its catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import xarray as xr

from ground._checks import check_fraction, check_name, check_range, check_times, local_hour_index, lookup
from ground.sites import cloud_region as _catalog_row

__all__ = [
    "CARBON_PROFILES",
    "DEFAULT_ELECTRICITY_PRICE_USD_PER_KWH",
    "IDLE_POWER_FRACTION",
    "CloudRegion",
    "cloud_region_model",
    "region_energy",
    "wall_energy_per_it_energy",
]

#: Accelerator-server power at zero load as a fraction of full-load power (stated assumption:
#: servers are far from energy-proportional; Barroso, Hölzle & Ranganathan, *The Datacenter as a
#: Computer*, 3rd ed. 2018, ch. 5, report idle at ~30-50 % of peak for CPU servers; GPUs idle
#: lower, at ~10-20 % of their TDP).
IDLE_POWER_FRACTION = 0.2
#: Default electricity price for a large data-center buyer [USD/kWh] (US industrial average
#: 2023 ≈ 8.0 ¢/kWh, EIA Electric Power Monthly table 5.3; order of magnitude).
DEFAULT_ELECTRICITY_PRICE_USD_PER_KWH = 0.08


def _normalised(values):
    values = np.asarray(values, dtype=float)
    return values / values.mean()


_HOURS = np.arange(24) + 0.5
#: Relative grid carbon intensity by local hour (mean 1), for ``CloudRegion.carbon_profile``.
CARBON_PROFILES = {
    "flat": {
        "hourly": np.ones(24),
        "source": "no hourly variation: the yearly average at every hour",
    },
    "solar-heavy": {
        "hourly": _normalised(1.0 - 0.4 * np.exp(-0.5 * ((_HOURS - 13.0) / 2.5) ** 2)),
        "source": "stated assumption: a grid with large solar share (California-, Spain-like) "
                  "where midday intensity falls ~40 % below the night (shape of CAISO hourly "
                  "intensities in spring, as shown by Electricity Maps); Gaussian dip at 13 h",
    },
    "evening-peak": {
        "hourly": _normalised(1.0 + 0.1 * np.cos(2 * np.pi * (_HOURS - 19.0) / 24.0)),
        "source": "stated assumption: a thermal grid whose gas peakers raise intensity ~10 % "
                  "in the evening demand peak (19 h) and lower it at night",
    },
}


@dataclass(frozen=True)
class CloudRegion:
    """A cloud region as a compute venue (validated on construction).

    Parameters
    ----------
    name : str
        Label, e.g. ``"aws:eu-west-3"``.
    inventory : mapping of str to int
        Accelerators installed, ``{name: count}`` (count ≥ 0).
    accelerator_power_w : mapping of str to float
        Full-load power of each inventory name [W] (> 0), e.g. from the studies catalog.
    pue : float
        Power usage effectiveness, facility energy ÷ IT energy [-], in [1, 3].
    wue_l_per_kwh : float
        Water usage effectiveness, site water ÷ IT energy [L/kWh], in [0, 20].
    grid_carbon_g_per_kwh : float
        Yearly average grid carbon intensity [gCO2e/kWh], in [0, 2000].
    electricity_price_usd_per_kwh : float
        Price of facility electricity [USD/kWh], in [0, 5].
    utilisation_cap : float
        Highest sustained fraction of the inventory that can be busy [-], in [0, 1].
    carbon_profile : str or sequence of 24 floats, optional
        Name in ``CARBON_PROFILES`` or the relative grid carbon intensity by local hour
        (0…23), mean 1 (± 1 %); the yearly average times this factor is the hourly intensity.
    utc_offset_hours : float
        Local time − UTC [h], for ``carbon_profile``.
    idle_power_fraction : float
        Server power at zero load ÷ full-load power [-], in [0, 1].
    host_overhead_factor : float
        Server power ÷ accelerator power [-] ≥ 1 (1.0 when ``accelerator_power_w`` is already a
        per-accelerator share of server power; ≈ 1.8 for an NVIDIA DGX H100: 10.2 kW system for
        8 × 700 W GPUs, NVIDIA DGX H100 datasheet).
    lat, lon : float
        Location [deg] (NaN when unknown).
    """

    name: str
    inventory: dict
    accelerator_power_w: dict
    pue: float
    wue_l_per_kwh: float
    grid_carbon_g_per_kwh: float
    electricity_price_usd_per_kwh: float = DEFAULT_ELECTRICITY_PRICE_USD_PER_KWH
    utilisation_cap: float = 0.8
    carbon_profile: tuple | str | None = None
    utc_offset_hours: float = 0.0
    idle_power_fraction: float = IDLE_POWER_FRACTION
    host_overhead_factor: float = 1.0
    lat: float = float("nan")
    lon: float = float("nan")
    sources: dict = field(default_factory=dict)

    def __post_init__(self):
        inventory = {}
        for k, v in dict(self.inventory).items():
            count = float(check_range(f"inventory[{k!r}]", v, 0, None))
            if count != int(count):
                raise ValueError(f"inventory[{k!r}]: {count:g} is not a whole number of "
                                 "accelerators")
            inventory[str(k)] = int(count)
        power = {str(k): float(check_range(f"accelerator_power_w[{k!r}]", v, 0.0, None,
                                           low_inclusive=False, unit="W"))
                 for k, v in dict(self.accelerator_power_w).items()}
        for accelerator in inventory:
            check_name("inventory", accelerator, power, what="accelerator without a power in "
                       "accelerator_power_w")
        object.__setattr__(self, "inventory", MappingProxyType(inventory))
        object.__setattr__(self, "accelerator_power_w", MappingProxyType(power))
        for name, low, high, unit in [("pue", 1.0, 3.0, ""), ("wue_l_per_kwh", 0.0, 20.0, "L/kWh"),
                                      ("grid_carbon_g_per_kwh", 0.0, 2000.0, "g/kWh"),
                                      ("electricity_price_usd_per_kwh", 0.0, 5.0, "USD/kWh"),
                                      ("utc_offset_hours", -12.0, 14.0, "h"),
                                      ("host_overhead_factor", 1.0, 5.0, "")]:
            object.__setattr__(self, name, float(check_range(name, getattr(self, name), low, high,
                                                             unit=unit)))
        for name in ("utilisation_cap", "idle_power_fraction"):
            object.__setattr__(self, name, float(check_fraction(name, getattr(self, name))))
        if isinstance(self.carbon_profile, str):
            named = lookup(CARBON_PROFILES, "carbon_profile", self.carbon_profile,
                           what="carbon profile")["hourly"]
            object.__setattr__(self, "carbon_profile", tuple(float(v) for v in named))
        if self.carbon_profile is not None:
            profile = check_range("carbon_profile", self.carbon_profile, 0.0, 24.0)
            if profile.shape != (24,):
                raise ValueError(f"carbon_profile: {profile.size} values given; one per local "
                                 "hour (24) is required")
            if abs(profile.mean() - 1.0) > 0.01:
                raise ValueError(f"carbon_profile: mean {profile.mean():.3f} is outside the "
                                 "allowed range [0.99, 1.01]; give factors relative to the "
                                 "yearly average")
            object.__setattr__(self, "carbon_profile", tuple(float(v) for v in profile))
        object.__setattr__(self, "sources", MappingProxyType(dict(self.sources)))

    @property
    def full_load_it_power_w(self) -> float:
        """IT power with every accelerator at full load [W] (host overhead included)."""
        total = sum(n * self.accelerator_power_w[k] for k, n in self.inventory.items())
        return total * self.host_overhead_factor

    @property
    def accelerator_count(self) -> int:
        """Accelerators installed [-]."""
        return int(sum(self.inventory.values()))


def cloud_region_model(provider, region_code, inventory, accelerator_power_w, **overrides):
    """A :class:`CloudRegion` filled from the shipped catalog (PUE, WUE, grid carbon, location).

    Parameters
    ----------
    provider, region_code : str
        A row of :func:`ground.sites.cloud_regions` (close matches are suggested when unknown).
        The region's own published PUE is used where there is one, else the provider's fleet
        figure; ``sources["pue_scope"]`` says which.
    inventory : mapping of str to int
        Accelerators ``{name: count}``.
    accelerator_power_w : mapping of str to float
        Full-load power per name [W].
    **overrides
        Any other :class:`CloudRegion` field (``electricity_price_usd_per_kwh``,
        ``utilisation_cap``, ``carbon_profile``, ``pue``…). ``utc_offset_hours`` defaults to the
        region's mean solar offset, round(lon / 15).

    Examples
    --------
    >>> region = cloud_region_model("aws", "ap-south-1", {"H100": 1000}, {"H100": 700.0})
    >>> region.pue, region.grid_carbon_g_per_kwh, region.full_load_it_power_w
    (1.44, 713.0, 700000.0)
    >>> region.sources["pue_scope"]
    'region'

    Where a provider publishes no figure for the region, the fleet PUE stands in (flagged):

    >>> cloud_region_model("gcp", "europe-west9", {}, {}).sources["pue_scope"]
    'provider fleet (fallback)'
    
    """
    row = _catalog_row(provider, region_code)
    fields = {
        "name": f"{row['provider']}:{row['region_code']}",
        "inventory": inventory,
        "accelerator_power_w": accelerator_power_w,
        "pue": float(row["pue"]),
        "wue_l_per_kwh": float(row["wue_l_per_kwh"]),
        "grid_carbon_g_per_kwh": float(row["grid_carbon_g_per_kwh"]),
        "utc_offset_hours": float(np.round(row["lon"] / 15.0)),
        "lat": float(row["lat"]),
        "lon": float(row["lon"]),
        "sources": {"pue": row["pue_source"], "pue_scope": row["pue_scope"],
                    "wue": row["wue_source"], "grid_carbon": row["grid_carbon_source"],
                    "grid_carbon_basis": f"{row['grid_carbon_basis']}, per kWh "
                                         f"{row['grid_carbon_boundary']}, {row['grid_carbon_year']}",
                    "location": row["source"]},
    }
    for name in overrides:
        check_name("cloud_region_model", name, CloudRegion.__dataclass_fields__,
                   what="CloudRegion field")
    fields.update(overrides)
    return CloudRegion(**fields)


def wall_energy_per_it_energy(region: CloudRegion) -> float:
    """Facility (wall) energy per unit of accelerator energy [kWh/kWh] = PUE × host overhead.

    Examples
    --------
    >>> r = CloudRegion("x", {"A": 1}, {"A": 500.0}, pue=1.2, wue_l_per_kwh=0.2,
    ...                 grid_carbon_g_per_kwh=300.0, host_overhead_factor=1.5)
    >>> round(wall_energy_per_it_energy(r), 6)
    1.8
    """
    return region.pue * region.host_overhead_factor


def region_energy(region: CloudRegion, times, utilisation=1.0) -> xr.Dataset:
    """Power, energy, carbon, water and cost of a cloud region over time.

    Parameters
    ----------
    region : CloudRegion
        The region.
    times : array_like of datetime64
        UTC instants, strictly increasing; each step lasts until the next one (the last one as
        long as the one before, 1 h when there is a single instant).
    utilisation : float or array_like over time
        Demanded fraction of the inventory busy [-], in [0, 1]; capped at
        ``region.utilisation_cap``.

    Returns
    -------
    xarray.Dataset
        Over ``time``: ``busy_accelerators`` [-], ``it_power_w``, ``facility_power_w`` [W],
        ``facility_energy_kwh``, ``it_energy_kwh`` [kWh per step], ``carbon_intensity_g_per_kwh``,
        ``carbon_kg`` [kg CO2e per step], ``water_l`` [L per step], ``cost_usd`` [USD per step],
        and the constant ``wall_energy_per_it_energy`` [-].

    Notes
    -----
    With u = min(utilisation, cap), f_idle the idle fraction and P_max the full-load IT power:

    .. math:: P_\\mathrm{IT} = P_\\mathrm{max}\\,(f_\\mathrm{idle} + (1 - f_\\mathrm{idle})\\,u),
              \\quad P_\\mathrm{facility} = \\mathrm{PUE}\\,P_\\mathrm{IT},
              \\quad C = E_\\mathrm{facility}\\,I_\\mathrm{grid},
              \\quad W = E_\\mathrm{IT}\\,\\mathrm{WUE}

    PUE and WUE follow The Green Grid definitions (WP#49 2012, WP#35 2011): both are ratios to
    IT energy. Carbon is location-based (the grid's average), not market-based.

    Examples
    --------
    >>> r = CloudRegion("x", {"A": 10}, {"A": 1000.0}, pue=1.5, wue_l_per_kwh=0.0,
    ...                 grid_carbon_g_per_kwh=400.0, utilisation_cap=1.0, idle_power_fraction=0.0)
    >>> ds = region_energy(r, np.array(["2026-01-01T00", "2026-01-01T01"], "datetime64[ns]"))
    >>> float(ds.facility_energy_kwh[0]), float(ds.carbon_kg[0])
    (15.0, 6.0)
    """
    times, hours = check_times("times", times)
    demanded = np.broadcast_to(check_fraction("utilisation", utilisation), times.shape)
    busy_fraction = np.minimum(demanded, region.utilisation_cap)
    it_power = region.full_load_it_power_w * (
        region.idle_power_fraction + (1.0 - region.idle_power_fraction) * busy_fraction)
    facility_power = region.pue * it_power
    intensity = np.full(times.shape, region.grid_carbon_g_per_kwh)
    if region.carbon_profile is not None:
        local_hour = local_hour_index(times, region.utc_offset_hours)
        intensity = intensity * np.asarray(region.carbon_profile)[local_hour]
    it_energy = it_power * hours / 1e3
    facility_energy = facility_power * hours / 1e3
    dim = "time"
    return xr.Dataset(
        {
            "busy_accelerators": (dim, busy_fraction * region.accelerator_count,
                                  {"units": "1", "long_name": "accelerators busy"}),
            "it_power_w": (dim, it_power, {"units": "W", "long_name": "IT power"}),
            "facility_power_w": (dim, facility_power,
                                 {"units": "W", "long_name": "facility power at the wall"}),
            "it_energy_kwh": (dim, it_energy, {"units": "kWh", "long_name": "IT energy per step"}),
            "facility_energy_kwh": (dim, facility_energy,
                                    {"units": "kWh", "long_name": "facility energy per step"}),
            "carbon_intensity_g_per_kwh": (dim, intensity, {
                "units": "g kWh-1", "long_name": "grid carbon intensity (CO2e, location-based)"}),
            "carbon_kg": (dim, facility_energy * intensity / 1e3,
                          {"units": "kg", "long_name": "CO2e emitted per step"}),
            "water_l": (dim, it_energy * region.wue_l_per_kwh,
                        {"units": "L", "long_name": "site water used per step"}),
            "cost_usd": (dim, facility_energy * region.electricity_price_usd_per_kwh,
                         {"units": "USD", "long_name": "electricity cost per step"}),
            "wall_energy_per_it_energy": ((), wall_energy_per_it_energy(region), {
                "units": "1", "long_name": "wall energy per kWh of accelerator energy"}),
        },
        coords={"time": times},
        attrs={"region": region.name, **{f"source_{k}": v for k, v in region.sources.items()}},
    )

