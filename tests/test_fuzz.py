"""Fuzzing the public API: every bad input gets a typed error or a verified result.

Every public callable of ``coopgame.__all__`` and of each subpackage's
``__all__`` (``coopgame.games``, ``.equilibria``, ``.mechanisms``, ``.dynamics``,
``.repeated``, ``.coalitions``, ``.cooperative``, ``.models``, ``.sweeps``, ``.io``,
``.plot``) is called with one argument replaced by a bad value (NaN, +-inf,
None, booleans, strings, complex numbers, huge numbers and sizes, empty,
ragged and NaN arrays, bytes, mappings, a formula with a huge power, unknown
objects) or with an unknown keyword, and a list of hostile inputs that no single
bad value makes (files: huge dimensions and numbers, deep nesting, YAML alias
bombs, binary content, file descriptors as paths; formula bombs; sizes far
beyond the budgets) is run too (the cases: :mod:`tests.fuzz.cases`).
Each case runs in a worker subprocess with a time limit
(:mod:`tests.fuzz.harness`) and passes when it

- raises a :class:`coopgame.errors.CoopgameError`, or
- returns a result with no NaN inside and, for equilibria, a regret within
  the game's tolerance (the ``[valid]`` cases must return such a result).

It fails on any other exception, a NaN or unverified result, a hang past the
time limit or a crashed worker. CI runs a fixed sample (every valid call,
every unknown keyword, every hostile input and four bad values per parameter); the full run is
``COOPGAME_FUZZ_FULL=1 pytest tests/test_fuzz.py``. Cases known to fail are
listed, by area, in ``tests/fuzz/known_failures.txt`` and expected to fail
(not strictly: a fixed case simply passes; rerun with ``COOPGAME_FUZZ_RECORD=1``
to rewrite the list).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz.cases import all_cases, sample
from tests.fuzz.harness import run_cases

FULL = os.environ.get("COOPGAME_FUZZ_FULL") == "1"
RECORD = os.environ.get("COOPGAME_FUZZ_RECORD") == "1"
TIMEOUT = 20.0  # seconds per case; the first call of a numba kernel compiles it (several seconds)
KNOWN_FILE = Path(__file__).parent / "fuzz" / "known_failures.txt"

CASES = all_cases()
SELECTED = CASES if FULL else sample(CASES)


def _known() -> dict[str, str]:
    known: dict[str, str] = {}
    if KNOWN_FILE.exists():
        for line in KNOWN_FILE.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                case_id, _, why = line.partition("\t")
                known[case_id] = why
    return known


KNOWN = _known()


def _param(case_id: str):
    area = SELECTED[case_id][0]
    if case_id in KNOWN:
        return pytest.param(case_id, id=case_id, marks=pytest.mark.xfail(
            strict=False, reason=f"known failure in {area}: {KNOWN[case_id][:200]}"))
    return pytest.param(case_id, id=case_id)


@pytest.fixture(scope="module")
def outcomes(request):
    """Run every selected case of this module once, in a pool of two worker processes."""
    wanted = [item.callspec.params["case_id"] for item in request.session.items
              if getattr(item, "module", None) is request.module and hasattr(item, "callspec") and "case_id" in item.callspec.params]
    results = run_cases({c: SELECTED[c][1] for c in wanted}, timeout=TIMEOUT, workers=2)
    if RECORD:
        _record(results)
    return results


def _passes(case_id: str, outcome: dict) -> bool:
    if case_id.endswith("[valid]"):
        return outcome["outcome"] == "ok"
    return outcome["outcome"] in ("ok", "typed")


def _record(results: dict[str, dict]) -> None:
    """Rewrite the list of known failures from this run (cases not run keep their entries)."""
    known = {c: why for c, why in KNOWN.items() if c not in results}
    for case_id, outcome in results.items():
        if not _passes(case_id, outcome):
            known[case_id] = f"{outcome['outcome']}: {outcome['detail']}".replace("\n", " ")
    by_area: dict[str, list[str]] = {}
    for case_id in known:
        area = CASES[case_id][0] if case_id in CASES else "gone"
        by_area.setdefault(area, []).append(case_id)
    lines = ["# Fuzz cases that failed when last recorded (COOPGAME_FUZZ_RECORD=1), by area.",
             "# case id<TAB>outcome: detail.  The code of a case: tests.fuzz.cases.all_cases()[id]."]
    for area in sorted(by_area):
        lines.append(f"# --- {area}")
        lines += [f"{c}\t{known[c]}" for c in sorted(by_area[area])]
    KNOWN_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize("case_id", [_param(c) for c in SELECTED])
def test_bad_input_gets_typed_error_or_verified_result(case_id, outcomes):
    outcome = outcomes[case_id]
    assert _passes(case_id, outcome), f"{SELECTED[case_id][1]}\n-> {outcome['outcome']}: {outcome['detail']}"


def test_every_public_callable_is_fuzzed():
    from tests.fuzz.cases import BASE, public_callables

    names = public_callables()
    assert len(names) > 100
    missing = sorted(n for n in names if n not in BASE)
    assert not missing, f"give these a valid call in tests/fuzz/cases.py BASE: {missing}"


def test_harness_classifies_outcomes():
    """The harness tells a typed error, an untyped one, a NaN result, an unverified equilibrium and a hang apart."""
    results = run_cases({
        "typed": "cg.random_game('junk')",
        "untyped": "1 / 0",
        "nan": "float('nan')",
        "unverified": "[type('Eq', (), {'is_verified': lambda self: False, 'max_regret': lambda self: 2})()]",
        "ok": "cg.pure_equilibria(pd)",
        "hang": "__import__('time').sleep(30)",
    }, timeout=5.0, workers=2)
    got = {k: v["outcome"] for k, v in results.items()}
    assert got == {"typed": "typed", "untyped": "untyped", "nan": "invalid", "unverified": "invalid",
                   "ok": "ok", "hang": "hang"}, results
