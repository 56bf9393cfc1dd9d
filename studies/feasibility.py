"""Feasibility of a whole constellation, satellite by satellite: power, heat and radiation for
every satellite of shells of up to a million, on a laptop or a Dask cluster.

:func:`feasibility` runs the physics of :mod:`orbital` over every satellite and the span, chunk
by chunk (a chunk is a few thousand satellites, never the whole (time, satellite) grid), and
keeps per satellite only a handful of figures:

- the sunlit fraction and the longest eclipse of a complete orbit, from the energy balance's
  shadow (``orbital.power.energy_balance``, ``orbital.sun.shadow_fraction``);
- the compute duty cycle the energy balance allows and the deepest battery discharge;
- the radiator node's coldest and hottest temperature (``orbital.thermal.orbit_temperature``)
  and the share of the span it stays under the chips' limit;
- the yearly dose behind the design's aluminium (``orbital.radiation.total_dose_depth``), the
  faults per chip-year it causes (``orbital.radiation.fault_rates``) and the throughput of the
  best mitigation that keeps corrupted answers rare (``orbital.radiation.mitigations``);
- what the satellite delivers: accelerator-hours per day and compute energy per day.

The figures of each chunk stream into a Zarr store as the chunk finishes; a killed run started
again skips the finished chunks and ends with the same store, byte for byte. Aggregates (per
orbital plane and per altitude band: percentiles of each figure, totals, counts of satellites
whose design does not close) are computed from the store, one figure at a time
(:func:`aggregates`, which a user can call again on a store, e.g. with other bands). A design
that cannot close (battery too small for the eclipse, radiator too small for the heat) is a
result, not an error: the duty cycle falls below 1, the temperature goes over the limit, and the
summary counts the satellites affected.

The tasks run through :func:`studies.distributed.dask_client`: an embedded cluster of local
processes by default, or an existing cluster (``scheduler=`` or ``DASK_SCHEDULER_ADDRESS``).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import xarray as xr

__all__ = [
    "BYTES_PER_SATELLITE_STEP",
    "FIGURES",
    "MITIGATIONS",
    "RADIATION_MODES",
    "FeasibilityError",
    "aggregates",
    "feasibility",
    "open_feasibility",
    "run_scenario",
    "summary_lines",
]

STORE_FORMAT = 1
"""Layout version of a feasibility store."""

REPRESENTATIVES_PER_TASK = 16
"""Radiation representatives propagated together in one task (fixed, so the batches do not
depend on the chunking)."""

BYTES_PER_SATELLITE_STEP = 600
"""Peak memory of a chunk task per satellite and time step [B]: states, energy balance and
thermal arrays together (measured: ~300 B on 2 000 satellites × 1 440 steps, above the
worker's own; twice that for margin)."""

RADIATION_MODES = ("plane", "class", "satellite")
"""Which satellites the dose is computed for: one per orbital plane (default), one per orbit
class (a Walker shell: same altitude and inclination), or every satellite (validation)."""

PLANE_DOSE_TOLERANCE = 0.15
"""Stated agreement of the per-plane (and per-class) dose with each satellite's own, relative,
over one day. Satellites of one circular plane fly the same ground track a few minutes apart, so
over ~15 orbits they cross the South Atlantic Anomaly on the same set of longitudes, shifted by
at most one orbit's worth of Earth rotation (~24°); planes of one Walker shell differ only by
their node. Measured on 10 × 50 shells over 2026-06-21 at 60 s (behind 10 mm Al): per plane at
most 7 % off at 560 km / 53° and 900 km / 97.6°, 11.5 % at 1 200 km / 60°; per class 11-12 %.
Over a year, precession and Earth rotation spread every satellite over the same longitudes, so
the one-day spread is sampling, not a lasting difference between satellites."""

MITIGATIONS = ("none", "ecc", "checkpoint_restart", "dual_execution", "tmr_voting")
"""Order of ``orbital.radiation.mitigations``; the per-satellite ``mitigation`` figure is an
index into it."""

DEFAULT_REQUEST_S = 10.0
"""Duration of one request on one replica [s] used to choose the mitigation (assumption: a
chat answer of a few hundred tokens at ~30-50 tokens/s)."""

POWER_LIMITED_BELOW = 1.0 - 1e-9
"""A satellite whose mean compute duty cycle is below this is counted as power-limited."""

#: The per-satellite figures: name → (units, long_name).
FIGURES = {
    "sunlit_fraction": ("1", "time-mean visible fraction of the solar disk"),
    "eclipse_minutes_max": ("min", "longest eclipse of a complete orbit (the span, if shorter "
                                   "than an orbit), weighted by the hidden fraction of the disk"),
    "compute_duty_cycle": ("1", "time-mean compute served / compute demanded (energy balance)"),
    "compute_duty_cycle_min": ("1", "lowest compute duty cycle of any step"),
    "battery_depth_of_discharge_max": ("1", "deepest battery discharge reached (fraction of "
                                            "capacity)"),
    "radiator_temperature_min_k": ("K", "coldest radiator-node temperature"),
    "radiator_temperature_max_k": ("K", "hottest radiator-node temperature"),
    "thermal_availability": ("1", "share of the span the radiator node stays at or under the "
                                  "chips' limit"),
    "dose_rad_si_per_year": ("rad(Si) yr-1", "total ionizing dose rate in Si behind the "
                                             "design's shielding (trapped + GCR)"),
    "sdc_per_chip_year": ("chip-1 yr-1", "silent data corruptions per chip-year"),
    "detected_per_chip_year": ("chip-1 yr-1", "detected errors per chip-year"),
    "crash_per_chip_year": ("chip-1 yr-1", "crashes per chip-year"),
    "mitigation_throughput": ("1", "throughput multiplier of the chosen radiation mitigation"),
    "corruptions_per_million_requests": ("1", "corrupted answers per million requests under "
                                              "the chosen mitigation"),
    "available_duty_cycle": ("1", "time-mean compute duty cycle while the radiator holds the "
                                  "limit"),
    "accelerator_hours_per_day": ("h d-1", "deliverable accelerator-hours per day: accelerators"
                                           " x available duty x mitigation throughput x 24 h"),
    "energy_delivered_kwh_per_day": ("kWh d-1", "compute energy served per day while the "
                                                "radiator holds the limit"),
}
_INTEGER_FIGURES = {"mitigation": ("1", "chosen radiation mitigation (index into "
                                        "flag_meanings)")}
_RADIATION_FIGURES = ("dose_rad_si_per_year", "sdc_per_chip_year", "detected_per_chip_year",
                      "crash_per_chip_year", "mitigation_throughput",
                      "corruptions_per_million_requests")


class FeasibilityError(ValueError):
    """A feasibility store that cannot be used (another definition, unfinished, not one)."""


# --------------------------------------------------------------------------------------------
# the satellites: one or several shells, or any constellation, as pieces a task can rebuild
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _WalkerPiece:
    """Satellites ``indices`` of a Walker shell (cheap to send: the shell and the indices)."""

    shell: object
    indices: np.ndarray
    plane_offset: int

    def build(self):
        from orbital.orbits import Constellation

        shell, idx = self.shell, self.indices
        n = idx.size
        plane, slot = shell.plane[idx], shell.slot[idx]
        return Constellation.from_circular_elements(
            altitude_km=np.full(n, float(shell.altitude_km)),
            inclination_deg=np.full(n, float(shell.inclination_deg)),
            raan_deg=shell.raan_deg[idx], argument_of_latitude_deg=shell.argument_of_latitude_deg[idx],
            epoch=shell.epoch, plane=plane, slot=slot, name=shell.name)  # names made on demand

    def periods_s(self):
        from orbital.orbits import orbital_period_min

        return np.full(self.indices.size, float(orbital_period_min(self.shell.altitude_km)) * 60.0)


@dataclass(frozen=True)
class _SetPiece:
    """Satellites of any constellation, sent as its subset."""

    constellation: object

    def build(self):
        return self.constellation

    def periods_s(self):
        from orbital.orbits import orbital_period_min

        return np.asarray(orbital_period_min(self.constellation.altitude_km), float) * 60.0


class _Fleet:
    """Every satellite of the run, numbered 0 … N−1 across its sources (shells) in order."""

    def __init__(self, constellation):
        from orbital.orbits import WalkerShell

        items = list(constellation) if isinstance(constellation, (list, tuple)) else [constellation]
        if not items:
            raise ValueError("constellation: an empty list; give a Walker shell, a list of shells "
                             "or an orbital.orbits.Constellation")
        self.sources = []
        for k, item in enumerate(items):
            if isinstance(item, WalkerShell):
                self.sources.append(item)
            elif hasattr(item, "to_constellation"):
                self.sources.append(item.to_constellation())
            else:
                raise ValueError(f"constellation[{k}]: {type(item).__name__} is not an orbit; give "
                                 "a WalkerShell (orbital.orbits.walker_delta) or a Constellation")
        self.sizes = np.array([self._size(s) for s in self.sources], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)])
        self.n = int(self.starts[-1])
        planes = [self._planes(s) for s in self.sources]
        self.plane_counts = np.array([len(np.unique(p[p >= 0])) if p.size else 0 for p in planes])
        self.plane_offsets = np.concatenate([[0], np.cumsum(self.plane_counts)])

    @staticmethod
    def _size(source):
        return int(source.n_satellites)

    @staticmethod
    def _planes(source):
        """Plane label of each satellite of a source (−1: in no plane)."""
        return np.asarray(source.plane, dtype=np.int64)

    def is_walker(self, k):
        from orbital.orbits import WalkerShell

        return isinstance(self.sources[k], WalkerShell)

    def piece(self, k, local):
        """The satellites ``local`` (indices within source k) as a task can rebuild them."""
        local = np.asarray(local, dtype=np.int64)
        if self.is_walker(k):
            return _WalkerPiece(self.sources[k], local, int(self.plane_offsets[k]))
        return _SetPiece(self.sources[k].subset(local))

    def global_planes(self, k):
        """Plane of each satellite of source k, numbered across sources (−1: none)."""
        raw = self._planes(self.sources[k])
        labels, inverse = np.unique(np.where(raw >= 0, raw, np.iinfo(np.int64).max),
                                    return_inverse=True)
        numbered = inverse + self.plane_offsets[k]
        return np.where(raw >= 0, numbered, -1)

    def chunks(self, size):
        """(global start, global stop) of every chunk: ``size`` satellites, the last fewer. A
        chunk may span sources (shells); its task handles one piece per source."""
        return [(start, min(start + size, self.n)) for start in range(0, self.n, size)]

    def representatives(self, mode):
        """Global index of the satellite whose dose stands for each satellite."""
        out = np.empty(self.n, dtype=np.int64)
        for k, source in enumerate(self.sources):
            start, n = int(self.starts[k]), int(self.sizes[k])
            local = np.arange(n)
            if mode == "satellite":
                rep = local
            elif self.is_walker(k):
                rep = (local // source.sats_per_plane) * source.sats_per_plane if mode == "plane" \
                    else np.zeros(n, dtype=np.int64)
            else:
                if mode == "plane":
                    key = self._planes(source)
                    key = np.where(key >= 0, key, -1 - local)  # no plane: its own
                else:
                    key = (np.round(source.altitude_km).astype(np.int64) * 100_000
                           + np.round(source.inclination_deg * 10).astype(np.int64))
                _, first, inverse = np.unique(key, return_index=True, return_inverse=True)
                rep = first[inverse]
            out[start:start + n] = start + rep
        return out

    def locate(self, global_indices):
        """Pieces for some global indices (sorted), one per source they fall in."""
        global_indices = np.asarray(global_indices, dtype=np.int64)
        source = np.searchsorted(self.starts, global_indices, side="right") - 1
        return [self.piece(k, global_indices[source == k] - self.starts[k])
                for k in np.unique(source)]

    def coordinates(self):
        """Per-satellite coordinates (shell, plane, altitude, inclination), cheap: no SGP4."""
        shell = np.repeat(np.arange(len(self.sources), dtype=np.int16), self.sizes)
        plane = np.concatenate([self.global_planes(k) for k in range(len(self.sources))])
        altitude, inclination = [], []
        for s in self.sources:
            n = self._size(s)
            if hasattr(s, "sats_per_plane"):
                altitude.append(np.full(n, float(s.altitude_km)))
                inclination.append(np.full(n, float(s.inclination_deg)))
            else:
                altitude.append(np.asarray(s.altitude_km, float))
                inclination.append(np.asarray(s.inclination_deg, float))
        return shell, plane, np.concatenate(altitude), np.concatenate(inclination)

    def names(self):
        return [getattr(s, "name", f"source-{k}") for k, s in enumerate(self.sources)]

    def fingerprint(self):
        """What identifies the satellites (for the store's definition)."""
        out = []
        for s in self.sources:
            if hasattr(s, "sats_per_plane"):
                out.append({"kind": "walker", "altitude_km": float(s.altitude_km),
                            "inclination_deg": float(s.inclination_deg), "planes": int(s.planes),
                            "sats_per_plane": int(s.sats_per_plane), "phasing": int(s.phasing),
                            "pattern": s.pattern, "raan_offset_deg": float(s.raan_offset_deg),
                            "epoch": str(np.datetime64(s.epoch, "ns")), "name": s.name})
            else:
                digest = hashlib.sha256()
                for r in s.satrecs:
                    digest.update(np.array([r.no_kozai, r.ecco, r.inclo, r.nodeo, r.argpo, r.mo,
                                            r.jdsatepoch, r.jdsatepochF, r.bstar]).tobytes())
                digest.update(np.asarray(s.plane, np.int64).tobytes())
                out.append({"kind": "constellation", "n": s.n_satellites,
                            "elements_sha256": digest.hexdigest(), "name": s.name})
        return out


# --------------------------------------------------------------------------------------------
# the physics of one design, as plain picklable numbers and objects
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Physics:
    accelerators: int
    load_w: float
    housekeeping_w: float
    array: object
    battery: object
    radiator: object
    chip_max_temperature_k: float
    shielding_mm: float
    device: str
    request_s: float
    radiation_grid: str
    max_corruptions_per_million: float


def _physics(design, request_s, radiation_grid):
    from orbital import power, thermal
    from studies import hardware, venues

    if not isinstance(design, venues.SatelliteDesign):
        raise ValueError(f"design: expected a studies.venues.SatelliteDesign, got "
                         f"{type(design).__name__}")
    accelerator = hardware.accelerator(design.accelerator)
    load_w = design.accelerators_per_satellite * accelerator.tdp_w
    coating = thermal.coating_properties(design.coating)
    radiator = thermal.RadiatorDesign(
        area_m2=design.radiator_area_m2,
        heat_capacity_j_k=venues.HEAT_CAPACITY_J_K_PER_M2 * design.radiator_area_m2,
        emissivity=coating["emissivity"], absorptivity=coating["absorptivity"],
        min_temperature_k=150.0, max_temperature_k=design.chip_max_temperature_k)
    return _Physics(
        accelerators=int(design.accelerators_per_satellite), load_w=float(load_w),
        housekeeping_w=float(venues.HOUSEKEEPING_PER_LOAD * load_w),
        array=power.SolarArray.from_technology(design.cell, design.array_area_m2),
        battery=power.Battery.from_chemistry(design.battery_chemistry, design.battery_kwh * 1e3),
        radiator=radiator, chip_max_temperature_k=float(design.chip_max_temperature_k),
        shielding_mm=max(float(design.shielding_mm), 0.1),
        device=accelerator.radiation_device or "tpu-v6e-suncatcher",
        request_s=float(request_s), radiation_grid=radiation_grid,
        max_corruptions_per_million=float(venues.MAX_CORRUPTIONS_PER_MILLION))


# --------------------------------------------------------------------------------------------
# what a worker does
# --------------------------------------------------------------------------------------------


def _radiation_task(pieces, times, physics: _Physics) -> dict:
    """Dose, faults and the best mitigation for a batch of representative satellites."""
    from orbital import orbits, radiation

    dose = []
    for piece in pieces:
        track = orbits.propagate(piece.build(), times)
        total = radiation.total_dose_depth(track, shielding_mm=[physics.shielding_mm],
                                           grid=physics.radiation_grid)
        dose.append(total["total_dose_rad_si_per_year"].isel(shielding_mm=0).values)
    dose = np.concatenate(dose)
    out = {name: np.empty(dose.size) for name in _RADIATION_FIGURES}
    out["mitigation"] = np.empty(dose.size, dtype=np.int8)
    for k, rate in enumerate(dose):
        faults = radiation.fault_rates(float(rate), device=physics.device)
        sdc, detected, crash = (float(faults[f"{n}_per_chip_year"])
                                for n in ("sdc", "detected", "crash"))
        m = radiation.mitigations(sdc, detected, crash, physics.request_s)
        corruptions = m["corruptions_per_million_requests"].values
        throughput = m["throughput_multiplier"].values
        ok = corruptions <= physics.max_corruptions_per_million
        best = int(np.argmax(np.where(ok, throughput, -np.inf))) if ok.any() \
            else int(np.nanargmin(corruptions))
        out["dose_rad_si_per_year"][k] = rate
        out["sdc_per_chip_year"][k], out["detected_per_chip_year"][k] = sdc, detected
        out["crash_per_chip_year"][k] = crash
        out["mitigation"][k] = MITIGATIONS.index(str(m["mitigation"].values[best]))
        out["mitigation_throughput"][k] = throughput[best]
        out["corruptions_per_million_requests"][k] = corruptions[best]
    return out


def _row_sum(values_ts):
    """Σ over time for each satellite, in an order that does not depend on the other
    satellites (each satellite's row is contiguous, summed alone)."""
    return np.ascontiguousarray(np.asarray(values_ts, dtype=float).T).sum(axis=1)


def _step_seconds(times):
    if times.size == 1:
        return np.array([60.0])
    steps = np.diff(times).astype("timedelta64[ns]").astype(np.int64) / 1e9
    return np.append(steps, steps[-1])


def _chunk_task(pieces, times, physics: _Physics, radiation_values: dict) -> dict:
    """Every per-satellite figure of one chunk: its pieces (one per source it spans) one after
    the other, then the radiation figures of its satellites."""
    parts = [_piece_figures(piece, times, physics) for piece in pieces]
    out = {name: np.concatenate([part[name] for part in parts]) for name in parts[0]}
    out.update({name: np.asarray(values) for name, values in radiation_values.items()})
    out["accelerator_hours_per_day"] = (physics.accelerators * out["available_duty_cycle"]
                                        * out["mitigation_throughput"] * 24.0)
    return out


def _piece_figures(piece, times, physics: _Physics) -> dict:
    """The power and thermal figures of the satellites of one piece."""
    from orbital import orbits, power, thermal

    # power and thermal read GCRS states only: no ITRS position, no geodetic coordinates
    states = orbits.propagate(piece.build(), times, earth_fixed=False)
    # only what is read below, so the balance's other (time, satellite) arrays are freed
    # before the thermal solver's are made
    balance = power.energy_balance(states, physics.array, physics.battery, physics.load_w,
                                   housekeeping_w=physics.housekeeping_w)[
        ["waste_heat_w", "visible_solar_fraction", "compute_duty_cycle", "compute_served_w",
         "max_depth_of_discharge_reached"]]
    # the whole chunk at once: each satellite's implicit step stops on its own convergence
    # (orbital.thermal.solve_radiative_balance), so its temperature does not depend on which
    # satellites share the chunk, and any chunking gives the same bits. The period only cuts
    # the per-orbit extremes, which are not kept here: the chunk's own, not a pass over states.
    temperature = thermal.orbit_temperature(
        states, physics.radiator, balance["waste_heat_w"],
        disk_fraction=balance["visible_solar_fraction"],
        period_s=float(piece.periods_s().mean()))["temperature_k"].transpose(
            "time", "satellite").values
    step_s = _step_seconds(times)
    weight = step_s / step_s.sum()
    visible = balance["visible_solar_fraction"].transpose("time", "satellite").values
    duty = balance["compute_duty_cycle"].transpose("time", "satellite").values
    served = balance["compute_served_w"].transpose("time", "satellite").values
    held = temperature <= physics.chip_max_temperature_k
    out = {
        "sunlit_fraction": _row_sum(visible * weight[:, None]),
        "eclipse_minutes_max": _longest_eclipse_min(visible, times, step_s, piece.periods_s()),
        "compute_duty_cycle": _row_sum(duty * weight[:, None]),
        "compute_duty_cycle_min": duty.min(axis=0),
        "battery_depth_of_discharge_max": balance["max_depth_of_discharge_reached"].values,
        "radiator_temperature_min_k": temperature.min(axis=0),
        "radiator_temperature_max_k": temperature.max(axis=0),
        "thermal_availability": _row_sum(held * weight[:, None]),
        "available_duty_cycle": _row_sum(np.where(held, duty, 0.0) * weight[:, None]),
        "energy_delivered_kwh_per_day": _row_sum(np.where(held, served, 0.0)
                                                 * weight[:, None]) * 24.0 / 1e3,
    }
    return out


def _longest_eclipse_min(visible, times, step_s, period_s):
    """Longest eclipse of a complete orbit [min] (orbits counted from the first time), hidden
    fraction of the disk × step; the whole span when it holds no complete orbit."""
    n_time, n_sat = visible.shape
    elapsed = (times - times[0]).astype("timedelta64[ns]").astype(np.int64) / 1e9
    orbit = np.floor(elapsed[:, None] / period_s[None, :]).astype(np.int64)
    n_orbits = int(orbit.max()) + 1
    dark = (1.0 - visible) * (step_s[:, None] / 60.0)
    flat = (orbit * n_sat + np.arange(n_sat)[None, :]).ravel()
    per_orbit = np.bincount(flat, weights=dark.ravel(),
                            minlength=n_orbits * n_sat).reshape(n_orbits, n_sat)
    span_s = elapsed[-1] + step_s[-1]
    complete = (np.arange(1, n_orbits + 1)[:, None] * period_s[None, :]) <= span_s * (1 + 1e-12)
    longest = np.where(complete, per_orbit, -np.inf).max(axis=0)
    return np.where(complete.any(axis=0), longest, per_orbit.sum(axis=0))


# --------------------------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------------------------


def _hash(definition: dict) -> str:
    return hashlib.sha256(json.dumps(definition, sort_keys=True).encode()).hexdigest()


def _store_attributes(store: Path) -> dict:
    import zarr

    try:
        attributes = dict(zarr.open_group(store, mode="r").attrs)
    except Exception as error:  # zarr raises several types for "not a group"
        raise FeasibilityError(f"{store}: not a feasibility store ({error})") from None
    if attributes.get("orbital_dc_feasibility") != STORE_FORMAT:
        raise FeasibilityError(f"{store}: not a feasibility store written by orbital-dc (no "
                               f"'orbital_dc_feasibility' = {STORE_FORMAT} attribute)")
    return attributes


def _check_store(store: Path, definition: dict, digest: str) -> bool:
    """True when the store exists and holds this definition; refuse another one."""
    if not store.exists() or (store.is_dir() and not any(store.iterdir())):
        return False
    attributes = _store_attributes(store)
    if attributes.get("definition_hash") != digest:
        old = json.loads(attributes.get("definition", "{}"))
        changed = [key for key in definition if old.get(key) != definition[key]] or ["?"]
        raise FeasibilityError(
            f"{store}: this store holds another feasibility run (scenario "
            f"{attributes.get('scenario_name', '?')!r}, hash {attributes['definition_hash'][:12]}); "
            f"this run has hash {digest[:12]} (changed: {', '.join(changed)}). Refusing to mix "
            "results: use a new store, or delete this one to start over")
    return True


def _create_store(store: Path, fleet: _Fleet, chunk: int, definition, digest, scenario_name):
    """The store's skeleton (coordinates, empty figures, attributes), built aside and renamed
    into place so a kill leaves no store or a whole one."""
    import dask.array as da
    import zarr

    for debris in store.parent.glob(f".{store.name}.tmp-*"):
        shutil.rmtree(debris, ignore_errors=True)
    shell, plane, altitude, inclination = fleet.coordinates()
    n = fleet.n
    # each Zarr chunk is one task's: a task never rewrites a Zarr chunk another task finished,
    # even when killed mid-write
    zarr_chunks = max(1, min(chunk, n))
    data = {name: ("satellite", da.full(n, np.nan, chunks=(zarr_chunks,)),
                   {"units": units, "long_name": long_name})
            for name, (units, long_name) in FIGURES.items()}
    data["mitigation"] = ("satellite", da.full(n, -1, dtype=np.int8, chunks=(zarr_chunks,)),
                          {"units": "1", "long_name": _INTEGER_FIGURES["mitigation"][1],
                           "flag_values": list(range(len(MITIGATIONS))),
                           "flag_meanings": " ".join(MITIGATIONS)})
    coords = {
        "satellite": ("satellite", np.arange(n), {"long_name": "satellite index"}),
        "shell": ("satellite", shell, {"long_name": "shell index (see shell_names)"}),
        "plane": ("satellite", plane, {"long_name": "orbital plane, numbered across shells "
                                                    "(-1: none)"}),
        "altitude_km": ("satellite", altitude, {"units": "km", "long_name": "mean altitude"}),
        "inclination_deg": ("satellite", inclination, {"units": "degree",
                                                       "long_name": "inclination"}),
        "representative": ("satellite", fleet.representatives(definition["radiation"]),
                           {"long_name": "satellite whose dose stands for this one"}),
    }
    ds = xr.Dataset(data, coords=coords, attrs={
        "orbital_dc_feasibility": STORE_FORMAT, "definition_hash": digest,
        "definition": json.dumps(definition, sort_keys=True), "scenario_name": scenario_name,
        "shell_names": json.dumps(fleet.names()), "chunk_satellites": chunk})
    encoding = {name: {"chunks": (zarr_chunks,)} for name in list(data) + list(coords)}
    staging = store.parent / f".{store.name}.tmp-{uuid.uuid4().hex}"
    store.parent.mkdir(parents=True, exist_ok=True)
    ds.to_zarr(staging, mode="w-", compute=False, zarr_format=3, consolidated=False,
               encoding=encoding)
    # a Zarr group of its own (so readers of the store see a known node), holding one empty
    # file per finished chunk
    zarr.open_group(staging, mode="r+", zarr_format=3).create_group("chunks_done")
    if store.exists():  # an empty folder
        store.rmdir()
    os.replace(staging, store)


def _done(store: Path) -> set[int]:
    folder = store / "chunks_done"
    return {int(p.name) for p in folder.iterdir() if p.name.isdigit()}


def _write_chunk(group, store: Path, index: int, start: int, stop: int, figures: dict):
    """Write the chunk's region of every figure, then mark the chunk done (a chunk written but
    not marked is computed again)."""
    for name, values in figures.items():
        group[name][start:stop] = values
    marker = store / "chunks_done" / f".{index}.tmp"
    marker.write_text("")
    os.replace(marker, store / "chunks_done" / str(index))


# --------------------------------------------------------------------------------------------
# the run
# --------------------------------------------------------------------------------------------


def _check_chunks(chunks, n_steps, memory_limit_bytes, n_workers):
    if isinstance(chunks, dict):
        unknown = set(chunks) - {"satellite"}
        if unknown:
            raise ValueError(f"chunks: unknown dimension(s) {sorted(map(str, unknown))}; only "
                             "'satellite' is chunked (time is never split)")
        chunks = chunks.get("satellite", 2000)
    if isinstance(chunks, bool) or not isinstance(chunks, (int, np.integer)) or chunks < 1:
        raise ValueError(f"chunks: {chunks!r} must be a whole number of satellites >= 1")
    chunks = int(chunks)
    need = chunks * n_steps * BYTES_PER_SATELLITE_STEP
    if memory_limit_bytes is None:
        import psutil

        memory_limit_bytes = psutil.virtual_memory().total * 0.8 / max(n_workers, 1)
    if need > memory_limit_bytes:
        fits = int(memory_limit_bytes // (n_steps * BYTES_PER_SATELLITE_STEP))
        raise ValueError(
            f"chunks: {chunks} satellites × {n_steps} steps needs about {need / 1e9:.1f} GB per "
            f"worker, more than the {memory_limit_bytes / 1e9:.1f} GB each of {n_workers} "
            f"worker(s) may use; the largest chunk that fits is "
            + (f"{fits} satellites" if fits >= 1 else
               "below one satellite: use fewer time steps"))
    return chunks


def _check_times(times):
    from orbital import orbits

    times = np.atleast_1d(np.asarray(times)).astype("datetime64[ns]")
    if times.ndim != 1 or times.size == 0:
        raise ValueError(f"times: shape {times.shape}; give a non-empty 1-D array of UTC instants")
    if times.size > 1 and (np.diff(times) <= np.timedelta64(0, "ns")).any():
        raise ValueError("times: must be strictly increasing")
    orbits.check_time_span([times[0], times[-1] + np.timedelta64(1, "D")], field="times")
    return times


def feasibility(constellation, times, design, *, chunks=2000, store=None, scheduler=None,
                workers=None, radiation="plane", radiation_step_s=60.0, radiation_grid="standard",
                request_s=DEFAULT_REQUEST_S, altitude_band_km=100.0, progress=False,
                memory_limit_bytes=None, scenario_name="") -> xr.Dataset:
    r"""Power, heat and radiation figures of every satellite of a constellation, and their
    aggregates per plane and per altitude band.

    Parameters
    ----------
    constellation : WalkerShell, Constellation, or a list of them
        The satellites: a shell (``orbital.orbits.walker_delta(...)``), several shells (a
        multi-shell constellation, satellites numbered shell after shell), or any
        ``orbital.orbits.Constellation`` (a TLE set).
    times : array of datetime64
        UTC instants, strictly increasing (e.g. one day at 60 s).
    design : studies.venues.SatelliteDesign
        What every satellite carries: accelerators, array, battery, radiator, shielding.
    chunks : int or {"satellite": int}, default 2000
        Satellites per task (any whole number: the figures do not depend on the chunking,
        bit for bit); time is never split.
        A chunk whose arrays would not fit in memory (:data:`BYTES_PER_SATELLITE_STEP` per
        satellite-step, against ``memory_limit_bytes``) is refused.
    store : str or path-like, optional
        Zarr store (a directory) for the per-satellite figures; created, or resumed when it
        holds the same run, refused when it holds another. Default: a temporary store,
        deleted after the aggregates are computed.
    scheduler : str, optional
        Address of an existing Dask scheduler; default ``DASK_SCHEDULER_ADDRESS``, else an
        embedded local cluster of processes (:func:`studies.distributed.dask_client`).
    workers : int, optional
        Worker processes of the local cluster (default one per core).
    radiation : {"plane", "class", "satellite"}, default "plane"
        Whose dose stands for whose (:data:`RADIATION_MODES`).
    radiation_step_s : float, default 60
        Step of the one-day track the dose is averaged over [s], in [10, 3600].
    radiation_grid : str, default "standard"
        Geomagnetic grid of the trapped-belt models.
    request_s : float, default :data:`DEFAULT_REQUEST_S`
        Duration of one request, for the choice of the mitigation [s].
    altitude_band_km : float, default 100
        Width of the altitude bands of the aggregates [km].
    progress : bool, default False
        A progress bar on a terminal, one line per chunk otherwise (nothing when ``CI=true``).
    memory_limit_bytes : float, optional
        Memory one task may use [B]; default 80 % of this machine's memory per local worker.
    scenario_name : str
        Recorded in the store.

    Returns
    -------
    xarray.Dataset
        :func:`aggregates` of the run; attribute ``store`` (the store's path, or "" for a
        temporary one).

    Raises
    ------
    ValueError
        Bad input (names the field, value and allowed range); :class:`FeasibilityError` for a
        store of another run.
    ConnectionError
        The scheduler address did not answer (nothing is written).

    Notes
    -----
    Per satellite, over the span: the energy balance (``orbital.power.energy_balance``) of a
    compute load of accelerators × TDP plus housekeeping (``studies.venues.HOUSEKEEPING_PER_LOAD``
    of it; station-keeping thruster power is not counted here), the radiator node's transient
    temperature (``orbital.thermal.orbit_temperature``, heat capacity
    ``studies.venues.HEAT_CAPACITY_J_K_PER_M2`` per m²) fed by the balance's waste heat. The
    deliverable accelerator-hours per day are

    .. math:: H = N_\mathrm{acc}\,\overline{d\,\mathbb{1}[T \le T_\max]}\;\eta_\mathrm{mit}\;24\,\mathrm{h}

    with d the compute duty cycle, T the radiator node and η the throughput of the mitigation
    (fewest corrupted answers above ``studies.venues.MAX_CORRUPTIONS_PER_MILLION`` refused).
    The dose is the one-day mean from the start (``radiation_step_s``) behind a sphere of the
    design's aluminium (``orbital.radiation.total_dose_depth``: AP8-MIN, AE8-MAX, GCR at
    solar minimum), computed for one representative per plane by default: within
    :data:`PLANE_DOSE_TOLERANCE` of each satellite's own.

    Examples
    --------
    >>> import numpy as np
    >>> from orbital.orbits import walker_delta
    >>> from studies.venues import SatelliteDesign
    >>> times = np.datetime64("2026-06-21") + np.arange(3) * np.timedelta64(600, "s")
    >>> result = feasibility(walker_delta(560.0, 53.0, 2, 50, epoch="2026-06-21"), times,
    ...                      SatelliteDesign(), chunks=100, workers=1, radiation="class",
    ...                      radiation_step_s=3600.0)  # doctest: +SKIP
    >>> int(result["satellites_total"])  # doctest: +SKIP
    100
    """
    import tempfile

    if radiation not in RADIATION_MODES:
        import difflib

        close = difflib.get_close_matches(str(radiation), RADIATION_MODES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"radiation: {radiation!r} is not one of {', '.join(RADIATION_MODES)}"
                         f"{hint}")
    for name, value, low, high in (("radiation_step_s", radiation_step_s, 10.0, 3600.0),
                                   ("request_s", request_s, 1e-3, 86400.0),
                                   ("altitude_band_km", altitude_band_km, 1.0, 1e5)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not (
                math.isfinite(value) and low <= value <= high):
            raise ValueError(f"{name}: {value!r} is outside the allowed range [{low:g}, {high:g}]")
    fleet = _Fleet(constellation)
    times = _check_times(times)
    physics = _physics(design, request_s, radiation_grid)
    local_workers = workers or (os.cpu_count() or 1)
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    chunk = _check_chunks(chunks, times.size, memory_limit_bytes, 1 if address else local_workers)
    definition = {
        "store_format": STORE_FORMAT, "satellites": fleet.fingerprint(),
        "times": {"n": int(times.size), "first": str(times[0]), "last": str(times[-1]),
                  "sha256": hashlib.sha256(times.astype(np.int64).tobytes()).hexdigest()},
        "design": asdict(design), "radiation": radiation,
        "radiation_step_s": float(radiation_step_s), "radiation_grid": str(radiation_grid),
        "request_s": float(request_s), "chunk_satellites": chunk,
    }
    digest = _hash(definition)
    temporary = None
    if store is None:
        temporary = tempfile.TemporaryDirectory(prefix="odc-feasibility-")
        store = Path(temporary.name) / "store.zarr"
    store = Path(store)
    try:
        exists = _check_store(store, definition, digest)
        plan = fleet.chunks(chunk)
        finished = _done(store) if exists else set()
        pending = [k for k in range(len(plan)) if k not in finished]
        if pending:
            from studies.distributed import Progress, dask_client

            with dask_client(scheduler, workers, len(pending)) as client:
                if address:  # an existing cluster: check the chunk against its workers' memory
                    limits = [w.get("memory_limit") or 0 for w in
                              client.scheduler_info()["workers"].values()]
                    if limits and min(limits) > 0 and memory_limit_bytes is None:
                        _check_chunks(chunk, times.size, min(limits) * 0.8, 1)
                if not exists:
                    _create_store(store, fleet, chunk, definition, digest, scenario_name)
                bar = Progress(progress, f"feasibility {scenario_name or store.name}",
                               fleet.n, sum(plan[k][1] - plan[k][0] for k in finished),
                               unit="satellite")
                try:
                    _run(client, fleet, plan, pending, times, physics, radiation,
                         radiation_step_s, store, bar)
                finally:
                    bar.close()
        result = aggregates(store, altitude_band_km=altitude_band_km)
        result.attrs["store"] = "" if temporary is not None else str(store)
        return result
    finally:
        if temporary is not None:
            temporary.cleanup()


def _run(client, fleet, plan, pending, times, physics, radiation, radiation_step_s, store, bar):
    """The radiation representatives first (fixed batches), then every pending chunk, a
    bounded number in flight (:func:`studies.distributed.run_bounded`), each written as it
    ends."""
    import zarr

    from studies.distributed import run_bounded

    token = uuid.uuid4().hex[:8]
    representative = fleet.representatives(radiation)
    needed = np.zeros(fleet.n, dtype=bool)
    for k in pending:
        start, stop = plan[k]
        needed[representative[start:stop]] = True
    reps = np.flatnonzero(needed)
    # batches fixed by the sorted list of every representative, whatever is pending
    all_reps = np.unique(representative)
    rep_values = {name: np.full(all_reps.size, np.nan) for name in _RADIATION_FIGURES}
    rep_values["mitigation"] = np.full(all_reps.size, -1, dtype=np.int8)
    if reps.size:
        batches = np.unique(np.searchsorted(all_reps, reps) // REPRESENTATIVES_PER_TASK)
        day = times[0] + np.arange(0, 86400.0, radiation_step_s).astype(np.int64) \
            * np.timedelta64(1, "s")

        def members_of(batch):
            return all_reps[batch * REPRESENTATIVES_PER_TASK:(batch + 1) * REPRESENTATIVES_PER_TASK]

        def submit_batch(batch):
            return client.submit(_radiation_task, fleet.locate(members_of(batch)), day, physics,
                                 pure=False, key=f"feasibility-radiation-{batch}-{token}")

        def keep_batch(batch, values):
            where = np.searchsorted(all_reps, members_of(batch))
            for name in rep_values:
                rep_values[name][where] = values[name]

        if bar.mode != "off":
            bar.line(f"radiation: {reps.size} representative satellite(s) ({radiation}), "
                     f"{batches.size} task(s)")
        run_bounded(client, submit_batch, batches.tolist(), keep_batch,
                    describe=lambda batch: f"feasibility radiation batch {batch} (satellites "
                                           f"{', '.join(map(str, members_of(batch)))})")
    group = zarr.open_group(store, mode="r+")

    def submit_chunk(k):
        start, stop = plan[k]
        where = np.searchsorted(all_reps, representative[start:stop])
        values = {name: column[where] for name, column in rep_values.items()}
        return client.submit(_chunk_task, fleet.locate(np.arange(start, stop)), times,
                             physics, values, pure=False, key=f"feasibility-chunk-{k}-{token}")

    def write_chunk(k, figures):
        start, stop = plan[k]
        _write_chunk(group, store, k, start, stop, figures)
        bar.advance(stop - start, f"chunk {k}")

    def describe_chunk(k):
        start, stop = plan[k]
        return f"feasibility chunk {k} (satellites {start}-{stop - 1})"

    run_bounded(client, submit_chunk, pending, write_chunk, describe=describe_chunk)


# --------------------------------------------------------------------------------------------
# reading back and aggregating
# --------------------------------------------------------------------------------------------


def open_feasibility(store) -> xr.Dataset:
    """The per-satellite figures of a finished feasibility store (read lazily, one variable
    at a time as they are used).

    Raises
    ------
    FeasibilityError
        Not a feasibility store, or chunks still missing (run it again to finish).
    """
    store = Path(store)
    attributes = _store_attributes(store)
    definition = json.loads(attributes["definition"])
    n = sum(int(s.get("n") or s["planes"] * s["sats_per_plane"]) for s in definition["satellites"])
    expected = math.ceil(n / int(definition["chunk_satellites"]))
    done = len(_done(store))
    if done < expected:
        raise FeasibilityError(f"{store}: {done} of {expected} chunks finished ({n} satellites); "
                               "run it again to finish")
    return xr.open_zarr(store, consolidated=False, zarr_format=3, chunks=None)


def _groups(keys):
    """(sorted unique keys, order, split points) of an integer key per satellite."""
    order = np.argsort(keys, kind="stable")
    unique, first = np.unique(keys[order], return_index=True)
    return unique, order, first[1:]


def aggregates(store, *, altitude_band_km=100.0, percentiles=(0.0, 5.0, 50.0, 95.0, 100.0)
               ) -> xr.Dataset:
    """Per-plane and per-altitude-band aggregates of a feasibility store, read one figure at a
    time (memory: a few arrays of one value per satellite).

    Parameters
    ----------
    store : str, path-like or xarray.Dataset
        A finished store (or :func:`open_feasibility` of one).
    altitude_band_km : float
        Width of the altitude bands [km]; a band is labelled by its lower edge.
    percentiles : sequence of float
        In [0, 100] (0 and 100: the extremes); linear interpolation between order statistics.

    Returns
    -------
    xarray.Dataset
        For each figure of :data:`FIGURES`: ``<figure>_by_plane`` (plane, percentile) and
        ``<figure>_by_band`` (altitude_band, percentile). Sums and counts per group
        (``accelerator_hours_per_day_sum_by_*``, ``energy_delivered_kwh_per_day_sum_by_*``,
        ``satellites_by_*``, ``power_limited_by_*``, ``over_temperature_by_*``) and over the
        whole constellation (``*_total``). Satellites in no plane (a TLE set) count in the
        bands and totals only.
    """
    ds = store if isinstance(store, xr.Dataset) else open_feasibility(store)
    percentiles = np.asarray(percentiles, dtype=float)
    if percentiles.ndim != 1 or not ((percentiles >= 0) & (percentiles <= 100)).all():
        raise ValueError(f"percentiles: {percentiles.tolist()} must lie in [0, 100]")
    plane = ds["plane"].values
    band = (np.floor(ds["altitude_km"].values / altitude_band_km) * altitude_band_km)
    in_plane = plane >= 0
    planes, plane_order, plane_splits = _groups(plane[in_plane])
    bands, band_order, band_splits = _groups(band)
    out = {}

    def grouped(values, order, splits, reduce):
        parts = np.split(values[order], splits)
        return np.array([reduce(p) for p in parts])

    def by_groups(name, values, units, long_name):
        for suffix, vals, order, splits, dim in (
                ("plane", values[in_plane], plane_order, plane_splits, "plane"),
                ("band", values, band_order, band_splits, "altitude_band")):
            table = grouped(vals, order, splits, lambda p: np.percentile(p, percentiles)) \
                if vals.size else np.empty((0, percentiles.size))
            out[f"{name}_by_{suffix}"] = ((dim, "percentile"), table.reshape(-1, percentiles.size),
                                          {"units": units, "long_name": f"{long_name}: "
                                           f"percentiles over the satellites of each {suffix}"})

    duty = ds["compute_duty_cycle"].values
    hot = ds["radiator_temperature_max_k"].values > json.loads(
        ds.attrs["definition"])["design"]["chip_max_temperature_k"]
    for name, (units, long_name) in FIGURES.items():
        values = ds[name].values
        by_groups(name, values, units, long_name)
        if name in ("accelerator_hours_per_day", "energy_delivered_kwh_per_day"):
            for suffix, vals, order, splits, dim in (
                    ("plane", values[in_plane], plane_order, plane_splits, "plane"),
                    ("band", values, band_order, band_splits, "altitude_band")):
                out[f"{name}_sum_by_{suffix}"] = (dim, grouped(vals, order, splits, np.sum)
                                                  if vals.size else np.empty(0), {
                    "units": units, "long_name": f"{long_name}: sum over the {suffix}"})
            out[f"{name}_total"] = ((), float(np.sum(values)), {
                "units": units, "long_name": f"{long_name}: sum over every satellite"})
    counts = {"satellites": (np.ones(duty.size, bool), "satellites"),
              "power_limited": (duty < POWER_LIMITED_BELOW, "satellites whose compute duty "
                                "cycle is below 1 (battery or array too small)"),
              "over_temperature": (hot, "satellites whose radiator goes over the chips' limit"),
              "not_closing": ((duty < POWER_LIMITED_BELOW) | hot, "satellites whose design "
                              "does not close (power-limited or over temperature)")}
    for name, (flags, long_name) in counts.items():
        for suffix, vals, order, splits, dim in (
                ("plane", flags[in_plane], plane_order, plane_splits, "plane"),
                ("band", flags, band_order, band_splits, "altitude_band")):
            out[f"{name}_by_{suffix}"] = (dim, grouped(vals, order, splits, np.count_nonzero)
                                          if vals.size else np.empty(0, int), {
                "units": "1", "long_name": f"{long_name}, per {suffix}"})
        out[f"{name}_total"] = ((), int(np.count_nonzero(flags)), {"units": "1",
                                                                   "long_name": long_name})
    result = xr.Dataset(out, coords={
        "plane": ("plane", planes, {"long_name": "orbital plane, numbered across shells"}),
        "altitude_band": ("altitude_band", bands, {"units": "km", "long_name":
                                                   f"altitude band, lower edge ({altitude_band_km:g}"
                                                   " km wide)"}),
        "percentile": ("percentile", percentiles, {"units": "1", "long_name": "percentile"})})
    result.attrs.update({"altitude_band_km": float(altitude_band_km),
                         "scenario_name": ds.attrs.get("scenario_name", ""),
                         "definition_hash": ds.attrs.get("definition_hash", "")})
    return result


def summary_lines(result: xr.Dataset) -> list[str]:
    """What a run delivers and how many satellites do not close, in a few lines."""
    n = int(result["satellites_total"])
    hours = float(result["accelerator_hours_per_day_total"])
    energy = float(result["energy_delivered_kwh_per_day_total"])
    limited, hot = int(result["power_limited_total"]), int(result["over_temperature_total"])
    lines = [f"{n:,} satellites: {hours:,.0f} accelerator-hours per day deliverable, "
             f"{energy / 1e3:,.1f} MWh of compute energy per day."]
    if limited or hot:
        lines.append(f"The design does not close on {int(result['not_closing_total']):,} "
                     f"satellites: {limited:,} power-limited (compute duty cycle < 1), {hot:,} "
                     "over the chips' temperature limit.")
    else:
        lines.append("The design closes on every satellite (full duty cycle, radiator under "
                     "the chips' limit).")
    duty = result["compute_duty_cycle_by_band"]
    for band in result["altitude_band"].values:
        row = duty.sel(altitude_band=band)
        dose = result["dose_rad_si_per_year_by_band"].sel(altitude_band=band)
        lines.append(f"  {band:,.0f} km band: {int(result['satellites_by_band'].sel(altitude_band=band)):,}"
                     f" satellites, duty cycle median {float(row.sel(percentile=50.0)):.3f} "
                     f"(min {float(row.isel(percentile=0)):.3f}), dose median "
                     f"{float(dose.sel(percentile=50.0)):.0f} rad(Si)/yr")
    return lines


# --------------------------------------------------------------------------------------------
# a scenario's [feasibility] table
# --------------------------------------------------------------------------------------------


def _scenario_shells(scenario):
    from orbital import orbits

    epoch = np.datetime64(str(scenario.time.start).replace("Z", "").split("+")[0], "ns")
    shells = []
    for k, s in enumerate(scenario.feasibility.shells):
        build = orbits.walker_delta if s.kind == "walker-delta" else orbits.walker_star
        shells.append(build(s.altitude_km, s.inclination_deg, s.planes, s.sats_per_plane,
                            s.phasing, epoch=epoch, name=f"shell{k}"))
    return shells


def run_scenario(scenario, store, *, scheduler=None, workers=None, chunks=None, progress=True,
                 memory_limit_bytes=None) -> xr.Dataset:
    """The feasibility pass a scenario's ``[feasibility]`` table describes (``odc run``).

    Parameters
    ----------
    scenario : studies.scenario.Scenario
        With a ``feasibility`` table: its shells fly the design of the orbital venue it names
        (default the first), from ``time.start`` over ``feasibility.hours`` at
        ``feasibility.step_s``.
    store : str or path-like
        The Zarr store (created or resumed).
    scheduler, workers, progress, memory_limit_bytes
        As :func:`feasibility`.
    chunks : int, optional
        Overrides ``feasibility.chunk_satellites``.

    Returns
    -------
    xarray.Dataset
        :func:`aggregates` of the run.
    """
    from studies.scenario import scenario_hash
    from studies.venues import SatelliteDesign

    table = getattr(scenario, "feasibility", None)
    if table is None:
        raise ValueError(f"scenario {scenario.name!r} has no [feasibility] table; add one (see "
                         "odc scenarios show mega-constellation)")
    venue = next(v for v in scenario.orbital if table.venue in (None, v.name))
    design = SatelliteDesign(**venue.design.model_dump())
    start = np.datetime64(str(scenario.time.start).replace("Z", "").split("+")[0], "ns")
    step_ns = int(round(table.step_s * 1e9))
    steps = max(1, int(math.floor(table.hours * 3600e9 / step_ns)))
    times = start + np.arange(steps) * np.timedelta64(step_ns, "ns")
    result = feasibility(_scenario_shells(scenario), times, design,
                         chunks=chunks or table.chunk_satellites, store=store, scheduler=scheduler,
                         workers=workers, radiation=table.radiation,
                         radiation_step_s=table.radiation_step_s, request_s=table.request_s,
                         altitude_band_km=table.altitude_band_km, progress=progress,
                         memory_limit_bytes=memory_limit_bytes, scenario_name=scenario.name)
    result.attrs["scenario_hash"] = scenario_hash(scenario)
    return result
