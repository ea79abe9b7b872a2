# Two commands do all setup on a fresh machine (see README):
#   make run    extract records from seeds/ (creates .venv on first use)
#   make test   run the test suite        (creates .venv on first use)
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python

.PHONY: run test bench clean

$(VENV)/.installed: pyproject.toml
	@echo "setting up $(VENV) (first run only)..." >&2
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip >&2
	@$(PY) -m pip install --quiet -e ".[test]" >&2
	@touch $@

# stdout carries only the JSON lines, so `make run > out.jsonl` works.
run: $(VENV)/.installed
	@$(PY) -m recovery_extract --format jsonl seeds/*.txt

test: $(VENV)/.installed
	@$(PY) -m pytest

clean:
	rm -rf $(VENV) build dist .pytest_cache .hypothesis
