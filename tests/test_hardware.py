"""studies.hardware: the accelerator catalog against its datasheets and ground.fleet."""

import math

import numpy as np
import pytest

from ground.fleet import VEHICLE_COMPUTERS
from orbital.radiation import DEVICE_SUSCEPTIBILITY
from studies.hardware import PRECISIONS, Accelerator, accelerator, accelerators

CONTRACT_NAMES = ["H100 SXM", "H200", "B200", "GB200", "MI300X", "TPU v6e", "HW3-class",
                  "HW4-class", "AI5-class", "Orin-class", "Thor-class"]


def test_catalog_holds_every_name_the_scenarios_use_and_one_space_part():
    table = accelerators()
    assert set(CONTRACT_NAMES) <= set(table.index)
    assert (table["kind"] == "space").sum() >= 1
    assert set(table["kind"]) <= {"gpu", "tpu", "vehicle", "space"}


def test_every_row_names_its_source_and_units_are_in_the_column_names():
    table = accelerators()
    assert table["source"].str.len().min() > 20
    for column in ("memory_gb", "memory_bandwidth_tb_s", "tdp_w", "idle_w", "module_mass_kg",
                   "unit_price_usd", "bf16_flop_s", "int8_op_s"):
        assert column in table.columns


def test_h100_sxm_dense_peaks_are_half_the_datasheet_sparse_figures():
    # NVIDIA H100 datasheet (2023), SXM: BF16 1,979 TFLOPS and FP8 3,958 TFLOPS with sparsity.
    h100 = accelerator("H100 SXM")
    assert h100.peak("bf16") == pytest.approx(1979e12 / 2, rel=1e-3)
    assert h100.peak("fp8") == pytest.approx(3958e12 / 2, rel=1e-3)
    assert h100.memory_gb == 80 and h100.memory_bandwidth_tb_s == pytest.approx(3.35)
    assert h100.tdp_w == 700


def test_tpu_v6e_matches_google_cloud_documentation_and_links_to_radiation_table():
    # Google Cloud TPU v6e docs: 918 TFLOPs bf16, 1836 TOPs int8, 32 GB, 1638 GB/s per chip.
    tpu = accelerator("TPU v6e")
    assert tpu.peak("bf16") == pytest.approx(918e12)
    assert tpu.peak("int8") == pytest.approx(1836e12)
    assert tpu.memory_bandwidth_tb_s == pytest.approx(1.638)
    assert tpu.radiation_device in DEVICE_SUSCEPTIBILITY


def test_every_radiation_link_names_a_device_of_orbital_radiation():
    for item in accelerators()["radiation_device"].dropna():
        assert item in DEVICE_SUSCEPTIBILITY


def test_blackwell_peaks_are_twice_hopper_per_precision_step():
    # Each halving of the number format doubles the tensor-core rate (vendor datasheets).
    b200 = accelerator("B200")
    assert b200.peak("fp8") == pytest.approx(2 * b200.peak("bf16"))
    assert b200.peak("fp4") == pytest.approx(2 * b200.peak("fp8"))


def test_vehicle_computers_take_power_and_int8_from_ground_fleet():
    for name, row in VEHICLE_COMPUTERS.items():
        item = accelerator(name)
        assert item.kind == "vehicle"
        assert item.tdp_w == row["power_w"]
        assert "ground.fleet" in item.source
        if math.isfinite(row["int8_tops"]):
            expected = row["int8_tops"] / (2 if "sparse" in row["source"].lower()
                                           and "dense" not in row["source"].lower() else 1)
            assert item.peak("int8") == pytest.approx(expected * 1e12)
        else:
            # No figure in ground.fleet: the catalog's own value is a flagged assumption.
            assert item.assumption and "assumption" in item.source


def test_flagged_assumptions_and_unpublished_prices_are_nan_not_zero():
    table = accelerators()
    assert table["assumption"].dtype == bool
    prices = table["unit_price_usd"]
    assert ((prices > 0) | prices.isna()).all()
    assert table.loc["H100 SXM", "price_source"].startswith("not published")


def test_idle_power_is_below_tdp_and_masses_positive():
    table = accelerators()
    assert (table["idle_w"] < table["tdp_w"]).all()
    assert (table["module_mass_kg"] > 0).all()
    assert (table["host_w"] >= 0).all()


def test_unknown_accelerator_suggests_close_names():
    with pytest.raises(ValueError, match=r"accelerator: unknown accelerator 'H100'.*'H100 SXM'"):
        accelerator("H100")
    with pytest.raises(ValueError, match="did you mean"):
        accelerator("TPU v6")


def test_accelerator_lookup_is_case_insensitive_and_objects_pass_through():
    item = accelerator("mi300x")
    assert isinstance(item, Accelerator) and item.name == "MI300X"
    assert accelerator(item) is item


def test_precision_not_published_by_the_accelerator_is_refused():
    with pytest.raises(ValueError, match=r"precision: TPU v6e has no published 'fp8'"):
        accelerator("TPU v6e").peak("fp8")
    with pytest.raises(ValueError, match="precision: unknown precision 'fp16'"):
        accelerator("H100 SXM").peak("fp16")


def test_bytes_per_weight_halve_with_each_format():
    assert PRECISIONS["bf16"] == 2 * PRECISIONS["fp8"] == 4 * PRECISIONS["fp4"]
    assert np.isfinite(list(PRECISIONS.values())).all()


def test_interconnect_bandwidth_is_half_the_bidirectional_nvlink_figure():
    # NVIDIA datasheets: NVLink 900 GB/s (Hopper) and 1.8 TB/s (Blackwell), both directions.
    assert accelerator("H100 SXM").interconnect_gb_s == 450
    assert accelerator("B200").interconnect_gb_s == 900
    assert accelerator("HW4-class").interconnect_gb_s == 0
