"""Tests for ground.fleet: availability bounds, stated daily averages, the 100 GW headline."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ground import fleet

DAY = np.datetime64("2026-03-20", "ns") + np.arange(24) * np.timedelta64(1, "h")
ALL_ON = {"plugged": "always", "opted_in": "all", "connectivity": "perfect"}


def test_every_public_name_of_the_old_module_is_importable_from_ground_fleet():
    # ground.fleet became a package (vehicles / availability / aggregate / headline); the names
    # the rest of the project imports must not move.
    for name in ("CHARGER_EFFICIENCY", "CONNECTIVITY", "OPT_IN", "PARKED_PROFILES",
                 "PLUGGED_PROFILES", "RESIDENTIAL_PRICE_USD_PER_KWH", "VEHICLE_COMPUTERS",
                 "WAKE_OVERHEAD_W", "diurnal_availability", "fleet_by_population",
                 "fleet_compute", "headline_check", "unplugged_compute_fraction",
                 "vehicle_power"):
        assert name in fleet.__all__ and hasattr(fleet, name), name


def test_headline_is_100_million_times_1_kw_equals_100_gw():
    # Tesla Q3 2025 earnings call: 100 M vehicles × ~1 kW = 100 GW.
    ds = fleet.headline_check()
    assert float(ds.headline_power_gw) == pytest.approx(100.0, rel=1e-12)


def test_seed_arithmetic_with_95_percent_parked_gives_95_gw_every_hour():
    # With every parked car plugged, opted in and connected, deliverable = 100 GW × 0.95.
    ds = fleet.headline_check(parked="flat-95", **ALL_ON)
    np.testing.assert_allclose(ds.deliverable_power_gw, 95.0, rtol=1e-12)


def test_realistic_fractions_deliver_far_less_than_the_headline():
    ds = fleet.headline_check()
    assert float(ds.mean_deliverable_power_gw) < 0.5 * float(ds.headline_power_gw)
    # Overnight home charging makes the night the best time to compute.
    hourly = ds.deliverable_power_gw
    assert int(np.argmax(hourly.values)) in range(6)
    assert int(np.argmin(hourly.values)) in range(9, 17)


@pytest.mark.parametrize("name", sorted(fleet.PARKED_PROFILES))
def test_summing_the_parked_curve_over_a_day_reproduces_the_stated_average(name):
    # Cars are parked ~95 % of the time (Shoup 2005; Tesla Q3 2025 call). Computed over a UTC
    # day at a site 2.5 h east of Greenwich, with every other fraction at 1.
    stated = fleet.PARKED_PROFILES[name]["daily_average"]
    ds = fleet.fleet_compute(DAY, [1000.0], [37.5], parked=name, **ALL_ON)
    assert float(ds.available_vehicles.mean()) / 1000.0 == pytest.approx(stated, abs=1e-9)
    assert float(fleet.diurnal_availability(parked=name).parked_fraction.mean()) == pytest.approx(
        stated, abs=1e-9)


@pytest.mark.parametrize("name", sorted(fleet.PLUGGED_PROFILES))
def test_plugged_curves_reproduce_their_stated_daily_average(name):
    params = fleet.PLUGGED_PROFILES[name]
    assert len(params["hourly"]) == 24 and params["source"]
    assert float(np.mean(params["hourly"])) == pytest.approx(params["daily_average"], abs=1e-3)


@settings(max_examples=30, deadline=None)
@given(
    parked=st.sampled_from(sorted(fleet.PARKED_PROFILES)),
    plugged=st.sampled_from(sorted(fleet.PLUGGED_PROFILES)),
    opted_in=st.floats(0, 1),
    wifi=st.floats(0, 1),
    cellular=st.floats(0, 1),
    soc_floor=st.floats(0, 1),
    computer=st.sampled_from(sorted(fleet.VEHICLE_COMPUTERS)),
    lon=st.floats(-180, 180),
    size=st.floats(0, 1e8),
)
def test_available_power_never_exceeds_fleet_size_times_vehicle_power(
        parked, plugged, opted_in, wifi, cellular, soc_floor, computer, lon, size):
    ds = fleet.fleet_compute(DAY, [size], [lon], computer=computer, parked=parked,
                             plugged=plugged, opted_in=opted_in, connectivity=(wifi, cellular),
                             soc_floor=soc_floor)
    ceiling = size * fleet.VEHICLE_COMPUTERS[computer]["power_w"]
    assert (ds.compute_power_w <= ceiling * (1 + 1e-12)).all()
    assert (ds.available_vehicles >= 0).all()
    assert (ds.wall_power_w >= ds.compute_power_w).all()
    np.testing.assert_allclose(ds.wifi_vehicles + ds.cellular_vehicles, ds.available_vehicles,
                               rtol=1e-12, atol=1e-9)
    assert (ds.cellular_vehicles >= -1e-9).all() and (ds.wifi_vehicles >= -1e-9).all()


def test_wall_energy_per_compute_kwh_includes_wake_overhead_and_charger_loss():
    # HW3: 72 W board (Tesla Autonomy Day 2019). (72 + 250) / (0.85 × 72) = 5.261 kWh per kWh.
    p = fleet.vehicle_power("HW3-class")
    assert p["wall_energy_per_compute_kwh"] == pytest.approx((72 + 250) / (0.85 * 72))
    # A 1 kW computer amortises the same overhead better: (1000 + 250) / 850 = 1.47.
    assert fleet.vehicle_power("AI5-class")["wall_energy_per_compute_kwh"] == pytest.approx(
        1250 / 850)


def test_unplugged_cars_stop_at_the_soc_floor():
    # 75 kWh × (0.6 − 0.5) = 7.5 kWh per day; at 1.25 kW over 15 h (18.75 kWh) → 40 %.
    assert fleet.unplugged_compute_fraction(1250.0, 15.0) == pytest.approx(0.4)
    assert fleet.unplugged_compute_fraction(1250.0, 15.0, soc_floor=0.6) == 0.0
    no_battery = fleet.diurnal_availability(**{**ALL_ON, "plugged": "home-charging-typical"},
                                            draw_w=1250.0, soc_floor=0.9)
    plugged_only = no_battery.plugged_fraction
    np.testing.assert_allclose(no_battery.available_fraction, plugged_only, rtol=1e-12)


def test_local_hour_follows_longitude():
    # Twelve hours apart: the site at 180° E sees at 00:00 UTC what the one at 0° sees at noon.
    ds = fleet.fleet_compute(DAY, [1.0, 1.0], [0.0, 180.0], site_names=["greenwich", "dateline"])
    a = ds.available_vehicles
    assert float(a.sel(site="dateline")[0]) == pytest.approx(float(a.sel(site="greenwich")[12]))
    civil = fleet.fleet_compute(DAY, [1.0], [0.0], utc_offset_hours=[12.0])
    assert float(civil.available_vehicles[0, 0]) == pytest.approx(float(a.sel(site="greenwich")[12]))


def test_outputs_carry_units_and_revenue_balances():
    ds = fleet.fleet_compute(DAY, [1e6, 2e6], [2.35, -74.0], compute_price_usd_per_kwh=0.5,
                             residential_price_usd_per_kwh=[0.25, 0.16],
                             grid_carbon_g_per_kwh=[56.0, 369.0])
    for name in ds.data_vars:
        assert {"units", "long_name"} <= set(ds[name].attrs), name
    np.testing.assert_allclose(ds.owner_net_usd,
                               ds.owner_revenue_usd - ds.electricity_cost_usd, rtol=1e-12)
    np.testing.assert_allclose(ds.owner_revenue_usd, 0.5 * ds.compute_energy_kwh, rtol=1e-12)
    assert float(ds.wall_energy_kwh.sum() / ds.compute_energy_kwh.sum()) == pytest.approx(
        float(ds.wall_energy_per_compute_kwh))


def test_accelerator_equivalents_scale_by_published_tops():
    # HW3 144 INT8 TOPS (Autonomy Day 2019: 2 x 72) vs a 1 979 TOPS reference (H100 SXM
    # dense INT8).
    ds = fleet.fleet_compute(DAY, [1000.0], [0.0], computer="HW3-class",
                             reference_accelerator_tops=1979.0)
    np.testing.assert_allclose(ds.accelerator_equivalents, ds.available_vehicles * 144 / 1979)
    with pytest.raises(ValueError, match="no published TOPS"):
        fleet.fleet_compute(DAY, [1.0], [0.0], computer="HW4-class",
                            reference_accelerator_tops=1979.0)


def test_fleet_by_population_conserves_the_total():
    ds = fleet.fleet_by_population(100e6, [2.1e6, 8.8e6, 13.9e6], ["Paris", "NYC", "Tokyo"])
    assert float(ds.vehicles.sum()) == pytest.approx(100e6)
    assert float(ds.vehicles.sel(site="Tokyo") / ds.vehicles.sel(site="Paris")) == pytest.approx(
        13.9 / 2.1)


def test_every_named_set_has_a_source():
    for table in (fleet.VEHICLE_COMPUTERS, fleet.PARKED_PROFILES, fleet.PLUGGED_PROFILES,
                  fleet.OPT_IN, fleet.CONNECTIVITY):
        for name, params in table.items():
            assert params["source"].strip(), name


def test_bad_fleet_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match=r"total_vehicles: -5 vehicles is outside"):
        fleet.fleet_by_population(-5, [1.0])
    with pytest.raises(ValueError, match=r"vehicles: -1 vehicles is outside"):
        fleet.fleet_compute(DAY, [-1.0], [0.0])
    with pytest.raises(ValueError, match=r"opted_in: 1.2 is outside the allowed range \[0, 1\]"):
        fleet.diurnal_availability(opted_in=1.2)
    with pytest.raises(ValueError, match=r"parked: -0.1 is outside"):
        fleet.diurnal_availability(parked=np.full(24, -0.1))
    with pytest.raises(ValueError, match="parked: 12 values"):
        fleet.diurnal_availability(parked=np.full(12, 0.9))
    with pytest.raises(ValueError, match=r"computer.*'HW4'.*'HW4-class'"):
        fleet.vehicle_power("HW4")
    with pytest.raises(ValueError, match=r"plugged.*'home-charging'.*did you mean"):
        fleet.diurnal_availability(plugged="home-charging")
    with pytest.raises(ValueError, match="charger_efficiency"):
        fleet.vehicle_power(charger_efficiency=0.0)


def test_fleet_and_cloud_share_the_step_convention():
    # Same helper as ground.cloud: uneven steps of 1 h and 2 h; the last repeats the 2 h step.
    times = np.array(["2026-03-20T00", "2026-03-20T01", "2026-03-20T03"], "datetime64[ns]")
    ds = fleet.fleet_compute(times, [1.0], [0.0], computer="AI5-class", **ALL_ON,
                             parked="flat-95")
    np.testing.assert_allclose(ds.compute_energy_kwh[:, 0], 0.95 * np.array([1.0, 2.0, 2.0]))
    with pytest.raises(ValueError, match="times: must be strictly increasing"):
        fleet.fleet_compute(times[::-1], [1.0], [0.0])


def test_default_grid_carbon_is_the_catalog_us_value():
    # fleet_compute's default stands for a US fleet: it is read from ground/data/grid_carbon.csv
    # (Ember 2023, US: 392.9 gCO2e/kWh lifecycle), not a second copy of the number.
    from ground import sites

    ds = fleet.fleet_compute(DAY, [1000.0], [-90.0])
    us = float(sites.grid_carbon("US")["carbon_intensity_g_per_kwh"])
    ratio = float(ds.carbon_kg.sum() / ds.wall_energy_kwh.sum()) * 1e3
    assert ratio == pytest.approx(us, rel=1e-12) and us == pytest.approx(392.9, abs=0.5)


def test_parameter_objects_and_flat_keywords_give_the_same_fleet():
    car = fleet.Vehicle("HW3-class", soc_floor=0.4)
    habits = fleet.Availability(plugged="home-charging-high", opted_in=0.3)
    by_object = fleet.fleet_compute(DAY, [1e4], [10.0], vehicle=car, availability=habits)
    by_keyword = fleet.fleet_compute(DAY, [1e4], [10.0], computer="HW3-class", soc_floor=0.4,
                                     plugged="home-charging-high", opted_in=0.3)
    np.testing.assert_array_equal(by_object.compute_power_w, by_keyword.compute_power_w)
    with pytest.raises(ValueError, match=r"give \['soc_floor'\] inside vehicle="):
        fleet.fleet_compute(DAY, [1.0], [0.0], vehicle=car, soc_floor=0.3)
    with pytest.raises(ValueError, match=r"unknown keyword argument 'opt_in'.*'opted_in'"):
        fleet.fleet_compute(DAY, [1.0], [0.0], opt_in=0.3)
    with pytest.raises(ValueError, match=r"soc_floor: 1.5 is outside the allowed range"):
        fleet.Vehicle(soc_floor=1.5)
    with pytest.raises(ValueError, match=r"plugged.*'home-charging'.*did you mean"):
        fleet.Availability(plugged="home-charging")


def test_orin_throughput_is_dense_half_of_nvidias_sparse_figure():
    # NVIDIA Jetson AGX Orin 64GB: 275 INT8 TOPS with 2:4 structured sparsity; dense is half.
    assert fleet.VEHICLE_COMPUTERS["Orin-class"]["int8_tops"] == pytest.approx(275 / 2)
    # HW4 has no defensible figure (secondary estimates disagree threefold): NaN, said so.
    assert np.isnan(fleet.VEHICLE_COMPUTERS["HW4-class"]["int8_tops"])
    assert "NaN" in fleet.VEHICLE_COMPUTERS["HW4-class"]["source"]


def test_parked_level_cites_shoup_not_the_earnings_call():
    # The Q3 2025 call gives 100 M x 1 kW; the 95 % parked figure is Shoup (2005).
    source = fleet.PARKED_PROFILES["us-weekday-nhts2017"]["source"]
    assert "Shoup 2005" in source and "earnings call" not in source


def test_headline_range_cases_are_the_named_assumption_sets():
    # Each case of the range is headline_check run on the named set, every assumption at that
    # level; the typical case is the point value (~10.3 GW of the 100 GW headline).
    ds = fleet.headline_range()
    for case in ("low", "typical", "high"):
        direct = fleet.headline_check(100e6, 1000.0, **fleet.ASSUMPTION_SETS[case])
        assert float(ds.mean_deliverable_power_gw.sel(case=case)) == pytest.approx(
            float(direct.mean_deliverable_power_gw), rel=1e-12)
    low, typical, high = ds.mean_deliverable_power_gw.values
    assert low < typical < high < float(ds.headline_power_gw)
    assert typical == pytest.approx(float(fleet.headline_check().mean_deliverable_power_gw))


def test_sensitivity_lies_inside_the_range_and_reproduces_its_ends():
    ds = fleet.headline_range()
    low, typical, high = ds.mean_deliverable_power_gw.values
    # Deliverable power rises with every assumption from low to high, so no single swing can
    # leave the box whose corners are the low and high sets ...
    assert (ds.sensitivity_low_gw >= low - 1e-9).all()
    assert (ds.sensitivity_high_gw <= high + 1e-9).all()
    assert (ds.sensitivity_low_gw <= typical + 1e-9).all()
    assert (ds.sensitivity_high_gw >= typical - 1e-9).all()
    # ... and swinging every assumption one after the other, each from the previous state,
    # walks from typical to exactly the low and high ends.
    for case, end in (("low", low), ("high", high)):
        state = dict(fleet.ASSUMPTION_SETS["typical"])
        for name in ds.assumption.values:
            state[str(name)] = fleet.HEADLINE_ASSUMPTIONS[str(name)][case]
        assert float(fleet.headline_check(**state).mean_deliverable_power_gw) == pytest.approx(
            end, rel=1e-12)


def test_opt_in_moves_the_answer_most_and_scales_it_linearly():
    # a(h) = o p(h) [q w + (1 - q) m b]: deliverable power is proportional to the opt-in
    # fraction o, so its one-at-a-time ends are typical x 0.05/0.2 and x 0.5/0.2.
    ds = fleet.headline_range()
    assert ds.attrs["most_influential"] == "opted_in" == str(ds.assumption[0].values)
    typical = float(ds.mean_deliverable_power_gw.sel(case="typical"))
    row = ds.sel(assumption="opted_in")
    assert float(row.sensitivity_low_gw) == pytest.approx(typical * 0.05 / 0.2, rel=1e-12)
    assert float(row.sensitivity_high_gw) == pytest.approx(typical * 0.5 / 0.2, rel=1e-12)
    assert (np.diff(np.abs(ds.sensitivity_swing_gw.values)) <= 1e-12).all()
    with pytest.raises(ValueError, match=r"assumptions: unknown assumption 'opted'"):
        fleet.headline_range(assumptions={"opted": {"low": 0.1, "typical": 0.2, "high": 0.3}})


def test_connectivity_pair_must_have_two_fractions():
    with pytest.raises(ValueError, match="connectivity: 3 values given"):
        fleet.diurnal_availability(connectivity=(0.9, 0.8, 0.7))


def test_mismatched_labels_and_unknown_arguments_raise_clear_errors():
    with pytest.raises(ValueError, match="names: 1 names for 2 sites"):
        fleet.fleet_by_population(10, [1.0, 2.0], ["A"])
    with pytest.raises(ValueError, match="site_names: 3 names for 1 sites"):
        fleet.fleet_compute(DAY, [1.0], [0.0], site_names=["A", "B", "C"])
    with pytest.raises(ValueError, match=r"headline_check: unknown argument\(s\) \['parking'\]"):
        fleet.headline_check(parking="flat-95")
