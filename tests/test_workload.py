"""studies.workload: the roofline against MLPerf and ML.ENERGY, demand invariants, bad input."""

import math

import numpy as np
import pandas as pd
import pytest

from studies.workload import (
    DIURNAL_PROFILES,
    MODELS,
    REQUEST_CLASSES,
    UTILISATION,
    demand,
    inference_performance,
    model,
    request_class,
)

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
# roofline: validation against published measurements
# --------------------------------------------------------------------------------------------

# NVIDIA TensorRT-LLM "Performance Overview" (docs/source/performance/perf-overview.md, release
# 1.0, 2025): trtllm-bench throughput at fixed ISL/OSL, weights quantised with ModelOpt, "Total
# Output Throughput (tokens/sec)" of the whole TP group. Rows: (model, GPU, precision, TP, ISL,
# OSL, measured total output tokens/s).
TRTLLM_HOPPER = [
    ("llama-3.1-8b", "H100 SXM", "fp8", 1, 128, 2048, 22714),
    ("llama-3.1-8b", "H100 SXM", "fp8", 1, 1000, 1000, 15220),
    ("llama-3.1-8b", "H100 SXM", "fp8", 1, 2048, 128, 3450),
    ("llama-3.1-8b", "H100 SXM", "fp8", 1, 500, 2000, 17660),
    ("llama-3.1-8b", "H100 SXM", "fp8", 1, 2048, 2048, 9305),
    ("llama-3.1-8b", "H100 SXM", "fp8", 1, 5000, 500, 3459),
    ("llama-3.1-8b", "H200", "fp8", 1, 128, 2048, 26221),
    ("llama-3.1-8b", "H200", "fp8", 1, 1000, 1000, 17744),
    ("llama-3.1-8b", "H200", "fp8", 1, 2048, 128, 3538),
    ("llama-3.1-8b", "H200", "fp8", 1, 2048, 2048, 12194),
    # Llama 3.3 70B has the Llama 3.1 70B architecture.
    ("llama-3.1-70b", "H100 SXM", "fp8", 2, 128, 2048, 6651),
    ("llama-3.1-70b", "H100 SXM", "fp8", 2, 1000, 1000, 4205),
    ("llama-3.1-70b", "H100 SXM", "fp8", 2, 2048, 128, 762),
    ("llama-3.1-70b", "H100 SXM", "fp8", 2, 2048, 2048, 3082),
    ("llama-3.1-70b", "H100 SXM", "fp8", 2, 5000, 500, 898),
    ("llama-3.1-70b", "H200", "fp8", 1, 128, 2048, 4336),
    ("llama-3.1-70b", "H200", "fp8", 1, 1000, 1000, 2909),
    ("llama-3.1-70b", "H200", "fp8", 1, 2048, 128, 442),
    ("llama-3.1-70b", "H200", "fp8", 1, 2048, 2048, 2003),
    ("llama-3.1-70b", "H200", "fp8", 1, 5000, 500, 566),
    ("llama-3.1-405b", "H100 SXM", "fp8", 8, 128, 2048, 4340),
    ("llama-3.1-405b", "H100 SXM", "fp8", 8, 1000, 1000, 2919),
    ("llama-3.1-405b", "H100 SXM", "fp8", 8, 2048, 128, 453),
    ("llama-3.1-405b", "H200", "fp8", 8, 1000, 1000, 3330),
    ("llama-3.1-405b", "H200", "fp8", 8, 2048, 128, 456),
]
TRTLLM_BLACKWELL_FP4 = [
    ("llama-3.1-70b", "B200", "fp4", 1, 128, 2048, 9922),
    ("llama-3.1-70b", "B200", "fp4", 1, 1000, 1000, 7007),
    ("llama-3.1-70b", "B200", "fp4", 1, 2048, 128, 1339),
    ("llama-3.1-70b", "B200", "fp4", 1, 2048, 2048, 4783),
    ("llama-3.1-70b", "GB200", "fp4", 1, 1000, 1000, 7326),
    ("llama-3.1-70b", "GB200", "fp4", 1, 2048, 128, 1450),
    ("llama-3.1-405b", "B200", "fp4", 4, 1000, 1000, 5209),
    ("llama-3.1-405b", "B200", "fp4", 4, 2048, 128, 749),
]


def _relative_errors(rows):
    errors = []
    for name, gpu, precision, tp, isl, osl, total in rows:
        ds = inference_performance(name, gpu, precision=precision, input_tokens=isl,
                                   output_tokens=osl, tensor_parallel=tp)
        errors.append(float(ds.tokens_per_s_per_accelerator) / (total / tp) - 1.0)
    return np.array(errors)


def test_roofline_matches_tensorrt_llm_measured_throughput_on_hopper():
    # 25 measured points, 8B to 405B, TP 1-8, prompts 128-5000 tokens. Reached: median |error|
    # 9 %, 23 of 25 within ±35 %, worst +50 % (405B, 128/2048) and +45 % (8B on H200,
    # 128/2048: long decodes at very large batch, where the engine's scheduling limits bite).
    errors = _relative_errors(TRTLLM_HOPPER)
    assert np.median(np.abs(errors)) <= 0.15
    assert np.mean(np.abs(errors) <= 0.35) >= 0.85
    assert np.abs(errors).max() <= 0.55


def test_blackwell_fp4_roofline_is_an_upper_bound_within_a_factor_two_of_tensorrt_llm():
    # Not validated to ±35 %: with the datasheet FP4 peak and the same MFU/MBU as Hopper the
    # roofline overpredicts TensorRT-LLM 1.0's FP4 throughput on B200/GB200 by +26 % to +89 %
    # (young FP4 kernels; MLPerf v4.1's B200 FP4 result, 11,264 tokens/s, is within the
    # roofline's range for plausible prompt lengths). The test pins the sign and the size.
    errors = _relative_errors(TRTLLM_BLACKWELL_FP4)
    assert (errors > 0).all() and (errors < 1.0).all()


# MLPerf Inference Datacenter v4.1 (MLCommons, Aug 2024), closed division, Offline scenario,
# mlperf_log_summary.txt in github.com/mlcommons/inference_results_v4.1:
#   NVIDIA DGX-H100 (8 x H100-SXM-80GB, TensorRT-LLM): llama2-70b-99.9 24,524.9 tokens/s;
#       mixtral-8x7b 52,415.9 tokens/s
#   NVIDIA H200-SXM-141GB x 8 (TensorRT-LLM): llama2-70b-99 31,302.7 tokens/s;
#       mixtral-8x7b 59,022.3 tokens/s; resnet50 756,960 samples/s
#   AMD 8 x MI300X (vLLM/ROCm): llama2-70b-99 23,514.8 tokens/s
# Output tokens per sample: 294.45 (llama2-70b reference README, mlcommons/inference);
# 24,524.9 / 84.48 samples/s = 290 for H100. Mixtral: 52,415.9 / 359.17 = 145.9.
MLPERF_V41_LLAMA2_70B_PER_GPU = {"H100 SXM": 24524.9 / 8, "H200": 31302.7 / 8}
MLPERF_V41_MIXTRAL_PER_GPU = {"H100 SXM": 52415.9 / 8, "H200": 59022.3 / 8}
MLPERF_V41_RESNET50_H200_PER_GPU = 756960 / 8


def _tokens_per_gpu(name, gpu, isl, osl):
    return float(inference_performance(name, gpu, precision="fp8", input_tokens=isl,
                                       output_tokens=osl).tokens_per_s_per_accelerator)


@pytest.mark.parametrize("isl", [150, 300, 450])
def test_roofline_matches_mlperf_v41_llama2_70b_offline_for_plausible_prompt_lengths(isl):
    # MLPerf's logs do not give the mean prompt length of its OpenOrca subset (prompts are
    # capped at 1024 tokens by processorca.py); the check holds for means from 150 to 450
    # tokens: errors +34/+1/-19 % (H100, TP 2) and +21/-10/-28 % (H200, TP 1).
    for gpu, measured in MLPERF_V41_LLAMA2_70B_PER_GPU.items():
        model_value = _tokens_per_gpu("llama-2-70b", gpu, isl, 294)
        assert model_value == pytest.approx(measured, rel=0.35), gpu


def test_h200_over_h100_speedup_matches_mlperf_v41_for_llama2_and_mixtral():
    # The ratio of two GPUs on one dataset and one software stack hardly depends on the
    # unknown prompt length. Measured: 1.276 (Llama-2-70B), 1.126 (Mixtral-8x7B); model
    # (ISL 300): 1.14 (-11 %) and 1.09 (-3 %).
    llama = (_tokens_per_gpu("llama-2-70b", "H200", 300, 294)
             / _tokens_per_gpu("llama-2-70b", "H100 SXM", 300, 294))
    mixtral = (_tokens_per_gpu("mixtral-8x7b", "H200", 300, 146)
               / _tokens_per_gpu("mixtral-8x7b", "H100 SXM", 300, 146))
    assert llama == pytest.approx(MLPERF_V41_LLAMA2_70B_PER_GPU["H200"]
                                  / MLPERF_V41_LLAMA2_70B_PER_GPU["H100 SXM"], rel=0.15)
    assert mixtral == pytest.approx(MLPERF_V41_MIXTRAL_PER_GPU["H200"]
                                    / MLPERF_V41_MIXTRAL_PER_GPU["H100 SXM"], rel=0.15)


def test_vision_frames_per_second_match_mlperf_v41_resnet50_offline_on_h200():
    # Model: peak INT8 x MFU 0.5 / 8.2 GFLOP = 120,700 frames/s per GPU vs 94,620 measured
    # (+28 %).
    ds = inference_performance("resnet-50", "H200", precision="int8")
    assert float(ds.requests_per_s_per_accelerator) == pytest.approx(
        MLPERF_V41_RESNET50_H200_PER_GPU, rel=0.35)


def test_gpu_energy_per_token_matches_ml_energy_llama31_8b_on_h100():
    # ML.ENERGY Leaderboard v3.0 (Chung et al., "LLM Inference Energy: A Longitudinal
    # Analysis", ml.energy blog, 2026): Llama 3.1 8B, one H100, BF16, vLLM 0.11.1, batch 64,
    # Text Conversation task (mean output 717 tokens): 0.12 J per output token of GPU energy
    # (0.20 J with vLLM 0.5.4). The roofline gives 0.079 J (-34 %): it leaves out the CPU-side
    # scheduling gaps the authors name as the cause of the remaining static-power waste at this
    # batch, so it must not exceed the measurement and should stay within 40 % below it.
    ds = inference_performance("llama-3.1-8b", "H100 SXM", precision="bf16", input_tokens=300,
                               output_tokens=717, batch_size=64, tensor_parallel=1)
    gpu_joules = float(ds.accelerator_power_w) / float(ds.tokens_per_s_per_accelerator)
    assert 0.6 * 0.12 <= gpu_joules <= 1.05 * 0.12


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


def test_compatible_precision_keeps_width_or_widens_never_narrows():
    from studies.workload import compatible_precision

    assert compatible_precision("TPU v6e", "fp8") == "int8"  # same width, published
    assert compatible_precision("HW4-class", "fp8") == "int8"
    assert compatible_precision("H100 SXM", "fp4") == "fp8"  # no fp4 on Hopper: widen
    assert compatible_precision("B200", "fp4") == "fp4"
    with pytest.raises(ValueError, match="precision: HW4-class publishes no format at least as "
                                         "wide as 'bf16'"):
        compatible_precision("HW4-class", "bf16")


def test_small_llama_32_parameter_counts_follow_from_shapes_with_tied_embeddings():
    # Llama 3.2 1B/3B config.json: intermediate 8192, vocab 128256, tied embeddings.
    for name in ("llama-3.2-1b", "llama-3.2-3b"):
        item = model(name)
        attention = 2 * item.hidden_size * item.attention_heads * item.head_dim + (
            2 * item.hidden_size * item.kv_heads * item.head_dim)
        mlp = 3 * item.hidden_size * 8192
        expected = item.layers * (attention + mlp) + 128256 * item.hidden_size
        assert item.total_params == pytest.approx(expected, rel=0.02), name


def test_request_performance_maps_precision_and_checks_the_class_slos():
    from studies.workload import request_performance

    chat = request_performance("chat", "TPU v6e")
    assert chat.attrs["precision"] == "int8" and chat.attrs["request_class"] == "chat"
    assert float(chat.tpot_s) <= REQUEST_CLASSES["chat"].tpot_slo_s
    assert bool(chat.meets_ttft_slo) == (float(chat.ttft_s) <= 0.45)
    # HW3: 136 GB/s cannot stream an 8 GB model at 40 ms per token -> no SLO is met.
    slow = request_performance("chat", "HW3-class")
    assert not bool(slow.fits) and not bool(slow.meets_latency_slo)
    vision = request_performance("vision", "Orin-class")
    assert bool(vision.meets_latency_slo)


def test_city_labels_stay_unique_when_a_name_repeats_in_a_country():
    cities = _cities(("Springfield", "US", 39.8, -89.6, 114_000, "America/Chicago"),
                     ("Springfield", "US", 37.2, -93.3, 169_000, "America/Chicago"))
    cities["admin1"] = ["IL", "MO"]
    times = pd.date_range("2026-06-21", periods=2, freq="h").values
    ds = demand(cities, times, adoption=0.1, requests_per_user_per_day={"chat": 1.0})
    assert list(ds.city.values) == ["Springfield,US,IL", "Springfield,US,MO"]
