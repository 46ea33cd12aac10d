# paybands — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help setup setup-dev report test test-fast lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv with the runtime pins of requirements.txt (quick when done)

setup-dev: $(DEV) ## Add the test, lint and browser-test tools of requirements-dev.txt

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $(STAMP)

$(DEV): $(STAMP) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $(DEV)

report: setup ## Ingest the embedded sample and write reports/ and figures/
	$(BIN)/paybands report

test: setup-dev ## Run every test (notebook and real-data tests included)
	$(BIN)/pytest

test-fast: setup-dev ## Run the fast tests only
	$(BIN)/pytest -m "not slow"

lint: setup-dev ## Check style with ruff
	$(BIN)/ruff check analysis tests benchmarks notebooks

bench: setup ## Run the benchmarks (they print their figures; need ../shared/data/real)
	$(BIN)/python benchmarks/pay_accuracy.py
	$(BIN)/python benchmarks/pay_throughput.py
	$(BIN)/python benchmarks/report_suite.py

clean: ## Remove generated outputs (keeps .venv)
	rm -rf reports/*.html reports/_build figures/*.png figures/*.svg figures/*.csv data/snapshots
