# tila's everyday commands. `make demo` and `make test` are the README's two quickstart commands:
# each sets up a virtual environment in .venv on first use, then does its job.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean

# The install compiles the byte gram kernel (hatch_build.py): a change to it reinstalls.
$(STAMP): pyproject.toml hatch_build.py src/tila/scoring/_bytegram.c
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## demo: render the bundled sample organization's reports (HTML and PDF) into tila-demo/
demo: $(STAMP)
	$(BIN)/tila score questionnaires/samples/sample-org.csv -q tila-org --by role
	$(BIN)/tila demo -o tila-demo

## test: the whole suite: lint, strict type check, tests
test: lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts hatch_build.py

typecheck: $(STAMP)
	$(BIN)/mypy

# The browser check's npm packages (axe-core, playwright-core) install into tests/js when Node.js
# is present; without Node.js or Debian's chromium that one test is skipped.
JS_STAMP := tests/js/node_modules/.installed

$(JS_STAMP): tests/js/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/js --no-audit --no-fund --loglevel=error && touch $(JS_STAMP); \
	else echo "npm not found: the browser check will be skipped"; fi

unit: $(STAMP) $(JS_STAMP)
	$(BIN)/python -m pytest -q

## bench: speed and memory benchmarks (not part of the tests; see BENCHMARKS.md)
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_score.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
