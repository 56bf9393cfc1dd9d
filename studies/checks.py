"""Boundary checks shared by the studies modules: a named choice (case-insensitive, with close
matches suggested) and a number in a range, each a one-line ValueError naming the field."""

from __future__ import annotations

import difflib

import numpy as np

__all__ = ["check_name", "check_number", "lookup"]


def check_name(field_name: str, value, choices, *, what: str = "name"):
    """``value`` if it is one of ``choices`` (case-insensitive), else a ValueError naming close
    matches (``difflib.get_close_matches``) or all choices when there are few."""
    choices = list(choices)
    if value in choices:
        return value
    lowered = {str(c).lower(): c for c in choices}
    if str(value).lower() in lowered:
        return lowered[str(value).lower()]
    close = difflib.get_close_matches(str(value).lower(), list(lowered), n=3, cutoff=0.5)
    if close:
        hint = "did you mean " + ", ".join(repr(lowered[c]) for c in close) + "?"
    else:
        hint = "choose one of " + ", ".join(repr(c) for c in choices)
    raise ValueError(f"{field_name}: unknown {what} {value!r}; {hint}")


def check_number(field_name: str, value, low=None, high=None, *, low_inclusive=True,
                  high_inclusive=True, unit: str = ""):
    """``value`` as a float array after checking ``low (<|<=) value (<|<=) high``; NaN and
    non-numbers are rejected with a message naming the field, the value and the range."""
    try:
        array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{field_name}: {value!r} is not a number") from None
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
        raise ValueError(f"{field_name}: {offending:g}{suffix} is outside the allowed range "
                         f"{left}, {right}{suffix}")
    return array


def lookup(table: dict, field_name: str, name, what: str = "name"):
    """``table[name]`` (case-insensitive), or the ValueError of :func:`check_name`."""
    return table[check_name(field_name, name, table, what=what)]
