"""Inference workloads: models, request classes, a roofline of serving performance, and demand.

- :data:`MODELS`: transformer LLMs (dense and mixture-of-experts) with the shapes that set their
  compute and memory traffic, and vision models with their FLOPs per frame; each with its source.
- :data:`REQUEST_CLASSES`: interactive chat, batch, vision frames, with latency SLOs and payloads.
- :func:`inference_performance`: a roofline — prefill compute-bound, decode bound by memory
  bandwidth (weights + KV cache read at each step) or by compute at large batch — with the
  batch chosen to meet a time-per-output-token target and tensor parallelism chosen to fit the
  weights and KV cache, utilisation factors (MFU, MBU) from named sets, and power from the
  accelerator's idle and TDP figures plus the host share.
- :func:`demand`: requests per second by city, request class and time, from population, adoption
  and a diurnal curve applied in each city's local time (IANA zone via ``zoneinfo``, DST included).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import xarray as xr

from studies import hardware as _hardware
from studies.checks import check_name, check_number
from studies.hardware import PRECISIONS, Accelerator

__all__ = [
    "ALLREDUCE_LATENCY_S",
    "DIURNAL_PROFILES",
    "MAX_BATCH_SIZE",
    "MEMORY_RESERVE_FRACTION",
    "MODELS",
    "REQUEST_CLASSES",
    "TENSOR_PARALLEL_GAIN",
    "UTILISATION",
    "Model",
    "RequestClass",
    "compatible_precision",
    "demand",
    "inference_performance",
    "model",
    "request_class",
    "request_performance",
]

# --------------------------------------------------------------------------------------------
# models
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Model:
    """A model's size and shape.

    Attributes
    ----------
    name : str
    kind : str
        ``"llm"`` or ``"vision"``.
    total_params, active_params : float
        Parameters stored, and used per token (equal for dense models) [1].
    layers, hidden_size, attention_heads, kv_heads, head_dim : int
        Transformer shape (0 for vision models); ``kv_heads`` < ``attention_heads`` is
        grouped-query attention.
    experts, experts_per_token : int
        Mixture-of-experts routed experts per layer and experts used per token (1, 1 if dense).
    context_length : int
        Longest supported sequence (prompt + output) [tokens].
    flops_per_inference : float
        Vision: FLOPs per frame at ``input_resolution`` (2 per multiply-accumulate) [FLOP].
    input_resolution : int
        Vision: input side [pixels].
    source : str
    """

    name: str
    kind: str
    total_params: float
    active_params: float
    layers: int = 0
    hidden_size: int = 0
    attention_heads: int = 0
    kv_heads: int = 0
    head_dim: int = 0
    experts: int = 1
    experts_per_token: int = 1
    context_length: int = 0
    flops_per_inference: float = 0.0
    input_resolution: int = 0
    source: str = ""

    def weight_bytes(self, precision: str) -> float:
        """Bytes of all weights in ``precision`` [B]."""
        return self.total_params * PRECISIONS[precision]

    def kv_bytes_per_token(self, precision: str) -> float:
        """KV-cache bytes per token of context [B]: 2 (K and V) · layers · kv_heads · head_dim ·
        bytes per element (the KV cache is kept in the weights' format, at least 1 byte)."""
        return 2.0 * self.layers * self.kv_heads * self.head_dim * _kv_element_bytes(precision)


def _kv_element_bytes(precision: str) -> float:
    # fp4 weights are served with an fp8 KV cache (as in TensorRT-LLM's FP4 recipes).
    return max(PRECISIONS[precision], 1.0)


_LLAMA31_SOURCE = ("Meta Llama 3.1 model card and config.json (Hugging Face meta-llama, July 2024); "
                   "Grattafiori et al. (2024), The Llama 3 Herd of Models, arXiv:2407.21783, "
                   "table 3")

#: Model catalog (shapes from the published configs).
MODELS: dict[str, Model] = {
    "llama-3.2-1b": Model(
        "llama-3.2-1b", "llm", 1.24e9, 1.24e9, layers=16, hidden_size=2048, attention_heads=32,
        kv_heads=8, head_dim=64, context_length=131072,
        source="Meta Llama 3.2 model card and config.json (Hugging Face meta-llama, Sept 2024); "
               "tied input/output embeddings"),
    "llama-3.2-3b": Model(
        "llama-3.2-3b", "llm", 3.21e9, 3.21e9, layers=28, hidden_size=3072, attention_heads=24,
        kv_heads=8, head_dim=128, context_length=131072,
        source="Meta Llama 3.2 model card and config.json (Hugging Face meta-llama, Sept 2024); "
               "tied input/output embeddings"),
    "llama-3.1-8b": Model(
        "llama-3.1-8b", "llm", 8.03e9, 8.03e9, layers=32, hidden_size=4096, attention_heads=32,
        kv_heads=8, head_dim=128, context_length=131072, source=_LLAMA31_SOURCE),
    "llama-3.1-70b": Model(
        "llama-3.1-70b", "llm", 70.6e9, 70.6e9, layers=80, hidden_size=8192, attention_heads=64,
        kv_heads=8, head_dim=128, context_length=131072, source=_LLAMA31_SOURCE),
    "llama-3.1-405b": Model(
        "llama-3.1-405b", "llm", 405.9e9, 405.9e9, layers=126, hidden_size=16384,
        attention_heads=128, kv_heads=8, head_dim=128, context_length=131072,
        source=_LLAMA31_SOURCE),
    "llama-2-70b": Model(
        "llama-2-70b", "llm", 68.98e9, 68.98e9, layers=80, hidden_size=8192, attention_heads=64,
        kv_heads=8, head_dim=128, context_length=4096,
        source="Touvron et al. (2023), Llama 2, arXiv:2307.09288; config.json of "
               "meta-llama/Llama-2-70b-chat-hf (the MLPerf Inference v4.0+ LLM benchmark model)"),
    "mixtral-8x7b": Model(
        "mixtral-8x7b", "llm", 46.7e9, 12.9e9, layers=32, hidden_size=4096, attention_heads=32,
        kv_heads=8, head_dim=128, experts=8, experts_per_token=2, context_length=32768,
        source="Jiang et al. (2024), Mixtral of Experts, arXiv:2401.04088 (46.7B total, 12.9B "
               "active, 8 experts, top-2); config.json of mistralai/Mixtral-8x7B-v0.1"),
    "resnet-50": Model(
        "resnet-50", "vision", 25.6e6, 25.6e6, flops_per_inference=8.2e9, input_resolution=224,
        source="He et al. (2016), CVPR (ResNet-50: 25.6M parameters, 3.8 GMAC for v1); v1.5 "
               "(MLPerf) 4.1 GMAC per 224x224 frame -> 8.2 GFLOP (NVIDIA DeepLearningExamples "
               "ResNet-50 v1.5 README)"),
    "yolov8-s": Model(
        "yolov8-s", "vision", 11.2e6, 11.2e6, flops_per_inference=28.6e9, input_resolution=640,
        source="Ultralytics YOLOv8 documentation (2023), detection table: YOLOv8s 11.2M "
               "parameters, 28.6 GFLOPs at 640x640"),
}


def model(name) -> Model:
    """The catalog model ``name`` (case-insensitive, close names suggested); a :class:`Model`
    passes through.

    Examples
    --------
    >>> model("llama-3.1-70b").kv_bytes_per_token("bf16")
    327680.0
    """
    if isinstance(name, Model):
        return name
    return MODELS[check_name("model", name, MODELS, what="model")]


_model_named = model  # inference_performance's argument ``model`` shadows the function


def _expert_split(item: Model) -> tuple[float, float]:
    """(shared parameters, all routed-expert parameters) of a mixture-of-experts model, from
    total = shared + experts and active = shared + experts · k/E."""
    if item.experts <= 1:
        return item.total_params, 0.0
    routed = (item.total_params - item.active_params) / (1.0 - item.experts_per_token / item.experts)
    return item.total_params - routed, routed


def _weights_read_per_step(item: Model, batch, precision: str):
    """Bytes of weights read in one decode step of ``batch`` sequences [B]: all dense weights,
    and for a mixture of experts the expected share of experts any token of the batch routes
    to, 1 − (1 − k/E)^B (uniform routing)."""
    shared, routed = _expert_split(item)
    if routed == 0.0:
        return np.full(np.shape(batch), shared * PRECISIONS[precision])
    touched = 1.0 - (1.0 - item.experts_per_token / item.experts) ** np.asarray(batch, float)
    return (shared + routed * touched) * PRECISIONS[precision]


def compatible_precision(accelerator, precision: str) -> str:
    """``precision`` if the accelerator publishes a peak for it; else a format of the same width
    it does publish (``fp8`` ↔ ``int8``), else the narrowest wider one (a wider format keeps
    the model's accuracy; a narrower one would not, so it is never chosen).

    Parameters
    ----------
    accelerator : str or Accelerator
    precision : str
        ``"bf16"``, ``"fp8"``, ``"int8"`` or ``"fp4"``.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        When the accelerator publishes no format at least as wide.

    Examples
    --------
    >>> compatible_precision("TPU v6e", "fp8")
    'int8'
    >>> compatible_precision("H100 SXM", "fp4")
    'fp8'
    """
    acc = _hardware.accelerator(accelerator)
    precision = check_name("precision", precision, PRECISIONS, what="precision")
    if precision in acc.peak_flops:
        return precision
    width = PRECISIONS[precision]
    # Same width first (fp8 before int8: floating formats keep accuracy best), then wider.
    candidates = sorted((p for p in acc.peak_flops if PRECISIONS[p] >= width),
                        key=lambda p: (PRECISIONS[p], p != "fp8"))
    if not candidates:
        raise ValueError(f"precision: {acc.name} publishes no format at least as wide as "
                         f"{precision!r} (it has {', '.join(acc.peak_flops) or 'none'})")
    return candidates[0]


# --------------------------------------------------------------------------------------------
# request classes
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestClass:
    """A kind of request the scheduler places.

    Attributes
    ----------
    name, model, precision : str
    input_tokens, output_tokens : int
        Prompt and generated tokens per request (0 / 0 for vision, which counts frames).
    ttft_slo_s, tpot_slo_s : float or None
        Time-to-first-token and time-per-output-token limits [s] (None: no limit).
    latency_slo_s : float
        End-to-end limit the scheduler uses [s].
    payload_in_bytes, payload_out_bytes : float
        Bytes sent to and returned from the venue per request [B].
    description, source : str
    """

    name: str
    model: str
    precision: str
    input_tokens: int
    output_tokens: int
    ttft_slo_s: float | None
    tpot_slo_s: float | None
    latency_slo_s: float
    payload_in_bytes: float
    payload_out_bytes: float
    description: str
    source: str


# UTF-8 English text averages ~4 characters per token (OpenAI tokenizer guidance); requests
# also carry JSON/HTTP framing, taken as ~1 kB.
_BYTES_PER_TOKEN = 4.0
_FRAMING_BYTES = 1000.0

#: Request classes. Edit with :func:`request_class` (``request_class("chat", model=...)``).
REQUEST_CLASSES: dict[str, RequestClass] = {
    "chat": RequestClass(
        "chat", "llama-3.1-8b", "fp8", input_tokens=1024, output_tokens=256,
        ttft_slo_s=0.45, tpot_slo_s=0.040, latency_slo_s=0.45 + 256 * 0.040,
        payload_in_bytes=_FRAMING_BYTES + 1024 * _BYTES_PER_TOKEN,
        payload_out_bytes=_FRAMING_BYTES + 256 * _BYTES_PER_TOKEN,
        description="interactive chat: a user waits for a streamed answer",
        source="SLOs: MLPerf Inference v5.0 rules, Llama-2-70B interactive scenario (TTFT 450 ms, "
               "TPOT 40 ms; MLCommons 2025, 'LLM inference v5.0'); lengths: assumption (a "
               "1k-token prompt with history, a 256-token answer); ~4 bytes per token"),
    "batch": RequestClass(
        "batch", "llama-3.1-70b", "fp8", input_tokens=2048, output_tokens=512,
        ttft_slo_s=None, tpot_slo_s=None, latency_slo_s=24 * 3600.0,
        payload_in_bytes=_FRAMING_BYTES + 2048 * _BYTES_PER_TOKEN,
        payload_out_bytes=_FRAMING_BYTES + 512 * _BYTES_PER_TOKEN,
        description="batch jobs (summaries, evaluations) due within a deadline",
        source="deadline: 24 h completion window of the OpenAI and Anthropic batch APIs (2024); "
               "lengths: assumption"),
    "vision": RequestClass(
        "vision", "yolov8-s", "int8", input_tokens=0, output_tokens=0,
        ttft_slo_s=None, tpot_slo_s=None, latency_slo_s=0.100,
        payload_in_bytes=0.2e6, payload_out_bytes=2e3,
        description="one camera frame (robot/vehicle perception offload), detections returned",
        source="assumption: a 640x640 JPEG frame ~0.2 MB in, ~2 kB of boxes out; 100 ms "
               "end-to-end (a 10 Hz perception loop)"),
}


def request_class(name, **overrides) -> RequestClass:
    """A request class from :data:`REQUEST_CLASSES`, with fields replaced by ``overrides``.

    Overrides are checked: the model and precision must exist, token counts and payloads are
    ≥ 0, SLOs > 0 (or None for TTFT/TPOT).

    Examples
    --------
    >>> request_class("chat", model="llama-3.1-70b").model
    'llama-3.1-70b'
    """
    if isinstance(name, RequestClass):
        base = name
    else:
        base = REQUEST_CLASSES[check_name("request_class", name, REQUEST_CLASSES,
                                           what="request class")]
    known = {f.name for f in dataclasses.fields(RequestClass)}
    for key in overrides:
        if key not in known:
            check_name("request_class field", key, sorted(known), what="field")
    item = dataclasses.replace(base, **overrides)
    model(item.model)
    check_name("precision", item.precision, PRECISIONS, what="precision")
    for field_name in ("input_tokens", "output_tokens", "payload_in_bytes", "payload_out_bytes"):
        check_number(field_name, getattr(item, field_name), 0, None)
    for field_name in ("ttft_slo_s", "tpot_slo_s"):
        if getattr(item, field_name) is not None:
            check_number(field_name, getattr(item, field_name), 0, None, low_inclusive=False,
                          unit="s")
    check_number("latency_slo_s", item.latency_slo_s, 0, None, low_inclusive=False, unit="s")
    return item


# --------------------------------------------------------------------------------------------
# roofline performance
# --------------------------------------------------------------------------------------------

#: Achieved fractions of peak: MFU (model FLOP/s utilisation) for compute-bound phases (prefill,
#: large-batch decode, vision), MBU (memory-bandwidth utilisation) for memory-bound decode.
UTILISATION = {
    "datacenter-typical": {
        "mfu": 0.5, "mbu": 0.7,
        "source": "MFU: Pope et al. (2023), Efficiently Scaling Transformer Inference, MLSys "
                  "(prefill reaches 76 % MFU at large batch on TPU v4); Microsoft Azure (2025) "
                  "GB200 FP8 GEMM 2.74 PFLOP/s = 55 % of dense peak; 0.5 taken for a full serving "
                  "stack. MBU: Agarwal et al. (Databricks/MosaicML 2023), LLM Inference "
                  "Performance Engineering (MBU 60-70 % on A100/H100 at small batch); Azure "
                  "(2025) HBM 92 % of peak in a bandwidth test; 0.7 taken",
    },
    "edge-typical": {
        "mfu": 0.3, "mbu": 0.6,
        "source": "assumption: embedded NPUs/GPUs run LLMs with less tuned kernels (lower MFU) "
                  "and LPDDR at a lower achieved bandwidth share",
    },
    "roofline": {
        "mfu": 1.0, "mbu": 1.0,
        "source": "the ideal roofline: peak compute and peak bandwidth (an upper bound)",
    },
}

#: Largest batch a serving engine runs per replica (TensorRT-LLM and vLLM default limits are
#: 256-2048 sequences; 1024 taken).
MAX_BATCH_SIZE = 1024
#: Share of accelerator memory kept for activations, workspace and fragmentation (vLLM's default
#: ``gpu_memory_utilization`` is 0.9).
MEMORY_RESERVE_FRACTION = 0.1
# Tensor parallelism is searched up to 64 accelerators (an NVL72 domain holds 64 of power 2);
# a vehicle's computer serves alone (cars are not linked at tensor-parallel bandwidth), and a
# space part shares a satellite board with at most 8 others (assumption).
_MAX_TENSOR_PARALLEL = 64
_MAX_TENSOR_PARALLEL_BY_KIND = {"gpu": 64, "tpu": 64, "vehicle": 1, "space": 8}
#: Latency of one tensor-parallel all-reduce of a small message [s] (assumption: NCCL
#: all-reduce of kB-size messages on NVLink takes ~10 µs; the bandwidth term covers large ones).
ALLREDUCE_LATENCY_S = 10e-6
# Activations exchanged between tensor-parallel ranks are 16-bit even when weights are FP8/FP4.
_ACTIVATION_BYTES = 2.0
#: A larger replica is chosen only when it serves more than 1/0.95 times the tokens per second
#: per accelerator of the smallest one within 5 %: the roofline leaves out tensor-parallel
#: all-reduce traffic, which costs a few per cent on NVLink-class links (assumption).
TENSOR_PARALLEL_GAIN = 0.95


def _utilisation(name_or_values, item: Accelerator) -> tuple[float, float]:
    if name_or_values is None:
        name_or_values = "edge-typical" if item.kind == "vehicle" else "datacenter-typical"
    if isinstance(name_or_values, str):
        params = UTILISATION[check_name("utilisation", name_or_values, UTILISATION,
                                         what="utilisation set")]
        return float(params["mfu"]), float(params["mbu"])
    mfu = float(check_number("utilisation['mfu']", name_or_values["mfu"], 0, 1,
                              low_inclusive=False))
    mbu = float(check_number("utilisation['mbu']", name_or_values["mbu"], 0, 1,
                              low_inclusive=False))
    return mfu, mbu


def _attention_flops(item: Model, query_tokens, context_tokens):
    """Attention score and value FLOPs for ``query_tokens`` each attending to
    ``context_tokens`` keys: 2 matmuls × 2 FLOP × layers × heads × head_dim."""
    return 4.0 * item.layers * item.attention_heads * item.head_dim * query_tokens * context_tokens


def _prefill_flops(item: Model, input_tokens: int) -> float:
    # Causal attention: token i attends to i keys, n²/2 in all.
    return (2.0 * item.active_params * input_tokens
            + _attention_flops(item, input_tokens, input_tokens / 2.0))


def _allreduce_time(item, acc, tokens, tensor_parallel):
    """Tensor-parallel all-reduce time for ``tokens`` tokens through all layers [s]: two
    all-reduces per layer (after attention and after the MLP) of tokens · hidden activations
    in 16 bits; a ring moves 2(p−1)/p of the message per accelerator, plus a fixed latency per
    all-reduce."""
    if tensor_parallel == 1:
        return np.zeros(np.shape(tokens))
    message_b = np.asarray(tokens, dtype=float) * item.hidden_size * _ACTIVATION_BYTES
    ring = 2.0 * (tensor_parallel - 1) / tensor_parallel
    per_call = ring * message_b / (acc.interconnect_gb_s * 1e9) + ALLREDUCE_LATENCY_S
    return 2.0 * item.layers * per_call


def _decode_step_time(item, acc, precision, batch, tensor_parallel, context, mfu, mbu):
    """One decode step of ``batch`` sequences with mean context ``context`` [s]: the slower of
    compute and memory traffic (weights + KV cache), split over ``tensor_parallel`` chips, plus
    the tensor-parallel all-reduces (not overlapped)."""
    batch = np.asarray(batch, dtype=float)
    flops = (2.0 * item.active_params * batch + _attention_flops(item, batch, context))
    traffic = (_weights_read_per_step(item, batch, precision)
               + batch * context * item.kv_bytes_per_token(precision))
    compute_s = flops / (tensor_parallel * acc.peak(precision) * mfu)
    memory_s = traffic / (tensor_parallel * acc.memory_bandwidth_tb_s * 1e12 * mbu)
    step_s = np.maximum(compute_s, memory_s) + _allreduce_time(item, acc, batch, tensor_parallel)
    return step_s, compute_s >= memory_s


def _replica_llm(item, acc, precision, input_tokens, output_tokens, tensor_parallel, batch_size,
                 tpot_target_s, mfu, mbu):
    """Performance of one replica of ``tensor_parallel`` chips, or None if nothing fits."""
    memory_b = acc.memory_gb * 1e9 * (1.0 - MEMORY_RESERVE_FRACTION) * tensor_parallel
    kv_per_sequence = (input_tokens + output_tokens) * item.kv_bytes_per_token(precision)
    free_b = memory_b - item.weight_bytes(precision)
    if free_b < kv_per_sequence:
        return None
    memory_batch = int(min(free_b // kv_per_sequence, MAX_BATCH_SIZE))
    context = input_tokens + output_tokens / 2.0
    if batch_size is None:
        candidates = np.arange(1, memory_batch + 1)
        tpot, _ = _decode_step_time(item, acc, precision, candidates, tensor_parallel, context,
                                    mfu, mbu)
        meets = tpot <= (math.inf if tpot_target_s is None else tpot_target_s)
        if not meets.any():
            return None
        batch = int(candidates[meets][-1])
    else:
        if batch_size > memory_batch:
            return None
        batch = int(batch_size)
    tpot, compute_bound = _decode_step_time(item, acc, precision, batch, tensor_parallel,
                                            context, mfu, mbu)
    tpot = float(tpot)
    prefill_compute_s = _prefill_flops(item, input_tokens) / (
        tensor_parallel * acc.peak(precision) * mfu) + float(
        _allreduce_time(item, acc, input_tokens, tensor_parallel))
    prefill_memory_s = _weights_read_per_step(item, 1, precision).item() / (
        tensor_parallel * acc.memory_bandwidth_tb_s * 1e12 * mbu)
    ttft = max(prefill_compute_s, prefill_memory_s) + tpot
    # Sustained: each request costs its prefill (compute-bound, batched with others) and a
    # 1/batch share of its output_tokens decode steps.
    seconds_per_request = prefill_compute_s + output_tokens * tpot / batch
    decode_share = output_tokens * tpot / batch / seconds_per_request
    # Busy fraction of the binding resource: MFU during prefill; during decode, MFU when
    # compute-bound, else MBU (the step is limited by memory at that achieved share).
    utilisation = (1.0 - decode_share) * mfu + decode_share * (mfu if compute_bound else mbu)
    return {
        "batch_size": batch, "tensor_parallel": tensor_parallel, "ttft_s": ttft,
        "tpot_s": tpot, "requests_per_s_replica": 1.0 / seconds_per_request,
        "utilisation": utilisation, "decode_compute_bound": bool(compute_bound),
        "memory_batch_limit": memory_batch,
    }


def inference_performance(model, accelerator, *, precision, input_tokens=0, output_tokens=0,
                          batch_size=None, tensor_parallel=None, tpot_target_s=None,
                          utilisation=None, include_host=True) -> xr.Dataset:
    """Serving performance of ``model`` on ``accelerator``: a roofline with utilisation factors.

    Parameters
    ----------
    model : str or Model
        Name in :data:`MODELS`.
    accelerator : str or Accelerator
        Name in :func:`studies.hardware.accelerators`.
    precision : str
        ``"bf16"``, ``"fp8"``, ``"int8"`` or ``"fp4"``; must be published for the accelerator.
    input_tokens, output_tokens : int
        Prompt and generated tokens per request (LLMs; ignored for vision) [tokens].
    batch_size : int, optional
        Sequences decoded together per replica. Default: the largest with TPOT ≤
        ``tpot_target_s`` that fits memory (at most :data:`MAX_BATCH_SIZE`).
    tensor_parallel : int, optional
        Accelerators per replica. Default: among the powers of two (≤ 64) whose memory holds
        the weights and the KV cache of at least one full-length sequence within
        ``tpot_target_s``, the smallest whose throughput per accelerator is within
        :data:`TENSOR_PARALLEL_GAIN` of the best (a bigger replica only where its extra KV-cache
        room pays: e.g. Llama-2-70B FP8 on 80 GB H100s leaves ~30 sequences of KV room at 1
        accelerator).
    tpot_target_s : float, optional
        Time-per-output-token target [s]; None: no target (throughput-optimal batch).
    utilisation : str or dict, optional
        Name in :data:`UTILISATION` or ``{"mfu": ..., "mbu": ...}``; default
        ``"datacenter-typical"`` (``"edge-typical"`` for vehicle computers).
    include_host : bool, default True
        Add the accelerator's host share (``Accelerator.host_w``) to ``power_w``. It is 0 for
        vehicle computers (the car's wake overhead is ``ground.fleet``'s) and space parts (the
        bus is the satellite design's).

    Returns
    -------
    xarray.Dataset
        Scalars: ``batch_size``, ``tensor_parallel``, ``fits``, ``ttft_s``, ``tpot_s``,
        ``request_time_s``, ``tokens_per_s_per_accelerator``, ``requests_per_s_per_accelerator``,
        ``accelerator_power_w``, ``power_w``, ``energy_per_output_token_j``,
        ``energy_per_request_j``, ``utilisation``, ``decode_compute_bound``. When nothing fits
        (``fits`` False) the rates are 0 and the times and energies infinite; ``attrs["reason"]``
        says why. Vision models: one request is one frame; ``tokens_per_s_per_accelerator`` is 0
        and ``energy_per_output_token_j`` NaN (use ``energy_per_request_j``).

    Notes
    -----
    Prefill of :math:`n_i` prompt tokens is compute-bound,

    .. math:: t_\\mathrm{prefill} = \\frac{2 N_\\mathrm{active} n_i + 2 L h d n_i^2}
              {p\\,F\\,\\mathrm{MFU}},

    (:math:`L` layers, :math:`h` query heads of size :math:`d`, :math:`p` accelerators of peak
    :math:`F`). A decode step of :math:`B` sequences with mean context :math:`c = n_i + n_o/2`
    takes the slower of compute and memory traffic,

    .. math:: t_\\mathrm{step} = \\max\\left(\\frac{2 N_\\mathrm{active} B + 4 L h d B c}
              {p F \\mathrm{MFU}},\\;
              \\frac{W + B c \\cdot 2 L h_\\mathrm{kv} d\\, b_\\mathrm{kv}}{p\\,\\beta\\,\\mathrm{MBU}}
              \\right),

    with :math:`W` the weight bytes read (for a mixture of experts, shared weights plus the
    expected touched share of experts :math:`1-(1-k/E)^B`) and :math:`\\beta` the memory
    bandwidth. TTFT is one request's prefill plus one step; TPOT is :math:`t_\\mathrm{step}`;
    sustained requests per second per replica are :math:`1/(t_\\mathrm{prefill} + n_o
    t_\\mathrm{step}/B)`. Power per accelerator is :math:`P_\\mathrm{idle} + (P_\\mathrm{TDP}
    - P_\\mathrm{idle})\\,u` with :math:`u` the time-weighted MFU or MBU of the binding
    resource, plus the host share. With :math:`p > 1`, each step and each prefill also waits for
    two ring all-reduces per layer of the tokens' activations (16 bit) over the accelerator
    interconnect, :math:`2L\\,[2(p-1)/p \\cdot n h \\cdot 2\\,\\mathrm{B} / \\beta_\\mathrm{link} +
    t_\\mathrm{lat}]`, not overlapped with compute. Vision models are compute-bound:
    :math:`f = F\\,\\mathrm{MFU}/\\mathrm{FLOPs}` frames per second.

    Validation (tests/test_workload.py): against TensorRT-LLM's measured throughput at fixed
    prompt/output lengths on H100 and H200 (Llama 3.1 8B, 70B, 405B; 25 points) the median
    error is 9 %, 23 of 25 within ±35 %, worst +50 %; on B200/GB200 in FP4 the roofline is
    26-89 % too fast (not validated). MLPerf Inference v4.1 Offline: Llama-2-70B on H100 and
    H200 within ±35 % for mean prompts of 150-450 tokens (the logs do not give the mean); the
    H200/H100 speed-up within 11 % (Llama-2-70B) and 3 % (Mixtral); ResNet-50 on H200 +28 %;
    MI300X is ~55 % too fast relative to H100 (its 2024 ROCm/vLLM stack reached 0.96 x H100
    despite higher peaks: not validated). GPU energy per token for Llama 3.1 8B on H100 at
    batch 64 is 34 % below ML.ENERGY's 0.12 J (CPU-side gaps are not modelled).

    References
    ----------
    Williams, Waterman & Patterson (2009), Roofline, CACM 52(4); Pope et al. (2023), MLSys;
    Kwon et al. (2023), vLLM / PagedAttention, SOSP.

    Examples
    --------
    >>> ds = inference_performance("llama-3.1-8b", "H100 SXM", precision="fp8",
    ...                            input_tokens=1024, output_tokens=256, tpot_target_s=0.04)
    >>> bool(ds.fits), int(ds.tensor_parallel)
    (True, 1)
    >>> bool(ds.tpot_s <= 0.04)
    True
    """
    item = _model_named(model)
    acc = _hardware.accelerator(accelerator)
    precision = check_name("precision", precision, PRECISIONS, what="precision")
    acc.peak(precision)  # raises when the accelerator has no such peak
    if not acc.usable:
        raise ValueError(f"accelerator: {acc.name} has no throughput figure ({acc.source}); "
                         "it cannot serve inference in this model")
    mfu, mbu = _utilisation(utilisation, acc)
    if tpot_target_s is not None:
        tpot_target_s = float(check_number("tpot_target_s", tpot_target_s, 0, None,
                                            low_inclusive=False, unit="s"))
    if batch_size is not None:
        batch_size = int(check_number("batch_size", batch_size, 1, MAX_BATCH_SIZE))
    if tensor_parallel is not None:
        tensor_parallel = int(check_number("tensor_parallel", tensor_parallel, 1,
                                            _MAX_TENSOR_PARALLEL))
    active_w = lambda u: acc.idle_w + (acc.tdp_w - acc.idle_w) * u  # noqa: E731
    host_w = acc.host_w if include_host else 0.0

    if item.kind == "vision":
        frames_per_s = acc.peak(precision) * mfu / item.flops_per_inference
        accelerator_power = active_w(mfu)
        return _dataset(item, acc, precision, fits=True, reason="", batch_size=1,
                        tensor_parallel=1, ttft_s=1.0 / frames_per_s, tpot_s=0.0,
                        request_time_s=1.0 / frames_per_s, tokens_per_s=0.0,
                        requests_per_s=frames_per_s, accelerator_power_w=accelerator_power,
                        power_w=accelerator_power + host_w, output_tokens=0, utilisation=mfu,
                        compute_bound=True, mfu=mfu, mbu=mbu)

    input_tokens = int(check_number("input_tokens", input_tokens, 1, item.context_length))
    output_tokens = int(check_number("output_tokens", output_tokens, 1, item.context_length))
    if input_tokens + output_tokens > item.context_length:
        raise ValueError(f"input_tokens + output_tokens: {input_tokens + output_tokens} is "
                         f"outside the allowed range [2, {item.context_length}] of {item.name}")
    largest = _MAX_TENSOR_PARALLEL_BY_KIND[acc.kind]
    if tensor_parallel is not None and tensor_parallel > largest:
        raise ValueError(f"tensor_parallel: {tensor_parallel} is outside the allowed range "
                         f"[1, {largest}] for a {acc.kind} accelerator ({acc.name})")
    sizes = ([tensor_parallel] if tensor_parallel is not None
             else [2 ** k for k in range(int(math.log2(largest)) + 1)])
    results = [r for r in (_replica_llm(item, acc, precision, input_tokens, output_tokens, size,
                                        batch_size, tpot_target_s, mfu, mbu) for size in sizes)
               if r is not None]
    result = None
    if results:
        per_accelerator = [r["requests_per_s_replica"] / r["tensor_parallel"] for r in results]
        best = max(per_accelerator)
        result = next(r for r, rate in zip(results, per_accelerator)
                      if rate >= TENSOR_PARALLEL_GAIN * best)
    if result is None:
        memory_b = acc.memory_gb * 1e9 * (1.0 - MEMORY_RESERVE_FRACTION)
        held = [p for p in sizes if memory_b * p - item.weight_bytes(precision)
                >= (input_tokens + output_tokens) * item.kv_bytes_per_token(precision)]
        if not held:
            reason = (f"{item.name} in {precision} ({item.weight_bytes(precision) / 1e9:.1f} GB "
                      f"of weights + one {input_tokens + output_tokens}-token KV cache) does not "
                      f"fit in {sizes[-1]} x {acc.memory_gb:g} GB of {acc.name}")
        else:
            fastest, _ = _decode_step_time(item, acc, precision, 1, held[-1],
                                           input_tokens + output_tokens / 2.0, mfu, mbu)
            reason = (f"{item.name} in {precision} on {acc.name}: the fastest TPOT (batch 1, "
                      f"tensor_parallel {held[-1]}) is {float(fastest):.3g} s, above the TPOT "
                      f"target {tpot_target_s} s" if batch_size is None else
                      f"{item.name} in {precision} on {acc.name}: batch {batch_size} does not "
                      f"fit memory or the TPOT target {tpot_target_s} s")
        return _dataset(item, acc, precision, fits=False, reason=reason,
                        batch_size=batch_size or 0, tensor_parallel=sizes[-1], ttft_s=math.inf,
                        tpot_s=math.inf, request_time_s=math.inf, tokens_per_s=0.0,
                        requests_per_s=0.0, accelerator_power_w=acc.idle_w,
                        power_w=acc.idle_w + host_w, output_tokens=output_tokens,
                        utilisation=0.0, compute_bound=False, mfu=mfu, mbu=mbu)
    size = result["tensor_parallel"]
    requests_per_s = result["requests_per_s_replica"] / size
    accelerator_power = active_w(result["utilisation"])
    return _dataset(item, acc, precision, fits=True, reason="",
                    batch_size=result["batch_size"], tensor_parallel=size,
                    ttft_s=result["ttft_s"], tpot_s=result["tpot_s"],
                    request_time_s=result["ttft_s"] + (output_tokens - 1) * result["tpot_s"],
                    tokens_per_s=requests_per_s * output_tokens, requests_per_s=requests_per_s,
                    accelerator_power_w=accelerator_power, power_w=accelerator_power + host_w,
                    output_tokens=output_tokens, utilisation=result["utilisation"],
                    compute_bound=result["decode_compute_bound"], mfu=mfu, mbu=mbu)


def request_performance(request, accelerator, *, utilisation=None,
                        include_host=True) -> xr.Dataset:
    """:func:`inference_performance` of one request class on one accelerator.

    The class's precision is mapped with :func:`compatible_precision` (e.g. ``fp8`` runs in
    ``int8`` on a TPU v6e), its TPOT SLO is the TPOT target, and the returned Dataset carries
    ``meets_ttft_slo`` (TTFT ≤ SLO, or True without one) and ``meets_latency_slo``
    (``request_time_s`` ≤ ``latency_slo_s``); ``attrs`` name the class and the precision used.

    Parameters
    ----------
    request : str or RequestClass
        A key of :data:`REQUEST_CLASSES` or a class from :func:`request_class`.
    accelerator : str or Accelerator
    utilisation : str or dict, optional
        As in :func:`inference_performance`.
    include_host : bool, default True

    Returns
    -------
    xarray.Dataset

    Examples
    --------
    >>> ds = request_performance("chat", "TPU v6e")
    >>> ds.attrs["precision"], bool(ds.meets_ttft_slo)
    ('int8', True)
    """
    item = request if isinstance(request, RequestClass) else request_class(request)
    precision = compatible_precision(accelerator, item.precision)
    ds = inference_performance(item.model, accelerator, precision=precision,
                               input_tokens=item.input_tokens, output_tokens=item.output_tokens,
                               tpot_target_s=item.tpot_slo_s, utilisation=utilisation,
                               include_host=include_host)
    ttft_ok = bool(ds.fits) and (item.ttft_slo_s is None
                                 or float(ds.ttft_s) <= item.ttft_slo_s)
    latency_ok = bool(ds.fits) and float(ds.request_time_s) <= item.latency_slo_s
    ds["meets_ttft_slo"] = ((), ttft_ok, {"units": "1", "long_name": "TTFT within the class SLO"})
    ds["meets_latency_slo"] = ((), latency_ok, {
        "units": "1", "long_name": "service time within the class end-to-end SLO (network "
                                   "and queueing not included)"})
    ds.attrs["request_class"] = item.name
    return ds


def _dataset(item, acc, precision, *, fits, reason, batch_size, tensor_parallel, ttft_s, tpot_s,
             request_time_s, tokens_per_s, requests_per_s, accelerator_power_w, power_w,
             output_tokens, utilisation, compute_bound, mfu, mbu) -> xr.Dataset:
    energy_per_request = (power_w / requests_per_s) if requests_per_s > 0 else math.inf
    if item.kind == "vision":
        energy_per_token = math.nan  # no tokens: use energy_per_request_j (per frame)
    else:
        energy_per_token = (power_w / tokens_per_s) if tokens_per_s > 0 else math.inf
    variables = {
        "batch_size": (batch_size, "1", "sequences decoded together per replica"),
        "tensor_parallel": (tensor_parallel, "1", "accelerators per model replica"),
        "fits": (bool(fits), "1", "the model fits and meets the TPOT target"),
        "ttft_s": (ttft_s, "s", "time to first token of one request (prefill + one step)"),
        "tpot_s": (tpot_s, "s", "time per output token (one decode step)"),
        "request_time_s": (request_time_s, "s", "service time of one request"),
        "tokens_per_s_per_accelerator": (tokens_per_s, "s-1",
                                         "sustained output tokens per second per accelerator"),
        "requests_per_s_per_accelerator": (requests_per_s, "s-1",
                                           "sustained requests per second per accelerator"),
        "accelerator_power_w": (accelerator_power_w, "W",
                                "accelerator power at this utilisation, host excluded"),
        "power_w": (power_w, "W", "power per accelerator at this utilisation, host share "
                                  "included"),
        "energy_per_output_token_j": (energy_per_token, "J",
                                      "energy per output token, host share included (NaN for "
                                      "vision models: no tokens)"),
        "energy_per_request_j": (energy_per_request, "J",
                                 "energy per request (all accelerators of the replica)"),
        "utilisation": (utilisation, "1", "time-weighted utilisation of the binding resource"),
        "decode_compute_bound": (bool(compute_bound), "1",
                                 "decode steps limited by compute rather than memory"),
    }
    ds = xr.Dataset({key: ((), value, {"units": units, "long_name": long_name})
                     for key, (value, units, long_name) in variables.items()})
    ds.attrs.update({"model": item.name, "accelerator": acc.name, "precision": precision,
                     "mfu": mfu, "mbu": mbu, "reason": reason,
                     "output_tokens": output_tokens})
    return ds


# --------------------------------------------------------------------------------------------
# demand
# --------------------------------------------------------------------------------------------


def _normalised(hourly):
    hourly = np.asarray(hourly, dtype=float)
    return hourly / hourly.mean()


#: Diurnal shapes by local hour (value k is the mean over hour [k, k+1)), normalised to mean 1.
DIURNAL_PROFILES = {
    "web-interactive": {
        "hourly": _normalised([
            0.45, 0.32, 0.25, 0.22, 0.22, 0.28, 0.45, 0.70, 0.95, 1.15, 1.25, 1.30,
            1.28, 1.30, 1.35, 1.32, 1.30, 1.25, 1.20, 1.20, 1.20, 1.10, 0.90, 0.65,
        ]),
        "source": "assumption shaped after published diurnal traces of interactive services: "
                  "trough ~4-5 h local at ~1/5 of the afternoon peak (Wikipedia page views, "
                  "Urdaneta et al. 2009, Computer Networks 53(11)); LLM conversation traffic "
                  "peaks in working hours with a long evening shoulder (Azure LLM inference "
                  "traces, Patel et al. 2024 Splitwise, ISCA; Stojkovic et al. 2025 DynamoLLM, "
                  "HPCA) — approximate reading, not a fit",
    },
    "office-hours": {
        "hourly": _normalised([
            0.15, 0.10, 0.10, 0.10, 0.10, 0.15, 0.30, 0.70, 1.40, 1.90, 2.00, 1.90,
            1.60, 1.90, 2.00, 1.90, 1.70, 1.30, 0.80, 0.50, 0.40, 0.30, 0.25, 0.20,
        ]),
        "source": "assumption: business API traffic, 9-17 h local with a lunch dip",
    },
    "flat": {
        "hourly": np.ones(24),
        "source": "no diurnal variation (batch work submitted around the clock)",
    },
}


def _diurnal(value, field_name):
    if isinstance(value, str):
        return DIURNAL_PROFILES[check_name(field_name, value, DIURNAL_PROFILES,
                                            what="diurnal profile")]["hourly"]
    hourly = check_number(field_name, value, 0, None)
    if hourly.shape != (24,) or hourly.mean() <= 0:
        raise ValueError(f"{field_name}: give a name in DIURNAL_PROFILES or 24 non-negative "
                         f"values with a positive mean (got shape {hourly.shape})")
    return hourly / hourly.mean()


def demand(cities: pd.DataFrame, times, *, adoption, requests_per_user_per_day: Mapping[str, float],
           diurnal="web-interactive") -> xr.Dataset:
    """Requests per second by time, city and request class.

    Parameters
    ----------
    cities : pandas.DataFrame
        Columns ``name, country, lat, lon, population, timezone`` (IANA), e.g.
        :func:`ground.sites.cities`.
    times : array_like of datetime64
        UTC instants.
    adoption : float
        Share of residents who are active users [1], in [0, 1].
    requests_per_user_per_day : Mapping[str, float]
        Requests per active user per day by request class (keys of :data:`REQUEST_CLASSES`)
        [day-1], in [0, 1e5].
    diurnal : str, array of 24 floats, or Mapping[str, str | array]
        Name in :data:`DIURNAL_PROFILES` (or 24 values) for every class, or one per class.

    Returns
    -------
    xarray.Dataset
        ``requests_per_s`` [s-1] with dims ``(time, city, request_class)``; coords ``city``
        (``"Name,CC"``; ``"Name,CC,admin1"`` where a name repeats in a country), ``lat``,
        ``lon``, ``population``, ``timezone``, ``request_class``, and ``local_hour``
        (time, city).

    Notes
    -----
    :math:`r(t) = P\\,a\\,n/86400 \\cdot s(h_\\mathrm{local}(t))` with :math:`s` a 24-hour shape
    of mean 1, so the daily mean rate is :math:`P a n / 86400`. Local hours come from
    ``zoneinfo`` through pandas, with daylight-saving time.

    Examples
    --------
    >>> import pandas as pd
    >>> city = pd.DataFrame({"name": ["Paris"], "country": ["FR"], "lat": [48.85],
    ...                      "lon": [2.35], "population": [2_000_000],
    ...                      "timezone": ["Europe/Paris"]})
    >>> times = pd.date_range("2026-06-21", periods=24, freq="h").values
    >>> ds = demand(city, times, adoption=0.1, requests_per_user_per_day={"chat": 10.0})
    >>> round(float(ds.requests_per_s.mean()), 3)  # 2e6 * 0.1 * 10 / 86400
    23.148
    """
    required = ("name", "country", "lat", "lon", "population", "timezone")
    if not isinstance(cities, pd.DataFrame):
        raise ValueError("cities: give a pandas DataFrame with columns " + ", ".join(required))
    missing = [c for c in required if c not in cities.columns]
    if missing:
        raise ValueError(f"cities: missing columns {missing}; required: {list(required)}")
    population = check_number("cities.population", cities["population"].to_numpy(), 0, None)
    lat = check_number("cities.lat", cities["lat"].to_numpy(), -90, 90, unit="degrees_north")
    lon = check_number("cities.lon", cities["lon"].to_numpy(), -180, 180, unit="degrees_east")
    adoption = float(check_number("adoption", adoption, 0, 1))
    if not isinstance(requests_per_user_per_day, Mapping) or not requests_per_user_per_day:
        raise ValueError("requests_per_user_per_day: give a mapping of request class to "
                         f"requests per user per day, keys in {list(REQUEST_CLASSES)}")
    classes = [check_name("requests_per_user_per_day", key, REQUEST_CLASSES,
                           what="request class") for key in requests_per_user_per_day]
    rates = np.array([float(check_number(f"requests_per_user_per_day[{key!r}]", value, 0, 1e5,
                                          unit="day-1"))
                      for key, value in requests_per_user_per_day.items()])
    if isinstance(diurnal, Mapping):
        shapes = np.stack([_diurnal(diurnal.get(c, "web-interactive"), f"diurnal[{c!r}]")
                           for c in classes])
    else:
        shapes = np.stack([_diurnal(diurnal, "diurnal")] * len(classes))
    try:
        times = np.atleast_1d(np.asarray(times, dtype="datetime64[ns]"))
    except (TypeError, ValueError):
        raise ValueError(f"times: {times!r} is not an array of datetime64 instants") from None
    if times.ndim != 1 or times.size == 0 or np.isnat(times).any():
        raise ValueError("times: give a one-dimensional array of UTC instants without NaT")

    utc = pd.DatetimeIndex(times).tz_localize("UTC")
    zones = cities["timezone"].astype(str).to_numpy()
    local_hour = np.empty((times.size, len(cities)), dtype=np.int64)
    for zone in np.unique(zones):
        try:
            hours = utc.tz_convert(zone).hour.to_numpy()
        except Exception:  # pytz/zoneinfo raise different types for an unknown zone
            raise ValueError(f"cities.timezone: unknown IANA time zone {zone!r}") from None
        local_hour[:, zones == zone] = hours[:, None]
    # rate [s-1] = population · adoption · requests per user per day / 86400 · shape(local hour)
    base = population[None, :, None] * adoption * rates[None, None, :] / 86400.0
    shape = np.moveaxis(shapes[:, local_hour], 0, -1)  # (time, city, class)
    labels = [f"{n},{c}" for n, c in zip(cities["name"], cities["country"])]
    if len(set(labels)) < len(labels):
        # Two cities of one name in one country (Springfield,US): add the region code, which
        # GeoNames rows carry (ground.sites.cities), else the row number.
        regions = (cities["admin1"].astype(str) if "admin1" in cities.columns
                   else pd.Series(range(len(cities)), index=cities.index).astype(str))
        counts = pd.Series(labels).value_counts()
        labels = [f"{label},{region}" if counts[label] > 1 else label
                  for label, region in zip(labels, regions)]
        if len(set(labels)) < len(labels):
            raise ValueError("cities: duplicate rows (same name, country and admin1); drop them")
    return xr.Dataset(
        {"requests_per_s": (("time", "city", "request_class"), base * shape,
                            {"units": "s-1", "long_name": "inference requests per second"})},
        coords={
            "time": ("time", times),
            "city": ("city", labels),
            "request_class": ("request_class", classes),
            "lat": ("city", lat, {"units": "degrees_north", "long_name": "latitude"}),
            "lon": ("city", lon, {"units": "degrees_east", "long_name": "longitude"}),
            "population": ("city", population, {"units": "1", "long_name": "population"}),
            "timezone": ("city", zones, {"long_name": "IANA time zone"}),
            "local_hour": (("time", "city"), local_hour,
                           {"units": "h", "long_name": "local clock hour (DST included)"}),
        },
        attrs={"adoption": adoption,
               "diurnal": diurnal if isinstance(diurnal, str) else "custom"},
    )
