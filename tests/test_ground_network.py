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


# Two published RTT matrices [ms], used whole (no pair left out), each pair averaged over both
# directions where both are given:
# - WonderProxy "Miles per Millisecond" (Reinheimer 2011, wonderproxy.com/blog/
#   miles-per-milisecond): pings between hosting sites over the public Internet;
# - the AWS inter-region table of 2017 ("Latency Between AWS Global Regions", reproduced in
#   "AWS Regions", acomputerscientistlearnsaws.blogspot.com, 2017-04): average pings between
#   regions over Amazon's backbone.
# Coordinates: city centres / region metros.
WONDERPROXY_SITES = {
    "Baltimore": (39.29, -76.61), "Brisbane": (-27.47, 153.03), "Dallas": (32.78, -96.80),
    "Fremont": (37.55, -121.99), "Milan": (45.46, 9.19), "Moscow": (55.75, 37.62),
    "New York": (40.71, -74.01), "Paris": (48.86, 2.35), "Sydney": (-33.87, 151.21),
    "Zurich": (47.38, 8.54),
}
WONDERPROXY_MS = {  # row: source; columns: the other sites in WONDERPROXY_SITES order
    "Baltimore": [239.38, 35.64, 79.68, 104.70, 141.15, 174.71, 97.71, 251.07, 114.11],
    "Brisbane": [238.32, 221.60, 174.38, 350.12, 357.21, 245.89, 335.79, 33.45, 346.92],
    "Dallas": [34.53, 220.14, 44.00, 140.00, 168.00, 36.80, 130.94, 221.72, 127.74],
    "Fremont": [79.39, 176.07, 44.57, 167.85, 214.59, 78.43, 176.22, 184.91, 167.16],
    "Milan": [104.84, 339.54, 139.86, 170.73, 67.08, 112.17, 21.61, 344.70, 11.17],
    "Moscow": [140.82, 366.42, 169.04, 209.00, 67.07, 131.29, 56.74, 387.09, 60.29],
    "New York": [174.61, 246.87, 39.46, 77.49, 111.60, 131.34, 78.33, 319.33, 101.03],
    "Paris": [97.75, 337.47, 131.79, 175.19, 21.29, 56.13, 77.31, 348.84, 108.06],
}
AWS_SITES = {
    "us-east-1": (39.04, -77.49), "us-west-1": (37.34, -121.89), "us-west-2": (45.84, -119.70),
    "eu-west-1": (53.35, -6.26), "eu-central-1": (50.11, 8.68), "ap-northeast-1": (35.68, 139.69),
    "ap-northeast-2": (37.57, 126.98), "ap-southeast-1": (1.35, 103.82),
    "ap-southeast-2": (-33.87, 151.21), "sa-east-1": (-23.55, -46.63),
}
AWS_2017_MS = {  # row: source; columns: all regions in AWS_SITES order (0 on the diagonal)
    "us-east-1": [0, 72.74, 86.98, 80.55, 88.66, 145.3, 178.4, 216.7, 230, 119.5],
    "us-west-1": [71.63, 0, 19.46, 153.2, 166.6, 102.5, 131.5, 174, 157.5, 192.7],
    "us-west-2": [88.68, 19.2, 0, 137, 159.5, 89.1, 118.3, 161.4, 162.2, 182.7],
    "eu-west-1": [80.52, 153.2, 137, 0, 19.56, 212.4, 242.4, 239, 309.6, 191.3],
    "eu-central-1": [88.62, 166.6, 159.5, 19.55, 0, 236.5, 266.2, 325.9, 323.5, 194.9],
    "ap-northeast-1": [145.3, 102.5, 89.16, 212.4, 236.6, 0, 31.44, 73.79, 103.9, 256.8],
    "ap-northeast-2": [176.6, 132.6, 118.2, 242.4, 265.3, 31.32, 0, 71.87, 134, 286.3],
    "ap-southeast-1": [216.7, 173.9, 161.4, 238.1, 325.9, 73.81, 71.29, 0, 175.3, 328.1],
    "ap-southeast-2": [229.7, 157.8, 161.9, 309.6, 323.2, 103.9, 134, 175.4, 0, 322.5],
}


def _pairs(sites, table, skip_self):
    """(distance_km, measured_ms, {inflation: model_ms}) for every unordered pair."""
    names = list(sites)
    one_way = {}
    for source, row in table.items():
        others = [n for n in names if not (skip_self and n == source)]
        for destination, value in zip(others, row):
            if destination != source:
                one_way.setdefault(frozenset((source, destination)), []).append(value)
    pairs = sorted(tuple(sorted(p)) for p in one_way)
    lat = np.array([[sites[a][0], sites[b][0]] for a, b in pairs])
    lon = np.array([[sites[a][1], sites[b][1]] for a, b in pairs])
    measured = np.array([np.mean(one_way[frozenset(p)]) for p in pairs])
    model = {}
    for name in ("great-circle", "fiber-conduit", "internet-median"):
        ds = network.fiber_rtt(lat[:, 0], lon[:, 0], lat[:, 1], lon[:, 1], path_inflation=name)
        model[name] = np.diagonal(ds.rtt_ms.values)
    distance = np.diagonal(network.fiber_rtt(lat[:, 0], lon[:, 0], lat[:, 1], lon[:, 1])
                           .great_circle_km.values)
    return distance, measured, model


WONDERPROXY = _pairs(WONDERPROXY_SITES, WONDERPROXY_MS, skip_self=True)
AWS_2017 = _pairs(AWS_SITES, AWS_2017_MS, skip_self=False)


def test_published_pings_lie_above_the_vacuum_floor_and_the_conduit_bound():
    """k = 1.3 (Bozkurt et al. 2018: shortest conduit path) is a geometric lower bound, not a
    latency: all 44 WonderProxy pings and ≥ 85 % of the 45 AWS inter-region pings exceed it
    (a few trans-Pacific cables are straighter than the US conduit median)."""
    for _, measured, model in (WONDERPROXY, AWS_2017):
        assert (model["great-circle"] < measured).all()
    assert len(WONDERPROXY[1]) == 44 and len(AWS_2017[1]) == 45
    assert (WONDERPROXY[2]["fiber-conduit"] < WONDERPROXY[1]).all()
    assert np.mean(AWS_2017[2]["fiber-conduit"] <= AWS_2017[1]) >= 0.85


def test_default_internet_median_is_closer_than_the_conduit_bound_at_continental_distances():
    """User-to-nearest-region distances (< 3 000 km, 14 pairs of both tables): the measured 2.1
    rule is the right default. The conduit factor underestimates every pair (by half in the
    median); 2.1 has a median error under 40 % (~26 %) and overestimates none by more than
    30 %. Below ~800 km fixed delays (metro, exchange points) dominate, which no distance
    factor captures: hence the band."""
    ratio = {name: np.concatenate([m[name][d < 3000] / r[d < 3000]
                                   for d, r, m in (WONDERPROXY, AWS_2017)])
             for name in ("fiber-conduit", "internet-median")}
    assert network.DEFAULT_PATH_INFLATION == "internet-median"
    assert ratio["internet-median"].size == 14
    assert (ratio["fiber-conduit"] < 1.0).all()
    error = {name: np.median(np.abs(np.log(r))) for name, r in ratio.items()}
    assert error["internet-median"] < error["fiber-conduit"]
    assert error["internet-median"] < np.log(1.4)
    assert ratio["internet-median"].max() < 1.3


def test_long_haul_pings_fall_between_the_conduit_bound_and_the_internet_median():
    """Beyond 3 000 km (75 pairs of both tables) fixed delays matter less and the 2.1 rule
    overestimates: the median pair sits ~20 % below the k = 2.1 prediction and ~30 % above
    the k = 1.3 one, i.e. an effective k of ~1.7 (pass it as a number for long-haul studies)."""
    ratio = {name: np.concatenate([m[name][d >= 3000] / r[d >= 3000]
                                   for d, r, m in (WONDERPROXY, AWS_2017)])
             for name in ("fiber-conduit", "internet-median")}
    assert ratio["internet-median"].size == 75
    assert 1.0 < np.median(ratio["internet-median"]) < 1.4
    assert 0.65 < np.median(ratio["fiber-conduit"]) < 1.0


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
