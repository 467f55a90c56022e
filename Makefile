# Evaluation Workbench. `make run` serves the demo; `make test` runs every test. Both set everything up first.
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
ASSETS := static/govuk/app.css
PYTHON ?= python3

.DEFAULT_GOAL := help
.PHONY: help install assets db run test lint format bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(ASSETS): node_modules/.package-lock.json $(wildcard assets/*.scss assets/*.js) assets/build.sh
	sh assets/build.sh

install: $(STAMP) $(ASSETS) ## Create .venv, install the package, build GOV.UK Frontend assets

assets: node_modules/.package-lock.json ## Rebuild the front-end assets
	sh assets/build.sh

db: install ## Apply migrations to the database; load the demo when it is empty
	$(BIN)/workbench init-db
	$(BIN)/workbench demo --if-empty

run: db ## Serve the demo on http://127.0.0.1:5000
	WORKBENCH_ENV=development $(BIN)/flask --app wsgi run --host 127.0.0.1 --port 5000

test: install ## Lint, then run the whole test suite
	$(BIN)/ruff check .
	$(BIN)/pytest

lint: install ## Lint only
	$(BIN)/ruff check .

format: install ## Fix what ruff can fix
	$(BIN)/ruff check --fix .

bench: db ## Print the speed figures (see bench/README.md)
	$(BIN)/python bench/results_bench.py

clean: ## Remove the virtualenv, node_modules and built assets (keeps instance/)
	rm -rf $(VENV) node_modules static/govuk
