"""Named-choice checks for orbital.radiation: unknown names suggest the close ones (difflib)."""

from __future__ import annotations

import difflib


def check_name(field: str, value, choices, where: str = "") -> str:
    """Return ``value`` if it is in ``choices``; else a ValueError listing them and close matches.

    Examples
    --------
    >>> check_name("model", "AP8MAX", ("AP8MIN", "AP8MAX"))
    'AP8MAX'
    """
    names = [str(c) for c in choices]
    if value in choices:
        return value
    close = difflib.get_close_matches(str(value), names, n=2, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    listed = ", ".join(repr(c) for c in names)
    place = f" in {where}" if where else ""
    raise ValueError(f"{field}: {value!r} is not supported{place}; choose one of {listed}{hint}")
