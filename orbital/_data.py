"""Offline data: the one place where ephemerides, time scales and Earth-orientation data load.

Nothing here reaches the network (docs/architecture.rst, "Offline, always"):

- the JPL DE421 ephemeris comes from the ``skyfield-data`` package, loaded with ``expire=False``;
- Earth orientation (UT1−UTC and polar motion) comes from the IERS ``finals2000A.all`` shipped
  by ``astropy-iers-data``, for astropy and skyfield alike, so both libraries put the ITRS in
  the same place (skyfield's builtin tables carry no polar motion: ~10 m at LEO radius);
  leap seconds from skyfield's builtin table;
- astropy's IERS tables come from ``astropy-iers-data`` with auto-download off, no maximum
  age, and a warning (not an error) when a time lies past the tables.

``skyfield-data`` also ships a ``finals2000A.all`` with an expiry date; we never read that copy
(astropy-iers-data's fresher one serves instead), so its expiry warning is silenced here and
only here.

It also resolves the on-disk cache directory (:func:`cache_dir`) and reads user times
(:func:`check_time_span`): UTC offsets are converted explicitly, and the whole span used is
checked against the ephemeris (an error) and the IERS table (a warning).

Importing this module configures astropy once; the ephemeris loads lazily on first use.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import tempfile
import warnings
from pathlib import Path

import numpy as np
from astropy.utils import iers

# Configure astropy before anything else asks it for Earth orientation.
iers.conf.auto_download = False
iers.conf.auto_max_age = None
iers.conf.iers_degraded_accuracy = "warn"

#: Span of the JPL DE421 ephemeris shipped by skyfield-data (UTC, inclusive).
EPHEMERIS_SPAN = (np.datetime64("1899-07-30", "ns"), np.datetime64("2053-10-08", "ns"))


@functools.cache
def _finals():
    """Daily rows of the IERS Bulletin A ``finals2000A.all`` from astropy-iers-data (parsed once)."""
    from astropy_iers_data import IERS_A_FILE
    from skyfield.data import iers

    with open(IERS_A_FILE, "rb") as finals_file:
        return iers.parse_x_y_dut1_from_finals_all(finals_file)


@functools.cache
def timescale():
    """Skyfield timescale with UT1 and polar motion from astropy-iers-data (never downloads).

    The IERS Bulletin A file ``finals2000A.all`` that ``astropy-iers-data`` ships gives daily
    UT1−UTC and pole coordinates (measured, then about a year of predictions); skyfield's own
    ``build_timescale_arrays`` turns it into ∆T, and its leap-second table comes with it.
    Beyond the file (:func:`iers_table_end`), ∆T follows skyfield's long-term model and the
    pole stays at its last value; :func:`check_time_span` warns about such times.
    """
    from skyfield.data import iers
    from skyfield.timelib import Timescale

    finals = _finals()
    daily_tt, daily_delta_t, leap_dates, leap_offsets = iers.build_timescale_arrays(
        finals["utc_mjd"], finals["dut1"])
    scale = Timescale((daily_tt, daily_delta_t), leap_dates, leap_offsets)
    iers.install_polar_motion_table(scale, finals)
    return scale


@functools.cache
def iers_table_end() -> np.datetime64:
    """Last day (UTC) with UT1−UTC and polar motion in the shipped IERS Bulletin A table."""
    last_mjd = int(np.max(_finals()["utc_mjd"]))
    return np.datetime64("1858-11-17", "ns") + np.timedelta64(last_mjd, "D")


@functools.cache
def ephemeris():
    """The JPL DE421 ephemeris shipped by ``skyfield-data``, loaded offline."""
    from skyfield.api import Loader
    from skyfield_data import get_skyfield_data_path

    with warnings.catch_warnings():
        # skyfield-data's finals2000A.all has an expiry date; we never read it (timescale()
        # reads astropy-iers-data's copy), so its RuntimeWarning is noise for our users.
        warnings.filterwarnings("ignore", message=r".*finals2000A\.all.*", category=RuntimeWarning)
        path = get_skyfield_data_path()
    loader = Loader(path, verbose=False, expire=False)
    return loader("de421.bsp")


# A clock time followed by a UTC offset ("+02:00", "-0500", "+02") or "Z", in an ISO 8601 string.
_UTC_OFFSET = re.compile(r"[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:\.\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$")


def _has_offset(value) -> bool:
    if isinstance(value, str):
        return _UTC_OFFSET.search(value.strip()) is not None
    return isinstance(value, datetime.datetime) and value.tzinfo is not None


def read_utc_times(times, *, field: str = "times") -> np.ndarray:
    """``times`` as datetime64[ns] UTC, no span check; values with a UTC offset are converted
    explicitly (for times that only measure steps, e.g. a thermal integration).

    numpy would shift such strings itself, with a raw UserWarning per call and no word of
    the field; here the conversion is pandas' and the one warning names the field.
    """
    array = np.asarray(times)
    if array.dtype.kind in "biufc":
        raise ValueError(f"{field}: {times!r} are numbers, not UTC datetimes; pass datetime64 "
                         "values or ISO 8601 strings")
    if array.dtype.kind == "M":
        return array.astype("datetime64[ns]")
    flat = array.ravel()
    offsets = [k for k, value in enumerate(flat) if _has_offset(value)]
    if not offsets:
        try:
            return np.asarray(array, dtype="datetime64[ns]")
        except (ValueError, TypeError, OverflowError) as error:
            raise ValueError(f"{field}: cannot read {times!r} as UTC datetimes ({error})") from None
    import pandas as pd

    try:
        converted = pd.to_datetime(list(flat), utc=True).tz_convert(None)
    except (ValueError, TypeError, OverflowError) as error:
        raise ValueError(f"{field}: cannot read {times!r} as UTC datetimes ({error})") from None
    values = converted.to_numpy("datetime64[ns]").reshape(array.shape)
    # "Z" is UTC already: only real offsets are worth a word
    shifted = [k for k in offsets if not (isinstance(flat[k], str) and flat[k].strip()[-1] == "Z")]
    if shifted:
        first = shifted[0]
        warnings.warn(
            f"{field}: {len(shifted)} time(s) carry a UTC offset; converted to UTC (the first, "
            f"{str(flat[first])!r}, is {values.ravel()[first]}); orbital works in UTC",
            UserWarning, stacklevel=3)
    return values


def check_time_span(times, *, field: str = "times", warn_past_iers: bool = True) -> np.ndarray:
    """Return ``times`` as UTC ``datetime64[ns]`` after checking the span they cover.

    Parameters
    ----------
    times : array-like of datetime64, str or datetime
        UTC times. ISO 8601 strings or datetimes with a UTC offset (``+02:00``) are converted
        to UTC, with one warning; ``Z`` is UTC already. Pass every time a computation will use,
        or at least its first and last (e.g. ``[start, start + one_year]``): the check is on
        the span, not on a start time alone.
    field : str
        Name used in the messages.
    warn_past_iers : bool, default True
        Warn when the span reaches past the IERS table (off for times that only label
        elements, such as an orbit's epoch, where Earth orientation plays no part).

    Returns
    -------
    numpy.ndarray
        ``datetime64[ns]``, same shape as ``times``.

    Raises
    ------
    ValueError
        If a time cannot be read as a date, is NaT, or lies outside :data:`EPHEMERIS_SPAN`
        (the DE421 ephemeris, 1899-07-30 … 2053-10-08); the message names the limit.

    Warns
    -----
    UserWarning
        For times with a UTC offset (converted), and once when the span reaches past the end
        of the IERS Bulletin A table (:func:`iers_table_end`): there UT1−UTC comes from
        skyfield's long-term ∆T model and the pole is held at its last value.

    Examples
    --------
    >>> check_time_span(["2026-03-20T12:00", "2026-03-21T12:00"])
    array(['2026-03-20T12:00:00.000000000', '2026-03-21T12:00:00.000000000'],
          dtype='datetime64[ns]')
    """
    values = read_utc_times(times, field=field)
    if values.size == 0:
        raise ValueError(f"{field}: no times given; pass at least one UTC datetime")
    if np.isnat(values).any():
        raise ValueError(f"{field}: contains NaT; every time must be a valid UTC datetime")
    low, high = values.min(), values.max()
    if low < EPHEMERIS_SPAN[0] or high > EPHEMERIS_SPAN[1]:
        shown = f"{low}" if low == high else f"{low} … {high}"
        limit = (f"starts on {EPHEMERIS_SPAN[0].astype('datetime64[D]')}"
                 if low < EPHEMERIS_SPAN[0] else
                 f"ends on {EPHEMERIS_SPAN[1].astype('datetime64[D]')}")
        raise ValueError(
            f"{field}: {shown} lies outside the DE421 ephemeris span, which {limit} "
            f"(span {EPHEMERIS_SPAN[0].astype('datetime64[D]')} … "
            f"{EPHEMERIS_SPAN[1].astype('datetime64[D]')})"
        )
    if warn_past_iers and high > iers_table_end() + np.timedelta64(1, "D"):
        # a constant message, so Python's default filter shows it once per place, not per call
        warnings.warn(
            f"{field}: reach past {iers_table_end().astype('datetime64[D]')}, the end of the "
            "shipped IERS Bulletin A table: UT1-UTC follows skyfield's long-term Delta T model "
            "and polar motion is held at its last value, so Earth-fixed positions lose the "
            "table's metre-level accuracy; a newer astropy-iers-data extends the table",
            UserWarning, stacklevel=3)
    return values


def check_time(value, *, field: str = "time") -> np.datetime64:
    """One UTC time labelling elements (an epoch) as a ``datetime64[ns]`` scalar, checked as
    :func:`check_time_span` (no IERS warning: an epoch involves no Earth orientation)."""
    values = check_time_span(value, field=field, warn_past_iers=False)
    if values.ndim:
        raise ValueError(f"{field}: {value!r} must be a single time, not {values.size} times")
    return values[()]


def cache_dir() -> Path:
    """A writable directory for cached data (geomagnetic grids, ...).

    ``$ODC_CACHE_DIR`` if set, else the user cache directory (``platformdirs``). The directory
    is created if missing. If it cannot be created, is not a directory, or is not writable,
    a temporary directory serves instead (one per process, removed at exit) with one warning,
    so a misconfigured cache costs speed, never a crash.
    """
    env = os.environ.get("ODC_CACHE_DIR")
    if env:
        path, origin = Path(env).expanduser(), "ODC_CACHE_DIR"
    else:
        import platformdirs

        path, origin = Path(platformdirs.user_cache_dir("orbital-dc")), "the user cache dir"
    problem = _cache_problem(path)
    if problem is None:
        return path
    return _fallback_cache_dir(f"{origin} {str(path)!r} {problem}")


def _cache_problem(path: Path) -> str | None:
    """Why ``path`` cannot hold a cache, or None if it can (created if missing)."""
    if path.exists() and not path.is_dir():
        return "is not a directory"
    try:
        path.mkdir(parents=True, exist_ok=True)
        # os.access says yes to root on a read-only mount; creating a file is the real test
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        return f"is not a writable directory ({error.strerror or error})"
    return None


@functools.cache
def _fallback_cache_dir(reason: str) -> Path:
    import atexit
    import shutil

    path = Path(tempfile.mkdtemp(prefix="orbital-dc-cache-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    warnings.warn(f"cache: {reason}; using the temporary directory {path} for this run "
                  "(cached grids will be rebuilt next time)", UserWarning, stacklevel=3)
    return path


def skyfield_times(times):
    """Skyfield ``Time`` array for UTC ``datetime64`` values (no Python loop over time)."""
    values = np.asarray(times, dtype="datetime64[ns]")
    days = values.astype("datetime64[D]")
    year = days.astype("datetime64[Y]").astype(int) + 1970
    month = days.astype("datetime64[M]").astype(int) % 12 + 1
    day = (days - days.astype("datetime64[M]")).astype(int) + 1
    seconds = (values - days).astype(np.int64) * 1e-9
    return timescale().utc(year, month, day, 0, 0, seconds)


def julian_date_parts(times) -> tuple[np.ndarray, np.ndarray]:
    """UTC Julian date of ``datetime64`` values as (whole days ending in .5, fraction of day).

    This is the split sgp4's ``SatrecArray.sgp4(jd, fr)`` expects, exact to the nanosecond.
    """
    values = np.asarray(times, dtype="datetime64[ns]")
    days = values.astype("datetime64[D]")
    # 1970-01-01T00:00 UTC is JD 2440587.5
    whole = days.astype(np.int64).astype(np.float64) + 2440587.5
    fraction = (values - days).astype(np.int64) / 86_400e9
    return whole, fraction
