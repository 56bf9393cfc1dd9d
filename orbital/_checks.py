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


def check_choice(field: str, value, choices):
    """Return ``value`` if it is one of ``choices``, else a ValueError listing them."""
    if value not in choices:
        listed = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{field}: {value!r} is not supported; choose one of {listed}")
    return value
