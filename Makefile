# Two entry points for a fresh machine with only python3 and make:
#   make demo   create .venv, install wiretrace, run it on the bundled examples
#   make test   install dev dependencies, lint, run the whole test suite
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test lint bench bench-large bench-spark eval fuzz clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e .
	touch $@

$(DEVSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP) $@

demo: $(STAMP)
	$(BIN)/wiretrace compare examples/pages

lint: $(DEVSTAMP)
	$(BIN)/ruff check src tests benchmarks eval

test: lint
	$(BIN)/python -m pytest

bench: $(DEVSTAMP)
	$(BIN)/python -m benchmarks

bench-large: $(DEVSTAMP)
	$(BIN)/python -m benchmarks --articles 200000

SPARK_ARTICLES ?= 10000
bench-spark: $(DEVSTAMP)  # the Spark engine on local[2] vs the local engine (SPARK_ARTICLES=200000: the issue's)
	$(BIN)/python -m benchmarks --only spark --articles $(SPARK_ARTICLES)

eval: $(DEVSTAMP)
	$(BIN)/python -m eval

FUZZ_SECONDS ?= 1800
fuzz: $(DEVSTAMP)  # the fault campaign of tests/test_fuzz.py for FUZZ_SECONDS, with 20 kills
	WIRETRACE_FUZZ_SECONDS=$(FUZZ_SECONDS) $(BIN)/python -m pytest tests/test_fuzz.py -s -q

clean:  # also numba's compiled-kernel caches (in __pycache__): a stale one can outlive an edit
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .ruff_cache .hypothesis
	find src tests benchmarks eval -name __pycache__ -prune -exec rm -rf {} +
