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

Importing this module configures astropy once; the ephemeris loads lazily on first use.
"""

from __future__ import annotations

import functools
import warnings

import numpy as np
from astropy.utils import iers

# Configure astropy before anything else asks it for Earth orientation.
iers.conf.auto_download = False
iers.conf.auto_max_age = None
iers.conf.iers_degraded_accuracy = "warn"

#: Span of the JPL DE421 ephemeris shipped by skyfield-data (UTC, inclusive).
EPHEMERIS_SPAN = (np.datetime64("1899-07-30", "ns"), np.datetime64("2053-10-08", "ns"))


@functools.cache
def timescale():
    """Skyfield timescale with UT1 and polar motion from astropy-iers-data (never downloads).

    The IERS Bulletin A file ``finals2000A.all`` that ``astropy-iers-data`` ships gives daily
    UT1−UTC and pole coordinates (measured, then about a year of predictions); skyfield's own
    ``build_timescale_arrays`` turns it into ∆T, and its leap-second table comes with it.
    Beyond the file, ∆T follows skyfield's long-term model and the pole stays at its last value.
    """
    from astropy_iers_data import IERS_A_FILE
    from skyfield.data import iers
    from skyfield.timelib import Timescale

    with open(IERS_A_FILE, "rb") as finals_file:
        finals = iers.parse_x_y_dut1_from_finals_all(finals_file)
    daily_tt, daily_delta_t, leap_dates, leap_offsets = iers.build_timescale_arrays(
        finals["utc_mjd"], finals["dut1"])
    scale = Timescale((daily_tt, daily_delta_t), leap_dates, leap_offsets)
    iers.install_polar_motion_table(scale, finals)
    return scale


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


def check_time_span(times, *, field: str = "times") -> np.ndarray:
    """Return ``times`` as ``datetime64[ns]`` after checking they lie inside the ephemeris span.

    Parameters
    ----------
    times : array-like of datetime64 or str
        UTC times.
    field : str
        Name used in the error message.

    Raises
    ------
    ValueError
        If any time lies outside :data:`EPHEMERIS_SPAN` or cannot be read as a date.
    """
    if np.asarray(times).dtype.kind in "biufc":
        raise ValueError(f"{field}: {times!r} are numbers, not UTC datetimes; pass datetime64 "
                         "values or ISO 8601 strings")
    try:
        values = np.asarray(times, dtype="datetime64[ns]")
    except (ValueError, TypeError) as error:
        raise ValueError(f"{field}: cannot read {times!r} as UTC datetimes ({error})") from None
    if values.size == 0:
        raise ValueError(f"{field}: no times given; pass at least one UTC datetime")
    if np.isnat(values).any():
        raise ValueError(f"{field}: contains NaT; every time must be a valid UTC datetime")
    low, high = values.min(), values.max()
    if low < EPHEMERIS_SPAN[0] or high > EPHEMERIS_SPAN[1]:
        shown = f"{low}" if low == high else f"{low} … {high}"
        raise ValueError(
            f"{field}: {shown} lies outside the DE421 ephemeris span "
            f"{EPHEMERIS_SPAN[0].astype('datetime64[D]')} … {EPHEMERIS_SPAN[1].astype('datetime64[D]')}"
        )
    return values


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
