"""Name lookups for the drag package's catalogs: a ValueError that suggests close matches."""

from __future__ import annotations

import difflib


def check_name(field: str, value, choices, *, what: str = "name"):
    """Return the canonical spelling of ``value`` among ``choices`` (case-insensitive).

    Otherwise raise ``ValueError("field: unknown <what> 'x'; did you mean ...?")`` listing the
    closest names (``difflib.get_close_matches``), or all of them when none is close.
    """
    choices = list(choices)
    lowered = {str(c).lower(): c for c in choices}
    if str(value).lower() in lowered:
        return lowered[str(value).lower()]
    close = difflib.get_close_matches(str(value).lower(), list(lowered), n=3, cutoff=0.5)
    if close:
        hint = "did you mean " + ", ".join(repr(lowered[c]) for c in close) + "?"
    else:
        hint = "choose one of " + ", ".join(repr(c) for c in choices)
    raise ValueError(f"{field}: unknown {what} {value!r}; {hint}")


def lookup(table: dict, field: str, name, *, what: str = "parameter set"):
    """Return ``table[name]`` (case-insensitive) or the ValueError of :func:`check_name`."""
    return table[check_name(field, name, table, what=what)]
