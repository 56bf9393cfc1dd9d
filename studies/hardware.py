"""Accelerator catalog: the chips that serve inference, with their peak rates, memory and power.

One row per accelerator in ``studies/data/accelerators.csv``, each with its source. Peak rates
are **dense** (vendor figures quoted "with sparsity" are halved), per accelerator (per GPU for
multi-GPU boards and racks), by precision: ``bf16``, ``fp8``, ``int8`` (OP/s) and ``fp4``; a
precision the vendor does not publish is absent, and asking for it is an error.

The vehicle computers are the keys of :data:`ground.fleet.VEHICLE_COMPUTERS`; their board power
and INT8 peak are read from that table when this module is imported (not copied), the memory
figures come from the CSV. Where ``ground.fleet`` gives no INT8 peak (NaN), the CSV carries a
flagged assumption and the accelerator's ``source`` says so; where ``ground.fleet``'s figure is
a peak quoted with sparsity (its source says "sparse"), it is halved to dense and the source says
so too.

``assumption`` is True for every row in which any figure is not from a primary source (idle
power, module mass and host share are estimates for every accelerator: no vendor publishes
them); the ``*_source`` columns of :func:`accelerators` say which figure is which.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from types import MappingProxyType

import numpy as np
import pandas as pd

from ground.fleet import VEHICLE_COMPUTERS
from studies.checks import check_name

__all__ = ["PRECISIONS", "Accelerator", "accelerator", "accelerators"]

#: Numeric formats with a peak rate in the catalog, and the bytes one weight takes in each.
PRECISIONS = {"bf16": 2.0, "fp8": 1.0, "int8": 1.0, "fp4": 0.5}

_KINDS = ("gpu", "tpu", "vehicle", "space")


# --------------------------------------------------------------------------------------------
# the catalog
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Accelerator:
    """One accelerator (a GPU, a TPU chip, a vehicle's AI computer, a space-grade part).

    Attributes
    ----------
    name : str
        Catalog name (``"H100 SXM"``, ``"HW4-class"``, ...).
    kind : str
        ``"gpu"``, ``"tpu"``, ``"vehicle"`` or ``"space"``.
    peak_flops : Mapping[str, float]
        Dense peak rate by precision [FLOP s-1; OP s-1 for int8]; only published precisions.
    memory_gb : float
        Memory directly attached to the accelerator [GB].
    memory_bandwidth_tb_s : float
        Peak memory bandwidth [TB s-1].
    tdp_w : float
        Board power at full load (TDP / TBP) [W].
    idle_w : float
        Power when powered but idle [W] (estimate for every row; see ``idle_source``).
    module_mass_kg : float
        Module mass with its cold plate or housing [kg] (estimate).
    unit_price_usd : float
        Published unit price [USD]; NaN when unpublished.
    host_w : float
        Host share per accelerator at full load [W]: the server's nameplate power minus its
        accelerators' TDPs, divided by their number (0 for vehicles and space parts, whose
        surroundings are counted by ``ground.fleet`` and the satellite design).
    interconnect_gb_s : float
        Accelerator-to-accelerator bandwidth each way for tensor-parallel all-reduce [GB s-1]
        (NVLink, Infinity Fabric, ICI; 0 where the part serves alone).
    radiation_device : str or None
        Key of :data:`orbital.radiation.DEVICE_SUSCEPTIBILITY`, when the part has measured
        susceptibility.
    source : str
        Where the figures come from (and which are assumptions).
    assumption : bool
        True when any figure of the row is an estimate rather than a primary-source value.
    usable : bool
        False when no throughput figure exists for the part (nothing derived silently).
    """

    name: str
    kind: str
    peak_flops: Mapping[str, float]
    memory_gb: float
    memory_bandwidth_tb_s: float
    tdp_w: float
    idle_w: float
    module_mass_kg: float
    unit_price_usd: float
    radiation_device: str | None
    source: str
    assumption: bool
    host_w: float = 0.0
    interconnect_gb_s: float = 0.0
    usable: bool = True
    sources: Mapping[str, str] = field(default_factory=dict, repr=False)

    def peak(self, precision: str) -> float:
        """Dense peak rate in ``precision`` [FLOP s-1], or a ValueError naming the precisions
        this accelerator publishes."""
        check_name("precision", precision, PRECISIONS, what="precision")
        if precision not in self.peak_flops:
            published = ", ".join(repr(p) for p in self.peak_flops) or "none"
            raise ValueError(f"precision: {self.name} has no published {precision!r} peak; "
                             f"published precisions: {published}")
        return self.peak_flops[precision]


def _is_sparse_figure(source: str) -> bool:
    text = source.lower()
    return "sparse" in text and "dense" not in text


def _vehicle_figures(name: str, row: pd.Series) -> tuple[float, float, str, bool]:
    """(board power W, INT8 dense peak TOPS, source note, usable) from ground.fleet, with the
    CSV's flagged assumption when ground.fleet has no INT8 figure."""
    computer = VEHICLE_COMPUTERS[name]
    power_w = float(computer["power_w"])
    int8_tops = float(computer["int8_tops"])
    fleet_source = str(computer.get("source", ""))
    note = f"board power {power_w:g} W"
    if math.isfinite(int8_tops):
        if _is_sparse_figure(fleet_source):
            note += (f"; INT8 {int8_tops:g} TOPS from ground.fleet is a sparse peak, halved to "
                     f"{int8_tops / 2:g} dense")
            int8_tops /= 2.0
        else:
            note += f"; INT8 {int8_tops:g} TOPS"
        note += " (ground.fleet.VEHICLE_COMPUTERS: " + fleet_source + ")"
        return power_w, int8_tops, note, True
    fallback = float(row["int8_tops"])
    note += " from ground.fleet.VEHICLE_COMPUTERS (" + fleet_source + ")"
    if math.isfinite(fallback):
        note += f"; ground.fleet has no INT8 peak: assumption {fallback:g} TOPS (see CSV)"
        return power_w, fallback, note, True
    note += "; no INT8 peak published or assumed: unusable for throughput"
    return power_w, float("nan"), note, False


@lru_cache(maxsize=1)
def _catalog() -> dict[str, Accelerator]:
    with resources.files("studies").joinpath("data", "accelerators.csv").open(
            "r", encoding="utf-8") as handle:
        table = pd.read_csv(handle, keep_default_na=False, na_values=[""])
    catalog = {}
    for _, row in table.iterrows():
        name = str(row["name"])
        source = str(row["source"])
        usable = True
        tdp_w = float(row["tdp_w"])
        peaks_tera = {"bf16": row["bf16_tflops"], "fp8": row["fp8_tflops"],
                      "int8": row["int8_tops"], "fp4": row["fp4_tflops"]}
        if row["kind"] == "vehicle":
            if name not in VEHICLE_COMPUTERS:
                raise RuntimeError(f"accelerators.csv: vehicle row {name!r} is not a key of "
                                   "ground.fleet.VEHICLE_COMPUTERS")
            tdp_w, int8_tops, note, usable = _vehicle_figures(name, row)
            peaks_tera["int8"] = int8_tops
            source = source + ". " + note
        peak_flops = {p: float(v) * 1e12 for p, v in peaks_tera.items()
                      if v is not None and math.isfinite(float(v))}
        radiation = row["radiation_device"]
        catalog[name] = Accelerator(
            name=name, kind=str(row["kind"]), peak_flops=MappingProxyType(peak_flops),
            memory_gb=float(row["memory_gb"]),
            memory_bandwidth_tb_s=float(row["memory_bandwidth_tb_s"]),
            tdp_w=tdp_w, idle_w=float(row["idle_w"]),
            module_mass_kg=float(row["module_mass_kg"]),
            unit_price_usd=float(row["unit_price_usd"]),
            radiation_device=None if (isinstance(radiation, float) and math.isnan(radiation))
            else str(radiation),
            source=source, assumption=bool(row["assumption"] in (True, "True", "true")),
            host_w=float(row["host_w"]), interconnect_gb_s=float(row["interconnect_gb_s"]),
            usable=usable,
            sources=MappingProxyType({key: str(row[key]) for key in (
                "idle_source", "mass_source", "price_source", "host_source",
                "interconnect_source")}),
        )
    missing = set(VEHICLE_COMPUTERS) - set(catalog)
    if missing:
        raise RuntimeError(f"accelerators.csv: no row for the vehicle computers {sorted(missing)}")
    return catalog


def accelerator(name) -> Accelerator:
    """The catalog accelerator ``name`` (case-insensitive); an :class:`Accelerator` passes through.

    Parameters
    ----------
    name : str or Accelerator
        Catalog name, e.g. ``"H100 SXM"``, ``"TPU v6e"``, ``"HW4-class"``.

    Returns
    -------
    Accelerator

    Raises
    ------
    ValueError
        For an unknown name, with the closest names (``difflib``).

    Examples
    --------
    >>> accelerator("H100 SXM").peak("fp8") / 1e12
    1978.9
    >>> accelerator("h100 sxm").memory_gb
    80.0
    """
    if isinstance(name, Accelerator):
        return name
    catalog = _catalog()
    return catalog[check_name("accelerator", name, catalog, what="accelerator")]


def accelerators() -> pd.DataFrame:
    """The catalog as a table, one row per accelerator, units in the column names.

    Returns
    -------
    pandas.DataFrame
        Index ``name``; columns ``kind, bf16_flop_s, fp8_flop_s, int8_op_s, fp4_flop_s``
        (dense peaks, NaN where unpublished), ``memory_gb, memory_bandwidth_tb_s, tdp_w,
        idle_w, host_w, interconnect_gb_s, module_mass_kg, unit_price_usd, radiation_device,
        usable, assumption, source, idle_source, mass_source, price_source, host_source,
        interconnect_source``.

    Examples
    --------
    >>> table = accelerators()
    >>> "GB200" in table.index and "HW4-class" in table.index
    True
    """
    rows = []
    for item in _catalog().values():
        rows.append({
            "name": item.name, "kind": item.kind,
            "bf16_flop_s": item.peak_flops.get("bf16", np.nan),
            "fp8_flop_s": item.peak_flops.get("fp8", np.nan),
            "int8_op_s": item.peak_flops.get("int8", np.nan),
            "fp4_flop_s": item.peak_flops.get("fp4", np.nan),
            "memory_gb": item.memory_gb, "memory_bandwidth_tb_s": item.memory_bandwidth_tb_s,
            "tdp_w": item.tdp_w, "idle_w": item.idle_w, "host_w": item.host_w,
            "interconnect_gb_s": item.interconnect_gb_s,
            "module_mass_kg": item.module_mass_kg, "unit_price_usd": item.unit_price_usd,
            "radiation_device": item.radiation_device, "usable": item.usable,
            "assumption": item.assumption, "source": item.source, **dict(item.sources),
        })
    return pd.DataFrame(rows).set_index("name")
