# Two commands for a new machine: `make demo` and `make test`.
# Every target creates the virtual environment in .venv when it is missing.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test docs bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test,docs,bench]"
	touch $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/coopgame tour

test: $(STAMP)
	MPLBACKEND=Agg $(PY) -m pytest

docs: $(STAMP)
	MPLBACKEND=Agg $(PY) -m sphinx -W --keep-going -b html docs docs/_build/html

bench: $(STAMP)
	$(PY) benchmarks/run.py

clean:
	rm -rf docs/_build docs/auto_examples docs/reference/generated tour_figures
