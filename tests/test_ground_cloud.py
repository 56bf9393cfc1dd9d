"""Tests for ground.cloud: PUE/carbon/water/cost accounting and published cost figures."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ground import cloud

HOURS_2 = np.array(["2026-06-01T00", "2026-06-01T01"], dtype="datetime64[ns]")


def _region(**overrides):
    fields = {"name": "test", "inventory": {"H100": 1000}, "accelerator_power_w": {"H100": 700.0},
              "pue": 1.1, "wue_l_per_kwh": 0.2, "grid_carbon_g_per_kwh": 56.0,
              "utilisation_cap": 1.0, "idle_power_fraction": 0.0}
    fields.update(overrides)
    return cloud.CloudRegion(**fields)


def test_facility_energy_is_it_energy_times_pue_and_carbon_is_energy_times_intensity():
    # 1000 × 700 W for 1 h = 700 kWh IT; × PUE 1.1 = 770 kWh; × 56 g/kWh = 43.12 kg CO2e.
    ds = cloud.region_energy(_region(), HOURS_2)
    assert float(ds.it_energy_kwh[0]) == pytest.approx(700.0)
    assert float(ds.facility_energy_kwh[0]) == pytest.approx(770.0)
    assert float(ds.carbon_kg[0]) == pytest.approx(43.12)
    # WUE (The Green Grid) is per IT energy: 700 kWh × 0.2 L/kWh = 140 L.
    assert float(ds.water_l[0]) == pytest.approx(140.0)
    for name in ds.data_vars:
        assert {"units", "long_name"} <= set(ds[name].attrs), name


def test_starcloud_terrestrial_energy_cost_40_mw_ten_years_at_4_cents():
    # Starcloud white paper: 40 MW for 10 years at $0.04/kWh ≈ $140 M of energy
    # (40 MW × 87 600 h = 3.504 TWh → $140.2 M), with the IT load taken as the whole draw.
    region = _region(inventory={"rack": 40}, accelerator_power_w={"rack": 1e6}, pue=1.0,
                     electricity_price_usd_per_kwh=0.04)
    times = np.datetime64("2026-01-01", "ns") + np.arange(87_600) * np.timedelta64(1, "h")
    cost = float(cloud.region_energy(region, times).cost_usd.sum())
    assert cost == pytest.approx(140e6, rel=0.01)


def test_utilisation_cap_limits_busy_accelerators_and_idle_power_is_drawn():
    region = _region(utilisation_cap=0.8, idle_power_fraction=0.2)
    ds = cloud.region_energy(region, HOURS_2, utilisation=[1.0, 0.0])
    assert ds.busy_accelerators.values.tolist() == [800.0, 0.0]
    # Linear server power model: P = P_max (f_idle + (1 - f_idle) u).
    assert ds.it_power_w.values == pytest.approx([700e3 * (0.2 + 0.8 * 0.8), 700e3 * 0.2])


def test_hourly_carbon_profile_preserves_the_yearly_average_over_a_day():
    profile = 1.0 + 0.3 * np.cos(2 * np.pi * (np.arange(24) - 19) / 24)  # evening peak, mean 1
    region = _region(carbon_profile=profile, utc_offset_hours=2.0)
    times = np.datetime64("2026-06-01", "ns") + np.arange(24) * np.timedelta64(1, "h")
    ds = cloud.region_energy(region, times)
    assert float(ds.carbon_intensity_g_per_kwh.mean()) == pytest.approx(56.0, rel=1e-12)
    # 17:00 UTC is 19:00 local at UTC+2: the peak factor 1.3.
    assert float(ds.carbon_intensity_g_per_kwh[17]) == pytest.approx(56.0 * 1.3)


@pytest.mark.parametrize("name", sorted(cloud.CARBON_PROFILES))
def test_named_carbon_profiles_keep_the_yearly_mean(name):
    # A relative profile must not change the yearly average it multiplies.
    region = _region(carbon_profile=name)
    assert np.mean(region.carbon_profile) == pytest.approx(1.0, abs=1e-12)
    assert cloud.CARBON_PROFILES[name]["source"]


def test_solar_heavy_profile_is_cleanest_at_midday():
    profile = np.asarray(_region(carbon_profile="solar-heavy").carbon_profile)
    assert int(np.argmin(profile)) in (12, 13)
    assert profile.min() < 0.8 * profile.max()


def test_region_from_catalog_takes_its_own_published_pue_and_grid_intensity():
    # AWS per-Region PUE 2023: Mumbai (ap-south-1) 1.44, not the 1.15 fleet average; Ember 2023:
    # India 713 gCO2e/kWh (lifecycle, per kWh generated).
    region = cloud.cloud_region_model("aws", "ap-south-1", {"H100": 8}, {"H100": 700.0})
    assert region.pue == pytest.approx(1.44)
    assert region.grid_carbon_g_per_kwh == pytest.approx(713.0)
    assert region.sources["pue_scope"] == "region"
    assert "lifecycle, per kWh generation, 2023" == region.sources["grid_carbon_basis"]
    # Google publishes no PUE for Paris (europe-west9, a leased site): the fleet 1.10 stands in,
    # flagged (Google 2024 Environmental Report, fleet TTM PUE 2023).
    paris = cloud.cloud_region_model("gcp", "europe-west9", {}, {})
    assert paris.pue == pytest.approx(1.10)
    assert paris.sources["pue_scope"] == "provider fleet (fallback)"


def test_facility_energy_per_accelerator_energy_is_the_wall_factor_at_full_load():
    # Two code paths must agree: region_energy's facility kWh per kWh drawn by the accelerators
    # (no idle floor, every accelerator busy) is wall_energy_per_it_energy = PUE x host
    # overhead. NVIDIA DGX H100 datasheet: 10.2 kW system for 8 x 700 W GPUs (overhead 1.82).
    region = _region(host_overhead_factor=10.2 / 5.6, pue=1.1)
    ds = cloud.region_energy(region, HOURS_2)
    accelerator_kwh = 1000 * 700.0 / 1e3  # 1 h at full load
    assert float(ds.facility_energy_kwh[0]) / accelerator_kwh == pytest.approx(
        float(cloud.wall_energy_per_it_energy(region)), rel=1e-12)
    # ... and for a DGX H100 in a PUE 1.1 hall: 1.1 x 10.2 / 5.6 = 2.00 kWh per GPU kWh.
    assert float(cloud.wall_energy_per_it_energy(region)) == pytest.approx(2.0, abs=0.01)


def test_bad_region_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match=r"pue: 0.9 is outside the allowed range \[1, 3\]"):
        _region(pue=0.9)
    with pytest.raises(ValueError, match=r"utilisation_cap: 1.5 is outside the allowed range"):
        _region(utilisation_cap=1.5)
    with pytest.raises(ValueError, match=r"inventory.*'B200'"):
        _region(inventory={"B200": 3})
    with pytest.raises(ValueError, match=r"inventory\['H100'\]: -1"):
        _region(inventory={"H100": -1})
    with pytest.raises(ValueError, match="carbon_profile: 12 values"):
        _region(carbon_profile=np.ones(12))
    with pytest.raises(ValueError, match="carbon_profile: mean 2.000"):
        _region(carbon_profile=2 * np.ones(24))
    with pytest.raises(ValueError, match=r"carbon_profile.*'solar'.*'solar-heavy'"):
        _region(carbon_profile="solar")
    with pytest.raises(ValueError, match=r"utilisation: 1.2 is outside"):
        cloud.region_energy(_region(), HOURS_2, utilisation=1.2)
    with pytest.raises(ValueError, match=r"region_code.*'francecentrall'.*'francecentral'"):
        cloud.cloud_region_model("azure", "francecentrall", {}, {})
    with pytest.raises(ValueError, match="strictly increasing"):
        cloud.region_energy(_region(), HOURS_2[::-1])
    with pytest.raises(ValueError, match=r"unknown CloudRegion field 'pue_typo'"):
        cloud.cloud_region_model("aws", "eu-west-3", {}, {}, pue_typo=1.2)


@settings(max_examples=30, deadline=None)
@given(cap=st.floats(0, 1), idle=st.floats(0, 1), pue=st.floats(1, 3), demand=st.floats(0, 1))
def test_energy_accounting_bounds_hold_for_any_valid_region(cap, idle, pue, demand):
    # Busy accelerators never exceed cap × inventory; facility ≥ IT energy (PUE ≥ 1); IT power
    # lies between the idle floor and full load.
    region = _region(utilisation_cap=cap, idle_power_fraction=idle, pue=pue)
    ds = cloud.region_energy(region, HOURS_2, utilisation=demand)
    assert (ds.busy_accelerators <= cap * 1000 * (1 + 1e-12)).all()
    assert (ds.facility_energy_kwh >= ds.it_energy_kwh * (1 - 1e-12)).all()
    assert (ds.it_power_w >= idle * 700e3 * (1 - 1e-12)).all()
    assert (ds.it_power_w <= 700e3 * (1 + 1e-12)).all()


def test_uneven_steps_weight_energy_by_their_length():
    # Each instant stands for the interval to the next; the last repeats the previous step.
    # Steps of 1 h, 2 h, (2 h): energy = P t with P = 700 kW IT.
    times = np.array(["2026-06-01T00", "2026-06-01T01", "2026-06-01T03"], "datetime64[ns]")
    ds = cloud.region_energy(_region(), times)
    np.testing.assert_allclose(ds.it_energy_kwh, [700.0, 1400.0, 1400.0])


@pytest.mark.parametrize("times, message", [
    (np.array([], "datetime64[ns]"), "at least one instant"),
    (np.array(["2026-06-01T00", "NaT"], "datetime64[ns]"), "NaT"),
    (np.array(["2026-06-01T01", "2026-06-01T01"], "datetime64[ns]"), "strictly increasing"),
])
def test_bad_time_axes_raise_clear_errors(times, message):
    with pytest.raises(ValueError, match=f"times: .*{message}"):
        cloud.region_energy(_region(), times)


def test_inventory_counts_must_be_whole_accelerators():
    with pytest.raises(ValueError, match=r"inventory\['H100'\]: 2.5 is not a whole number"):
        _region(inventory={"H100": 2.5})
