# Two commands: `make run` and `make test`. Both set everything up on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean setup

setup: $(STAMP)

# Re-install when the project's dependencies change.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/anef-tui $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check anef_tui tests bench

# Unit and Pilot tests in parallel; snapshot tests in their own process (textual#5788).
test: $(STAMP) lint
	$(BIN)/python -m pytest -n 2 --dist worksteal -m "not snapshot" tests
	$(BIN)/python -m pytest -m snapshot tests/snapshots

bench: $(STAMP)
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/check.py
	$(BIN)/python bench/step.py
	$(BIN)/python bench/pdf.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
