"""The co-scheduler on small random instances: conservation, feasibility, optimality, queueing."""

import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st

from studies import schedule as sched


def random_instance(seed, n_time=2, n_city=4, n_class=2, n_venue=3, scarce=False):
    """A venue table and demand with the schedule's contract, random but physical."""
    rng = np.random.default_rng(seed)
    times = np.datetime64("2026-06-21") + np.arange(n_time) * np.timedelta64(300, "s")
    cities = [f"c{i}" for i in range(n_city)]
    classes = [f"k{i}" for i in range(n_class)]
    venues = [f"v{i}" for i in range(n_venue)]
    rate = rng.uniform(0.5, 5.0, (n_class, n_venue))  # requests per accelerator-second
    rate[rng.random((n_class, n_venue)) < 0.15] = 0.0  # some classes cannot run on some venues
    service = rng.uniform(0.05, 2.0, (n_class, n_venue))
    demand = rng.uniform(0.0, 50.0, (n_time, n_city, n_class))
    accelerators = rng.uniform(0.2 if scarce else 5.0, 3.0 if scarce else 40.0, (n_time, n_venue))
    accelerators[:, rng.integers(n_venue)] *= rng.random() < 0.3  # sometimes a venue is down
    access = rng.uniform(2, 30, (n_time, n_city, n_venue))
    propagation = rng.uniform(1, 120, (n_time, n_city, n_venue))
    ground = rng.uniform(0, 20, (n_time, n_city, n_venue))
    network = access + propagation + ground
    network[rng.random(network.shape) < 0.1] = np.nan  # unreachable now and then
    per_cv = ("request_class", "venue")
    per_tcv = ("time", "city", "venue")
    table = xr.Dataset(
        {
            "accelerators_available": (("time", "venue"), accelerators),
            "utilisation_cap": (("venue",), rng.uniform(0.7, 0.95, n_venue)),
            "requests_per_s_per_accelerator": (per_cv, rate),
            "service_time_s": (per_cv, service),
            "ttft_ms": (per_cv, 200 * service),
            "latency_transfer_ms": (per_cv, rng.uniform(0, 10, (n_class, n_venue))),
            "latency_transfer_in_ms": (per_cv, rng.uniform(0, 5, (n_class, n_venue))),
            "latency_compute_ms": (per_cv, 1e3 * service),
            "energy_per_request_j": (per_cv, rng.uniform(10, 3000, (n_class, n_venue))),
            "carbon_per_request_g": (per_cv, rng.uniform(0, 2, (n_class, n_venue))),
            "cost_per_request_usd": (per_cv, rng.uniform(1e-5, 1e-2, (n_class, n_venue))),
            "latency_access_ms": (per_tcv, access),
            "latency_propagation_ms": (per_tcv, propagation),
            "latency_ground_segment_ms": (per_tcv, ground),
            "latency_network_ms": (per_tcv, network),
            "light_time_floor_ms": (per_tcv, 0.5 * propagation),
            "latency_slo_s": (("request_class",), rng.uniform(0.5, 4.0, n_class)),
            "ttft_slo_s": (("request_class",), np.where(rng.random(n_class) < 0.5, np.nan, 1.5)),
        },
        coords={"time": times, "city": cities, "request_class": classes, "venue": venues},
    )
    demand_ds = xr.Dataset({"requests_per_s": (("time", "city", "request_class"), demand)},
                           coords={"time": times, "city": cities, "request_class": classes})
    return demand_ds, table


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), scarce=st.booleans())
def test_optimal_objective_is_never_worse_than_any_heuristic_and_is_feasible(seed, scarce):
    demand, table = random_instance(seed, scarce=scarce)
    k = table.sizes["venue"]  # no pruning: every policy sees the same feasible set
    best = sched.schedule(demand, table, policy="optimal", candidates_per_city=k)
    for policy in ("latency", "energy", "carbon", "cost"):
        other = sched.schedule(demand, table, policy=policy, candidates_per_city=k)
        assert np.all(best.objective.values <= other.objective.values * (1 + 1e-6) + 1e-6), policy
    # feasible: capacity and SLO hold for what is served
    cap = table.utilisation_cap.values
    assert np.all(best.utilisation.values <= cap + 1e-6)
    served = best.served_requests_per_s > 0
    slo_ms = 1e3 * table.latency_slo_s
    assert bool(((best.latency_total_ms <= slo_ms + 1e-3) | ~served).all())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), policy=st.sampled_from(sorted(sched.POLICIES)))
def test_served_plus_unserved_equals_demand_for_every_time_city_and_class(seed, policy):
    demand, table = random_instance(seed, scarce=seed % 2 == 0)
    ds = sched.schedule(demand, table, policy=policy, candidates_per_city=2)
    total = ds.served_requests_per_s.sum("venue") + ds.unserved_requests_per_s
    np.testing.assert_allclose(total.values, demand.requests_per_s.values, rtol=1e-5, atol=1e-6)
    assert bool((ds.served_requests_per_s >= 0).all() and (ds.unserved_requests_per_s >= 0).all())


def test_no_assigned_latency_is_below_the_vacuum_light_time_floor():
    demand, table = random_instance(3)
    ds = sched.schedule(demand, table)
    served = ds.served_requests_per_s > 0
    floor = ds.light_time_floor_ms.broadcast_like(ds.latency_total_ms)
    assert bool(served.any())
    assert bool(((ds.latency_total_ms >= floor) | ~served).all())


def test_mm1_wait_is_exact_and_large_pools_barely_wait():
    # M/M/1: W_q = S rho / (1 - rho) exactly (Sakasegawa's formula is exact at c = 1)
    np.testing.assert_allclose(sched.waiting_time_s(0.8, 1, 1.0), 4.0)
    # Erlang C for c = 10, rho = 0.8, S = 1: P_wait = 0.4092, W_q = P_wait S / (c (1 - rho))
    # = 0.2046 s (tabulated, e.g. Gross & Harris, Fundamentals of Queueing Theory); the
    # approximation is within 15 % there
    assert sched.waiting_time_s(0.8, 10, 1.0) == pytest.approx(0.2046, rel=0.15)
    assert sched.waiting_time_s(0.8, 10_000, 1.0) < 1e-6


def test_a_venue_near_saturation_gets_slower_and_sheds_load_to_the_next():
    demand, table = random_instance(7, n_venue=2, n_class=1, n_city=1, n_time=1)
    table["accelerators_available"][:] = 1.0
    table["requests_per_s_per_accelerator"][:] = 1.0
    table["service_time_s"][:] = 1.0
    table["latency_network_ms"][:] = [[[10.0, 30.0]]]
    table["latency_slo_s"][:] = 1e6
    table["ttft_slo_s"][:] = np.nan
    table["utilisation_cap"][:] = 0.99
    for name in ("energy_per_request_j", "carbon_per_request_g", "cost_per_request_usd"):
        table[name][:] = 1.0
    demand["requests_per_s"][:] = 1.0
    ds = sched.schedule(demand, table, weights={"latency": 1, "energy": 0, "carbon": 0, "cost": 0})
    served = ds.served_requests_per_s.isel(time=0, city=0, request_class=0).values
    # one server each: all load on the faster one would make it wait ~S rho/(1-rho); the
    # optimum splits the load
    assert 0.3 < served[0] < 0.99 and served[1] > 0.01
    assert float(ds.latency_queueing_ms.isel(venue=0).max()) > 0


@pytest.mark.parametrize("kwargs, message", [
    ({"policy": "fastest"}, "policy"),
    ({"weights": {"latency": -1}}, "weights.latency"),
    ({"weights": {"latncy": 1}}, "did you mean 'latency'"),
    ({"weights": {"latency": 0, "energy": 0, "carbon": 0, "cost": 0}}, "at least one"),
    ({"candidates_per_city": 0}, "candidates_per_city"),
])
def test_bad_arguments_name_the_field(kwargs, message):
    demand, table = random_instance(1)
    with pytest.raises(ValueError, match=message):
        sched.schedule(demand, table, **kwargs)


def test_bad_demand_names_the_field():
    demand, table = random_instance(1)
    bad = demand.copy(deep=True)
    bad["requests_per_s"][0, 0, 0] = np.nan
    with pytest.raises(ValueError, match="demand.requests_per_s"):
        sched.schedule(bad, table)
    bad["requests_per_s"][0, 0, 0] = -1
    with pytest.raises(ValueError, match="allowed range"):
        sched.schedule(bad, table)
    shuffled = demand.isel(time=[1, 0])
    with pytest.raises(ValueError, match="strictly increasing"):
        sched.schedule(shuffled, table.isel(time=[1, 0]))


def test_parallel_time_chunks_equal_the_serial_run_bit_for_bit():
    demand, table = random_instance(11, n_time=6)
    serial = sched.schedule(demand, table, workers=1)
    parallel = sched.schedule(demand, table, workers=2)
    xr.testing.assert_identical(serial, parallel)


def test_a_venue_with_zero_capacity_everywhere_is_named_in_the_summary():
    demand, table = random_instance(5, n_venue=3)
    table["accelerators_available"][:, 1] = 0.0
    table.attrs["zero_capacity_venues"] = "v1"
    ds = sched.schedule(demand, table)
    with pytest.warns(UserWarning, match="zero capacity"):
        rows = sched.summary(ds)
    flagged = rows[rows.venue == "v1"]
    assert len(flagged) == 1 and "zero capacity" in flagged.warning.iloc[0]
    assert float(ds.served_requests_per_s.sel(venue="v1").sum()) == 0.0
