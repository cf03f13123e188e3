"""A newcomer's first five minutes: a fresh virtual environment, ``pip install .``, the README.

This installs coopgame the way the README says (a plain, non-editable
``pip install`` of this checkout into a new virtual environment) and then, from
outside the checkout so that nothing is imported from the source tree:

* ``import coopgame`` works and comes from the new environment;
* the README's example runs and prints what the README shows (as a doctest);
* ``coopgame --help`` and ``coopgame models`` work.

It needs the package index (or a pip cache) to install the dependencies, and
takes a minute or so.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(args: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _readme_example() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    assert blocks, "README.md has no ```python example"
    return blocks[0]


@pytest.fixture(scope="module")
def fresh_env(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("newcomer")
    venv.EnvBuilder(with_pip=True).create(where / "venv")
    python = where / "venv" / "bin" / "python"
    done = _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(ROOT)], where)
    assert done.returncode == 0, f"pip install . failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return where


def test_import_comes_from_the_new_environment(fresh_env):
    python = fresh_env / "venv" / "bin" / "python"
    done = _run([str(python), "-c", "import coopgame; print(coopgame.__file__); print(coopgame.__version__)"],
                fresh_env)
    assert done.returncode == 0, done.stderr
    location, version = done.stdout.split()
    assert str(fresh_env / "venv") in location
    assert not location.startswith(str(ROOT))
    sys.path.insert(0, str(ROOT))
    from coopgame._version import __version__

    assert version == __version__


def test_readme_example_runs_as_written(fresh_env):
    example = fresh_env / "readme_example.txt"
    example.write_text(_readme_example())
    python = fresh_env / "venv" / "bin" / "python"
    done = _run([str(python), "-m", "doctest", "-o", "NORMALIZE_WHITESPACE", "-o", "ELLIPSIS", str(example)],
                fresh_env)
    assert done.returncode == 0, done.stdout + done.stderr


def test_command_line_help_and_catalog(fresh_env):
    command = fresh_env / "venv" / "bin" / "coopgame"
    done = _run([str(command), "--help"], fresh_env)
    assert done.returncode == 0 and "solve" in done.stdout and "tour" in done.stdout, done.stderr
    done = _run([str(command), "models"], fresh_env)
    assert done.returncode == 0 and "public_goods" in done.stdout, done.stderr
    done = _run([str(command), "solve", "no-such-file.nfg"], fresh_env)
    assert done.returncode == 2 and done.stderr.startswith("coopgame: error:") and "Traceback" not in done.stderr
