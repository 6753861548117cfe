# Two commands: `make demo` and `make test`. Each creates or refreshes .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
STAMP := $(VENV)/.installed
# dagster-dbt runs `dbt`; it must be on PATH (ARCHITECTURE.md §7).
export PATH := $(BIN):$(PATH)

.PHONY: demo run test lint docs clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11+ is needed; set PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@# gbstats, the A/B engine's reference in the tests, declares numpy<2 and pandas<2 but runs
	@# on today's (ARCHITECTURE.md §7): installed without its declared dependencies.
	$(BIN)/python -m pip install --quiet --no-deps gbstats==0.8.0
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/affiliate demo

run: $(STAMP)
	$(BIN)/affiliate run

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/affiliate docs

clean:
	-$(BIN)/affiliate db down
	rm -rf .affiliate dbt_project/target dbt_project/logs
