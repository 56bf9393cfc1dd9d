"""Export results to NetCDF, Zarr, Parquet or CSV, labelled and with their provenance.

Every exported variable carries CF ``units`` and ``long_name`` (a variable without them is
refused, by name), and the file records where it came from: the package version, the
scenario's hash and the sweep's definition when the dataset has them, the creation time (UTC)
and ``git describe`` of the source tree when there is one.

NetCDF (via h5netcdf) and Zarr hold the Dataset as is. Parquet and CSV hold a tidy long table,
one row per value: a ``variable`` column, a ``value`` column, a ``units`` column and one column
per dimension or coordinate (empty where the variable does not have it). Everything needed to
rebuild the Dataset (dimensions, coordinate order, dtypes, attributes) goes to the Parquet
schema metadata, or for CSV to a ``<file>-metadata.json`` sidecar (the name CSVW uses, W3C
2015), so :func:`read` gives back the Dataset that was written.

Writes are atomic: the file (or Zarr directory) is written under a temporary name in the same
folder and renamed into place, so an interrupted export never leaves a truncated file under
the final name.
"""

from __future__ import annotations

import datetime
import importlib.metadata
import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import numpy as np
import pandas as pd
import xarray as xr

__all__ = ["FORMATS", "write", "read", "export_store", "with_provenance"]

FORMATS = {".nc": "netcdf", ".zarr": "zarr", ".parquet": "parquet", ".csv": "csv"}
"""File suffix → format written by :func:`write`."""

_FORMAT_NAMES = {"netcdf": "netcdf", "nc": "netcdf", "zarr": "zarr", "parquet": "parquet",
                 "csv": "csv"}
_TABLE_COLUMNS = ("variable", "value", "units")
_METADATA_KEY = "orbital_dc"
_TABLE_FORMAT = "orbital-dc tidy table 1"


# --------------------------------------------------------------------------------------------
# labels and provenance
# --------------------------------------------------------------------------------------------


def _check_labels(ds: xr.Dataset) -> None:
    """Every data variable, and every numeric coordinate, needs CF ``units`` and ``long_name``
    (text and time coordinates are labelled by their values and encoding)."""
    for name, variable in ds.variables.items():
        numeric = variable.dtype.kind in "biufc"
        if name not in ds.data_vars and not numeric:
            continue
        for attribute in ("units", "long_name"):
            if not isinstance(variable.attrs.get(attribute), str):
                kind = "variable" if name in ds.data_vars else "coordinate"
                raise ValueError(
                    f"cannot export: {kind} {name!r} has no {attribute!r} attribute; every data "
                    "variable and numeric coordinate needs CF units and long_name (e.g. "
                    f"ds[{name!r}].attrs[{attribute!r}] = {'1' if attribute == 'units' else '...'!r})")


def _package_version() -> str:
    try:
        return importlib.metadata.version("orbital-dc")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _git_describe() -> str | None:
    """``git describe`` of the tree this package runs from, or None (no git, not a checkout,
    or the package is installed inside some other repository)."""
    package_root = Path(__file__).resolve().parent.parent
    try:
        top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=package_root,
                             capture_output=True, text=True, timeout=5)
        if top.returncode or Path(top.stdout.strip()).resolve() != package_root:
            return None
        described = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"],
                                   cwd=package_root, capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    if described.returncode:
        return None
    return described.stdout.strip() or None


def with_provenance(ds: xr.Dataset) -> xr.Dataset:
    """A copy of ``ds`` with provenance attributes added.

    Adds ``Conventions``, ``orbital_dc_version``, ``created_utc``, ``git_describe`` (when the
    source is a git checkout) and a ``history`` line; keeps ``scenario_hash`` and
    ``sweep_definition`` when present.
    """
    created = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    version = _package_version()
    attrs = dict(ds.attrs)
    attrs.update({"Conventions": "CF-1.11", "orbital_dc_version": version, "created_utc": created})
    described = _git_describe()
    if described:
        attrs["git_describe"] = described
    line = f"{created}: exported by orbital-dc {version} (studies.export)"
    attrs["history"] = f"{attrs['history']}\n{line}" if attrs.get("history") else line
    result = ds.copy()
    result.attrs = attrs
    return result


# --------------------------------------------------------------------------------------------
# atomic writes
# --------------------------------------------------------------------------------------------


def _atomic(out: Path, write_to) -> None:
    """Call ``write_to(temporary_path)`` beside ``out``, then rename the result onto ``out``."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex}"
    try:
        write_to(staging)
        if staging.is_dir() and out.exists():
            # a directory cannot be renamed over a full one: move the old one aside first, so
            # the final name holds the old store or the new one, never a partial one
            old = out.parent / f".{out.name}.old-{uuid.uuid4().hex}"
            os.replace(out, old)
            os.replace(staging, out)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(staging, out)
    except BaseException:
        if staging.is_dir():
            shutil.rmtree(staging, ignore_errors=True)
        else:
            staging.unlink(missing_ok=True)
        raise


def _format_of(path: Path, format) -> str:
    if format is not None:
        key = str(format).lower().lstrip(".")
        if key not in _FORMAT_NAMES:
            raise ValueError(f"format: {format!r} is not supported; choose one of "
                             f"{', '.join(sorted(set(_FORMAT_NAMES.values())))}")
        return _FORMAT_NAMES[key]
    if path.suffix.lower() not in FORMATS:
        raise ValueError(f"{path}: cannot tell the format from the suffix {path.suffix!r}; use "
                         f"one of {', '.join(FORMATS)} or give format=")
    return FORMATS[path.suffix.lower()]


# --------------------------------------------------------------------------------------------
# the tidy long table (Parquet, CSV)
# --------------------------------------------------------------------------------------------


def _json_value(value):
    if isinstance(value, np.ndarray):
        return [_json_value(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _coordinate_values(variable: xr.Variable) -> list:
    if variable.dtype.kind == "M":
        return np.datetime_as_string(variable.values.astype("datetime64[ns]"), unit="ns").tolist()
    if variable.dtype.kind == "m":
        return variable.values.astype("timedelta64[ns]").astype(np.int64).tolist()
    return [_json_value(v) for v in np.asarray(variable.values).tolist()] if variable.ndim else \
        _json_value(variable.values.item())


def _restore_values(values, dtype: str):
    if dtype.startswith("datetime64"):
        return np.array(values, dtype="datetime64[ns]").astype(dtype)
    if dtype.startswith("timedelta64"):
        return np.array(values, dtype=np.int64).astype("timedelta64[ns]").astype(dtype)
    if dtype[0] in "UOT":
        return np.array(values, dtype=str)
    return np.array(values, dtype=dtype)


def _table(ds: xr.Dataset) -> tuple[pd.DataFrame, dict]:
    """The long table and the metadata that rebuilds ``ds`` from it."""
    clashes = [name for name in ds.variables if name in _TABLE_COLUMNS]
    if clashes:
        raise ValueError(f"cannot export {clashes[0]!r} to a table: the names "
                         f"{', '.join(_TABLE_COLUMNS)} are the table's own columns")
    frames = []
    for name, array in ds.data_vars.items():
        if array.dtype.kind not in "biuf":
            raise ValueError(f"cannot export variable {name!r} ({array.dtype}) to a table: the "
                             "long table holds numbers in one 'value' column; use .nc or .zarr")
        frame = array.astype(np.float64).to_dataframe(name="value").reset_index()
        frame.insert(0, "variable", name)
        frame.insert(2, "units", array.attrs["units"])
        frames.append(frame)
    columns = list(_TABLE_COLUMNS) + [c for c in ds.variables if c not in ds.data_vars]
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    table = table[[c for c in columns if c in table.columns]]
    metadata = {
        "format": _TABLE_FORMAT,
        "attrs": {key: _json_value(value) for key, value in ds.attrs.items()},
        "variables": {name: {"dims": list(array.dims), "dtype": str(array.dtype),
                             "attrs": {k: _json_value(v) for k, v in array.attrs.items()}}
                      for name, array in ds.data_vars.items()},
        "coords": {name: {"dims": list(coord.dims), "dtype": str(coord.dtype),
                          "attrs": {k: _json_value(v) for k, v in coord.attrs.items()},
                          "values": _coordinate_values(coord.variable)}
                   for name, coord in ds.coords.items()},
    }
    return table, metadata


def _from_table(table: pd.DataFrame, metadata: dict, source) -> xr.Dataset:
    if metadata.get("format") != _TABLE_FORMAT:
        raise ValueError(f"{source}: no orbital-dc table metadata ({_TABLE_FORMAT!r}); it was "
                         "not written by studies.export")
    coords = {name: xr.Variable(spec["dims"], _restore_values(spec["values"], spec["dtype"]),
                                spec["attrs"])
              for name, spec in metadata["coords"].items()}
    data_vars = {}
    for name, spec in metadata["variables"].items():
        rows = table[table["variable"] == name]
        dims = spec["dims"]
        if not dims:
            values = np.asarray(rows["value"].iloc[0]).astype(spec["dtype"])
            data_vars[name] = xr.Variable((), values, spec["attrs"])
            continue
        rows = rows[dims + ["value"]].copy()
        for dim in dims:
            if dim in coords:  # the column's type as the coordinate's (CSV reads text, NaN-padded floats)
                rows[dim] = _restore_values(rows[dim].tolist(), str(coords[dim].dtype))
        array = rows.set_index(dims)["value"].to_xarray()
        array = array.reindex({dim: coords[dim].values for dim in dims if dim in coords})
        data_vars[name] = xr.Variable(dims, array.transpose(*dims).values.astype(spec["dtype"]),
                                      spec["attrs"])
    return xr.Dataset(data_vars, coords, attrs=metadata["attrs"])


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + "-metadata.json")


# --------------------------------------------------------------------------------------------
# public
# --------------------------------------------------------------------------------------------


def write(ds: xr.Dataset, path, format=None) -> Path:
    """Write a labelled Dataset with its provenance, atomically.

    Parameters
    ----------
    ds : xarray.Dataset
        Results; every data variable and numeric coordinate must carry ``units`` and
        ``long_name``.
    path : str or path-like
        Output file (a directory for Zarr).
    format : {"netcdf", "zarr", "parquet", "csv"}, optional
        Default: from the suffix (.nc, .zarr, .parquet, .csv).

    Returns
    -------
    pathlib.Path
        ``path``. For CSV the metadata sidecar ``<path>-metadata.json`` is written beside it.

    Raises
    ------
    ValueError
        A variable without ``units`` or ``long_name`` (named), an unknown format, or text data
        variables for the table formats.
    """
    path = Path(path)
    kind = _format_of(path, format)
    _check_labels(ds)
    ds = with_provenance(ds)
    if kind == "netcdf":
        _atomic(path, lambda temporary: ds.to_netcdf(temporary, engine="h5netcdf"))
    elif kind == "zarr":
        # text as variable-length strings, which Zarr v3 specifies (numpy fixed-width it does not)
        text = {name: v.copy(data=v.values.astype(object)) for name, v in ds.variables.items()
                if v.dtype.kind == "U"}
        stored = ds.drop_encoding().assign_coords(
            {n: v for n, v in text.items() if n in ds.coords}).assign(
            {n: v for n, v in text.items() if n not in ds.coords})
        _atomic(path, lambda temporary: stored.to_zarr(temporary, mode="w-", zarr_format=3,
                                                       consolidated=False))
    else:
        table, metadata = _table(ds)
        encoded = json.dumps(metadata)
        if kind == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            arrow = pa.Table.from_pandas(table, preserve_index=False)
            arrow = arrow.replace_schema_metadata({**(arrow.schema.metadata or {}),
                                                   _METADATA_KEY.encode(): encoded.encode()})
            _atomic(path, lambda temporary: pq.write_table(arrow, temporary))
        else:
            sidecar = {"@context": "http://www.w3.org/ns/csvw", "url": path.name,
                       "tableSchema": {"columns": [{"name": column, "titles": column}
                                                   for column in table.columns]},
                       _METADATA_KEY: metadata}
            _atomic(path, lambda temporary: table.to_csv(temporary, index=False))
            _atomic(_sidecar(path), lambda temporary: temporary.write_text(json.dumps(sidecar, indent=1)))
    return path


def read(path, format=None) -> xr.Dataset:
    """Read back a file written by :func:`write` (loaded in memory).

    Parameters
    ----------
    path : str or path-like
    format : {"netcdf", "zarr", "parquet", "csv"}, optional
        Default: from the suffix.

    Returns
    -------
    xarray.Dataset
    """
    path = Path(path)
    kind = _format_of(path, format)
    if kind == "netcdf":
        with xr.open_dataset(path, engine="h5netcdf") as opened:
            return opened.load().drop_encoding()
    if kind == "zarr":
        with xr.open_zarr(path, chunks=None, consolidated=False) as opened:
            ds = opened.load().drop_encoding()
        text = {name: v.copy(data=np.array(v.values.tolist(), dtype=str))
                for name, v in ds.variables.items() if v.dtype.kind in "TO"}
        return ds.assign_coords({n: v for n, v in text.items() if n in ds.coords}).assign(
            {n: v for n, v in text.items() if n not in ds.coords})
    if kind == "parquet":
        import pyarrow.parquet as pq

        arrow = pq.read_table(path)
        encoded = (arrow.schema.metadata or {}).get(_METADATA_KEY.encode())
        metadata = json.loads(encoded) if encoded else {}
        return _from_table(arrow.to_pandas(), metadata, path)
    sidecar = _sidecar(path)
    if not sidecar.is_file():
        raise ValueError(f"{path}: the metadata sidecar {sidecar.name} is missing; units and "
                         "dimensions cannot be restored without it")
    metadata = json.loads(sidecar.read_text()).get(_METADATA_KEY, {})
    # pandas >= 3 parses floats to the nearest double (round trip) by default
    table = pd.read_csv(path, keep_default_na=False,
                        na_values=[""], dtype={"variable": str, "units": str})
    return _from_table(table, metadata, path)


def export_store(store, to, out) -> Path:
    """Export a finished sweep store (see :func:`studies.sweep.open_sweep`) or a result file
    (``odc run``'s NetCDF or Zarr) to another format.

    Parameters
    ----------
    store : str or path-like
        A sweep's Zarr store, or a result written by :func:`write`.
    to : {"netcdf", "zarr", "parquet", "csv"} or None
        Output format; None: from ``out``'s suffix.
    out : str or path-like
        Output file.

    Returns
    -------
    pathlib.Path
    """
    from studies.sweep import open_sweep

    path = Path(store)
    if path.is_dir() and (path / "points").exists():
        return write(open_sweep(store), out, format=to)
    if path.suffix in (".nc", ".zarr"):
        return write(read(path), out, format=to)
    return write(open_sweep(store), out, format=to)  # names what a sweep store lacks
