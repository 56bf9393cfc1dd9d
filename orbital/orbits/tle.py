"""TLE and OMM input and output for :class:`orbital.orbits.Constellation`.

Every line is checked (length, line number, checksum, matching catalog numbers) so a malformed
file fails at reading with the file and line, never as a NaN later.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import numpy as np

from orbital.orbits.constellation import Constellation

__all__ = ["load_omm", "load_tle", "parse_tle", "tle_checksum", "write_tle"]

_MINUTES_PER_DAY = 1440.0


def tle_checksum(line: str) -> int:
    """Modulo-10 checksum of a TLE line's first 68 characters (digits count, '-' counts 1).

    sgp4's own ``compute_checksum``, re-exported here for the Hypatia reader and writer.
    """
    from sgp4.exporter import compute_checksum

    return compute_checksum(line)


def _check_satrec(satrec, where: str) -> None:
    """Refuse element sets SGP4 cannot fly: mean motion outside (0, 1) rad/min (0 to ~229
    rev/day), eccentricity outside [0, 1), or an sgp4 initialisation error."""
    if satrec.error != 0 or not (0 < satrec.no_kozai < 1.0) or not 0 <= satrec.ecco < 1:
        raise ValueError(
            f"{where}: element set out of range (mean motion "
            f"{satrec.no_kozai * _MINUTES_PER_DAY / (2 * np.pi):g} rev/day, allowed (0, 229); "
            f"eccentricity {satrec.ecco:g}, allowed [0, 1))"
        )


def parse_tle(text: str, *, source: str = "<text>", name: str = "tle") -> Constellation:
    """Read two-line or three-line element sets from text.

    Each set is an optional name line followed by lines starting ``1 `` and ``2 ``. Blank lines
    are ignored. Every line is checked (length, line number, checksum, matching catalog
    numbers) so a malformed file fails here with the file and line, never as a NaN later.

    Raises
    ------
    ValueError
        Naming ``source``, the line number and what is wrong.
    """
    from sgp4.api import Satrec

    lines = [(k + 1, raw.rstrip()) for k, raw in enumerate(text.splitlines()) if raw.strip()]
    satrecs, names = [], []
    index = 0
    while index < len(lines):
        number, line = lines[index]
        label = None
        if not line.startswith("1 "):
            label = line.strip()
            if label.startswith("0 "):
                label = label[2:].strip()
            index += 1
            if index >= len(lines):
                raise ValueError(
                    f"{source}, line {number}: name line {label!r} has no element lines after it")
            number, line = lines[index]
        if index + 1 >= len(lines):
            raise ValueError(f"{source}, line {number}: expected a line 1 / line 2 pair, file ends")
        number2, line2 = lines[index + 1]
        for n, ln, first in ((number, line, "1"), (number2, line2, "2")):
            if not ln.startswith(first + " "):
                raise ValueError(f"{source}, line {n}: expected TLE line {first} "
                                 f"(starting '{first} '), got {ln[:20]!r}")
            if len(ln) < 69:
                raise ValueError(f"{source}, line {n}: TLE line {first} has {len(ln)} characters, needs 69")
            if ln[68].isdigit() and int(ln[68]) != tle_checksum(ln):
                raise ValueError(
                    f"{source}, line {n}: checksum {ln[68]} does not match the computed {tle_checksum(ln)}"
                )
        if line[2:7] != line2[2:7]:
            raise ValueError(
                f"{source}, line {number2}: catalog number {line2[2:7]!r} differs from line 1's {line[2:7]!r}"
            )
        try:
            satrec = Satrec.twoline2rv(line[:69], line2[:69])
        except Exception as error:  # sgp4 raises bare ValueErrors with terse text
            raise ValueError(f"{source}, line {number}: cannot read element set ({error})") from None
        _check_satrec(satrec, f"{source}, line {number2}")
        satrecs.append(satrec)
        names.append(label or f"{name}-{line[2:7].strip()}")
        index += 2
    if not satrecs:
        raise ValueError(f"{source}: no element sets found")
    return Constellation(tuple(satrecs), tuple(names), np.full(len(satrecs), -1), name)


def _read_text(path) -> tuple[Path, str]:
    """The text of an element-set file, or a ValueError naming the file (missing, a directory,
    or binary: a NUL byte or bytes that are not UTF-8, e.g. a zipped or pickled file)."""
    path = Path(os.fspath(path))
    if not path.is_file():
        raise ValueError(f"path: {str(path)!r} is not a file")
    data = path.read_bytes()
    nul = data.find(b"\x00", 0, 65536)
    if nul >= 0:
        raise ValueError(f"{path}: binary file (NUL byte at offset {nul}); expected a text TLE "
                         "or OMM file")
    try:
        return path, data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: not a UTF-8 text file (byte {error.start}: "
                         f"{data[error.start:error.start + 1]!r}); expected a text TLE or OMM "
                         "file") from None


def load_tle(path, *, name: str | None = None) -> Constellation:
    """Read a TLE file (two- or three-line sets) into a :class:`Constellation`.

    Examples
    --------
    >>> from importlib.resources import files
    >>> load_tle(files("orbital") / "data" / "example_walker.tle").n_satellites
    24
    """
    path, text = _read_text(path)
    return parse_tle(text, source=str(path), name=name or path.stem)


def load_omm(path, *, name: str | None = None) -> Constellation:
    """Read CCSDS Orbit Mean-elements Messages (XML, CSV, or JSON: a list of records as CelesTrak
    serves them, or one record), with the same range checks as :func:`parse_tle`."""
    from sgp4 import omm
    from sgp4.api import Satrec

    path, text = _read_text(path)
    stripped = text.lstrip()
    try:
        if stripped.startswith("<"):
            records = list(omm.parse_xml(io.StringIO(text)))
        elif stripped.startswith("["):
            records = json.loads(text)
        elif stripped.startswith("{"):
            records = [json.loads(text)]  # a single OMM object
        else:
            records = list(omm.parse_csv(io.StringIO(text)))
    except Exception as error:
        raise ValueError(f"{path}: not a readable OMM file ({error})") from None
    satrecs, names = [], []
    for k, fields in enumerate(records):
        if not isinstance(fields, dict):
            raise ValueError(f"{path}: record {k + 1} is {type(fields).__name__}, not an OMM "
                             "object of named fields")
        satrec = Satrec()
        try:
            omm.initialize(satrec, fields)
        except (KeyError, ValueError) as error:
            raise ValueError(f"{path}: record {k + 1} lacks or garbles field {error}") from None
        _check_satrec(satrec, f"{path}, record {k + 1}")
        satrecs.append(satrec)
        names.append(fields.get("OBJECT_NAME") or f"omm-{k}")
    if not satrecs:
        raise ValueError(f"{path}: no OMM records found")
    return Constellation(tuple(satrecs), tuple(names), np.full(len(satrecs), -1),
                         name or path.stem)


def write_tle(orbit, path) -> Path:
    """Write any orbit object's SGP4 elements as a three-line TLE file; returns the path."""
    from sgp4.exporter import export_tle

    constellation = orbit.to_constellation()
    chunks = []
    for label, satrec in zip(constellation.names, constellation.satrecs):
        line1, line2 = export_tle(satrec)
        chunks.append(f"{label}\n{line1}\n{line2}\n")
    path = Path(os.fspath(path))
    path.write_text("".join(chunks))
    return path
