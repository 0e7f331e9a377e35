# tila's everyday commands. `make demo` and `make test` are the README's two quickstart commands:
# each sets up a virtual environment in .venv on first use, then does its job.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## demo: score the bundled sample organization and print the principle table
demo: $(STAMP)
	$(BIN)/tila score questionnaires/samples/sample-org.csv -q tila-org --by role

## test: the whole suite: lint, strict type check, tests
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/python -m pytest -q

## bench: speed and memory benchmarks (not part of the tests; see BENCHMARKS.md)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_score.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
