"""Name lookups for the drag package's catalogs: case-insensitive, and a ValueError that
suggests close matches (:func:`orbital._checks.check_choice`) otherwise."""

from __future__ import annotations

from orbital._checks import check_choice


def check_name(field: str, value, choices, *, what: str = "name"):
    """Return the canonical spelling of ``value`` among ``choices`` (case-insensitive), or raise
    ``check_choice``'s ValueError naming ``field`` (the ``what`` is part of the field's name)."""
    choices = list(choices)
    lowered = {str(c).lower(): c for c in choices}
    if str(value).lower() in lowered:
        return lowered[str(value).lower()]
    return check_choice(f"{field} ({what})", value, choices)


def lookup(table: dict, field: str, name, *, what: str = "parameter set"):
    """Return ``table[name]`` (case-insensitive) or the ValueError of :func:`check_name`."""
    return table[check_name(field, name, table, what=what)]
