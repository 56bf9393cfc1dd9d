"""Boundary checks for ``ground/``: one clear ValueError naming the field, the value and the range.

``ground`` must not import ``orbital``, so this mirrors ``orbital/_checks.py`` (same messages) and
adds a name lookup that suggests close matches (``difflib.get_close_matches``).
"""

from __future__ import annotations

import difflib

import numpy as np


def check_range(
    field: str,
    value,
    low: float | None = None,
    high: float | None = None,
    *,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
    unit: str = "",
):
    """Return ``value`` as a float array after checking ``low (<|<=) value (<|<=) high``.

    Raises ``ValueError("field: value ... outside the allowed range ...")`` naming the first
    offending value; NaN is always rejected.
    """
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{field}: {value!r} is not a number") from None
    bad = np.isnan(array)
    if low is not None:
        bad |= (array < low) if low_inclusive else (array <= low)
    if high is not None:
        bad |= (array > high) if high_inclusive else (array >= high)
    if bad.any():
        offending = array[bad].flat[0] if array.ndim else float(array)
        left = ("[" if low_inclusive else "(") + ("-inf" if low is None else f"{low:g}")
        right = ("inf" if high is None else f"{high:g}") + ("]" if high_inclusive else ")")
        suffix = f" {unit}" if unit else ""
        raise ValueError(
            f"{field}: {offending:g}{suffix} is outside the allowed range {left}, {right}{suffix}"
        )
    return array


def check_fraction(field: str, value):
    """Return ``value`` as a float array after checking it lies in [0, 1]."""
    return check_range(field, value, 0.0, 1.0)


def check_name(field: str, value, choices, *, what: str = "name"):
    """Return ``value`` if it is one of ``choices``; else a ValueError with close matches.

    The message lists the closest names (``difflib.get_close_matches``, case-insensitive) when
    there are any, and otherwise all valid names when they are few.
    """
    choices = list(choices)
    if value in choices:
        return value
    lowered = {str(c).lower(): c for c in choices}
    if str(value).lower() in lowered:
        return lowered[str(value).lower()]
    close = difflib.get_close_matches(str(value).lower(), list(lowered), n=3, cutoff=0.5)
    if close:
        hint = "did you mean " + ", ".join(repr(lowered[c]) for c in close) + "?"
    elif len(choices) <= 30:
        hint = "choose one of " + ", ".join(repr(c) for c in choices)
    else:
        hint = f"{len(choices)} valid values; none is close"
    raise ValueError(f"{field}: unknown {what} {value!r}; {hint}")


def lookup(table: dict, field: str, name, *, what: str = "parameter set"):
    """Return ``table[name]`` or raise a ValueError listing the valid names (close ones first)."""
    return table[check_name(field, name, table, what=what)]


def check_times(field: str, times):
    """Return ``(times, step_hours)``: UTC instants as ``datetime64[ns]`` and each step's length.

    Each instant stands for the interval until the next one; the last lasts as long as the one
    before, and a single instant lasts 1 h. Raises a ValueError naming ``field`` when the array is
    empty, holds NaT, or is not strictly increasing.
    """
    try:
        times = np.atleast_1d(np.asarray(times, dtype="datetime64[ns]"))
    except (TypeError, ValueError):
        raise ValueError(f"{field}: {times!r} is not an array of datetime64 instants") from None
    if times.ndim != 1 or times.size == 0:
        raise ValueError(f"{field}: give a one-dimensional array of at least one instant "
                         f"(got shape {times.shape})")
    if np.isnat(times).any():
        raise ValueError(f"{field}: NaT (not-a-time) values are not allowed")
    if times.size == 1:
        return times, np.array([1.0])
    step_hours = np.diff(times).astype("timedelta64[ns]").astype(float) / 3.6e12
    if (step_hours <= 0).any():
        first = int(np.argmax(step_hours <= 0))
        raise ValueError(f"{field}: must be strictly increasing ({times[first]} is followed by "
                         f"{times[first + 1]})")
    return times, np.append(step_hours, step_hours[-1])


def local_hour_index(times, utc_offset_hours):
    """Local hour 0…23 of UTC ``times`` (shape (t,)) shifted by ``utc_offset_hours`` [h].

    ``utc_offset_hours`` broadcasts against ``times[:, None]`` when it is an array over sites, so
    the result has shape (t,) for a scalar offset and (t, s) for an offset per site. The modulo
    is taken on integers after the floor (``np.mod(-1e-300, 24)`` rounds to 24.0).
    """
    seconds_of_day = times.astype("datetime64[s]").astype(np.int64) % 86400
    offset = np.asarray(utc_offset_hours, dtype=float)
    hours = seconds_of_day / 3600.0
    if offset.ndim:
        hours = hours[:, None]
    return np.floor(hours + offset).astype(np.int64) % 24
