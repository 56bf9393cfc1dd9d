"""Sphinx configuration of the orbital-dc documentation (offline: no intersphinx, no notebook runs).

Build: ``python -m sphinx -b html docs docs/_build/html`` from the repository root.

The API pages are written here, at configuration time, from the code itself: one page per
public package or module of ``orbital``, ``ground`` and ``studies`` (those whose name has no
leading underscore), listing the names of its ``__all__``. A module that arrives on another
branch therefore appears without editing the docs, and a module that fails to import shows up
as an autodoc import failure, which ``tests/test_docs.py`` turns into a test failure. The list
of worked examples is written the same way from ``notebooks/*.ipynb`` (titles and opening
paragraphs only; the notebooks are never executed here).
"""

from __future__ import annotations

import importlib
import inspect
import json
import os
import pkgutil
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("MPLBACKEND", "Agg")

project = "orbital-dc"
author = "the orbital-dc contributors"
copyright = "2026, the orbital-dc contributors"
release = "0.1.0"

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.extlinks",
    "sphinx.ext.mathjax",
    "numpydoc",
]
# Offline, always: no intersphinx inventories are fetched; MathJax is a script the reader's
# browser loads, never downloaded at build time (formulas stay readable as LaTeX without it).
templates_path: list[str] = []
exclude_patterns = ["_build", "sources"]
root_doc = "index"
html_theme = "alabaster"
html_static_path: list[str] = []
html_theme_options = {"description": "LEO compute satellites vs vehicle fleets vs cloud regions"}

# :doc:`10.1029/2010GL045777` and :arxiv:`2511.19468`, as in pvlib (links, never fetched here)
extlinks = {"doi": ("https://doi.org/%s", "doi:%s"), "arxiv": ("https://arxiv.org/abs/%s", "arXiv:%s")}

autosummary_generate = False  # the tables link to the entries written below, no stub pages
autodoc_default_options = {"no-value": True}  # catalogs are large dicts: their repr is noise
autodoc_typehints = "none"  # numpydoc's Parameters carry types and units
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_validation_checks: set[str] = set()  # style is reviewed, not enforced by the build
numpydoc_xref_param_type = False

PACKAGES = ("orbital", "ground", "studies")
SKIPPED = ("data", "constants")  # package data and internal constants: no public API page


def public_modules(package: str) -> list[str]:
    """The package and its public subpackages/modules, by file layout (the import comes later)."""
    names = [package]
    for info in pkgutil.iter_modules([str(ROOT / package)]):
        if not info.name.startswith("_") and info.name not in SKIPPED:
            # a subpackage documents its own public names; its submodules are internal layout
            names.append(f"{package}.{info.name}")
    return names


def public_names(module) -> list[str]:
    """``__all__``, else the functions and classes defined in the module (e.g. ``studies.cli``)."""
    names = getattr(module, "__all__", None)
    if names is not None:
        return list(names)
    return [name for name, value in vars(module).items()
            if not name.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
            and getattr(value, "__module__", None) == module.__name__]


def directive_for(value) -> str:
    if inspect.isclass(value):
        return "autoclass"
    if callable(value):
        return "autofunction"
    return "autodata"


def write_if_changed(path: Path, text: str) -> None:
    """Write only a changed page (incremental builds keep working), atomically (two builds at
    once, as under pytest-xdist, never read a half-written page)."""
    if not path.exists() or path.read_text() != text:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(text)
        os.replace(temporary, path)


def module_page(name: str) -> str:
    lines = [name, "=" * len(name), "", f".. automodule:: {name}", ""]
    try:
        module = importlib.import_module(name)
    except Exception:  # noqa: BLE001 - autodoc reports the import failure, by name, as a warning
        return "\n".join(lines)
    names = public_names(module)
    if names:
        lines += [f".. currentmodule:: {name}", "", ".. autosummary::", ""]
        lines += [f"   {n}" for n in names] + [""]
        for n in names:
            value = getattr(module, n, None)
            lines += [f".. {directive_for(value)}:: {n}", ""]
            if inspect.isclass(value):
                lines += ["   :members:", ""]
    return "\n".join(lines)


def notebook_list() -> str:
    """A section per notebook: its title (first heading), its opening paragraph, a file link."""
    sections = []
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(path.read_text())["cells"]
        markdown = next(("".join(c["source"]) for c in cells if c["cell_type"] == "markdown"), "")
        lines = markdown.strip().splitlines()
        heading = bool(lines) and lines[0].startswith("#")
        title = lines[0].lstrip("# ").strip() if heading else path.stem
        body = "\n".join(lines[1:] if heading else lines).strip()
        paragraph = " ".join(body.split("\n\n")[0].split())  # the opening paragraph only
        paragraph = paragraph[:-1] + "." if paragraph.endswith(":") else paragraph
        sections.append(f"{title}\n{'-' * (len(title) + 2)}\n\n{markdown_to_rst(paragraph)}\n\n"
                        f":download:`notebooks/{path.name} <../notebooks/{path.name}>`\n")
    return "\n".join(sections)


def markdown_to_rst(text: str) -> str:
    """Inline Markdown of a notebook's opening (code, $math$, emphasis) as safe reStructuredText."""
    out = []
    for i, part in enumerate(text.split("`")):
        if i % 2:  # inside `code`
            out.append(f"``{part}``" if part else "")
            continue
        for j, piece in enumerate(part.split("$")):
            if j % 2:  # inside $math$
                out.append(f":math:`{piece}`")
            else:
                piece = piece.replace("**", "").replace("*", "")
                out.append(re.sub(r"([\\_|\[\]])", r"\\\1", piece))
    return "".join(out)


def write_generated_pages() -> None:
    """Write ``generated/``: one page per public module, the API toctree, the notebook list."""
    out = DOCS / "generated"
    out.mkdir(exist_ok=True)
    written = {"api_toc.rst.inc", "notebooks.rst.inc"}
    toc: list[str] = []
    for package in PACKAGES:
        toc.append(f"{package}\n{'-' * len(package)}\n\n.. toctree::\n   :maxdepth: 1\n")
        for name in public_modules(package):
            write_if_changed(out / f"{name}.rst", module_page(name))
            written.add(f"{name}.rst")
            toc.append(f"   generated/{name}")
        toc.append("")
    write_if_changed(out / "api_toc.rst.inc", "\n".join(toc) + "\n")
    write_if_changed(out / "notebooks.rst.inc", notebook_list())
    for stale in out.iterdir():  # a module removed or renamed leaves no orphan page behind
        if stale.name not in written and not stale.name.startswith("."):
            stale.unlink(missing_ok=True)


def drop_type_docstring(app, what, name, obj, options, lines):
    """A constant without a docstring of its own shows nothing, not the docstring of its type
    (``numpy.float64``, ``numpy.datetime64``, ``dict`` …), whose cross-references are numpy's."""
    type_doc = type(obj).__doc__ if what == "data" and obj is not None else None
    if type_doc and not inspect.isclass(obj) and not callable(obj):
        marker = max(type_doc.splitlines(), key=len).strip()  # its most distinctive line
        if marker and marker in "\n".join(line.strip() for line in lines):
            lines.clear()


def setup(app):
    app.connect("autodoc-process-docstring", drop_type_docstring, priority=100)


write_generated_pages()
