"""Boundary checks: one clear ValueError naming the field, the value and the allowed range."""

from __future__ import annotations

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

    Raises ``ValueError("field: value ... outside allowed range ...")`` naming the first
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


def check_choice(field: str, value, choices, *, where: str = ""):
    """Return ``value`` if it is one of ``choices``, else a ValueError listing them.

    The message suggests the closest names (``difflib``) and, with ``where``, says where the
    names are listed (e.g. ``"orbital.thermal.COATINGS"``).
    """
    try:
        known = value in choices
    except TypeError:  # unhashable value against a dict's keys
        known = False
    if not known:
        import difflib

        listed = ", ".join(repr(c) for c in choices)
        close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
        source = f" (listed in {where})" if where else ""
        raise ValueError(
            f"{field}: {value!r} is not supported{hint}; choose one of {listed}{source}")
    return value


def check_count(field: str, value, minimum: int = 1) -> int:
    """Return ``value`` as an int if it is a whole number >= ``minimum`` (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{field}: {value!r} must be a whole number >= {minimum}")
    return int(value)


def check_scalar(field: str, value, low: float | None = None, high: float | None = None,
                 **kwargs) -> float:
    """One number in range (as :func:`check_range`), returned as a plain float.

    For fields of frozen objects, which hold floats rather than arrays or strings.
    """
    array = check_range(field, value, low, high, **kwargs)
    if array.ndim:
        raise ValueError(f"{field}: {value!r} must be a single number, not an array")
    return float(array)
