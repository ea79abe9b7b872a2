# Two commands do all setup on a fresh machine (see README):
#   make run    extract records from seeds/ (creates .venv with the package on first use)
#   make test   run the test suite          (adds the test extras on first use)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test nightly bench clean

$(PY):
	@echo "creating $(VENV) (first run only)..." >&2
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >&2

$(VENV)/.installed-base: pyproject.toml | $(PY)
	@$(PY) -m pip install --quiet -e . >&2
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(PY)
	@echo "installing the test extras (first run only)..." >&2
	@$(PY) -m pip install --quiet -e ".[test]" >&2
	@touch $@ $(VENV)/.installed-base

# stdout carries only the JSON lines, so `make run > out.jsonl` works.
run: $(VENV)/.installed-base
	@$(PY) -m recovery_extract --format jsonl seeds/*.txt

# One worker per core (pytest-xdist). Property tests draw 200 examples each; CI sets
# HYPOTHESIS_PROFILE=ci (2,000), `make nightly` runs them at full strength (10,000).
test: $(VENV)/.installed-test
	@$(PY) -m pytest -n auto

nightly: $(VENV)/.installed-test
	@HYPOTHESIS_PROFILE=nightly $(PY) -m pytest -n auto

# Speed, start-up, memory and the peers (bench/README.md); BENCH_ARGS=--quick to iterate.
bench: $(VENV)/.installed-base
	@$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
