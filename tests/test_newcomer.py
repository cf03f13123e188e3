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
    done = _run([str(command), "solve", "no-such-file.nfg"], fresh_env)  # a missing game file: exit status 1, as documented
    assert done.returncode == 1 and done.stderr.startswith("coopgame: error:") and "Traceback" not in done.stderr


def test_plain_install_brings_no_test_docs_or_benchmark_tools(fresh_env):
    """``make demo`` (a plain install) reaches the tour without pygambit, sphinx, pytest or the peers timed against."""
    python = fresh_env / "venv" / "bin" / "python"
    done = _run([str(python), "-m", "pip", "list", "--format=freeze", "--disable-pip-version-check"], fresh_env)
    assert done.returncode == 0, done.stderr
    installed = {line.split("==")[0].lower().replace("_", "-") for line in done.stdout.split()}
    unwanted = {"pygambit", "sphinx", "pytest", "hypothesis", "nashpy", "quantecon", "myst-nb", "egttools"}
    assert not installed & unwanted, sorted(installed & unwanted)


def _runtime_requirements() -> set[str]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    block = re.search(r"^dependencies = \[(.*?)^\]", text, flags=re.S | re.M)
    assert block, "pyproject.toml has no [project] dependencies list"
    return {re.split(r"[<>=!~\[ ]", name, maxsplit=1)[0].lower()
            for name in re.findall(r'^\s*"([^"]+)"', block.group(1), flags=re.M)}


def _imported_at_run_time() -> set[str]:
    """Top-level names of the third-party packages that coopgame/ imports (lazy imports included)."""
    import ast

    names: set[str] = set()
    for path in (ROOT / "coopgame").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n != "coopgame"}


# Imported by coopgame/ but optional: each import is guarded, and an extra names the package.
OPTIONAL = {"yaml": "yaml", "cloudpickle": "distributed",
            "dask": "distributed", "distributed": "distributed"}

# Distributions whose import name differs.
IMPORT_NAMES = {"python-flint": "flint"}


def test_runtime_dependencies_are_what_the_package_imports():
    required = {IMPORT_NAMES.get(name, name) for name in _runtime_requirements()}
    imported = _imported_at_run_time()
    assert required <= imported, f"run-time dependencies that coopgame/ never imports: {sorted(required - imported)}"
    missing = imported - required - set(OPTIONAL)
    assert not missing, f"coopgame/ imports packages that are neither dependencies nor optional: {sorted(missing)}"


def test_make_demo_installs_no_extra():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    demo = re.search(r"^demo: (\S+)", makefile, flags=re.M)
    assert demo and demo.group(1).endswith(".stamp-runtime"), "make demo must depend on the run-time stamp only"
    rule = re.search(r"^\$\(VENV\)/\.stamp-runtime:.*?\n((?:\t.*\n)+)", makefile, flags=re.M)
    assert rule and "-e ." in rule.group(1) and "[" not in rule.group(1), rule.group(1) if rule else makefile
