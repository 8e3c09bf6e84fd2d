# Two commands: `make run` and `make test`. Both set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean setup compile

setup: compile

# Re-install when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Byte-compile our modules as `pip install` does for a regular (non-editable) install:
# Python would otherwise compile them at every start where it may not write __pycache__
# (PYTHONDONTWRITEBYTECODE), ~7 ms of start-up. Only changed files are recompiled.
compile: $(STAMP)
	$(BIN)/python -m compileall -q anef_tui

run: compile
	$(BIN)/anef-tui $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check anef_tui tests bench

# The core (domain, store, files, documents, plain, crash, paths, preferences): pyproject's
# [tool.mypy] says which files and how.
typecheck: $(STAMP)
	$(BIN)/mypy

# Unit and Pilot tests in parallel; snapshot tests in their own process (textual#5788).
# Four workers on two cores: Pilot tests spend much of their time waiting for the app to
# be idle, and two workers left a core unused half of the time (bench figures in NOTES).
# pytest may keep its rewritten test modules (and Python the tests' helpers) in
# __pycache__ even where PYTHONDONTWRITEBYTECODE is set: without them each of the eight
# worker processes parsed and rewrote every test module again, ~5 s of CPU each (NOTES
# « Branch `budget` »). Only pytest's processes are concerned; the app's modules are
# compiled by `make compile`.
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest
test: $(STAMP) lint typecheck
	$(PYTEST) -n 4 --dist loadgroup -m "not snapshot" tests
	$(PYTEST) -n 4 -m snapshot tests/snapshots

bench: compile
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/step.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/hostile.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
