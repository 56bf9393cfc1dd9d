"""Export (studies.export): each format reopens to the same values and attributes, variables
without units are refused by name, and an interrupted write leaves nothing under the final name."""

import json

import numpy as np
import pytest
import xarray as xr

from studies import export


def results() -> xr.Dataset:
    """A small result with the layout of a sweep of studies.compare.run."""
    rng = np.random.default_rng(3)
    times = (np.datetime64("2026-06-21T00:00:00") + np.arange(4) * np.timedelta64(300, "s")).astype(
        "datetime64[ns]")  # what xarray decodes from NetCDF and Zarr
    cities = ["Paris,FR", "Lagos,NG", "NA"]  # "NA" must stay a label, not become missing
    venues = ["dawn-dusk", "ovhcloud-gra", "us-fleet"]
    return xr.Dataset(
        {"latency_total_ms": (("altitude_km", "time", "city", "venue"), rng.random((2, 4, 3, 3)) * 100,
                              {"units": "ms", "long_name": "end-to-end latency"}),
         "energy_per_request_j": (("altitude_km", "venue"), rng.random((2, 3)) * 1e3,
                                  {"units": "J", "long_name": "energy per request"}),
         "fits": ("venue", [True, False, True], {"units": "1", "long_name": "model fits"}),
         "replicas": ("venue", np.array([3, 40, 1000], dtype=np.int64),
                      {"units": "1", "long_name": "replicas"})},
        coords={"altitude_km": ("altitude_km", [550.0, 1200.0],
                                {"units": "km", "long_name": "orbit altitude"}),
                "time": times, "city": cities, "venue": venues,
                "lat": ("city", [48.8566, 6.4541, 40.0], {"units": "degrees_north", "long_name": "latitude"}),
                "venue_kind": ("venue", ["orbital", "cloud", "fleet"])},
        attrs={"scenario_hash": "abc123", "sweep_definition": json.dumps({"method": "grid"})})


@pytest.mark.parametrize("suffix", [".nc", ".zarr", ".parquet", ".csv"])
def test_each_format_reopens_to_identical_values_and_attributes(tmp_path, suffix):
    ds = results()
    path = export.write(ds, tmp_path / f"results{suffix}")
    back = export.read(path)
    for name in ds.variables:
        assert back[name].dtype == ds[name].dtype, name
        assert back[name].dims == ds[name].dims, name
        np.testing.assert_array_equal(back[name].values, ds[name].values, err_msg=name)
        assert back[name].attrs == ds[name].attrs, name
    xr.testing.assert_equal(back, ds)
    # the dataset's own attributes survive, and provenance is added
    for key, value in ds.attrs.items():
        assert back.attrs[key] == value
    assert back.attrs["orbital_dc_version"] and back.attrs["Conventions"].startswith("CF-")
    assert back.attrs["created_utc"].endswith("Z")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_tables_are_tidy_with_units_in_a_column(tmp_path):
    import pandas as pd

    export.write(results(), tmp_path / "r.parquet")
    table = pd.read_parquet(tmp_path / "r.parquet")
    assert {"variable", "value", "units", "altitude_km", "time", "city", "venue"} <= set(table.columns)
    energy = table[table.variable == "energy_per_request_j"]
    assert len(energy) == 6 and set(energy.units) == {"J"} and energy.time.isna().all()
    export.write(results(), tmp_path / "r.csv")
    assert (tmp_path / "r.csv-metadata.json").is_file()
    assert pd.read_csv(tmp_path / "r.csv").shape[0] == len(table)


def test_a_variable_without_units_is_refused_by_name(tmp_path):
    ds = results()
    del ds["energy_per_request_j"].attrs["units"]
    with pytest.raises(ValueError, match="variable 'energy_per_request_j' has no 'units' attribute"):
        export.write(ds, tmp_path / "r.nc")
    ds = results()
    del ds["lat"].attrs["long_name"]
    with pytest.raises(ValueError, match="coordinate 'lat' has no 'long_name'"):
        export.write(ds, tmp_path / "r.nc")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_named(tmp_path):
    with pytest.raises(ValueError, match=r"suffix '\.xlsx'"):
        export.write(results(), tmp_path / "r.xlsx")
    with pytest.raises(ValueError, match="format: 'hdf' is not supported"):
        export.write(results(), tmp_path / "r.nc", format="hdf")


@pytest.mark.parametrize("suffix", [".nc", ".zarr", ".parquet"])
def test_an_interrupted_export_leaves_the_previous_file_and_no_debris(tmp_path, suffix, monkeypatch):
    path = tmp_path / f"results{suffix}"
    export.write(results(), path)
    before = export.read(path)

    def interrupted(self, *args, **kwargs):
        target = args[0] if args else kwargs.get("path") or kwargs.get("store")
        with open(target, "wb") if suffix != ".zarr" else open(target / "half", "wb") as partial:
            partial.write(b"half a fil")
        raise KeyboardInterrupt

    import pyarrow.parquet as pq

    monkeypatch.setattr(xr.Dataset, "to_netcdf", interrupted)
    monkeypatch.setattr(xr.Dataset, "to_zarr",
                        lambda self, store, **kw: (store.mkdir(), interrupted(self, store)))
    monkeypatch.setattr(pq, "write_table", lambda table, where: interrupted(None, where))
    changed = results().assign(fits=lambda d: ~d.fits)
    with pytest.raises(KeyboardInterrupt):
        export.write(changed, path)
    monkeypatch.undo()
    xr.testing.assert_identical(export.read(path), before)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_export_store_writes_a_finished_sweep(tmp_path):
    from studies import sweep

    # a store as run_sweep leaves it, built without running a cluster
    definition = {"scenario_hash": "h", "method": "grid", "points": [[550.0], [1200.0]],
                  "fields": [{"name": "altitude_km", "path": "orbital.0.constellation.altitude_km",
                              "units": "km", "long_name": "orbit altitude"}]}
    import zarr

    store = tmp_path / "s.zarr"
    root = zarr.open_group(store, mode="w-", zarr_format=3)
    root.attrs.update({"orbital_dc_sweep": sweep.STORE_FORMAT, "sweep_hash": "x", "sweep_name": "t",
                       "sweep_definition": json.dumps(definition)})
    root.create_group("points")
    for index in (0, 1):
        point = results().isel(altitude_km=index, drop=True)
        sweep._write_point(store, index, sweep._encode_point(point))
    out = export.export_store(store, None, tmp_path / "s.nc")
    back = export.read(out)
    assert back.attrs["scenario_hash"] == "h" and json.loads(back.attrs["sweep_definition"]) == definition
    np.testing.assert_array_equal(back.latency_total_ms.values, results().latency_total_ms.values)
