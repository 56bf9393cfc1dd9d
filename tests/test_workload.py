"""studies.workload: the roofline against MLPerf and ML.ENERGY, demand invariants, bad input."""

import math

import numpy as np
import pandas as pd
import pytest

from studies.workload import (DIURNAL_PROFILES, MODELS, REQUEST_CLASSES, UTILISATION, demand,
                              inference_performance, model, request_class)

# --------------------------------------------------------------------------------------------
# model catalog
# --------------------------------------------------------------------------------------------


def test_llama_parameter_counts_follow_from_their_published_shapes():
    # Llama 3.1 config.json: 12·L·d² (attention with GQA + SwiGLU MLP) + embeddings; check the
    # stored totals against the shapes within 3 % (norms and biases are negligible).
    def llama_params(layers, hidden, kv_heads, head_dim, intermediate, vocab):
        attention = hidden * hidden * 2 + 2 * hidden * kv_heads * head_dim
        mlp = 3 * hidden * intermediate
        return layers * (attention + mlp) + 2 * vocab * hidden

    shapes = {"llama-3.1-8b": 14336, "llama-3.1-70b": 28672, "llama-3.1-405b": 53248}
    for name, intermediate in shapes.items():
        item = model(name)
        expected = llama_params(item.layers, item.hidden_size, item.kv_heads, item.head_dim,
                                intermediate, 128256)
        assert item.total_params == pytest.approx(expected, rel=0.03), name


def test_mixtral_active_parameters_are_shared_plus_two_of_eight_experts():
    # Jiang et al. (2024): 46.7B total, 12.9B active; experts are 3·d·d_ff per layer (d_ff 14336).
    item = model("mixtral-8x7b")
    expert = 3 * item.hidden_size * 14336 * item.layers
    shared = item.total_params - 8 * expert
    assert shared + 2 * expert == pytest.approx(item.active_params, rel=0.02)


def test_kv_cache_bytes_follow_the_gqa_formula():
    # 2 (K,V) · 80 layers · 8 KV heads · 128 · 2 bytes = 327,680 B per token (Llama 3.1 70B).
    assert model("llama-3.1-70b").kv_bytes_per_token("bf16") == 2 * 80 * 8 * 128 * 2
    assert model("llama-3.1-70b").kv_bytes_per_token("fp8") == 2 * 80 * 8 * 128


def test_catalog_has_the_model_sizes_the_studies_need():
    kinds = {name: item.kind for name, item in MODELS.items()}
    assert {"llama-3.1-8b", "llama-3.1-70b", "llama-3.1-405b", "mixtral-8x7b"} <= set(kinds)
    assert "vision" in kinds.values()
    assert all(item.source for item in MODELS.values())


def test_unknown_model_suggests_close_names():
    with pytest.raises(ValueError, match=r"model: unknown model 'llama-3.1-7b'.*llama-3.1-8b"):
        model("llama-3.1-7b")


# --------------------------------------------------------------------------------------------
# request classes
# --------------------------------------------------------------------------------------------


def test_request_classes_carry_slos_payloads_and_sources():
    assert set(REQUEST_CLASSES) == {"chat", "batch", "vision"}
    chat = REQUEST_CLASSES["chat"]
    # MLPerf Inference v5.0 Llama-2-70B interactive: TTFT 450 ms, TPOT 40 ms.
    assert chat.ttft_slo_s == 0.45 and chat.tpot_slo_s == 0.04
    assert REQUEST_CLASSES["vision"].latency_slo_s == pytest.approx(0.1)
    assert all(c.payload_in_bytes > 0 and c.source for c in REQUEST_CLASSES.values())


def test_request_class_overrides_are_checked():
    assert request_class("batch", output_tokens=100).output_tokens == 100
    with pytest.raises(ValueError, match=r"latency_slo_s: 0 s is outside the allowed range"):
        request_class("chat", latency_slo_s=0.0)
    with pytest.raises(ValueError, match=r"ttft_slo_s: -1 s is outside"):
        request_class("chat", ttft_slo_s=-1.0)
    with pytest.raises(ValueError, match="model: unknown model"):
        request_class("chat", model="gpt-5")
    with pytest.raises(ValueError, match="unknown field 'tpot_slo'"):
        request_class("chat", tpot_slo=0.1)
    with pytest.raises(ValueError, match="request_class: unknown request class 'chats'"):
        request_class("chats")


# --------------------------------------------------------------------------------------------
# roofline: physics invariants
# --------------------------------------------------------------------------------------------


def test_decode_at_batch_one_is_the_weight_read_time():
    # Batch 1, short context: TPOT = weight bytes / (bandwidth · MBU) (memory roofline).
    ds = inference_performance("llama-3.1-8b", "H100 SXM", precision="fp8", input_tokens=8,
                               output_tokens=8, batch_size=1, tensor_parallel=1)
    mbu = UTILISATION["datacenter-typical"]["mbu"]
    expected = 8.03e9 / (3.35e12 * mbu)
    assert float(ds.tpot_s) == pytest.approx(expected, rel=0.01)


def test_batch_meets_the_tpot_target_and_the_next_batch_would_not():
    kwargs = dict(precision="fp8", input_tokens=1024, output_tokens=256)
    ds = inference_performance("llama-3.1-70b", "H200", tpot_target_s=0.04, **kwargs)
    assert bool(ds.fits) and float(ds.tpot_s) <= 0.04
    bigger = inference_performance("llama-3.1-70b", "H200", tpot_target_s=None,
                                   batch_size=int(ds.batch_size) + 1,
                                   tensor_parallel=int(ds.tensor_parallel), **kwargs)
    memory_limited = not bool(bigger.fits)
    assert memory_limited or float(bigger.tpot_s) > 0.04


def test_405b_in_bf16_needs_tensor_parallelism_to_hold_its_weights():
    # 405.9e9 · 2 B = 812 GB: more than 8 H100s' 640 GB -> at least 16.
    ds = inference_performance("llama-3.1-405b", "H100 SXM", precision="bf16", input_tokens=1024,
                               output_tokens=256)
    assert int(ds.tensor_parallel) >= 16 and bool(ds.fits)


def test_power_lies_between_idle_and_tdp_plus_host():
    from studies.hardware import accelerator

    ds = inference_performance("llama-3.1-8b", "H100 SXM", precision="fp8", input_tokens=512,
                               output_tokens=256)
    h100 = accelerator("H100 SXM")
    assert h100.idle_w < float(ds.accelerator_power_w) <= h100.tdp_w
    assert float(ds.power_w) == pytest.approx(float(ds.accelerator_power_w) + h100.host_w)


def test_energy_per_request_is_power_times_replica_over_rate():
    ds = inference_performance("llama-3.1-70b", "H100 SXM", precision="fp8", input_tokens=512,
                               output_tokens=256)
    tokens = float(ds.tokens_per_s_per_accelerator)
    assert float(ds.energy_per_output_token_j) == pytest.approx(float(ds.power_w) / tokens)
    assert float(ds.energy_per_request_j) == pytest.approx(
        float(ds.power_w) / float(ds.requests_per_s_per_accelerator))


def test_vehicle_computer_cannot_meet_chat_tpot_when_its_bandwidth_is_too_low():
    # HW3: 136 GB/s; an 8 GB INT8 model takes >= 59 ms per token at full bandwidth > 40 ms.
    ds = inference_performance("llama-3.1-8b", "HW3-class", precision="int8", input_tokens=1024,
                               output_tokens=256, tpot_target_s=0.04)
    assert not bool(ds.fits) and "TPOT" in ds.attrs["reason"]
    assert float(ds.requests_per_s_per_accelerator) == 0.0


def test_vision_model_is_compute_bound_frames_per_second():
    ds = inference_performance("yolov8-s", "Orin-class", precision="int8")
    mfu = UTILISATION["edge-typical"]["mfu"]
    from studies.hardware import accelerator

    expected = accelerator("Orin-class").peak("int8") * mfu / 28.6e9
    assert float(ds.requests_per_s_per_accelerator) == pytest.approx(expected)
    assert math.isnan(float(ds.energy_per_output_token_j))


def test_every_variable_has_units_and_long_name():
    ds = inference_performance("llama-3.1-8b", "B200", precision="fp4", input_tokens=100,
                               output_tokens=100)
    for name, variable in ds.data_vars.items():
        assert "units" in variable.attrs and "long_name" in variable.attrs, name


# --------------------------------------------------------------------------------------------
# roofline: bad input
# --------------------------------------------------------------------------------------------


def test_bad_inference_inputs_name_the_field():
    kwargs = dict(precision="fp8", input_tokens=100, output_tokens=100)
    with pytest.raises(ValueError, match="accelerator: unknown accelerator"):
        inference_performance("llama-3.1-8b", "H1000", **kwargs)
    with pytest.raises(ValueError, match="precision: TPU v6e has no published 'fp8'"):
        inference_performance("llama-3.1-8b", "TPU v6e", **kwargs)
    with pytest.raises(ValueError, match=r"tpot_target_s: 0 s is outside the allowed range"):
        inference_performance("llama-3.1-8b", "H100 SXM", tpot_target_s=0.0, **kwargs)
    with pytest.raises(ValueError, match=r"tpot_target_s: nan s is outside"):
        inference_performance("llama-3.1-8b", "H100 SXM", tpot_target_s=float("nan"), **kwargs)
    with pytest.raises(ValueError, match=r"input_tokens: -5 is outside the allowed range"):
        inference_performance("llama-3.1-8b", "H100 SXM", precision="fp8", input_tokens=-5,
                              output_tokens=10)
    with pytest.raises(ValueError, match=r"tensor_parallel: 2 is outside .* vehicle"):
        inference_performance("llama-3.1-8b", "Orin-class", precision="int8", input_tokens=10,
                              output_tokens=10, tensor_parallel=2)
    with pytest.raises(ValueError, match="utilisation: unknown utilisation set"):
        inference_performance("llama-3.1-8b", "H100 SXM", utilisation="best", **kwargs)


# --------------------------------------------------------------------------------------------
# demand
# --------------------------------------------------------------------------------------------


def _cities(*rows):
    return pd.DataFrame(rows, columns=["name", "country", "lat", "lon", "population", "timezone"])


def test_daily_mean_rate_is_population_adoption_rate_over_a_day():
    cities = _cities(("Paris", "FR", 48.86, 2.35, 2_138_551, "Europe/Paris"),
                     ("Tokyo", "JP", 35.69, 139.69, 8_336_599, "Asia/Tokyo"),
                     ("Kolkata", "IN", 22.57, 88.36, 4_631_392, "Asia/Kolkata"))
    times = pd.date_range("2026-03-10", periods=24 * 12, freq="5min").values
    ds = demand(cities, times, adoption=0.02,
                requests_per_user_per_day={"chat": 10.0, "batch": 1.0})
    expected = cities["population"].to_numpy()[:, None] * 0.02 * np.array([10.0, 1.0]) / 86400
    np.testing.assert_allclose(ds.requests_per_s.mean("time").values, expected, rtol=1e-12)
    assert ds.requests_per_s.attrs["units"] == "s-1"
    assert list(ds.city.values) == ["Paris,FR", "Tokyo,JP", "Kolkata,IN"]


def test_every_diurnal_profile_has_mean_one_and_a_source():
    for name, profile in DIURNAL_PROFILES.items():
        assert len(profile["hourly"]) == 24
        assert np.mean(profile["hourly"]) == pytest.approx(1.0), name
        assert profile["source"]


def _peak_utc_hour(city, day):
    times = pd.date_range(day, periods=24, freq="h").values
    ds = demand(city, times, adoption=0.1, requests_per_user_per_day={"chat": 1.0})
    return int(pd.Timestamp(times[int(np.argmax(ds.requests_per_s.values[:, 0, 0]))]).hour)


def test_dst_moves_the_utc_peak_by_one_hour_and_keeps_the_local_peak():
    london = _cities(("London", "GB", 51.5, -0.13, 8_961_989, "Europe/London"))
    winter, summer = _peak_utc_hour(london, "2026-01-15"), _peak_utc_hour(london, "2026-07-15")
    assert (winter - summer) % 24 == 1  # BST = UTC+1: the same local hour comes 1 h earlier
    local_peak = int(np.argmax(DIURNAL_PROFILES["web-interactive"]["hourly"]))
    assert winter == local_peak


def test_city_at_utc_plus_9_peaks_9_hours_earlier_in_utc_than_one_at_utc():
    tokyo = _cities(("Tokyo", "JP", 35.69, 139.69, 8_336_599, "Asia/Tokyo"))
    reykjavik = _cities(("Reykjavik", "IS", 64.13, -21.9, 118_918, "Atlantic/Reykjavik"))
    day = "2026-06-21"
    assert (_peak_utc_hour(reykjavik, day) - _peak_utc_hour(tokyo, day)) % 24 == 9


def test_demand_across_the_dst_switch_changes_local_hour_in_the_night():
    # Europe/Paris springs forward on 2026-03-29 at 01:00 UTC (02:00 -> 03:00 local).
    paris = _cities(("Paris", "FR", 48.86, 2.35, 2_138_551, "Europe/Paris"))
    times = np.array(["2026-03-29T00:30", "2026-03-29T01:30"], dtype="datetime64[ns]")
    ds = demand(paris, times, adoption=0.1, requests_per_user_per_day={"chat": 1.0})
    assert ds.local_hour.values[:, 0].tolist() == [1, 3]


def test_demand_rejects_bad_inputs_naming_the_field():
    city = _cities(("Paris", "FR", 48.86, 2.35, 2_138_551, "Europe/Paris"))
    times = pd.date_range("2026-06-21", periods=2, freq="h").values
    rates = {"chat": 1.0}
    with pytest.raises(ValueError, match=r"adoption: 1.5 is outside the allowed range \[0, 1\]"):
        demand(city, times, adoption=1.5, requests_per_user_per_day=rates)
    with pytest.raises(ValueError, match=r"adoption: nan is outside"):
        demand(city, times, adoption=float("nan"), requests_per_user_per_day=rates)
    with pytest.raises(ValueError, match=r"requests_per_user_per_day\['chat'\]: -1 day-1"):
        demand(city, times, adoption=0.1, requests_per_user_per_day={"chat": -1.0})
    with pytest.raises(ValueError, match="unknown request class 'chatt'"):
        demand(city, times, adoption=0.1, requests_per_user_per_day={"chatt": 1.0})
    bad = city.assign(population=[-5])
    with pytest.raises(ValueError, match=r"cities.population: -5 is outside"):
        demand(bad, times, adoption=0.1, requests_per_user_per_day=rates)
    with pytest.raises(ValueError, match="cities.timezone: unknown IANA time zone 'Mars/Olympus'"):
        demand(city.assign(timezone=["Mars/Olympus"]), times, adoption=0.1,
               requests_per_user_per_day=rates)
    with pytest.raises(ValueError, match="diurnal: unknown diurnal profile 'web'"):
        demand(city, times, adoption=0.1, requests_per_user_per_day=rates, diurnal="web")


def test_demand_accepts_ground_sites_cities_directly():
    from ground.sites import cities

    table = cities(3, country="JP")
    times = pd.date_range("2026-06-21", periods=3, freq="h").values
    ds = demand(table, times, adoption=0.01, requests_per_user_per_day={"chat": 5.0})
    assert ds.requests_per_s.dims == ("time", "city", "request_class")
    assert (ds.timezone.values == "Asia/Tokyo").all()
