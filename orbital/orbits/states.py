"""The ``states`` Dataset contract: what :func:`propagate` returns and every consumer accepts."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital import StatesError

__all__ = ["STATES_VARIABLES", "StatesError", "check_states", "lone_satellites_merged",
           "map_over_satellite_chunks", "satellite_chunks"]

#: The variables of a states Dataset: name -> (dims, CF units, long_name).
STATES_VARIABLES = {
    "position_gcrs_km": (("time", "satellite", "xyz"), "km",
                         "position in the GCRS (inertial, geocentric)"),
    "velocity_gcrs_km_s": (("time", "satellite", "xyz"), "km s-1", "velocity in the GCRS"),
    "position_itrs_km": (("time", "satellite", "xyz"), "km", "position in the ITRS (Earth-fixed)"),
    "lat": (("time", "satellite"), "degrees_north", "geodetic latitude (WGS84)"),
    "lon": (("time", "satellite"), "degrees_east", "geodetic longitude (WGS84)"),
    "alt_km": (("time", "satellite"), "km", "geodetic altitude above the WGS84 ellipsoid"),
}


def check_states(states, *, need=("position_gcrs_km",), field: str = "states") -> xr.Dataset:
    """Return ``states`` after checking it keeps the states contract for the variables ``need``.

    The states contract, what :func:`orbital.orbits.propagate` returns and what ``sun``,
    ``power``, ``thermal``, ``links`` and ``radiation`` accept:

    - an :class:`xarray.Dataset` with dims ``time``, ``satellite`` and ``xyz`` (length 3);
    - coords ``time`` (UTC ``datetime64[ns]``, strictly increasing), ``satellite`` (index),
      ``xyz`` (``"x", "y", "z"``); ``satellite_name`` and ``plane`` (on ``satellite``) when
      the states come from :func:`propagate`;
    - variables (:data:`STATES_VARIABLES`), each with CF ``units`` and a ``long_name``:

      ==================== ========================== =============== =========================
      name                 dims                       units           meaning
      ==================== ========================== =============== =========================
      position_gcrs_km     (time, satellite, xyz)     km              GCRS position
      velocity_gcrs_km_s   (time, satellite, xyz)     km s-1          GCRS velocity
      position_itrs_km     (time, satellite, xyz)     km              ITRS (Earth-fixed) position
      lat                  (time, satellite)          degrees_north   geodetic latitude, WGS84
      lon                  (time, satellite)          degrees_east    geodetic longitude, WGS84
      alt_km               (time, satellite)          km              height above WGS84
      ==================== ========================== =============== =========================

    A consumer checks only what it reads (``need``), so a hand-made Dataset holding just
    ``position_gcrs_km`` serves the shadow. Dims may come in any order (consumers transpose).
    A ``units`` attribute, when present, must be the contract's; a variable without one is
    taken to be in the contract's units. Values are checked finite when they are in memory;
    dask-backed states stay lazy (not loaded here).

    Parameters
    ----------
    states : xarray.Dataset
        States, normally from :func:`orbital.orbits.propagate`.
    need : sequence of str, default ("position_gcrs_km",)
        Variables the caller reads, among :data:`STATES_VARIABLES`.
    field : str, default "states"
        Name used in the messages (e.g. ``"track"``).

    Returns
    -------
    xarray.Dataset
        ``states`` itself.

    Raises
    ------
    orbital.StatesError
        A ``ValueError`` naming what is missing or wrong (not a Dataset, a missing variable,
        wrong dims or units, times not strictly increasing, NaN or inf values).

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> t = np.array(["2026-03-20T12:00"], dtype="datetime64[ns]")
    >>> position = xr.DataArray([[[7000.0, 0.0, 0.0]]], dims=("time", "satellite", "xyz"),
    ...                         coords={"time": t}, attrs={"units": "km"})
    >>> check_states(xr.Dataset({"position_gcrs_km": position})).sizes["satellite"]
    1
    >>> check_states(xr.Dataset({"position_gcrs_km": position}), need=("lat",))
    ... # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    orbital.StatesError: states: lacks variable(s) ['lat'] (needs ['lat']); pass ...
    """
    need = (need,) if isinstance(need, str) else tuple(need)
    unknown = [name for name in need if name not in STATES_VARIABLES]
    if unknown:
        raise ValueError(f"need: {unknown} are not states variables; choose among "
                         f"{list(STATES_VARIABLES)}")
    if not isinstance(states, xr.Dataset):
        raise StatesError(f"{field}: expected the xarray Dataset of orbital.orbits.propagate(...), "
                          f"got {type(states).__name__}")
    missing = [name for name in need if name not in states]
    if missing:
        raise StatesError(f"{field}: lacks variable(s) {missing} (needs {list(need)}); pass the "
                          "Dataset of orbital.orbits.propagate(...)")
    for name in need:
        dims, units, _ = STATES_VARIABLES[name]
        variable = states[name]
        if set(variable.dims) != set(dims) or variable.ndim != len(dims):
            raise StatesError(f"{field}.{name}: dims {variable.dims}, expected {dims}")
        if "xyz" in dims and variable.sizes["xyz"] != 3:
            raise StatesError(f"{field}.{name}: xyz has length {variable.sizes['xyz']}, expected 3")
        given = variable.attrs.get("units")
        if given is not None and given != units:
            raise StatesError(f"{field}.{name}: units {given!r}, expected {units!r}")
        if isinstance(variable.data, np.ndarray) and not np.isfinite(variable.data).all():
            raise StatesError(f"{field}.{name}: contains NaN or inf (a decayed or failed orbit?)")
    if "time" in states.coords:
        times = states["time"].values
        if times.dtype.kind != "M":
            raise StatesError(f"{field}.time: dtype {times.dtype}, expected UTC datetime64")
        steps = np.diff(times)
        if (steps <= np.timedelta64(0, "ns")).any():
            k = int(np.argmax(steps <= np.timedelta64(0, "ns")))
            raise StatesError(f"{field}.time: must be strictly increasing, but time[{k + 1}] = "
                              f"{times[k + 1]} does not come after time[{k}] = {times[k]}")
    return states


def satellite_chunks(data) -> tuple[int, ...] | None:
    """Chunk sizes along ``satellite`` of a dask-backed Dataset or DataArray, else None.

    Examples
    --------
    >>> import numpy as np, xarray as xr
    >>> satellite_chunks(xr.DataArray(np.zeros((2, 5)), dims=("time", "satellite"))) is None
    True
    """
    variables = data.data_vars.values() if isinstance(data, xr.Dataset) else [data]
    for variable in variables:
        if "satellite" in variable.dims and variable.chunks is not None:
            return tuple(variable.chunksizes["satellite"])
    return None


def lone_satellites_merged(chunks) -> tuple[int, ...]:
    """Satellite chunk sizes with every one-satellite chunk merged into its neighbour.

    Numpy switches to other kernels for a lone column (a pairwise sum along time, a
    different matrix product), so a chunk of one satellite can differ in the last bit from the
    same satellite computed among others; chunks of two or more agree bit for bit.

    Examples
    --------
    >>> lone_satellites_merged((300, 300, 1)), lone_satellites_merged((1, 1, 1, 1))
    ((300, 301), (2, 2))
    """
    merged = []
    for size in chunks:
        if merged and merged[-1] == 1:
            merged[-1] += size
        else:
            merged.append(size)
    if len(merged) > 1 and merged[-1] == 1:
        lone = merged.pop()
        merged[-1] += lone
    return tuple(merged)


def _empty_like(data):
    """A numpy-backed copy of ``data`` with zero satellites (nothing computed)."""
    if isinstance(data, xr.DataArray):
        return _empty_like(data.to_dataset(name="_")).__getitem__("_").rename(data.name)
    variables = {}
    for name, variable in data.data_vars.items():
        shape = tuple(0 if dim == "satellite" else size for dim, size in variable.sizes.items())
        variables[name] = (variable.dims, np.empty(shape, dtype=variable.dtype), variable.attrs)
    coords = {name: coord.isel(satellite=slice(0, 0)) if "satellite" in coord.dims else coord
              for name, coord in data.coords.items()}
    return xr.Dataset(variables, coords=coords, attrs=data.attrs)


def map_over_satellite_chunks(function, states: xr.Dataset, *, split: dict | None = None,
                              **keywords):
    """``function(states, **split, **keywords)`` evaluated chunk by chunk along ``satellite``.

    For dask-backed states (e.g. ``propagate(..., chunks={"satellite": 2000})``): each
    satellite chunk of ``states``, and of every value in ``split`` that has a satellite axis,
    is given to ``function`` as numpy-backed data, and the results are concatenated lazily
    along ``satellite``, so the full (time, satellite) arrays are never held at once.
    Satellites must be independent in ``function`` (every physics kernel of ``sun``, ``power``
    and ``thermal`` is); the result then equals ``function`` on the whole, bit for bit.

    A chunk of one satellite is merged into its neighbour: numpy reduces a lone column in
    another order (pairwise rather than step by step), which would change the last bit.

    Time-stepped integrations (battery state of charge, radiator temperature) need the whole
    time axis, so states and arguments chunked along ``time`` are rechunked to one time chunk
    first: memory is bounded by the satellite chunk times all the steps, so choose the chunk
    accordingly (2 000 satellites × 1 440 steps hold ~0.35 GB of states).

    Parameters
    ----------
    function : callable
        ``function(states, **arguments)`` returning an xarray Dataset or DataArray whose every
        variable has the ``satellite`` dim of the states; its structure (names, dims, attrs)
        must not depend on the values (it is read from a call on zero satellites).
    states : xarray.Dataset
        Dask-backed states, chunked along ``satellite``.
    split : dict, optional
        Keyword arguments split like the states: xarray objects with a ``satellite`` dim, and
        numpy arrays of shape (satellite,) or (time, satellite) (given back as numpy arrays).
        Other values are passed whole.
    **keywords
        Passed unchanged to every call.

    Returns
    -------
    xarray.Dataset or xarray.DataArray
        Dask-backed, chunked along ``satellite`` as the states.
    """
    import dask.array as da

    chunks = satellite_chunks(states)
    if chunks is None:
        raise ValueError("states: not dask-backed; call the function directly")
    chunks = lone_satellites_merged(chunks)
    n_time, n_sat = states.sizes["time"], states.sizes["satellite"]

    def one_time_chunk(data):
        sizes = {dim: -1 for dim in data.dims if dim != "satellite"}
        sizes["satellite"] = chunks
        return data.chunk(sizes)

    states = one_time_chunk(states)
    whole = dict(keywords)
    names, values, from_numpy = [], [], []
    for name, value in (split or {}).items():
        if isinstance(value, (xr.Dataset, xr.DataArray)) and "satellite" in value.dims:
            names.append(name), values.append(one_time_chunk(value)), from_numpy.append(False)
            continue
        shape = np.shape(value) if isinstance(value, np.ndarray) else ()
        dims = {(n_sat,): ("satellite",), (n_time, n_sat): ("time", "satellite")}.get(shape)
        if dims is None:
            whole[name] = value
            continue
        labelled = xr.DataArray(value, dims=dims, coords={d: states[d] for d in dims})
        names.append(name), values.append(one_time_chunk(labelled)), from_numpy.append(True)

    def call(block, *blocks):
        given = {name: (b.values if numpy else b)
                 for name, b, numpy in zip(names, blocks, from_numpy)}
        return function(block, **given, **whole)

    # the result's structure, from the function on zero satellites (no block is computed)
    structure = call(_empty_like(states), *[_empty_like(v) for v in values])
    as_array = isinstance(structure, xr.DataArray)
    shape_source = structure.to_dataset(name="_") if as_array else structure
    template_variables = {}
    for name, variable in shape_source.data_vars.items():
        if "satellite" not in variable.dims:
            raise ValueError(f"{name}: a result without a satellite dim cannot be mapped over "
                             "satellite chunks")
        shape = tuple(n_sat if dim == "satellite" else size
                      for dim, size in variable.sizes.items())
        layout = tuple(chunks if dim == "satellite" else (size,)
                       for dim, size in variable.sizes.items())
        template_variables[name] = (variable.dims, da.empty(shape, chunks=layout,
                                                            dtype=variable.dtype),
                                    variable.attrs)
    coords = {}
    for name, coord in shape_source.coords.items():
        if "satellite" not in coord.dims:
            coords[name] = coord.variable
        elif name in states.coords:  # the states' values, the function's attrs
            coords[name] = xr.Variable(coord.dims, states[name].values, coord.attrs)
        else:
            raise ValueError(f"{name}: a satellite coordinate the states do not have")
    template = xr.Dataset(template_variables, coords=coords, attrs=shape_source.attrs)

    def on_block(block, *blocks):
        result = call(block, *blocks)
        return result.to_dataset(name="_") if as_array else result

    mapped = xr.map_blocks(on_block, states, args=values, template=template)
    # map_blocks makes non-index coordinates lazy (read from the blocks): keep the template's
    # in-memory ones, or merging two results would compute every block to compare them
    mapped = mapped.assign_coords({name: coord.variable for name, coord in template.coords.items()
                                   if name not in template.indexes})
    return mapped["_"].rename(structure.name) if as_array else mapped
