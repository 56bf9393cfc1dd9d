"""Venues built from the physics: capacity follows the energy balance, latency follows light."""

import numpy as np
import pandas as pd
import pytest

from orbital import orbits
from studies import venues, workload
from orbital.constants import SPEED_OF_LIGHT_KM_S


def axes(hours=3.0, step_s=120.0, cities=(("Paris", "FR", 48.8566, 2.3522),
                                          ("Nairobi", "KE", -1.2864, 36.8172))):
    times = np.datetime64("2026-06-21") + np.arange(int(hours * 3600 / step_s)) * np.timedelta64(
        int(step_s), "s")
    table = pd.DataFrame(cities, columns=["name", "country", "lat", "lon"])
    return venues.StudyAxes(times=times, cities=table,
                            classes={"chat": workload.request_class("chat")})


def orbital_capacity(orbit, battery_kwh, array_m2=40.0):
    design = venues.SatelliteDesign(accelerator="H100 SXM", accelerators_per_satellite=4,
                                    array_area_m2=array_m2, battery_kwh=battery_kwh,
                                    radiator_area_m2=40.0, shielding_mm=10.0)
    venue = venues.OrbitalVenue("test", orbit, design, sampled_satellites=2,
                                radiation_grid="coarse")
    return venue.evaluate(axes())


def test_orbital_capacity_dips_in_eclipse_with_an_undersized_battery():
    # a 53° shell at the June solstice sees ~35 min of eclipse per orbit: a 0.2 kWh battery
    # cannot carry 4 × 700 W through it, so the usable accelerators fall while in shadow
    shell = orbits.walker_delta(550.0, 53.0, 1, 1, 0, epoch=np.datetime64("2026-06-21"))
    ds = orbital_capacity(shell, battery_kwh=0.2)
    usable = ds.accelerators_available.isel(venue=0).values
    duty = ds.compute_duty_cycle.isel(venue=0).values
    assert duty.min() < 0.5 and duty.max() == pytest.approx(1.0)
    assert usable.min() < 0.5 * usable.max()


def test_orbital_capacity_stays_flat_in_a_dawn_dusk_orbit_with_an_adequate_battery():
    # a 650 km dawn–dusk SSO is in continuous sunlight at the June solstice (beta > critical)
    sso = orbits.sun_synchronous(650.0, 18.0, n_satellites=2, epoch=np.datetime64("2026-06-21"))
    ds = orbital_capacity(sso, battery_kwh=20.0)
    duty = ds.compute_duty_cycle.isel(venue=0).values
    np.testing.assert_allclose(duty, 1.0, atol=1e-9)
    usable = ds.accelerators_available.isel(venue=0).values
    assert np.ptp(usable) == pytest.approx(0.0, abs=1e-9)


def test_cloud_latency_is_never_below_the_vacuum_light_time_of_the_great_circle():
    ax = axes(hours=0.5, step_s=600.0)
    ds = venues.CloudVenue("ovh", "H100 SXM", 64, provider="ovhcloud", region="GRA").evaluate(ax)
    network = ds.latency_network_ms.isel(venue=0)
    floor = ds.light_time_floor_ms.isel(venue=0)
    assert bool((network >= floor).all())
    # Paris → Gravelines is ~230 km: the vacuum floor is 2 d / c ≈ 1.5 ms
    paris = floor.sel(city="Paris,FR").values[0]
    assert 1.0 < paris < 2.0
    assert float(ds.energy_facility_j.isel(venue=0).sel(request_class="chat")) > 0


def test_orbital_relay_latency_respects_light_time_through_the_relay_shell():
    ax = axes(hours=0.5, step_s=300.0)
    epoch = ax.times[0]
    cluster = orbits.formation_cluster(orbits.sun_synchronous(650.0, 18.0, epoch=epoch), 3, 1.0)
    relay = orbits.walker_delta(550.0, 53.0, 24, 16, 1, epoch=epoch)
    venue = venues.OrbitalVenue("c", cluster, venues.SatelliteDesign(accelerator="H100 SXM"),
                                relay=relay, sampled_satellites=1, radiation_grid="coarse")
    table = venue.evaluate(ax).isel(venue=0)
    total = table["latency_network_ms"].values
    floor = table["light_time_floor_ms"].values
    reached = np.isfinite(total)
    assert reached.mean() > 0.9
    assert np.all(total[reached] >= floor[reached])
    # the floor is at least the straight up-and-down hop to 650 km and back, twice over
    assert np.all(floor[reached] >= 4 * 650.0 / SPEED_OF_LIGHT_KM_S * 1e3 * 0.99)


def test_bad_design_values_name_the_field():
    with pytest.raises(ValueError, match="design.battery_kwh"):
        venues.SatelliteDesign(battery_kwh=-1.0)
    with pytest.raises(ValueError, match="did you mean 'rideshare-2025'"):
        venues.SatelliteDesign(launch_price="rideshare-2024")
    with pytest.raises(ValueError, match="price"):
        venues.CloudVenue("x", "H100 SXM", 8, provider="aws", region="us-east-1", price="spot")
