"""Validation of orbital.power: conservation laws, published figures, sizing and bad input."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st

from orbital import power, sun
from orbital.orbits import propagate, sun_synchronous, walker_delta


def _minutes(start: str, count: int, step_s: int = 60) -> np.ndarray:
    return np.datetime64(start, "ns") + np.arange(count) * np.timedelta64(step_s, "s")


# Propagated once per session: a 53° shell plane near β ≈ 0 (long eclipses) and a dawn–dusk SSO.
_SHELL = walker_delta(550.0, 53.0, planes=4, sats_per_plane=1, phasing=0,
                      epoch=np.datetime64("2026-03-20T00:00"))
_SHELL_STATES = propagate(_SHELL, _minutes("2026-03-20", 300))


@pytest.fixture(scope="module")
def dawn_dusk_march():
    orbit = sun_synchronous(650.0, ltan_hours=18.0, epoch=np.datetime64("2026-03-01T00:00"))
    return propagate(orbit, _minutes("2026-03-01", 1440))


def _balance(area_m2=60.0, capacity_wh=30_000.0, dod=0.4, load_w=12_000.0, housekeeping_w=1_000.0,
             **kwargs):
    array = power.SolarArray.from_technology("triple-junction", area_m2)
    battery = power.Battery.from_chemistry("li-ion", capacity_wh, max_depth_of_discharge=dod)
    return power.energy_balance(_SHELL_STATES, array, battery, load_w, housekeeping_w, **kwargs)


# ------------------------------------------------------------------ conservation


def test_energy_balance_conserves_energy_on_the_bus_to_1e_9():
    # First law on the bus, every step: what the array offers is either left on it (curtailed),
    # lost in conversion, served to loads or stored, net of what the battery returns.
    balance = _balance(area_m2=80.0, capacity_wh=8_000.0)
    generated = balance.generated_power_w.values
    accounted = (balance.curtailed_power_w + balance.conversion_loss_w + balance.load_served_w
                 + balance.battery_charge_w - balance.battery_discharge_w).values
    np.testing.assert_allclose(accounted, generated, rtol=1e-9, atol=1e-9 * generated.max())
    # the run exercises every branch: curtailment, charging, discharging and compute shedding
    assert (balance.curtailed_power_w > 0).any() and (balance.battery_charge_w > 0).any()
    assert (balance.battery_discharge_w > 0).any() and (balance.compute_duty_cycle < 1).any()


def test_generated_equals_served_plus_charge_over_efficiency_plus_curtailed_in_sunlight():
    # The form, with a lossless regulator: in sunlight the battery only charges, and the
    # stored energy rises by η_c per unit drawn, so generated = served + stored/η_c + curtailed.
    balance = _balance(area_m2=80.0, capacity_wh=8_000.0, power_conditioning_efficiency=1.0)
    stored_rate = balance.battery_energy_wh.diff("time") / (60.0 / 3600.0)  # Wh per hour = W
    sunlit = (balance.battery_discharge_w == 0).isel(time=slice(None, -1)).values
    generated = balance.generated_power_w.isel(time=slice(None, -1)).values
    accounted = (balance.load_served_w + balance.curtailed_power_w).isel(
        time=slice(None, -1)).values + stored_rate.values / 0.95
    np.testing.assert_allclose(accounted[sunlit], generated[sunlit], rtol=1e-9,
                               atol=1e-9 * generated.max())


def test_stored_energy_follows_charge_and_discharge_through_efficiencies():
    # E_end − E_0 = Σ (η_c P_chg − P_dis/η_d) Δt; and E stays within [(1 − DoD) C, C].
    balance = _balance(area_m2=80.0, capacity_wh=8_000.0)
    step_h = 60.0 / 3600.0
    change = ((0.95 * balance.battery_charge_w - balance.battery_discharge_w / 0.95) * step_h).sum(
        "time")
    expected = balance.battery_energy_end_wh - balance.battery_energy_wh.isel(time=0)
    np.testing.assert_allclose(change.values, expected.values, rtol=1e-9, atol=1e-9 * 8_000.0)
    energy = balance.battery_energy_wh.values
    assert energy.min() >= 8_000.0 * 0.6 - 1e-6 and energy.max() <= 8_000.0 + 1e-6


def test_waste_heat_is_drawn_power_minus_energy_stored():
    # All electrical power ends as heat: waste = (generated − curtailed) − dE/dt, where
    # dE/dt = η_c P_chg − P_dis/η_d (first law for the spacecraft's electrical system).
    balance = _balance(area_m2=80.0, capacity_wh=8_000.0)
    stored_rate = 0.95 * balance.battery_charge_w - balance.battery_discharge_w / 0.95
    expected = balance.generated_power_w - balance.curtailed_power_w - stored_rate
    np.testing.assert_allclose(balance.waste_heat_w.values, expected.values, rtol=1e-9, atol=1e-6)


# ------------------------------------------------------------------ physics of the array


def test_sun_tracking_output_is_flux_times_area_packing_and_temperature_corrected_efficiency():
    # P = S (1 AU/d)² · A · p · η₀ (1 + γ (T − T₀)) in full sunlight.
    array = power.SolarArray(area_m2=10.0, efficiency_bol=0.30, packing_factor=0.9,
                             temperature_coefficient_per_k=-0.002, reference_temperature_k=301.15,
                             operating_temperature_k=341.15)
    balance = power.energy_balance(_SHELL_STATES, array, power.Battery(1000.0), 0.0)
    lit = balance.visible_solar_fraction.values == 1.0
    flux = sun.solar_flux_w_m2(_SHELL_STATES).values
    expected = flux * 10.0 * 0.9 * 0.30 * (1 - 0.002 * 40.0)
    np.testing.assert_allclose(balance.generated_power_w.values[lit], expected[lit], rtol=1e-12)
    assert np.all(balance.generated_power_w.values[balance.visible_solar_fraction.values == 0] == 0)


def test_body_fixed_array_on_orbit_normal_sees_sin_beta_and_single_axis_cos_beta(dawn_dusk_march):
    # Normal along r × v: cos θ = ĥ·ŝ = sin β; a tracker rotating about ĥ: cos θ = cos β
    # (parallax of the satellite's offset from the Earth's centre < 5e-5).
    beta = np.radians(sun.beta_angle_deg(dawn_dusk_march).values)
    fixed = power.SolarArray(1.0, pointing="body-fixed", pointing_vector_lvlh=(0, 0, 2.0))
    axis = power.SolarArray(1.0, pointing="single-axis", pointing_vector_lvlh=(0, 0, 1.0))
    np.testing.assert_allclose(power.incidence_cosine(dawn_dusk_march, fixed).values,
                               np.clip(np.sin(beta), 0, 1), atol=1e-4)
    np.testing.assert_allclose(power.incidence_cosine(dawn_dusk_march, axis).values,
                               np.cos(beta), atol=1e-4)


def test_dawn_dusk_sso_capacity_factor_exceeds_95_percent_out_of_eclipse_season(dawn_dusk_march):
    # Starcloud white paper (REFERENCES.md): > 95 % capacity factor in a dawn–dusk SSO. In March
    # the 650 km dawn–dusk plane has β ≈ 70° > β* = 65.2°: no eclipse, so only the 1/r² flux
    # (+1 % in March) moves the figure.
    array = power.SolarArray.from_technology("triple-junction", 50.0)
    balance = power.energy_balance(dawn_dusk_march, array, power.Battery(10_000.0), 5_000.0)
    figures = power.power_figures(balance, array)
    assert float(figures.capacity_factor[0]) > 0.95
    assert float(figures.sunlit_fraction[0]) == 1.0


def test_eclipsing_shell_capacity_factor_matches_cylindrical_sunlit_fraction():
    # A sun-tracking array in a 53° shell produces only in sunlight: CF ≈ (1 − f(β)) · (1 AU/d)²
    # with f the cylindrical eclipse fraction of REFERENCES.md (penumbra averages out), within
    # 0.01 over 3 whole orbits (3 × 95.65 min ≈ 287 one-minute steps).
    array = power.SolarArray.from_technology("triple-junction", 10.0)
    balance = power.energy_balance(_SHELL_STATES, array, power.Battery(1000.0), 0.0)
    figures = power.power_figures(balance.isel(time=slice(0, 287)), array)
    beta = sun.beta_angle_deg(_SHELL_STATES).mean("time").values
    flux_ratio = float(sun.solar_flux_w_m2(_SHELL_STATES.time).mean()) / 1360.8
    expected = (1 - sun.eclipse_fraction(550.0, beta)) * flux_ratio
    np.testing.assert_allclose(figures.capacity_factor.values, expected, atol=0.01)


def test_fluence_degradation_reproduces_published_xtj_retention():
    # Fetzer et al. 2008 (XTJ): NPmp 0.89 after 5e14 and 0.84 after 1e15 1-MeV e/cm².
    array = power.SolarArray.from_technology("triple-junction", 1.0)
    retained = array.efficiency(fluence_e_cm2=np.array([0.0, 5e14, 1e15])) / array.efficiency()
    np.testing.assert_allclose(retained, [1.0, 0.89, 0.84], atol=1e-9)


def test_yearly_degradation_compounds():
    # (1 − d)^years: 0.5 %/yr over 10 years leaves 0.995¹⁰ = 0.9511.
    array = power.SolarArray(1.0, degradation_per_year=0.005)
    assert array.efficiency(years_in_orbit=10.0) / array.efficiency() == pytest.approx(0.995**10)


# ------------------------------------------------------------------ load shedding


def test_small_battery_sheds_compute_in_eclipse_but_keeps_housekeeping():
    # With 500 Wh usable the battery empties early in a 35-min eclipse: compute is throttled to
    # zero, housekeeping (1 kW) stays served until the floor.
    balance = _balance(area_m2=200.0, capacity_wh=1_250.0, dod=0.4, load_w=10_000.0,
                       housekeeping_w=1_000.0)
    dark = balance.visible_solar_fraction.values == 0
    assert (balance.compute_duty_cycle.values[dark] == 0).any()
    assert (balance.compute_duty_cycle.values[~dark & (balance.visible_solar_fraction.values == 1)]
            == 1).all()
    kept = balance.load_served_w.values[dark] >= 1_000.0 - 1e-9
    short = balance.housekeeping_shortfall_w.values[dark] > 0
    assert np.all(kept | short)
    assert np.all(balance.compute_served_w.values[dark][short] == 0)


def test_cycle_bookkeeping_counts_one_discharge_per_eclipse():
    # Each eclipse of a LEO orbit is one discharge period: ~5 eclipses in 300 minutes at 550 km.
    balance = _balance(area_m2=80.0, capacity_wh=100_000.0, load_w=5_000.0)
    events = sun.eclipse_events(_SHELL_STATES, boundary="penumbra")
    expected = events.groupby("satellite").size().reindex(range(4), fill_value=0).to_numpy()
    np.testing.assert_array_equal(balance.discharge_cycles.values, expected)
    assert np.all(balance.max_depth_of_discharge_reached.values < 0.4)


@settings(max_examples=30, deadline=None)
@given(area=st.floats(1.0, 150.0), extra=st.floats(0.0, 100.0), load=st.floats(0.0, 30_000.0),
       capacity=st.floats(0.0, 50_000.0), dod=st.floats(0.05, 1.0))
def test_more_array_area_never_reduces_served_load(area, extra, load, capacity, dod):
    # Monotonicity of the recurrence: more generation → a fuller battery at every step → at
    # least as much load served at every step.
    small = _balance(area, capacity, dod, load)
    large = _balance(area + extra, capacity, dod, load)
    assert np.all(large.load_served_w.values >= small.load_served_w.values - 1e-9 * (1 + load))


@settings(max_examples=30, deadline=None)
@given(area=st.floats(1.0, 150.0), load=st.floats(0.0, 30_000.0),
       capacity=st.floats(0.0, 50_000.0), dod=st.floats(0.05, 1.0), deeper=st.floats(0.0, 1.0))
def test_deeper_allowed_depth_of_discharge_never_reduces_served_load(area, load, capacity, dod,
                                                                     deeper):
    # Energy above the floor (E − floor) is never lower with a deeper DoD, step by step.
    shallow = _balance(area, capacity, dod, load)
    deep = _balance(area, capacity, dod + deeper * (1.0 - dod), load)
    assert np.all(deep.load_served_w.values >= shallow.load_served_w.values - 1e-9 * (1 + load))


# ------------------------------------------------------------------ sizing


def test_sized_system_carries_the_load_through_the_worst_eclipse_at_end_of_life():
    # Size for a 650 km dawn–dusk SSO (worst eclipse at the June solstice, ≈ 20 min), then
    # simulate that day at end of life: the compute load must run without throttling; a 25 %
    # smaller battery must throttle.
    orbit = sun_synchronous(650.0, ltan_hours=18.0, epoch=np.datetime64("2026-06-21T00:00"))
    sizing = power.size_power_system(orbit, 10_000.0, 500.0, mission_years=5.0)
    assert 15.0 < float(sizing.worst_eclipse_min) < 22.0
    states = propagate(orbit, _minutes("2026-06-21", 600, 30))
    array = power.SolarArray.from_technology("triple-junction", float(sizing.array_area_m2))

    def duty(capacity_wh):
        battery = power.Battery.from_chemistry("li-ion", capacity_wh, initial_state_of_charge=0.7)
        balance = power.energy_balance(states, array, battery, 10_000.0, 500.0, years_in_orbit=5.0)
        return balance.compute_duty_cycle.values

    assert np.all(duty(float(sizing.battery_capacity_wh)) == 1.0)
    assert np.any(duty(0.75 * float(sizing.battery_capacity_wh)) < 1.0)


def test_sizing_of_eclipse_free_orbit_needs_no_battery():
    # ASCEND-like 1 400 km dawn–dusk orbit: β ≥ 55.13° > β* = 55.09° all year, so the cylinder
    # of equatorial radius (the sizing model) sees no eclipse and no storage is sized. (The
    # solid WGS84 Earth never hides any of the Sun either; only the atmosphere grazes it in
    # June: see test_sun.test_dawn_dusk_sso_at_1400_km_clears_the_wgs84_earth_all_year...)
    orbit = sun_synchronous(1400.0, ltan_hours=18.0, epoch=np.datetime64("2026-01-01T00:00"))
    sizing = power.size_power_system(orbit, 10_000.0)
    assert float(sizing.worst_eclipse_min) == 0.0
    assert float(sizing.battery_capacity_wh) == 0.0


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize("build, field", [
    (lambda: power.SolarArray(area_m2=-2.0), "area_m2"),
    (lambda: power.SolarArray(area_m2=1.0, efficiency_bol=1.2), "efficiency_bol"),
    (lambda: power.SolarArray(area_m2=1.0, efficiency_bol=0.0), "efficiency_bol"),
    (lambda: power.SolarArray(area_m2=1.0, packing_factor=0.0), "packing_factor"),
    (lambda: power.SolarArray(area_m2=1.0, pointing="spinning"), "pointing"),
    (lambda: power.SolarArray(1.0, pointing="body-fixed", pointing_vector_lvlh=(0, 0, 0)),
     "pointing_vector_lvlh"),
    (lambda: power.Battery(capacity_wh=-5.0), "capacity_wh"),
    (lambda: power.Battery(capacity_wh=5.0, max_depth_of_discharge=0.0), "max_depth_of_discharge"),
    (lambda: power.Battery(capacity_wh=5.0, max_depth_of_discharge=1.01), "max_depth_of_discharge"),
    (lambda: power.Battery(capacity_wh=5.0, charge_efficiency=1.5), "charge_efficiency"),
    (lambda: power.Battery(capacity_wh=5.0, initial_state_of_charge=0.2), "initial_state_of_charge"),
])
def test_bad_construction_raises_value_error_naming_field_and_range(build, field):
    with pytest.raises(ValueError, match=rf"{field}.*(range|zero length|choose)"):
        build()


def test_bad_energy_balance_arguments_raise_value_errors():
    array, battery = power.SolarArray(1.0), power.Battery(100.0)
    with pytest.raises(ValueError, match="load_w"):
        power.energy_balance(_SHELL_STATES, array, battery, -1.0)
    with pytest.raises(ValueError, match="load_w.*shape"):
        power.energy_balance(_SHELL_STATES, array, battery, np.ones(7))
    with pytest.raises(ValueError, match="power_conditioning_efficiency"):
        power.energy_balance(_SHELL_STATES, array, battery, 1.0, power_conditioning_efficiency=0)
    with pytest.raises(ValueError, match="fluence_degradation"):
        power.energy_balance(_SHELL_STATES, array, battery, 1.0, fluence_e_cm2=1e14)
    with pytest.raises(ValueError, match="triple-junction"):
        power.SolarArray.from_technology("perovskite", 1.0)
    with pytest.raises(ValueError, match="did you mean 'li-ion'"):
        power.Battery.from_chemistry("li-ions", 1.0)


def test_bad_inputs_to_the_balance_and_figures_name_the_field_instead_of_failing_deep():
    # Wrong objects or ranges at the public boundary give a ValueError naming the field, never an
    # AttributeError/KeyError from inside, a NaN state of charge or a numpy broadcast message.
    array, battery = power.SolarArray(1.0), power.Battery(100.0)
    body_fixed = power.SolarArray(1.0, pointing="body-fixed")
    cases = [
        (lambda: power.energy_balance(_SHELL_STATES.position_gcrs_km.values, array, battery, 1.0),
         "states"),
        (lambda: power.energy_balance(_SHELL_STATES.drop_vars("velocity_gcrs_km_s"), body_fixed,
                                      battery, 1.0), "states.*velocity_gcrs_km_s"),
        (lambda: power.energy_balance(_SHELL_STATES, 60.0, battery, 1.0), "array"),
        (lambda: power.energy_balance(_SHELL_STATES, array, 5_000.0, 1.0), "battery"),
        (lambda: power.energy_balance(_SHELL_STATES, array, battery, 1.0,
                                      shadow=2.0 * sun.shadow_fraction(_SHELL_STATES)), "shadow"),
        (lambda: power.energy_balance(_SHELL_STATES, power.SolarArray.from_technology(
            "triple-junction", 1.0), battery, 1.0, fluence_e_cm2=np.ones(3)), "fluence_e_cm2"),
        (lambda: power.energy_balance(_SHELL_STATES, array, battery, 1.0, earth_shape="pear"),
         "earth_shape"),
        (lambda: power.power_figures(_SHELL_STATES, array), "balance"),
        (lambda: power.power_figures(_balance(), None), "array"),
        (lambda: power.Battery(capacity_wh=np.inf), "capacity_wh.*range"),
        (lambda: power.SolarArray(area_m2=np.inf), "area_m2.*range"),
    ]
    for call, field in cases:
        with pytest.raises(ValueError, match=field):
            call()


def test_balance_on_a_formation_cluster_and_a_tle_constellation_follows_flux_times_visibility():
    # The balance takes whatever orbital.orbits.propagate returns. For a sun-tracking array the
    # capacity factor is the time mean of S(t)·ν(t)/S₀ (P = S ν A p η, rated at S₀): checked on
    # a Suncatcher-like cluster (7 members within 1 km, dawn–dusk, March: all sunlit, so
    # CF = ⟨(1 AU/d)²⟩ ≈ 1.01) and on the 72-satellite 53° Walker TLE file shipped with orbital
    # (β < 53° < β* = 66.9° at 550 km near the equinox: every plane eclipses, CF < 0.95).
    from importlib.resources import files

    from orbital.orbits import formation_cluster, load_tle

    array, battery = power.SolarArray(20.0), power.Battery(10_000.0)
    cluster = formation_cluster(sun_synchronous(650.0, 18.0, epoch=np.datetime64("2026-03-20")),
                                n_satellites=7, radius_km=1.0)
    tle = load_tle(files("orbital") / "data" / "example_walker.tle")
    for orbit in (cluster, tle):
        states = propagate(orbit, orbit.epoch + np.arange(100) * np.timedelta64(60, "s"))
        figures = power.power_figures(power.energy_balance(states, array, battery, 2_000.0),
                                      array)
        expected = (sun.solar_flux_w_m2(states) * sun.shadow_fraction(states)).mean("time") / 1360.8
        np.testing.assert_allclose(figures.capacity_factor.values, expected.values, rtol=1e-12)
        assert list(figures.satellite_name.values) == orbit.satellite_names
    assert np.all(figures.capacity_factor.values < 0.95)
    cluster_states = propagate(cluster, _minutes("2026-03-20", 60))
    figures = power.power_figures(power.energy_balance(cluster_states, array, battery, 0.0), array)
    flux_ratio = float(sun.solar_flux_w_m2(cluster_states.time).mean()) / 1360.8
    np.testing.assert_allclose(figures.capacity_factor.values, flux_ratio, rtol=1e-4)


def test_power_figures_weight_samples_by_the_time_they_hold():
    # An orbit sampled unevenly (1-min steps for 10 sunlit minutes, then 10-min steps for 50 dark
    # ones) must average to sunlit time / span, not to the fraction of sunlit samples (10/15).
    times = np.concatenate([_minutes("2026-03-20", 10), _minutes("2026-03-20T00:10", 6, 600)])
    states = propagate(_SHELL, times)
    visible = np.zeros((times.size, _SHELL.n_satellites))
    visible[:10] = 1.0
    array = power.SolarArray(10.0)
    balance = power.energy_balance(states, array, power.Battery(1_000.0), 0.0, shadow=visible)
    figures = power.power_figures(balance, array)
    # samples hold [t_k, t_k+1); the last holds one more 10-min step: span 10 + 60 minutes
    np.testing.assert_allclose(figures.sunlit_fraction.values, 10.0 / 70.0, rtol=1e-12)
    flux_ratio = float(sun.solar_flux_w_m2(times[:1])[0]) / 1360.8
    np.testing.assert_allclose(figures.capacity_factor.values, 10.0 / 70.0 * flux_ratio, rtol=1e-3)


def test_array_temperature_from_thermal_model_scales_output_by_the_temperature_coefficient():
    # Coupling hook for the thermal model: a (time, satellite) temperature 30 K above the
    # reference scales sunlit output by 1 + γ·30 relative to running at the reference.
    import xarray as xr

    array = power.SolarArray(10.0, temperature_coefficient_per_k=-0.0025)
    battery = power.Battery(1000.0)
    hot = xr.full_like(_SHELL_STATES.alt_km, array.reference_temperature_k + 30.0)
    at_reference = power.energy_balance(_SHELL_STATES, array, battery, 0.0,
                                        array_temperature_k=array.reference_temperature_k)
    heated = power.energy_balance(_SHELL_STATES, array, battery, 0.0, array_temperature_k=hot)
    lit = at_reference.generated_power_w.values > 0
    np.testing.assert_allclose(heated.generated_power_w.values[lit]
                               / at_reference.generated_power_w.values[lit], 1 - 0.0025 * 30.0,
                               rtol=1e-12)


def test_time_varying_compute_load_is_served_step_by_step():
    # A (time, satellite) load profile: with ample storage every step's demand is met exactly.
    import xarray as xr

    profile = xr.DataArray(np.linspace(0.0, 5_000.0, _SHELL_STATES.sizes["time"]), dims="time")
    balance = _balance(area_m2=80.0, capacity_wh=200_000.0, dod=0.5, load_w=profile,
                       housekeeping_w=0.0)
    np.testing.assert_allclose(balance.compute_served_w.values,
                               np.broadcast_to(profile.values[:, None], (300, 4)), rtol=1e-12)


def test_a_single_sample_holds_the_documented_step_in_balance_and_figures():
    # One time step has no step to repeat: it holds SINGLE_SAMPLE_STEP_S (60 s), so a 1 kW
    # load in darkness drains exactly 1 kW × 60 s from the battery.
    one = _SHELL_STATES.isel(time=[0])
    battery = power.Battery(10_000.0, charge_efficiency=1.0, discharge_efficiency=1.0)
    dark = power.energy_balance(one, power.SolarArray(1.0), battery, 1_000.0,
                                shadow=xr.zeros_like(one.alt_km))
    drained_wh = (dark.battery_energy_wh - dark.battery_energy_end_wh).values
    np.testing.assert_allclose(drained_wh, 1_000.0 * power.SINGLE_SAMPLE_STEP_S / 3600.0)
    assert power.SINGLE_SAMPLE_STEP_S == 60.0
    figures = power.power_figures(dark, power.SolarArray(1.0))
    np.testing.assert_allclose(figures.served_energy_kwh_per_day.values, 24.0)  # 1 kW all day


# --- chunked by satellite (issue #20) --------------------------------------------------------


@pytest.fixture(scope="module")
def shell_2000():
    """A 2 000-satellite shell over 100 minutes: in memory, and chunked by 300 satellites."""
    shell = walker_delta(550.0, 53.0, planes=40, sats_per_plane=50, phasing=1,
                         epoch=np.datetime64("2026-03-20T00:00"))
    times = _minutes("2026-03-20", 100)
    return propagate(shell, times), propagate(shell, times, chunks={"satellite": 300})


def test_energy_balance_of_satellite_chunked_states_is_lazy_and_bit_identical(shell_2000):
    """Satellites are independent, so the balance computed one satellite chunk at a time equals
    the in-memory one bit for bit, with per-satellite loads split along with the states."""
    states, chunked = shell_2000
    array, battery = power.SolarArray(60.0, pointing="single-axis"), power.Battery(20_000.0)
    load = np.linspace(0.0, 12_000.0, 2000)
    whole = power.energy_balance(states, array, battery, load, housekeeping_w=500.0)
    lazy = power.energy_balance(chunked, array, battery, load, housekeeping_w=500.0)
    assert lazy.waste_heat_w.chunks == ((100,), (300,) * 6 + (200,))
    computed = lazy.compute()
    for name in whole.data_vars:
        np.testing.assert_array_equal(computed[name].values, whole[name].values, err_msg=name)
    assert computed.identical(whole)
    figures = power.power_figures(computed.chunk({"satellite": 300}), array)
    assert figures.capacity_factor.chunks is not None
    assert figures.compute().identical(power.power_figures(whole, array))
    # a lazy shadow given by the caller is split along with the states
    given = power.energy_balance(chunked, array, battery, load, shadow=sun.shadow_fraction(chunked))
    np.testing.assert_array_equal(given.generated_power_w.values,
                                  power.energy_balance(states, array, battery, load)
                                  .generated_power_w.values)
    cosine = power.incidence_cosine(chunked, power.SolarArray(10.0, pointing="body-fixed"))
    np.testing.assert_array_equal(
        cosine.values, power.incidence_cosine(states, power.SolarArray(10.0,
                                                                      pointing="body-fixed")).values)


def test_time_chunked_states_are_balanced_over_the_whole_time_axis(shell_2000):
    """The state-of-charge recurrence needs every step: time chunks are merged into one."""
    states, _ = shell_2000
    shell = walker_delta(550.0, 53.0, planes=40, sats_per_plane=50, phasing=1,
                    epoch=np.datetime64("2026-03-20T00:00"))
    chunked = propagate(shell, states.time.values, chunks={"satellite": 500, "time": 30})
    array, battery = power.SolarArray(60.0), power.Battery(5_000.0)
    lazy = power.energy_balance(chunked, array, battery, 9_000.0)
    assert lazy.battery_energy_wh.chunks[0] == (100,)
    np.testing.assert_array_equal(lazy.battery_energy_wh.values,
                                  power.energy_balance(states, array, battery,
                                                       9_000.0).battery_energy_wh.values)


def test_waste_heat_never_rounds_below_zero():
    """In eclipse with an empty battery nothing is served: load served = H − (H + L − L)
    rounds to about −4e-13 W for H = 0.1 W, L = 14 kW. The balance clips waste heat at zero
    (all its terms are ≥ 0), so the thermal model's strict heat ≥ 0 check never trips."""
    array, battery = power.SolarArray(60.0), power.Battery(1_000.0)
    balance = power.energy_balance(_SHELL_STATES, array, battery, 14_000.0, housekeeping_w=0.1)
    raw = (balance.load_served_w + balance.conversion_loss_w + balance.battery_loss_w).values
    assert raw.min() < 0.0 and raw.min() > -1e-9  # the rounding the clip is for does occur
    assert (balance.waste_heat_w.values >= 0.0).all()
    np.testing.assert_array_equal(balance.waste_heat_w.values, np.maximum(raw, 0.0))
    from orbital import thermal

    design = thermal.RadiatorDesign(area_m2=20.0, heat_capacity_j_k=2e6)
    assert thermal.orbit_temperature(_SHELL_STATES, design, balance).temperature_k.min() > 0
