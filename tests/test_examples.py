"""Run every script in examples/ so that none of them can rot.

Each script runs in a fresh temporary working directory with the Agg backend,
must draw at least one matplotlib figure. (Scripts are kept short, a few
seconds each, but timing is never asserted in a test: `make bench` measures.)
"""

from __future__ import annotations

import runpy
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


def test_examples_exist():
    assert SCRIPTS, f"no example scripts found in {EXAMPLES}"
    assert (EXAMPLES / "README.rst").is_file(), "sphinx-gallery needs examples/README.rst"


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_runs(script, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    plt.close("all")
    try:
        runpy.run_path(str(script), run_name="__main__")
        assert plt.get_fignums(), f"{script.name} drew no figure"
    finally:
        plt.close("all")


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_example_has_gallery_header(script):
    text = script.read_text(encoding="utf-8")
    assert text.lstrip().startswith('"""'), f"{script.name} must open with a docstring (the gallery title)"
    assert script.name.startswith("plot_"), f"{script.name}: gallery scripts are named plot_*.py"
