# OneVisit. `make demo` and `make test` are the whole quick start.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo test test-sqlite test-postgres bench lint messages install install-test clean

$(STAMP): pyproject.toml requirements/constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[test]'
	touch $@

install: $(STAMP)
install-test: $(TEST_STAMP)

messages: $(STAMP)
	cd src/onevisit && ../../$(BIN)/onevisit compilemessages --ignore='.venv' -v0

demo: $(STAMP) messages
	mkdir -p var
	$(BIN)/onevisit migrate --no-input -v0
	$(BIN)/onevisit seed
	$(BIN)/onevisit collectstatic --no-input -v0
	$(BIN)/onevisit serve --port $(PORT)

# The whole suite on SQLite, then on PostgreSQL when DATABASE_URL_PG (or a local server) is there.
test: $(TEST_STAMP) messages
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: $(TEST_STAMP)
	@echo "== test suite on SQLite =="
	env -u DATABASE_URL $(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres: $(TEST_STAMP)
	@echo "== test suite on PostgreSQL =="
	DATABASE_URL=$${DATABASE_URL_PG:-postgres://postgres@127.0.0.1:5432/onevisit} $(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/onevisit bench

lint: $(TEST_STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) var .pytest_cache
