"""The documentation builds offline and its references resolve; the code cites only what ships.

The Sphinx build runs in this process (so the test suite's socket guard covers it: nothing is
fetched) and collects its warnings in a file. It fails on *broken references* only — a page or
label that does not exist, a glossary term (a citation key) that is not on the references
page, a module autodoc cannot import, an include or download whose file is missing — and not
on docstring style (numpydoc sections, unreferenced citations, markup in a formula), so a new
module written elsewhere does not break the build for its style.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

#: Warning texts that mean a reference is broken (Sphinx 8–9 and docutils wording).
BROKEN_REFERENCE_PATTERNS = (
    r"toctree contains reference to (nonexisting|excluded) document",
    r"unknown document",
    r"undefined label",
    r"term not in glossary",
    r"Unknown target name",  # a `name`_ or [1]_ reference with no target
    r"Unknown interpreted text role",
    r"failed to import",  # autodoc / autosummary
    r"No module named",
    r"document isn't included in any toctree",
    r"not readable",  # include, image or download file missing
    r"Problems with \"include\" directive",
    r"duplicate label",
    r"duplicate term description",
)


def _build_docs(out: Path):
    """Build the HTML into ``out``; return (exit status, warning lines, html dir)."""
    from sphinx.cmd.build import build_main

    warnings_file = out / "warnings.txt"
    status = build_main(["-b", "html", "-q", "-E", "-w", str(warnings_file),
                         "-d", str(out / "doctrees"), str(DOCS), str(out / "html")])
    lines = warnings_file.read_text().splitlines() if warnings_file.exists() else []
    return status, lines, out / "html"


def test_docs_build_has_no_broken_references_and_a_page_per_public_package(tmp_path):
    # One test, one build: split into several, pytest-xdist would build once per worker.
    status, lines, html = _build_docs(tmp_path)
    assert status == 0, "sphinx-build failed:\n" + "\n".join(lines[-20:])
    broken = [line for line in lines
              if any(re.search(pattern, line) for pattern in BROKEN_REFERENCE_PATTERNS)]
    assert not broken, f"{len(broken)} broken reference(s) in the docs build:\n" + "\n".join(broken)
    for page in ("index", "architecture", "references", "api", "examples"):
        assert (html / f"{page}.html").exists(), page

    # one API page per public subpackage or module, written from the code by docs/conf.py
    expected = {f"{package}.{path.stem if path.suffix else path.name}"
                for package in ("orbital", "ground", "studies")
                for path in (ROOT / package).iterdir()
                if not path.name.startswith("_") and path.name not in ("data", "constants.py")
                and (path.suffix == ".py" or (path / "__init__.py").exists())}
    missing = sorted(name for name in expected if not (html / "generated" / f"{name}.html").exists())
    assert not missing, f"no API page for {missing}"
    assert "propagate" in (html / "generated" / "orbital.orbits.html").read_text()


def test_broken_references_are_caught(tmp_path):
    """The patterns above do match what Sphinx reports for each kind of broken reference
    (a tiny project, built in a second, with one of each)."""
    from sphinx.cmd.build import build_main

    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["sphinx.ext.autodoc"]\n')
    (source / "index.rst").write_text(
        "Index\n=====\n\n.. toctree::\n\n   missing_page\n\n"
        ":ref:`no-such-label` :term:`Nobody2020` :doc:`no_such_doc` `nowhere`_\n\n"
        ".. automodule:: no_such_module_here\n")
    (source / "orphan.rst").write_text("Orphan\n======\n")
    warnings_file = tmp_path / "warnings.txt"
    build_main(["-b", "html", "-q", "-w", str(warnings_file), "-d", str(tmp_path / "doctrees"),
                str(source), str(tmp_path / "html")])
    text = warnings_file.read_text()
    for pattern in ("nonexisting", "undefined label", "term not in glossary", "unknown document",
                    "Unknown target name", "failed to import|No module named",
                    "isn't included in any toctree"):
        assert re.search(pattern, text), (pattern, text)
        assert any(re.search(p, line) for line in text.splitlines() if re.search(pattern, line)
                   for p in BROKEN_REFERENCE_PATTERNS), pattern


def _cited_files():
    for package in ("orbital", "ground", "studies"):
        for path in sorted((ROOT / package).rglob("*")):
            if path.is_file() and path.suffix in (".py", ".csv", ".toml", ".md", ".rst", ".txt"):
                yield path


def test_code_cites_no_file_outside_the_repository():
    """The team's REFERENCES.md and DESIGN.md are not shipped: a user cannot follow them.
    Sources are cited by a key of docs/references.rst, the design is docs/architecture.rst."""
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
                 for path in _cited_files()
                 for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1)
                 if re.search(r"REFERENCES\.md|DESIGN\.md", line)]
    assert not offenders, "\n".join(offenders)


def test_readme_cites_no_file_outside_the_repository():
    text = (ROOT / "README.md").read_text()
    assert not re.search(r"REFERENCES\.md|DESIGN\.md", text)


def test_every_citation_key_with_a_year_is_on_the_references_page():
    """A ``[AuthorYear]`` key in the code resolves to a term of docs/references.rst."""
    terms = set()
    in_glossary = False
    for line in (DOCS / "references.rst").read_text().splitlines():
        if line.startswith(".. glossary::"):
            in_glossary = True
        elif line and not line.startswith(" "):
            in_glossary = False
        elif in_glossary and re.fullmatch(r"   \S+", line):
            terms.add(line.strip())
    assert len(terms) > 100, "the glossary parser found too few terms"
    cited = {}
    for path in _cited_files():
        for key in re.findall(r"\[([A-Za-z][A-Za-z0-9.-]*?(?:19|20)\d\d[a-z]?)\]", path.read_text()):
            cited.setdefault(key, str(path.relative_to(ROOT)))
    unknown = {key: where for key, where in cited.items() if key not in terms}
    assert not unknown, f"citation keys not in docs/references.rst: {unknown}"
