"""The ``states`` Dataset contract: what :func:`propagate` returns and every consumer accepts."""

from __future__ import annotations

import numpy as np
import xarray as xr

from orbital import StatesError

__all__ = ["STATES_VARIABLES", "StatesError", "check_states"]

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
