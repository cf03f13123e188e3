# Two commands for a new machine: `make demo` and `make test`.
# Every target creates the virtual environment in .venv when it is missing and
# installs only what it needs (one stamp per set of extras, redone when
# pyproject.toml changes):
#   demo      the run-time dependencies only (numpy, scipy, sympy, matplotlib, pandas, tqdm, networkx)
#   test      + [test]      pytest, hypothesis, numba and the oracles (pygambit, nashpy, quantecon, ...)
#   docs      + [docs]      sphinx, myst-nb, ipykernel, numpydoc, sphinx-gallery, the theme
#   lint      + [lint]      ruff, mypy, pytest (for the layering contract)
#   bench     + [bench]     the libraries coopgame is timed against
#   mutation  + [mutation]  mutmut (and the test dependencies)

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --quiet

.PHONY: demo test docs lint layering mutation bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.stamp-runtime: pyproject.toml | $(PY)
	$(PIP) -e .
	touch $@

$(VENV)/.stamp-%: pyproject.toml | $(PY)
	$(PIP) -e ".[$*]"
	touch $@

demo: $(VENV)/.stamp-runtime
	$(VENV)/bin/coopgame tour

test: $(VENV)/.stamp-test
	MPLBACKEND=Agg $(PY) -m pytest

docs: $(VENV)/.stamp-docs
	MPLBACKEND=Agg $(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

# ruff over the repository, mypy over coopgame/, and the layering contract
# (no upward or cyclic imports, lazy ones included; no function named like its module)
lint: $(VENV)/.stamp-lint
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(MAKE) layering

layering: $(VENV)/.stamp-lint
	$(PY) -m pytest -q tests/test_layering.py

# Mutation testing of the solvers, the dynamics and the instruments ([tool.mutmut] in
# pyproject.toml says which files and tests). Slow (hours on two cores) and not part of CI;
# it resumes where it stopped. Survivors: `.venv/bin/mutmut results`, one mutant: `mutmut show NAME`.
# MUTATE restricts the run to some of those files, e.g. `make mutation MUTATE="coopgame/_numeric.py
# coopgame/equilibria/pure.py"` (the score then counts every mutant checked so far in mutants/).
# Hypothesis runs derandomized (the ci profile) so that a mutant's verdict does not depend on the draw.
MUTATE ?=
mutation: $(VENV)/.stamp-test $(VENV)/.stamp-mutation
	HYPOTHESIS_PROFILE=ci MPLBACKEND=Agg $(VENV)/bin/mutmut run --max-children 2 \
	  $(foreach f,$(MUTATE),"$(subst /,.,$(basename $(f))).*")
	$(VENV)/bin/mutmut export-cicd-stats
	$(PY) -c "import json; s = json.load(open('mutants/mutmut-cicd-stats.json')); g = lambda k: int(s.get(k, 0)); \
	k = g('killed') + g('timeout'); n = k + g('survived') + g('no_tests') + g('suspicious') + g('segfault'); \
	print(f'mutation score: {k}/{n} killed ({100 * k / max(n, 1):.1f} %), {g(\"survived\")} survived, {g(\"no_tests\")} without tests')"

bench: $(VENV)/.stamp-bench
	$(PY) benchmarks/run.py

clean:
	rm -rf docs/_build docs/auto_examples docs/reference/generated docs/jupyter_execute tour_figures mutants
