"""The cable-aware backbone graph of ground.network against published RTT tables, and its laws.

Measured tables (tests/data, each file says where it comes from):

- Azure 2024: Microsoft, "Azure network round-trip latency statistics", monthly P50 between
  Azure regions over Microsoft's WAN, dataset of 2024-04-09 (425 region pairs used);
- AWS 2017: average pings between AWS regions over Amazon's backbone (45 pairs);
- WonderProxy 2011: pings between hosting sites over the public Internet (44 pairs).

For each: median |ln(model / measured)| and the share within ±50 %, constant and graph models
side by side (printed with ``pytest -s``).
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ground import network
from ground.constants import SPEED_OF_LIGHT_KM_S
from ground.sites import great_circle_km

DATA = Path(__file__).parent / "data"


def _symmetric_pairs(table):
    """One row per unordered pair, the RTT averaged over the directions given."""
    table = table.copy()
    table["pair"] = [tuple(sorted(p)) for p in zip(table.source, table.destination)]
    return table.groupby("pair").agg({"rtt_ms": "mean", "source_lat": "first",
                                      "source_lon": "first", "destination_lat": "first",
                                      "destination_lon": "first", "source": "first",
                                      "destination": "first"}).reset_index(drop=True)


def _azure():
    regions = pd.read_csv(DATA / "azure_regions.csv", comment="#").set_index("region")
    table = pd.read_csv(DATA / "azure_rtt_2024.csv", comment="#")
    for end in ("source", "destination"):
        table[f"{end}_lat"] = regions.loc[table[end], "lat"].to_numpy()
        table[f"{end}_lon"] = regions.loc[table[end], "lon"].to_numpy()
    return _symmetric_pairs(table)


AZURE_2024 = _azure()
AWS_2017 = _symmetric_pairs(pd.read_csv(DATA / "aws_rtt_2017.csv", comment="#"))
WONDERPROXY_2011 = _symmetric_pairs(pd.read_csv(DATA / "wonderproxy_rtt_2011.csv", comment="#"))


def _model(pairs, **options):
    """Model RTT of every pair (one call over all sources × destinations, then the pairs)."""
    ds = network.fiber_rtt(pairs.source_lat, pairs.source_lon, pairs.destination_lat,
                           pairs.destination_lon, **options)
    return np.diagonal(ds.rtt_ms.values)


def _scores(model_ms, measured_ms):
    error = np.log(model_ms / measured_ms)
    return {"median_abs_ln": float(np.median(np.abs(error))), "median_ln": float(np.median(error)),
            "within_50_percent": float(np.mean(np.abs(model_ms / measured_ms - 1.0) <= 0.5))}


def _report(name, pairs, graph_options, constant_options):
    graph = _scores(_model(pairs, **graph_options), pairs.rtt_ms.to_numpy())
    constant = _scores(_model(pairs, **constant_options), pairs.rtt_ms.to_numpy())
    print(f"\n{name} ({len(pairs)} pairs): median |ln(model/measured)| constant "
          f"{constant['median_abs_ln']:.3f} vs graph {graph['median_abs_ln']:.3f}; within ±50 %: "
          f"constant {constant['within_50_percent']:.0%} vs graph {graph['within_50_percent']:.0%}")
    return graph, constant


def test_azure_2024_data_center_pairs_backbone_graph_within_12_percent_in_the_median():
    """Validation (not used in any fit): Azure P50 RTTs between 30 regions on 6 continents.
    Graph, backbone kind: median |ln| ≤ 0.12 (target of issue #17; measured ≈ 0.09) and
    ≥ 95 % of pairs within ±50 %; the constant 2.1 model scores ≈ 0.22. The pairs the graph
    gets most wrong are routed by Microsoft around a region (South Africa ↔ Brazil or the Gulf
    through Europe, 250-330 ms), where the shortest cable path (SACS, 120 ms) is not used."""
    assert len(AZURE_2024) == 425
    graph, constant = _report("Azure 2024", AZURE_2024, {"kind": "backbone"},
                              {"path_inflation": "internet-median"})
    assert graph["median_abs_ln"] <= 0.12
    assert graph["within_50_percent"] >= 0.95
    assert graph["median_abs_ln"] < constant["median_abs_ln"] - 0.05


def test_aws_2017_backbone_inflation_is_the_fit_that_zeroes_the_median_error():
    """TRAFFIC_KINDS['backbone']['route_inflation'] = 1.25 is fitted on this table: its median
    log error is ~0 (|median ln| < 0.03) and its median |ln| ≤ 0.12; the constant 2.1 model
    overestimates these long-haul pairs (median |ln| ≈ 0.28)."""
    assert len(AWS_2017) == 45
    graph, constant = _report("AWS 2017", AWS_2017, {"kind": "backbone"},
                              {"path_inflation": "internet-median"})
    assert abs(graph["median_ln"]) < 0.03
    assert graph["median_abs_ln"] <= 0.12
    assert graph["median_abs_ln"] < constant["median_abs_ln"]


def test_wonderproxy_2011_public_internet_pings_internet_kind_beats_the_constant_model():
    """Public-Internet pings between hosting sites, internet kind (route inflation 1.6 from
    Bozkurt et al. 2018, not fitted here): median |ln| ≈ 0.16 vs 0.23 for the constant 2.1;
    the graph runs ~10 % slow in the median (these sites are better connected than the median
    Internet host), inside ±20 %."""
    assert len(WONDERPROXY_2011) == 44
    graph, constant = _report("WonderProxy 2011", WONDERPROXY_2011, {"kind": "internet"},
                              {"path_inflation": "internet-median"})
    assert graph["median_abs_ln"] < constant["median_abs_ln"]
    assert abs(graph["median_ln"]) < np.log(1.2)
    assert graph["within_50_percent"] >= 0.9


def test_trans_pacific_pairs_follow_the_cables_not_the_constant_factor():
    """Issue #17: trans-Pacific pairs ran 1.7× too slow with the constant model. Azure pairs
    between Japan/Korea and the US West (FASTER, Unity, NCP): graph within ±20 % of each."""
    pacific = AZURE_2024[AZURE_2024.apply(
        lambda row: {row.source, row.destination} & {"Japan East", "Korea Central"}
        and {row.source, row.destination} & {"West US", "West US 2"}, axis=1).astype(bool)]
    assert len(pacific) == 4
    ratio = _model(pacific, kind="backbone") / pacific.rtt_ms.to_numpy()
    assert np.all(np.abs(np.log(ratio)) < np.log(1.2)), ratio


def test_default_model_is_the_graph_and_the_constant_model_stays_available():
    assert network.DEFAULT_MODEL == "graph"
    default = network.fiber_rtt(48.86, 2.35, 40.71, -74.01)
    assert default.attrs["model"] == "graph" and default.attrs["traffic_kind"] == "internet"
    constant = network.fiber_rtt(48.86, 2.35, 40.71, -74.01, model="constant")
    assert constant.attrs["path_inflation"] == 2.1


def test_components_add_up_and_name_the_media():
    parts = network.latency_components([51.51, 48.86], [-0.13, 2.35], [40.71, 50.11],
                                       [-74.01, 8.68], kind="backbone",
                                       source_names=["London", "Paris"],
                                       destination_names=["New York", "Frankfurt"], access="cable")
    total = sum(parts[name] for name in ("access_rtt_ms", "metro_rtt_ms", "terrestrial_rtt_ms",
                                         "submarine_rtt_ms", "router_rtt_ms", "endpoint_rtt_ms"))
    np.testing.assert_allclose(total, parts.rtt_ms, rtol=1e-12)
    rtt = network.fiber_rtt([51.51, 48.86], [-0.13, 2.35], [40.71, 50.11], [-74.01, 8.68],
                            kind="backbone", access="cable")
    np.testing.assert_allclose(rtt.rtt_ms, parts.rtt_ms, rtol=1e-12)
    assert float(parts.submarine_rtt_ms.sel(source="London", destination="New York")) > 50.0
    assert float(parts.submarine_rtt_ms.sel(source="Paris", destination="Frankfurt")) == 0.0
    assert float(parts.access_rtt_ms[0, 0]) == network.ACCESS_NETWORKS["cable"]["median_rtt_ms"]
    for name in parts.data_vars:
        assert {"units", "long_name"} <= set(parts[name].attrs)


# ---------------------------------------------------------------------------------------------
# Laws: the vacuum floor, and monotonicity in the cables
# ---------------------------------------------------------------------------------------------

NODES = network.backbone_nodes()
# Points near land: graph nodes shifted by up to ~2° (within the access radius).
near_land = st.tuples(st.integers(0, len(NODES) - 1), st.floats(-2, 2), st.floats(-2, 2)).map(
    lambda t: (float(np.clip(NODES.lat[t[0]] + t[1], -89, 89)), float(NODES.lon[t[0]] + t[2])))


@settings(max_examples=30, deadline=None)
@given(st.lists(near_land, min_size=1, max_size=4), st.lists(near_land, min_size=1, max_size=4),
       st.sampled_from(sorted(network.TRAFFIC_KINDS)))
def test_graph_rtt_is_never_below_vacuum_light_time(sources, destinations, kind):
    (slat, slon), (dlat, dlon) = zip(*sources), zip(*destinations)
    ds = network.fiber_rtt(slat, slon, list(dlat), list(dlon), kind=kind)
    assert (ds.rtt_ms >= ds.vacuum_rtt_ms).all()
    # Glass is 1.468 times slower than vacuum, and every fiber is at least the great circle.
    assert (ds.rtt_ms >= 2 * ds.great_circle_km * 1.468 / SPEED_OF_LIGHT_KM_S * 1e3).all()


SAMPLE = network.backbone_nodes().sample(40, random_state=1)


def _rtt_matrix(graph, kind):
    return network.fiber_rtt(SAMPLE.lat, SAMPLE.lon, SAMPLE.lat, SAMPLE.lon, graph=graph,
                             kind=kind).rtt_ms.values


@settings(max_examples=8, deadline=None)
@given(st.integers(0, len(NODES) - 1), st.integers(0, len(NODES) - 1),
       st.floats(1.0, 1.5), st.sampled_from(sorted(network.TRAFFIC_KINDS)))
def test_adding_a_cable_never_lengthens_any_rtt(a, b, stretch, kind):
    if a == b:
        return
    links = network.backbone_links()
    length = stretch * float(great_circle_km(NODES.lat[a], NODES.lon[a], NODES.lat[b],
                                             NODES.lon[b]))
    added = pd.concat([links, pd.DataFrame([{
        "node_a": NODES.name[a], "node_b": NODES.name[b], "medium": "submarine",
        "system": "hypothetical", "length_km": length, "source": "test"}])], ignore_index=True)
    before = _rtt_matrix(network.backbone_graph(links), kind)
    after = _rtt_matrix(network.backbone_graph(added), kind)
    assert (after <= before + 1e-9).all()


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(sorted(network.TRAFFIC_KINDS)))
def test_removing_a_cable_never_shortens_any_rtt(row, kind):
    links = network.backbone_links()
    cut = links.drop(index=row % len(links))
    before = _rtt_matrix(network.backbone_graph(links), kind)
    try:
        after = _rtt_matrix(network.backbone_graph(cut), kind)
    except ValueError as error:  # the cut isolated a node of the sample: no route, said so
        assert "no route" in str(error)
        return
    assert (after >= before - 1e-9).all()


# ---------------------------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------------------------

def test_bad_points_kinds_and_models_raise_clear_errors():
    with pytest.raises(ValueError, match=r"source_lat: 'paris' is not a number"):
        network.fiber_rtt("paris", 2.35, 40.71, -74.01)
    with pytest.raises(ValueError, match=r"destination_lat: nan"):
        network.fiber_rtt(48.86, 2.35, np.nan, -74.01)
    with pytest.raises(ValueError, match=r"source_lat: 95 deg is outside the allowed range"):
        network.fiber_rtt(95.0, 2.35, 40.71, -74.01)
    with pytest.raises(ValueError, match=r"kind: unknown traffic kind 'backbon'.*'backbone'"):
        network.fiber_rtt(48.86, 2.35, 40.71, -74.01, kind="backbon")
    with pytest.raises(ValueError, match=r"model: unknown latency model 'graf'.*'graph'"):
        network.fiber_rtt(48.86, 2.35, 40.71, -74.01, model="graf")
    with pytest.raises(ValueError, match=r"access: unknown access network 'starlnk'.*'starlink'"):
        network.fiber_rtt(48.86, 2.35, 40.71, -74.01, access="starlnk")
    with pytest.raises(ValueError, match=r"source_lat, source_lon: give two 1-D arrays"):
        network.fiber_rtt([1.0, 2.0], [3.0], 40.71, -74.01)


def test_a_point_far_from_every_node_is_named_not_routed_at_infinity():
    with pytest.raises(ValueError, match=r"destination 'mid-Pacific' at \(0, -140\): the nearest "
                                         r"point of presence .* km away, beyond max_access_km"):
        network.fiber_rtt(48.86, 2.35, 0.0, -140.0, destination_names=["mid-Pacific"])


def test_a_disconnected_node_raises_naming_both_ends():
    links = network.backbone_links()
    isolated = links[(links.node_a != "Auckland") & (links.node_b != "Auckland")]
    graph = network.backbone_graph(isolated)
    with pytest.raises(ValueError, match=r"no route over the backbone graph from source 'Auckland'"):
        network.fiber_rtt(-36.85, 174.76, 51.51, -0.13, graph=graph, source_names=["Auckland"])


def test_catalog_rows_carry_sources_and_lengths_are_physical():
    graph = network.backbone_graph()
    assert (graph.nodes.source.str.len() > 10).all() and (graph.links.source.str.len() > 10).all()
    assert (graph.links.length_km >= graph.links.great_circle_km - 1.0).all()
    # Every continent and every cloud-region metro is within reach of a node.
    from ground.sites import cloud_regions

    regions = cloud_regions()
    network.fiber_rtt(regions.lat, regions.lon, 51.51, -0.13, max_access_km=400.0)
    with pytest.raises(ValueError, match=r"links.length_km: 100 km for London–New York"):
        extra = pd.DataFrame([{"node_a": "London", "node_b": "New York", "medium": "submarine",
                               "length_km": 100.0}])
        network.backbone_graph(pd.concat([network.backbone_links(), extra]))
