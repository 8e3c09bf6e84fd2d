# Two commands: `make run` and `make test`. Both set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck bench clean setup compile postgres browser

setup: compile

# Re-install when the project's dependencies change. setuptools 77 (PEP 639 metadata) is
# put in the venv with pip, so that the project builds in the venv itself: pip's build
# isolation made a second environment and installed setuptools there first, at each install
# (~2 s of a fresh clone's set-up; NOTES « Branch `budget3` »).
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip "setuptools>=77"
	$(BIN)/python -m pip install --quiet --no-build-isolation -e ".[test]"
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
# __pycache__ even where PYTHONDONTWRITEBYTECODE is set: without them each of the
# worker processes parsed and rewrote every test module again, ~5 s of CPU each (NOTES
# « Branch `budget` »). Only pytest's processes are concerned; the app's modules are
# compiled by `make compile`.
# mypy runs beside the main run instead of before it: it fills the main run's start-up,
# when a core would be idle; its output follows the main run's, and the target fails if
# either failed. The snapshot run stays after the main run (beside it, one picture came
# out different in a loaded run), with two workers: 46 tests, ~4 s of CPU less than four.
# On a fresh tree (no rewritten test module kept yet), one process collects the tests first,
# beside mypy: each of the four workers would otherwise rewrite every test module and
# compile the app's at the same time (~8 s of CPU each, ~2.3 s once they are kept).
PYTEST := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest
test: $(STAMP) lint postgres browser
	@out=$$(mktemp -d); \
	$(BIN)/mypy > $$out/mypy 2>&1 & typing=$$!; \
	ls tests/__pycache__/conftest.*-pytest-*.pyc > /dev/null 2>&1 || \
	    $(PYTEST) --collect-only -q -m "not snapshot" tests > /dev/null 2>&1; \
	$(PYTEST) -n 4 --dist loadgroup -m "not snapshot" tests; main=$$?; \
	wait $$typing; typed=$$?; echo "--- mypy"; cat $$out/mypy; rm -rf $$out; \
	test $$main = 0 && test $$typed = 0
	$(PYTEST) -n 2 -m snapshot tests/snapshots

# bench/served.py drives Chromium (the `browser` target installs it when missing).
bench: compile browser
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/step.py --chiffre
	$(BIN)/python bench/attach.py
	$(BIN)/python bench/vault.py
	$(BIN)/python bench/pdf.py
	$(BIN)/python bench/scale.py
	$(BIN)/python bench/hostile.py
	$(BIN)/python bench/served.py

# The tests start a real PostgreSQL server (tests/postgres_server.py, issue 25): Debian's
# `postgresql` package is installed here when its binaries are missing.
postgres:
	@.ci/postgres-binaries > /dev/null

# The served app is tried in a real browser (tests/serve/, issue 26): Debian's Chromium,
# installed here when missing, driven by Playwright's Python package (a test dependency).
browser:
	@.ci/browser-binaries > /dev/null

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache .mypy_cache
