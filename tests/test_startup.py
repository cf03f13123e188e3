"""``import coopgame`` leaves out the heavy libraries that only some functions need (imported where they are used)."""

from __future__ import annotations

import subprocess
import sys

# each is imported by the functions that use it: sweeps (pandas), LPs and optimisers (scipy.optimize),
# vertex enumeration (scipy.spatial), network dynamics (scipy.sparse.csgraph), networks (networkx)
LAZY = ("pandas", "scipy.optimize", "scipy.spatial", "scipy.sparse.csgraph", "networkx")


def test_import_coopgame_leaves_out_the_heavy_libraries():
    code = f"import sys, coopgame; print(*[m for m in {LAZY!r} if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == []


def test_the_lazy_libraries_arrive_with_the_functions_that_use_them():
    code = ("import sys, coopgame as cg, coopgame.sweeps; "
            "cg.correlated_equilibrium(cg.NormalFormGame([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])); "
            "print('scipy.optimize' in sys.modules); "
            "coopgame.sweeps.sweep(lambda a: a, {'a': [1, 2]}); print('pandas' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["True", "True"]
