# paybands — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV    := $(VENV)/.installed-dev
# pip prints each package as it is fetched and installed: the first setup's progress.
PIP    := $(BIN)/python -m pip install --disable-pip-version-check --progress-bar on

.DEFAULT_GOAL := help
.PHONY: help setup setup-dev report test test-fast lint bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

setup: $(STAMP) ## Create .venv with the runtime pins of requirements.txt (quick when done)

setup-dev: $(DEV) ## Add the test, lint and browser-test tools of requirements-dev.txt

$(STAMP): requirements.txt pyproject.toml
	@echo "==> paybands setup [1/3]: a virtual environment in $(VENV)/ ($(PYTHON))"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "==> paybands setup [2/3]: the runtime packages pinned in requirements.txt" \
		"(the first time: 1-3 minutes, about 1.2 GB; later runs skip this)"
	$(PIP) -r requirements.txt
	@echo "==> paybands setup [3/3]: paybands itself (editable)"
	$(PIP) --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)
	@echo "==> paybands setup: done"

$(DEV): $(STAMP) requirements-dev.txt
	@echo "==> paybands setup: the test, lint and browser-test tools of requirements-dev.txt"
	$(PIP) -r requirements-dev.txt
	@touch $(DEV)

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

clean: ## Remove generated outputs (keeps .venv and your stores, e.g. data/snapshots)
	rm -rf reports/*.html reports/_build figures/*.png figures/*.svg figures/*.csv data/sample_snapshots
