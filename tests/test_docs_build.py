"""Checks that keep the documentation honest.

The cheap checks always run: the API reference names every public name, the
README's example runs, and nothing cites files the repository does not hold. The full Sphinx build (what ``make docs`` does,
warnings as errors) takes several seconds and runs separately in CI, so here
it runs only when ``COOPGAME_TEST_DOCS_BUILD=1`` is set.
"""

from __future__ import annotations

import doctest
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import coopgame

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _reference_entries() -> set[str]:
    """Names listed in the autosummary tables of docs/reference/index.md."""
    text = (DOCS / "reference" / "index.md").read_text(encoding="utf-8")
    entries: set[str] = set()
    for block in re.findall(r"\.\. autosummary::\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith(":"):
                entries.add(line)
    return entries


def test_reference_lists_every_public_name():
    missing = sorted(set(coopgame.__all__) - _reference_entries())
    assert not missing, f"add these names to an autosummary table in docs/reference/index.md: {missing}"


def _resolve(dotted: str):
    """The object named ``coopgame.<dotted>``, importing submodules on the way; None if absent."""
    parts = dotted.split(".")
    obj = coopgame
    for k, part in enumerate(parts):
        if not hasattr(obj, part):
            try:
                importlib.import_module(".".join(["coopgame", *parts[: k + 1]]))
            except ImportError:
                return None
        obj = getattr(obj, part, None)
        if obj is None:
            return None
    return obj


def test_reference_lists_only_importable_names():
    for entry in sorted(_reference_entries()):
        assert _resolve(entry) is not None, f"docs/reference/index.md lists coopgame.{entry}, which does not import"


def test_readme_example_runs():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, "README.md", str(ROOT / "README.md"), 0)
    assert test.examples, "README.md should hold a >>> example"
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0


def test_readme_names_the_two_commands():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install coopgame-gov" in text
    assert "make demo" in text and "make test" in text


@pytest.mark.skipif(os.environ.get("COOPGAME_TEST_DOCS_BUILD") != "1",
                    reason="full Sphinx build: set COOPGAME_TEST_DOCS_BUILD=1 (CI runs make docs)")
def test_sphinx_build_has_no_warnings(tmp_path):
    env = dict(os.environ, MPLBACKEND="Agg")
    cmd = [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
           "-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ------------------------------------------------------------------ the docs stand alone

_CITES_OUTSIDE = re.compile(r"\bTHEORY(\.md)?\b|\bDESIGN\.md\b")
_SOURCES = [p for d in ("docs", "tests", "examples", "coopgame") for p in sorted((ROOT / d).rglob("*"))
            if p.suffix in (".py", ".md", ".rst", ".ipynb", ".txt") and "_build" not in p.parts
            and "auto_examples" not in p.parts and p.is_file()]

def _citing() -> set[str]:
    here = Path(__file__).resolve()
    return {str(p.relative_to(ROOT)) for p in _SOURCES
            if p.resolve() != here and _CITES_OUTSIDE.search(p.read_text(encoding="utf-8", errors="replace"))}


def test_no_file_cites_files_outside_the_repository():
    """Docs, docstrings, tests and examples cite the literature and docs/explanation/claims.md only."""
    new = sorted(_citing())
    assert not new, f"these cite THEORY.md or DESIGN.md, which the repository does not hold: {new}"
