"""Tests for ground.network: fiber latency physics and access-network parameter sets."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ground import network
from ground.constants import SPEED_OF_LIGHT_KM_S

PARIS = (48.8566, 2.3522)
NEW_YORK = (40.7128, -74.0060)


def test_straight_fiber_paris_new_york_is_distance_times_group_index_over_c():
    # 2 × 5 837 km × 1.468 / 299 792.458 km/s = 57.2 ms (REFERENCES.md: group index ≈ 1.468).
    ds = network.fiber_rtt(*PARIS, *NEW_YORK, path_inflation="great-circle", router_delay_ms=0.0)
    expected = 2 * float(ds.great_circle_km.squeeze()) * 1.468 / SPEED_OF_LIGHT_KM_S * 1e3
    assert float(ds.rtt_ms.squeeze()) == pytest.approx(expected, rel=1e-12)
    assert float(ds.rtt_ms.squeeze()) == pytest.approx(57.2, abs=0.3)


# Published minimum-ish RTTs [ms] between hosting sites, WonderProxy "Miles per Millisecond"
# (Reinheimer 2011, wonderproxy.com/blog/miles-per-milisecond), mean of both directions; and the
# AWS inter-region table of 2017 (average ping between regions, reproduced in "AWS Regions",
# acomputerscientistlearnsaws.blogspot.com 2017-04). Coordinates: city / region metro.
CITY = {
    "Paris": (48.86, 2.35), "New York": (40.71, -74.01), "Milan": (45.46, 9.19),
    "Zurich": (47.38, 8.54), "Dallas": (32.78, -96.80), "Fremont": (37.55, -121.99),
    "Baltimore": (39.29, -76.61), "Moscow": (55.75, 37.62), "Sydney": (-33.87, 151.21),
    "Brisbane": (-27.47, 153.03),
    "aws us-east-1": (39.04, -77.49), "aws us-west-1": (37.34, -121.89),
    "aws eu-west-1": (53.35, -6.26), "aws eu-central-1": (50.11, 8.68),
    "aws ap-northeast-1": (35.68, 139.69), "aws ap-southeast-2": (-33.87, 151.21),
}
CONTINENTAL_PINGS_MS = [  # WonderProxy 2011, pairs under 3 000 km (the nearest-region regime)
    ("Paris", "Milan", 21.4), ("Milan", "Zurich", 11.2), ("Dallas", "New York", 38.0),
    ("Baltimore", "Dallas", 35.1), ("Paris", "Moscow", 56.4), ("Sydney", "Brisbane", 38.2),
    ("Dallas", "Fremont", 44.3), ("Milan", "Moscow", 67.1),
]
TRANSOCEANIC_PINGS_MS = [  # hub to hub over direct submarine cables or a cloud backbone
    ("Paris", "New York", 77.8), ("Baltimore", "Milan", 104.8), ("Sydney", "Fremont", 188.0),
    ("aws us-east-1", "aws eu-west-1", 80.5), ("aws us-east-1", "aws eu-central-1", 88.6),
    ("aws us-east-1", "aws ap-northeast-1", 145.3),
    ("aws ap-northeast-1", "aws ap-southeast-2", 103.9),
    ("aws us-west-1", "aws ap-southeast-2", 157.6),
]


def _model_over_measured(pairs, path_inflation):
    ratio = []
    for a, b, measured in pairs:
        ds = network.fiber_rtt(*CITY[a], *CITY[b], path_inflation=path_inflation)
        ratio.append(float(ds.rtt_ms.squeeze()) / measured)
    return np.array(ratio)


def test_default_internet_median_beats_conduit_bound_on_published_continental_pings():
    """User-to-nearest-region distances: the measured 2.1 rule (Bozkurt et al. 2018) is the
    right default. On WonderProxy's 2011 city pairs under 3 000 km the conduit factor 1.3
    underestimates every RTT, while 2.1 is closer, with a median error under 35 % and no pair
    overestimated by more than 30 %. Below ~800 km fixed delays (metro, exchange points) that no
    distance factor captures dominate, so both underestimate there: hence the wide band."""
    default = _model_over_measured(CONTINENTAL_PINGS_MS, network.DEFAULT_PATH_INFLATION)
    conduit = _model_over_measured(CONTINENTAL_PINGS_MS, "fiber-conduit")
    assert network.DEFAULT_PATH_INFLATION == "internet-median"
    assert (conduit < 1.0).all()
    assert np.median(np.abs(np.log(default))) < np.median(np.abs(np.log(conduit)))
    assert np.median(np.abs(np.log(default))) < np.log(1.35)
    assert default.min() > 0.4 and default.max() < 1.3


def test_conduit_factor_fits_published_transoceanic_hub_pings():
    """Long-haul hub-to-hub routes run close to the shortest conduit (k = 1.3): measured RTTs
    (WonderProxy 2011; AWS inter-region 2017) lie above the great-circle floor and below the
    2.1 rule, and the conduit model is within 25 % in the median (Paris–New York within 10 %)."""
    floor = _model_over_measured(TRANSOCEANIC_PINGS_MS, "great-circle")
    conduit = _model_over_measured(TRANSOCEANIC_PINGS_MS, "fiber-conduit")
    internet = _model_over_measured(TRANSOCEANIC_PINGS_MS, "internet-median")
    assert (floor < 1.0).all() and (internet > 1.0).all()
    assert np.median(np.abs(np.log(conduit))) < np.log(1.25)
    assert conduit[0] == pytest.approx(1.0, abs=0.1)


def test_fiber_is_about_32_percent_slower_than_vacuum():
    # REFERENCES.md: light in fiber ~32 % slower (1 - 1/1.468 = 0.319).
    ds = network.fiber_rtt(*PARIS, *NEW_YORK, path_inflation="great-circle", router_delay_ms=0.0)
    ratio = float(ds.vacuum_rtt_ms.squeeze() / ds.rtt_ms.squeeze())
    assert 1 - ratio == pytest.approx(0.32, abs=0.005)


def test_rule_of_thumb_inflation_reproduces_2_1_times_fiber_light_time():
    # Bozkurt et al. 2018: latency ≈ 2.1 × distance / speed of light in fiber (one way).
    ds = network.fiber_rtt(*PARIS, *NEW_YORK, path_inflation="internet-median",
                           router_delay_ms=0.0)
    one_way = 2.1 * float(ds.great_circle_km.squeeze()) * 1.468 / SPEED_OF_LIGHT_KM_S * 1e3
    assert float(ds.one_way_ms.squeeze()) == pytest.approx(one_way, rel=1e-12)


@settings(max_examples=40, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180), st.floats(-90, 90), st.floats(-180, 180),
       st.sampled_from(sorted(network.PATH_INFLATION)), st.floats(0, 5))
def test_fiber_rtt_is_never_below_vacuum_light_time(lat1, lon1, lat2, lon2, inflation, router):
    ds = network.fiber_rtt(lat1, lon1, lat2, lon2, path_inflation=inflation, router_delay_ms=router)
    assert (ds.rtt_ms >= ds.vacuum_rtt_ms).all()
    assert np.allclose(ds.rtt_ms, 2 * ds.one_way_ms)


def test_output_is_shaped_like_orbital_links():
    times = np.datetime64("2026-03-20") + np.arange(4) * np.timedelta64(60, "s")
    ds = network.fiber_rtt([48.86, 51.51], [2.35, -0.13], [40.71, 35.68, 1.35],
                           [-74.0, 139.69, 103.82], source_names=["Paris", "London"],
                           destination_names=["NYC", "Tokyo", "Singapore"], times=times)
    assert ds.rtt_ms.dims == ("time", "source", "destination")
    assert ds.rtt_ms.shape == (4, 2, 3)
    for name in ("rtt_ms", "one_way_ms", "hops", "reachable"):
        assert set(ds[name].attrs) >= {"units", "long_name"}
    assert ds.reachable.all()
    # Paris–Tokyo (9 700 km) must take longer than Paris–New York (5 837 km).
    assert float(ds.rtt_ms.sel(source="Paris", destination="Tokyo")[0]) > float(
        ds.rtt_ms.sel(source="Paris", destination="NYC")[0])


def test_hop_count_grows_with_path_length():
    ds = network.fiber_rtt(0.0, 0.0, [0.0, 0.0], [1.0, 60.0], path_inflation="great-circle")
    assert ds.hops.values.tolist()[0][0] == network.BASE_HOPS + 1  # 111 km: one backbone span
    assert ds.hops.values[0, 1] == network.BASE_HOPS + int(np.ceil(6671.7 / 800.0))


def test_access_network_adds_its_median_rtt():
    base = network.fiber_rtt(*PARIS, *NEW_YORK)
    mobile = network.fiber_rtt(*PARIS, *NEW_YORK, access="4g")
    assert float((mobile.rtt_ms - base.rtt_ms).squeeze()) == pytest.approx(
        network.ACCESS_NETWORKS["4g"]["median_rtt_ms"])


def test_access_networks_order_and_lognormal_quantiles():
    # Published medians order: fiber < cable < DSL and 5G < 4G (FCC MBA 2023, Opensignal).
    rtt = {name: network.access_rtt_ms(name) for name in network.ACCESS_NETWORKS}
    assert rtt["fiber"] < rtt["cable"] < rtt["dsl"]
    assert rtt["5g"] < rtt["4g"]
    # Log-normal: median × exp(1.6449 σ) is the 95th percentile.
    sigma = network.ACCESS_NETWORKS["4g"]["rtt_sigma"]
    assert network.access_rtt_ms("4g", 0.95) == pytest.approx(45.0 * np.exp(1.6449 * sigma),
                                                              rel=1e-4)
    samples = network.access_rtt_samples("4g", 20000, seed=3)
    assert np.median(samples) == pytest.approx(45.0, rel=0.03)
    for params in network.ACCESS_NETWORKS.values():
        assert params["source"] and params["uplink_mbps"] <= params["downlink_mbps"]


def test_transfer_time_is_rtt_plus_serialization():
    # 10 MB at 80 Mbit/s = 1 s of serialization, plus a 50 ms RTT.
    assert network.transfer_time_s(10e6, 50.0, 80.0) == pytest.approx(1.05)


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match=r"path_inflation.*'internet'.*did you mean"):
        network.fiber_rtt(*PARIS, *NEW_YORK, path_inflation="internet")
    with pytest.raises(ValueError, match=r"path_inflation: 0.5 is outside the allowed range"):
        network.fiber_rtt(*PARIS, *NEW_YORK, path_inflation=0.5)
    with pytest.raises(ValueError, match=r"access.*'6g'"):
        network.access_rtt_ms("6g")
    with pytest.raises(ValueError, match="rate_mbps"):
        network.transfer_time_s(1.0, 1.0, 0.0)
