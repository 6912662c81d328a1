# Every target installs what it needs first, so each works on a fresh clone.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE_DB := sqlite:///example.db
EXAMPLES := $(filter-out %/README.md,$(wildcard examples/*.txt examples/*.md examples/year/*.txt examples/year/*.md))

.PHONY: install run serve test bench lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: install
	rm -f example.db
	$(BIN)/oversight --db $(EXAMPLE_DB) ingest $(EXAMPLES)
	$(BIN)/oversight --db $(EXAMPLE_DB) tracker --status open --status updated --status overdue
	@echo "Staff sign in with an account: $(BIN)/oversight --db $(EXAMPLE_DB) user add NAME --role admin"
	OVERSIGHT_COOKIE_SECURE=0 $(BIN)/oversight --db $(EXAMPLE_DB) serve

serve: install
	OVERSIGHT_COOKIE_SECURE=0 $(BIN)/oversight --db $(EXAMPLE_DB) serve

test: install
	$(PY) -m pytest

bench: install
	$(PY) -m bench.run
	$(PY) -m bench.load

lint: install
	$(BIN)/ruff check oversight tests bench
	$(BIN)/ruff format --check oversight tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) example.db bench-out .pytest_cache .mypy_cache .ruff_cache
