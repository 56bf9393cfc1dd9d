"""What radiation faults do to inference: rates per chip-year, corrupted requests, mitigations.

Three ways in, all plain numbers (the hardware catalog lives in ``studies``):

- events per rad × dose rate: rate = Ḋ / (rad per event), as in Suncatcher's 67 MeV proton
  test of TPU v6e (events counted per rad of test dose);
- cross-section × flux: rate = σ (cm² per device) × flux (cm⁻² s⁻¹ above the test energy);
- upsets per bit-day × bits (e.g. a vendor's on-orbit figure for configuration RAM).

Each event kind has an effect: ``silent`` (silent data corruption, SDC), ``detected`` (an error
the hardware reports, e.g. an uncorrectable ECC error: the request is re-run) or ``crash``
(the chip or host must restart).
"""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital._checks import check_choice, check_range
from orbital.constants import SECONDS_PER_JULIAN_YEAR

__all__ = [
    "DEVICE_SUSCEPTIBILITY",
    "MITIGATION_PARAMETERS",
    "EFFECTS",
    "fault_rates",
    "request_corruption_probability",
    "young_daly_interval_s",
    "mitigations",
]

EFFECTS = ("silent", "detected", "crash")

#: Events per rad(Si) of device susceptibility. The effect assigned to host events is our
#: reading, not the source's: a host-CPU upset is taken to crash the host, a host-RAM event to
#: be detected.
DEVICE_SUSCEPTIBILITY = {
    "tpu-v6e-suncatcher": {
        "rad_per_event": {"sdc": (14.4 + 20.0) / 2, "hbm_uncorrectable_ecc": 44.0,
                          "system_crash": 5000.0, "host_cpu": 450.0, "host_ram": 400.0},
        "effect": {"sdc": "silent", "hbm_uncorrectable_ecc": "detected", "system_crash": "crash",
                   "host_cpu": "crash", "host_ram": "detected"},
        "tid_threshold_rad_si": 2000.0,
        "source": "Google Project Suncatcher, arXiv:2511.19468 (Nov 2025), 67 MeV proton tests "
                  "of TPU v6e: SDC 1 per 14.4-20 rad (midpoint used), HBM UECC ~1 per 44 rad, "
                  "crash ~1 per 5 krad, host CPU 1 per 450 rad, host RAM 1 per 400 rad; HBM "
                  "irregularities from 2 krad(Si) (secondary digests)",
    },
}

#: Mitigation overheads and recovery times. These are engineering assumptions (stated so they can
#: be changed), not measurements.
MITIGATION_PARAMETERS = {
    # Time to bring a crashed accelerator host back: reboot + reload weights (order of minutes).
    "restart_s": 300.0,
    # Checkpoint write cost for long-running requests/jobs (KV cache / activations to host RAM).
    "checkpoint_s": 5.0,
    # Share of SDCs that originate in ECC-protectable memory, and ECC's coverage of those.
    "sdc_fraction_in_memory": 0.5,
    "ecc_coverage": 0.99,
    # ECC bandwidth/latency and energy overheads (~2 %, SECDED on HBM/SRAM).
    "ecc_throughput_overhead": 0.02,
    "ecc_energy_overhead": 0.02,
    # Output comparison / majority vote cost per replicated request (fraction of one execution).
    "compare_overhead": 0.01,
}

_MITIGATIONS = ("none", "ecc", "checkpoint_restart", "dual_execution", "tmr_voting")


def fault_rates(dose_rad_si_per_year=None, *, device: str | None = "tpu-v6e-suncatcher",
                rad_per_event: dict | None = None, cross_section_cm2: dict | None = None,
                flux_cm2_s=None, upsets_per_bit_day: dict | None = None,
                bits: dict | None = None, effects: dict | None = None) -> xr.Dataset:
    """Expected fault events per chip-year, by event kind and by effect.

    Parameters
    ----------
    dose_rad_si_per_year : float, optional
        Dose rate at the device [rad(Si)/yr] (per-rad style).
    device : str or None
        A key of :data:`DEVICE_SUSCEPTIBILITY` supplying ``rad_per_event`` and ``effects``.
    rad_per_event : dict, optional
        {event: rad(Si) per event}; overrides the device's.
    cross_section_cm2 : dict, optional
        {event: cm² per device} (cross-section style, with ``flux_cm2_s``).
    flux_cm2_s : float, optional
        Particle flux above the cross-section's test energy [cm⁻² s⁻¹].
    upsets_per_bit_day : dict, optional
        {event: upsets per bit per day} (e.g. AMD XQR Versal configuration RAM in LEO,
        3.5e-9, vendor figure), with ``bits``.
    bits : dict, optional
        {event: bits in the device}.
    effects : dict, optional
        {event: "silent" | "detected" | "crash"}; required for events not in the device entry.

    Returns
    -------
    xarray.Dataset
        ``events_per_chip_year`` on dim ``event`` (coord ``effect``), and totals
        ``sdc_per_chip_year``, ``detected_per_chip_year``, ``crash_per_chip_year``.

    Notes
    -----
    Per-rad: λ = Ḋ / D_event. Cross-section: λ = σ Φ · 3.156×10⁷ s/yr. Per bit-day:
    λ = r · bits · 365.25 d/yr.

    Examples
    --------
    >>> r = fault_rates(150.0)       # Suncatcher: ~150 rad(Si)/yr behind ~10 mm Al at 650 km
    >>> round(float(r.sdc_per_chip_year), 1), round(float(r.events_per_chip_year.sel(
    ...     event="hbm_uncorrectable_ecc")), 1)
    (8.7, 3.4)
    """
    catalog = {}
    if device is not None:
        check_choice("device", device, tuple(DEVICE_SUSCEPTIBILITY))
        catalog = DEVICE_SUSCEPTIBILITY[device]
    effect_map = dict(catalog.get("effect", {}), **(effects or {}))
    if upsets_per_bit_day is not None:
        if bits is None or set(bits) != set(upsets_per_bit_day):
            raise ValueError("bits: give {event: bits in the device} for every event in "
                             "upsets_per_bit_day")
        rates = {k: float(check_range(f"upsets_per_bit_day[{k!r}]", v, 0.0, None,
                                      unit="bit-1 day-1"))
                 * float(check_range(f"bits[{k!r}]", bits[k], 0.0, None)) * 365.25
                 for k, v in upsets_per_bit_day.items()}
    elif cross_section_cm2 is not None:
        if flux_cm2_s is None:
            raise ValueError("flux_cm2_s: required with cross_section_cm2 (cm-2 s-1)")
        flux = float(check_range("flux_cm2_s", flux_cm2_s, 0.0, None, unit="cm-2 s-1"))
        rates = {k: float(check_range(f"cross_section_cm2[{k!r}]", v, 0.0, None, unit="cm2"))
                 * flux * SECONDS_PER_JULIAN_YEAR for k, v in cross_section_cm2.items()}
    else:
        if dose_rad_si_per_year is None:
            raise ValueError("dose_rad_si_per_year: give a dose rate (rad(Si)/yr), or "
                             "cross_section_cm2 with flux_cm2_s")
        dose = float(check_range("dose_rad_si_per_year", dose_rad_si_per_year, 0.0, None,
                                 unit="rad(Si)/yr"))
        per_rad = rad_per_event if rad_per_event is not None else catalog.get("rad_per_event")
        if not per_rad:
            raise ValueError("rad_per_event: give {event: rad per event} or a known device; "
                             f"devices: {sorted(DEVICE_SUSCEPTIBILITY)}")
        rates = {k: dose / float(check_range(f"rad_per_event[{k!r}]", v, 0.0, None,
                                             low_inclusive=False, unit="rad(Si)"))
                 for k, v in per_rad.items()}
    missing = [k for k in rates if k not in effect_map]
    if missing:
        raise ValueError(f"effects: no effect given for {missing}; map each to one of {EFFECTS}")
    for k in rates:
        check_choice(f"effects[{k!r}]", effect_map[k], EFFECTS)
    events = list(rates)
    ds = xr.Dataset(
        {"events_per_chip_year": ("event", [rates[k] for k in events], {
            "units": "chip-1 yr-1", "long_name": "expected radiation-induced events per chip-year"})},
        coords={"event": ("event", events, {"long_name": "event kind"}),
                "effect": ("event", [effect_map[k] for k in events],
                           {"long_name": "effect on the running workload"})},
    )
    for effect, name in (("silent", "sdc"), ("detected", "detected"), ("crash", "crash")):
        total = float(sum(rates[k] for k in events if effect_map[k] == effect))
        ds[f"{name}_per_chip_year"] = ((), total, {
            "units": "chip-1 yr-1", "long_name": f"{effect} events per chip-year"})
    if device is not None:
        ds.attrs["source"] = catalog["source"]
    return ds


def request_corruption_probability(sdc_per_chip_year, request_s, *, chips: int = 1):
    """Probability that one request is silently corrupted: 1 − exp(−λ n τ).

    Parameters
    ----------
    sdc_per_chip_year : array-like
        Silent-corruption rate per chip [1/yr].
    request_s : array-like
        Request duration [s].
    chips : int
        Chips the request runs on at once.

    Examples
    --------
    >>> f"{float(request_corruption_probability(8.8, 1.0)):.2e}"
    '2.79e-07'
    """
    rate = check_range("sdc_per_chip_year", sdc_per_chip_year, 0.0, None, unit="1/yr")
    duration = check_range("request_s", request_s, 0.0, None, unit="s")
    n = check_range("chips", chips, 1, None)
    return -np.expm1(-rate * n * duration / SECONDS_PER_JULIAN_YEAR)


def young_daly_interval_s(checkpoint_s, mtbf_s, restart_s=0.0):
    """Optimal checkpoint interval [s] (Daly 2006; Young 1974 to first order).

    Notes
    -----
    τ = √(2δ(M + R)) − δ for δ < M/2, else M (Daly 2006, eq. 37 first terms); Young: τ = √(2δM).

    References
    ----------
    Young, J. W. (1974), Commun. ACM 17, 530. Daly, J. T. (2006), Future Gener. Comput. Syst.
    22, 303.

    Examples
    --------
    >>> round(float(young_daly_interval_s(5.0, 86400.0)), 1)
    924.5
    """
    delta = check_range("checkpoint_s", checkpoint_s, 0.0, None, low_inclusive=False, unit="s")
    mtbf = check_range("mtbf_s", mtbf_s, 0.0, None, low_inclusive=False, unit="s")
    restart = check_range("restart_s", restart_s, 0.0, None, unit="s")
    return np.where(delta < mtbf / 2, np.sqrt(2 * delta * (mtbf + restart)) - delta, mtbf)


def mitigations(sdc_per_chip_year, detected_per_chip_year, crash_per_chip_year, request_s, *,
                chips: int = 1, parameters: dict | None = None) -> xr.Dataset:
    """Throughput, energy, residual corruption and availability under five mitigations.

    Parameters
    ----------
    sdc_per_chip_year, detected_per_chip_year, crash_per_chip_year : float
        Event rates per chip [1/yr] (e.g. from :func:`fault_rates`).
    request_s : float
        Duration of one request (or job) on one replica [s], > 0.
    chips : int
        Chips one replica uses at once.
    parameters : dict, optional
        Overrides for :data:`MITIGATION_PARAMETERS`.

    Returns
    -------
    xarray.Dataset
        On dim ``mitigation`` = none, ecc, checkpoint_restart, dual_execution, tmr_voting:
        ``throughput_multiplier`` (useful requests per chip-second relative to a fault-free
        chip), ``energy_multiplier`` (energy per useful request relative to fault-free),
        ``residual_corruption_probability`` (per delivered request), ``availability``
        (fraction of time the service accepts requests), ``corruptions_per_million_requests``,
        and ``checkpoint_interval_s``.

    Notes
    -----
    With λ_s, λ_d, λ_c per replica (chips × per-chip rates, per second) and p = 1 − e^(−λ_s τ):

    - none: lost work per interruption τ/2, restart R after a crash;
      throughput = 1/(1 + (λ_d + λ_c) τ/2 + λ_c R); energy = 1 + (λ_d + λ_c) τ/2;
      residual = p; availability A = 1/(1 + λ_c R).
    - ecc: λ_s → λ_s (1 − f_mem c); throughput × (1 − o_t); energy × (1 + o_e).
    - checkpoint_restart: Daly interval τ_c for M = 1/(λ_d + λ_c); lost work τ_c/2 instead of τ/2
      when τ > τ_c, plus δ/τ_c overhead; residual = p (silent errors are not detected).
    - dual_execution: two replicas compare outputs and re-run both on mismatch, probability
      m = 1 − (1 − p)²: throughput = base/(2/(1 − m)), energy = 2(1 + o_c) base/(1 − m);
      residual ≤ p² (both wrong *and* identical: an upper bound); availability A².
    - tmr_voting: three replicas and a majority vote: throughput = base/3,
      energy = 3(1 + o_c) base; residual ≤ 3p² − 2p³ (two or more wrong);
      availability 3A² − 2A³ (two of three up).

    Examples
    --------
    >>> ds = mitigations(8.8, 3.4, 0.4, 1.0)
    >>> bool(ds.residual_corruption_probability.sel(mitigation="tmr_voting")
    ...      < ds.residual_corruption_probability.sel(mitigation="none"))
    True
    """
    params = dict(MITIGATION_PARAMETERS)
    if parameters:
        unknown = sorted(set(parameters) - set(params))
        if unknown:
            raise ValueError(f"parameters: unknown keys {unknown}; valid: {sorted(params)}")
        params.update(parameters)
    n = float(check_range("chips", chips, 1, None))
    per_s = n / SECONDS_PER_JULIAN_YEAR
    lam_s = float(check_range("sdc_per_chip_year", sdc_per_chip_year, 0.0, None)) * per_s
    lam_d = float(check_range("detected_per_chip_year", detected_per_chip_year, 0.0, None)) * per_s
    lam_c = float(check_range("crash_per_chip_year", crash_per_chip_year, 0.0, None)) * per_s
    tau = float(check_range("request_s", request_s, 0.0, None, low_inclusive=False, unit="s"))
    restart = params["restart_s"]
    delta = params["checkpoint_s"]

    def base(lost_per_interruption, lam_silent):
        interrupted = (lam_d + lam_c) * lost_per_interruption
        throughput = 1 / (1 + interrupted + lam_c * restart)
        energy = 1 + interrupted
        p = -np.expm1(-lam_silent * tau)
        return throughput, energy, p

    availability = 1 / (1 + lam_c * restart)
    rows = {}
    t, e, p = base(tau / 2, lam_s)
    rows["none"] = (t, e, p, availability, np.nan)
    lam_ecc = lam_s * (1 - params["sdc_fraction_in_memory"] * params["ecc_coverage"])
    t2, e2, p2 = base(tau / 2, lam_ecc)
    rows["ecc"] = (t2 * (1 - params["ecc_throughput_overhead"]),
                   e2 * (1 + params["ecc_energy_overhead"]), p2, availability, np.nan)
    mtbf = 1 / (lam_d + lam_c) if lam_d + lam_c > 0 else np.inf
    interval = float(young_daly_interval_s(delta, mtbf, restart)) if np.isfinite(mtbf) else tau
    if interval < tau:
        t3, e3, _ = base(interval / 2, lam_s)
        t3, e3 = t3 / (1 + delta / interval), e3 * (1 + delta / interval)
    else:
        # Requests shorter than the optimal interval: checkpointing inside them does not pay.
        t3, e3 = t, e
    rows["checkpoint_restart"] = (t3, e3, p, availability, interval)
    mismatch = 1 - (1 - p) ** 2
    rounds = 1 / (1 - mismatch) if mismatch < 1 else np.inf
    rows["dual_execution"] = (t / (2 * rounds), 2 * (1 + params["compare_overhead"]) * e * rounds,
                              p**2, availability**2, np.nan)
    rows["tmr_voting"] = (t / 3, 3 * (1 + params["compare_overhead"]) * e, 3 * p**2 - 2 * p**3,
                          3 * availability**2 - 2 * availability**3, np.nan)
    values = np.array([rows[m] for m in _MITIGATIONS], dtype=float)
    ds = xr.Dataset(
        {
            "throughput_multiplier": ("mitigation", values[:, 0], {
                "units": "1", "long_name": "useful requests per chip-second vs fault-free"}),
            "energy_multiplier": ("mitigation", values[:, 1], {
                "units": "1", "long_name": "energy per useful request vs fault-free"}),
            "residual_corruption_probability": ("mitigation", values[:, 2], {
                "units": "1", "long_name": "probability a delivered request is silently corrupted"}),
            "availability": ("mitigation", values[:, 3], {
                "units": "1", "long_name": "fraction of time the service accepts requests"}),
            "corruptions_per_million_requests": ("mitigation", values[:, 2] * 1e6, {
                "units": "ppm", "long_name": "silently corrupted requests per million"}),
            "checkpoint_interval_s": ("mitigation", values[:, 4], {
                "units": "s", "long_name": "Young/Daly checkpoint interval (checkpoint only)"}),
        },
        coords={"mitigation": ("mitigation", list(_MITIGATIONS), {"long_name": "mitigation"})},
        attrs={"request_s": tau, "chips": n, **{f"parameter_{k}": v for k, v in params.items()}},
    )
    return ds
